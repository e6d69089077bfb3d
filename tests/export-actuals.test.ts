/**
 * The finance exports carry every cent of attributed actual spend, also the spend of a year in
 * which the use case has no cost row for its approach as chosen: a pilot billed before its planned
 * start year, a use case not assessed. Both files add up to the portfolio's "Projected against
 * actual" panel to the cent, for the whole portfolio, per business unit and per use case (README,
 * "Actual spend", Exports).
 */
import Papa from "papaparse";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import ExportsPage from "@/app/o/[org]/export/page";
import { EMPTY_FILTER, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { NOTE_ACTUAL_ONLY, NOTE_OPEN_MONTH } from "@/lib/domain/export/cost-exports";
import { db } from "@/lib/server/db";
import { importActuals, type ActualsActor } from "@/lib/server/actuals/import";
import { loadPortfolioActuals } from "@/lib/server/actuals/portfolio";
import { businessUnitStream, detailStream } from "@/lib/server/export/cost-exports";
import { FOCUS_HEADER, chunked } from "./helpers/actuals-samples";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg } from "./helpers/factory";
import { runAs } from "./helpers/session";

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
const bill = (day: string, cost: string, category: string, tag: string) =>
  ["ba-1", "sub-1", `${day}T00:00:00Z`, `${day}T23:59:59Z`, cost, cost, "USD", category, "sku-1", "1", "Requests", `res-${tag}`, q(JSON.stringify({ usecase: tag }))].join(",");

async function setUp() {
  const org = await createTestOrg("export-actuals");
  const finance: ActualsActor = { organizationId: org.id, userId: org.users.FINANCE.id, role: "FINANCE" };
  // A: projected for 2026 (RAG, chosen); billed $60 inference + $40 retrieval in 2026, and $10 in 2025, before its start.
  const a = await insertUseCaseWithCosts(org.id, {
    title: "Claims triage", businessUnit: "Claims", ownerId: org.users.LEAD.id, recommended: "RAG", chosen: "RAG", startYear: 2026,
    yearly: { RAG: { INFERENCE: [1_200_00, 1_200_00], RETRIEVAL_INFRA: [600_00, 600_00], BUILD_ENGINEERING: [5_000_00, 0] } },
  });
  // B: planned to start in 2027, billed $30 inference + $20 retrieval in 2026 (a pilot): no 2026 cost rows.
  const b = await insertUseCaseWithCosts(org.id, {
    title: "Letter drafting", businessUnit: "Claims", ownerId: org.users.LEAD.id, recommended: "PROMPTING", startYear: 2027,
    yearly: { PROMPTING: { INFERENCE: [240_00, 240_00] } },
  });
  // C: not assessed (no recommendation, no decision, no projection), billed $25.
  const c = await insertUseCaseWithCosts(org.id, { title: "Lead scoring", businessUnit: "Sales", ownerId: org.users.LEAD.id, startYear: 2026, yearly: {} });
  for (const [id, ext] of [[a, "UC-A"], [b, "UC-B"], [c, "UC-C"]] as const) await db.useCase.update({ where: { id }, data: { externalId: ext } });
  const rows = [
    bill("2025-12-10", "10.00", "AI and Machine Learning", "UC-A"),
    bill("2026-01-10", "60.00", "AI and Machine Learning", "UC-A"),
    bill("2026-02-10", "40.00", "Databases", "UC-A"),
    bill("2026-01-11", "30.00", "AI and Machine Learning", "UC-B"),
    bill("2026-02-11", "20.00", "Databases", "UC-B"),
    bill("2026-02-12", "25.00", "AI and Machine Learning", "UC-C"),
  ];
  await importActuals(finance, { source: chunked([FOCUS_HEADER, ...rows].join("\n") + "\n"), fileName: "focus.csv", feed: "Azure" });
  return { org, a, b, c };
}

async function read(s: ReadableStream<Uint8Array>): Promise<Record<string, string>[]> {
  const text = await new Response(s).text();
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, "").trimEnd(), { header: true, newline: "\r\n" });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}
const cents = (s: string | undefined) => (s ? Math.round(Number(s) * 100) : 0);
const sum = (rows: Record<string, string>[]) => rows.reduce((n, r) => n + cents(r.actual), 0);

