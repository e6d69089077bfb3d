import { describe, expect, it } from "vitest";
import { apportion } from "./money";
import { againstBaseText, computeVariance, earlyWarningGapText, openMonthsText, unbilledText, distanceOutside, MONTH_NAMES, monthlyShares, pct, positionOf, projectedOverText, sharesToDate, WARNING_LABELS } from "./variance";

/** A projection of $120k base a year of inference ($96k low, $150k high) and $24k of engineering (not metered). */
const projection = [
  { category: "INFERENCE", low: 96_000_00, base: 120_000_00, high: 150_000_00 },
  { category: "BUILD_ENGINEERING", low: 20_000_00, base: 24_000_00, high: 30_000_00 },
];
const months = (...dollars: number[]) => dollars.map((d, i) => ({ month: i + 1, category: "INFERENCE" as const, cents: d * 100 }));

describe("variance against the projection", () => {
  it("says how much was spent, how far from base and which case it is inside, like for like", () => {
    // Three months: base $30k, high $37.5k; spent $35.4k = 18% over base.
    const v = computeVariance({ year: 2026, throughMonth: 3, projection, actual: months(11_000, 12_000, 12_400), approvedBudget: null });
    expect(v.projected).toEqual({ low: 24_000_00, base: 30_000_00, high: 37_500_00 });
    expect(v).toMatchObject({ actual: 35_400_00, pctVsBase: 18, position: "over-base", flags: [] });
    expect(v.sentence).toBe("Spent $35,400 so far this year (January to March), 18% over the base projection, inside the high case.");
    expect(v.monthly.map((m) => m.projected!.base)).toEqual([10_000_00, 10_000_00, 10_000_00]);
  });

  it.each([
    [[5_000, 5_000], "below", "below the low case ($16,000)", ["outside-range"]],
    [[25_000, 25_000], "above", "above the high case ($25,000)", ["outside-range"]],
    [[9_000, 9_000], "under-base", "10% under the base projection, inside the low case", []],
    [[10_000, 10_000], "on-base", "on the base projection", []],
  ] as const)("spent %j: %s", (spent, position, words, flags) => {
    const v = computeVariance({ year: 2026, throughMonth: 2, projection, actual: months(...spent), approvedBudget: null });
    expect(v.position).toBe(position);
    expect(v.sentence).toContain(words);
    expect(v.flags).toEqual(flags);
  });

  it("flags a run rate that passes the approved budget before the year ends, and says when", () => {
    // $12k a month for 4 months, budget $120k: $48k + 8 × $12k = $144k; reaches it in October and passes it in November.
    const v = computeVariance({ year: 2026, throughMonth: 4, projection, actual: months(12_000, 12_000, 12_000, 12_000), approvedBudget: 120_000_00 });
    expect(v.runRate).toEqual({ yearEnd: 144_000_00, unmetered: 0, budget: 120_000_00, passesBudget: true, passingMonth: 11 });
    expect(v.flags).toEqual(["over-budget"]);
    expect(v.sentence).toContain("At this rate the year ends near $144,000, past the $120,000 yearly budget finance approved (in November).");
    const within = computeVariance({ year: 2026, throughMonth: 4, projection, actual: months(9_000, 9_000, 9_000, 9_000), approvedBudget: 120_000_00 });
    expect(within.flags).toEqual([]);
  });

  it("has no comparison when nothing metered is projected, and never counts engineering as metered", () => {
    const v = computeVariance({ year: 2026, throughMonth: 1, projection: [projection[1]!], actual: months(1_000), approvedBudget: null });
    expect(v.projected).toBeNull();
    expect(v.sentence).toBe("Spent $1,000 so far this year (January); there is no projection of metered costs for these months to compare it with.");
  });

  it("sets no bill against an owner's yearly estimate (people's time is in it): no range, no range flag, a sentence that says why; the approved budget still holds", () => {
    const estimate = [{ category: "MANUAL_ESTIMATE", low: 20_000_00, base: 35_000_00, high: 60_000_00 }];
    // Billed $500 a month, a sixth of the estimate's low case a month: it once read "below the low case".
    const v = computeVariance({ year: 2026, throughMonth: 3, projection: estimate, actual: months(500, 500, 500), approvedBudget: 35_000_00, estimated: true });
    expect(v).toMatchObject({ projected: null, position: null, flags: [] });
    expect(v.sentence).toBe(
      "Spent $1,500 so far this year (January to March); it is costed from its owner's yearly estimate, the whole yearly cost with people's time in it, which a bill does not measure, so the bill is not set against it.",
    );
    // Its bills still pass the budget finance approved: $4,000 a month ends the year near $48,000.
    const over = computeVariance({ year: 2026, throughMonth: 3, projection: estimate, actual: months(4_000, 4_000, 4_000), approvedBudget: 35_000_00, estimated: true });
    expect(over.flags).toEqual(["over-budget"]);
    expect(over.sentence).toContain("so the bill is not set against it. At this rate the year ends near $48,000, past the $35,000 yearly budget finance approved (in September).");
  });

  it("sets a fine-tuned use case's bill against its hosting, training compute and inference, not its retraining cycles (mostly people's time)", () => {
    // $80,000 a year of retraining (four cycles at $20,000), $14,892 of hosting, $481 of inference:
    // a bill of GPU hours and calls at plan for two months is on base, not 84% under.
    const ft = [
      { category: "INFERENCE", low: 106_92, base: 481_14, high: 1_336_50 },
      { category: "FT_HOSTING", low: 14_892_00, base: 14_892_00, high: 14_892_00 },
      { category: "RETRAINING", low: 40_000_00, base: 80_000_00, high: 120_000_00 },
      { category: "MAINTENANCE", low: 10_000_00, base: 20_000_00, high: 30_000_00 },
    ];
    const v = computeVariance({ year: 2026, throughMonth: 2, projection: ft, actual: [{ month: 1, category: "HOSTING", cents: 1_241_00 }, { month: 2, category: "HOSTING", cents: 1_241_00 }, { month: 2, category: "INFERENCE", cents: 80_20 }], approvedBudget: null });
    expect(v.yearly!.base).toBe(15_373_14);
    expect(v.byCategory.find((c) => c.category === "HOSTING")!.projected!.base).toBe(2_482_00);
    expect(v.projected!.base).toBe(2_562_20);
    expect(v.position).toBe("on-base");
  });

  it("splits a year into whole-cent months that add up to it, and ranks distance outside a range", () => {
    expect(monthlyShares(100).reduce((a, b) => a + b, 0)).toBe(100);
    expect(monthlyShares(100)).toEqual([9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]);
    expect(distanceOutside(150, { low: 50, base: 80, high: 100 })).toBe(0.5);
    expect(distanceOutside(25, { low: 50, base: 80, high: 100 })).toBe(0.5);
    expect(distanceOutside(75, { low: 50, base: 80, high: 100 })).toBe(0);
  });
});

