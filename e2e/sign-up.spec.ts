/**
 * Journey: someone new creates an account and their organization, fixes a too-short and then a
 * too-guessable password on the way, confirms their address from the mail that arrived at the
 * (real) SMTP server, signs in, and lands in the organization as its admin.
 */
import { expect, test } from "./fixtures";
import { linkInMail, mailTo } from "./mail";

const STRONG = "lantern velvet canyon 82";

test("someone new signs up, creating their organization, confirms the address from the mail, and lands in it as its admin", async ({ page, auth }) => {
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
  await expect(page.getByText(/^Use at least 10 characters\./)).toBeVisible();
  await expect(password).toBeFocused();
  expect(await auth.query(`SELECT id FROM "User" WHERE email = $1`, [email])).toHaveLength(0);

  // Long enough, but easy to guess: the message says how to do better.
  await password.fill("password1234");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/This password is too easy to guess\./)).toBeVisible();
  expect(await auth.query(`SELECT id FROM "User" WHERE email = $1`, [email])).toHaveLength(0);

  await password.fill(STRONG);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText(`We sent a message to ${email}.`)).toBeVisible();

  // Not confirmed yet: the right password makes no session.
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(STRONG);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/Confirm your email address first/)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);

  const link = await linkInMail(email, "/verify-email/");
  expect(mailTo(email)[0]!.subject).toBe("Confirm your email address for Tradeoff");
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByText(`Thank you: ${email} is confirmed. You can sign in now.`)).toBeVisible();
  await page.getByRole("link", { name: "Go to sign in" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(STRONG);
  await page.getByRole("button", { name: "Sign in" }).click();

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

  // The link worked once.
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByText(/This confirmation link is not valid any more/)).toBeVisible();
});

test("an address that already has an account gets the same answer as a new one: nothing created, the owner mailed and told", async ({ page, auth }) => {
  const existing = await auth.makePerson();
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Someone Else");
  await page.getByLabel("Work email").fill(existing.email.toUpperCase());
  await page.getByLabel("Password").fill(STRONG);
  await page.getByLabel("Organization name").fill("Another Org");
  await page.getByRole("button", { name: "Create account" }).click();
  // No "already exists": the same "check your email" as for a new address.
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText(/already exists/)).toHaveCount(0);
  expect(await auth.query(`SELECT id FROM "Organization" WHERE name = 'Another Org' AND id IN (SELECT "organizationId" FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1)`, [existing.email])).toHaveLength(0);
  // The owner's mail says what happened and how to get in.
  await linkInMail(existing.email, "/forgot-password");
  expect(mailTo(existing.email)[0]!.subject).toBe("Someone tried to create a Tradeoff account with your address");

  // The owner (in no organization yet), signing in with their own password, is told someone tried.
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(existing.email);
  await page.getByLabel("Password").fill(existing.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  await expect(page.getByTestId("sign-in-notice")).toContainText("Someone tried to create a new account with your email address");
});
