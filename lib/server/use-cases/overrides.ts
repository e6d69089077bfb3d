import "server-only";
import { canEditUseCase } from "@/lib/domain/use-case-permissions";
import { audit } from "../audit";
import { Prisma, type Tx } from "../db";
import { ForbiddenError } from "../errors";
import { watchWarnings } from "../actuals/warnings";
import { actorOf, loadLive, updateVersioned, USE_CASE_ENTITY, type WriteContext } from "./write";

/**
 * Sets a use case's cost-assumption overrides (any subset of figures; an empty object clears
 * them). Same rules as an edit: leads their own, executives and admins any, version-checked,
 * re-derived and audited in the caller's transaction.
 */
export async function setUseCaseOverrides(
  tx: Tx,
  ctx: WriteContext,
  input: { id: string; expectedVersion: number; overrides: Record<string, { low: number | null; base: number | null; high: number | null } | string> },
): Promise<{ id: string; version: number }> {
  const row = await loadLive(tx, ctx.organizationId, input.id);
  if (!canEditUseCase(actorOf(ctx), row)) throw new ForbiddenError("You can change the cost figures only of use cases you may edit.");
  const before = await tx.useCase.findUniqueOrThrow({ where: { id: row.id }, select: { overrides: true } });
  const warnings = await watchWarnings(tx, ctx.organizationId, [row.id]);
  await updateVersioned(tx, ctx.organizationId, row.id, input.expectedVersion, { overrides: input.overrides as Prisma.InputJsonValue });
  await audit(tx, {
    organizationId: ctx.organizationId,
    actorId: ctx.actorId,
    action: "use_case.cost_overrides_set",
    entity: USE_CASE_ENTITY,
    entityId: row.id,
    before: { overrides: before.overrides },
    after: { overrides: input.overrides },
  });
  await warnings.close(ctx.actorId);
  return { id: row.id, version: input.expectedVersion + 1 };
}
