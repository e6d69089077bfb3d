/**
 * Issue 21, items 3 and 4: each use case's actuals against its projection (metered categories,
 * the year so far, for the approach as chosen), the portfolio's projected against actual by
 * business unit and approach, the use cases furthest outside their range, the unattributed spend,
 * and the early-warning list. Figures from tests/helpers/actuals-samples.ts, worked out by hand.
 */
import { describe, expect, it } from "vitest";
import { openMonthsText } from "@/lib/domain/actuals";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { db } from "@/lib/server/db";
import { importActuals, type ActualsActor } from "@/lib/server/actuals/import";
import { loadVariances } from "@/lib/server/actuals/read";
import { loadPortfolioActuals, loadUnbilled } from "@/lib/server/actuals/portfolio";
import { saveRule } from "@/lib/server/actuals/rules";
import { listFlaggedUseCases } from "@/lib/server/actuals/warnings";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg } from "./helpers/factory";
import { chunked, focusSample } from "./helpers/actuals-samples";

async function setUp() {
  const org = await createTestOrg("variance");
  const finance: ActualsActor = { organizationId: org.id, userId: org.users.FINANCE.id, role: "FINANCE" };
  // A: RAG, decided, no budget approved by finance yet; metered $3,000 a year ($2,400 inference + $600 retrieval), plus engineering that a bill never shows.
  const a = await insertUseCaseWithCosts(org.id, {
    title: "Claims triage", businessUnit: "Claims", ownerId: org.users.LEAD.id, recommended: "RAG", chosen: "RAG", startYear: 2026,
    yearly: { RAG: { INFERENCE: [2_400_00], RETRIEVAL_INFRA: [600_00], BUILD_ENGINEERING: [50_000_00] }, FINE_TUNING: { INFERENCE: [99_999_00] } },
  });
  // B: prompting, decided, and its yearly budget of $240 approved by finance; metered $240 a year.
  const b = await insertUseCaseWithCosts(org.id, { title: "Letter drafting", businessUnit: "Service", ownerId: org.users.LEAD.id, recommended: "PROMPTING", chosen: "PROMPTING", budgetApproved: 240_00, startYear: 2026, yearly: { PROMPTING: { INFERENCE: [240_00] } } });
  // C: no actuals, projected: it counts in the projection but is in no warning.
  const c = await insertUseCaseWithCosts(org.id, { title: "Quiet one", businessUnit: "Service", ownerId: org.users.LEAD.id, recommended: "PROMPTING", status: "LIVE", startYear: 2026, yearly: { PROMPTING: { INFERENCE: [1_200_00] } } });
  await db.useCase.update({ where: { id: a }, data: { externalId: "UC-A" } });
  await db.useCase.update({ where: { id: b }, data: { externalId: "UC-B" } });
  await saveRule(finance, { field: "resource", value: "vector-db-1", useCaseId: a, shareBp: 6000 });
  await saveRule(finance, { field: "resource", value: "vector-db-1", useCaseId: b, shareBp: 4000 });
  await importActuals(finance, { source: chunked(focusSample()), fileName: "focus.csv", feed: "Azure" });
  return { org, a, b, c };
}

