import { describe, expect, it } from "vitest";
import { ASSUMPTION_KEYS, DEFAULT_ASSUMPTIONS, type AssumptionSet, type Range } from "./assumptions";
import { COST_CATEGORIES, COST_CATEGORY_LABELS } from "./categories";
import type { Assessment } from "../assessment";
import { COST_ENGINE_VERSION, LINE_LIMIT_CENTS, projectCosts, ProjectionInputError, savingsBetween, type ApproachProjection, type ProjectionInput } from "./project";

/**
 * What a projection says about each approach beyond its dollars: the years it covers, what is
 * left out and why, the lag it meets, its time to value, the savings it offers and the break-even.
 * Figures are set by hand (every other figure $0) so each expectation can be worked on paper.
 */
const zero: Range = { low: 0, base: 0, high: 0 };
const fixed = (v: number): Range => ({ low: v, base: v, high: v });
const none: Range = { low: null, base: null, high: null };
function onlyFigures(figures: Partial<AssumptionSet["values"]>): AssumptionSet {
  const values = Object.fromEntries(ASSUMPTION_KEYS.map((k) => [k, zero])) as AssumptionSet["values"];
  return { fineTuneMethod: "LORA", values: { ...values, ...figures }, model: "openai/gpt-4o", catalogue: null };
}
const project = (assumptions: AssumptionSet, assessment: ProjectionInput["assessment"] = { monthlyCalls: 1000 }, extra: Partial<ProjectionInput> = {}) =>
  projectCosts({ assessment, horizonYears: 3, startYear: 2027, assumptions, ...extra });

describe("what a projection refuses", () => {
  it("a horizon that is not 1 to 10 whole years, in words", () => {
    for (const h of [0, 11, 1.5]) {
      expect(() => project(DEFAULT_ASSUMPTIONS, {}, { horizonYears: h })).toThrow(new ProjectionInputError("The horizon must be a whole number of years from 1 to 10."));
    }
    expect(project(DEFAULT_ASSUMPTIONS, {}, { horizonYears: 10 }).approaches.RAG!.yearly).toHaveLength(10);
  });
  it("a start year outside 1900 to 2200, in words", () => {
    for (const y of [1899, 2201, 2027.5]) {
      expect(() => project(DEFAULT_ASSUMPTIONS, {}, { startYear: y })).toThrow(new ProjectionInputError("The start year is out of range."));
    }
    expect(project(DEFAULT_ASSUMPTIONS, {}, { startYear: 1900 }).approaches.RAG!.yearly[0]!.calendarYear).toBe(1900);
    expect(project(DEFAULT_ASSUMPTIONS, {}, { startYear: 2200 }).approaches.RAG!.yearly[0]!.calendarYear).toBe(2200);
  });
  it("carries an engine version people can read beside a stored projection", () => {
    expect(COST_ENGINE_VERSION).toMatch(/^\d+\.\d+$/);
  });
});

