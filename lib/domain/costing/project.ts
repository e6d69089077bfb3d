/**
 * The cost engine: a use case's multi-year projection per approach, per year and per category,
 * in low / base / high whole cents. Pure and deterministic: the caller passes the start year.
 *
 * Money is exact: each line is computed from the figures in floating point and rounded once to
 * cents; every total is the integer sum of its lines, so totals equal the sum of their rows.
 * A figure or answer with no value makes its lines missing (null), never $0.
 */
import { applicableAnswers, CHANGES_PER_YEAR, type Approach, type Assessment, type ChangeFrequency } from "../assessment";
import { PRICE_KEYS, withModelPrices, withOverrides, type AssumptionSet, type Overrides, type Pricing, type Range } from "./assumptions";
import type { ModelRef } from "./catalogue";
import type { CostCategory } from "./categories";
import { breakEvenMonthlyCalls } from "./break-even";
import { callsInYear, cyclesFor, figureGetter, FORMULAS, ONE_TIME, ONE_TIME_IF_ANY, PROJECTED, SCENARIOS, type Driver, type Scenario } from "./drivers";
import { promptingMeetsBar, promptingReachesKnowledge, retrievesNothing } from "../frameworks/evidence";
import { lacksCapability, type Capability } from "../frameworks/capabilities";
import { breakEvenNone, isFeasible, withUnknownLag } from "./feasibility";
import { DEFAULT_RETRAIN_LAG_DAYS, retrainingMeetsLag, staleDaysPerYear, upToDays, worstDelayDays } from "./retraining";
import { timeToValueKey } from "./time-to-value";

export { PROJECTED, type Projected, type Scenario } from "./drivers";

export { COST_ENGINE_VERSION } from "./engine-version";

export interface Money3 { low: number; base: number; high: number }
export interface ManualEstimateInput { approach: Approach; estimate: Money3 }

export interface ProjectionInput {
  assessment: Assessment;
  horizonYears: number;
  startYear: number;
  assumptions: AssumptionSet;
  overrides?: Overrides;
  manual?: ManualEstimateInput | null;
  /** The model the use case runs on ("provider/model"); null: the organization's default. */
  model?: ModelRef | null;
}

/**
 * The figures a projection uses: the organization's set, its model's catalogue prices filled in,
 * and the use case's overrides on top. The scenarios, the break-even and the Monte Carlo all read
 * these, so they price the same model the same way.
 */
export function effectiveAssumptions(input: ProjectionInput): { set: AssumptionSet; pricing: Pricing } {
  const priced = withModelPrices(input.assumptions, input.model ?? input.overrides?.model ?? null);
  const set = withOverrides(priced.set, input.overrides);
  const byHand = PRICE_KEYS.some((k) => input.overrides?.[k]);
  const figures = {
    perMillionTokens: { input: set.values.modelInputPricePerMTokens, output: set.values.modelOutputPricePerMTokens },
    tokensPerCall: { input: set.values.inputTokensPerCall, output: set.values.outputTokensPerCall, ownTokens: Boolean(input.overrides?.inputTokensPerCall || input.overrides?.outputTokensPerCall) },
    inference: inferenceFigures(set),
  };
  return { set, pricing: { ...(byHand ? { ...priced.pricing, from: "hand" as const, catalogueVersion: null, pinnedOn: null } : priced.pricing), ...figures } };
}