describe("a year split into months", () => {
  it.each([0, 1, 11, 12, 13, 100, 1_199, 120_000_00, 123_456_789, 9_007_199_254_740, -1, -13, -120_001])("%i cents: the same months as apportioning it over twelve equal parts, adding up to it", (yearly) => {
    const months = monthlyShares(yearly);
    expect(months).toEqual(apportion(BigInt(yearly), Array.from({ length: 12 }, () => 1n)).map(Number));
    expect(months.reduce((a, b) => a + b, 0)).toBe(yearly);
  });
});

describe("a use case that starts during the year", () => {
  it.each([1, 2, 6, 9, 12])("from month %i: nothing before it, and each month from it the same twelfth of the year as in a full year", (from) => {
    for (const yearly of [0, 1, 7, 100, 1_199, 120_000_00, 123_456_789, -13]) {
      const months = monthlyShares(yearly, from);
      expect(months.slice(0, from - 1).every((m) => m === 0)).toBe(true);
      expect(months.slice(from - 1)).toEqual(monthlyShares(yearly).slice(from - 1));
      for (let through = 1; through <= 12; through++) expect(sharesToDate(yearly, through, from)).toBe(months.slice(0, through).reduce((a, b) => a + b, 0));
    }
  });

  it("a September start is projected at nothing before September and a twelfth of its first year a month from then, not the whole year squeezed into four months", () => {
    // Its first year ($40,000 of metered costs) is a full year of calls: $3,333.33 a month. Billed
    // that from September to November, it is on its base; spread over September to December (the
    // year squeezed into four months, $10,000 a month) it read 67% under, though on plan.
    const projection = [{ category: "INFERENCE", low: 20_000_00, base: 40_000_00, high: 80_000_00 }];
    const actual = [9, 10, 11].map((month) => ({ month, category: "INFERENCE" as const, cents: 3_333_33 }));
    const v = computeVariance({ year: 2026, throughMonth: 11, projection, actual, approvedBudget: null, fromMonth: 9 });
    expect(v.fromMonth).toBe(9);
    expect(v.projected).toEqual({ low: 4_999_98, base: 9_999_99, high: 19_999_98 });
    expect(v.yearly).toEqual({ low: 20_000_00, base: 40_000_00, high: 80_000_00 });
    expect(v.position).toBe("on-base");
    expect(v.monthly.slice(0, 8).every((m) => m.projected!.base === 0)).toBe(true);
    expect(v.monthly[8]!.projected).toEqual({ low: 1_666_66, base: 3_333_33, high: 6_666_66 });
    expect(v.sentence).toBe("Spent $10,000 so far this year (January to November), on the base projection.");
    expect(projectedOverText(v)).toBe(
      "It started in September: nothing is projected before then, and each month from then is a twelfth of its first year's $40,000 of metered costs (its first twelve months), so the base projection for September to November is $10,000, three twelfths of that year.",
    );
  });

  it("sets spend billed before the start month against nothing: a September bill of an October start is no overspend", () => {
    // A review's case: planned start 1 October, billed $1,000 in September, $1,100 in October and
    // $1,200 in November, against $1,258.61 a month from October. It read "31% over the base
    // projection, above the high case" (all $3,300 against October and November's $2,517.22).
    const projection = [{ category: "INFERENCE", low: 10_068_88, base: 15_103_32, high: 15_319_20 }];
    const actual = [{ month: 9, cents: 1_000_00 }, { month: 10, cents: 1_100_00 }, { month: 11, cents: 1_200_00 }].map((a) => ({ ...a, category: "INFERENCE" as const }));
    const v = computeVariance({ year: 2026, throughMonth: 11, projection, actual, approvedBudget: null, fromMonth: 10 });
    expect(v.actual).toBe(3_300_00);
    expect(v.beforeStart).toBe(1_000_00);
    expect(v.projected!.base).toBe(2_517_22);
    expect(v.position).toBe("under-base");
    expect(v.flags).toEqual([]);
    expect(v.pctVsBase).toBe(-9);
    expect(v.byCategory).toEqual([{ category: "INFERENCE", actual: 2_300_00, projected: v.projected }]);
    expect(v.monthly[8]).toMatchObject({ month: 9, actual: 1_000_00, projected: { base: 0 } });
    expect(v.sentence).toBe(
      "Spent $3,300 so far this year (January to November): $1,000 of it before its planned start in October, set against nothing, and the $2,300 since, 9% under the base projection, inside the low case.",
    );
    // Billed only before the start, with the start not reached yet: nothing compared, nothing flagged.
    const early = computeVariance({ year: 2026, throughMonth: 9, projection, actual: actual.slice(0, 1), approvedBudget: null, fromMonth: 10 });
    expect(early).toMatchObject({ beforeStart: 1_000_00, position: "on-base", flags: [] });
  });

  it("says what the base projection is over: the months so far, each a twelfth of the year", () => {
    const projection = [{ category: "INFERENCE", low: 6_000_00, base: 12_000_00, high: 24_000_00 }];
    const v = computeVariance({ year: 2026, throughMonth: 11, projection, actual: [{ month: 3, category: "INFERENCE", cents: 11_000_00 }], approvedBudget: null });
    expect(projectedOverText(v)).toBe("The base projection for January to November is $11,000: eleven twelfths of the year's $12,000 of metered costs.");
    expect(projectedOverText({ ...v, throughMonth: 1, projected: { low: 0, base: 1_000_00, high: 0 } })).toBe("The base projection for January is $1,000: one twelfth of the year's $12,000 of metered costs.");
    // Before its start, and with nothing projected, the sentence says it all.
    expect(projectedOverText({ ...v, fromMonth: 12 })).toBeNull();
    expect(projectedOverText({ ...v, projected: null, yearly: null })).toBeNull();
  });
});

