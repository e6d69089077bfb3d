/**
 * The vocabulary of the decision frameworks: each framework is data (named rules with conditions
 * on assessment answers, effects on each approach's fit, and a citation of the seed sentence it
 * comes from); one evaluator runs any of them.
 */
import type { AnswerKey, Approach } from "../assessment";

export type AnswerValue = string | number | boolean;

/** A condition on the answers. Unknown (an answer it needs is missing) is neither true nor false. */
export type Condition =
  | { always: true }
  | { answer: AnswerKey; in: readonly AnswerValue[] }
  | { answer: AnswerKey; gte: number }
  | { answer: AnswerKey; lt: number }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] }
  | { not: Condition };

export interface Citation {
  /** A file in ../shared/seeds. */
  file: string;
  /** A short quote or paraphrase of the sentence the rule comes from. */
  quote: string;
}

export interface Rule {
  id: string;
  /** What the rule says, in plain words. */
  text: string;
  when: Condition;
  effects: Partial<Record<Approach, number>>;
  cite: Citation;
  /** Ordered decision trees end at this rule when it fires. */
  stop?: boolean;
}

export interface Abstention {
  when: Condition;
  reason: string;
  /** The reason in a few words, for agreement sentences ("tool use is outside its source"). */
  short: string;
}

export interface Framework {
  id: string;
  title: string;
  source: string;
  version: string;
  /** The framework in plain words, for the Frameworks page. */
  summary: string;
  /** The approaches this framework can recommend. */
  scope: readonly Approach[];
  /** Cases outside what the source covers. */
  abstain: readonly Abstention[];
  rules: readonly Rule[];
}

export interface TraceEntry {
  ruleId: string;
  text: string;
  cite: Citation;
  effects: Partial<Record<Approach, number>>;
}

export interface FrameworkResult {
  frameworkId: string;
  title: string;
  source: string;
  version: string;
  abstained: boolean;
  abstainReason?: string;
  abstainShort?: string;
  recommendation: Approach | null;
  fit: Record<Approach, number>;
  missing: AnswerKey[];
  trace: TraceEntry[];
  /** None of its own questions (those its rules read) is answered (since judgement 2.12; absent: some is). */
  unanswered?: boolean;
}
