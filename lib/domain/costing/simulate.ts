/**
 * A seeded Monte Carlo over the same drivers as the three scenarios (PRODUCT.md, "Costs v2":
 * correlated scenarios). Each figure's low / base / high is read as a triangular distribution
 * (low and high its bounds, base its mode) and drawn once per trial, so a shared driver such as
 * the engineer rate has one value in a trial for every approach: the approaches move together.
 * For each pair of approaches it gives the share of trials in which the first costs less and
 * the 10th, 50th and 90th percentiles of what it saves over the lifecycle.
 *
 * Reproducible: the generator is seeded (mulberry32, below), and the seed is returned so it is
 * stored with the projection. Retraining cycles stay those of the base scenario (a plan,
 * not a draw), as in the three scenarios.
 */
import type { Approach } from "../assessment";
import { ASSUMPTION_KEYS, type AssumptionKey } from "./assumptions";
import type { CostCategory } from "./categories";
import { callsInYear, cyclesFor, figureGetter, FORMULAS, ONE_TIME, type Ctx, type Driver, type Projected } from "./drivers";
import { isFeasible } from "./feasibility";
import { effectiveAssumptions, type Projection, type ProjectionInput } from "./project";
import { DEFAULT_RETRAIN_LAG_DAYS } from "./retraining";

export const DEFAULT_TRIALS = 2000;

const KEY_INDEX = Object.fromEntries(ASSUMPTION_KEYS.map((k, i) => [k, i])) as Record<AssumptionKey, number>;

export interface SimulationPair {
  approach: Approach;
  against: Approach;
  /** Share of trials (0..1) in which `approach` costs less over the lifecycle than `against`. */
  cheaperShare: number;
  /** The number of trials in which `approach` costs less (engine 2.4 on): the sentence says the count, not a rounded share. */
  cheaperTrials: number;
  /** What `approach` saves against `against` (negative: it costs more), in cents, at P10 / P50 / P90. */
  p10Cents: number;
  p50Cents: number;
  p90Cents: number;
}

export interface Simulation {
  seed: number;
  trials: number;
  pairs: SimulationPair[];
}

/** A 32-bit seed from a stable string such as the use case's id (FNV-1a), so a re-derivation repeats. */
export function seedFor(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Mulberry32: a small, public-domain 32-bit generator, good enough for sampling and about a
 * hundred times faster here than pure-rand's uniformFloat64 (which dominated a trial's cost).
 * Returns a function giving uniform numbers in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Inverse CDF of the triangular distribution with bounds lo, hi and mode m, at u in [0, 1). */
export function triangular(lo: number, m: number, hi: number, u: number): number {
  if (hi <= lo) return m;
  const f = (m - lo) / (hi - lo);
  return u < f ? lo + Math.sqrt(u * (hi - lo) * (m - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - m));
}

/**
 * Simulates the two cheapest approaches (lifecycle base) among the projection's complete,
 * computed approaches that meet the lag: the pair the cost panel's sentences compare. An
 * approach that does not meet the lag is never simulated (it is never an option to save with).
 * Null when fewer than two such approaches are complete (a missing figure is missing here too,
 * never $0). Only the pair is simulated, which halves the work of simulating every approach.
 */
