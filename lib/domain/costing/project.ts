/**
 * The cost engine: a use case's multi-year projection per approach, per year and per category,
 * in low / base / high whole cents. Pure and deterministic: the caller passes the start year.
 *
 * Money is exact: each line is computed from the figures in floating point and rounded once to
 * cents; every total is the integer sum of its lines, so totals equal the sum of their rows.
 * A figure or answer with no value makes its lines missing (null), never $0.
 */
import type { Approach, Assessment } from "../assessment";
import { withOverrides, type AssumptionKey, type AssumptionSet, type Overrides, ASSUMPTION_CATALOG, type AssumptionSpec } from "./assumptions";
import type { CostCategory } from "./categories";
import { retrainingCyclesPerYear, staleDaysPerYear } from "./retraining";

export const PROJECTED = ["RAG", "FINE_TUNING", "HYBRID", "PROMPTING"] as const;
export type Projected = (typeof PROJECTED)[number];
export type Scenario = "low" | "base" | "high";
const SCENARIOS: Scenario[] = ["low", "base", "high"];

export interface Money3 { low: number; base: number; high: number }
export interface ManualEstimateInput { approach: Approach; estimate: Money3 }

export interface ProjectionInput {
  assessment: Assessment;
  horizonYears: number;
  startYear: number;
  assumptions: AssumptionSet;
  overrides?: Overrides;
  manual?: ManualEstimateInput | null;
}

export interface CostLine {
  approach: Approach;
  yearIndex: number;
  calendarYear: number;
  category: CostCategory;
  low: number | null;
  base: number | null;
  high: number | null;
  manual: boolean;
}

export interface YearTotal extends Money3 { yearIndex: number; calendarYear: number; complete: boolean }

export interface ApproachProjection {
  approach: Approach;
  manual: boolean;
  yearly: YearTotal[];
  lifecycle: Money3 & { complete: boolean };
  retrainingCyclesPerYear: number;
  staleDaysPerYear: Money3;
  timeToValueWeeks: Money3 | null;
  /** Figures or answers whose absence left lines missing: "assumption:modelPricePer1kTokens", "answer:monthlyCalls". */
  missing: string[];
}

export interface Saving {
  approach: Approach;
  against: Approach;
  /** Lifecycle base cents saved (negative: it costs more). */
  baseCents: number;
  /** Percent of the other approach's lifecycle cost: worst case, base, best case. */
  pct: { min: number; base: number; max: number } | null;
}

export interface Projection {
  lines: CostLine[];
  approaches: Partial<Record<Approach, ApproachProjection>>;
  savings: Saving[];
  breakEven: { monthlyCalls: number | null; reason: string };
  missing: string[];
  complete: boolean;
}

export class ProjectionInputError extends RangeError {}

type Fig = (key: AssumptionKey) => number | null;

/** The figure for a scenario; for figures that lower costs, the low scenario takes the high value. */
function figureGetter(set: AssumptionSet, s: Scenario): Fig {
  return (key) => {
    const range = set.values[key];
    const spec: AssumptionSpec = ASSUMPTION_CATALOG[key];
    const pick: Scenario = spec.direction === "lowers" ? (s === "low" ? "high" : s === "high" ? "low" : "base") : s;
    return range[pick];
  };
}

interface Ctx {
  fig: Fig;
  set: AssumptionSet;
  a: Assessment;
  year: number;
  /** Calls this year (monthly calls × 12, grown), or null when the answer is missing. */
  callsThisYear: number | null;
  cycles: number;
}

/** A formula's result: dollars, or the keys that were missing. */
type Amount = { usd: number } | { missing: string[] };

function need(ctx: Ctx, keys: AssumptionKey[], compute: (v: Record<string, number>) => number): Amount {
  const missing: string[] = [];
  const v: Record<string, number> = {};
  for (const k of keys) {
    const x = ctx.fig(k);
    if (x === null) missing.push(`assumption:${k}`);
    else v[k] = x;
  }
  return missing.length ? { missing } : { usd: compute(v) };
}

