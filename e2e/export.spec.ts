/**
 * Journey: a finance member opens the Exports page for a filter and downloads both cost rollups;
 * the files are UTF-8 CSV with a byte-order mark, CRLF records, formulas neutralised, only the
 * filtered business unit, and the rollup adds up to the detail. A lead gets neither page nor file.
 */
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import Papa from "papaparse";
import { expect, test, type Auth, type Org } from "./fixtures";

const cuidish = () => `c${randomUUID().replace(/-/g, "").slice(0, 24)}`;

/** A use case with two years of RAG costs (two categories), written straight to the database. */
async function seedCosted(auth: Auth, org: Org, title: string, businessUnit: string, baseCents: [number, number]) {
  const id = cuidish();
  const owner = org.users.LEAD!.id;
  await auth.query(
    `INSERT INTO "UseCase" (id, "organizationId", title, "businessUnit", "ownerId", "createdById", "recommendedApproach", evidence, "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $5, 'RAG', 'assessed', now())`,
    [id, org.id, title, businessUnit, owner],
  );
  // Stored as the app stores lines: one row per use case and approach, category by category, each
  // category's years in order (lib/domain/costing/line-sets.ts).
  const lines = (["INFERENCE", "MAINTENANCE"] as const).flatMap((category) => baseCents.map((base, i) => ({ category, i, cents: category === "INFERENCE" ? base - 100 : 100 })));
  await auth.query(
    `INSERT INTO "CostLineSet" ("organizationId", "useCaseId", approach, category, "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents")
     VALUES ($1, $2, 'RAG', $3::text[], $4::int[], $5::int[], $6::bigint[], $6::bigint[], $6::bigint[])`,
    [org.id, id, lines.map((l) => l.category), lines.map((l) => l.i + 1), lines.map((l) => 2027 + l.i), lines.map((l) => l.cents)],
  );
  for (const [i, base] of baseCents.entries()) {
    await auth.query(
      `INSERT INTO "CostYearSet" ("organizationId", "useCaseId", approach, "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents", complete)
       VALUES ($1, $2, 'RAG', ARRAY[$3::int], ARRAY[$4::int], ARRAY[$5::bigint], ARRAY[$5::bigint], ARRAY[$5::bigint], ARRAY[true])
         ON CONFLICT ("useCaseId", approach) DO UPDATE SET
           "yearIndex" = "CostYearSet"."yearIndex" || EXCLUDED."yearIndex", "calendarYear" = "CostYearSet"."calendarYear" || EXCLUDED."calendarYear",
           "lowCents" = "CostYearSet"."lowCents" || EXCLUDED."lowCents", "baseCents" = "CostYearSet"."baseCents" || EXCLUDED."baseCents",
           "highCents" = "CostYearSet"."highCents" || EXCLUDED."highCents", "complete" = "CostYearSet"."complete" || EXCLUDED."complete"`,
      [org.id, id, i + 1, 2027 + i, base],
    );
  }
}

const csv = (path: string) => {
  const bytes = readFileSync(path);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString("utf8");
  expect(text.endsWith("\r\n")).toBe(true);
  expect(text.replace(/"(?:[^"]|"")*"/g, "")).not.toMatch(/[^\r]\n/);
  return Papa.parse<Record<string, string>>(text.slice(0, -2), { header: true, newline: "\r\n" }).data;
};

test("finance downloads the detail and business-unit rollups for a filter; a lead cannot", async ({ page, auth }) => {
  const org = await auth.makeOrg();
  await seedCosted(auth, org, "=cmd|' /C calc'!A0", "Support", [1_234_50, 2_000_00]);
  await seedCosted(auth, org, 'Tickets, "priority"', "Support", [99_99, 1_00]);
  await seedCosted(auth, org, "Contract review", "Legal", [5_000_00, 5_000_00]);

  await auth.signIn(page, org.users.FINANCE!);
  await page.goto(`/o/${org.slug}/export?bu=Support`);
  await expect(page.getByRole("heading", { name: "Exports", level: 1 })).toBeVisible();
  await expect(page.getByTestId("export-filter")).toContainText("business unit Support");
  // Which calendar year a cost falls in, said where the files are described.
  const format = page.getByRole("region", { name: "What is in the files" });
  await expect(format).toContainText("its first year, whatever the month, in the year of its planned start");
  // The detail's yearly benefit is the use case's, on each of its rows: summed, it read twenty times the dashboard's.
  await expect(format.getByTestId("export-benefit-columns")).toContainText("repeated on each of its rows (every approach, year and category), so do not sum them");
  await expect(format.getByTestId("export-not-costed")).toContainText("add nothing to the “as chosen” rows: none in this view.");
  // The metered base to date is of the billed use cases only, not the row's base to date.
  await expect(format.getByTestId("export-actual-columns")).toContainText("metered_base_to_date counts only the use cases with a bill in those months");

  const [detail] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the detail cost rollup (CSV)" }).click()]);
  expect(detail.suggestedFilename()).toMatch(new RegExp(`^${org.slug}-cost-detail-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const rows = csv((await detail.path())!);
  expect(rows).toHaveLength(8);
  expect(new Set(rows.map((r) => r.business_unit))).toEqual(new Set(["Support"]));
  expect(new Set(rows.map((r) => r.title))).toEqual(new Set(["'=cmd|' /C calc'!A0", 'Tickets, "priority"']));
  expect(rows.find((r) => r.category === "INFERENCE" && r.calendar_year === "2027" && r.title!.startsWith("'="))!.base).toBe("1233.50");

  const [bu] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the business-unit rollup (CSV)" }).click()]);
  expect(bu.suggestedFilename()).toMatch(new RegExp(`^${org.slug}-cost-by-business-unit-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const rollup = csv((await bu.path())!);
  const asChosen = rollup.filter((r) => r.scenario === "as chosen");
  expect(asChosen.map((r) => [r.business_unit, r.calendar_year, r.approach, r.base, r.use_cases])).toEqual([
    ["Support", "2027", "RAG", "1334.49", "2"],
    ["Support", "2028", "RAG", "2001.00", "2"],
  ]);

  // A lead: no Exports page, no file.
  await page.context().clearCookies();
  await auth.signIn(page, org.users.LEAD!);
  await page.goto(`/o/${org.slug}/export`);
  await expect(page.getByRole("link", { name: /Download the/ })).toHaveCount(0);
  const res = await page.request.get(`/o/${org.slug}/export/detail.csv`);
  expect(res.status()).toBe(403);
  expect(await res.text()).not.toContain("Support");
});