/** The figures that price each approach's calls against the base model's (Pricing.inference). */
function inferenceFigures(set: AssumptionSet): NonNullable<Pricing["inference"]> {
  const ftDeployment = set.ftDeployment ?? "SMALL_MODEL";
  const ftPriceFactor = ftDeployment === "SMALL_MODEL" ? set.values.ftInferencePriceFactor : ftDeployment === "API_HOSTED" ? set.values.hostedFtPriceFactor : null;
  return { retrievalOverheadPct: set.values.retrievalOverheadPct, ftDeployment, ftPriceFactor };
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
  /**
   * Whether the approach keeps answers within the use case's acceptable lag (base scenario's
   * retraining lag): false for one that "does not meet the N-day lag"; null when the use case has
   * not said how long a lag it accepts or how often its knowledge changes.
   */
  meetsLag: boolean | null;
  /**
   * False for prompting alone where the use case must know or cite things of its own and no
   * prompted base model has been shown to meet the bar (promptingReachesKnowledge in
   * frameworks/evidence.ts): nothing is retrieved and nothing is trained, so the model never sees
   * that knowledge, whatever it costs. Such an approach is, like one that
   * misses the lag, never the cheaper side of a saving. True otherwise.
   */
  reachesKnowledge: boolean;
  /**
   * False for prompting alone where a prompted base model was tried and falls short of the bar
   * (promptingMeetsBar in frameworks/evidence.ts): known not to serve, so, like an approach that
   * misses the lag, never the cheaper side of a saving. True otherwise.
   */
  meetsBar: boolean;
  /**
   * True for RAG and the hybrid where the answers say there is nothing to retrieve (retrievesNothing
   * in frameworks/evidence.ts): an empty index, so no option of its own (RAG is then a prompted
   * base model, the hybrid fine-tuning, at more cost), never the cheaper side of a saving. Absent
   * otherwise, and before engine 2.17.
   */
  emptyIndex?: boolean;
  /**
   * A capability the use case answered that it needs and the approach lacks (needs tool use: all
   * but an agent; must learn from user interactions: RAG, fine-tuning, a hybrid and prompting
   * alone; frameworks/capabilities.ts, seed 002), or null: like an approach that misses the lag, it
   * is never the cheaper side of a saving. Absent in projections stored before engine 2.11.
   */
  lacksCapability: Capability | null;
  /** The longest a change waits for correct answers, in whole days rounded up (upToDays; base scenario); null: never. */
  worstDelayDays: number | null;
  timeToValueWeeks: Money3 | null;
  /** Figures or answers whose absence left lines missing: "assumption:modelPricePer1kTokens", "answer:monthlyCalls". */
  missing: string[];
}

/**
 * What `approach` saves against `against` over the lifecycle, scenario by scenario: low against
 * low, base against base, high against high (shared figures such as the engineer rate move
 * together), never one side's best case against the other's worst. Only an approach that meets
 * the lag (or whose lag is unknown) is ever the saving side.
 */
export interface Saving {
  approach: Approach;
  against: Approach;
  /** Lifecycle base cents saved (negative: it costs more). */
  baseCents: number;
  /** Cents saved in each scenario (negative: it costs more in that scenario). */
  cents: Money3;
  /** Percent of the other approach's lifecycle cost, per scenario; null unless both are complete. */
  pct: Money3 | null;
}

export interface Projection {
  lines: CostLine[];
  approaches: Partial<Record<Approach, ApproachProjection>>;
  savings: Saving[];
  breakEven: { monthlyCalls: number | null; reason: string };
  /** Which model was priced, and how (catalogue, pinned or installed, or by hand). */
  pricing: Pricing;
  /** The acceptable lag (days) feasibility was judged against; null when the use case gives none. */
  maxLagDays: number | null;
  /** What the retraining cycles and stale days were worked out from, so the cost panel can say the figures. */
  retraining: RetrainingBasis | null;
  /** What the people lines (curation, upkeep, evaluation) were worked out from, for the cost panel to say. */
  labour: LabourBasis | null;
  /** What the retrieval infrastructure line was worked out from (engine 2.15 on), for the cost panel to say. */
  retrieval: RetrievalBasis | null;
  missing: string[];
  complete: boolean;
}

/**
 * The figures and answers behind the retrieval infrastructure line (engine 2.15 on): the corpus's
 * size (null: unanswered, priced as a managed vector database), where its embeddings live (pgvector
 * in the database already running, up to `pgvectorMaxDocuments`; else a managed vector database)
 * and at what a month, per scenario; and its re-indexings a year, each re-embedding
 * `reindexSharePct` of the corpus.
 */
