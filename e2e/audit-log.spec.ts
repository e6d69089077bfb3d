/**
 * Journey (issue 19, item 6): an admin reads the organization's audit log. A member's failed
 * sign-in, an outsider's probe and a lead's refused visit show as security events with who, what
 * and from where; the admin filters by person, action and days, pages through by keyset, and
 * downloads the filtered log as a CSV whose formula-looking cells are neutralised. A lead has no
 * link to the page and is refused it.
 */
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { expect, test } from "./fixtures";

test("an admin sees failed sign-ins and refused attempts, filters, pages and exports the audit log", async ({ page, auth, browser }) => {
  test.setTimeout(120_000);
  const org = await auth.makeOrg({ roles: ["ADMIN", "LEAD"] });
  const outsider = await auth.makeOrg({ roles: ["ADMIN"] });
  const lead = org.users.LEAD!;

  // 60 changes by the lead on one past day (a minute apart), one with a formula-looking id.
  await auth.query(
    `INSERT INTO "AuditEvent" (id, "organizationId", "actorId", action, entity, "entityId", after, at)
     SELECT 'e2e-audit-' || $1 || '-' || g, $1, $2, 'use_case.updated', 'UseCase',
            CASE WHEN g = 60 THEN '=HYPERLINK("http://evil.example","x")' ELSE 'use-case-' || g END,
            jsonb_build_object('title', 'Title ' || g), timestamp '2026-01-15 08:00:00' + (g || ' minutes')::interval
       FROM generate_series(1, 60) g`,
    [org.id, lead.id],
  );

  // Someone tries the lead's account with a wrong password.
  const other = await browser.newContext();
  const stranger = await other.newPage();
  await stranger.goto("/sign-in");
  await stranger.getByLabel("Email").fill(lead.email);
  await stranger.getByLabel("Password").fill("not-the-password-at-all");
  await stranger.getByRole("button", { name: "Sign in" }).click();
  await expect(stranger.getByRole("main").getByRole("alert")).toContainText("Wrong email or password.");
  // An admin of another organization probes this one.
  await auth.signIn(stranger, outsider.users.ADMIN);
  expect((await stranger.goto(org.path("members")))?.status()).toBe(404);
  await other.close();

  // The lead has no link to the audit log and is refused it.
  const leadContext = await browser.newContext();
  const leadPage = await leadContext.newPage();
  await auth.signIn(leadPage, lead);
  await expect(leadPage.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Audit log" })).toHaveCount(0);
  expect((await leadPage.goto(org.path("audit")))?.status()).toBe(403);
  await expect(leadPage.getByRole("heading", { name: "You don't have permission to see this page" })).toBeVisible();
  await leadContext.close();

  // The admin opens the audit log from the menu.
  await auth.signIn(page, org.users.ADMIN);
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();

  // Security events only: the three attempts, each with person, address and outcome.
  await page.getByLabel("Show").selectOption("security");
  await page.getByRole("button", { name: "Apply filter" }).click();
  await expect(page).toHaveURL(/kind=security/);
  const rows = page.getByTestId("audit-row");
  const failed = rows.filter({ hasText: "Failed sign-in" });
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText(lead.name);
  await expect(failed).toContainText("Failed");
  await expect(failed.locator("td").nth(4)).not.toHaveText("");
  const probe = rows.filter({ hasText: "Refused: not a member of this organization" });
  await expect(probe).toContainText(outsider.users.ADMIN.email);
  await expect(probe).toContainText(`/o/${org.slug}/members`);
  const refused = rows.filter({ hasText: "Refused: the role does not allow it" });
  await expect(refused).toContainText(lead.name);
  await expect(refused).toContainText(`/o/${org.slug}/audit`);
  await expect(rows.filter({ hasText: "Use case: updated" })).toHaveCount(0);

  // Changes by the lead, "use_case." actions, on 15 January: 60, in pages of 50.
  await page.getByLabel("Show").selectOption("changes");
  await page.getByLabel("Person").selectOption({ label: `${lead.name} (${lead.email})` });
  await page.getByLabel("Action starts with").fill("use_case.");
  await page.getByLabel("From (UTC)").fill("2026-01-15");
  await page.getByLabel("To (UTC)").fill("2026-01-15");
  await page.getByRole("button", { name: "Apply filter" }).click();
  await expect(page).toHaveURL(/person=/);
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText("Title: Title 60");
  // The action in words, its code a hover away (the code is what the filter matches).
  await expect(rows.first().getByTitle("use_case.updated")).toHaveText("Use case: updated");
  // These changes name use cases that do not exist: each says so where its title would be.
  await expect(rows.first().getByTestId("audit-use-case")).toHaveText("(deleted)");
  await expect(page.getByRole("link", { name: "Newer events" })).toHaveCount(0);
  await page.getByRole("link", { name: "Older events" }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(rows).toHaveCount(10);
  await expect(rows.first()).toContainText("Title: Title 10");
  // A change recorded without an address says so, as every other empty cell does.
  await expect(rows.first().locator("td").nth(4)).toHaveText("—");
  await expect(rows.last()).toContainText("Title: Title 1");
  await expect(page.getByRole("link", { name: "Older events" })).toHaveCount(0);
  await page.getByRole("link", { name: "Newer events" }).click();
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText("Title: Title 60");
  await expect(rows.last()).toContainText("Title: Title 11");

  // A day with nothing on it.
  await page.getByLabel("From (UTC)").fill("2026-01-16");
  await page.getByLabel("To (UTC)").fill("2026-01-16");
  await page.getByRole("button", { name: "Apply filter" }).click();
  await expect(page.getByTestId("audit-empty")).toHaveText("No events match this filter.");
  await page.getByLabel("From (UTC)").fill("2026-01-15");
  await page.getByLabel("To (UTC)").fill("2026-01-15");
  await page.getByRole("button", { name: "Apply filter" }).click();
  await expect(rows).toHaveCount(50);

  // The CSV: every row of the filter (not just the page), the formula neutralised.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-export").click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${org.slug}-audit-log-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const text = readFileSync((await download.path())!, "utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  const [header, ...records] = Papa.parse<string[]>(text.slice(1).trimEnd(), { newline: "\r\n" }).data;
  expect(header!.slice(0, 4)).toEqual(["Time (UTC)", "Last time (UTC)", "Count", "Kind"]);
  expect(records).toHaveLength(60);
  expect(records.every((r) => r[3] === "change" && r[5] === lead.email && r[6] === "use_case.updated")).toBe(true);
  expect(records[0]![9]).toBe(`'=HYPERLINK("http://evil.example","x")`);
  expect(records[0]![0]).toBe("2026-01-15T09:00:00.000Z");
});

test("a filter the page cannot read is named, and the log is shown unfiltered", async ({ page, auth }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN"] });
  await auth.signIn(page, org.users.ADMIN);
  const response = await page.goto(`${org.path("audit")}?from=2026-02-30&action=%3Dcmd()`);
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("audit-problems")).toContainText("The start date must be a day written YYYY-MM-DD");
  await expect(page.getByTestId("audit-problems")).toContainText("The action may hold only");
  // The export refuses the same filter with a sentence, never a 500.
  const res = await page.request.get(`${org.path("audit/events.csv")}?from=2026-02-30`);
  expect(res.status()).toBe(422);
  expect((await res.json()).error).toContain("start date");
});
