/**
 * What kind of value each answer holds, and the one clean-up scoring does on its input: a value of
 * the wrong kind (from an old or hand-edited record) counts as not given, so scoring never throws.
 */
import {
  ANSWER_KEYS,
  BASELINE_RESULTS,
  CHANGE_FREQUENCIES,
  CORE_NEEDS,
  type AnswerKey,
  type Assessment,
} from "../assessment";
import type { AnswerValue } from "./types";

export type AnswerKind =
  | { kind: "enum"; values: readonly string[]; ordered: boolean }
  | { kind: "boolean" }
  | { kind: "number" };

const bool: AnswerKind = { kind: "boolean" };
const num: AnswerKind = { kind: "number" };

/** One entry per answer. `ordered`: the values form a scale (distance matters in sensitivity). */
export const ANSWER_KINDS: Record<AnswerKey, AnswerKind> = {
  changeFrequency: { kind: "enum", values: CHANGE_FREQUENCIES, ordered: true },
  maxLagDays: num,
  coreNeed: { kind: "enum", values: CORE_NEEDS, ordered: false },
  needsStyleOrFormat: bool,
  needsCitations: bool,
  fitsContextWindow: bool,
  corpusDocuments: num,
  labeledExamples: num,
  latencySensitive: bool,
  latencyBudgetMs: num,
  monthlyCalls: num,
  yearlyGrowthPct: num,
  sensitiveDataOutOfTraining: bool,
  retrainingBudget: bool,
  expertiseDocumented: bool,
  needsToolUse: bool,
  transformationAtVolume: bool,
  learnsFromFeedback: bool,
  promptedBaselineMeetsBar: { kind: "enum", values: BASELINE_RESULTS, ordered: false },
  evaluationSetExists: bool,
  weeksToProduction: num,
};

/** True when `v` is a value of the answer's kind. */
export function isValidAnswer(key: AnswerKey, v: unknown): v is AnswerValue {
  const k = ANSWER_KINDS[key];
  if (k.kind === "boolean") return typeof v === "boolean";
  if (k.kind === "number") return typeof v === "number" && Number.isFinite(v);
  return typeof v === "string" && k.values.includes(v);
}

/**
 * The assessment with only well-formed answers. Accepts anything (null, arrays, strings): what
 * is not an object gives {}; unknown keys are dropped.
 */
export function cleanAssessment(input: unknown): Assessment {
  const out: Record<string, AnswerValue> = {};
  if (input === null || typeof input !== "object" || Array.isArray(input)) return out;
  const src = input as Record<string, unknown>;
  for (const key of ANSWER_KEYS) {
    const v = src[key];
    if (isValidAnswer(key, v)) out[key] = v;
  }
  return out as Assessment;
}

const ENUM_WORDS: Record<string, string> = {
  realtime: "real time",
  static: "never (static)",
  retrieval: "current information retrieval",
  reasoning: "specialized reasoning",
  both: "both retrieval and reasoning",
  neither: "neither",
  untested: "not tested",
};

/** An answer's value in plain words: yes/no, numbers with thousands separators, enum words. */
export function formatAnswerValue(v: AnswerValue): string {
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "number") return v.toLocaleString("en-US");
  return ENUM_WORDS[v] ?? v;
}