export interface RetrievalBasis {
  corpusDocuments: number | null;
  store: "pgvector" | "managed";
  pgvectorMaxDocuments: number | null;
  monthlyUsd: Range;
  reindexesPerYear: number;
  reindexSharePct: Range;
  /** The knowledge changes more often than daily (in real time): the changed documents are embedded as they arrive, priced as a day's share a day (engine 2.17 on). */
  asTheyArrive?: boolean;
}

/**
 * The figures and answers behind the data curation, upkeep and evaluation lines (engine 2.13 on):
 * the examples the use case has (null: unanswered, none taken as in hand) against those fine-tuning
 * needs; whether an evaluation set exists (null: unanswered, so one is built); and the hours of
 * each kind of upkeep, per scenario.
 */
export interface LabourBasis {
  examplesInHand: number | null;
  examplesNeeded: Range;
  evaluationSetExists: boolean | null;
  evalBuildWeeks: Range;
  evalRunHoursPerMonth: Range;
  indexUpkeepHoursPerWeek: Range;
  ftUpkeepHoursPerWeek: Range;
  promptUpkeepHoursPerMonth: Range;
}

/**
 * The figures behind "Retraining cycles a year" and "Stale days a year": how often the knowledge
 * changes (the assessment's answer) and the lag of one retraining in days per scenario, with where
 * that lag came from: the use case's own figure, the organization's assumption, or the built-in
 * DEFAULT_RETRAIN_LAG_DAYS when the organization's set has none.
 */
export interface RetrainingBasis {
  changeFrequency: ChangeFrequency | null;
  lagDays: Money3;
  lagFrom: "use case" | "organization" | "default";
  /** The assessment says there is no budget for retraining, so none was priced (engine 2.16 on; absent before). */
  noBudget?: boolean;
}

export class ProjectionInputError extends RangeError {}

const toCents = (usd: number) => Math.round(usd * 100);

/**
 * The largest amount one line (one approach, year and category) may hold: $1 billion
 * (10^11 cents). Few cost categories of a single AI use case come near it in a year, but volumes
 * well inside the schema's bounds reach it (a review's billion calls a month growing 100% a year
 * passed it in year 4's inference); such a line is left out and reported as BEYOND_EXACT rather than
 * stored, its year and lifecycle incomplete ("+ missing", never a total), and the approach is then
 * no side of a saving (explain.ts, servingByCost takes whole lifecycles only). With every line
 * under it, one use case's lifecycle per approach stays under about $100 billion, so a portfolio
 * of hundreds of such use cases still adds up exactly in JavaScript numbers (under 2^53 cents);
 * past that the dashboard says so (lib/server/portfolio/dashboard.ts) and the exports, which add
 * in PostgreSQL and write BigInt, stay exact.
 */
export const LINE_LIMIT_CENTS = 100_000_000_000;
export const BEYOND_EXACT = "limit:beyondExact";

