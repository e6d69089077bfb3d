/**
 * Journey: a project lead does not see the admin pages and is told plainly when they open one;
 * someone from another organization gets "not found" for its pages.
 */
import { expect, test } from "./fixtures";

test("a project lead has no Members page: hidden in the menu, 403 when opened directly", async ({ page, auth }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN", "LEAD"] });
  await auth.signIn(page, org.users.LEAD!);
  const nav = page.getByRole("navigation", { name: "Organization" });
  await expect(nav.getByRole("link", { name: "Use cases" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Members" })).toHaveCount(0);

  const response = await page.goto(org.path("members"));
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have permission to see this page" })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await expect(page.getByText(org.users.ADMIN.email)).toHaveCount(0);
  // The shell stays, so they can go elsewhere.
  await expect(page.getByRole("banner").getByTestId("active-organization")).toHaveText(org.name);
});

test("another organization's admin gets not found for this organization's pages", async ({ page, auth }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN"] });
  const other = await auth.makeOrg({ roles: ["ADMIN"] });
  await auth.signIn(page, other.users.ADMIN);
  for (const section of ["members", "portfolio"]) {
    const response = await page.goto(org.path(section));
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText(org.name)).toHaveCount(0);
  }
});

test("something that does not exist in one's own organization is a 404 inside the shell", async ({ page, auth }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN"] });
  await auth.signIn(page, org.users.ADMIN);
  const response = await page.goto(org.path("use-cases/no-such-use-case"));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("banner").getByTestId("active-organization")).toHaveText(org.name);
});
