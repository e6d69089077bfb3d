/**
 * Journey (issue 21): finance imports a FOCUS file of actual spend, sees each month's total and
 * the spend no use case carries, attributes a shared database by rules with shares, re-imports a
 * re-issued month (which replaces it, never adds to it) and undoes that; the use case shows its
 * actuals against its projection in a sentence with its warning; an executive sees the portfolio's
 * projected against actual and the use cases furthest outside their range; a lead can read, not import.
 */
import { randomUUID } from "node:crypto";
import { expect, test, type Auth, type Org, chooseFile } from "./fixtures";
import { focusFebruaryReissued, focusSample } from "../tests/helpers/actuals-samples";

const cuidish = () => `c${randomUUID().replace(/-/g, "").slice(0, 24)}`;

/** A decided use case with a 2026 projection (metered categories only), straight in the database, with its rollup row. */
async function seedUseCase(auth: Auth, org: Org, u: { title: string; externalId: string; businessUnit: string; approach: string; lines: [string, number][] }) {
  const id = cuidish();
  const owner = org.users.LEAD!.id;
  await auth.query(
    `INSERT INTO "UseCase" (id, "organizationId", "externalId", title, "businessUnit", "ownerId", "createdById", "recommendedApproach", "chosenApproach", evidence, "startDate", status, "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7::"Approach", $7::"Approach", 'assessed', '2026-01-01', 'LIVE', now())`,
    [id, org.id, u.externalId, u.title, u.businessUnit, owner, u.approach],
  );
  // One set per use case and approach, a line per category (lib/domain/costing/line-sets.ts).
  await auth.query(
    `INSERT INTO "CostLineSet" ("organizationId", "useCaseId", approach, category, "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents")
     SELECT $1, $2, $3::"Approach", $4::text[], array_fill(1, ARRAY[$8::int]), array_fill(2026, ARRAY[$8::int]), $5::bigint[], $6::bigint[], $7::bigint[]`,
    [org.id, id, u.approach, u.lines.map(([c]) => c), u.lines.map(([, b]) => Math.round(b * 0.8)), u.lines.map(([, b]) => b), u.lines.map(([, b]) => Math.round(b * 1.25)), u.lines.length],
  );
  await auth.query(
    `INSERT INTO "UseCaseRollup" ("useCaseId", "organizationId", "businessUnit", status, "ownerId", "recommendedApproach", "chosenApproach", "updatedAt", evidence)
     VALUES ($1, $2, $3, 'LIVE', $4, $5::"Approach", $5::"Approach", now(), 'assessed')`,
    [id, org.id, u.businessUnit, owner, u.approach],
  );
  return id;
}