const HOURS_PER_WEEK = 40;

// ---- One formula per category. Each names the seed figure it uses. ----

/** RAG build: production 6–12 weeks of engineering (003) at the engineer rate (000), in year 1. */
function ragBuild(ctx: Ctx): Amount {
  if (ctx.year !== 1) return { usd: 0 };
  return need(ctx, ["ragBuildWeeks", "engineerRate"], (v) => v.ragBuildWeeks! * HOURS_PER_WEEK * v.engineerRate!);
}

/** Fine-tuning first deployment: 200–400 engineer hours (000) at the engineer rate (000), in year 1. */
function ftBuild(ctx: Ctx): Amount {
  if (ctx.year !== 1) return { usd: 0 };
  return need(ctx, ["ftFirstDeploymentHours", "engineerRate"], (v) => v.ftFirstDeploymentHours! * v.engineerRate!);
}

/** Training compute: a full 7B fine-tune $5k–50k (000); LoRA 60–80% less (000). Year 1. */
function trainingCompute(ctx: Ctx): Amount {
  if (ctx.year !== 1) return { usd: 0 };
  if (ctx.set.fineTuneMethod === "FULL") return need(ctx, ["ftFullComputeUsd"], (v) => v.ftFullComputeUsd!);
  return need(ctx, ["ftFullComputeUsd", "loraComputeSavingPct"], (v) => v.ftFullComputeUsd! * (1 - v.loraComputeSavingPct! / 100));
}

/**
 * Data curation: 10–50 times the training compute in labour (002), against 002's own compute
 * figure ($50–200 of LoRA compute for 5,000 curated examples), scaled by the examples to curate
 * (at least 5,000, 002's reference set). Year 1.
 */
function dataCuration(ctx: Ctx): Amount {
  if (ctx.year !== 1) return { usd: 0 };
  const examples = Math.max(5000, ctx.a.labeledExamples ?? 0);
  return need(ctx, ["lora5kExamplesComputeUsd", "dataCurationMultiple"], (v) => v.lora5kExamplesComputeUsd! * (examples / 5000) * v.dataCurationMultiple!);
}

/** Base model inference: calls × tokens per call × price (not from the seeds: set by the organization). */
function baseInference(ctx: Ctx): Amount {
  if (ctx.callsThisYear === null) return { missing: ["answer:monthlyCalls"] };
  const calls = ctx.callsThisYear;
  return need(ctx, ["tokensPerCall", "modelPricePer1kTokens"], (v) => (calls * v.tokensPerCall! * v.modelPricePer1kTokens!) / 1000);
}

function scaled(amount: Amount, ctx: Ctx, keys: AssumptionKey[], f: (usd: number, v: Record<string, number>) => number): Amount {
  const extra = need(ctx, keys, (v) => 0);
  if ("missing" in amount || "missing" in extra) {
    return { missing: [...("missing" in amount ? amount.missing : []), ...("missing" in extra ? extra.missing : [])] };
  }
  const v: Record<string, number> = {};
  for (const k of keys) v[k] = ctx.fig(k)!;
  return { usd: f(amount.usd, v) };
}

/** RAG inference: base inference plus 15–30% retrieval overhead (000). */
function ragInference(ctx: Ctx): Amount {
  return scaled(baseInference(ctx), ctx, ["retrievalOverheadPct"], (usd, v) => usd * (1 + v.retrievalOverheadPct! / 100));
}

/** Fine-tuned inference: a fine-tuned smaller model at a fraction of the base price (002, 003). */
function ftInference(ctx: Ctx): Amount {
  return scaled(baseInference(ctx), ctx, ["ftInferencePriceFactor"], (usd, v) => usd * v.ftInferencePriceFactor!);
}

