import "server-only";
import { IMPORT_ROLES } from "@/lib/domain/import";
import { USE_CASE_ENTITY } from "../use-cases/write";
import { writeUseCase } from "../use-cases/write";
import { EDITABLE_SELECT, rowToFields } from "../use-cases/mapping";
import { flattenFields } from "@/lib/domain/use-case-changes";
import { audit } from "../audit";
import { db, type Tx } from "../db";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { refreshRollups } from "../portfolio/rollup";
import { beginReattribution, holdActualsLock } from "../actuals/reattribute";
import { watchWarnings } from "../actuals/warnings";
import { IMPORT_AUDIT_ACTION, newId } from "./bulk-write";
import type { ImportActor } from "./plan";
import { IMPORT_ENTITY, IMPORT_SUMMARY_ACTION } from "./run";

/**
 * An import's record, and undoing it as one step (issue 15): in one transaction, the use cases it
 * added are deleted (with their projections) and the ones it updated get back the values they had
 * before it (re-scored and re-projected, as any edit). Refused if any of them changed since the
 * import (an edit, a decision, the trash): undoing would silently lose that work, so the record
 * lists them instead. An import is undone once; the undo is audited (one event per use case and
 * one for the import).
 */

export const IMPORT_UNDONE_ACTION = "use_cases.import_undone";
export const USE_CASE_UNDONE_ACTION = "use_case.import_undone";

export interface ImportRecord {
  id: string;
  at: string;
  actor: { id: string; name: string } | null;
  fileName: string;
  encoding: string | null;
  encodingNote: string | null;
  counts: { rows: number; created: number; updated: number; unchanged: number; refused: number };
  /** The file's rows refused and left out (its own row numbers, as stored with the import). */
  refusedRows: number[];
  useCases: { id: string; title: string; action: "create" | "update"; exists: boolean; changedSince: boolean }[];
  undone: { at: string; actor: { id: string; name: string } | null } | null;
}

type Summary = {
  fileName?: string;
  encoding?: string;
  encodingNote?: string;
  rows?: number;
  created?: number;
  updated?: number;
  unchanged?: number;
  refused?: number;
  refusedRows?: number[];
  useCaseIds?: string[];
  writtenAt?: string;
};

/** When the import's rows were written (its use cases' updatedAt and their audit events' time). */
const writtenAt = (event: { at: Date }, summary: Summary) => (summary.writtenAt ? new Date(summary.writtenAt) : event.at);

async function loadSummary(client: Tx | typeof db, organizationId: string, importId: string) {
  const event = await client.auditEvent.findFirst({ where: { organizationId, action: IMPORT_SUMMARY_ACTION, entity: IMPORT_ENTITY, entityId: importId } });
  if (!event) throw new NotFoundError("This import does not exist.");
  return { event, summary: (event.after ?? {}) as Summary };
}

/** The per-use-case events the import wrote (same moment, same actor). */
async function loadUseCaseEvents(client: Tx | typeof db, organizationId: string, at: Date, ids: readonly string[]) {
  if (!ids.length) return [];
  return client.auditEvent.findMany({ where: { organizationId, action: IMPORT_AUDIT_ACTION, entity: USE_CASE_ENTITY, entityId: { in: [...ids] }, at }, select: { entityId: true, before: true, after: true } });
}

export async function getImportRecord(organizationId: string, importId: string): Promise<ImportRecord> {
  const { event, summary } = await loadSummary(db, organizationId, importId);
  const ids = summary.useCaseIds ?? [];
  const [events, rows, undone] = await Promise.all([
    loadUseCaseEvents(db, organizationId, writtenAt(event, summary), ids),
    db.useCase.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, title: true, updatedAt: true, deletedAt: true } }),
    db.auditEvent.findFirst({ where: { organizationId, action: IMPORT_UNDONE_ACTION, entity: IMPORT_ENTITY, entityId: importId } }),
  ]);
  const actorIds = [event.actorId, undone?.actorId].filter((x): x is string => !!x);
  const users = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
  const userOf = (id: string | null | undefined) => users.find((u) => u.id === id) ?? null;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const actionOf = new Map(events.map((e) => [e.entityId, e.before === null ? ("create" as const) : ("update" as const)]));
  return {
    id: importId,
    at: event.at.toISOString(),
    actor: userOf(event.actorId),
    fileName: summary.fileName ?? "import.csv",
    encoding: summary.encoding ?? null,
    encodingNote: summary.encodingNote ?? null,
    counts: { rows: summary.rows ?? 0, created: summary.created ?? 0, updated: summary.updated ?? 0, unchanged: summary.unchanged ?? 0, refused: summary.refused ?? 0 },
    refusedRows: Array.isArray(summary.refusedRows) ? summary.refusedRows.filter((r): r is number => typeof r === "number") : [],
    useCases: ids.map((id) => {
      const r = byId.get(id);
      const title = r?.title ?? ((events.find((e) => e.entityId === id)?.after as { title?: string } | null)?.title ?? "(deleted)");
      return { id, title, action: actionOf.get(id) ?? "create", exists: !!r && !r.deletedAt, changedSince: !r || !!r.deletedAt || r.updatedAt.getTime() !== writtenAt(event, summary).getTime() };
    }),
    undone: undone ? { at: undone.at.toISOString(), actor: userOf(undone.actorId) } : null,
  };
}

