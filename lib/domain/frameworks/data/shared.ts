/** Conditions several frameworks share. */
import type { Abstention, Condition } from "../types";

export const FAST_CHANGE: Condition = { answer: "changeFrequency", in: ["realtime", "daily", "weekly"] };
export const FREQUENT_CHANGE: Condition = { answer: "changeFrequency", in: ["realtime", "daily", "weekly", "monthly"] };
export const STABLE: Condition = { answer: "changeFrequency", in: ["quarterly", "annually", "static"] };
export const STYLE: Condition = { answer: "needsStyleOrFormat", in: [true] };
export const NO_STYLE: Condition = { answer: "needsStyleOrFormat", in: [false] };
export const TOOLS: Condition = { answer: "needsToolUse", in: [true] };
export const TRANSFORM: Condition = { answer: "transformationAtVolume", in: [true] };
export const FEEDBACK: Condition = { answer: "learnsFromFeedback", in: [true] };
/** Outside what the RAG-versus-fine-tuning sources cover (002 names these as "neither"). */
export const NEITHER_ARCHITECTURE: Condition = { any: [TOOLS, TRANSFORM, FEEDBACK] };
/** "Hundreds of examples" (001) — the least labeled data that makes fine-tuning viable. */
export const ENOUGH_LABELS = 200;
/** 001's words that ENOUGH_LABELS reads, as its decision tree cites them (./decision-tree.ts) and the cost panel quotes them. */
export const ENOUGH_LABELS_QUOTE = "Do you have labeled training data (hundreds of examples)? Yes → Fine-tuning is viable";

/**
 * A RAG-versus-fine-tuning source abstains where the case needs an agent, a pipeline or feedback
 * learning (002's "neither" architectures), one entry for each, so the agreement sentence can say which.
 */
export function outsideItsSource(questions: string): Abstention[] {
  return [
    { when: TOOLS, reason: `Tool use (computation, code, queries, APIs) is outside ${questions}.`, short: "tool use is outside their source" },
    { when: TRANSFORM, reason: `Document transformation at volume is outside ${questions}.`, short: "document transformation at volume is outside their source" },
    { when: FEEDBACK, reason: `Continuous learning from user feedback is outside ${questions}.`, short: "learning from feedback is outside their source" },
  ];
}
