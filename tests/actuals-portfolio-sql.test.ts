/**
 * Issue 21: the portfolio's actuals panel is aggregated in PostgreSQL (loadPortfolioActuals). It
 * must give, to the cent, what summing each use case's own variance gives (loadVariances, which
 * runs computeVariance per use case): the totals, each business unit and approach as chosen, the
 * number flagged (outside the range, or a run rate past the approved budget), and the use cases
 * furthest outside their range, in order, with their sentences. A generated portfolio (fixed
 * seed) with odd cents everywhere, so the months split unevenly, some use cases starting during
 * the year (their year spread from their start month), five months so far (the run
 * rate reads the last three), decided and undecided use cases, one with no approach at all, one
 * with no metered projection and one projected at $0 (infinitely far above).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Range, Variance } from "@/lib/domain/actuals";
import { EMPTY_FILTER, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { distanceOutside } from "@/lib/domain/actuals";
import { db, type Approach } from "@/lib/server/db";
import { importActuals } from "@/lib/server/actuals/import";
import { loadVariances } from "@/lib/server/actuals/read";
import { loadPortfolioActuals } from "@/lib/server/actuals/portfolio";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { chunked } from "./helpers/actuals-samples";

let org: TestOrg;

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  org = await createTestOrg("portfolio-sql");
  const r = rng(21);
  const units = ["Claims", "Service", "Finance", ""];
  const approaches: Approach[] = ["PROMPTING", "RAG", "FINE_TUNING"];
  const rows: string[] = [];
  for (let i = 0; i < 36; i++) {
    const approach = approaches[i % 3]!;
    const yearly = 1_000_00 + Math.floor(r() * 5_000_00) + 7; // odd cents: the twelfths split unevenly
    const other = approaches[(i + 1) % 3]!;
    const id = await insertUseCaseWithCosts(org.id, {
      title: `Use case ${String(i).padStart(2, "0")} ${i % 5 === 0 ? "zeta" : "alpha"}`,
      businessUnit: units[i % units.length]!,
      ownerId: org.users.LEAD.id,
      recommended: i === 35 ? null : approach,
      chosen: i === 35 ? null : i % 4 === 0 ? approach : i % 7 === 0 ? other : null,
      // Finance approved the decided ones' yearly budgets at their metered base as chosen, except
      // where i % 3 === 2: decided, but no budget approved, so never over budget.
      budgetApproved: i === 35 || i % 3 === 2 ? undefined : i % 4 === 0 ? yearly + Math.floor(yearly / 3) + 1 : i % 7 === 0 ? yearly * 2 + 1 : undefined,
      startYear: 2026,
      yearly:
        i === 33 ? { [approach]: { BUILD_ENGINEERING: [9_000_00] } } // no metered projection
        : i === 34 ? { [approach]: { INFERENCE: [0] } } // projected at $0
        // Every eighth also counts people's time no bill shows (twice the inference), which its budget
        // (the metered base) leaves out: the run rate's year end adds it, so a slow biller passes too.
        : { [approach]: { INFERENCE: [yearly], RETRIEVAL_INFRA: [Math.floor(yearly / 3) + 1], ...(i % 8 === 0 ? { MAINTENANCE: [yearly * 2] } : {}) }, [other]: { INFERENCE: [yearly * 2 + 1] } },
    });
    // Some start during the year (February to May): their year is spread from their start month,
    // each its own, which the statement reads per row; one planned from the year before spreads over twelve.
    const startDate = i % 5 === 1 ? new Date(Date.UTC(2026, 1 + (i % 4), 15)) : i % 11 === 3 ? new Date(Date.UTC(2025, 6, 1)) : undefined;
    await db.useCase.update({ where: { id }, data: { externalId: `UC-${i}`, ...(startDate ? { startDate } : {}) } });
    // January to May: around the base (a twelfth of the metered year is ~yearly × 4/36), some far above or below.
    const scale = [0.2, 0.7, 1, 1, 1.3, 2.5][i % 6]!;
    for (let m = 1; m <= 5; m++) {
      const cents = Math.max(1, Math.round(((yearly * 4) / 3 / 12) * scale * (0.6 + r() * 0.8)));
      rows.push(`2026-0${m}-1${m},${(cents / 100).toFixed(2)},usecase=UC-${i}`);
    }
  }
  // At the edge of the budget (decided prompting): January to May $100.00, $100.00, $100.00, $100.01,
  // $100.01 = $500.02; the last three months' mean $100.00667 for seven months more: $500.02 +
  // $700.04667 = $1,200.06667, so $1,200.07 at year end (rounded). A budget of $1,200.07 is not
  // passed; one of $1,200.06 is. Both are inside their range ($400.05–$625.05 to date).
  for (const [k, budget] of [["edge-held", 1_200_07], ["edge-passed", 1_200_06]] as const) {
    const id = await insertUseCaseWithCosts(org.id, { title: `Budget ${k}`, businessUnit: "Finance", ownerId: org.users.LEAD.id, recommended: "PROMPTING", chosen: "PROMPTING", budgetApproved: budget, startYear: 2026, yearly: { PROMPTING: { INFERENCE: [budget] } } });
    await db.useCase.update({ where: { id }, data: { externalId: `UC-${k}` } });
    for (const [m, cost] of [[1, "100.00"], [2, "100.00"], [3, "100.00"], [4, "100.01"], [5, "100.01"]] as const) rows.push(`2026-0${m}-20,${cost},usecase=UC-${k}`);
  }
  // On its metered base to the cent ($100 a month of $1,200 a year), with $6,000 of maintenance no bill
  // shows, under a budget of $6,500: the year's $7,200 passes it, though its bills alone never would.
  {
    const id = await insertUseCaseWithCosts(org.id, { title: "People's time", businessUnit: "Finance", ownerId: org.users.LEAD.id, recommended: "PROMPTING", chosen: "PROMPTING", budgetApproved: 6_500_00, startYear: 2026, yearly: { PROMPTING: { INFERENCE: [1_200_00], MAINTENANCE: [6_000_00] } } });
    await db.useCase.update({ where: { id }, data: { externalId: "UC-people" } });
    for (let m = 1; m <= 5; m++) rows.push(`2026-0${m}-21,100.00,usecase=UC-people`);
  }
  // A metered line without a figure (the volume unanswered: inference null, retrieval priced): the
  // year's metered cost is not known, so its bills are compared with nothing (they would read ~4×
  // over retrieval alone). And credits beyond the bills: not "below" its range.
  {
    const lacking = await insertUseCaseWithCosts(org.id, { title: "Lacking a figure", businessUnit: "Claims", ownerId: org.users.LEAD.id, recommended: "RAG", chosen: "RAG", startYear: 2026, yearly: { RAG: { INFERENCE: [null], RETRIEVAL_INFRA: [900_00] } } });
    await db.useCase.update({ where: { id: lacking }, data: { externalId: "UC-lacking" } });
    for (let m = 1; m <= 5; m++) rows.push(`2026-0${m}-12,300.00,usecase=UC-lacking`);
    const credited = await insertUseCaseWithCosts(org.id, { title: "Credited back", businessUnit: "Service", ownerId: org.users.LEAD.id, recommended: "PROMPTING", chosen: "PROMPTING", startYear: 2026, yearly: { PROMPTING: { INFERENCE: [1_200_00] } } });
    await db.useCase.update({ where: { id: credited }, data: { externalId: "UC-credited" } });
    rows.push("2026-02-10,50.00,usecase=UC-credited", "2026-04-10,-180.00,usecase=UC-credited");
  }
  rows.push("2026-03-03,12.34,usecase=nobody");
  const out = await importActuals({ organizationId: org.id, userId: org.users.FINANCE.id, role: "FINANCE" }, { source: chunked(["date,cost,tags", ...rows].join("\n") + "\n"), fileName: "five-months.csv", feed: "Bills" });
  expect(out).toMatchObject({ committed: true });
});

/** What the panel showed when it summed each use case's own variance in JavaScript (the code before this one). */
async function summedPerUseCase(filter: PortfolioFilter, limit: number) {
  const { useCases } = await loadVariances(org.id, { filter });
  const zero = (): Range => ({ low: 0, base: 0, high: 0 });
  const add = (t: { actual: number; unprojected: number; projected: Range; useCases: number }, v: Variance) => {
    t.actual += v.actual;
    // Spend with no projection of these months to set it against (the panel's "not projected").
    // Set against nothing: all of it with no projection; else what was billed before the start month.
    t.unprojected += v.projected ? v.beforeStart : v.actual;
    t.useCases += 1;
    if (v.projected) {
      t.projected.low += v.projected.low;
      t.projected.base += v.projected.base;
      t.projected.high += v.projected.high;
    }
  };
  const total = { actual: 0, unprojected: 0, projected: zero(), useCases: 0 };
  const bu = new Map<string, { businessUnit: string; actual: number; unprojected: number; projected: Range; useCases: number }>();
  const ap = new Map<string, { approach: Approach | null; actual: number; unprojected: number; projected: Range; useCases: number }>();
  for (const u of useCases) {
    add(total, u.variance);
    if (!bu.has(u.businessUnit)) bu.set(u.businessUnit, { businessUnit: u.businessUnit, actual: 0, unprojected: 0, projected: zero(), useCases: 0 });
    add(bu.get(u.businessUnit)!, u.variance);
    const k = u.approach ?? "";
    if (!ap.has(k)) ap.set(k, { approach: u.approach, actual: 0, unprojected: 0, projected: zero(), useCases: 0 });
    add(ap.get(k)!, u.variance);
  }
  const people = useCases.find((u) => u.title === "People's time")?.variance;
  const peopleTime = people && { flags: people.flags, unmetered: people.runRate.unmetered, yearEnd: people.runRate.yearEnd };
  const edges = Object.fromEntries(useCases.filter((u) => u.title.startsWith("Budget edge")).map((u) => [u.title, u.variance.flags]));
  const outside = useCases
    .filter((u) => u.variance.projected && (u.variance.position === "above" || u.variance.position === "below"))
    .map((u) => ({ id: u.id, title: u.title, actual: u.variance.actual - u.variance.beforeStart, projected: u.variance.projected!, position: u.variance.position, distance: distanceOutside(u.variance.actual - u.variance.beforeStart, u.variance.projected!), sentence: u.variance.sentence }))
    .sort((x, y) => y.distance - x.distance || x.title.localeCompare(y.title));
  return {
    useCases: useCases.length,
    actual: total.actual,
    unprojected: total.unprojected,
    projected: total.projected,
    byBusinessUnit: [...bu.values()].sort((x, y) => y.actual - x.actual || x.businessUnit.localeCompare(y.businessUnit)),
    byApproach: [...ap.values()].sort((x, y) => y.actual - x.actual || (x.approach ?? "").localeCompare(y.approach ?? "")),
    outside: outside.slice(0, limit),
    outsideCount: outside.length,
    flagged: useCases.filter((u) => u.variance.flags.length > 0).length,
    edges,
    peopleTime,
    overBudgetOnly: useCases.filter((u) => u.variance.flags.length === 1 && u.variance.flags[0] === "over-budget").length,
    startMonths: [...new Set(useCases.map((u) => u.variance.fromMonth))].sort((a, b) => a - b),
  };
}