describe("years and lines", () => {
  it("each year of the horizon is its calendar year, from the start year on", () => {
    const p = project(onlyFigures({}), { monthlyCalls: 1000 }, { startYear: 2030 });
    expect(p.approaches.RAG!.yearly.map((y) => [y.yearIndex, y.calendarYear])).toEqual([[1, 2030], [2, 2031], [3, 2032]]);
    expect([...new Set(p.lines.map((l) => `${l.yearIndex}:${l.calendarYear}`))].sort()).toEqual(["1:2030", "2:2031", "3:2032"]);
    expect(p.lines.every((l) => l.manual === false)).toBe(true);
  });
  it("a one-time category is a line in year 1 even at $0, and no line after; a yearly category at $0 is still a line", () => {
    const p = project(onlyFigures({}), { monthlyCalls: 1000, changeFrequency: "static" });
    const ft = (year: number) => p.lines.filter((l) => l.approach === "FINE_TUNING" && l.yearIndex === year).map((l) => l.category);
    // Building an evaluation set at $0 (here, no figure prices it) is no line at all (engine 2.14).
    expect(ft(1)).toEqual(["BUILD_ENGINEERING", "DATA_CURATION", "TRAINING_COMPUTE", "INFERENCE", "RETRAINING", "FT_HOSTING", "MAINTENANCE", "EVALUATION"]);
    expect(ft(2)).toEqual(["INFERENCE", "RETRAINING", "FT_HOSTING", "MAINTENANCE", "EVALUATION"]);
    expect(p.lines.filter((l) => l.yearIndex === 2).every((l) => l.base === 0)).toBe(true);
  });
  it("a line of exactly $1 billion is kept; a cent more is left out and said so", () => {
    const at = (rate: number) => project(onlyFigures({ ragBuildWeeks: fixed(1), engineerRate: fixed(rate) }), { monthlyCalls: 0 });
    // 1 week × 40 hours × $25,000,000 an hour = $1,000,000,000
    const kept = at(25_000_000).lines.find((l) => l.approach === "RAG" && l.category === "BUILD_ENGINEERING")!;
    expect(kept.base).toBe(LINE_LIMIT_CENTS);
    const over = at(25_000_000.000_25);
    expect(over.lines.find((l) => l.approach === "RAG" && l.category === "BUILD_ENGINEERING")!.base).toBeNull();
    expect(over.approaches.RAG!.missing).toContain("limit:beyondExact");
  });
});

describe("what is missing, and what that leaves", () => {
  it("lists each figure and answer once, in order, for the approach and for the whole projection", () => {
    // A model the catalogue lacks, with no input price set: priced by nobody.
    const p = project({ ...onlyFigures({ modelInputPricePerMTokens: none, engineerRate: none }), model: "acme/in-house-7b" }, {});
    expect(p.approaches.PROMPTING!.missing).toEqual(["answer:monthlyCalls", "assumption:engineerRate", "assumption:modelInputPricePerMTokens"]);
    expect(p.missing).toEqual(["answer:changeFrequency", "answer:monthlyCalls", "assumption:engineerRate", "assumption:modelInputPricePerMTokens"]);
    expect(p.complete).toBe(false);
  });
  it("a figure only year 1 needs leaves the lifecycle incomplete though later years are whole", () => {
    const rag = project(onlyFigures({ ragBuildWeeks: none })).approaches.RAG!;
    expect(rag.yearly.map((y) => y.complete)).toEqual([false, true, true]);
    expect(rag.lifecycle.complete).toBe(false);
  });
});

