/**
 * The portfolio's types: what the dashboard reads from each use case's stored summary, and what
 * the data layer (lib/server/portfolio) hands the page. Pure: no Next.js, React or Prisma.
 *
 * Money is integer cents throughout. A missing figure is never $0: a use case with no cost rows
 * for an approach is "not costed", one whose rows lack a figure is "incomplete", and both are
 * counted and listed beside every total.
 */
import type { Evidence } from "../frameworks/evidence";
import type { Capability } from "../frameworks/capabilities";
import type { Approach } from "../assessment";
import type { RiskFlagCode } from "./filter";

/** Low / base / high. */
export interface Range3 {
  low: number;
  base: number;
  high: number;
}

/**
 * The contract for `UseCase.projectionSummary` (JSON), written by lib/server/use-cases/derive.ts
 * beside the CostLine/CostYear rows of the same projection, and read by the portfolio in SQL:
 *
 * ```json
 * {
 *   "approaches": {
 *     "RAG": {
 *       "lifecycle":        { "low": 2400000, "base": 3600000, "high": 6000000, "complete": true },
 *       "staleDaysPerYear": { "low": 0, "base": 0, "high": 0 },
 *       "timeToValueWeeks": { "low": 1, "base": 2, "high": 4 },
 *       "missing": []
 *     },
 *     "FINE_TUNING": { "...": "..." }
 *   },
 *   "frameworkVersions": { "three-questions": "1.0.0", "...": "..." },
 *   "weightsVersion": 3
 * }
 * ```
 *
 * - `approaches` has one entry per approach the projection costed, and only those (an agent
 *   without a manual estimate has none), exactly the approaches with CostYear rows.
 * - `lifecycle` is in cents and is the sum of that approach's CostYear rows (the known amounts),
 *   never null; `complete` is false exactly when one of those rows has complete = false.
 * - `staleDaysPerYear` is days a year (0 for approaches that do not retrain).
 * - `timeToValueWeeks` is weeks, or null when the figure is missing.
 * - `missing` (optional) names the figures the approach lacked: assumption keys such as
 *   `modelPricePer1kTokens`, or `answer:<assessment key>`.
 * - `frameworkVersions` and `weightsVersion` (optional) repeat `score.frameworkVersions` and
 *   `score.weightsVersion`. The score JSON is large and stored out of line, so reading it for every
 *   use case costs more than the rest of the dashboard; the summary is small. Where they are
 *   absent the portfolio falls back to the score (correct, slower).
 *
 * Other keys (savings, break-even, ...) may be present; the portfolio ignores them, but every
 * byte is decompressed on every dashboard load: keep the summary small (under about 1.5 kB of
 * JSON text, the size PostgreSQL stores without compressing or moving out of line).
 *
 * The dashboard sums money from CostYear; from this summary it reads stale days, time to value,
 * versions, which use cases are not costed or lack figures (`approaches` keys and
 * `lifecycle.complete`) and the order of the top ten. tests/portfolio.test.ts checks that what
 * derive writes keeps these in step with the rows.
 */
export interface PortfolioApproachSummary {
  lifecycle: Range3 & { complete?: boolean };
  /** False: misses the acceptable lag; null or absent: the lag is not known. */
  meetsLag?: boolean | null;
  /** False: prompting alone, where the use case has knowledge of its own. */
  reachesKnowledge?: boolean;
  /** A capability the use case needs that the approach lacks (frameworks/capabilities.ts); absent before engine 2.11. */
  lacksCapability?: Capability | null;
  worstDelayDays?: number | null;
  staleDaysPerYear: Range3;
  timeToValueWeeks: Range3 | null;
  missing?: string[];
}

export interface PortfolioProjectionSummary {
  approaches: Partial<Record<Approach, PortfolioApproachSummary>>;
  frameworkVersions?: Record<string, string>;
  weightsVersion?: number;
}

