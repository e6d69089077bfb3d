import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHANGE_FREQUENCIES } from "../assessment";
import { ASSUMPTION_KEYS, DEFAULT_ASSUMPTIONS, FT_DEPLOYMENTS, type AssumptionSet, type Range } from "./assumptions";
import { isFeasible } from "./feasibility";
import { projectCosts, type ProjectionInput } from "./project";
import { mulberry32, seedFor, simulateCosts, triangular } from "./simulate";

const fixed = (v: number): Range => ({ low: v, base: v, high: v });
const COMPLETE: AssumptionSet = {
  ...DEFAULT_ASSUMPTIONS,
  values: { ...DEFAULT_ASSUMPTIONS.values, modelInputPricePerMTokens: { low: 2, base: 5, high: 10 }, modelOutputPricePerMTokens: { low: 2, base: 5, high: 10 }, inputTokensPerCall: fixed(1500), outputTokensPerCall: fixed(0), maintenanceHoursPerWeek: { low: 2, base: 4, high: 8 } },
};
/** Every range collapsed to its base: each trial is then the base scenario exactly. */
const collapsed = (set: AssumptionSet): AssumptionSet => ({
  ...set,
  values: Object.fromEntries(ASSUMPTION_KEYS.map((k) => [k, fixed(set.values[k].base ?? 0)])) as AssumptionSet["values"],
});

const monthly: ProjectionInput = { assessment: { monthlyCalls: 100_000, yearlyGrowthPct: 20, changeFrequency: "monthly" }, horizonYears: 5, startYear: 2027, assumptions: COMPLETE };