describe("the portfolio's actuals, aggregated in PostgreSQL", () => {
  it.each<[string, PortfolioFilter, number]>([
    ["the whole portfolio, the ten furthest", EMPTY_FILTER, 10],
    ["the whole portfolio, every one outside", EMPTY_FILTER, 100],
    ["one business unit, the three furthest", { ...EMPTY_FILTER, businessUnit: ["Claims"] }, 3],
  ])("agrees to the cent with each use case's own variance summed: %s", async (_label, filter, limit) => {
    const expected = await summedPerUseCase(filter, limit);
    // The generated portfolio covers what it means to: spend on every use case, some outside, some only over budget, one infinitely far.
    if (filter === EMPTY_FILTER) {
      expect(expected.useCases).toBe(41);
      expect(expected.outsideCount).toBeGreaterThan(10);
      expect(expected.overBudgetOnly).toBeGreaterThan(0);
      expect(expected.outside[0]!.distance).toBe(Number.POSITIVE_INFINITY);
      expect(expected.byApproach.some((a) => a.approach === null)).toBe(true);
      expect(expected.edges).toEqual({ "Budget edge-held": [], "Budget edge-passed": ["over-budget"] });
      // Flagged only for its budget, passed only with its people's time counted.
      expect(expected.peopleTime).toEqual({ flags: ["over-budget"], unmetered: 6_000_00, yearEnd: 1_200_00 });
      expect(expected.startMonths).toEqual([1, 2, 3, 4, 5]);
      // Some spend has no projection of these months (no metered line, no recommendation).
      expect(expected.unprojected).toBeGreaterThan(0);
    }
    const p = await loadPortfolioActuals(org.id, filter, limit);
    expect(p.period).toEqual({ year: 2026, throughMonth: 5 });
    expect({ actual: p.actual, unprojected: p.unprojected, projected: p.projected }).toEqual({ actual: expected.actual, unprojected: expected.unprojected, projected: expected.projected });
    expect(p.byBusinessUnit).toEqual(expected.byBusinessUnit);
    expect(p.byApproach).toEqual(expected.byApproach);
    expect(p.flagged).toBe(expected.flagged);
    expect(p.outside).toEqual(expected.outside);
    expect(p.unattributed).toEqual([{ reason: "unknown-tag", cents: 12_34 }]);
  });
});
