/**
 * Journey: someone new creates an account and their organization, fixes a too-short and then a
 * too-guessable password on the way, confirms their address from the mail that arrived at the
 * (real) SMTP server, signs in, and lands in the organization as its admin, where the first page
 * says the organization has no use cases yet and points to what to do first, until it has one.
 * In a new organization, each role is pointed only to the steps its role lets it take.
 */
import { expect, test, type Role } from "./fixtures";
import { linkInMail, mailTo } from "./mail";

const STRONG = "lantern velvet canyon 82";

test("someone new signs up, creating their organization, confirms the address from the mail, and lands in it as its admin", async ({ page, auth }) => {
  // Signing up, confirming, then the first steps: inviting, and logging a use case.
  test.setTimeout(150_000);
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

  // A new organization: the first page says what has not been done yet, and every first step open to an admin.
  const landing = page.url();
  const firstSteps = page.getByRole("region", { name: `${orgName} has no use cases yet` });
  await expect(firstSteps).toBeVisible();
  await expect(firstSteps.getByRole("list", { name: "First steps" }).getByRole("link")).toHaveText([
    "Log your first use case",
    "Import an inventory from CSV",
    "Invite colleagues",
    "Edit the cost assumptions",
  ]);
  await firstSteps.getByRole("link", { name: "Invite colleagues" }).click();
  await expect(page).toHaveURL(/\/members#invite-heading$/);
  await expect(page.getByRole("heading", { name: "Invite someone" })).toBeVisible();

  // Back on the first page, the admin follows the first step and logs a use case.
  await page.goto(landing);
  await page.getByRole("region", { name: `${orgName} has no use cases yet` }).getByRole("link", { name: "Log your first use case" }).click();
  await expect(page).toHaveURL(/\/use-cases\/new$/);
  await page.getByLabel("Title").fill("Contract clause finder");
  await page.getByRole("button", { name: "Save use case" }).click();
  await expect(page.getByText("Use case saved.")).toBeVisible();

  // With a use case, the pointers give way to the pages themselves.
  await page.goto(landing);
  await expect(page.getByRole("heading", { name: "Needs a decision", level: 1 })).toBeVisible();
  await expect(page.getByTestId("queue-panels")).toBeVisible();
  await expect(page.getByRole("region", { name: `${orgName} has no use cases yet` })).toHaveCount(0);
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Use cases" }).click();
  await expect(page.getByRole("link", { name: "Contract clause finder" })).toBeVisible();
  await expect(page.getByRole("list", { name: "First steps" })).toHaveCount(0);

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

test("in a new organization each role is pointed only to the first steps its role allows, and each leads to a page it may use", async ({ browser, auth }) => {
  // Three people sign in, and each opens every step shown.
  test.setTimeout(150_000);
  const org = await auth.makeOrg();
  const expected: Record<Exclude<Role, "ADMIN">, { lands: string; steps: string[] }> = {
    EXECUTIVE: { lands: "decisions", steps: ["Log your first use case", "Import an inventory from CSV"] },
    LEAD: { lands: "use-cases", steps: ["Log your first use case", "Import an inventory from CSV"] },
    FINANCE: { lands: "use-cases", steps: ["Edit the cost assumptions"] },
  };
  for (const [role, { lands, steps }] of Object.entries(expected) as [Exclude<Role, "ADMIN">, (typeof expected)["LEAD"]][]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await auth.signIn(page, org.users[role]!, { from: `/o/${org.slug}` });
    await expect(page).toHaveURL(new RegExp(`${org.path(lands)}$`));
    const region = page.getByRole("region", { name: `${org.name} has no use cases yet` });
    await expect(region, role).toBeVisible();
    const links = region.getByRole("list", { name: "First steps" }).getByRole("link");
    await expect(links, role).toHaveText(steps);
    // No way to invite anyone but an admin's, and none to import for finance, anywhere on the page.
    await expect(page.getByRole("link", { name: "Invite colleagues" })).toHaveCount(0);
    if (role === "FINANCE") {
      await expect(page.getByRole("link", { name: /import/i })).toHaveCount(0);
      await expect(region).toContainText("Use cases are logged by project leads, executives and admins.");
    }
    // Every step shown opens, none ends on a refusal.
    for (const href of await links.evaluateAll((els) => els.map((el) => el.getAttribute("href")!))) {
      const response = await page.goto(href);
      expect(response?.status(), `${role} → ${href}`).toBe(200);
      await expect(page.getByRole("heading", { name: "You don't have permission to see this page" })).toHaveCount(0);
    }
    await context.close();
  }

  // Finance's portfolio, budgets and actual spend say the same, with the same single step.
  const context = await browser.newContext();
  const page = await context.newPage();
  await auth.signIn(page, org.users.FINANCE!, { from: org.path("portfolio") });
  const region = page.getByRole("region", { name: `${org.name} has no use cases yet` });
  await expect(region).toContainText("Their projections add up here");
  await expect(region.getByRole("link")).toHaveText(["Edit the cost assumptions"]);
  await page.goto(org.path("value"));
  await expect(page.getByTestId("budgets-first-steps")).toContainText(`No business units yet: they come from the use cases' business unit, and ${org.name} has no use cases yet.`);
  await expect(page.getByTestId("budgets-first-steps").getByRole("link")).toHaveText(["Edit the cost assumptions"]);
  await page.goto(org.path("actuals"));
  await expect(page.getByTestId("actuals-first-steps")).toContainText(`It is set against use cases, and ${org.name} has no use cases yet.`);
  await expect(page.getByTestId("actuals-first-steps").getByRole("link")).toHaveText(["Edit the cost assumptions"]);
  await context.close();
});