/** Hybrid inference: the fine-tuned model's price plus the retrieval overhead. */
function hybridInference(ctx: Ctx): Amount {
  return scaled(ftInference(ctx), ctx, ["retrievalOverheadPct"], (usd, v) => usd * (1 + v.retrievalOverheadPct! / 100));
}

/** Vector database, $500–3,000 a month (000), every year. */
function retrievalInfra(ctx: Ctx): Amount {
  return need(ctx, ["vectorDbMonthlyUsd"], (v) => v.vectorDbMonthlyUsd! * 12);
}

/** Retraining: cycles a year × $10k–30k per significant change (000). */
function retraining(ctx: Ctx): Amount {
  if (ctx.a.changeFrequency === undefined) return { missing: ["answer:changeFrequency"] };
  return need(ctx, ["retrainCostUsd"], (v) => ctx.cycles * v.retrainCostUsd!);
}

/** Hosting the deployed fine-tuned model, billed by the hour whether used or not (public source). */
function ftHosting(ctx: Ctx): Amount {
  return need(ctx, ["ftHostingHourlyUsd"], (v) => v.ftHostingHourlyUsd! * 24 * 365);
}

/** Upkeep: hours a week × 52 at the engineer rate (hours not from the seeds). */
function maintenance(ctx: Ctx): Amount {
  return need(ctx, ["maintenanceHoursPerWeek", "engineerRate"], (v) => v.maintenanceHoursPerWeek! * 52 * v.engineerRate!);
}

const FORMULAS: Record<Projected, Partial<Record<CostCategory, (ctx: Ctx) => Amount>>> = {
  PROMPTING: { INFERENCE: baseInference, MAINTENANCE: maintenance },
  RAG: { BUILD_ENGINEERING: ragBuild, INFERENCE: ragInference, RETRIEVAL_INFRA: retrievalInfra, MAINTENANCE: maintenance },
  FINE_TUNING: {
    BUILD_ENGINEERING: ftBuild, DATA_CURATION: dataCuration, TRAINING_COMPUTE: trainingCompute, INFERENCE: ftInference,
    RETRAINING: retraining, FT_HOSTING: ftHosting, MAINTENANCE: maintenance,
  },
  HYBRID: {
    BUILD_ENGINEERING: (ctx) => sum(ragBuild(ctx), ftBuild(ctx)), DATA_CURATION: dataCuration, TRAINING_COMPUTE: trainingCompute,
    INFERENCE: hybridInference, RETRIEVAL_INFRA: retrievalInfra, RETRAINING: retraining, FT_HOSTING: ftHosting, MAINTENANCE: maintenance,
  },
};

function sum(a: Amount, b: Amount): Amount {
  if ("missing" in a || "missing" in b) return { missing: [...("missing" in a ? a.missing : []), ...("missing" in b ? b.missing : [])] };
  return { usd: a.usd + b.usd };
}

/**
 * Cycles a year per approach. Fine-tuning retrains on every knowledge change, batched within the
 * acceptable lag. Hybrid keeps facts in retrieval, so it retrains only for behaviour: at most once
 * a year, and never when the knowledge is static.
 */
function cyclesFor(approach: Projected, a: Assessment, lagDays: number): number {
  if (approach === "FINE_TUNING") return retrainingCyclesPerYear(a.changeFrequency, a.maxLagDays, lagDays);
  if (approach === "HYBRID") return Math.min(1, retrainingCyclesPerYear(a.changeFrequency, a.maxLagDays, lagDays));
  return 0;
}

const toCents = (usd: number) => Math.round(usd * 100);

function callsInYear(a: Assessment, year: number): number | null {
  if (a.monthlyCalls === undefined) return null;
  const growth = 1 + (a.yearlyGrowthPct ?? 0) / 100;
  return a.monthlyCalls * 12 * growth ** (year - 1);
}