describe("variance", () => {
  it("compares each use case's year so far with its metered projection, by month and category, in a sentence", async () => {
    const { org, a, b } = await setUp();
    const { period, useCases } = await loadVariances(org.id);
    expect(period).toEqual({ year: 2026, throughMonth: 2 });
    // The portfolio's summary path and the use case's own (every month and category) agree on every figure they share.
    for (const id of [a, b]) {
      const one = (await loadVariances(org.id, { useCaseId: id })).useCases[0]!.variance;
      const summary = useCases.find((u) => u.id === id)!.variance;
      expect({ ...summary, monthly: [], byCategory: [] }).toEqual({ ...one, monthly: [], byCategory: [] });
    }
    const va = (await loadVariances(org.id, { useCaseId: a })).useCases[0]!.variance;
    // A: January 120.01 + 60% of 50.01 (30.01) = 150.02; February 200.00 + 24.00 = 224.00. Base two months: $500 ($400–$625).
    expect(va).toMatchObject({ actual: 374_02, projected: { low: 400_00, base: 500_00, high: 625_00 }, pctVsBase: -25, position: "below", flags: ["outside-range"] });
    expect(va.monthly.map((m) => m.actual)).toEqual([150_02, 224_00]);
    expect(va.byCategory).toEqual([
      { category: "INFERENCE", actual: 320_01, projected: { low: 320_00, base: 400_00, high: 500_00 } },
      { category: "RETRIEVAL", actual: 54_01, projected: { low: 80_00, base: 100_00, high: 125_00 } },
    ]);
    expect(va.sentence).toBe("Spent $374 so far this year (January to February), 25% under the base projection, below the low case ($400).");
    // Decided, but finance has approved no budget: there is none to pass (a projection is not a budget).
    expect(va.runRate).toMatchObject({ budget: null, passesBudget: false, passingMonth: null });
    const vb = useCases.find((u) => u.id === b)!.variance;
    // B: 30.10 + 40% of 50.01 (20.00) = 50.10 in January, 16.00 in February: $66.10 against $40 ($32–$50).
    expect(vb).toMatchObject({ actual: 66_10, projected: { low: 32_00, base: 40_00, high: 50_00 }, pctVsBase: 65, position: "above" });
    // Budget $240: $66.10 + 10 months × $33.05 = $396.60, passing it in August.
    expect(vb.runRate).toEqual({ yearEnd: 396_60, unmetered: 0, budget: 240_00, passesBudget: true, passingMonth: 8 });
    expect(vb.flags).toEqual(["outside-range", "over-budget"]);
    expect(vb.sentence).toBe("Spent $66 so far this year (January to February), 65% over the base projection, above the high case ($50). At this rate the year ends near $397, past the $240 yearly budget finance approved (in August).");
  });

  it("gives the same figures on the portfolio's path when the year so far is longer than three months", async () => {
    const { org, a, b } = await setUp();
    const finance: ActualsActor = { organizationId: org.id, userId: org.users.FINANCE.id, role: "FINANCE" };
    const rows = ["date,cost,tags", ...[1, 2, 3, 4, 5, 6].map((m) => `2026-0${m}-15,${m * 7}.13,usecase=UC-${m % 2 ? "A" : "B"}`)];
    await importActuals(finance, { source: chunked(rows.join("\n") + "\n"), fileName: "extra.csv", feed: "Extra" });
    const { period, useCases } = await loadVariances(org.id);
    expect(period).toEqual({ year: 2026, throughMonth: 6 });
    for (const id of [a, b]) {
      const one = (await loadVariances(org.id, { useCaseId: id })).useCases[0]!.variance;
      expect(one.monthly).toHaveLength(6);
      expect({ ...useCases.find((u) => u.id === id)!.variance, monthly: [], byCategory: [] }).toEqual({ ...one, monthly: [], byCategory: [] });
    }
  });

  it("compares only the months that have closed: a month not over yet (or a row dated ahead) moves nothing, and is said", async () => {
    const { org, a, b, c } = await setUp();
    const finance: ActualsActor = { organizationId: org.id, userId: org.users.FINANCE.id, role: "FINANCE" };
    await db.useCase.update({ where: { id: c }, data: { externalId: "UC-C" } });
    // On 6 March 2026: a March row for A, one for C (its only bill), and a row dated January 2027.
    const rows = ["date,cost,tags", "2026-03-02,40.00,usecase=UC-A", "2026-03-03,12.34,usecase=UC-C", "2026-03-04,1.11,", "2027-01-15,9.99,usecase=UC-B"];
    await importActuals(finance, { source: chunked(rows.join("\n") + "\n"), fileName: "early.csv", feed: "Early" });
    const now = new Date("2026-03-06T10:00:00Z");
    const { period, useCases } = await loadVariances(org.id, { now });
    // Still January to February 2026, with the same figures as before these rows.
    expect(period).toEqual({ year: 2026, throughMonth: 2 });
    expect(useCases.map((u) => [u.id, u.variance.actual, u.variance.projected!.base])).toEqual([[a, 374_02, 500_00], [b, 66_10, 40_00]]);
    expect((await loadVariances(org.id, { useCaseId: a, now })).useCases[0]!.variance.sentence).toBe("Spent $374 so far this year (January to February), 25% under the base projection, below the low case ($400).");
    // C's only bill is in March: not compared (no bill in the months compared), its March said on its page, and it is among the unbilled.
    expect(await loadVariances(org.id, { useCaseId: c, now })).toEqual({ period, useCases: [], open: [{ month: "2026-03", cents: 12_34 }] });
    const p = await loadPortfolioActuals(org.id, EMPTY_FILTER, 10, 10, now);
    expect(p.period).toEqual(period);
    expect([p.actual, p.projected.base]).toEqual([374_02 + 66_10, 540_00]);
    expect(p.unbilled).toEqual({ count: 1, base: 200_00, useCases: [{ id: c, title: "Quiet one", businessUnit: "Service", base: 200_00 }] });
    expect(p.open).toEqual([{ month: "2026-03", cents: 40_00 + 12_34 + 1_11 }, { month: "2027-01", cents: 9_99 }]);
    // To the cent: compared + unattributed of the months compared + the open months = everything imported.
    const unattributed = p.unattributed.reduce((n, u) => n + u.cents, 0);
    expect(unattributed).toBe(5_55 + 17_00);
    expect(p.actual + unattributed + p.open.reduce((n, o) => n + o.cents, 0)).toBe(215_67 + 247_00 + 40_00 + 12_34 + 1_11 + 9_99);
    expect(openMonthsText(p.open)).toBe("March 2026 and January 2027 are not over: their bills ($63.44) are kept and shown with the imports, and compared once each month closes.");
    // Once March has closed it is compared: C with it.
    const april = new Date("2026-04-01T00:00:00Z");
    expect((await loadVariances(org.id, { now: april })).period).toEqual({ year: 2026, throughMonth: 3 });
    expect((await loadVariances(org.id, { now: april })).useCases.map((u) => u.id).sort()).toEqual([a, b, c].sort());
    expect((await loadPortfolioActuals(org.id, EMPTY_FILTER, 10, 10, april)).open).toEqual([{ month: "2027-01", cents: 9_99 }]);
  });

  it("lists the flagged use cases for the executives' queue, and the portfolio's projected against actual", async () => {
    const { org, a, b, c } = await setUp();
    const flagged = await listFlaggedUseCases(org.id);
    expect(flagged.map((f) => [f.useCaseId, f.flags])).toEqual([
      [b, ["outside-range", "over-budget"]],
      [a, ["outside-range"]],
    ]);
    const p = await loadPortfolioActuals(org.id, EMPTY_FILTER);
    expect(p.actual).toBe(374_02 + 66_10);
    // Unattributed spend is shown as such: January's orphan VM and unknown tag, February's orphan VM.
    expect(p.unattributed.sort((x, y) => x.reason.localeCompare(y.reason))).toEqual([
      { reason: "unknown-tag", cents: 5_55 },
      { reason: "untagged", cents: 10_00 + 7_00 },
    ]);
    // Everything imported is accounted for, to the cent: attributed + unattributed = the file.
    expect(p.actual + 5_55 + 17_00).toBe(215_67 + 247_00);
    expect(p.byBusinessUnit).toEqual([
      { businessUnit: "Claims", actual: 374_02, unprojected: 0, projected: { low: 400_00, base: 500_00, high: 625_00 }, useCases: 1 },
      { businessUnit: "Service", actual: 66_10, unprojected: 0, projected: { low: 32_00, base: 40_00, high: 50_00 }, useCases: 1 },
    ]);
    expect(p.byApproach.map((x) => [x.approach, x.actual, x.useCases])).toEqual([["RAG", 374_02, 1], ["PROMPTING", 66_10, 1]]);
    // Furthest outside first: B is 32% above its high case, A 6.5% below its low case.
    expect(p.outside.map((o) => [o.id, o.position])).toEqual([[b, "above"], [a, "below"]]);
    expect(p.flagged).toBe(2);
    // C has no bill this year: it is left out of the comparison (not counted as $0 spent), and said to be.
    // Its $1,200 a year of inference from January: two twelfths ($100 each) to February, $200.
    expect(p.projected.base).toBe(500_00 + 40_00);
    expect(p.unbilled).toEqual({ count: 1, base: 200_00, useCases: [{ id: c, title: "Quiet one", businessUnit: "Service", base: 200_00 }] });
    expect(await loadUnbilled(org.id)).toEqual({ period: { year: 2026, throughMonth: 2 }, ...p.unbilled });
    // Not started, so no bill is missed: retired, planned to start in March (after the last month imported), with no
    // planned start, or an idea or one being assessed whose planned start (January) has passed: its status says it has not started.
    const later = async (title: string, data: { status?: "RETIRED" | "IDEA" | "ASSESSING" | "BUILDING" | "APPROVED"; startDate?: Date | null }) => {
      const id = await insertUseCaseWithCosts(org.id, { title, businessUnit: "Service", ownerId: org.users.LEAD.id, recommended: "PROMPTING", status: "LIVE", startYear: 2026, yearly: { PROMPTING: { INFERENCE: [1_200_00] } } });
      await db.useCase.update({ where: { id }, data });
    };
    await later("Switched off", { status: "RETIRED" });
    await later("Starts in March", { startDate: new Date("2026-03-01T00:00:00Z") });
    await later("Someday", { startDate: null });
    await later("An idea", { status: "IDEA" });
    await later("Being assessed", { status: "ASSESSING" });
    expect((await loadUnbilled(org.id)).useCases.map((u) => u.title)).toEqual(["Quiet one"]);
    // Approved or building with its planned start passed: started, and listed.
    await later("Approved, started", { status: "APPROVED" });
    await later("Building", { status: "BUILDING" });
    expect((await loadUnbilled(org.id)).useCases.map((u) => u.title)).toEqual(["Approved, started", "Building", "Quiet one"]);
    // The filter applies.
    const claims = await loadPortfolioActuals(org.id, { ...EMPTY_FILTER, businessUnit: ["Claims"] });
    expect(claims.actual).toBe(374_02);
    expect(claims.unbilled).toEqual({ count: 0, base: 0, useCases: [] });
    expect((await loadPortfolioActuals(org.id, { ...EMPTY_FILTER, businessUnit: ["Service"] })).unbilled.base).toBe(3 * 200_00); // Quiet one, "Approved, started" and "Building"
    // Another organization sees none of it.
    const other = await createTestOrg("variance-other");
    expect(await listFlaggedUseCases(other.id)).toEqual([]);
    expect((await loadPortfolioActuals(other.id)).actual).toBe(0);
  });
});