export function simulateCosts(input: ProjectionInput, projection: Projection, opts: { seed: number; trials?: number }): Simulation | null {
  const trials = opts.trials ?? DEFAULT_TRIALS;
  const { set } = effectiveAssumptions(input);
  const a = input.assessment;
  const eligible = (Object.values(projection.approaches) as NonNullable<Projection["approaches"][Approach]>[])
    .filter((x) => !x.manual && x.lifecycle.complete && isFeasible(x))
    .sort((x, y) => x.lifecycle.base - y.lifecycle.base)
    .slice(0, 2)
    .map((x) => x.approach as Projected);
  if (eligible.length < 2) return null;

  // One trial's figures, drawn in place; a figure with no value stays null (and its approach is
  // not simulated: only complete approaches are).
  // Held in a typed array by the figure's position (NaN: no value), which is much faster to read
  // than an object keyed by name.
  const lo = new Float64Array(ASSUMPTION_KEYS.length), mode = new Float64Array(ASSUMPTION_KEYS.length), hi = new Float64Array(ASSUMPTION_KEYS.length);
  const drawn = new Float64Array(ASSUMPTION_KEYS.length).fill(Number.NaN);
  const candidates: number[] = [];
  ASSUMPTION_KEYS.forEach((k, i) => {
    const r = set.values[k];
    if (r.low === null || r.base === null || r.high === null) return;
    lo[i] = r.low; mode[i] = r.base; hi[i] = r.high;
    drawn[i] = r.base;
    if (r.low !== r.high) candidates.push(i);
  });
  // Drawing is most of a trial's cost, so a trial draws only the figures it reads. Those the
  // simulated drivers read at the base figures (found by running them once and noting what they
  // read) are drawn at the start of every trial, in the catalogue's order: the stream of draws a
  // stored seed has always given. But one figure's draw can decide which others are read: a
  // corpus of 150,000 documents lives in pgvector in a trial whose pgvectorMaxDocuments is drawn
  // above it and in the managed vector database in one drawn below (drivers/retrieval.ts), and
  // the base figures chose only one of the two. Drawing only those, every trial that crossed over
  // priced the other store at its base price (simulate.test.ts: a corpus that moves to a managed
  // database at $1,000–8,000 a month in a third of the trials read "RAG costs less in 2,000 of
  // 2,000 trials" at its base $2,000, beside a high scenario in which fine-tuning costs less; 1,817
  // when each trial draws it). So any other figure with a range is drawn when a trial first reads
  // it (`drawnIn`): every trial prices what it reads at its own draws, whichever branches they
  // take, without this file knowing where the drivers branch. Where no draw changes a branch (the
  // common case) nothing else is read, and the trials are exactly those drawn before.
  const read = new Set<number>();
  const tracingFig = (k: AssumptionKey) => {
    read.add(KEY_INDEX[k]);
    return fig(k);
  };
  // The trial in which a figure drawn on first read was last drawn; Infinity for the figures that
  // never are (drawn at each trial's start, or with one value, or none).
  const drawnIn = new Float64Array(ASSUMPTION_KEYS.length).fill(Number.POSITIVE_INFINITY);
  let trial = 0;
  const uniform = mulberry32(opts.seed);
  const fig = (k: AssumptionKey) => {
    const i = KEY_INDEX[k];
    if (drawnIn[i]! < trial) {
      drawnIn[i] = trial;
      drawn[i] = triangular(lo[i]!, mode[i]!, hi[i]!, uniform());
    }
    const v = drawn[i]!;
    return v !== v ? null : v;
  };
  const baseLag = figureGetter(set, "base")("retrainLagDays") ?? DEFAULT_RETRAIN_LAG_DAYS;
  const h = input.horizonYears;
  let laterCalls = 0;
  for (let year = 2; year <= h; year++) laterCalls += callsInYear(a, year) ?? 0;
  const firstYearCalls = callsInYear(a, 1);
  // Year 1 is priced as it is. From year 2 on, a one-time driver costs nothing and every other
  // driver is a yearly fixed cost plus a cost per call (the projection's own shape), so years
  // 2..h together cost (h − 1) times its price at their average calls: two evaluations a trial,
  // whatever the horizon.
  // simulate.test.ts holds this to the projection, year by year, when every range is one value.
  // A self-hosted model's cost is not linear in volume (flat while its GPU has room): where one is
  // simulated, every later year is priced on its own calls (drivers/inference.ts, volumeKinks).
  // Decided by the deployment, not by where the base figures put the bend: each trial draws its
  // own GPU seconds and utilisation, so its bend moves, and a base of 0 GPU seconds (no bend) still
  // has trials with one (simulate.test.ts; its P50 was $16,518 off). Only the simulated pair
  // counts: RAG against prompting has no bend whatever the deployment.
  const yearByYear = set.ftDeployment === "SELF_HOSTED" && eligible.some((x) => x === "FINE_TUNING" || x === "HYBRID");
  const plans = eligible.map((approach) => {
    const entries = Object.entries(FORMULAS[approach]) as [CostCategory, Driver][];
    return {
      approach,
      oneTime: entries.filter(([c]) => ONE_TIME.has(c)).map(([, d]) => d),
      recurring: entries.filter(([c]) => !ONE_TIME.has(c)).map(([, d]) => d),
      ctx: { fig: tracingFig, set, a, year: 1, callsThisYear: firstYearCalls, cycles: cyclesFor(approach, a, baseLag), missing: null } as Ctx,
    };
  });

  for (const { oneTime, recurring, ctx } of plans) {
    for (const year of [1, 2]) {
      ctx.year = year;
      for (const d of [...oneTime, ...recurring]) d(ctx);
    }
    ctx.fig = fig;
  }
  const varying = candidates.filter((i) => read.has(i));
  for (const i of candidates) if (!read.has(i)) drawnIn[i] = -1;
  const costs = plans.map(() => new Float64Array(trials));
  for (let t = 0; t < trials; t++) {
    trial = t;
    for (const i of varying) drawn[i] = triangular(lo[i]!, mode[i]!, hi[i]!, uniform());
    for (let p = 0; p < plans.length; p++) {
      const { oneTime, recurring, ctx } = plans[p]!;
      let total = 0;
      ctx.year = 1;
      ctx.callsThisYear = firstYearCalls;
      for (const d of oneTime) total += d(ctx);
      for (const d of recurring) total += d(ctx);
      if (h > 1 && yearByYear) {
        for (let year = 2; year <= h; year++) {
          ctx.year = year;
          ctx.callsThisYear = callsInYear(a, year);
          for (const d of recurring) total += d(ctx);
        }
      } else if (h > 1) {
        ctx.year = 2;
        ctx.callsThisYear = laterCalls / (h - 1);
        let later = 0;
        for (const d of recurring) later += d(ctx);
        total += (h - 1) * later;
      }
      costs[p]![t] = total;
    }
  }

  // What the cheaper (in the base case) saves against the other, trial by trial.
  const diff = new Float64Array(trials);
  let cheaper = 0;
  for (let t = 0; t < trials; t++) {
    diff[t] = costs[1]![t]! - costs[0]![t]!;
    if (diff[t]! > 0) cheaper++;
  }
  diff.sort();
  const at = (q: number) => Math.round(diff[Math.round(q * (trials - 1))]! * 100);
  const pairs: SimulationPair[] = [{
    approach: plans[0]!.approach, against: plans[1]!.approach,
    cheaperShare: Math.round((cheaper / trials) * 1000) / 1000, cheaperTrials: cheaper, p10Cents: at(0.1), p50Cents: at(0.5), p90Cents: at(0.9),
  }];
  return { seed: opts.seed, trials, pairs };
}
