import "server-only";
import { canDeleteUseCase, canRestoreUseCase } from "@/lib/domain/use-case-permissions";
import { audit } from "../audit";
import type { Tx } from "../db";
import { ForbiddenError, NotFoundError } from "../errors";
import { resolveRequests } from "../notifications";
import { refreshRollups } from "../portfolio/rollup";
import { beginReattribution } from "../actuals/reattribute";
import { watchWarnings } from "../actuals/warnings";
import { deriveUseCase } from "./derive";
import { EDITABLE_SELECT } from "./mapping";
import { actorOf, loadLive, USE_CASE_AUDIT, USE_CASE_ENTITY, type WriteContext } from "./write";

/** Moving a use case to the trash and back; the fields' write path is ./write.ts. */

/**
 * Moves a use case to the trash (sets deletedAt). Leads their own; executives and admins any.
 * Whatever its open requests asked (an approval, a budget) no longer awaits anyone: they are
 * resolved in this transaction, saying who moved it to the trash. Restoring it does not reopen
 * them: the restore asks nobody anything, and the decisions queue shows what awaits a step.
 */
export async function softDeleteUseCase(tx: Tx, ctx: WriteContext, input: { id: string }): Promise<{ id: string; version: number }> {
  const existing = await loadLive(tx, ctx.organizationId, input.id);
  if (!canDeleteUseCase(actorOf(ctx), existing)) throw new ForbiddenError("Leads can delete only the use cases they own.");
  const deletedAt = new Date();
  // Its actual spend (tagged, or given by rules) goes back to the unattributed while it is in the trash.
  const reattribution = await beginReattribution(tx, ctx.organizationId, { useCaseIds: [existing.id], externalIds: [] });
  // Its tagged spend can fall to another use case's rules.
  const warnings = await watchWarnings(tx, ctx.organizationId, reattribution.touches === "all" ? "all" : reattribution.touches.filter((id) => id !== existing.id));
  const { count } = await tx.useCase.updateMany({
    where: { id: existing.id, organizationId: ctx.organizationId, deletedAt: null },
    data: { deletedAt, version: { increment: 1 } },
  });
  if (count === 0) throw new NotFoundError("This use case was deleted already.");
  await reattribution.finish();
  await refreshRollups(tx, ctx.organizationId, [existing.id]);
  await audit(tx, {
    organizationId: ctx.organizationId,
    actorId: ctx.actorId,
    action: USE_CASE_AUDIT.deleted,
    entity: USE_CASE_ENTITY,
    entityId: existing.id,
    before: { deletedAt: null },
    after: { deletedAt: deletedAt.toISOString() },
  });
  const who = (await tx.user.findUnique({ where: { id: ctx.actorId }, select: { name: true } }))?.name ?? "Someone";
  await resolveRequests(tx, { organizationId: ctx.organizationId, useCaseId: existing.id }, { actorId: ctx.actorId, others: `${who} moved it to the trash`, self: "you moved it to the trash" });
  await warnings.close(ctx.actorId);
  return { id: existing.id, version: existing.version + 1 };
}

/** Brings a use case back from the trash. Leads their own; executives and admins any. */
export async function restoreUseCase(tx: Tx, ctx: WriteContext, input: { id: string }): Promise<{ id: string; version: number }> {
  const row = await tx.useCase.findFirst({ where: { id: input.id, organizationId: ctx.organizationId }, select: EDITABLE_SELECT });
  if (!row || !row.deletedAt) throw new NotFoundError("This use case is not in the trash.");
  if (!canRestoreUseCase(actorOf(ctx), row)) throw new ForbiddenError("Leads can restore only the use cases they own.");
  const reattribution = await beginReattribution(tx, ctx.organizationId, { useCaseIds: [row.id], externalIds: [] });
  // Back from the trash it takes its spend again (its flags were down while it was there).
  const warnings = await watchWarnings(tx, ctx.organizationId, reattribution.touches === "all" ? "all" : [row.id, ...reattribution.touches]);
  const { count } = await tx.useCase.updateMany({
    where: { id: row.id, organizationId: ctx.organizationId, deletedAt: { not: null } },
    data: { deletedAt: null, version: { increment: 1 } },
  });
  if (count === 0) throw new NotFoundError("This use case was restored already.");
  await reattribution.finish();
  await deriveUseCase(tx, { organizationId: ctx.organizationId, useCaseId: row.id });
  await audit(tx, {
    organizationId: ctx.organizationId,
    actorId: ctx.actorId,
    action: USE_CASE_AUDIT.restored,
    entity: USE_CASE_ENTITY,
    entityId: row.id,
    before: { deletedAt: row.deletedAt.toISOString() },
    after: { deletedAt: null },
  });
  await warnings.close(ctx.actorId);
  return { id: row.id, version: row.version + 1 };
}
