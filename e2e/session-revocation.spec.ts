/**
 * Journey: someone copies a member's session cookie; the member signs out. The copy is now
 * worthless: put back into the same browser it cannot save (the open form is refused with a
 * request to sign in, nothing is written), and in another browser it gets the sign-in page.
 * And "End all my sessions" signs the person out in every browser at once.
 */
import { randomUUID } from "node:crypto";
import type { BrowserContext } from "@playwright/test";
import { expect, test } from "./fixtures";

async function sessionCookies(context: BrowserContext) {
  return (await context.cookies()).filter((c) => c.name.endsWith("next-auth.session-token"));
}

test("a session cookie copied before sign-out is refused after it, by pages and by server actions", async ({ page, browser, auth, baseURL }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN", "LEAD"] });
  const lead = org.users.LEAD!;
  await auth.signIn(page, lead, { from: org.path("use-cases/new") });
  await expect(page).toHaveURL(org.path("use-cases/new"));
  const copied = await sessionCookies(page.context());
  expect(copied).toHaveLength(1);

  // Signed out in another tab, while the form stays open in this one.
  const tab = await page.context().newPage();
  await tab.goto(org.path("use-cases"));
  await tab.getByRole("banner").getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(tab).toHaveURL(/\/sign-in$/);
  expect(await sessionCookies(page.context())).toHaveLength(0);
  await tab.close();

  // The copy is put back into this browser: the open form's save is refused.
  await page.context().addCookies(copied);
  const title = `Saved with a revoked session ${randomUUID()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Save use case" }).click();
  await expect(page.getByRole("alert").first()).toContainText("Please sign in.");
  expect(await auth.query(`SELECT id FROM "UseCase" WHERE title = $1`, [title])).toHaveLength(0);

  // In a fresh browser, the copy gets the sign-in page.
  const other = await browser.newContext({ baseURL });
  try {
    await other.addCookies(copied);
    const stranger = await other.newPage();
    await stranger.goto(org.path("portfolio"));
    await expect(stranger).toHaveURL(/\/sign-in\?callbackUrl=/);
    await expect(stranger.getByRole("heading", { name: "Sign in to Tradeoff" })).toBeVisible();
  } finally {
    await other.close();
  }

  // The sign-out is in the organization's audit log, by the member.
  const events = await auth.query<{ actorId: string }>(`SELECT "actorId" FROM "AuditEvent" WHERE "organizationId" = $1 AND action = 'session.signed_out'`, [org.id]);
  expect(events).toEqual([{ actorId: lead.id }]);
});

test("End all my sessions signs the person out in every browser", async ({ page, browser, auth, baseURL }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN", "EXECUTIVE"] });
  const exec = org.users.EXECUTIVE!;
  const laptop = await browser.newContext({ baseURL });
  try {
    const elsewhere = await laptop.newPage();
    await auth.signIn(elsewhere, exec, { from: org.path("portfolio") });
    await expect(elsewhere).toHaveURL(org.path("portfolio"));

    await auth.signIn(page, exec, { from: org.path("use-cases") });
    await expect(page).toHaveURL(org.path("use-cases"));
    await page.getByRole("banner").getByRole("button", { name: "End all my sessions" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);

    await elsewhere.reload();
    await expect(elsewhere).toHaveURL(/\/sign-in\?callbackUrl=/);

    // Signing in again works.
    await auth.signIn(page, exec, { from: org.path("portfolio") });
    await expect(page.getByRole("heading", { name: "Portfolio", level: 1 })).toBeVisible();
  } finally {
    await laptop.close();
  }
});
