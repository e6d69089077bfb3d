import "server-only";
import type { LineSet, YearSet } from "@/lib/domain/costing/line-sets";
import type { DerivedRows } from "../use-cases/derive";

/**
 * The columns of what deriveUseCase stores for one use case (derivedRows: its score columns, its
 * cost lines and yearly totals), as the import's set-based statements name them. The import
 * writes exactly the rows derivedRows gives, the same rows every single save stores;
 * tests/import.test.ts ("stores what deriveUseCase stores") holds them to it, and the types below
 * fail to compile if a column is renamed in derivedRows.
 */
export const DERIVED_USE_CASE_COLUMNS = [
  "recommendedApproach",
  "evidence",
  "agreementVotes",
  "agreementVoters",
  "disagreement",
  "riskFlags",
  "score",
  "scoredAt",
  "projectionSummary",
  "assumptionVersionId",
] as const satisfies readonly (keyof DerivedRows["useCase"])[];
/** A use case's lines as stored, one set per approach (lib/domain/costing/line-sets.ts; table "CostLineSet"). */
export const COST_LINE_SET_COLUMNS = ["organizationId", "useCaseId", "approach", "manual", "category", "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents"] as const satisfies readonly (keyof LineSet<bigint> | "organizationId" | "useCaseId")[];
/** A use case's yearly totals as stored, one set per approach ("CostYearSet"). */
export const COST_YEAR_SET_COLUMNS = ["organizationId", "useCaseId", "approach", "manual", "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents", "complete"] as const satisfies readonly (keyof YearSet<bigint> | "organizationId" | "useCaseId")[];
