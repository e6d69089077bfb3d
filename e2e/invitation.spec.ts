/**
 * Journeys: an admin invites a new colleague who joins from the link with the invited role; an
 * existing person signs in from a link and joins; a used, expired or withdrawn link says so.
 */
import { expect, test } from "./fixtures";
import { linkInMail, mailTo } from "./mail";

test("an admin invites a new colleague, who creates an account from the link and joins as invited", async ({ page, auth }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN"] });
  const invitee = auth.uniqueEmail("newcomer");
  await auth.signIn(page, org.users.ADMIN, { from: org.path("members") });
  await expect(page).toHaveURL(org.path("members"));

  await page.getByLabel("Email address").fill(invitee);
  await page.getByLabel("Role", { exact: true }).selectOption("FINANCE");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByText(`Invitation created for ${invitee} (Finance)`)).toBeVisible();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId(`invitation-${invitee}`)).toContainText("Finance");
  // It was mailed to them too, through the SMTP server, with the same link.
  await expect(page.getByText(/We mailed them this link/)).toBeVisible();
  expect(await linkInMail(invitee, "/invite/")).toBe(new URL(link).pathname);
  expect(mailTo(invitee)[0]!.subject).toContain(`invited you to ${org.name}`);
  // Only the hash is stored.
  const token = link.split("/invite/")[1]!;
  expect(await auth.query(`SELECT id FROM "Invitation" WHERE "tokenHash" = $1`, [token])).toHaveLength(0);

  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.goto(link);
  await expect(page.getByRole("heading", { name: `Join ${org.name}` })).toBeVisible();
  await expect(page.getByText(`as Finance`)).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(invitee);
  await page.getByLabel("Your name").fill("Nia Newcomer");
  await page.getByLabel("Password").fill("lantern velvet canyon 82");
  await page.getByRole("button", { name: "Create account and join" }).click();

  // The invitation link may have been passed on by hand: the address is confirmed by mail first.
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText(`then sign in to reach ${org.name}`)).toBeVisible();
  await page.goto(await linkInMail(invitee, "/verify-email/"));
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await page.getByRole("link", { name: "Go to sign in" }).click();
  await page.getByLabel("Email").fill(invitee);
  await page.getByLabel("Password").fill("lantern velvet canyon 82");
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/o\//);
  await page.goto(org.path("use-cases"));
  await expect(page).toHaveURL(org.path("use-cases"));
  const header = page.getByRole("banner");
  await expect(header.getByTestId("active-organization")).toHaveText(org.name);
  await expect(header.getByText("Nia Newcomer")).toBeVisible();
  await expect(header.getByText("Finance", { exact: true })).toBeVisible();

  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();
});

test("someone with an account signs in from the link and joins", async ({ page, auth }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN"] });
  const home = await auth.makeOrg({ roles: ["ADMIN"] });
  const person = home.users.ADMIN;
  const link = await auth.makeInvitation(org, person.email, "EXECUTIVE");

  await page.goto(link);
  await expect(page.getByRole("heading", { name: `Join ${org.name}` })).toBeVisible();
  await expect(page.getByText("You already have an account with this address. Sign in to accept.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  await page.getByRole("button", { name: `Join ${org.name}` }).click();
  await expect(page).toHaveURL(org.path("use-cases"));
  const header = page.getByRole("banner");
  await expect(header.getByTestId("active-organization")).toHaveText(org.name);
  await expect(header.getByText("Executive", { exact: true })).toBeVisible();
});

test("expired and withdrawn links say so plainly", async ({ page, auth }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN"] });
  const expired = await auth.makeInvitation(org, auth.uniqueEmail("late"), "LEAD", { expiresAt: new Date(Date.now() - 60_000) });
  await page.goto(expired);
  await expect(page.getByRole("heading", { name: "This invitation has expired" })).toBeVisible();
  await expect(page.getByText(`Ask an admin of ${org.name} to send you a new one.`)).toBeVisible();
  await expect(page.getByRole("button", { name: /join|create account/i })).toHaveCount(0);

  await page.goto("/invite/not-a-real-token-at-all-0000000000000000");
  await expect(page.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();

  // An admin withdraws a pending invitation from the Members page; its link stops working.
  const withdrawnEmail = auth.uniqueEmail("withdrawn");
  const withdrawn = await auth.makeInvitation(org, withdrawnEmail, "LEAD");
  await auth.signIn(page, org.users.ADMIN, { from: org.path("members") });
  const row = page.getByTestId(`invitation-${withdrawnEmail}`);
  await row.getByRole("button", { name: `Withdraw invitation for ${withdrawnEmail}` }).click();
  await expect(row).toHaveCount(0);
  await page.goto(withdrawn);
  await expect(page.getByRole("heading", { name: "This invitation was withdrawn" })).toBeVisible();

  // Inviting an address again replaces its pending invitation, and the admin is told the first link stopped working.
  const againEmail = auth.uniqueEmail("again");
  const first = await auth.makeInvitation(org, againEmail, "LEAD");
  await page.goto(org.path("members"));
  await page.getByLabel("Email address").fill(againEmail);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByText(`Invitation created for ${againEmail} (Project lead)`)).toBeVisible();
  await expect(page.getByTestId("invitation-replaced")).toHaveText(`It replaces the earlier invitation to ${againEmail}: that link no longer works.`);
  await page.goto(first);
  await expect(page.getByRole("heading", { name: "This invitation was withdrawn" })).toBeVisible();
  // A first invitation says nothing of the kind.
  await page.goto(org.path("members"));
  await page.getByLabel("Email address").fill(auth.uniqueEmail("once"));
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByText(/Invitation created for/)).toBeVisible();
  await expect(page.getByTestId("invitation-replaced")).toHaveCount(0);
});

test("on a phone, an admin invites a long address: the page does not scroll sideways, and each member's role and controls are in view", async ({ page, auth }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN", "LEAD"] });
  await page.setViewportSize({ width: 390, height: 844 });
  await auth.signIn(page, org.users.ADMIN, { from: org.path("members") });
  const invitee = auth.uniqueEmail("new.analyst.with.a.rather.long.address.for.the.claims.team");
  await page.getByLabel("Email address").fill(invitee);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByText(`Invitation created for ${invitee}`)).toBeVisible();
  await expect(page.getByTestId(`invitation-${invitee}`)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The lead's row: name, address and role within the window, with no scrolling of the table.
  const leadEmail = org.users.LEAD!.email;
  const lead = page.getByTestId(`member-${leadEmail}`);
  await expect(lead).toContainText(leadEmail);
  for (const el of [lead.getByRole("rowheader"), lead.getByText("Project lead", { exact: true }).first()]) {
    const box = (await el.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
});
