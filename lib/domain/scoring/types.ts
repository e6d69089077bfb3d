/**
 * The shapes of the scoring engine: frameworks written as data, and what scoring returns.
 * Spec: PRODUCT.md, "The five frameworks". Pure: no Next.js, Prisma, React or I/O.
 */
import type { AnswerKey, Approach, Assessment } from "../assessment";
import type { SEED_FILES } from "../assessment-help";

/** A seed document's exact file name (in /work/shared/seeds). */
export type SeedFile = (typeof SEED_FILES)[keyof typeof SEED_FILES];

/** Where a rule comes from: the seed file and a short verbatim quote from it. */
export interface Citation {
  file: SeedFile;
  quote: string;
}

/** The value an answer can hold, per answer. */
export type AnswerValueOf<K extends AnswerKey> = NonNullable<Assessment[K]>;
export type AnswerValue = AnswerValueOf<AnswerKey>;

/** Answers that hold numbers (the only ones numeric comparisons accept). */
export type NumericAnswerKey = {
  [K in AnswerKey]: AnswerValueOf<K> extends number ? K : never;
}[AnswerKey];

/** One answer compared with a value: the leaves of a condition. */
export type Leaf =
  | { [K in AnswerKey]: { answer: K; in: readonly AnswerValueOf<K>[] } }[AnswerKey]
  | { [K in AnswerKey]: { answer: K; eq: AnswerValueOf<K> } }[AnswerKey]
  | { answer: NumericAnswerKey; gte: number }
  | { answer: NumericAnswerKey; gt: number }
  | { answer: NumericAnswerKey; lte: number }
  | { answer: NumericAnswerKey; lt: number };

/**
 * A condition on the assessment, as data so it can be printed. A leaf on an answer that is not
 * given is "unknown"; `all`, `any` and `not` follow three-valued logic (an `all` with one false
 * part is false even if another part is unknown). A rule fires only when its condition is true.
 */
export type Condition =
  | Leaf
  | { all: readonly Condition[] }
  | { any: readonly Condition[] }
  | { not: Condition }
  | { always: true };

/** Additive points a rule gives (or takes from) each approach's fit. */
export type Effects = Partial<Record<Approach, number>>;

export interface Rule {
  /** Unique within its framework, stable across versions (scores refer to it). */
  id: string;
  /** What the rule says, in plain words. */
  description: string;
  when: Condition;
  effects: Effects;
  citation: Citation;
  /** Ordered decision trees: when this rule fires, no later rule is considered. */
  stop?: boolean;
  /**
   * When this rule fires the framework abstains (the case is outside its source's coverage),
   * with this reason. Evaluation stops; an abstaining rule has no effects.
   */
  abstain?: string;
  /** Answers the rule needs; by default the answers its condition names. */
  needs?: readonly AnswerKey[];
}

export interface Framework {
  /** Stable id, e.g. "three-questions"; organization weights are keyed by it. */
  id: string;
  title: string;
  /** The seed file it is drawn from. */
  source: SeedFile;
  /** Bumped whenever rules or points change, so stored scores stay explainable. */
  version: string;
  /** The framework in plain words. */
  summary: string;
  /**
   * Approaches the source discusses. The others get fit 0 and are never recommended by it.
   */
  covers: readonly Approach[];
  /** In order: rules are tried first to last. */
  rules: readonly Rule[];
}

export interface TraceEntry {
  ruleId: string;
  description: string;
  citation: Citation;
  effects: Effects;
}

export interface FrameworkResult {
  frameworkId: string;
  title: string;
  source: SeedFile;
  version: string;
  abstained: boolean;
  abstainReason?: string;
  /** null when abstained. */
  recommendation: Approach | null;
  /** 0..100, integers; 50 is neutral, uncovered approaches are 0. All 0 when abstained. */
  fit: Record<Approach, number>;
  /** Answers its rules needed but were not given, in the assessment's answer order. */
  missing: AnswerKey[];
  /** Every rule that fired, in firing order. */
  trace: TraceEntry[];
}

export type RiskFlagCode =
  | "FT_ON_FAST_CHANGING_KNOWLEDGE"
  | "FT_WITHOUT_ENOUGH_LABELED_DATA"
  | "NO_EVALUATION_SET"
  | "CHOSEN_DIFFERS_FROM_CONSENSUS"
  | "STALENESS_EXCEEDS_ACCEPTABLE_LAG";

export interface RiskFlag {
  code: RiskFlagCode;
  /** One sentence. */
  reason: string;
  citation: Citation;
}

export interface Agreement {
  /** Voting frameworks that picked the consensus. */
  votes: number;
  /** Frameworks that voted: not abstaining, weight above 0. */
  voters: number;
}

export interface SensitivityFlip {
  answer: AnswerKey;
  /** The current value; null when the answer is not given yet. */
  from: AnswerValue | null;
  to: AnswerValue;
  newConsensus: Approach;
  /** How far the change is, in steps (see sensitivity.ts). */
  steps: number;
  sentence: string;
}

export type FrameworkWeights = Record<string, number>;

export interface ScoreOptions {
  chosenApproach?: Approach | null;
  /** Per framework id; missing ids weigh 1, 0 turns a framework off. */
  weights?: FrameworkWeights;
  /** Days a fine-tuned model stays stale after each change (000: two to four weeks). Default 14. */
  retrainLagDays?: number;
}

export interface ScoreResult {
  frameworks: FrameworkResult[];
  consensus: Approach | null;
  agreement: Agreement;
  disagreement: boolean;
  flags: RiskFlag[];
  /** The smallest change to one answer that flips the consensus; null when none does. */
  sensitivity: SensitivityFlip | null;
  /** The flip's sentence, or "No single answer changes it." */
  sensitivitySentence: string;
  frameworkVersions: Record<string, string>;
  /** The weights actually applied, one per framework. */
  weights: FrameworkWeights;
}
