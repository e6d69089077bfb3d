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
