/**
 * Figures shared by the projection's tests (project.test.ts, project-models.test.ts). Not a test
 * file and imported by no app code; kept out of mutation testing and of lib/domain/loads.test.ts.
 */
import { DEFAULT_ASSUMPTIONS, type AssumptionSet, type Range } from "./assumptions";

/** The same figure at low, base and high. */
export const fixed = (v: number): Range => ({ low: v, base: v, high: v });

/** Figures every projection needs, set so that nothing is missing. */
export const COMPLETE: AssumptionSet = {
  ...DEFAULT_ASSUMPTIONS,
  values: { ...DEFAULT_ASSUMPTIONS.values, modelInputPricePerMTokens: { low: 2, base: 5, high: 10 }, modelOutputPricePerMTokens: { low: 2, base: 5, high: 10 }, inputTokensPerCall: fixed(1500), outputTokensPerCall: fixed(0), maintenanceHoursPerWeek: { low: 2, base: 4, high: 8 } },
};