describe("the Monte Carlo", () => {
  it("is reproducible from its stored seed, and another seed draws other trials", () => {
    const p = projectCosts(monthly);
    const a = simulateCosts(monthly, p, { seed: 7 }), b = simulateCosts(monthly, p, { seed: 7 }), c = simulateCosts(monthly, p, { seed: 8 });
    expect(a).toEqual(b);
    expect(a!.seed).toBe(7);
    expect(a!.trials).toBe(2000);
    expect(c!.pairs[0]!.p50Cents).not.toBe(a!.pairs[0]!.p50Cents);
    expect(seedFor("2027-01-01T00:00:00.000Z")).toBe(seedFor("2027-01-01T00:00:00.000Z"));
  });

  it("prices every trial with the same drivers as the scenarios: with every range one value, each trial is the base case to the cent", () => {
    fc.assert(
      fc.property(
        fc.record({
          monthlyCalls: fc.integer({ min: 0, max: 50_000_000 }),
          yearlyGrowthPct: fc.integer({ min: -50, max: 300 }),
          changeFrequency: fc.constantFrom(...CHANGE_FREQUENCIES),
          labeledExamples: fc.integer({ min: 0, max: 100_000 }),
        }),
        fc.integer({ min: 1, max: 10 }),
        // Every deployment: a self-hosted model's cost bends where its calls outgrow the GPU kept on,
        // so its later years cannot be priced at their average calls.
        fc.constantFrom(...FT_DEPLOYMENTS),
        (a, h, ftDeployment) => {
          const input: ProjectionInput = { assessment: a, horizonYears: h, startYear: 2027, assumptions: collapsed({ ...COMPLETE, ftDeployment }) };
          const p = projectCosts(input);
          const sim = simulateCosts(input, p, { seed: 1, trials: 20 });
          // Volumes beyond what the engine keeps exact leave lines out: then there is nothing to simulate.
          if (!p.complete) {
            expect(sim === null || sim.pairs.length === 1).toBe(true);
            return;
          }
          const pair = sim!.pairs[0]!;
          const expected = p.approaches[pair.against]!.lifecycle.base - p.approaches[pair.approach]!.lifecycle.base;
          // Lines are rounded to cents one by one, the trial once: a few cents apart at most.
          expect(Math.abs(pair.p10Cents - expected)).toBeLessThanOrEqual(50);
          expect(pair.p90Cents).toBe(pair.p10Cents);
        },
      ),
      { numRuns: 120 },
    );
  });

  it("prices a self-hosted model's years one by one where its calls outgrow the GPU kept on in the middle of the horizon", () => {
    // 1.5M calls a month growing 50% a year: years 1 and 2 (18M and 27M calls) fit the one GPU
    // (31.5M calls a year at 0.5 s a call and 50% use), years 3 to 5 need more. Priced at their
    // average calls (54.8M), years 2 to 5 all needed more, and year 2 was charged GPU hours it never needed.
    // A cheap model ($0.40 per million tokens) makes RAG the cheapest that serves, so the pair is RAG
    // against the self-hosted fine-tune.
    const cheap = { low: 0.4, base: 0.4, high: 0.4 };
    const input: ProjectionInput = {
      assessment: { monthlyCalls: 1_500_000, yearlyGrowthPct: 50, changeFrequency: "static", labeledExamples: 10_000, coreNeed: "retrieval", corpusDocuments: 5000 },
      horizonYears: 5, startYear: 2027,
      assumptions: collapsed({ ...COMPLETE, ftDeployment: "SELF_HOSTED", values: { ...COMPLETE.values, modelInputPricePerMTokens: cheap, modelOutputPricePerMTokens: cheap } }),
    };
    const p = projectCosts(input);
    const pair = simulateCosts(input, p, { seed: 1, trials: 20 })!.pairs[0]!;
    expect([pair.approach, pair.against]).toEqual(["RAG", "FINE_TUNING"]);
    const expected = p.approaches[pair.against]!.lifecycle.base - p.approaches[pair.approach]!.lifecycle.base;
    expect(Math.abs(pair.p50Cents - expected)).toBeLessThanOrEqual(50);
  });

  it("prices a self-hosted model's years one by one in every trial, wherever the base figures put its bend", () => {
    // GPU seconds a call of 0 in the base case (no bend: the one GPU kept on serves any volume)
    // but up to 1 s in a trial, where 1.5M calls a month growing 50% a year outgrow that GPU in
    // the middle of the horizon. Moving the base to a billionth of a second changes no draw by
    // more than a billionth, so it must not change the answer; priced at their average calls
    // when the base had no bend, years 2 to 5 were charged GPU hours year 2 never needed.
    const cheap = { low: 0.4, base: 0.4, high: 0.4 };
    const inputWith = (base: number): ProjectionInput => {
      const set = collapsed({ ...COMPLETE, ftDeployment: "SELF_HOSTED", values: { ...COMPLETE.values, modelInputPricePerMTokens: cheap, modelOutputPricePerMTokens: cheap } });
      return {
        assessment: { monthlyCalls: 1_500_000, yearlyGrowthPct: 50, changeFrequency: "static", labeledExamples: 10_000, coreNeed: "retrieval", corpusDocuments: 5000 },
        horizonYears: 5, startYear: 2027,
        assumptions: { ...set, values: { ...set.values, gpuSecondsPerCall: { low: 0, base, high: 1 } } },
      };
    };
    const [atZero, atABillionth] = [0, 1e-9].map((base) => {
      const input = inputWith(base);
      return simulateCosts(input, projectCosts(input), { seed: 5 })!.pairs[0]!;
    });
    expect([atZero!.approach, atZero!.against]).toEqual(["RAG", "FINE_TUNING"]);
    expect(atZero!.cheaperTrials).toBe(atABillionth!.cheaperTrials);
    for (const q of ["p10Cents", "p50Cents", "p90Cents"] as const) expect(Math.abs(atZero![q] - atABillionth![q])).toBeLessThanOrEqual(50);
  });

  it("compares the two cheapest approaches that meet the lag, and says how often and by how much the cheaper wins", () => {
    const p = projectCosts(monthly);
    const sim = simulateCosts(monthly, p, { seed: 3 })!;
    const pair = sim.pairs[0]!;
    const byBase = Object.values(p.approaches).filter(isFeasible).sort((x, y) => x.lifecycle.base - y.lifecycle.base);
    expect([pair.approach, pair.against]).toEqual([byBase[0]!.approach, byBase[1]!.approach]);
    expect(pair.cheaperShare).toBeGreaterThan(0.5);
    expect(pair.p10Cents).toBeLessThanOrEqual(pair.p50Cents);
    expect(pair.p50Cents).toBeLessThanOrEqual(pair.p90Cents);
  });

  it("never simulates an approach that does not meet the lag", () => {
    const input: ProjectionInput = { ...monthly, assessment: { ...monthly.assessment, changeFrequency: "weekly", maxLagDays: 1 } };
    const p = projectCosts(input);
    expect(p.approaches.FINE_TUNING!.meetsLag).toBe(false);
    const sim = simulateCosts(input, p, { seed: 3 })!;
    expect(sim.pairs.flatMap((x) => [x.approach, x.against])).not.toContain("FINE_TUNING");
  });

  it("is not run when a figure is missing (never priced as $0)", () => {
    const input: ProjectionInput = { ...monthly, assumptions: { ...DEFAULT_ASSUMPTIONS, model: "acme/in-house-7b" } };
    expect(simulateCosts(input, projectCosts(input), { seed: 1 })).toBeNull();
  });
});

