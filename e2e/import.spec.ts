/**
 * Journey: a lead imports an inventory. A file with a bad row is checked and refused row by row
 * (nothing saved); the corrected file (Windows-1252, a foreign column name, a multi-line cell)
 * is mapped, checked and imported, and its use cases appear in the list. A hand-kept file whose
 * one idea's volume dwarfs the rest is warned about at the check, and imports all the same.
 */
import { expect, test, chooseFile } from "./fixtures";

const HEADER = "Use Case Name,Bureau,Stage of Development,Summary of Use Case,horizonYears,externalId";

function windows1252(text: string): Buffer {
  const extras: Record<string, number> = { "–": 0x96 };
  return Buffer.from([...text].map((c) => extras[c] ?? c.charCodeAt(0)));
}

test("a lead sees per-row errors before anything is saved, then imports a corrected file", async ({ page, auth }) => {
  test.setTimeout(120_000);
  const org = await auth.makeOrg({ roles: ["ADMIN", "LEAD"] });
  const lead = org.users.LEAD!;
  await auth.signIn(page, lead, { from: org.path("use-cases") });
  await page.getByRole("link", { name: "Import CSV" }).click();
  await expect(page).toHaveURL(new RegExp(`${org.path("use-cases/import")}$`));
  await expect(page.getByRole("heading", { name: "Import use cases", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Download the template (CSV)" })).toHaveAttribute("href", `${org.path("use-cases/import")}/template`);

  // 1. a file with a bad row: a 12-year horizon on row 3
  const bad = [HEADER, `Claims triage,Operations,Pilot,Sorts incoming claims.,3,CL-1`, `Fraud signals,Operations,Deployed,Flags odd claims.,12,CL-2`].join("\r\n");
  await chooseFile(page.getByLabel("CSV file", { exact: true }), { name: "claims.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await expect(page.getByTestId("file-summary")).toContainText("claims.csv: 2 rows, 6 columns, read as UTF-8");
  // The encoding is named once: the note under the summary says why, not "Read as UTF-8." again.
  await expect(page.getByTestId("encoding-note")).toHaveText("Plain ASCII: every encoding reads it the same.");
  // the columns were recognised by their names
  await expect(page.getByLabel("Field for the column “Use Case Name”")).toHaveValue("title");
  await expect(page.getByLabel("Field for the column “Bureau”")).toHaveValue("businessUnit");
  await expect(page.getByLabel("Field for the column “Stage of Development”")).toHaveValue("status");
  // and the stages' values mapped onto ours
  await expect(page.getByLabel("Status for “Pilot”")).toHaveValue("BUILDING");
  await expect(page.getByLabel("Status for “Deployed”")).toHaveValue("LIVE");
  await page.getByRole("button", { name: "Check 2 rows" }).click();
  const errors = page.getByTestId("import-errors");
  await expect(errors).toBeVisible();
  await expect(errors.getByRole("row", { name: /Row 3/ })).toContainText("“12”: at most 10 years");
  await expect(errors.getByRole("row", { name: /Row 3/ })).toContainText("horizonYears");
  // the row is refused, with its reason; the choice is the valid rows or nothing
  await expect(page.getByTestId("import-outcomes").getByRole("row", { name: /Row 3/ })).toContainText("Refused");
  await expect(page.getByText(/1 row is refused/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Import 1 valid row, leave 1 out" })).toBeVisible();
  expect(await auth.query(`SELECT id FROM "UseCase" WHERE "organizationId" = $1`, [org.id])).toHaveLength(0);

  // 2. import nothing; the corrected file, saved by an old Excel (Windows-1252), with a cell over two lines
  await page.getByRole("button", { name: "Import nothing" }).click();
  // (it also has the dates as a European spreadsheet writes them: 05/01/2027 is 5 January)
  const good = [
    `${HEADER},Date Initiated`,
    `Claims triage,Operations,Pilot,Sorts incoming claims.,3,CL-1,05/01/2027`,
    `Fraud signals – pilot,Opérations,Deployed,"Flags odd claims.\r\nSecond line.",10,CL-2,06/02/2027`,
  ].join("\r\n");
  await chooseFile(page.getByLabel("CSV file", { exact: true }), { name: "claims-fixed.csv", mimeType: "text/csv", buffer: windows1252(good) });
  await expect(page.getByTestId("file-summary")).toContainText("read as Windows-1252");
  await expect(page.getByLabel("Field for the column “Date Initiated”")).toHaveValue("startDate");
  await expect(page.getByText(/could be day first or month first/)).toBeVisible();
  await page.getByLabel("Day first (31/12/2027)").check();
  await page.getByRole("button", { name: "Check 2 rows" }).click();
  await expect(page.getByText("No errors")).toBeVisible();
  // each new row says how its cells were read, before anything is saved
  await expect(page.getByTestId("import-outcomes").getByRole("row", { name: /Row 2/ }).getByTestId("outcome-read")).toHaveText(
    "Read as: Business unit: Operations; Status: “Pilot” → Building; Planned start: “05/01/2027” → 5 Jan 2027.",
  );
  await expect(page.getByTestId("import-counts")).toContainText("New2");
  await page.getByRole("button", { name: "Import 2 use cases" }).click();
  await expect(page.getByTestId("import-done")).toContainText("2 use cases added, 0 updated, 0 unchanged,");

  // 3. they are in the list, owned by the lead
  await page.getByRole("link", { name: "See the use cases" }).click();
  await expect(page).toHaveURL(new RegExp(`${org.path("use-cases")}$`));
  await expect(page.getByRole("link", { name: "Claims triage" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Fraud signals – pilot" })).toBeVisible();
  const rows = await auth.query<{ title: string; businessUnit: string; status: string; description: string; ownerId: string; start: string }>(
    `SELECT title, "businessUnit", status, description, "ownerId", to_char("startDate", 'YYYY-MM-DD') AS start FROM "UseCase" WHERE "organizationId" = $1 ORDER BY "externalId"`,
    [org.id],
  );
  expect(rows).toEqual([
    { title: "Claims triage", businessUnit: "Operations", status: "BUILDING", description: "Sorts incoming claims.", ownerId: lead.id, start: "2027-01-05" },
    { title: "Fraud signals – pilot", businessUnit: "Opérations", status: "LIVE", description: "Flags odd claims.\nSecond line.", ownerId: lead.id, start: "2027-02-06" },
  ]);

  // 4. a file with a title close to one now in the registry: a warning that links to it
  await page.goto(org.path("use-cases/import"));
  await chooseFile(page.getByLabel("CSV file", { exact: true }), { name: "more.csv", mimeType: "text/csv", buffer: Buffer.from(`${HEADER}\r\nClaims-triage,Operations,Pilot,Another team's copy.,3,CL-9\r\n`) });
  await page.getByRole("button", { name: "Check 1 row" }).click();
  const warning = page.getByTestId("import-warnings").getByRole("row", { name: /Row 2/ });
  await expect(warning).toContainText("“Claims triage” (already in the registry)");
  const [triage] = await auth.query<{ id: string }>(`SELECT id FROM "UseCase" WHERE "organizationId" = $1 AND "externalId" = 'CL-1'`, [org.id]);
  await expect(warning.getByRole("link", { name: /Open “Claims triage”/ })).toHaveAttribute("href", org.path(`use-cases/${triage!.id}`));

  // 5. a hand-kept file whose one thinly answered idea has a volume that dwarfs the rest: warned about at the check, not refused
  await page.goto(org.path("use-cases/import"));
  const volumes = [
    "Project,Dept.,Requests/month,Growth %",
    "Policy search,Legal,12000,20%",
    "Email drafting,Sales,8000,10%",
    "Meeting notes,Operations,15000,15%",
    `Chat over everything,Operations,"2,000,000",200%`,
  ].join("\r\n");
  await chooseFile(page.getByLabel("CSV file", { exact: true }), { name: "volumes.csv", mimeType: "text/csv", buffer: Buffer.from(volumes) });
  await expect(page.getByLabel("Field for the column “Dept.”")).toHaveValue("businessUnit");
  await expect(page.getByLabel("Field for the column “Requests/month”")).toHaveValue("monthlyCalls");
  await expect(page.getByLabel("Field for the column “Growth %”")).toHaveValue("yearlyGrowthPct");
  await page.getByRole("button", { name: "Check 4 rows" }).click();
  await expect(page.getByText("No errors")).toBeVisible();
  const outlier = page.getByTestId("import-warnings").getByRole("row", { name: /Row 5/ });
  await expect(outlier).toContainText("Requests/month");
  await expect(outlier).toContainText(
    "“Chat over everything”: 2,000,000 calls a month growing 200% a year come to 2.9 billion calls over its 5 years, 2,710 times the median of this file's other rows and the registry's use cases (1.1 million; above 10 times, a row is flagged). Its projected costs would weigh far more than any other's: check its “Requests/month” and “Growth %” before importing.",
  );
  await expect(page.getByTestId("import-warnings").getByRole("row")).toHaveCount(2);
  await page.getByRole("button", { name: "Import 4 use cases" }).click();
  await expect(page.getByTestId("import-done")).toContainText("4 use cases added, 0 updated, 0 unchanged,");
});

test("a column headed “Stage” that holds the lifecycle is suggested as Status, its values read as statuses", async ({ page, auth }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN", "LEAD"] });
  await auth.signIn(page, org.users.LEAD!, { from: org.path("use-cases/import") });
  const file = ["Name;Stage", "Claims triage;Idea", "Fraud signals;assessing", "Letter drafting;building", "Policy search;live"].join("\r\n");
  await chooseFile(page.getByLabel("CSV file", { exact: true }), { name: "stages.csv", mimeType: "text/csv", buffer: Buffer.from(file) });
  await expect(page.getByLabel("Field for the column “Stage”")).toHaveValue("status");
  await expect(page.getByLabel("Status for “live”")).toHaveValue("LIVE");
  await page.getByRole("button", { name: "Check 4 rows" }).click();
  await expect(page.getByText("No errors")).toBeVisible();
});

test("finance cannot open the import", async ({ page, auth }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN", "FINANCE"] });
  await auth.signIn(page, org.users.FINANCE!, { from: org.path("use-cases/import") });
  await expect(page.getByRole("heading", { name: "Import use cases" })).toHaveCount(0);
  const res = await page.request.get(`${org.path("use-cases/import")}/template`);
  expect(res.status()).toBe(403);
});
