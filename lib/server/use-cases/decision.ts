import "server-only";
import { decisionSchema, type Decision } from "@/lib/domain/use-case";
import { diffFields } from "@/lib/domain/use-case-changes";
import { canRecordDecision } from "@/lib/domain/use-case-permissions";
import { parseOrThrow } from "../parse";
import { audit } from "../audit";
import type { Tx } from "../db";
import { ForbiddenError } from "../errors";
import { supersedeByDirectDecision } from "../decisions/supersede";
import { watchWarnings } from "../actuals/warnings";
import { actorOf, conflictFor, loadLive, updateVersioned, USE_CASE_AUDIT, USE_CASE_ENTITY, type WriteContext } from "./write";

/** Recording a use case's decision (the approach chosen and its notes); the fields' write path is ./write.ts. */

export interface DecisionInput {
  id: string;
  expectedVersion: number;
  chosenApproach: Decision["chosenApproach"];
  decisionNotes?: string;
}

/**
 * Records the decision (executives and admins), version-checked like any edit. Recorded directly
 * (the Decision tab's form), another approach than the workflow's standing decision supersedes it
 * (lib/server/decisions/supersede.ts); the workflow's own approval passes `viaWorkflow`.
 */
export async function recordUseCaseDecision(tx: Tx, ctx: WriteContext, input: DecisionInput, options: { viaWorkflow?: boolean } = {}): Promise<{ id: string; version: number; changed: string[] }> {
  if (!canRecordDecision(actorOf(ctx))) throw new ForbiddenError("Only executives and admins record the decision.");
  const decision = parseOrThrow(decisionSchema, { chosenApproach: input.chosenApproach, decisionNotes: input.decisionNotes });
  const existing = await loadLive(tx, ctx.organizationId, input.id);
  if (existing.version !== input.expectedVersion) throw await conflictFor(tx, ctx.organizationId, existing.id);
  const changes = diffFields(
    { chosenApproach: existing.chosenApproach, decisionNotes: existing.decisionNotes },
    { chosenApproach: decision.chosenApproach, decisionNotes: decision.decisionNotes },
  );
  if (changes.changed.length === 0) return { id: existing.id, version: existing.version, changed: [] };
  // The approach decided sets the projection compared and the approved budget.
  const warnings = await watchWarnings(tx, ctx.organizationId, [existing.id]);
  await updateVersioned(tx, ctx.organizationId, existing.id, input.expectedVersion, { chosenApproach: decision.chosenApproach, decisionNotes: decision.decisionNotes });
  await audit(tx, {
    organizationId: ctx.organizationId,
    actorId: ctx.actorId,
    action: USE_CASE_AUDIT.decided,
    entity: USE_CASE_ENTITY,
    entityId: existing.id,
    before: changes.before,
    after: changes.after,
  });
  if (!options.viaWorkflow && changes.changed.includes("chosenApproach")) await supersedeByDirectDecision(tx, ctx, { useCaseId: existing.id, chosenApproach: decision.chosenApproach });
  await warnings.close(ctx.actorId);
  return { id: existing.id, version: input.expectedVersion + 1, changed: changes.changed };
}