export function projectCosts(input: ProjectionInput): Projection {
  const { horizonYears: h, startYear } = input;
  if (!Number.isInteger(h) || h < 1 || h > 10) throw new ProjectionInputError("The horizon must be a whole number of years from 1 to 10.");
  if (!Number.isInteger(startYear) || startYear < 1900 || startYear > 2200) throw new ProjectionInputError("The start year is out of range.");
  const set = withOverrides(input.assumptions, input.overrides);
  const a = input.assessment;
  const figs = { low: figureGetter(set, "low"), base: figureGetter(set, "base"), high: figureGetter(set, "high") };
  const baseLag = figs.base("retrainLagDays") ?? 21;

  const lines: CostLine[] = [];
  const approaches: Partial<Record<Approach, ApproachProjection>> = {};
  const allMissing = new Set<string>();

  for (const approach of PROJECTED) {
    const cycles = cyclesFor(approach, a, baseLag);
    const missing = new Set<string>();
    const yearly: YearTotal[] = [];
    for (let year = 1; year <= h; year++) {
      const total: YearTotal = { yearIndex: year, calendarYear: startYear + year - 1, low: 0, base: 0, high: 0, complete: true };
      for (const [category, formula] of Object.entries(FORMULAS[approach]) as [CostCategory, (ctx: Ctx) => Amount][]) {
        const line: CostLine = { approach, yearIndex: year, calendarYear: total.calendarYear, category, low: null, base: null, high: null, manual: false };
        let lineMissing = false;
        for (const s of SCENARIOS) {
          const amount = formula({ fig: figs[s], set, a, year, callsThisYear: callsInYear(a, year), cycles });
          if ("missing" in amount) {
            lineMissing = true;
            amount.missing.forEach((m) => missing.add(m));
          } else line[s] = toCents(amount.usd);
        }
        if (lineMissing) {
          line.low = line.base = line.high = null;
          total.complete = false;
        } else {
          // A year-1-only category is not a line in later years.
          if (line.low === 0 && line.base === 0 && line.high === 0 && year > 1 && (category === "BUILD_ENGINEERING" || category === "DATA_CURATION" || category === "TRAINING_COMPUTE")) continue;
          total.low += line.low!;
          total.base += line.base!;
          total.high += line.high!;
        }
        lines.push(line);
      }
      yearly.push(total);
    }
    missing.forEach((m) => allMissing.add(m));
    const lag = (s: Scenario) => figs[s]("retrainLagDays") ?? baseLag;
    const stale: Money3 = approach === "FINE_TUNING"
      ? { low: staleDaysPerYear(a.changeFrequency, cycles, lag("low")), base: staleDaysPerYear(a.changeFrequency, cycles, lag("base")), high: staleDaysPerYear(a.changeFrequency, cycles, lag("high")) }
      : { low: 0, base: 0, high: 0 };
    const ttvKey: AssumptionKey = approach === "FINE_TUNING" || approach === "HYBRID" ? "ftTimeToValueWeeks" : "ragTimeToValueWeeks";
    const ttv = set.values[ttvKey];
    approaches[approach] = {
      approach,
      manual: false,
      yearly,
      lifecycle: {
        low: yearly.reduce((s, y) => s + y.low, 0),
        base: yearly.reduce((s, y) => s + y.base, 0),
        high: yearly.reduce((s, y) => s + y.high, 0),
        complete: yearly.every((y) => y.complete),
      },
      retrainingCyclesPerYear: cycles,
      staleDaysPerYear: stale,
      timeToValueWeeks: ttv.low === null ? null : { low: ttv.low, base: ttv.base!, high: ttv.high! },
      missing: [...missing].sort(),
    };
  }

  if (input.manual) {
    const { approach, estimate } = input.manual;
    const yearly: YearTotal[] = [];
    for (let year = 1; year <= h; year++) {
      const calendarYear = startYear + year - 1;
      lines.push({ approach, yearIndex: year, calendarYear, category: "MANUAL_ESTIMATE", ...estimate, manual: true });
      yearly.push({ yearIndex: year, calendarYear, ...estimate, complete: true });
    }
    approaches[approach] = {
      approach, manual: true, yearly,
      lifecycle: { low: estimate.low * h, base: estimate.base * h, high: estimate.high * h, complete: true },
      retrainingCyclesPerYear: 0, staleDaysPerYear: { low: 0, base: 0, high: 0 }, timeToValueWeeks: null, missing: [],
    };
  }

  return {
    lines,
    approaches,
    savings: savingsBetween(approaches),
    breakEven: breakEvenMonthlyCalls(input),
    missing: [...allMissing].sort(),
    complete: allMissing.size === 0,
  };
}