describe("the run rate and the sentence at the edges (the year's start, credits, a hair off base)", () => {
  const flat = [{ category: "INFERENCE", low: 120_000_00, base: 120_000_00, high: 120_000_00 }];
  it("counts no month before the use case's start: a late start's true pace passes its budget", () => {
    // An October start, billed $50k in October: $150k by December, past a $100k budget.
    const v = computeVariance({ year: 2026, throughMonth: 10, fromMonth: 10, projection: [{ category: "INFERENCE", low: 480_000_00, base: 600_000_00, high: 750_000_00 }], actual: [{ month: 10, category: "INFERENCE", cents: 50_000_00 }], approvedBudget: 100_000_00 });
    expect(v.runRate).toEqual({ yearEnd: 150_000_00, unmetered: 0, budget: 100_000_00, passesBudget: true, passingMonth: 12 });
    expect(v.flags).toContain("over-budget");
  });
  it("a month of credits foretells no negative spend: past the budget already is past it", () => {
    const actual = [{ month: 1, category: "INFERENCE" as const, cents: 150_000_00 }, { month: 4, category: "INFERENCE" as const, cents: -30_000_00 }];
    const v = computeVariance({ year: 2026, throughMonth: 4, projection: flat, actual, approvedBudget: 100_000_00 });
    expect(v.runRate).toEqual({ yearEnd: 120_000_00, unmetered: 0, budget: 100_000_00, passesBudget: true, passingMonth: 1 });
    expect(v.flags).toContain("over-budget");
    expect(v.sentence).toContain("At this rate the year ends near $120,000, past the $100,000 yearly budget finance approved (in January).");
  });
  it("counts the year's people's time beside the bills: a budget mostly of engineering is passed when the bills run over their share", () => {
    // Approved: $300,000, of which $250,000 is engineering, evaluation and retraining (no bill shows
    // them) and $50,000 metered. Billed $8,000 a month to June: $96,000 of bills by December, twice
    // their share. Against the bills alone the budget looked safe until they ran six times it.
    const projection = [{ category: "INFERENCE", low: 40_000_00, base: 50_000_00, high: 62_500_00 }];
    const actual = [1, 2, 3, 4, 5, 6].map((month) => ({ month, category: "INFERENCE" as const, cents: 8_000_00 }));
    const v = computeVariance({ year: 2026, throughMonth: 6, projection, actual, approvedBudget: 300_000_00, unmetered: 250_000_00 });
    // The $50,000 left beside the people's time is passed in the seventh month of $8,000 ($56,000 by July).
    expect(v.runRate).toEqual({ yearEnd: 96_000_00, unmetered: 250_000_00, budget: 300_000_00, passesBudget: true, passingMonth: 7 });
    expect(v.flags).toContain("over-budget");
    expect(v.sentence).toContain(
      "At this rate the year ends near $346,000, past the $300,000 yearly budget finance approved (in July): $96,000 of bills and the $250,000 of people's time its projection counts for 2026 (engineering, evaluation, retraining), which no bill shows.",
    );
    // Bills on their share: no warning.
    const onShare = computeVariance({ year: 2026, throughMonth: 6, projection, actual: actual.map((a) => ({ ...a, cents: 4_000_00 })), approvedBudget: 300_000_00, unmetered: 250_000_00 });
    expect(onShare.runRate).toMatchObject({ yearEnd: 48_000_00, passesBudget: false, passingMonth: null });
    expect(onShare.flags).not.toContain("over-budget");
    // Bills already past what the budget leaves them, not past the budget: it will pass this year, no month is named.
    const beyondShare = computeVariance({ year: 2026, throughMonth: 6, projection, actual: actual.map((a) => ({ ...a, cents: 10_000_00 })), approvedBudget: 300_000_00, unmetered: 250_000_00 });
    expect(beyondShare.runRate).toMatchObject({ passesBudget: true, passingMonth: null });
  });
  it("a difference that rounds to 0% is said as under 1%, never \"on the base projection\" beside \"above the high case\"", () => {
    const v = computeVariance({ year: 2026, throughMonth: 1, projection: flat, actual: [{ month: 1, category: "INFERENCE", cents: 10_020_00 }], approvedBudget: null });
    expect(v).toMatchObject({ pctVsBase: 0, position: "above" });
    expect(v.sentence).toBe("Spent $10,020 so far this year (January), less than 1% over the base projection, above the high case ($10,000).");
    const under = computeVariance({ year: 2026, throughMonth: 1, projection: flat, actual: [{ month: 1, category: "INFERENCE", cents: 9_970_00 }], approvedBudget: null });
    expect(under.sentence).toBe("Spent $9,970 so far this year (January), less than 1% under the base projection, below the low case ($10,000).");
  });
  it("before the planned start, says so: nothing was projected for these months", () => {
    const before = (cents: number) => computeVariance({ year: 2026, throughMonth: 3, fromMonth: 10, projection: flat, actual: [{ month: 3, category: "INFERENCE", cents }], approvedBudget: null });
    expect(before(5_000_00).sentence).toBe("Spent $5,000 so far this year (January to March), before its planned start in October: nothing was projected for these months.");
    expect(before(0).sentence).toBe("Spent $0 so far this year (January to March); its planned start is in October, so nothing was projected for these months.");
    // Nothing run yet, so no run rate either.
    expect(before(5_000_00).runRate.yearEnd).toBe(5_000_00);
  });
});