/** Who may undo: those who may import; a lead only their own import. */
function assertMayUndo(actor: ImportActor, importerId: string | null): void {
  if (!(IMPORT_ROLES as readonly string[]).includes(actor.role)) throw new ForbiddenError("Your role does not allow importing use cases.");
  if (actor.role === "LEAD" && importerId !== actor.userId) throw new ForbiddenError("Leads can undo only their own imports.");
}

export async function undoImport(actor: ImportActor, importId: string): Promise<{ deleted: number; restored: number }> {
  const { organizationId } = actor;
  return db.$transaction(
    async (tx) => {
      const { event, summary } = await loadSummary(tx, organizationId, importId);
      assertMayUndo(actor, event.actorId);
      // One undo per import; the row lock on the summary event serialises two clicks.
      await tx.$executeRaw`SELECT 1 FROM "AuditEvent" WHERE id = ${event.id} FOR UPDATE`;
      const already = await tx.auditEvent.findFirst({ where: { organizationId, action: IMPORT_UNDONE_ACTION, entity: IMPORT_ENTITY, entityId: importId } });
      if (already) throw new ConflictError("This import has already been undone.");
      const ids = summary.useCaseIds ?? [];
      const at = writtenAt(event, summary);
      const events = await loadUseCaseEvents(tx, organizationId, at, ids);
      const rows = await tx.useCase.findMany({ where: { organizationId, id: { in: ids } }, select: EDITABLE_SELECT });
      const changed = ids.filter((id) => {
        const r = rows.find((x) => x.id === id);
        return !r || r.deletedAt || r.updatedAt.getTime() !== at.getTime();
      });
      if (changed.length) {
        throw new ConflictError(
          `${changed.length} use case${changed.length === 1 ? " was" : "s were"} changed, deleted or moved to the trash since this import; undoing it would lose that work. Nothing was undone.`,
        );
      }
      const created = events.filter((e) => e.before === null).map((e) => e.entityId);
      const updated = events.filter((e) => e.before !== null);
      const ctx = { organizationId, actorId: actor.userId, role: actor.role };
      // Before any use case changes (lib/server/actuals/reattribute.ts): actual spend follows them.
      await holdActualsLock(tx, organizationId);
      // Undoing can raise early warnings on the use cases it puts back (told once, at the end).
      const warnings = await watchWarnings(tx, organizationId, updated.map((e) => e.entityId));
      // Updates first, back to their values before the import (re-derived and audited by the one write path).
      for (const e of updated) {
        const row = rows.find((r) => r.id === e.entityId)!;
        const current = rowToFields(row);
        const before = flattenFields(e.before as Record<string, unknown>);
        const fields: Record<string, unknown> = { ...current, assessment: { ...current.assessment } };
        for (const [path, value] of Object.entries(before)) {
          if (path.startsWith("assessment.")) {
            const key = path.slice("assessment.".length);
            if (value === null || value === undefined) delete (fields.assessment as Record<string, unknown>)[key];
            else (fields.assessment as Record<string, unknown>)[key] = value;
          } else fields[path] = value;
        }
        await writeUseCase(tx, ctx, { id: row.id, expectedVersion: row.version, fields: fields as Parameters<typeof writeUseCase>[2]["fields"] }, { auditAction: USE_CASE_UNDONE_ACTION });
      }
      if (created.length) {
        // The spend attributed to the use cases about to go (by their tags or rules) goes back to the unattributed first; none is deleted with them.
        const reattribution = await beginReattribution(tx, organizationId, { useCaseIds: created, externalIds: [] }, "long");
        // Their spend can fall to other use cases' rules.
        await warnings.include(reattribution.touches === "all" ? "all" : reattribution.touches.filter((id) => !created.includes(id)));
        await reattribution.finish({ gone: created });
        await tx.auditEvent.createMany({
          data: created.map((id) => {
            const r = rows.find((x) => x.id === id)!;
            return { id: newId(), organizationId, actorId: actor.userId, action: USE_CASE_UNDONE_ACTION, entity: USE_CASE_ENTITY, entityId: id, before: { title: r.title, externalId: r.externalId }, after: undefined };
          }),
        });
        await tx.costLineSet.deleteMany({ where: { organizationId, useCaseId: { in: created } } });
        await tx.costYearSet.deleteMany({ where: { organizationId, useCaseId: { in: created } } });
        await tx.useCase.deleteMany({ where: { organizationId, id: { in: created } } });
        await refreshRollups(tx, organizationId, created);
      }
      await audit(tx, {
        organizationId,
        actorId: actor.userId,
        action: IMPORT_UNDONE_ACTION,
        entity: IMPORT_ENTITY,
        entityId: importId,
        before: { fileName: summary.fileName, created: created.length, updated: updated.length },
        after: { deleted: created.length, restored: updated.length },
      });
      await warnings.close(actor.userId);
      return { deleted: created.length, restored: updated.length };
    },
    { timeout: 10 * 60_000, maxWait: 30_000 },
  );
}