export function projectCosts(input: ProjectionInput): Projection {
  const { horizonYears: h, startYear } = input;
  if (!Number.isInteger(h) || h < 1 || h > 10) throw new ProjectionInputError("The horizon must be a whole number of years from 1 to 10.");
  if (!Number.isInteger(startYear) || startYear < 1900 || startYear > 2200) throw new ProjectionInputError("The start year is out of range.");
  const { set, pricing } = effectiveAssumptions(input);
  // A lag given for knowledge that never changes does not apply (assessment.ts, answerApplies): the
  // panel read "Prompting only is the cheapest approach that meets the 0-day lag" where the
  // frameworks do not read that lag and the form does not ask for it.
  const a = applicableAnswers(input.assessment);
  const figs = { low: figureGetter(set, "low"), base: figureGetter(set, "base"), high: figureGetter(set, "high") };
  const baseLag = figs.base("retrainLagDays") ?? DEFAULT_RETRAIN_LAG_DAYS;
  const lag = (s: Scenario) => figs[s]("retrainLagDays") ?? baseLag;
  const retraining: RetrainingBasis = {
    changeFrequency: a.changeFrequency ?? null,
    lagDays: { low: lag("low"), base: baseLag, high: lag("high") },
    lagFrom: input.overrides?.retrainLagDays ? "use case" : figs.base("retrainLagDays") === null ? "default" : "organization",
    ...(a.retrainingBudget === false ? { noBudget: true } : {}),
  };

  const lines: CostLine[] = [];
  const approaches: Partial<Record<Approach, ApproachProjection>> = {};
  const allMissing = new Set<string>();

  for (const approach of PROJECTED) {
    const cycles = cyclesFor(approach, a, baseLag);
    const missing = new Set<string>();
    const yearly: YearTotal[] = [];
    for (let year = 1; year <= h; year++) {
      const total: YearTotal = { yearIndex: year, calendarYear: startYear + year - 1, low: 0, base: 0, high: 0, complete: true };
      for (const [category, formula] of Object.entries(FORMULAS[approach]) as [CostCategory, Driver][]) {
        const line: CostLine = { approach, yearIndex: year, calendarYear: total.calendarYear, category, low: null, base: null, high: null, manual: false };
        let lineMissing = false;
        for (const s of SCENARIOS) {
          const lacking: string[] = [];
          const usd = formula({ fig: figs[s], set, a, year, callsThisYear: callsInYear(a, year), cycles, missing: lacking });
          if (Number.isNaN(usd)) {
            lineMissing = true;
            lacking.forEach((m) => missing.add(m));
          } else if (!(Math.abs(usd * 100) <= LINE_LIMIT_CENTS)) {
            // Beyond what the engine keeps exact (see LINE_LIMIT_CENTS): left out, and said so.
            lineMissing = true;
            missing.add(BEYOND_EXACT);
          } else line[s] = toCents(usd);
        }
        if (lineMissing) {
          line.low = line.base = line.high = null;
          total.complete = false;
        } else {
          // A year-1-only category is not a line in later years; an evaluation set the use case
          // already has, or a corpus of unknown size, is not one in year 1 either.
          if (line.low === 0 && line.base === 0 && line.high === 0 && ((year > 1 && ONE_TIME.has(category)) || ONE_TIME_IF_ANY.has(category))) continue;
          total.low += line.low!;
          total.base += line.base!;
          total.high += line.high!;
        }
        lines.push(line);
      }
      yearly.push(total);
    }
    missing.forEach((m) => allMissing.add(m));
    const stale: Money3 = approach === "FINE_TUNING"
      ? { low: staleDaysPerYear(a.changeFrequency, cycles, lag("low")), base: staleDaysPerYear(a.changeFrequency, cycles, lag("base")), high: staleDaysPerYear(a.changeFrequency, cycles, lag("high")) }
      : { low: 0, base: 0, high: 0 };
    const ttv = set.values[timeToValueKey(approach) ?? "ragTimeToValueWeeks"];
    const reaches = approach !== "PROMPTING" || promptingReachesKnowledge(a);
    const meets = approach === "FINE_TUNING"
      ? retrainingMeetsLag(a.changeFrequency, a.maxLagDays, cycles, baseLag)
      : a.maxLagDays === undefined ? null : reaches;
    const delay = approach === "FINE_TUNING" ? worstDelayDays(a.changeFrequency, cycles, baseLag) : reaches ? 0 : Infinity;
    approaches[approach] = {
      approach,
      manual: false,
      meetsLag: meets,
      reachesKnowledge: reaches,
      meetsBar: approach !== "PROMPTING" || promptingMeetsBar(a),
      ...((approach === "RAG" || approach === "HYBRID") && retrievesNothing(a) ? { emptyIndex: true } : {}),
      lacksCapability: lacksCapability(approach, a),
      worstDelayDays: Number.isFinite(delay) ? upToDays(delay) : null,
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
      retrainingCyclesPerYear: 0, staleDaysPerYear: { low: 0, base: 0, high: 0 }, meetsLag: null, reachesKnowledge: true, meetsBar: true, lacksCapability: lacksCapability(approach, input.assessment), worstDelayDays: null, timeToValueWeeks: null, missing: [],
    };
  }

  return {
    lines,
    approaches,
    savings: savingsBetween(approaches),
    breakEven: breakEvenNone(approaches, a.maxLagDays) ?? withUnknownLag(breakEvenMonthlyCalls(input), approaches.FINE_TUNING, a.maxLagDays),
    pricing,
    maxLagDays: a.maxLagDays ?? null,
    retraining,
    labour: {
      examplesInHand: a.labeledExamples ?? null,
      examplesNeeded: set.values.ftExamplesNeeded,
      evaluationSetExists: a.evaluationSetExists ?? null,
      evalBuildWeeks: set.values.evalBuildWeeks,
      evalRunHoursPerMonth: set.values.evalRunHoursPerMonth,
      indexUpkeepHoursPerWeek: set.values.maintenanceHoursPerWeek,
      ftUpkeepHoursPerWeek: set.values.ftUpkeepHoursPerWeek,
      promptUpkeepHoursPerMonth: set.values.promptUpkeepHoursPerMonth,
    },
    retrieval: retrievalBasis(set, a),
    missing: [...allMissing].sort(),
    complete: allMissing.size === 0,
  };
}

