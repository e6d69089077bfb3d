/**
 * Journey: a person in two organizations (admin in one, project lead in the other) switches
 * between them; the section stays, and what they see follows their role in each.
 */
import { expect, test } from "./fixtures";

test("switching organization keeps the section and shows that organization's role", async ({ page, auth }) => {
  const alpha = await auth.makeOrg({ name: `Alpha ${crypto.randomUUID().slice(0, 6)}`, roles: ["ADMIN"] });
  const beta = await auth.makeOrg({ name: `Beta ${crypto.randomUUID().slice(0, 6)}`, roles: ["ADMIN"] });
  const person = alpha.users.ADMIN;
  await auth.addMember(beta, person, "LEAD");

  await auth.signIn(page, person);
  // `/` opens the first organization (alphabetically) where its role lands: an admin on the decision queue (issue 20).
  await expect(page).toHaveURL(alpha.path("decisions"));

  const header = page.getByRole("banner");
  const nav = page.getByRole("navigation", { name: "Organization" });
  await nav.getByRole("link", { name: "Portfolio" }).click();
  await expect(page).toHaveURL(alpha.path("portfolio"));
  await expect(nav.getByRole("link", { name: "Portfolio" })).toHaveAttribute("aria-current", "page");

  await header.getByRole("button", { name: /switch organization/ }).click();
  await header.getByRole("link", { name: new RegExp(beta.name) }).click();
  await expect(page).toHaveURL(beta.path("portfolio"));
  await expect(header.getByTestId("active-organization")).toHaveText(beta.name);
  await expect(header.getByText("Project lead", { exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Members" })).toHaveCount(0);

  await header.getByRole("button", { name: /switch organization/ }).click();
  await header.getByRole("link", { name: new RegExp(alpha.name) }).click();
  await expect(page).toHaveURL(alpha.path("portfolio"));
  await expect(header.getByText("Admin", { exact: true })).toBeVisible();
  await nav.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();

  // Members is for admins: switching from there to where they lead opens use cases instead.
  await header.getByRole("button", { name: /switch organization/ }).click();
  await header.getByRole("link", { name: new RegExp(beta.name) }).click();
  await expect(page).toHaveURL(beta.path("use-cases"));
  await expect(header.getByTestId("active-organization")).toHaveText(beta.name);
});
