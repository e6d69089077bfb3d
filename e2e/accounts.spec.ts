/**
 * Journeys of issue 19 against a real PostgreSQL and a real SMTP server (scripts/smtp-sink.ts):
 * a forgotten password reset from the mailed link, a password change that signs out the other
 * browser, two-factor enrolment and sign-in with a code and a recovery code, and an
 * organization that requires two-factor of its admins.
 */
import { Secret, TOTP } from "otpauth";
import type { Browser, Page } from "@playwright/test";
import { expect, hydrated, test, type Person } from "./fixtures";
import { linkInMail, mailTo } from "./mail";

const STRONG = "lantern velvet canyon 82";
const codeFor = (secret: string, at = Date.now()) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: at });

async function signInWith(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function secondBrowser(browser: Browser, person: Person) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWith(page, person.email, person.password);
  await expect(page).not.toHaveURL(/\/sign-in/);
  return { context, page };
}

test("a forgotten password is reset from the mailed link, which works once; every session ends", async ({ page, auth, browser }) => {
  const org = await auth.makeOrg({ roles: ["LEAD"] });
  const lead = org.users.LEAD!;
  const other = await secondBrowser(browser, lead);

  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  // An unknown address gets the same answer as a real one.
  const nobody = auth.uniqueEmail("nobody");
  await page.getByLabel("Email").fill(nobody);
  await page.getByRole("button", { name: "Mail me a reset link" }).click();
  const answer = page.getByText(/If an account uses that address, we have mailed it a link/);
  await expect(answer).toBeVisible();
  await page.getByLabel("Email").fill(lead.email);
  await page.getByRole("button", { name: "Mail me a reset link" }).click();
  await expect(answer).toBeVisible();

  const link = await linkInMail(lead.email, "/reset-password/");
  expect(mailTo(lead.email)[0]!.subject).toBe("Reset your Tradeoff password");
  expect(mailTo(nobody)).toEqual([]);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("New password").fill("qwertyuiop12");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText(/This password is too easy to guess\./)).toBeVisible();
  await page.getByLabel("New password").fill(STRONG);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Your password was changed, and every session was signed out.")).toBeVisible();

  // The other browser was signed out.
  await other.page.goto(org.path("use-cases"));
  await expect(other.page).toHaveURL(/\/sign-in/);
  await other.context.close();

  // The old password no longer works; the new one does.
  await signInWith(page, lead.email, lead.password);
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await signInWith(page, lead.email, STRONG);
  await expect(page).toHaveURL(org.path("use-cases"));

  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This reset link does not work" })).toBeVisible();
  const [event] = await auth.query<{ action: string }>(`SELECT action FROM "AuditEvent" WHERE "organizationId" = $1 AND action = 'account.password_reset'`, [org.id]);
  expect(event?.action).toBe("account.password_reset");
});

test("a signed-in person changes their password: the current one is required, the other browser is signed out, this one stays", async ({ page, auth, browser }) => {
  const org = await auth.makeOrg({ roles: ["FINANCE"] });
  const person = org.users.FINANCE!;
  const other = await secondBrowser(browser, person);
  await auth.signIn(page, person, { from: org.path("use-cases") });

  await page.getByRole("banner").getByRole("link", { name: "Your account" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await page.getByLabel("Current password").fill("not my password at all");
  await page.getByLabel("New password").fill(STRONG);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();

  await page.getByLabel("Current password").fill(person.password);
  await page.getByLabel("New password").fill(STRONG);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password was changed. Your other sessions were signed out.")).toBeVisible();
  await expect.poll(() => mailTo(person.email).map((m) => m.subject)).toContain("Your Tradeoff password was changed");

  // This browser is still in; the other is out.
  await page.goto(org.path("use-cases"));
  await expect(page).toHaveURL(org.path("use-cases"));
  await other.page.goto(org.path("use-cases"));
  await expect(other.page).toHaveURL(/\/sign-in/);
  await other.context.close();
});

test("two-factor: enrol with an authenticator code, keep the recovery codes; the password alone then signs nobody in", async ({ page, auth }) => {
  const org = await auth.makeOrg({ roles: ["LEAD"] });
  const lead = org.users.LEAD!;
  await auth.signIn(page, lead, { from: "/account" });
  await expect(page).toHaveURL(/\/account/);

  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await expect(page.getByRole("img", { name: "QR code of your two-factor key" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Code from the app").fill("000000");
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByText(/That code did not work/)).toBeVisible();
  await page.getByLabel("Code from the app").fill(codeFor(secret));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByRole("heading", { name: /Save your recovery codes/ })).toBeVisible();
  const codes = await page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").allTextContents();
  expect(codes).toHaveLength(10);
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByTestId("two-factor-status")).toContainText("You have 10 unused recovery codes.");

  await page.context().clearCookies();

  // Password alone: the form asks for the code; no session exists yet.
  await signInWith(page, lead.email, lead.password);
  const code = page.getByLabel("Authentication code");
  await expect(code).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect((await page.context().cookies()).filter((c) => c.name.includes("session-token"))).toEqual([]);
  await page.goto(org.path("use-cases"));
  await expect(page).toHaveURL(/\/sign-in/);

  await signInWith(page, lead.email, lead.password);
  await code.fill("123456");
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByText(/That code did not work/)).toBeVisible();
  await code.fill(codeFor(secret, Date.now() + 30_000));
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).toHaveURL(org.path("use-cases"));

  // A recovery code signs in once.
  await page.context().clearCookies();
  await signInWith(page, lead.email, lead.password);
  await code.fill(codes[0]!);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).toHaveURL(org.path("use-cases"));
  await page.context().clearCookies();
  await signInWith(page, lead.email, lead.password);
  await code.fill(codes[0]!);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByText(/That code did not work/)).toBeVisible();

  const actions = await auth.query<{ action: string }>(`SELECT action FROM "AuditEvent" WHERE "organizationId" = $1 AND "entityId" = $2 ORDER BY at`, [org.id, lead.id]);
  expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["account.two_factor_enabled", "account.recovery_code_used"]));
});

test("an organization that requires two-factor of admins sends an admin without it to set it up first", async ({ page, auth }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN", "LEAD"] });
  const admin = org.users.ADMIN;
  await auth.signIn(page, admin, { from: org.path("members") });
  const policy = page.getByLabel("Who must use two-factor sign-in");
  await hydrated(policy);
  await policy.selectOption("admins");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  // Not before the admin has it themself.
  await expect(page.getByText("Turn on two-factor sign-in for your own account first.").first()).toBeVisible();

  // Another admin's rule (made in the database here) covers this admin: every page sends them to set it up.
  await auth.query(`UPDATE "Organization" SET "twoFactorPolicy" = 'admins' WHERE id = $1`, [org.id]);
  await page.goto(org.path("use-cases"));
  await expect(page).toHaveURL(/\/account\?required=/);
  await expect(page.getByRole("alert").filter({ hasText: `${org.name} requires two-factor sign-in` })).toBeVisible();
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Code from the app").fill(codeFor(secret));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByText(`${org.name} requires it of you, so it cannot be turned off.`)).toBeVisible();
  await page.goto(org.path("use-cases"));
  await expect(page).toHaveURL(org.path("use-cases"));

  // The lead is not covered by an admins-only rule.
  await page.context().clearCookies();
  await auth.signIn(page, org.users.LEAD!, { from: org.path("use-cases") });
  await expect(page).toHaveURL(org.path("use-cases"));
});
