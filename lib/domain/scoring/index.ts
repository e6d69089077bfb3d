/**
 * The scoring engine: five frameworks (one per seed) written as data, one evaluator, a weighted
 * consensus, risk flags and what would change the answer. Spec: PRODUCT.md, "The five frameworks".
 * Pure: no Next.js, Prisma, React or I/O.
 */
import type { Assessment } from "../assessment";
import { createEngine } from "./engine";
import { FRAMEWORKS } from "./frameworks";
import type { ScoreOptions, ScoreResult } from "./types";

export * from "./types";
export { FRAMEWORKS, getFramework, MIN_LABELED_EXAMPLES, type FrameworkId } from "./frameworks";
export { renderCondition, conditionAnswers } from "./condition";
export { evaluateFramework } from "./evaluate";
export { computeConsensus, effectiveWeights } from "./consensus";
export { computeFlags, DEFAULT_RETRAIN_LAG_DAYS } from "./flags";
export { NO_FLIP_SENTENCE } from "./sensitivity";
export { cleanAssessment } from "./answers";
export { createEngine, type ScoringEngine } from "./engine";

const engine = createEngine(FRAMEWORKS);

/**
 * Scores one use case with the five frameworks. Total: any partial, empty or badly formed
 * assessment scores without throwing (bad values count as not given).
 */
export function scoreUseCase(assessment: Assessment, options?: ScoreOptions | null): ScoreResult {
  return engine.score(assessment, options);
}