describe("the finance exports with actual spend", () => {
  it("add the actuals and the variance, placing each cent once, and agree with the portfolio to the cent", async () => {
    const { org, a, b } = await setUp();
    const { detailStream, businessUnitStream } = await import("@/lib/server/export/cost-exports");
    const Papa = (await import("papaparse")).default;
    const read = async (s: ReadableStream<Uint8Array>) => {
      const text = await new Response(s).text();
      return Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, "").trimEnd(), { header: true, newline: "\r\n" }).data;
    };
    const exportOrg = { id: org.id, name: "Variance" };
    const detail = await read(detailStream(exportOrg, EMPTY_FILTER));
    const cents = (s: string | undefined) => (s ? Math.round(Number(s) * 100) : 0);
    // A's actual: inference on its RAG Inference row, retrieval on its RAG Retrieval row; nothing on the fine-tuning rows.
    const rowOf = (id: string, approach: string, category: string) => detail.find((r) => r.use_case_id === id && r.approach === approach && r.category === category)!;
    expect(rowOf(a, "RAG", "INFERENCE")).toMatchObject({ actual: "320.01", actual_through: "2026-02" });
    expect(rowOf(a, "RAG", "RETRIEVAL_INFRA").actual).toBe("54.01");
    expect(rowOf(a, "RAG", "BUILD_ENGINEERING").actual).toBe("");
    expect(rowOf(a, "FINE_TUNING", "INFERENCE").actual).toBe("");
    expect(rowOf(b, "PROMPTING", "INFERENCE").actual).toBe("66.10");
    const detailTotal = detail.reduce((n, r) => n + cents(r.actual), 0);
    expect(detailTotal).toBe(374_02 + 66_10);

    const bu = await read(businessUnitStream(exportOrg, EMPTY_FILTER));
    const chosen = bu.filter((r) => r.scenario === "as chosen");
    expect(chosen.map((r) => [r.business_unit, r.approach, r.actual, r.metered_base_to_date, r.variance_to_date, r.actual_through])).toEqual([
      ["Claims", "RAG", "374.02", "500.00", "-125.98", "2026-02"],
      ["Service", "PROMPTING", "66.10", "40.00", "26.10", "2026-02"],
    ]);
    // The other scenarios carry no actuals (they would count them twice).
    expect(bu.filter((r) => r.scenario !== "as chosen").every((r) => r.actual === "")).toBe(true);
    // Both files and the portfolio panel agree, to the cent.
    const p = await loadPortfolioActuals(org.id, EMPTY_FILTER);
    expect(chosen.reduce((n, r) => n + cents(r.actual), 0)).toBe(p.actual);
    expect(chosen.map((r) => cents(r.metered_base_to_date))).toEqual(p.byBusinessUnit.map((x) => x.projected.base));
  });
});

