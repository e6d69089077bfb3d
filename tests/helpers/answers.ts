import type { Assessment } from "@/lib/domain/assessment";

/** All seven deciding answers of a clear RAG case: knowledge that changes monthly, retrieval, no training data. */
export const RAG_ANSWERS = {
  changeFrequency: "monthly",
  maxLagDays: 14,
  coreNeed: "retrieval",
  needsStyleOrFormat: false,
  labeledExamples: 0,
  promptedBaselineMeetsBar: "no",
  retrainingBudget: false,
  needsCitations: true,
  corpusDocuments: 4_000,
  monthlyCalls: 20_000,
} as const;

/** Every answer given, for a case the frameworks send to fine-tuning (002's high-volume, latency-constrained classification). */
export const FINE_TUNING_CASE: Assessment = {
  changeFrequency: "quarterly", maxLagDays: 60, coreNeed: "reasoning", needsStyleOrFormat: true, needsCitations: false, fitsContextWindow: true,
  corpusDocuments: 0, labeledExamples: 3000, latencySensitive: true, monthlyCalls: 2_000_000, yearlyGrowthPct: 10, sensitiveDataOutOfTraining: false,
  retrainingBudget: true, expertiseDocumented: false, needsToolUse: false, transformationAtVolume: false, learnsFromFeedback: false,
  promptedBaselineMeetsBar: "no", evaluationSetExists: true, weeksToProduction: 10,
};
