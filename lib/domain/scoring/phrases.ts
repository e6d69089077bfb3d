/**
 * Answers as clauses of a sentence, for "what would change the answer":
 * "If <clause>, the consensus would be <approach>."
 */
import type { AnswerKey } from "../assessment";
import { formatAnswerValue } from "./answers";
import type { AnswerValue } from "./types";

const FREQUENCY_WORDS: Record<string, string> = {
  realtime: "in real time",
  daily: "daily",
  weekly: "weekly",
  monthly: "monthly",
  quarterly: "quarterly",
  annually: "annually",
  static: "never",
};

/** [clause when true, clause when false] */
const BOOLEAN_CLAUSES: Partial<Record<AnswerKey, readonly [string, string]>> = {
  needsStyleOrFormat: ["the output had to follow a format, style or voice", "the output did not have to follow a format, style or voice"],
  needsCitations: ["answers had to cite sources", "answers did not have to cite sources"],
  fitsContextWindow: ["the needed context fit in a context window", "the needed context did not fit in a context window"],
  latencySensitive: ["it were latency-sensitive or high-volume", "it were not latency-sensitive or high-volume"],
  sensitiveDataOutOfTraining: ["sensitive data had to stay out of training", "sensitive data did not have to stay out of training"],
  retrainingBudget: ["there were budget and ML engineers for retraining", "there were no budget or ML engineers for retraining"],
  expertiseDocumented: ["the domain expertise could be documented and retrieved", "the domain expertise could not be documented and retrieved"],
  needsToolUse: ["it needed tool use", "it did not need tool use"],
  transformationAtVolume: ["it transformed documents at volume", "it did not transform documents at volume"],
  learnsFromFeedback: ["it had to learn from user interactions continuously", "it did not have to learn from user interactions continuously"],
  evaluationSetExists: ["an evaluation set existed", "no evaluation set existed"],
};

const NUMBER_CLAUSES: Partial<Record<AnswerKey, (n: string) => string>> = {
  maxLagDays: (n) => `the acceptable lag were ${n} days`,
  corpusDocuments: (n) => `the corpus held ${n} documents`,
  labeledExamples: (n) => `there were ${n} curated, labeled examples`,
  latencyBudgetMs: (n) => `the latency budget were ${n} ms`,
  monthlyCalls: (n) => `there were ${n} LLM calls a month`,
  yearlyGrowthPct: (n) => `calls grew ${n}% a year`,
  weeksToProduction: (n) => `it had to be in production in ${n} weeks`,
};

const BASELINE_CLAUSES: Record<string, string> = {
  yes: "a prompted base model already met the bar",
  no: "a prompted base model fell short of the bar",
  untested: "a prompted base model had not been tested",
};

/**
 * The clause for changing `key` from `from` (null: not answered yet) to `to`, e.g.
 * "the knowledge changed quarterly instead of weekly".
 */
export function changeClause(key: AnswerKey, from: AnswerValue | null, to: AnswerValue): string {
  const unanswered = from === null ? " (not answered yet)" : "";
  if (key === "changeFrequency") {
    const t = FREQUENCY_WORDS[String(to)] ?? String(to);
    if (from === null) return to === "static" ? `the knowledge never changed${unanswered}` : `the knowledge changed ${t}${unanswered}`;
    const f = FREQUENCY_WORDS[String(from)] ?? String(from);
    if (to === "static") return `the knowledge never changed instead of changing ${f}`;
    return `the knowledge changed ${t} instead of ${f}`;
  }
  if (key === "coreNeed") {
    const base = `the core need were ${formatAnswerValue(to)}`;
    return from === null ? base + unanswered : `${base} instead of ${formatAnswerValue(from)}`;
  }
  if (key === "promptedBaselineMeetsBar") return (BASELINE_CLAUSES[String(to)] ?? String(to)) + unanswered;
  if (typeof to === "boolean") {
    const pair = BOOLEAN_CLAUSES[key];
    const clause = pair ? pair[to ? 0 : 1] : `${key} were ${formatAnswerValue(to)}`;
    return clause + unanswered;
  }
  const render = NUMBER_CLAUSES[key] ?? ((n: string) => `${key} were ${n}`);
  const clause = render(formatAnswerValue(to));
  return from === null ? clause + unanswered : `${clause} instead of ${formatAnswerValue(from)}`;
}