describe("a use case that starts during the year", () => {
  it("is projected from its start month, each category apart, on its page, the portfolio and the business-unit export alike", async () => {
    const { org, a } = await setUp();
    await db.useCase.update({ where: { id: a }, data: { startDate: new Date(Date.UTC(2026, 1, 10)) } });
    // A's first year is a full year of calls: each month from February is a twelfth of it, inference
    // $2,400 → $200.00, retrieval $600 → $50.00; nothing in January. $250.00 so far, against the
    // $224.00 billed in February; January's $150.02, before its start, is set against nothing. (The
    // year squeezed into February to December made February $272.74.)
    const va = (await loadVariances(org.id, { useCaseId: a })).useCases[0]!.variance;
    expect(va).toMatchObject({ fromMonth: 2, actual: 374_02, beforeStart: 150_02, projected: { base: 250_00 }, yearly: { base: 3_000_00 } });
    expect(va.monthly.map((m) => m.projected!.base)).toEqual([0, 250_00]);
    const summary = (await loadVariances(org.id)).useCases.find((u) => u.id === a)!.variance;
    expect(summary).toMatchObject({ fromMonth: 2, projected: va.projected, position: va.position, sentence: va.sentence });

    const { businessUnitStream } = await import("@/lib/server/export/cost-exports");
    const Papa = (await import("papaparse")).default;
    const text = await new Response(businessUnitStream({ id: org.id, name: "Variance" }, EMPTY_FILTER)).text();
    const bu = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, "").trimEnd(), { header: true, newline: "\r\n" }).data;
    const claims = bu.find((r) => r.scenario === "as chosen" && r.business_unit === "Claims")!;
    expect([claims.actual, claims.metered_base_to_date, claims.variance_to_date]).toEqual(["374.02", "250.00", "-26.00"]);
    const p = await loadPortfolioActuals(org.id, EMPTY_FILTER);
    expect(p.byBusinessUnit.find((x) => x.businessUnit === "Claims")).toMatchObject({ actual: 374_02, unprojected: 150_02, projected: { base: 250_00 } });
  });
});