/** The scenarios side by side. */
export const SCENARIOS = ["chosen", "recommended", "RAG", "FINE_TUNING", "HYBRID"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export const SCENARIO_LABELS: Record<ScenarioName, string> = {
  chosen: "As chosen",
  recommended: "As recommended",
  RAG: "Everything RAG",
  FINE_TUNING: "Everything fine-tuned",
  HYBRID: "Everything hybrid",
};

/**
 * One aggregate row of the stored yearly totals (CostYear joined to its use case): a calendar
 * year and approach, split by whether that approach is the use case's "as chosen" approach
 * (its decision, else its recommendation) and whether it is its recommendation.
 */
export interface CostCell extends Range3 {
  calendarYear: number;
  approach: Approach;
  asChosen: boolean;
  asRecommended: boolean;
  /**
   * Use cases whose projection starts in this cell (its year-1 row): summed over a scenario's
   * cells, the use cases it costs, each once. Every projection has one row per year from year 1.
   */
  useCases: number;
  /** Use cases with a cost in this cell's year. */
  rows: number;
}

/**
 * Use cases that lack a figure (a CostYear row with complete = false) for their approach in each
 * scenario, and, as chosen, per approach.
 */
export interface IncompleteCounts {
  byScenario: Record<ScenarioName, number>;
  asChosenByApproach: Partial<Record<Approach, number>>;
}

export interface YearTotal extends Range3 {
  calendarYear: number;
}

/** One scenario in one calendar year. */
export interface ScenarioYear extends YearTotal {
  scenario: ScenarioName;
  /** Use cases with a cost in this year. */
  useCases: number;
}

export interface ScenarioSummary {
  scenario: ScenarioName;
  lifecycle: Range3;
  years: YearTotal[];
  /** Use cases with cost rows for their approach in this scenario. */
  costed: number;
  /** Use cases with no cost rows for their approach in this scenario: left out, never $0. */
  notCosted: number;
  /** Use cases whose rows lack a figure (e.g. a model price): their totals leave it out. */
  incomplete: number;
  /** Use cases whose approach in this scenario cannot serve them (misses the lag, or never sees their knowledge). */
  infeasible: number;
}

/**
 * A use case's status in a scenario: "n" not costed (no cost rows for its approach there), "i"
 * costed but lacking a figure, "c" costed and complete.
 */
export type CoverageStatus = "n" | "i" | "c";

/**
 * The use cases in view whose statuses, scenario by scenario, are `statuses`: one letter per
 * scenario in the SCENARIOS order ("ccnnc": costed and complete as chosen, as recommended and
 * everything hybrid; not costed on RAG or fine-tuning). Written by "UseCaseRollup_coverage"
 * (migration 20261206200000_portfolio_coverage_tally).
 */
export interface CoverageGroup {
  statuses: string;
  useCases: number;
}

/** Savings of one scenario against another on lifecycle base (positive: `scenario` costs less). */
export interface Saving {
  scenario: ScenarioName;
  against: ScenarioName;
  cents: number;
  /** Share of `against`'s lifecycle, in percent (one decimal); null when that is $0. */
  percent: number | null;
  /**
   * Use cases in view whose status differs between the two (costed in one only, or lacking a
   * figure in one only): each puts into one total what the other leaves out.
   */
  differing: number;
  /**
   * Like for like: no use case's status differs (`differing` is 0), so the difference is cost.
   * Both may still leave out the same use cases (not costed, or lacking a figure, in both).
   */
  comparable: boolean;
  /**
   * Use cases that `scenario` puts on an approach that cannot serve them. When positive, a lower
   * cost is not a saving (the cheaper scenario does not do the job) and is never shown as one.
   */
  infeasible: number;
}

/** As chosen, per approach: the spend and lifecycle the chart and the TCO table show. */
export interface ApproachTotal {
  approach: Approach;
  lifecycle: Range3;
  years: YearTotal[];
  useCases: number;
  incomplete: number;
}

export interface MatrixCell {
  recommended: Approach | null;
  chosen: Approach | null;
  count: number;
  /**
   * Of them, those not assessed (no deciding answer: nothing to recommend yet). Only where nothing
   * is recommended; the rest there are assessed, and the frameworks' picks held back.
   */
  notAssessed: number;
}

export interface FlaggedUseCase {
  id: string;
  title: string;
  businessUnit: string;
  recommended: Approach | null;
  chosen: Approach | null;
  riskFlags: { code: RiskFlagCode | string; reason: string }[];
  disagreement: boolean;
  agreement: { votes: number; voters: number };
  /**
   * For a disagreement: the score's agreement in words, as the use case's page says it (a tie and
   * how it was settled, a pick held back for want of evidence); null in scores without it.
   */
  agreementText?: string | null;
  /** For a disagreement: what each framework that voted picked. */
  picks: { framework: string; approach: Approach | null }[];
}

export interface TopUseCase extends Range3 {
  id: string;
  title: string;
  businessUnit: string;
  approach: Approach;
  complete: boolean;
  /** Its lifecycle cost is the owner's manual yearly estimate times the years, not the model's projection. */
  manual: boolean;
}

export interface UseCaseRef {
  id: string;
  title: string;
  businessUnit: string;
  approach: Approach | null;
}

export interface Freshness {
  /**
   * As chosen: use cases whose approach cannot keep their answers within their acceptable lag
   * (it misses the lag even retraining as often as it can, or never sees their knowledge), or
   * cannot serve them at all (it lacks a capability they need: frameworks/capabilities.ts).
   */
  exceedingLag: number;
  /** The worst of them (longest wait first; never caught up first of all), at most five. */
  worstLag: { useCase: UseCaseRef; maxLagDays: number | null; worstDelayDays: number | null; lacksCapability?: Capability | null }[];
  /** Stale days a year summed over the use cases, as chosen (a detail: the count above is the measure). */
  staleDaysPerYear: Range3;
  /** Use cases, as chosen, that are stale some days a year (base). */
  useCasesWithStaleness: number;
  /** Average time to value in weeks, as chosen, over the use cases that have the figure. */
  timeToValueWeeks: Range3 | null;
  /** The longest (high) time to value in the view, weeks. */
  longestTimeToValueWeeks: number | null;
  /** Use cases the averages cover. */
  timeToValueUseCases: number;
  /**
   * Per approach as chosen: its use cases; their stale days a year and time to value, each the
   * average per use case (a sum over use cases would exceed the 365 days a year has) over the use
   * cases that have the figure (`staleUseCases`, `timeToValueUseCases`; one with no projection for
   * the approach, such as an agent with no estimate, is left out, never counted as 0), or null
   * when none has it.
   */
  byApproach: {
    approach: Approach;
    useCases: number;
    staleDaysPerYear: Range3 | null;
    staleUseCases: number;
    timeToValueWeeks: Range3 | null;
    timeToValueUseCases: number;
  }[];
}

export interface Versions {
  assumptionVersions: { version: number | null; useCases: number }[];
  frameworkVersions: { versions: Record<string, string>; weightsVersion: number | null; useCases: number }[];
  /** Use cases never scored (no framework versions). */
  unscored: number;
}

export interface Dashboard {
  /** Use cases in the view (the filter, not deleted, this organization). */
  useCases: number;
  /** Every calendar year any use case in the view has a cost, first to last, without gaps. */
  years: number[];
  /** As chosen, per approach that has a cost. */
  byApproach: ApproachTotal[];
  /** As chosen, all approaches, per year. */
  spend: (YearTotal & { byApproach: Partial<Record<Approach, number>> })[];
  /** Every scenario in every year (flat, as the export's reconciliation reads it). */
  scenarios: ScenarioYear[];
  scenarioSummaries: ScenarioSummary[];
  savings: Saving[];
  matrix: MatrixCell[];
  /**
   * Awaiting a decision, as the decision queue counts it (lib/domain/decisions/queue.ts,
   * awaitsDecision): its "Recommended, no decision" (never a retired use case; a decision sent
   * back counts, whatever an earlier approval left chosen) and "Proposed, awaiting approval".
   */
  awaitingDecision: number;
  flags: { code: RiskFlagCode; useCases: number }[];
  disagreements: number;
  /** Use cases with a risk flag or a disagreement. */
  flaggedTotal: number;
  /** Use cases with at least one risk flag. */
  riskFlagged: number;
  flagged: FlaggedUseCase[];
  disagreeing: FlaggedUseCase[];
  top: TopUseCase[];
  /** As chosen: use cases with no cost rows for their approach (first 50 by title) and how many; the not assessed apart. */
  notCosted: { count: number; examples: UseCaseRef[] };
  /** Use cases by evidence level (lib/domain/frameworks/evidence.ts). */
  evidence: Record<Evidence, number>;
  /** Use cases with no deciding answer: no recommendation, and no cost in any total (never $0). */
  notAssessed: { count: number; examples: UseCaseRef[] };
  /** As chosen: use cases that lack a figure, the figures most often missing, and examples. */
  incomplete: { count: number; missing: { key: string; useCases: number }[]; examples: UseCaseRef[] };
  freshness: Freshness;
  versions: Versions;
  /**
   * As chosen, per calendar year, the part of the spend from use cases with no planned start date
   * (projected, by design, from the year each was logged: lib/server/use-cases/derive.ts): their
   * base amount that year, how many they are, and how many of them are in their first year then.
   * Only years with such a use case; the headline says how much of its year's figure this is.
   */
  undated: UndatedYear[];
  /**
   * As chosen, per calendar year, the first lifecycle year of the use cases in view that start in
   * the second half of it (July or later): each lifecycle year is counted in the calendar year it
   * begins, so such a first year, months of it in the next calendar year, is counted whole here.
   * The headline says how much of its year's figure that is.
   */
  lateStarts: LateStartYear[];
  /**
   * As chosen, the part of the spend from use cases whose recommendation is provisional (some
   * deciding answers missing): over the lifecycle (the total the portfolio shows filtered to them)
   * and per calendar year. The headline says how much of its figures rests on them.
   */
  provisional: ProvisionalSpend;
}

export interface ProvisionalSpend {
  /** Exact cents over the lifecycle: the same amounts the as-chosen lifecycle total sums. */
  base: number;
  /** The provisional use cases with a part in it. */
  useCases: number;
  /** Only years with such a part. */
  years: { calendarYear: number; base: number; useCases: number }[];
}

export interface LateStartYear {
  calendarYear: number;
  /** Exact cents: the same amounts the year's as-chosen spend sums (the first lifecycle year's base). */
  base: number;
  useCases: number;
}

export interface UndatedYear {
  calendarYear: number;
  /** Exact cents: the same amounts the year's as-chosen spend sums. */
  base: number;
  useCases: number;
  /** Of them, those whose first lifecycle year this is (logged in this year). */
  firstYear: number;
}
