/** The cost categories of a projection (PRODUCT.md, "The cost model"). */
export const COST_CATEGORIES = [
  "BUILD_ENGINEERING",
  "DATA_CURATION",
  "TRAINING_COMPUTE",
  "INFERENCE",
  "RETRIEVAL_INFRA",
  "RETRAINING",
  "FT_HOSTING",
  "MAINTENANCE",
  "EVALUATION",
  // One-off parts of retrieval infrastructure and evaluation, year 1 only, lines of their own
  // (engine 2.14) so that the one-off rule (one-off.ts) counts them as "to build".
  "CORPUS_EMBEDDING",
  "EVALUATION_SET",
  "MANUAL_ESTIMATE",
] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

export const COST_CATEGORY_LABELS: Record<CostCategory, string> = {
  BUILD_ENGINEERING: "Build engineering",
  DATA_CURATION: "Data curation",
  TRAINING_COMPUTE: "Training compute",
  INFERENCE: "Inference",
  RETRIEVAL_INFRA: "Retrieval infrastructure",
  RETRAINING: "Retraining",
  FT_HOSTING: "Fine-tuned model hosting",
  MAINTENANCE: "Maintenance engineering",
  EVALUATION: "Evaluation",
  CORPUS_EMBEDDING: "Retrieval infrastructure: first embedding of the corpus",
  EVALUATION_SET: "Evaluation: building the set",
  MANUAL_ESTIMATE: "Manual estimate",
};