describe("where actual spend stands: the bounds", () => {
  const r = { low: 100, base: 200, high: 300 };
  it.each([
    [99, "below"],
    [100, "under-base"],
    [199, "under-base"],
    [200, "on-base"],
    [201, "over-base"],
    [300, "over-base"],
    [301, "above"],
  ] as const)("%i against 100 / 200 / 300 is %s", (actual, position) => {
    expect(positionOf(actual, r)).toBe(position);
  });

  it.each([
    [300, r, 0],
    [100, r, 0],
    [450, r, 0.5],
    [50, r, 0.5],
    [5, { low: 0, base: 0, high: 0 }, Number.POSITIVE_INFINITY],
    [-5, { low: 0, base: 0, high: 0 }, 0],
  ])("%i is %f outside its range", (actual, range, distance) => {
    expect(distanceOutside(actual, range)).toBe(distance);
  });

  it.each([
    [150, 100, 50],
    [50, 100, -50],
    [100, 100, 0],
    [5, 0, null],
  ])("%i against a base of %i is %s%", (actual, base, p) => {
    expect(pct(actual, base)).toBe(p);
  });

  it("names the months and the warnings", () => {
    expect(MONTH_NAMES).toEqual(["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]);
    expect(WARNING_LABELS).toEqual({ "outside-range": "Actual spend outside the projected range", "over-budget": "On course to pass its approved budget this year" });
  });
});

describe("the portfolio's against-base cell", () => {
  it("says a difference under half a percent as under 1%, never 'on base' for an actual that is not", () => {
    expect(againstBaseText(10_544_00, 31_500_00)).toBe("−67%");
    expect(againstBaseText(3_527_00, 1_150_00)).toBe("+207%");
    expect(againstBaseText(100_00, 100_00)).toBe("on base");
    expect(againstBaseText(100_40, 100_00)).toBe("within 1%");
    expect(againstBaseText(99_60, 100_00)).toBe("within 1%");
    expect(againstBaseText(5_00, 0)).toBe("—");
  });

  it("says what the comparison leaves out: the started use cases with no bill, and their projection so far", () => {
    expect(unbilledText({ count: 1, base: 200_00 })).toBe("1 started use case with a base projection of $200 so far has no bills yet (untagged, or not yet running), and is left out of this comparison.");
    expect(unbilledText({ count: 6, base: 124_411_59 }, true)).toBe("6 started use cases with a base projection of $124,412 so far have no bills yet (untagged, or not yet running).");
    expect(earlyWarningGapText({ count: 6, base: 124_411_59 })).toBe(
      "Early warnings are raised from bills: 6 started use cases with a base projection of $124,412 so far have no bills yet (untagged, or not yet running), so none can be raised on them.",
    );
  });

  it("says the bills of a month not over yet are kept, and compared once it closes", () => {
    expect(openMonthsText([])).toBeNull();
    expect(openMonthsText([{ month: "2026-12", cents: 7_492_40 }])).toBe("December 2026 is not over: its bills ($7,492.40) are kept and shown with the imports, and compared once the month closes.");
    expect(openMonthsText([{ month: "2026-12", cents: 1_00 }, { month: "2027-01", cents: 2_00 }], " for this use case")).toBe(
      "December 2026 and January 2027 are not over: their bills for this use case ($3.00) are kept and shown with the imports, and compared once each month closes.",
    );
  });
});
