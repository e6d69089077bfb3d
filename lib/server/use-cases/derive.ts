import "server-only";
import type { Tx } from "../db";

/**
 * Everything derived from a use case's fields: the scores of the five frameworks, consensus and
 * risk flags (the denormalised columns on UseCase) and the cost projection (CostLine/CostYear).
 * Called inside the same transaction after every create, update, decision and restore, so what
 * is stored and what is derived from it never disagree.
 */
export async function deriveUseCase(tx: Tx, ref: { organizationId: string; useCaseId: string }): Promise<void> {
  // lead fills in
}
