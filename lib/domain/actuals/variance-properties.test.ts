/**
 * Variance held to what finance checks by hand (lib/domain/actuals/variance.ts), on generated
 * years of projection and spend: the portfolio's fast path gives the page's figures; the months
 * and categories add up to the totals; spend after the year so far is left out; the month the
 * budget is passed is the month the running total passes it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACTUAL_CATEGORIES, PROJECTION_CATEGORY } from "./fields";
import { computeVariance, LACKING_FIGURE, MONTH_NAMES, varianceSentence, type VarianceInput } from "./variance";

const cents = fc.integer({ min: 0, max: 5_000_000_00 });
const projectionLine = fc.record({
  category: fc.constantFrom(...Object.keys(PROJECTION_CATEGORY), "BUILD_ENGINEERING", "MAINTENANCE_ENGINEERING"),
  low: fc.option(cents, { nil: null }),
  base: fc.option(cents, { nil: null }),
  high: fc.option(cents, { nil: null }),
});
const spend = fc.record({ month: fc.integer({ min: 0, max: 13 }), category: fc.constantFrom(...ACTUAL_CATEGORIES), cents: fc.integer({ min: 0, max: 50_000_000 }) });
const input: fc.Arbitrary<VarianceInput> = fc.record({
  year: fc.constant(2026),
  throughMonth: fc.integer({ min: 1, max: 12 }),
  projection: fc.array(projectionLine, { maxLength: 8 }),
  actual: fc.array(spend, { maxLength: 30 }),
  approvedBudget: fc.option(fc.integer({ min: 0, max: 200_000_000 }), { nil: null }),
  fromMonth: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
  unmetered: fc.option(fc.integer({ min: 0, max: 100_000_000 }), { nil: undefined }),
});

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe("variance, on generated years", () => {
  it("the portfolio's fast path gives the same figures, sentence and flags as the use case's page", () => {
    fc.assert(
      fc.property(input, (i) => {
        const full = computeVariance(i);
        const fast = computeVariance(i, { detail: false });
        expect({ ...fast, monthly: full.monthly, byCategory: full.byCategory }).toEqual(full);
        expect([fast.monthly, fast.byCategory]).toEqual([[], []]);
      }),
      { numRuns: 300 },
    );
  });

  it("months and categories add up to the year so far; spend outside it is left out", () => {
    fc.assert(
      fc.property(input, (i) => {
        const v = computeVariance(i);
        const inYear = i.actual.filter((a) => a.month >= 1 && a.month <= i.throughMonth);
        expect(v.actual).toBe(sum(inYear.map((a) => a.cents)));
        expect(v.monthly.map((m) => m.month)).toEqual(Array.from({ length: i.throughMonth }, (_, k) => k + 1));
        expect(sum(v.monthly.map((m) => m.actual))).toBe(v.actual);
        // By category as compared: from the start month; what came before is set against nothing.
        const before = sum(inYear.filter((a) => a.month < (i.fromMonth ?? 1)).map((a) => a.cents));
        expect(v.beforeStart).toBe(before);
        expect(sum(v.byCategory.map((c) => c.actual))).toBe(v.actual - v.beforeStart);
        for (const c of v.byCategory) expect(c.actual !== 0 || c.projected !== null, c.category).toBe(true);
        if (v.projected) {
          for (const k of ["low", "base", "high"] as const) {
            expect(sum(v.monthly.map((m) => m.projected![k])), k).toBe(v.projected[k]);
            expect(sum(v.byCategory.map((c) => c.projected?.[k] ?? 0)), k).toBe(v.projected[k]);
          }
        } else {
          expect(v.position).toBeNull();
          expect(v.monthly.every((m) => m.projected === null)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a missing low or high counts as the base; engineering is not metered", () => {
    const v = computeVariance({
      year: 2026, throughMonth: 12, approvedBudget: null, actual: [],
      projection: [
        { category: "INFERENCE", low: null, base: 1_200_00, high: null },
        { category: "BUILD_ENGINEERING", low: 1, base: 2, high: 3 },
      ],
    });
    expect(v.projected).toEqual({ low: 1_200_00, base: 1_200_00, high: 1_200_00 });
    expect(v.byCategory.map((c) => c.category)).toEqual(["INFERENCE"]);
  });

  it("a metered line with no figure leaves nothing to compare with: no percentage, no flag, and the sentence says why", () => {
    // A review: the volume unanswered, the inference line had no figure, and bills of $3,000 a month read "5892% over the base projection" of retrieval alone.
    const v = computeVariance({
      year: 2026, throughMonth: 3, approvedBudget: null,
      actual: [1, 2, 3].map((month) => ({ month, category: "INFERENCE" as const, cents: 3_000_00 })),
      projection: [
        { category: "INFERENCE", low: null, base: null, high: null },
        { category: "RETRIEVAL_INFRA", low: 600_00, base: 1_800_00, high: 3_600_00 },
      ],
    });
    expect(v).toMatchObject({ projected: null, pctVsBase: null, position: null, flags: [] });
    expect(v.sentence).toBe(`Spent $9,000 so far this year (January to March); ${LACKING_FIGURE}.`);
  });

  it("credits beyond the bills are not a percentage under the projection", () => {
    const v = computeVariance({
      year: 2026, throughMonth: 3, approvedBudget: null,
      actual: [{ month: 1, category: "INFERENCE", cents: 1_000_00 }, { month: 2, category: "INFERENCE", cents: 1_000_00 }, { month: 3, category: "INFERENCE", cents: -3_000_00 }],
      projection: [{ category: "INFERENCE", low: 6_000_00, base: 12_000_00, high: 24_000_00 }],
    });
    // It read "Spent −$1,000 so far this year …, 133% under the base projection, below the low case", flagged.
    expect(v).toMatchObject({ pctVsBase: null, position: null, flags: [] });
    expect(v.sentence).toBe("Spent −$1,000 so far this year (January to March): its credits exceed its bills, so it is not compared with the projection.");
  });

  it("the month the budget is passed is the month the running total first passes it, and the sentence names it", () => {
    fc.assert(
      fc.property(input, (i) => {
        const v = computeVariance(i);
        const budget = i.approvedBudget;
        // The bills at the run rate and the year's people's time together, against the budget.
        expect(v.runRate.unmetered).toBe(i.unmetered ?? 0);
        expect(v.runRate.passesBudget).toBe(budget !== null && v.runRate.yearEnd + v.runRate.unmetered > budget);
        // The month named is one the bills pass what the budget leaves beside the people's time: never before they do.
        if (budget !== null && v.runRate.passingMonth !== null && v.actual <= budget) {
          let running = 0;
          for (const m of v.monthly) if (m.month < v.runRate.passingMonth) running += m.actual;
          expect(running).toBeLessThanOrEqual(budget - v.runRate.unmetered);
        }
        expect(v.flags.includes("over-budget")).toBe(v.runRate.passesBudget);
        if (budget !== null && v.actual > budget) {
          let running = 0;
          const month = v.monthly.findIndex((m) => (running += m.actual) > budget) + 1;
          expect(v.runRate.passingMonth).toBe(month);
        }
        if (v.runRate.passesBudget && v.runRate.passingMonth) expect(v.sentence).toContain(`(in ${MONTH_NAMES[v.runRate.passingMonth - 1]})`);
        if (v.runRate.passingMonth !== null) expect(v.runRate.passingMonth).toBeLessThanOrEqual(12);
        // No approved budget: nothing to pass.
        if (budget === null) expect(v.runRate).toMatchObject({ budget: null, passesBudget: false, passingMonth: null });
      }),
      { numRuns: 300 },
    );
  });

  it("the run rate is the last three months' average, or fewer early in the year", () => {
    const at = (throughMonth: number, monthly: number[]) =>
      computeVariance({ year: 2026, throughMonth, projection: [], approvedBudget: 10_000_00, actual: monthly.map((c, k) => ({ month: k + 1, category: "INFERENCE" as const, cents: c })) }).runRate;
    // Two months in: the average of both, for ten months more.
    expect(at(2, [100_00, 300_00])).toMatchObject({ yearEnd: 400_00 + 200_00 * 10, passesBudget: false, passingMonth: null });
    // Five months in: the last three (300, 300, 600 → 400 a month), not all five.
    expect(at(5, [0, 0, 300_00, 300_00, 600_00])).toMatchObject({ yearEnd: 1_200_00 + 400_00 * 7, passesBudget: false });
    // $4,000 a month: the $10,000 budget was already passed in March.
    expect(at(4, [400_00, 400_00, 400_00, 0].map((c) => c * 10))).toMatchObject({ passesBudget: true, passingMonth: 3 });
    // $6,000 spent by March at $2,000 a month, against a $10,000 budget: reached at the end of May, passed in June.
    expect(at(3, [2_000_00, 2_000_00, 2_000_00])).toMatchObject({ yearEnd: 24_000_00, passesBudget: true, passingMonth: 6 });
    // Passing it in December is still this year.
    expect(at(1, [900_00])).toMatchObject({ yearEnd: 10_800_00, passesBudget: true, passingMonth: 12 });
    // Reaching the budget exactly is not passing it: the month after is.
    expect(at(3, [5_000_00, 5_000_00, 1])).toMatchObject({ passesBudget: true, passingMonth: 3 });
    expect(at(2, [5_000_00, 5_000_00])).toMatchObject({ passingMonth: 3 });
  });

  it("a projection whose base is zero is said to have no base, not to be some percent off it", () => {
    const v = computeVariance({ year: 2026, throughMonth: 1, approvedBudget: null, projection: [{ category: "INFERENCE", low: 0, base: 0, high: 0 }], actual: [{ month: 1, category: "INFERENCE", cents: 50_000 }] });
    expect(v).toMatchObject({ pctVsBase: null, position: "above" });
    expect(v.sentence).toBe("Spent $500 so far this year (January), where nothing was projected for these months, above the high case ($0).");
  });
});

describe("the variance sentence's parts", () => {
  it("add up to the total it says, each rounded to the dollar", () => {
    // A review: "Spent $1,001 …: $501 of it before its planned start in October, …, and the $501 since".
    const s = varianceSentence({ actual: 100_100, beforeStart: 50_050, fromMonth: 10, throughMonth: 11, projected: { low: 20_000, base: 40_000, high: 80_000 }, pctVsBase: 25, position: "over-base" });
    expect(s).toMatch(/^Spent \$1,001 so far this year \(January to November\): \$501 of it before its planned start in October, set against nothing, and the \$500 since, /);
  });
});