describe("a figure whose draw decides which others are read", () => {
  // A corpus of 150,000 documents inside the pgvector limit's range: a trial that draws the limit
  // above it keeps the corpus in pgvector, one that draws it below in the managed vector database
  // (drivers/retrieval.ts), whichever store the base figures chose. Every other range is one
  // value, so only the store moves RAG against fine-tuning.
  const corpus = 150_000, years = 3;
  const inputWith = (pgvectorMaxDocuments: Range, vectorDbMonthlyUsd: Range, pgvectorMonthlyUsd: Range): ProjectionInput => {
    const set = collapsed(COMPLETE);
    // Fine-tuning's fixed costs as engine 2.12 priced them, so the store alone decides the race:
    // the index upkeep it was charged then (4 hours a week) on top of its own 8, and 10,000
    // examples to curate (2.12 curated the 10,000 in hand; 2.13 curates only those still needed).
    const asBefore = { ftUpkeepHoursPerWeek: fixed(12), ftExamplesNeeded: fixed(20_000) };
    return {
      assessment: { monthlyCalls: 1_000_000, changeFrequency: "static", coreNeed: "retrieval", corpusDocuments: corpus, labeledExamples: 10_000 },
      horizonYears: years, startYear: 2027,
      assumptions: { ...set, values: { ...set.values, ...asBefore, pgvectorMaxDocuments, vectorDbMonthlyUsd, pgvectorMonthlyUsd } },
    };
  };
  const ragAgainstFineTuning = (p: ReturnType<typeof projectCosts>) => p.savings.find((x) => x.approach === "RAG" && x.against === "FINE_TUNING")!.cents;

  it.each([
    ["pgvector at the base figures", { low: 50_000, base: 200_000, high: 250_000 }],
    ["the managed database at the base figures", { low: 50_000, base: 100_000, high: 200_000 }],
  ])("keeps its P10–P90 within the low and high scenarios where the corpus straddles the pgvector limit (%s)", (_, limit) => {
    const input = inputWith(limit, { low: 500, base: 1750, high: 3000 }, { low: 0, base: 50, high: 150 });
    const p = projectCosts(input);
    const pair = simulateCosts(input, p, { seed: 7 })!.pairs[0]!;
    expect([pair.approach, pair.against]).toEqual(["RAG", "FINE_TUNING"]);
    const saving = ragAgainstFineTuning(p);
    // The low scenario keeps the corpus in pgvector at its cheapest, the high one puts it in the
    // managed database at its dearest; lines are rounded one by one, a trial once.
    expect(pair.p10Cents).toBeGreaterThanOrEqual(saving.high - 50);
    expect(pair.p90Cents).toBeLessThanOrEqual(saving.low + 50);
  });

  it("prices the managed database in the trials whose corpus outgrows pgvector at that trial's draw of its price, not its base", () => {
    // pgvector at the base figures (limit 200,000), the managed database in a third of the trials
    // (the limit drawn below 150,000: 100² / (200 × 150) of the triangle). The managed database at
    // $1,000–8,000 a month, $2,000 in the base case: RAG is cheaper at its base price, dearer at
    // its high one (the high scenario), so RAG wins a trial on the managed database only where its
    // draw is below the break-even price.
    const limit = { low: 50_000, base: 200_000, high: 250_000 }, managed = { low: 1000, base: 2000, high: 8000 };
    const input = inputWith(limit, managed, fixed(50));
    const p = projectCosts(input);
    const sim = simulateCosts(input, p, { seed: 7 })!;
    const pair = sim.pairs[0]!;
    expect([pair.approach, pair.against]).toEqual(["RAG", "FINE_TUNING"]);
    const saving = ragAgainstFineTuning(p);
    expect(saving.high).toBeLessThan(0);
    // RAG's saving is A − (12 × years) × the store's monthly price; the high scenario gives A.
    const breakEvenUsd = (saving.high / 100 + 12 * years * managed.high) / (12 * years);
    expect(breakEvenUsd).toBeGreaterThan(managed.base);
    const onManaged = (corpus - limit.low) ** 2 / ((limit.high - limit.low) * (limit.base - limit.low));
    const managedBelowBreakEven = 1 - (managed.high - breakEvenUsd) ** 2 / ((managed.high - managed.low) * (managed.high - managed.base));
    const expected = sim.trials * (1 - onManaged + onManaged * managedBelowBreakEven);
    // About 1,800 of 2,000 (one standard deviation about 20 trials). Priced at the base $2,000,
    // every trial on the managed database was a win: 2,000 of 2,000, beside a high scenario in
    // which fine-tuning costs less.
    expect(Math.abs(pair.cheaperTrials - expected)).toBeLessThan(80);
  });
});

