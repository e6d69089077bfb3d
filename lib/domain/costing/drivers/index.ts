/**
 * The cost drivers, found by name (STYLE.md, "Growing the engine"), and the table that says
 * which driver prices which category of which approach. The three scenarios (project.ts) and
 * the Monte Carlo trials (simulate.ts) both run exactly these, so they can never disagree.
 */
import type { CostCategory } from "../categories";
import type { Driver } from "./context";
import { evaluation, evaluationSet, ftBuild, ftUpkeep, indexUpkeep, promptUpkeep, ragBuild } from "./engineering";
import { ftInference, hybridInference, baseInference, ragInference } from "./inference";
import { corpusEmbedding, retrievalInfra } from "./retrieval";
import { dataCuration, ftHosting, retraining, trainingCompute } from "./training";

export * from "./context";
export { cyclesFor } from "./training";
export { volumeKinks } from "./inference";

export const PROJECTED = ["RAG", "FINE_TUNING", "HYBRID", "PROMPTING"] as const;
export type Projected = (typeof PROJECTED)[number];

export const FORMULAS: Record<Projected, Partial<Record<CostCategory, Driver>>> = {
  PROMPTING: { EVALUATION_SET: evaluationSet, INFERENCE: baseInference, MAINTENANCE: promptUpkeep, EVALUATION: evaluation },
  RAG: { BUILD_ENGINEERING: ragBuild, EVALUATION_SET: evaluationSet, CORPUS_EMBEDDING: corpusEmbedding, INFERENCE: ragInference, RETRIEVAL_INFRA: retrievalInfra, MAINTENANCE: indexUpkeep, EVALUATION: evaluation },
  FINE_TUNING: {
    BUILD_ENGINEERING: ftBuild, DATA_CURATION: dataCuration, TRAINING_COMPUTE: trainingCompute, EVALUATION_SET: evaluationSet, INFERENCE: ftInference,
    RETRAINING: retraining, FT_HOSTING: ftHosting, MAINTENANCE: ftUpkeep, EVALUATION: evaluation,
  },
  HYBRID: {
    BUILD_ENGINEERING: (ctx) => ragBuild(ctx) + ftBuild(ctx), DATA_CURATION: dataCuration, TRAINING_COMPUTE: trainingCompute,
    EVALUATION_SET: evaluationSet, CORPUS_EMBEDDING: corpusEmbedding, INFERENCE: hybridInference, RETRIEVAL_INFRA: retrievalInfra, RETRAINING: retraining, FT_HOSTING: ftHosting, MAINTENANCE: (ctx) => indexUpkeep(ctx) + ftUpkeep(ctx),
    EVALUATION: evaluation,
  },
};

/**
 * Categories priced once, in the first year only: not a line in later years. Engine 2.14 added the
 * evaluation set's building and the corpus's first embedding, which 2.13 counted inside lines that
 * run every year (evaluation, retrieval infrastructure), so the run rate beside "to build" held them.
 */
export const ONE_TIME: ReadonlySet<CostCategory> = new Set(["BUILD_ENGINEERING", "DATA_CURATION", "TRAINING_COMPUTE", "EVALUATION_SET", "CORPUS_EMBEDDING"]);

/** One-off categories that are not a line at all where they cost nothing (an evaluation set the use case has, no corpus to embed). */
export const ONE_TIME_IF_ANY: ReadonlySet<CostCategory> = new Set(["EVALUATION_SET", "CORPUS_EMBEDDING"]);
