/**
 * The assessment: every answer a project lead can give about a use case.
 * Spec: PRODUCT.md, "The use case and its assessment". Every answer is optional
 * while drafting; the frameworks and the cost engine say what is missing.
 *
 * Pure: no Next.js, Prisma or I/O. One zod schema serves the form (hints) and
 * the server (the real check).
 */
import { z } from "./zod";

export const CHANGE_FREQUENCIES = [
  "realtime",
  "daily",
  "weekly",
  "monthly",
  "quarterly",
  "annually",
  "static",
] as const;
export type ChangeFrequency = (typeof CHANGE_FREQUENCIES)[number];

/**
 * How often knowledge changes, as a sentence says it after "changes" or "changed": "in real time",
 * "daily", "weekly", …, "annually"; static knowledge "never" changes (the caller words that case).
 */
export function changesHow(f: ChangeFrequency): string {
  return f === "realtime" ? "in real time" : f === "static" ? "never" : f;
}

/** Knowledge changes per year, for each change frequency (static: never). */
export const CHANGES_PER_YEAR: Record<ChangeFrequency, number> = {
  realtime: 365 * 24,
  daily: 365,
  weekly: 52,
  monthly: 12,
  quarterly: 4,
  annually: 1,
  static: 0,
};

export const CORE_NEEDS = ["retrieval", "reasoning", "both", "neither"] as const;
export type CoreNeed = (typeof CORE_NEEDS)[number];

export const BASELINE_RESULTS = ["yes", "no", "untested"] as const;
export type BaselineResult = (typeof BASELINE_RESULTS)[number];

export const APPROACHES = [
  "RAG",
  "FINE_TUNING",
  "HYBRID",
  "PROMPTING",
  "AGENT",
  "PIPELINE",
  "FEEDBACK_LEARNING",
] as const;
export type Approach = (typeof APPROACHES)[number];

export const APPROACH_LABELS: Record<Approach, string> = {
  RAG: "RAG",
  FINE_TUNING: "Fine-tuning",
  HYBRID: "Hybrid",
  PROMPTING: "Prompting only",
  AGENT: "Agent with tools",
  PIPELINE: "Structured pipeline",
  FEEDBACK_LEARNING: "Feedback learning",
};

/** Approaches whose costs the engine projects; the rest take a manual estimate. */
export const PROJECTED_APPROACHES = ["RAG", "FINE_TUNING", "HYBRID", "PROMPTING"] as const;
export type ProjectedApproach = (typeof PROJECTED_APPROACHES)[number];
export const MANUAL_ESTIMATE_APPROACHES = ["AGENT", "PIPELINE", "FEEDBACK_LEARNING"] as const;

const yesNo = z.boolean();
const count = (max: number) => z.number().int("Must be a whole number").min(0, "Cannot be negative").max(max, `At most ${max.toLocaleString("en-US")}`);

/**
 * The answers. Field names match ../shared/acceptance/vignettes.json one-to-one.
 * Strict: unknown keys are refused, not stored.
 */
export const assessmentSchema = z
  .object({
    changeFrequency: z.enum(CHANGE_FREQUENCIES),
    maxLagDays: count(3650),
    coreNeed: z.enum(CORE_NEEDS),
    needsStyleOrFormat: yesNo,
    needsCitations: yesNo,
    fitsContextWindow: yesNo,
    corpusDocuments: count(1_000_000_000),
    labeledExamples: count(100_000_000),
    latencySensitive: yesNo,
    latencyBudgetMs: count(600_000),
    monthlyCalls: count(10_000_000_000),
    yearlyGrowthPct: z.number().min(-90, "At least -90%").max(1000, "At most 1000%"),
    sensitiveDataOutOfTraining: yesNo,
    retrainingBudget: yesNo,
    expertiseDocumented: yesNo,
    needsToolUse: yesNo,
    transformationAtVolume: yesNo,
    learnsFromFeedback: yesNo,
    promptedBaselineMeetsBar: z.enum(BASELINE_RESULTS),
    evaluationSetExists: yesNo,
    weeksToProduction: count(520),
  })
  .partial()
  .strict();

export type Assessment = z.infer<typeof assessmentSchema>;
export type AnswerKey = keyof Assessment;
export const ANSWER_KEYS = Object.keys(assessmentSchema.shape) as AnswerKey[];

/** Human labels for each answer, used in traces, "missing" lists and sensitivity sentences. */
export const ANSWER_LABELS: Record<AnswerKey, string> = {
  changeFrequency: "How often the underlying knowledge changes",
  maxLagDays: "Longest acceptable lag (days)",
  coreNeed: "Core need",
  needsStyleOrFormat: "Output must follow a format, style or voice",
  needsCitations: "Answers must cite sources",
  fitsContextWindow: "Needed context fits a context window",
  corpusDocuments: "Corpus size (documents)",
  labeledExamples: "Curated, labeled training examples",
  latencySensitive: "Latency-sensitive or high-volume",
  latencyBudgetMs: "Latency budget (ms)",
  monthlyCalls: "Monthly LLM calls now",
  yearlyGrowthPct: "Yearly growth in calls (%)",
  sensitiveDataOutOfTraining: "Sensitive data must stay out of training",
  retrainingBudget: "Budget and ML engineers for ongoing retraining",
  expertiseDocumented: "Domain expertise can be documented and retrieved",
  needsToolUse: "Needs tool use (computation, code, queries, APIs)",
  transformationAtVolume: "Document transformation at volume",
  learnsFromFeedback: "Must learn from user interactions continuously",
  promptedBaselineMeetsBar: "A prompted base model already meets the bar",
  evaluationSetExists: "An evaluation set exists",
  weeksToProduction: "Weeks until it must be in production",
};

/**
 * Whether a question applies to the use case: every one does, except the acceptable lag where the
 * knowledge never changes (000 asks it of "business changes": static knowledge has none to lag
 * behind, and nothing is retrained for it). Since judgement 2.11 such a case is not asked for the
 * lag, nor held provisional without it (frameworks/evidence.ts); an answer given is kept as given.
 */
export function answerApplies(a: Assessment, k: AnswerKey): boolean {
  return !(k === "maxLagDays" && a.changeFrequency === "static");
}

/**
 * The answers as the frameworks read them: one that does not apply (answerApplies) is left out, as
 * if unanswered. Kept as given in the store, but never read: a lag of 1 day on knowledge that never
 * changes fired "Less than a week of lag is acceptable: RAG is mandatory" over an empty corpus, and
 * turned a prompting case (a prompted base model met the bar) to RAG (judgement 2.14).
 */
export function applicableAnswers(a: Assessment): Assessment {
  if (a.maxLagDays === undefined || answerApplies(a, "maxLagDays")) return a;
  const { maxLagDays: _ignored, ...rest } = a;
  return rest;
}

/** What the page says in place of "Unanswered" for a question that does not apply. */
export const DOES_NOT_APPLY = "Does not apply: the knowledge never changes";

/** Answers that are not given, of those that apply (answerApplies). */
export function missingAnswers(a: Assessment, keys: readonly AnswerKey[] = ANSWER_KEYS): AnswerKey[] {
  return keys.filter((k) => (a[k] === undefined || a[k] === null) && answerApplies(a, k));
}
