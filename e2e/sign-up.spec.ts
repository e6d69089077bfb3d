/**
 * Journey: someone new creates an account and their organization, fixes a too-short password on
 * the way, and lands in the organization as its admin.
 */
import { expect, test } from "./fixtures";

test("someone new signs up, creating their organization, and lands in it as its admin", async ({ page, auth }) => {
  const email = auth.uniqueEmail("founder");
  const orgName = `Founders ${email.slice(8, 16)}`;

  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByRole("link", { name: "Create an account and organization" }).click();
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();

  await page.getByLabel("Your name").fill("Fay Founder");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("Organization name").fill(orgName);
  await page.getByRole("button", { name: "Create account" }).click();

  const password = page.getByLabel("Password");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(password).toBeFocused();
  expect(await auth.query(`SELECT id FROM "User" WHERE email = $1`, [email])).toHaveLength(0);

  await password.fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();

  // An admin lands on the decision queue (issue 20).
  await expect(page).toHaveURL(/\/o\/founders-[a-z0-9-]+-[a-z2-9]{6}\/decisions$/);
  const header = page.getByRole("banner");
  await expect(header.getByTestId("active-organization")).toHaveText(orgName);
  await expect(header.getByText("Fay Founder")).toBeVisible();
  await expect(header.getByText("Admin", { exact: true })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Members" })).toBeVisible();

  const [row] = await auth.query<{ role: string }>(
    `SELECT m.role FROM "Membership" m JOIN "User" u ON u.id = m."userId" JOIN "Organization" o ON o.id = m."organizationId" WHERE u.email = $1 AND o.name = $2`,
    [email, orgName],
  );
  expect(row?.role).toBe("ADMIN");
});

test("an address that already has an account gets the same answer as a new one: sent on to sign in, nothing created, the owner told", async ({ page, auth }) => {
  const existing = await auth.makePerson();
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Someone Else");
  await page.getByLabel("Work email").fill(existing.email.toUpperCase());
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByLabel("Organization name").fill("Another Org");
  await page.getByRole("button", { name: "Create account" }).click();
  // No "already exists": the form signs in with what was typed, which fails, and the sign-in page says so.
  await expect(page).toHaveURL(/\/sign-in\?from=sign-up$/);
  await expect(page.getByText("We could not sign you in with the details you entered.")).toBeVisible();
  await expect(page.getByText(/already exists/)).toHaveCount(0);
  expect(await auth.query(`SELECT id FROM "Organization" WHERE name = 'Another Org' AND id IN (SELECT "organizationId" FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1)`, [existing.email])).toHaveLength(0);

  // The owner (in no organization yet), signing in with their own password, is told someone tried.
  await page.getByLabel("Email").fill(existing.email);
  await page.getByLabel("Password").fill(existing.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  await expect(page.getByTestId("sign-in-notice")).toContainText("Someone tried to create a new account with your email address");
});