/** Savings of each approach against each other, on lifecycle cost: worst case, base, best case. */
export function savingsBetween(approaches: Partial<Record<Approach, ApproachProjection>>): Saving[] {
  const out: Saving[] = [];
  const list = Object.values(approaches);
  for (const x of list) {
    for (const y of list) {
      if (x.approach === y.approach) continue;
      const X = x.lifecycle, Y = y.lifecycle;
      const comparable = X.complete && Y.complete && Y.low > 0 && Y.base > 0 && Y.high > 0;
      out.push({
        approach: x.approach,
        against: y.approach,
        baseCents: Y.base - X.base,
        pct: comparable ? { min: pct(1 - X.high / Y.low), base: pct(1 - X.base / Y.base), max: pct(1 - X.low / Y.high) } : null,
      });
    }
  }
  return out;
}

const pct = (fraction: number) => Math.round(fraction * 10000) / 100;

/** Lifecycle base cost of one approach in dollars, unrounded, for a given monthly volume. */
function lifecycleBaseUsd(input: ProjectionInput, approach: Projected, monthlyCalls: number): number | null {
  const set = withOverrides(input.assumptions, input.overrides);
  const a = { ...input.assessment, monthlyCalls };
  const fig = figureGetter(set, "base");
  const cycles = cyclesFor(approach, a, fig("retrainLagDays") ?? 21);
  let total = 0;
  for (let year = 1; year <= input.horizonYears; year++) {
    for (const formula of Object.values(FORMULAS[approach])) {
      const amount = formula({ fig, set, a, year, callsThisYear: callsInYear(a, year), cycles });
      if ("missing" in amount) return null;
      total += amount.usd;
    }
  }
  return total;
}

/**
 * The monthly calls at which fine-tuning's lifecycle cost meets RAG's. Both are linear in volume
 * (fixed costs plus a price per call), so two points give each line and the crossing is exact.
 */
export function breakEvenMonthlyCalls(input: ProjectionInput): { monthlyCalls: number | null; reason: string } {
  const ft0 = lifecycleBaseUsd(input, "FINE_TUNING", 0), ft1 = lifecycleBaseUsd(input, "FINE_TUNING", 1_000_000);
  const rag0 = lifecycleBaseUsd(input, "RAG", 0), rag1 = lifecycleBaseUsd(input, "RAG", 1_000_000);
  if (ft0 === null || ft1 === null || rag0 === null || rag1 === null) {
    return { monthlyCalls: null, reason: "Missing figures: set the model price and tokens per call to find the break-even volume." };
  }
  const ftSlope = (ft1 - ft0) / 1_000_000, ragSlope = (rag1 - rag0) / 1_000_000;
  if (ft0 <= rag0 && ftSlope <= ragSlope) return { monthlyCalls: 0, reason: "Fine-tuning costs no more than RAG at any volume." };
  if (ftSlope >= ragSlope) return { monthlyCalls: null, reason: "None within the horizon: RAG stays cheaper at every volume." };
  const calls = (ft0 - rag0) / (ragSlope - ftSlope);
  return { monthlyCalls: Math.ceil(calls), reason: `Above ${Math.ceil(calls).toLocaleString("en-US")} calls a month, fine-tuning costs less over the lifecycle.` };
}