describe("each approach's lag, delay and time to value", () => {
  const set = onlyFigures({ retrainLagDays: { low: 14, base: 21, high: 28 }, ftTimeToValueWeeks: { low: 6, base: 8, high: 12 }, ragTimeToValueWeeks: { low: 0.4, base: 0.7, high: 1 } });

  it("fine-tuning's stale days per scenario follow that scenario's lag: 4 quarterly retrainings × 14/21/28 days", () => {
    const p = project(set, { monthlyCalls: 1000, changeFrequency: "quarterly" });
    expect(p.approaches.FINE_TUNING!.staleDaysPerYear).toEqual({ low: 56, base: 84, high: 112 });
    for (const ap of ["RAG", "HYBRID", "PROMPTING"] as const) expect(p.approaches[ap]!.staleDaysPerYear).toEqual({ low: 0, base: 0, high: 0 });
    // With no lag figure at all, 000's three weeks stand in: 4 × 21 in every scenario.
    const noLag = project({ ...set, values: { ...set.values, retrainLagDays: none } }, { monthlyCalls: 1000, changeFrequency: "quarterly" });
    expect(noLag.approaches.FINE_TUNING!.staleDaysPerYear).toEqual({ low: 84, base: 84, high: 84 });
  });
  it("plans its retraining on the base scenario's lag: weekly changes and a 28-day retraining fit 13 cycles", () => {
    const p = project({ ...set, values: { ...set.values, retrainLagDays: fixed(28) } }, { monthlyCalls: 1000, changeFrequency: "weekly" });
    expect(p.approaches.FINE_TUNING!.retrainingCyclesPerYear).toBe(13);
    expect(p.approaches.HYBRID!.retrainingCyclesPerYear).toBe(1);
    expect(p.approaches.RAG!.retrainingCyclesPerYear).toBe(0);
  });
  it("time to value: fine-tuning and hybrid take fine-tuning's weeks, RAG and prompting RAG's; none when the figure is empty", () => {
    const p = project(set);
    expect(p.approaches.FINE_TUNING!.timeToValueWeeks).toEqual({ low: 6, base: 8, high: 12 });
    expect(p.approaches.HYBRID!.timeToValueWeeks).toEqual({ low: 6, base: 8, high: 12 });
    expect(p.approaches.RAG!.timeToValueWeeks).toEqual({ low: 0.4, base: 0.7, high: 1 });
    expect(p.approaches.PROMPTING!.timeToValueWeeks).toEqual({ low: 0.4, base: 0.7, high: 1 });
    expect(project({ ...set, values: { ...set.values, ragTimeToValueWeeks: none } }).approaches.RAG!.timeToValueWeeks).toBeNull();
  });
  it("retrieval meets any lag and waits for nothing; prompting never sees the use case's own knowledge; unknown without a lag", () => {
    const withLag = project(set, { monthlyCalls: 1000, changeFrequency: "monthly", maxLagDays: 7 });
    expect(withLag.approaches.RAG).toMatchObject({ meetsLag: true, reachesKnowledge: true, worstDelayDays: 0 });
    expect(withLag.approaches.HYBRID).toMatchObject({ meetsLag: true, worstDelayDays: 0 });
    expect(withLag.approaches.PROMPTING).toMatchObject({ meetsLag: false, reachesKnowledge: false, worstDelayDays: null });
    expect(withLag.approaches.FINE_TUNING).toMatchObject({ meetsLag: false, worstDelayDays: 21 });
    const noLag = project(set, { monthlyCalls: 1000, changeFrequency: "monthly" });
    expect(noLag.approaches.RAG!.meetsLag).toBeNull();
    expect(noLag.approaches.PROMPTING!.meetsLag).toBeNull();
    expect(noLag.approaches.FINE_TUNING!.meetsLag).toBeNull();
  });
  it("prompting is ruled out only where the use case must know or cite things of its own and no prompted baseline meets the bar", () => {
    const reaches = (a: Assessment) => project(set, { monthlyCalls: 1000, ...a }).approaches.PROMPTING!.reachesKnowledge;
    // The core need says it: retrieval (or both), or answers that cite sources.
    expect(reaches({ coreNeed: "retrieval", changeFrequency: "static" })).toBe(false);
    expect(reaches({ coreNeed: "reasoning", needsCitations: true })).toBe(false);
    // A reasoning use case with documents, documented expertise or knowledge that changes: prompting serves it.
    expect(reaches({ coreNeed: "reasoning", changeFrequency: "monthly", corpusDocuments: 40, expertiseDocumented: true })).toBe(true);
    expect(reaches({ coreNeed: "neither", changeFrequency: "weekly" })).toBe(true);
    // No core need given: the other signs stand in for it.
    expect(reaches({ changeFrequency: "weekly" })).toBe(false);
    expect(reaches({ corpusDocuments: 1 })).toBe(false);
    expect(reaches({ changeFrequency: "static" })).toBe(true);
    // Tried and falling short of the bar: prompting is known not to serve, reaching the knowledge or not; nothing else is.
    const bar = (a: Assessment) => Object.fromEntries(Object.entries(project(set, { monthlyCalls: 1000, ...a }).approaches).map(([k, x]) => [k, x!.meetsBar]));
    expect(bar({ coreNeed: "reasoning", promptedBaselineMeetsBar: "no" })).toEqual({ RAG: true, FINE_TUNING: true, HYBRID: true, PROMPTING: false });
    for (const b of ["yes", "untested", undefined] as const) expect(bar({ coreNeed: "reasoning", promptedBaselineMeetsBar: b }).PROMPTING, String(b)).toBe(true);
    // A prompted base model that meets the bar settles it.
    expect(reaches({ coreNeed: "retrieval", changeFrequency: "daily", promptedBaselineMeetsBar: "yes" })).toBe(true);
    expect(reaches({ coreNeed: "retrieval", promptedBaselineMeetsBar: "untested" })).toBe(false);
  });
});