describe("triangular draws", () => {
  it("stay within the range and average (low + base + high) / 3", () => {
    const u = mulberry32(42);
    let sum = 0, min = Infinity, max = -Infinity;
    for (let i = 0; i < 20_000; i++) {
      const x = triangular(150, 200, 250, u());
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
    }
    expect(min).toBeGreaterThanOrEqual(150);
    expect(max).toBeLessThanOrEqual(250);
    expect(sum / 20_000).toBeCloseTo(200, 0);
    expect(triangular(5, 5, 5, 0.3)).toBe(5);
  });
});

describe("the same seed, the same figures, in every release", () => {
  // A stored projection keeps its seed so its P10–P90 can be derived again and explained; a change
  // to the generator or to which figures are drawn would silently change every stored story.
  it("seeds from text with 32-bit FNV-1a (its published test values)", () => {
    expect(seedFor("")).toBe(0x811c9dc5);
    expect(seedFor("a")).toBe(0xe40c292c);
    expect(seedFor("foobar")).toBe(0xbf9cf968);
  });
  it("draws with mulberry32 (its published first values for seed 1)", () => {
    const u = mulberry32(1);
    expect([u(), u(), u()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });
  it("a close call, pinned: RAG against fine-tuning at a million calls a month, seed 7", () => {
    const input: ProjectionInput = { assessment: { monthlyCalls: 1_000_000, changeFrequency: "static", corpusDocuments: 5000 }, horizonYears: 3, startYear: 2027, assumptions: COMPLETE };
    expect(simulateCosts(input, projectCosts(input), { seed: 7 })).toEqual({
      seed: 7,
      trials: 2000,
      // Engine 2.6: LoRA compute on these 5,000 examples is 002's $50–200, not $1,000–20,000, so
      // fine-tuning costs about $9k less (it was 1,774 trials, P50 $150,855.27).
      // Engine 2.13: fine-tuning has no index, so no index upkeep ($124,800 less at base), and
      // curates the 1,000 examples it needs, not 5,000 ($26,667 less): still a close call, now
      // its way (RAG was cheaper in 1,739 trials, P50 $141,442.22).
      pairs: [{ approach: "FINE_TUNING", against: "RAG", cheaperShare: 0.601, cheaperTrials: 1202, p10Cents: -127_668_17, p50Cents: 28_276_43, p90Cents: 192_279_21 }],
    });
  });
  it("plans retraining on the set's own lag, as the scenarios do: 28 days, monthly changes within 60 days, 12 cycles", () => {
    const set = collapsed({ ...COMPLETE, values: { ...COMPLETE.values, retrainLagDays: fixed(28), retrainCostUsd: fixed(10) } });
    const input: ProjectionInput = { assessment: { monthlyCalls: 10_000_000, changeFrequency: "monthly", maxLagDays: 60 }, horizonYears: 3, startYear: 2027, assumptions: set };
    const p = projectCosts(input);
    expect(p.approaches.FINE_TUNING!.retrainingCyclesPerYear).toBe(12);
    const pair = simulateCosts(input, p, { seed: 1, trials: 5 })!.pairs[0]!;
    expect(pair.approach).toBe("FINE_TUNING");
    expect(pair.p50Cents).toBe(p.approaches[pair.against]!.lifecycle.base - p.approaches.FINE_TUNING!.lifecycle.base);
  });
  it("leaves out a manual estimate, however cheap", () => {
    const input: ProjectionInput = { ...monthly, manual: { approach: "AGENT", estimate: { low: 1, base: 1, high: 1 } } };
    const pair = simulateCosts(input, projectCosts(input), { seed: 3 })!.pairs[0]!;
    expect([pair.approach, pair.against]).not.toContain("AGENT");
  });
});

describe("the triangular distribution's inverse, at points worked by hand", () => {
  it("for 0 / 50 / 100: the 1/8 point is 25, the median 50, the 7/8 point 75", () => {
    expect(triangular(0, 50, 100, 0.125)).toBe(25);
    expect(triangular(0, 50, 100, 0.5)).toBe(50);
    expect(triangular(0, 50, 100, 0.875)).toBe(75);
  });
  it("with the mode at either end", () => {
    expect(triangular(0, 0, 100, 0.75)).toBe(50);
    expect(triangular(0, 100, 100, 0.25)).toBe(50);
  });
});