describe("the run rate of a use case that starts during the year", () => {
  it("counts no month before its start, on its page, the early-warning queue and the portfolio alike", async () => {
    const { org } = await setUp();
    const finance: ActualsActor = { organizationId: org.id, userId: org.users.FINANCE.id, role: "FINANCE" };
    // E starts on 10 February with a budget of $240 approved; metered $800 a year, $66.67 of it in
    // February. It was billed $50.10 in January (a trial before its start) and $16.00 in February.
    const e = await insertUseCaseWithCosts(org.id, { title: "Renewal notes", businessUnit: "Service", ownerId: org.users.LEAD.id, recommended: "PROMPTING", chosen: "PROMPTING", budgetApproved: 240_00, startYear: 2026, yearly: { PROMPTING: { INFERENCE: [800_00] } } });
    await db.useCase.update({ where: { id: e }, data: { externalId: "UC-E", startDate: new Date(Date.UTC(2026, 1, 10)) } });
    await importActuals(finance, { source: chunked("date,cost,tags\n2026-01-15,50.10,usecase=UC-E\n2026-02-15,16.00,usecase=UC-E\n"), fileName: "e.csv", feed: "Extra" });
    const v = (await loadVariances(org.id, { useCaseId: e })).useCases[0]!.variance;
    // At February's $16.00 a month the year ends near $226.10, under the $240 budget. Averaged with
    // January, before it ran, it would have been $33.05 a month, $396.60 for the year, and a false
    // warning. February alone is compared with February's projection ($53.33 to $83.33): $16.00 is
    // below it, a warning of its own (January's $50.10 trial, set against nothing, once hid it).
    expect(v).toMatchObject({ fromMonth: 2, actual: 66_10, beforeStart: 50_10, position: "below", flags: ["outside-range"] });
    expect(v.runRate).toEqual({ yearEnd: 226_10, unmetered: 0, budget: 240_00, passesBudget: false, passingMonth: null });
    expect((await listFlaggedUseCases(org.id)).find((f) => f.useCaseId === e)?.flags).toEqual(["outside-range"]);
    // The portfolio's statement counts the same flags: A, B and E.
    expect((await loadPortfolioActuals(org.id, EMPTY_FILTER)).flagged).toBe(3);
  });
});