describe("a manual estimate (agent, pipeline, feedback learning)", () => {
  it("is the owner's yearly figure for each year of the horizon, complete, with nothing computed about lag", () => {
    const p = project(DEFAULT_ASSUMPTIONS, {}, { startYear: 2028, manual: { approach: "PIPELINE", estimate: { low: 100, base: 200, high: 300 } } });
    expect(p.lines.filter((l) => l.approach === "PIPELINE")).toEqual([1, 2, 3].map((yearIndex) => ({ approach: "PIPELINE", yearIndex, calendarYear: 2027 + yearIndex, category: "MANUAL_ESTIMATE", low: 100, base: 200, high: 300, manual: true })));
    expect(p.approaches.PIPELINE).toEqual({
      approach: "PIPELINE",
      manual: true,
      yearly: [1, 2, 3].map((yearIndex) => ({ yearIndex, calendarYear: 2027 + yearIndex, low: 100, base: 200, high: 300, complete: true })),
      lifecycle: { low: 300, base: 600, high: 900, complete: true },
      retrainingCyclesPerYear: 0,
      staleDaysPerYear: { low: 0, base: 0, high: 0 },
      meetsLag: null,
      reachesKnowledge: true,
      meetsBar: true,
      lacksCapability: null,
      worstDelayDays: null,
      timeToValueWeeks: null,
      missing: [],
    });
  });
});

describe("savings between approaches", () => {
  const ap = (approach: ApproachProjection["approach"], low: number, base: number, high: number, more: Partial<ApproachProjection> = {}): ApproachProjection => ({
    approach, manual: false, yearly: [], lifecycle: { low, base, high, complete: true }, retrainingCyclesPerYear: 0, staleDaysPerYear: { low: 0, base: 0, high: 0 },
    meetsLag: true, reachesKnowledge: true, meetsBar: true, lacksCapability: null, worstDelayDays: 0, timeToValueWeeks: null, missing: [], ...more,
  });

  it("every feasible approach against every other, never against itself, scenario with scenario", () => {
    const s = savingsBetween({ RAG: ap("RAG", 50, 100, 200), HYBRID: ap("HYBRID", 100, 200, 400) });
    expect(s).toEqual([
      { approach: "RAG", against: "HYBRID", baseCents: 100, cents: { low: 50, base: 100, high: 200 }, pct: { low: 50, base: 50, high: 50 } },
      { approach: "HYBRID", against: "RAG", baseCents: -100, cents: { low: -50, base: -100, high: -200 }, pct: { low: -100, base: -100, high: -100 } },
    ]);
  });
  it("no percentage against an incomplete side, or against a scenario that costs nothing", () => {
    const incomplete = savingsBetween({ RAG: ap("RAG", 50, 100, 200), HYBRID: { ...ap("HYBRID", 100, 200, 400), lifecycle: { low: 100, base: 200, high: 400, complete: false } } });
    expect(incomplete.map((x) => x.pct)).toEqual([null, null]);
    for (const free of [ap("HYBRID", 0, 200, 400), ap("HYBRID", 100, 0, 400), ap("HYBRID", 100, 200, 0)]) {
      const [ragVsFree] = savingsBetween({ RAG: ap("RAG", 50, 100, 200), HYBRID: free });
      expect(ragVsFree!.pct).toBeNull();
    }
  });
  it("prompting tried and falling short of the bar is only ever the side saved against, however cheap", () => {
    const s = savingsBetween({ RAG: ap("RAG", 50, 100, 200), PROMPTING: ap("PROMPTING", 1, 2, 3, { meetsBar: false }) });
    expect(s.map((x) => `${x.approach}>${x.against}`)).toEqual(["RAG>PROMPTING"]);
  });
  it("an approach that misses the lag is only ever the side saved against", () => {
    const s = savingsBetween({ RAG: ap("RAG", 50, 100, 200), FINE_TUNING: ap("FINE_TUNING", 1, 2, 3, { meetsLag: false }) });
    expect(s.map((x) => `${x.approach}>${x.against}`)).toEqual(["RAG>FINE_TUNING"]);
  });
  it("a use case's own price for one side of the model marks the pricing as by hand", () => {
    const p = projectCosts({ assessment: { monthlyCalls: 1000 }, horizonYears: 1, startYear: 2027, assumptions: DEFAULT_ASSUMPTIONS, overrides: { modelInputPricePerMTokens: fixed(3) } });
    expect(p.pricing).toMatchObject({ model: "openai/gpt-4o", from: "hand", catalogueVersion: null, pinnedOn: null });
  });
});