/** The retrieval infrastructure line's basis, as drivers/retrieval.ts prices it. */
function retrievalBasis(set: AssumptionSet, a: Assessment): RetrievalBasis {
  const max = set.values.pgvectorMaxDocuments.base;
  const docs = a.corpusDocuments ?? null;
  const store = docs !== null && max !== null && docs <= max ? "pgvector" : "managed";
  return {
    corpusDocuments: docs,
    store,
    pgvectorMaxDocuments: max,
    monthlyUsd: store === "pgvector" ? set.values.pgvectorMonthlyUsd : set.values.vectorDbMonthlyUsd,
    reindexesPerYear: a.changeFrequency ? Math.min(365, CHANGES_PER_YEAR[a.changeFrequency]) : 0,
    ...(a.changeFrequency && CHANGES_PER_YEAR[a.changeFrequency] > 365 ? { asTheyArrive: true } : {}),
    reindexSharePct: set.values.reindexSharePct,
  };
}

/**
 * Savings of each approach against each other, scenario by scenario. An approach that is not
 * feasible (isFeasible) is never the saving side.
 */
export function savingsBetween(approaches: Partial<Record<Approach, ApproachProjection>>): Saving[] {
  const out: Saving[] = [];
  const list = Object.values(approaches);
  for (const x of list) {
    if (!isFeasible(x)) continue;
    for (const y of list) {
      if (x.approach === y.approach) continue;
      const X = x.lifecycle, Y = y.lifecycle;
      const comparable = X.complete && Y.complete && Y.low > 0 && Y.base > 0 && Y.high > 0;
      out.push({
        approach: x.approach,
        against: y.approach,
        baseCents: Y.base - X.base,
        cents: { low: Y.low - X.low, base: Y.base - X.base, high: Y.high - X.high },
        pct: comparable ? { low: pct(X.low, Y.low), base: pct(X.base, Y.base), high: pct(X.high, Y.high) } : null,
      });
    }
  }
  return out;
}

/**
 * What x saves against y, in percent to one decimal, rounded once from the whole cents (the
 * sentences say it to one decimal; rounding to two first made 24.749% read "24.8%").
 */
function pct(x: number, y: number): number {
  const tenths = ((y - x) * 1000) / y;
  return (Math.sign(tenths) * Math.round(Math.abs(tenths))) / 10 || 0;
}
