import "server-only";
import { audit } from "../audit";
import { ConflictError, NotFoundError } from "../errors";
import { rebuildSpend } from "./attribution";
import { watchWarnings } from "./warnings";
import { ACTUAL_IMPORT_ENTITY, assertMayManageActuals, inActualsTransaction, type ActualsActor } from "./import";

/**
 * Undoing an actual-spend import, in one transaction: the import is marked undone (its lines stay,
 * for the record, but no longer count), the months it had replaced come back (or pass to whatever
 * import replaced it since, so a feed never has two imports counting for one month), the
 * attributed spend is rebuilt, and the undo is audited. An import is undone once.
 */
export const ACTUALS_UNDONE_ACTION = "actuals.import_undone";

export async function undoActualImport(actor: ActualsActor, importId: string): Promise<{ restoredMonths: string[] }> {
  assertMayManageActuals(actor);
  return inActualsTransaction(actor.organizationId, async (tx) => {
    const imp = await tx.actualImport.findFirst({ where: { id: importId, organizationId: actor.organizationId } });
    if (!imp) throw new NotFoundError("This import does not exist.");
    if (imp.undoneAt) throw new ConflictError("This import has already been undone.");
    // Undoing can raise early warnings (a later file's months count again, or a month goes back to an older file's figures).
    const warnings = await watchWarnings(tx, actor.organizationId, "all");
    await tx.actualImport.update({ where: { id: imp.id }, data: { undoneAt: new Date(), undoneById: actor.userId } });
    // Months this import had replaced pass to the import that replaced it in turn, if any; else they count again.
    const restored = await tx.$queryRaw<{ month: Date; supersededById: string | null }[]>`
      UPDATE "ActualImportMonth" m SET "supersededById" = own."supersededById"
        FROM "ActualImportMonth" own
       WHERE own."importId" = ${imp.id} AND own."month" = m."month"
         AND m."organizationId" = ${actor.organizationId} AND m."supersededById" = ${imp.id}
      RETURNING m."month", m."supersededById"`;
    await rebuildSpend(tx, actor.organizationId);
    const restoredMonths = [...new Set(restored.filter((r) => r.supersededById === null).map((r) => r.month.toISOString().slice(0, 7)))].sort();
    await audit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: ACTUALS_UNDONE_ACTION,
      entity: ACTUAL_IMPORT_ENTITY,
      entityId: imp.id,
      before: { fileName: imp.fileName, feed: imp.feed, totalCents: imp.totalCents.toString() },
      after: { undone: true, restoredMonths },
    });
    await warnings.close(actor.userId);
    return { restoredMonths };
  });
}
