/** Assessments for property tests of the frameworks (lib/domain/frameworks/*.test.ts). */
import fc from "fast-check";
import { BASELINE_RESULTS, CHANGE_FREQUENCIES, CORE_NEEDS, type Assessment } from "@/lib/domain/assessment";

/** The numeric answers; each test says how widely it draws them. */
type Numbers = Record<"maxLagDays" | "corpusDocuments" | "labeledExamples" | "monthlyCalls" | "weeksToProduction", fc.Arbitrary<number>>;

/** Generated assessments with the numbers drawn as given, some answers missing. */
export function assessmentWith(numbers: Numbers): fc.Arbitrary<Assessment> {
  return fc.record(
    {
      changeFrequency: fc.constantFrom(...CHANGE_FREQUENCIES),
      maxLagDays: numbers.maxLagDays,
      coreNeed: fc.constantFrom(...CORE_NEEDS),
      needsStyleOrFormat: fc.boolean(),
      needsCitations: fc.boolean(),
      fitsContextWindow: fc.boolean(),
      corpusDocuments: numbers.corpusDocuments,
      labeledExamples: numbers.labeledExamples,
      latencySensitive: fc.boolean(),
      monthlyCalls: numbers.monthlyCalls,
      sensitiveDataOutOfTraining: fc.boolean(),
      retrainingBudget: fc.boolean(),
      expertiseDocumented: fc.boolean(),
      needsToolUse: fc.boolean(),
      transformationAtVolume: fc.boolean(),
      learnsFromFeedback: fc.boolean(),
      promptedBaselineMeetsBar: fc.constantFrom(...BASELINE_RESULTS),
      evaluationSetExists: fc.boolean(),
      weeksToProduction: numbers.weeksToProduction,
    },
    { requiredKeys: [] },
  );
}

/** Numbers on either side of the thresholds the rules test, a few values each. */
export const assessmentArb: fc.Arbitrary<Assessment> = assessmentWith({
  maxLagDays: fc.constantFrom(0, 1, 7, 30, 90, 365),
  corpusDocuments: fc.constantFrom(0, 50, 5_000, 2_000_000),
  labeledExamples: fc.constantFrom(0, 100, 1_000, 50_000),
  monthlyCalls: fc.constantFrom(0, 10_000, 5_000_000),
  weeksToProduction: fc.constantFrom(2, 12, 40),
});