describe("a projection that lacks a metered figure", () => {
  it("is compared with nothing on its page, the portfolio's path, the early warnings and the portfolio's panel alike", async () => {
    const { org } = await setUp();
    const finance: ActualsActor = { organizationId: org.id, userId: org.users.FINANCE.id, role: "FINANCE" };
    // Its volume unanswered: no inference figure, retrieval $600 a year ($100 for two months). Billed
    // $900 in January and February: against retrieval alone, 800% over and "outside its range".
    const g = await insertUseCaseWithCosts(org.id, { title: "Volume unknown", businessUnit: "Claims", ownerId: org.users.LEAD.id, recommended: "RAG", chosen: "RAG", budgetApproved: 600_00, startYear: 2026, yearly: { RAG: { INFERENCE: [null], RETRIEVAL_INFRA: [600_00] } } });
    await db.useCase.update({ where: { id: g }, data: { externalId: "UC-G" } });
    await importActuals(finance, { source: chunked("date,cost,tags\n2026-01-15,450.00,usecase=UC-G\n2026-02-15,450.00,usecase=UC-G\n"), fileName: "g.csv", feed: "Extra" });
    const own = (await loadVariances(org.id, { useCaseId: g })).useCases[0]!.variance;
    expect(own).toMatchObject({ actual: 900_00, projected: null, position: null, pctVsBase: null });
    expect(own.sentence).toMatch(/^Spent \$900 so far this year \(January to February\); the projection of its metered costs lacks a figure for this year/);
    // Its approved budget is still a budget: $900 + 10 × $450 passes $600 (the run rate needs no projection).
    expect(own.flags).toEqual(["over-budget"]);
    const summary = (await loadVariances(org.id)).useCases.find((u) => u.id === g)!.variance;
    expect({ ...summary, monthly: [], byCategory: [] }).toEqual({ ...own, monthly: [], byCategory: [] });
    expect((await listFlaggedUseCases(org.id)).find((f) => f.useCaseId === g)?.flags).toEqual(["over-budget"]);
    const p = await loadPortfolioActuals(org.id, EMPTY_FILTER);
    // Not among those outside their range, and its bills are spend with nothing to set against.
    expect(p.outside.map((o) => o.id)).not.toContain(g);
    const claims = p.byBusinessUnit.find((x) => x.businessUnit === "Claims")!;
    expect(claims.unprojected).toBe(900_00);
    // The business-unit export sets the same cents against the same base: none of its spend is compared.
    const { businessUnitStream } = await import("@/lib/server/export/cost-exports");
    const Papa = (await import("papaparse")).default;
    const text = await new Response(businessUnitStream({ id: org.id, name: "Variance" }, EMPTY_FILTER)).text();
    const bu = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, "").trimEnd(), { header: true, newline: "\r\n" }).data;
    const row = bu.find((r) => r.scenario === "as chosen" && r.business_unit === "Claims" && r.calendar_year === "2026")!;
    expect(Math.round(Number(row.metered_base_to_date) * 100)).toBe(claims.projected.base);
    expect(Math.round(Number(row.actual) * 100)).toBe(claims.actual);
  });
});

