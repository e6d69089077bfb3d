/** Assessments for property tests of the frameworks (lib/domain/frameworks/*.test.ts). */
import fc from "fast-check";
import { BASELINE_RESULTS, CHANGE_FREQUENCIES, CORE_NEEDS, type Assessment } from "@/lib/domain/assessment";

/** Generated assessments, some answers missing; the seed keeps the sample the same on every run. */
export const assessmentArb: fc.Arbitrary<Assessment> = fc.record(
  {
    changeFrequency: fc.constantFrom(...CHANGE_FREQUENCIES),
    maxLagDays: fc.constantFrom(0, 1, 7, 30, 90, 365),
    coreNeed: fc.constantFrom(...CORE_NEEDS),
    needsStyleOrFormat: fc.boolean(),
    needsCitations: fc.boolean(),
    fitsContextWindow: fc.boolean(),
    corpusDocuments: fc.constantFrom(0, 50, 5_000, 2_000_000),
    labeledExamples: fc.constantFrom(0, 100, 1_000, 50_000),
    latencySensitive: fc.boolean(),
    monthlyCalls: fc.constantFrom(0, 10_000, 5_000_000),
    sensitiveDataOutOfTraining: fc.boolean(),
    retrainingBudget: fc.boolean(),
    expertiseDocumented: fc.boolean(),
    needsToolUse: fc.boolean(),
    transformationAtVolume: fc.boolean(),
    learnsFromFeedback: fc.boolean(),
    promptedBaselineMeetsBar: fc.constantFrom(...BASELINE_RESULTS),
    evaluationSetExists: fc.boolean(),
    weeksToProduction: fc.constantFrom(2, 12, 40),
  },
  { requiredKeys: [] },
);
