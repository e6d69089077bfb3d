import "server-only";
import type { Derived, DeriveContext } from "../use-cases/derive";
import { derivedRows } from "../use-cases/derive";

/**
 * What deriveUseCase stores for one use case (its score columns, its cost lines and yearly
 * totals), as records, so the import can write thousands of them in a few set-based statements
 * instead of a few round trips each. The records are the registry's own (derivedRows, which
 * writeDerived writes for every single save), so the import stores exactly what every other save
 * stores; tests/import.test.ts ("stores what deriveUseCase stores") holds them to it.
 */

export const DERIVED_USE_CASE_COLUMNS = [
  "recommendedApproach",
  "agreementVotes",
  "agreementVoters",
  "disagreement",
  "riskFlags",
  "score",
  "scoredAt",
  "projectionSummary",
  "assumptionVersionId",
] as const;
export const COST_LINE_COLUMNS = ["organizationId", "useCaseId", "approach", "yearIndex", "calendarYear", "category", "lowCents", "baseCents", "highCents", "manual"] as const;
export const COST_YEAR_COLUMNS = ["organizationId", "useCaseId", "approach", "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents", "complete", "manual"] as const;

export interface DerivedRecords {
  useCase: Record<(typeof DERIVED_USE_CASE_COLUMNS)[number], unknown>;
  costLines: Record<(typeof COST_LINE_COLUMNS)[number], unknown>[];
  costYears: Record<(typeof COST_YEAR_COLUMNS)[number], unknown>[];
}

export async function derivedRecords(organizationId: string, useCaseId: string, derived: Derived, ctx: DeriveContext): Promise<DerivedRecords> {
  const rows = derivedRows(organizationId, useCaseId, derived, ctx);
  return { useCase: rows.useCase, costLines: rows.costLines, costYears: rows.costYears };
}
