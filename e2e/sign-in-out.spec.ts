/**
 * Journey: a member asks for a page while signed out, is sent to sign in, mistypes the password,
 * signs in, comes back to that page, and signs out again. And a throttled account is told to wait.
 */
import { expect, test } from "./fixtures";

test("sign in returns you to the page you asked for; sign out ends the session", async ({ page, auth }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN", "FINANCE"] });
  const person = org.users.FINANCE!;

  await page.goto(org.path("portfolio"));
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await expect(page.getByRole("heading", { name: "Sign in to Tradeoff" })).toBeVisible();

  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(org.path("portfolio"));
  await expect(page.getByRole("heading", { name: "Portfolio", level: 1 })).toBeVisible();
  const header = page.getByRole("banner");
  await expect(header.getByTestId("active-organization")).toHaveText(org.name);
  await expect(header.getByText(person.name)).toBeVisible();
  await expect(header.getByText("Finance", { exact: true })).toBeVisible();

  await header.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto(org.path("portfolio"));
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
});

test("after too many failed attempts, the form says how long to wait", async ({ page, auth }) => {
  const person = await auth.makePerson();
  await page.goto("/sign-in");
  // Five wrong passwords from this browser, through the form.
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill(`wrong password ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Wrong email or password.");
    await page.goto("/sign-in");
  }
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(/Too many attempts, wait \d+ seconds/);
  await expect(page).toHaveURL(/\/sign-in$/);
});
