import "server-only";
import type { Tx } from "../db";
import { recordUseCaseDecision, type DecisionInput } from "../use-cases/decision";
import type { WriteContext } from "../use-cases/write";
import { supersedeByDirectDecision } from "./supersede";
import { approveDecision } from "./workflow";

/**
 * The Decision tab's "Record decision" (executives and admins). An approach decided anew goes
 * through the workflow as an executive's decision at once (approveDecision): the decision is
 * approved and its budget asked of finance, as every decision's is (PRODUCT.md: "approved by an
 * executive, budget-approved by finance"). Until December 2026 it was recorded beside the workflow
 * and "counted as approved" with no budget: a reviewer recorded Hybrid over a RAG whose budget
 * finance had approved, at $476,900 more, and nothing was asked of finance.
 *
 * A standing decision of another approach is superseded first (its approved budget no longer
 * counts, and whoever took its steps is told: ./supersede.ts). Recorded directly still: clearing
 * the decision, notes alone on the approach that stands, and an edit made on an older version (so
 * it is refused as a conflict, as any edit).
 */
export async function recordDecisionDirectly(tx: Tx, ctx: WriteContext, input: DecisionInput): Promise<{ id: string; version: number; changed: string[] }> {
  // Locked first, so that of decisions sent at once from one version the later ones find it changed
  // and are refused as any stale edit is (recordUseCaseDecision's conflict, with who changed it).
  await tx.$queryRaw`SELECT 1 FROM "UseCase" WHERE id = ${input.id} AND "organizationId" = ${ctx.organizationId} FOR UPDATE`;
  const current = await tx.useCase.findFirst({ where: { id: input.id, organizationId: ctx.organizationId, deletedAt: null }, select: { version: true, chosenApproach: true, decisionNotes: true } });
  if (!current || input.chosenApproach === null || current.version !== input.expectedVersion) return recordUseCaseDecision(tx, ctx, input);
  const d = await tx.useCaseDecision.findFirst({ where: { useCaseId: input.id, organizationId: ctx.organizationId }, select: { state: true, approach: true } });
  const standing = d !== null && (d.state === "APPROVED" || d.state === "BUDGET_APPROVED");
  // The approach that stands (through the workflow, or recorded before it existed): only the notes change.
  if ((standing && d.approach === input.chosenApproach) || (d === null && current.chosenApproach === input.chosenApproach)) return recordUseCaseDecision(tx, ctx, input);
  if (standing) await supersedeByDirectDecision(tx, ctx, { useCaseId: input.id, chosenApproach: input.chosenApproach });
  await approveDecision(tx, ctx, { id: input.id, approach: input.chosenApproach, notes: input.decisionNotes ?? "" });
  const after = await tx.useCase.findFirstOrThrow({ where: { id: input.id, organizationId: ctx.organizationId }, select: { version: true } });
  const changed = [
    ...(current.chosenApproach !== input.chosenApproach ? ["chosenApproach"] : []),
    ...((input.decisionNotes ?? "") !== current.decisionNotes ? ["decisionNotes"] : []),
  ];
  // The same approach and notes approved again (a decision to review): the approval is what changed.
  if (changed.length === 0) changed.push("decision");
  return { id: input.id, version: after.version, changed };
}