describe("the break-even volume, in words", () => {
  // Every call: 1,000 input tokens at $1 per million; the fine-tuned model at half the price.
  const perCall = { inputTokensPerCall: fixed(1000), modelInputPricePerMTokens: fixed(1), modelOutputPricePerMTokens: fixed(0), ftInferencePriceFactor: fixed(0.5) };

  it("fine-tuning cheaper at any volume when its fixed costs are no higher and its calls no dearer", () => {
    expect(project(onlyFigures(perCall), { monthlyCalls: 1000, changeFrequency: "static" }, { horizonYears: 1 }).breakEven).toEqual({ monthlyCalls: 0, reason: "Fine-tuning costs no more than RAG at any volume." });
  });
  it("no more at any volume when both cost the same, call for call and year for year", () => {
    const same = onlyFigures({ ...perCall, ftInferencePriceFactor: fixed(1) });
    expect(project(same, { monthlyCalls: 1000, changeFrequency: "static" }, { horizonYears: 1 }).breakEven).toEqual({ monthlyCalls: 0, reason: "Fine-tuning costs no more than RAG at any volume." });
  });
  it("below a volume when fine-tuning is cheaper to run but dearer per call (an API-hosted fine-tune): $12,000 of vector database against $0.012 more per monthly call a year is 1,000,000 calls a month", () => {
    // RAG: a managed vector database at $1,000 a month; fine-tuning: the calls at twice the price.
    const set = { ...onlyFigures({ ...perCall, hostedFtPriceFactor: fixed(2), vectorDbMonthlyUsd: fixed(1000) }), ftDeployment: "API_HOSTED" as const };
    expect(project(set, { monthlyCalls: 1000, changeFrequency: "static" }, { horizonYears: 1 }).breakEven).toEqual({
      monthlyCalls: 1_000_000,
      reason: "Below 1 million calls a month, fine-tuning costs less than RAG over the lifecycle, and above it RAG does; this use case expects 1,000 a month.",
    });
  });
  it("says a break-even under a million to three significant figures, as the millions are, and the use case's own volume as given", () => {
    // $777.77 of vector database a month ($9,333.24 a year) against $0.012 more per monthly call a year: 777,770 calls.
    const set = { ...onlyFigures({ ...perCall, hostedFtPriceFactor: fixed(2), vectorDbMonthlyUsd: fixed(777.77) }), ftDeployment: "API_HOSTED" as const };
    const be = project(set, { monthlyCalls: 123_456, changeFrequency: "static" }, { horizonYears: 1 }).breakEven;
    expect(be.monthlyCalls).toBe(777_769); // floored: below it, fine-tuning is cheaper
    expect(be.reason).toBe("Below 778,000 calls a month, fine-tuning costs less than RAG over the lifecycle, and above it RAG does; this use case expects 123,456 a month.");
  });
  it("at the edge of no volume: one call in the singular, and no \"below 0 calls\"", () => {
    const hosted = (vectorDbMonthlyUsd: number) => ({ ...onlyFigures({ ...perCall, hostedFtPriceFactor: fixed(2), vectorDbMonthlyUsd: fixed(vectorDbMonthlyUsd) }), ftDeployment: "API_HOSTED" as const });
    // $0.018 of vector database a year against $0.012 more per monthly call: 1.5 calls.
    expect(project(hosted(0.0015), { monthlyCalls: 1000, changeFrequency: "static" }, { horizonYears: 1 }).breakEven.reason).toMatch(/^Below 1 call a month, fine-tuning costs less/);
    expect(project(hosted(0.0001), { monthlyCalls: 1000, changeFrequency: "static" }, { horizonYears: 1 }).breakEven).toEqual({
      monthlyCalls: 0,
      reason: "Fine-tuning costs less than RAG only with no calls at all; at any volume RAG does; this use case expects 1,000 a month.",
    });
  });
  it("none when its calls cost the same and its fixed costs more", () => {
    const set = onlyFigures({ ...perCall, ftInferencePriceFactor: fixed(1), ftHostingHourlyUsd: fixed(1) });
    expect(project(set, { monthlyCalls: 1000, changeFrequency: "static" }, { horizonYears: 1 }).breakEven).toEqual({ monthlyCalls: null, reason: "None within the horizon: RAG stays cheaper at every volume." });
  });
  it("the crossing: $8,760 of hosting a year against $0.006 saved per monthly call a year is 1,460,000 calls a month", () => {
    const set = onlyFigures({ ...perCall, ftHostingHourlyUsd: fixed(1) });
    expect(project(set, { monthlyCalls: 1000, changeFrequency: "static" }, { horizonYears: 1 }).breakEven).toEqual({
      monthlyCalls: 1_460_000,
      reason: "Above 1.46 million calls a month, fine-tuning costs less than RAG over the lifecycle; this use case expects 1,000 a month.",
    });
    // Read against the volume the use case gives, or the lack of one.
    expect(project(set, { monthlyCalls: 2_500_000, changeFrequency: "static" }, { horizonYears: 1 }).breakEven.reason).toMatch(/; this use case expects 2.5 million a month\.$/);
    // With growth, both volumes are first-year ones, grown alike: said, so neither reads as flat.
    expect(project(set, { monthlyCalls: 1_000, yearlyGrowthPct: 20, changeFrequency: "static" }, { horizonYears: 5 }).breakEven.reason).toMatch(
      /; this use case expects 1,000 a month in its first year, growing 20% a year \(the volume above is likewise a first year's, growing alike\)\.$/,
    );
    expect(project(set, { monthlyCalls: 1_000, yearlyGrowthPct: -12.5, changeFrequency: "static" }, { horizonYears: 5 }).breakEven.reason).toMatch(/, shrinking 12\.5% a year \(/);
    expect(project(set, { changeFrequency: "static" }, { horizonYears: 1 }).breakEven.reason).toMatch(/; this use case's monthly volume is not answered yet\.$/);
    // Over three years the hosting and the calls both triple: the same crossing.
    expect(project(set, { monthlyCalls: 1000, changeFrequency: "static" }).breakEven.monthlyCalls).toBe(1_460_000);
  });
  it("holds where it says: at the break-even volume the two lifecycles cost the same, with retraining planned on the set's own lag", () => {
    const set = onlyFigures({ ...perCall, ftHostingHourlyUsd: fixed(1), retrainLagDays: fixed(28), retrainCostUsd: fixed(1000) });
    // Weekly changes within 60 days, 28 days a retraining: ⌈365 ÷ 32⌉ = 12 cycles (000's three weeks would give 10).
    const assessment = { changeFrequency: "weekly" as const, maxLagDays: 60 };
    const calls = project(set, { ...assessment, monthlyCalls: 1000 }).breakEven.monthlyCalls!;
    const at = project(set, { ...assessment, monthlyCalls: calls }).approaches;
    expect(at.FINE_TUNING!.retrainingCyclesPerYear).toBe(12);
    expect(Math.abs(at.FINE_TUNING!.lifecycle.base - at.RAG!.lifecycle.base)).toBeLessThanOrEqual(100);
  });
  it("names the missing figures when either side cannot be priced, each answer and figure it lacks", () => {
    const frequency = 'the answer "How often the underlying knowledge changes"';
    const reason = (set: AssumptionSet, a: Assessment) => project(set, { monthlyCalls: 1000, ...a }).breakEven;
    expect(reason(onlyFigures({ ...perCall, ftHostingHourlyUsd: none }), { changeFrequency: "static" })).toEqual({ monthlyCalls: null, reason: "Missing to find the break-even volume: hosting a deployed fine-tuned model." });
    expect(reason(onlyFigures({ ...perCall, vectorDbMonthlyUsd: none, ftHostingHourlyUsd: none }), {}).reason).toBe(
      `Missing to find the break-even volume: ${frequency}, hosting a deployed fine-tuned model and managed vector database (corpora above the pgvector limit).`,
    );
    // Every figure priced, the model too: only the answer is missing, and the sentence says so (it once asked for a model price).
    expect(reason(onlyFigures(perCall), { coreNeed: "reasoning" }).reason).toBe(`Missing to find the break-even volume: ${frequency}.`);
  });
  it("none at all when fine-tuning cannot meet the lag, whatever the volume", () => {
    const p = project(onlyFigures({ ...perCall, retrainLagDays: fixed(21) }), { monthlyCalls: 1000, changeFrequency: "weekly", maxLagDays: 1 });
    expect(p.breakEven).toEqual({ monthlyCalls: null, reason: "None: fine-tuning does not meet the 1-day lag at any volume, so it is not an option to break even with." });
  });
});

describe("the cost categories", () => {
  it("are PRODUCT.md's, in its order and words, with evaluation, the one-off parts of retrieval and evaluation, and the manual estimate after them", () => {
    expect(COST_CATEGORIES.map((c) => COST_CATEGORY_LABELS[c])).toEqual([
      "Build engineering",
      "Data curation",
      "Training compute",
      "Inference",
      "Retrieval infrastructure",
      "Retraining",
      "Fine-tuned model hosting",
      "Maintenance engineering",
      "Evaluation",
      "Retrieval infrastructure: first embedding of the corpus",
      "Evaluation: building the set",
      "Manual estimate",
    ]);
  });
});

describe("drivers at their switches", () => {
  it("a full fine-tune costs the full compute; LoRA costs 002's figure per 5,000 examples, at most the full compute less its saving", () => {
    const figures = (lora5k: number) => ({ ftFullComputeUsd: fixed(27_500), loraComputeSavingPct: fixed(70), lora5kExamplesComputeUsd: fixed(lora5k) });
    const compute = (method: "FULL" | "LORA", lora5k = 125) => project({ ...onlyFigures(figures(lora5k)), fineTuneMethod: method }).lines.find((l) => l.approach === "FINE_TUNING" && l.category === "TRAINING_COMPUTE")!.base;
    expect(compute("FULL")).toBe(27_500_00);
    expect(compute("FULL", 1_000_000)).toBe(27_500_00);
    expect(compute("LORA")).toBe(125_00);
    expect(compute("LORA", 8_250)).toBe(8_250_00);
    expect(compute("LORA", 8_251)).toBe(8_250_00);
  });
  it("a corpus of exactly the pgvector limit stays in the existing database; one more document needs a vector database", () => {
    const set = onlyFigures({ pgvectorMaxDocuments: fixed(100_000), pgvectorMonthlyUsd: fixed(50), vectorDbMonthlyUsd: fixed(1750) });
    const infra = (docs: number) => project(set, { monthlyCalls: 0, corpusDocuments: docs }).lines.find((l) => l.approach === "RAG" && l.category === "RETRIEVAL_INFRA")!.base;
    expect(infra(100_000)).toBe(600_00);
    expect(infra(100_001)).toBe(21_000_00);
  });
  it("a self-hosted fine-tune without a monthly volume says the volume is missing", () => {
    const p = project({ ...onlyFigures({}), ftDeployment: "SELF_HOSTED" }, {});
    expect(p.approaches.FINE_TUNING!.missing).toContain("answer:monthlyCalls");
    expect(p.lines.find((l) => l.approach === "FINE_TUNING" && l.category === "INFERENCE")!.base).toBeNull();
  });
});