test("finance imports, attributes and re-imports actual spend; the use case and the portfolio compare it with the projection", async ({ page, auth }) => {
  const org = await auth.makeOrg();
  const claims = await seedUseCase(auth, org, { title: "Claims triage", externalId: "UC-A", businessUnit: "Claims", approach: "RAG", lines: [["INFERENCE", 2_400_00], ["RETRIEVAL_INFRA", 600_00]] });
  await seedUseCase(auth, org, { title: "Letter drafting", externalId: "UC-B", businessUnit: "Service", approach: "PROMPTING", lines: [["INFERENCE", 240_00]] });
  // Started in January, $1,200 a year, and no bill: left out of the comparison, and said to be ($200 to February).
  const quiet = await seedUseCase(auth, org, { title: "Quiet one", externalId: "UC-Q", businessUnit: "Service", approach: "PROMPTING", lines: [["INFERENCE", 1_200_00]] });

  await auth.signIn(page, org.users.FINANCE!, { from: org.path("use-cases") });
  await page.getByRole("link", { name: "Actual spend" }).click();
  await expect(page.getByRole("heading", { name: "Actual spend", level: 1 })).toBeVisible();

  // 1. The FOCUS file: every month's total, to the cent.
  await chooseFile(page.getByLabel("CSV file"), { name: "focus-2026.csv", mimeType: "text/csv", buffer: Buffer.from(focusSample()) });
  await page.getByLabel("Feed").fill("Azure billing");
  await page.getByRole("button", { name: "Import" }).click();
  const outcome = page.getByTestId("actuals-outcome");
  await expect(outcome).toContainText("Imported 10 rows (FOCUS, feed “Azure billing”): $462.67 in all.");
  await expect(outcome).toContainText("January 2026: $215.67");
  await expect(outcome).toContainText("February 2026: $247.00");

  // 2. Unattributed spend is shown as such, with where it comes from.
  await expect(page.getByTestId("unattributed-total")).toContainText("$112.56 this year belongs to no use case yet");
  await expect(page.getByTestId("unattributed-sources").getByRole("row", { name: /vector-db-1/ })).toContainText("$90.01");
  // The started use case with no bill is listed, with its projection so far.
  await expect(page.getByTestId("unbilled-total")).toContainText("1 started use case with a base projection of $200 so far has no bills yet (untagged, or not yet running).");
  await expect(page.getByTestId("unbilled-list").getByRole("row", { name: /Quiet one/ })).toContainText("$200");

  // 3. A rule splits the shared vector database 60/40.
  const rules = page.getByRole("form", { name: "Add an attribution rule" });
  await rules.getByLabel("Value, as the bill writes it").fill("vector-db-1");
  await rules.getByLabel("Use case").selectOption({ label: "Claims triage (UC-A)" });
  await rules.getByLabel("Share (%)").fill("60");
  await rules.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByTestId("rules").getByRole("row", { name: /vector-db-1/ })).toContainText("60%");
  await rules.getByLabel("Value, as the bill writes it").fill("vector-db-1");
  await rules.getByLabel("Use case").selectOption({ label: "Letter drafting (UC-B)" });
  await rules.getByLabel("Share (%)").fill("50");
  await rules.getByRole("button", { name: "Add rule" }).click();
  await expect(rules.getByRole("alert")).toContainText("at most 40% is left");
  await rules.getByLabel("Share (%)").fill("40");
  await rules.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByTestId("rules").getByRole("row")).toHaveCount(3);
  await expect(page.getByTestId("unattributed-total")).toContainText("$22.55 this year belongs to no use case yet");

  // 4. February re-issued: it replaces the first file's February.
  await chooseFile(page.getByLabel("CSV file"), { name: "focus-feb-v2.csv", mimeType: "text/csv", buffer: Buffer.from(focusFebruaryReissued()) });
  await page.getByLabel("Feed").fill("Azure billing");
  await page.getByRole("button", { name: "Import" }).click();
  await expect(outcome).toContainText("February 2026: $220.00 (replaces the earlier file of this feed for that month)");
  await expect(page.getByTestId("unattributed-total")).toContainText("$15.55 this year");
  expect(await auth.query(`SELECT sum(cents)::text AS s FROM "ActualSpend" WHERE "organizationId" = $1 AND month = '2026-02-01'`, [org.id])).toEqual([{ s: "22000" }]);

  // 5. The use case: its actuals against its projection, and the warning.
  await page.goto(org.path(`use-cases/${claims}`));
  const panel = page.getByTestId("actuals-panel");
  await expect(panel.getByTestId("actuals-sentence")).toHaveText("Spent $354 so far this year (January to February), 29% under the base projection, below the low case ($400).");
  await expect(panel.getByTestId("actuals-flags")).toContainText("Actual spend outside the projected range");
  // The months add up to the spend the sentence gives, so they read to the cent (lib/domain/money.ts, 3a):
  // months rounded one by one to the dollar can miss that total by a dollar.
  await expect(panel.getByTestId("actuals-monthly").getByRole("row", { name: /February/ })).toContainText("$204.00");

  // 6. Undo the re-issue: the first February counts again.
  await page.goto(org.path("actuals"));
  const reissue = page.getByTestId("imports").getByRole("row", { name: /focus-feb-v2\.csv/ });
  await reissue.getByRole("button", { name: "Undo" }).click();
  await reissue.getByRole("button", { name: "Yes, undo it" }).click();
  await expect(reissue).toContainText("Undone");
  await expect(page.getByTestId("unattributed-total")).toContainText("$22.55 this year");

  // 6b. A bill of the month not over yet (today's): kept and said, compared once the month closes; no figure moves.
  const today = new Date();
  const thisMonth = `${today.toLocaleString("en-US", { month: "long", timeZone: "UTC" })} ${today.getUTCFullYear()}`;
  await chooseFile(page.getByLabel("CSV file"), { name: "this-month.csv", mimeType: "text/csv", buffer: Buffer.from(`date,cost,tags\n${today.toISOString().slice(0, 7)}-01,12.34,usecase=UC-A\n`) });
  await page.getByLabel("Feed").fill("Early");
  await page.getByRole("button", { name: "Import" }).click();
  await expect(outcome).toContainText(`${thisMonth}: $12.34`);
  await expect(page.getByTestId("actuals-open")).toHaveText(`${thisMonth} is not over: its bills ($12.34) are kept and shown with the imports, and compared once the month closes.`);
  await expect(page.getByTestId("unattributed-total")).toContainText("$22.55 this year belongs to no use case yet (January to February 2026, the months compared)");

  // 7. An executive: the portfolio's projected against actual, furthest outside first.
  await page.context().clearCookies();
  await auth.signIn(page, org.users.EXECUTIVE!, { from: org.path("portfolio") });
  const p = page.getByTestId("actuals-panel");
  await expect(p).toContainText("Projected against actual, 2026 so far");
  // Still January to February: the bill of the month not over yet is said, not compared.
  await expect(p).toContainText("January to February, for the use cases with actual spend");
  await expect(p.getByTestId("actuals-open")).toContainText(`${thisMonth} is not over`);
  // Manual estimates are compared whole, as the use case's own panel says.
  await expect(p).toContainText("what a bill measures (inference, hosting and training compute, retrieval; not engineering time or retraining cycles, which are mostly people's time rather than a cloud bill; nor an owner's yearly estimate, which counts people's time too)");
  await expect(p.getByTestId("actuals-unattributed")).toHaveText("$23 belongs to no use case yet");
  // The comparison covers the use cases with bills; the started one without is said beside it, and which it is.
  await expect(p.getByTestId("actuals-unbilled")).toHaveText("1 started use case with a base projection of $200 so far has no bills yet (untagged, or not yet running), and is left out of this comparison.");
  await p.getByText("Started, with no bills yet").click();
  await expect(p.getByTestId("actuals-unbilled-list").getByRole("link", { name: "Quiet one" })).toHaveAttribute("href", new RegExp(`/use-cases/${quiet}`));
  // The units' rows add up to the sentence's spend, so they read to the cent (lib/domain/money.ts, 3a).
  await expect(p.getByTestId("actuals-by-unit").getByRole("row", { name: /Claims/ })).toContainText(/\$374\.\d\d/);
  await expect(p.getByTestId("actuals-outside").getByRole("listitem").first()).toContainText("Letter drafting");
  await expect(p.getByTestId("actuals-outside").getByRole("listitem").first()).toContainText("above the high case ($50)");
  // Its early warning is in the executive's queue too.
  await page.goto(org.path("decisions?reason=early-warning"));
  await expect(page.getByTestId("queue-unbilled")).toContainText("1 started use case with a base projection of $200 so far has no bills yet (untagged, or not yet running), so none can be raised on it.");
  await expect(page.getByTestId("queue-row").filter({ hasText: "Letter drafting" }).getByTestId("queue-reasons")).toContainText("Actual spend early warning (actual spend above its range");
  // Its notification leads to the use case's page, where the actual spend is (as its mail does), not to the Decision tab.
  await page.goto(org.path("notifications"));
  await page.getByTestId("notification").filter({ hasText: "Early warning on “Letter drafting”" }).getByRole("link", { name: "Open the use case" }).click();
  await expect(page.getByTestId("actuals-panel")).toBeVisible();
  expect(page.url()).not.toContain("tab=decision");

  // 8. A lead reads the actual-spend page but has no import, rule or undo controls.
  await page.context().clearCookies();
  await auth.signIn(page, org.users.LEAD!, { from: org.path("actuals") });
  await expect(page.getByRole("heading", { name: "Actual spend", level: 1 })).toBeVisible();
  await expect(page.getByRole("form", { name: "Import actual spend" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Undo" })).toHaveCount(0);
});

test("finance imports a bill whose headers are its own, pointing the date, the cost and the use case at its columns", async ({ page, auth }) => {
  const org = await auth.makeOrg();
  await seedUseCase(auth, org, { title: "Claims triage", externalId: "UC-A", businessUnit: "Claims", approach: "RAG", lines: [["INFERENCE", 2_400_00]] });
  await auth.signIn(page, org.users.FINANCE!, { from: org.path("actuals") });
  // Spaces around a header, as a spreadsheet leaves them: the form offers it trimmed, the server finds it.
  const bill = " Invoice Date ,Amount USD,Project\n2026-01-15,12.50,UC-A\n2026-02-15,30.00,UC-A\n";
  await chooseFile(page.getByLabel("CSV file"), { name: "invoices.csv", mimeType: "text/csv", buffer: Buffer.from(bill) });
  const columns = page.getByTestId("actuals-columns");
  // Nothing in these headers is recognised as a date or a cost: the form says so, and lets it be said.
  await expect(columns.getByLabel("Date column")).toHaveValue("");
  await expect(columns.getByLabel("Cost column")).toHaveValue("");
  await page.getByRole("button", { name: "Import" }).click();
  const outcome = page.getByTestId("actuals-outcome");
  await expect(outcome).toContainText("Nothing was imported.");
  await expect(outcome).toContainText("Choose the column that holds each row's date, under Columns");

  await columns.getByLabel("Date column").selectOption("Invoice Date");
  await columns.getByLabel("Cost column").selectOption("Amount USD");
  await columns.getByLabel("Use-case column (optional)").selectOption("Project");
  await page.getByRole("button", { name: "Import" }).click();
  await expect(outcome).toContainText("Imported 2 rows (CSV, feed “CSV”): $42.50 in all.");
  await expect(outcome).toContainText("January 2026: $12.50");
  // Both rows went to the use case named in the Project column: none is left unattributed.
  expect(await auth.query(`SELECT sum(cents)::int AS cents FROM "ActualSpend" WHERE "organizationId" = $1 AND "useCaseId" IS NOT NULL`, [org.id])).toEqual([{ cents: 42_50 }]);
});

test("the Columns' cost follows the FOCUS cost column chosen, until it is chosen by hand", async ({ page, auth }) => {
  const org = await auth.makeOrg();
  await auth.signIn(page, org.users.FINANCE!, { from: org.path("actuals") });
  const focus = "ChargePeriodStart,BilledCost,EffectiveCost,BillingCurrency\n2026-01-01,10,8,USD\n";
  await chooseFile(page.getByLabel("CSV file"), { name: "focus.csv", mimeType: "text/csv", buffer: Buffer.from(focus) });
  const cost = page.getByTestId("actuals-columns").getByLabel("Cost column");
  await expect(cost).toHaveValue("BilledCost");
  // It showed BilledCost while the server, told EffectiveCost, counted EffectiveCost.
  await page.getByLabel("FOCUS cost column").selectOption("EffectiveCost");
  await expect(cost).toHaveValue("EffectiveCost");
  await cost.selectOption("BilledCost");
  await page.getByLabel("FOCUS cost column").selectOption("BilledCost");
  await page.getByLabel("FOCUS cost column").selectOption("EffectiveCost");
  await expect(cost).toHaveValue("BilledCost");
});