describe("the finance exports with spend that no cost row carries", () => {
  it("carry every cent: both files add up to the portfolio's actuals, per business unit and per use case", async () => {
    const { org, a, b, c } = await setUp();
    const exportOrg = { id: org.id, name: "Export Actuals" };
    const p = await loadPortfolioActuals(org.id, EMPTY_FILTER);
    expect(p.period).toEqual({ year: 2026, throughMonth: 2 });
    expect(p.actual).toBe(175_00);
    expect(p.byBusinessUnit.map((x) => [x.businessUnit, x.actual])).toEqual([["Claims", 150_00], ["Sales", 25_00]]);

    const detail = await read(detailStream(exportOrg, EMPTY_FILTER));
    const in2026 = detail.filter((r) => r.calendar_year === "2026");
    expect(sum(in2026)).toBe(p.actual);
    // Per use case, every year: what was billed to it.
    const ofCase = (id: string) => detail.filter((r) => r.use_case_id === id);
    expect([sum(ofCase(a)), sum(ofCase(b)), sum(ofCase(c))]).toEqual([110_00, 50_00, 25_00]);
    // Per business unit, as the portfolio.
    for (const x of p.byBusinessUnit) expect(sum(in2026.filter((r) => r.business_unit === x.businessUnit))).toBe(x.actual);

    // B's pilot: two actual-only rows, as chosen (PROMPTING, recommended), 2026, no lifecycle year (it starts in 2027), no projection.
    const bPilot = ofCase(b).filter((r) => r.calendar_year === "2026");
    expect(bPilot.map((r) => [r.approach, r.as_chosen, r.lifecycle_year, r.category, r.low, r.base, r.high, r.assumption_version, r.note, r.actual])).toEqual([
      ["PROMPTING", "yes", "", "INFERENCE", "", "", "", "", NOTE_ACTUAL_ONLY, "30.00"],
      ["PROMPTING", "yes", "", "RETRIEVAL_INFRA", "", "", "", "", NOTE_ACTUAL_ONLY, "20.00"],
    ]);
    // B's projected rows are unchanged and carry no actual.
    expect(ofCase(b).filter((r) => r.calendar_year !== "2026").every((r) => r.actual === "" && r.note === "")).toBe(true);
    // C: its one row, with no approach, and the use case's own cells (on its first row).
    expect(ofCase(c).map((r) => [r.title, r.business_unit, r.approach, r.as_chosen, r.calendar_year, r.lifecycle_year, r.category, r.base, r.actual])).toEqual([
      ["Lead scoring", "Sales", "", "yes", "2026", "1", "INFERENCE", "", "25.00"],
    ]);
    // A: its 2025 bill (before its start) comes first; 2026's spend is on its cost rows.
    const rowsA = ofCase(a);
    expect(rowsA[0]).toMatchObject({ title: "Claims triage", business_unit: "Claims", calendar_year: "2025", lifecycle_year: "", approach: "RAG", actual: "10.00", base: "" });
    expect(rowsA.find((r) => r.calendar_year === "2026" && r.category === "INFERENCE")).toMatchObject({ actual: "60.00", base: "1200.00" });
    expect(rowsA.find((r) => r.calendar_year === "2026" && r.category === "RETRIEVAL_INFRA")).toMatchObject({ actual: "40.00", base: "600.00" });
    // Each use case's rows together, each with its own cells: the query sends them on the use case's
    // first row only (an actual-only row here, for A and C), and the formatter repeats them.
    const order = detail.map((r) => r.use_case_id);
    expect(new Set(order).size).toBe(order.filter((id, i) => id !== order[i - 1]).length);
    const titles = { [a]: "Claims triage", [b]: "Letter drafting", [c]: "Lead scoring" };
    expect(detail.every((r) => r.title === titles[r.use_case_id!] && r.owner !== "" && r.status !== "")).toBe(true);

    const bu = await read(businessUnitStream(exportOrg, EMPTY_FILTER));
    const chosen = bu.filter((r) => r.scenario === "as chosen");
    expect(sum(chosen.filter((r) => r.calendar_year === "2026"))).toBe(p.actual);
    for (const x of p.byBusinessUnit) expect(sum(chosen.filter((r) => r.calendar_year === "2026" && r.business_unit === x.businessUnit))).toBe(x.actual);
    // Every year: the same as the detail's.
    expect(sum(chosen)).toBe(sum(detail));
    // B's pilot and C make as-chosen rows of their own (no projection: sums 0, no use case projected, said in the note).
    const row = (unit: string, year: string, approach: string) => chosen.find((r) => r.business_unit === unit && r.calendar_year === year && r.approach === approach)!;
    // Spend with no projection is set against nothing: no variance, as the portfolio shows "—" for it.
    expect(row("Claims", "2026", "PROMPTING")).toMatchObject({ low: "0.00", base: "0.00", high: "0.00", use_cases: "0", actual: "50.00", metered_base_to_date: "0.00", variance_to_date: "" });
    expect(row("Claims", "2026", "PROMPTING").note).toContain("1 use case with no projection");
    expect(row("Sales", "2026", "")).toMatchObject({ low: "0.00", base: "0.00", use_cases: "0", actual: "25.00", approach_label: "" });
    expect(row("Claims", "2026", "RAG")).toMatchObject({ use_cases: "1", actual: "100.00", base: "6800.00", note: "" });
    expect(row("Claims", "2025", "RAG")).toMatchObject({ use_cases: "0", actual: "10.00" });
    // B's projection (2027 on) is as it was: counted once, no spend in that year (0.00, as every as-chosen row once there are actuals).
    expect(row("Claims", "2027", "PROMPTING")).toMatchObject({ use_cases: "1", base: "240.00", actual: "0.00" });
    // The other scenarios carry no actuals and no actual-only rows.
    expect(bu.filter((r) => r.scenario !== "as chosen").every((r) => r.actual === "")).toBe(true);
    expect(bu.filter((r) => r.scenario === "all").map((r) => `${r.business_unit} ${r.calendar_year} ${r.approach}`).sort()).toEqual([
      "Claims 2026 RAG", "Claims 2027 PROMPTING", "Claims 2027 RAG", "Claims 2028 PROMPTING",
    ]);
  });

  it("agree with the portfolio under a filter", async () => {
    const { org } = await setUp();
    const exportOrg = { id: org.id, name: "Export Actuals" };
    const filters: PortfolioFilter[] = [{ ...EMPTY_FILTER, businessUnit: ["Sales"] }, { ...EMPTY_FILTER, businessUnit: ["Claims"] }];
    for (const filter of filters) {
      const p = await loadPortfolioActuals(org.id, filter);
      const detail = (await read(detailStream(exportOrg, filter))).filter((r) => r.calendar_year === "2026");
      const bu = (await read(businessUnitStream(exportOrg, filter))).filter((r) => r.scenario === "as chosen" && r.calendar_year === "2026");
      expect([sum(detail), sum(bu)]).toEqual([p.actual, p.actual]);
    }
  });

  it("give the metered base to date of the use cases with a bill only, and the Exports page says so", async () => {
    const { org } = await setUp();
    // D: projected beside A in Claims for 2026 (RAG, chosen, $1,200 of inference a year), with no bill.
    await insertUseCaseWithCosts(org.id, {
      title: "Claims summaries", businessUnit: "Claims", ownerId: org.users.LEAD.id, recommended: "RAG", chosen: "RAG", startYear: 2026,
      yearly: { RAG: { INFERENCE: [1_200_00, 1_200_00] } },
    });
    const chosen = (await read(businessUnitStream({ id: org.id, name: "Export Actuals" }, EMPTY_FILTER))).filter((r) => r.scenario === "as chosen");
    // A's metered $1,800 a year for January and February: $300. D's $200 for those months is in the row's base, not in its metered base.
    expect(chosen.find((r) => r.business_unit === "Claims" && r.calendar_year === "2026" && r.approach === "RAG")).toMatchObject({
      use_cases: "2", base: "8000.00", actual: "100.00", metered_base_to_date: "300.00", variance_to_date: "-200.00", actual_through: "2026-02",
    });
    const page = await runAs(org.users.FINANCE.id, async () => renderToStaticMarkup(await ExportsPage({ params: Promise.resolve({ org: org.slug }), searchParams: Promise.resolve({}) })));
    const bullet = page.match(/<li data-testid="export-actual-columns">(.*?)<\/li>/s)?.[1]?.replace(/<[^>]+>/g, "").replace(/&#x27;/g, "'");
    expect(bullet).toContain("metered_base_to_date counts only the use cases with a bill in those months: one with none adds nothing to it, so it is not the row’s base to date");
    expect(bullet).toContain("A month not over yet (the current one, or a later one a bill is dated in) is not compared: its bills are in actual_open_month, in neither actual nor the variance, until the month closes");
  });
});

describe("the finance exports with a bill in a month not over yet", () => {
  it("compare the closed months as the portfolio does, keep the open month's bills in a column of their own, and still add up to the cent", async () => {
    const { org, a, b } = await setUp();
    const finance: ActualsActor = { organizationId: org.id, userId: org.users.FINANCE.id, role: "FINANCE" };
    // D: projected beside A in Claims for 2026 (RAG, chosen, $1,200 of inference a year), billed only in March.
    const d = await insertUseCaseWithCosts(org.id, {
      title: "Claims summaries", businessUnit: "Claims", ownerId: org.users.LEAD.id, recommended: "RAG", chosen: "RAG", startYear: 2026,
      yearly: { RAG: { INFERENCE: [1_200_00, 1_200_00] } },
    });
    await db.useCase.update({ where: { id: d }, data: { externalId: "UC-D" } });
    // On 6 March 2026: March bills for A ($40) and D ($12.34), a March row tagged for no use case ($1.11, unattributed), and a row dated January 2027 for B ($9.99).
    const rows = [
      bill("2026-03-02", "40.00", "AI and Machine Learning", "UC-A"),
      bill("2026-03-03", "12.34", "AI and Machine Learning", "UC-D"),
      bill("2026-03-04", "1.11", "Compute", "UC-NONE"),
      bill("2027-01-15", "9.99", "AI and Machine Learning", "UC-B"),
    ];
    await importActuals(finance, { source: chunked([FOCUS_HEADER, ...rows].join("\n") + "\n"), fileName: "march.csv", feed: "Early" });
    const now = new Date("2026-03-06T10:00:00Z");
    const exportOrg = { id: org.id, name: "Export Actuals" };

    // The panel compares January and February: Claims $150 (A $100, B's pilot $50) against A's $300 metered base; D is not compared.
    const p = await loadPortfolioActuals(org.id, EMPTY_FILTER, 10, 10, now);
    expect(p.period).toEqual({ year: 2026, throughMonth: 2 });
    expect(p.byBusinessUnit.map((x) => [x.businessUnit, x.actual, x.projected.base])).toEqual([["Claims", 150_00, 300_00], ["Sales", 25_00, 0]]);

    const bu = await read(businessUnitStream(exportOrg, EMPTY_FILTER, now));
    const chosen = bu.filter((r) => r.scenario === "as chosen");
    const row = (unit: string, year: string, approach: string) => chosen.find((r) => r.business_unit === unit && r.calendar_year === year && r.approach === approach)!;
    expect(row("Claims", "2026", "RAG")).toMatchObject({
      use_cases: "2", actual: "100.00", metered_base_to_date: "300.00", variance_to_date: "-200.00", actual_through: "2026-02", actual_open_month: "52.34",
    });
    expect(row("Claims", "2026", "RAG").note).toContain(NOTE_OPEN_MONTH);
    expect(row("Claims", "2026", "PROMPTING")).toMatchObject({ actual: "50.00", metered_base_to_date: "0.00", variance_to_date: "", actual_open_month: "0.00", note: "actual includes 1 use case with no projection for this year" });
    expect(row("Claims", "2027", "PROMPTING")).toMatchObject({ actual: "0.00", metered_base_to_date: "0.00", actual_open_month: "9.99" });
    // Per business unit, the file's variance for 2026 is the panel's "against base": the spend of the
    // use cases with a projection (the actual less what the panel calls not projected) minus the base
    // projected to date, to the cent. B's pilot, billed before its start, is in the actual, not the variance.
    const of2026 = (unit: string) => chosen.filter((r) => r.calendar_year === "2026" && r.business_unit === unit);
    expect(p.byBusinessUnit.find((x) => x.businessUnit === "Claims")!.unprojected).toBe(50_00);
    for (const x of p.byBusinessUnit) {
      expect(of2026(x.businessUnit).reduce((n, r) => n + cents(r.variance_to_date), 0)).toBe(x.actual - x.unprojected - x.projected.base);
      expect(sum(of2026(x.businessUnit))).toBe(x.actual);
    }

    // The detail: the same split, on the rows the spend is placed on.
    const detail = await read(detailStream(exportOrg, EMPTY_FILTER, now));
    const line = (id: string, year: string, category: string) => detail.find((r) => r.use_case_id === id && r.calendar_year === year && r.category === category && r.as_chosen === "yes")!;
    expect(line(a, "2026", "INFERENCE")).toMatchObject({ actual: "60.00", actual_open_month: "40.00", actual_through: "2026-02" });
    expect(line(a, "2026", "INFERENCE").note).toContain(NOTE_OPEN_MONTH);
    expect(line(d, "2026", "INFERENCE")).toMatchObject({ actual: "0.00", actual_open_month: "12.34" });
    expect(line(b, "2027", "INFERENCE")).toMatchObject({ actual: "0.00", actual_open_month: "9.99" });
    expect(line(a, "2026", "RETRIEVAL_INFRA")).toMatchObject({ actual: "40.00", actual_open_month: "0.00", note: "" });

    // Both files add up: actual to actual, open month to open month; and compared + open + unattributed = everything imported.
    const open = (rs: Record<string, string>[]) => rs.reduce((n, r) => n + cents(r.actual_open_month), 0);
    expect([sum(detail), open(detail)]).toEqual([sum(chosen), open(chosen)]);
    expect([sum(chosen), open(chosen)]).toEqual([185_00, 40_00 + 12_34 + 9_99]);
    const unattributed = Number((await db.actualSpend.aggregate({ where: { organizationId: org.id, useCaseId: null }, _sum: { cents: true } }))._sum.cents);
    const imported = Number((await db.actualSpend.aggregate({ where: { organizationId: org.id }, _sum: { cents: true } }))._sum.cents);
    expect(imported).toBe(185_00 + 40_00 + 12_34 + 1_11 + 9_99);
    expect(sum(chosen) + open(chosen) + unattributed).toBe(imported);
    // The open months the panel says are the files' open month plus the unattributed of those months.
    expect(p.open.reduce((n, o) => n + o.cents, 0)).toBe(open(chosen) + 1_11);
  });
});