describe("learning from actuals", () => {
  it("shows the actual cost per call against what the projections assume for those calls, and starts a new version from it", async () => {
    const { org } = await setUp();
    const { loadUnitCosts } = await import("@/lib/server/actuals/unit-costs");
    const { newAssumptionVersionFromActuals } = await import("@/app/o/[org]/actuals/actions");
    const { signInAs } = await import("./helpers/session");
    const { currentAssumptions } = await import("@/lib/server/assumptions");
    const { compareCalls } = await import("@/lib/domain/actuals");
    const before = await loadUnitCosts(org.id);
    // Inference counted in requests: January 120.01 (40,020 calls) + 30.10 (3,000) + 5.55 (100), February 200.00 (60,000).
    expect(before.observed.calls).toMatchObject({ count: 103_120, cents: 355_66 });
    expect(before.observed.calls!.usdPerCall).toBeCloseTo(355.66 / 103_120, 12);
    expect(before.observed.tokens).toBeNull();
    // Compared: A's (RAG) 100,020 calls for $320.01 and B's (prompting) 3,000 for $30.10; the 100
    // tagged UC-ZZ belong to no use case and are left out.
    expect(before.calls!.actual).toMatchObject({ count: 103_020, cents: 350_11 });
    expect(before.calls!.byApproach.map((a) => [a.approach, a.calls, a.cents])).toEqual([["RAG", 100_020, 320_01], ["PROMPTING", 3_000, 30_10]]);
    expect(before.calls!.leftOut).toEqual([{ calls: 100, cents: 5_55, why: "not attributed to any use case" }]);
    const bare = before.assumed.usdPerCall.base!;
    expect(before.calls!.assumed.base).toBeCloseTo((100_020 * bare * 1.225 + 3_000 * bare) / 103_020, 12);

    signInAs(org.users.FINANCE.id);
    const res = await newAssumptionVersionFromActuals(org.slug, { expectedVersion: before.version });
    expect(res).toMatchObject({ ok: true, data: { version: before.version + 1 } });
    const after = await currentAssumptions(db, org.id);
    expect(after.version).toBe(before.version + 1);
    // What the new version assumes for the same calls is what they cost (prices rounded to a millionth of a dollar).
    const groups = before.calls!.byApproach.map(({ approach, calls, cents }) => ({ approach, calls, cents }));
    expect(compareCalls(after.set, groups)!.assumed.base! / before.calls!.actual.usdPerCall).toBeCloseTo(1, 3);
    const event = await db.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "assumptions.updated" }, orderBy: { at: "desc" } });
    expect(JSON.stringify(event.after)).toContain("From actual spend");
    expect(JSON.stringify(event.after)).toContain("the model's price plus 22.5% retrieval overhead");
    // A stale version number is refused, and nothing is saved.
    const stale = await newAssumptionVersionFromActuals(org.slug, { expectedVersion: before.version });
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await currentAssumptions(db, org.id)).version).toBe(before.version + 1);
  });

  it("counts untagged calls that finance's rules share among use cases, under each use case's approach", async () => {
    const org = await createTestOrg("unit-rules");
    const finance: ActualsActor = { organizationId: org.id, userId: org.users.FINANCE.id, role: "FINANCE" };
    const { loadUnitCosts } = await import("@/lib/server/actuals/unit-costs");
    // Neither has an external id, so no tag can name them: only the rule reaches them.
    const rag = await insertUseCaseWithCosts(org.id, { title: "Policy answers", businessUnit: "Service", ownerId: org.users.LEAD.id, recommended: "RAG", chosen: "RAG", startYear: 2026, yearly: { RAG: { INFERENCE: [1_000_00] } } });
    const prompting = await insertUseCaseWithCosts(org.id, { title: "Letter drafting", businessUnit: "Service", ownerId: org.users.LEAD.id, recommended: "PROMPTING", startYear: 2026, yearly: { PROMPTING: { INFERENCE: [1_000_00] } } });
    await saveRule(finance, { field: "resource", value: "gateway-1", useCaseId: rag, shareBp: 7500 });
    await saveRule(finance, { field: "resource", value: "gateway-1", useCaseId: prompting, shareBp: 2500 });
    await importActuals(finance, { source: chunked("date,cost,category,quantity,unit,resource\n2026-02-10,80.00,inference,40000,requests,gateway-1\n"), fileName: "gateway.csv", feed: "Gateway" });
    const unit = await loadUnitCosts(org.id);
    expect(unit.calls!.byApproach.map((a) => [a.approach, a.calls, a.cents])).toEqual([["RAG", 30_000, 60_00], ["PROMPTING", 10_000, 20_00]]);
    expect(unit.calls!.leftOut.every((l) => l.calls === 0)).toBe(true);
  });

  it("does not read a RAG use case's retrieval overhead as the model costing more", async () => {
    const org = await createTestOrg("unit-rag");
    const finance: ActualsActor = { organizationId: org.id, userId: org.users.FINANCE.id, role: "FINANCE" };
    const { loadUnitCosts } = await import("@/lib/server/actuals/unit-costs");
    const { newAssumptionVersionFromActuals } = await import("@/app/o/[org]/actuals/actions");
    const { proposalText } = await import("@/app/o/[org]/actuals/_components/unit-cost-table");
    const { signInAs } = await import("./helpers/session");
    const { currentAssumptions } = await import("@/lib/server/assumptions");
    const { assumedUnitCosts } = await import("@/lib/domain/actuals");
    const rag = await insertUseCaseWithCosts(org.id, { title: "Policy answers", businessUnit: "Service", ownerId: org.users.LEAD.id, recommended: "RAG", chosen: "RAG", startYear: 2026, yearly: { RAG: { INFERENCE: [1_000_00] } } });
    await db.useCase.update({ where: { id: rag }, data: { externalId: "UC-R" } });
    // A million calls billed at exactly what its projection assumes a RAG call costs: a bare call plus 22.5%.
    const bare = assumedUnitCosts((await currentAssumptions(db, org.id)).set).usdPerCall.base!;
    const cost = (1_000_000 * bare * 1.225).toFixed(2);
    await importActuals(finance, { source: chunked(`date,cost,category,quantity,unit,tags\n2026-01-15,${cost},inference,1000000,requests,usecase=UC-R\n`), fileName: "rag.csv", feed: "Gateway" });
    const unit = await loadUnitCosts(org.id);
    // Set against a bare call, as before, the bill read 22.5% dearer and proposed model prices × 1.225.
    expect(unit.observed.calls!.usdPerCall / bare).toBeCloseTo(1.225, 4);
    expect(unit.calls!.actual.usdPerCall).toBeCloseTo(unit.calls!.assumed.base!, 8);
    expect(unit.proposal!.ratio).toBeCloseTo(1, 4);
    expect(proposalText(unit.proposal)).toBe("The calls compared cost what their projections assume: within 2%, too close for a new assumption version to be worth starting.");
    signInAs(org.users.FINANCE.id);
    const res = await newAssumptionVersionFromActuals(org.slug, { expectedVersion: unit.version });
    expect(res).toMatchObject({ ok: false, code: "VALIDATION" });
    expect((await currentAssumptions(db, org.id)).version).toBe(unit.version);
  });
});
