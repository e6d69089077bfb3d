import "server-only";
import type { Db, Tx } from "../db";

/**
 * Rebuilds the portfolio rollup rows (UseCaseRollup) of some use cases from what is stored for
 * them: the UseCase row, its CostYear rows, its summary and score. One statement, whatever the
 * number of use cases; the SQL is the function "UseCaseRollup_refresh" (migration
 * 20261123110000_portfolio_perf), so it has one definition.
 *
 * Run in the same transaction as every write of a use case or its cost rows: by the soft delete
 * and the import's bulk writer through this function, and by every derivation (save, decision,
 * restore, override, re-projection, re-scoring) inside "UseCase_storeDerived" (writeDerived in
 * lib/server/use-cases/derive.ts). tests/portfolio.test.ts checks the rollup against a fresh
 * rebuild after each of them.
 */
export async function refreshRollups(client: Tx | Db, organizationId: string, useCaseIds: readonly string[]): Promise<void> {
  if (useCaseIds.length === 0) return;
  await client.$queryRawUnsafe(`SELECT "UseCaseRollup_refresh"($1, $2::text[])`, organizationId, useCaseIds);
}
