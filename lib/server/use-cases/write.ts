import "server-only";
import { useCaseFieldsSchema, type Decision, type UseCaseFields, type UseCaseFieldsInput } from "@/lib/domain/use-case";
import { diffFields } from "@/lib/domain/use-case-changes";
import { canAssignOwner, canCreateUseCase, canEditUseCase, type Actor } from "@/lib/domain/use-case-permissions";
import { parseOrThrow } from "../parse";
import { audit } from "../audit";
import { db, Prisma, type Role, type Tx } from "../db";
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { reviewAfterChange } from "../decisions/review";
import { refreshWaitingBudget } from "../decisions/budget";
import { beginReattribution } from "../actuals/reattribute";
import { watchWarnings } from "../actuals/warnings";
import { deriveUseCase } from "./derive";
import { DERIVE_SELECT, EDITABLE_SELECT, fieldsToColumns, rowToFields, type EditableRow } from "./mapping";

/**
 * The only code that writes use cases, with its neighbours: the fields here (create and edit),
 * the decision in ./decision.ts, the trash in ./trash.ts, the cost overrides in ./overrides.ts.
 * Every function takes the caller's transaction, so the change, what is derived from it
 * (deriveUseCase) and its audit entry commit together or not at all; every query names the
 * organization.
 */

export const USE_CASE_ENTITY = "UseCase";
/** The per-use-case audit event of an import (lib/server/import/bulk-write.ts writes it). */
export const USE_CASE_IMPORTED_ACTION = "use_case.imported";
export const USE_CASE_AUDIT = {
  created: "use_case.created",
  updated: "use_case.updated",
  decided: "use_case.decision_recorded",
  deleted: "use_case.deleted",
  restored: "use_case.restored",
} as const;

/** Who is writing, in which organization. Resolved by the guard, never taken from the client. */
export interface WriteContext {
  organizationId: string;
  actorId: string;
  role: Role;
}

export interface WriteUseCaseInput {
  /** Absent: create. Present: update that use case. */
  id?: string;
  /** Required for an update: the version the writer read. A different stored version is a conflict. */
  expectedVersion?: number;
  /** All editable fields (the edit replaces them). Parsed again here with useCaseFieldsSchema. */
  fields: UseCaseFieldsInput | UseCaseFields;
}

export interface WriteUseCaseResult {
  id: string;
  /** The stored version after the write. */
  version: number;
  created: boolean;
  /** Flat paths of what changed ("title", "assessment.maxLagDays"); on create, every field given. */
  changed: string[];
  /** The stored title, and whether this write set or changed it (then check for near-duplicates). */
  title: string;
  titleChanged: boolean;
}

/** What the conflict error carries, so the form can show the other change and offer reload or reapply. */
export interface UseCaseConflictDetails {
  id: string;
  currentVersion: number;
  /** The stored values now. */
  current: UseCaseFields & { ownerId: string };
  decision: { chosenApproach: Decision["chosenApproach"]; decisionNotes: string };
  changedAt: string;
  changedBy: { id: string; name: string } | null;
}

export const CONFLICT_MESSAGE = "Someone else saved this use case since you opened it.";

/** The permission checks' actor of a write. */
export const actorOf = (ctx: WriteContext): Actor => ({ userId: ctx.actorId, role: ctx.role });

async function assertOwnerIsMember(tx: Tx, organizationId: string, ownerId: string): Promise<void> {
  const m = await tx.membership.findFirst({ where: { organizationId, userId: ownerId }, select: { id: true } });
  if (!m) throw new ValidationError("Please correct the highlighted fields.", { ownerId: ["Choose a member of this organization"] });
}

async function assertExternalIdFree(tx: Tx, organizationId: string, externalId: string | null, exceptId?: string): Promise<void> {
  if (!externalId) return;
  const other = await tx.useCase.findFirst({
    where: { organizationId, externalId, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true, deletedAt: true },
  });
  if (other) {
    throw new ValidationError("Please correct the highlighted fields.", {
      externalId: [other.deletedAt ? "A use case in the trash already has this external id" : "Another use case already has this external id"],
    });
  }
}

export async function conflictFor(tx: Tx, organizationId: string, id: string): Promise<AppError> {
  const current = await tx.useCase.findFirst({ where: { id, organizationId }, select: EDITABLE_SELECT });
  if (!current || current.deletedAt) return new NotFoundError("This use case was deleted since you opened it.");
  const last = await tx.auditEvent.findFirst({
    where: { organizationId, entity: USE_CASE_ENTITY, entityId: id },
    orderBy: { at: "desc" },
    select: { actorId: true, at: true },
  });
  const by = last?.actorId ? await tx.user.findUnique({ where: { id: last.actorId }, select: { id: true, name: true } }) : null;
  const details: UseCaseConflictDetails = {
    id,
    currentVersion: current.version,
    current: rowToFields(current),
    decision: { chosenApproach: current.chosenApproach, decisionNotes: current.decisionNotes },
    changedAt: (last?.at ?? current.updatedAt).toISOString(),
    changedBy: by,
  };
  return new ConflictError(CONFLICT_MESSAGE, details);
}

/**
 * Writes the columns only if the use case is still live at the version the person edited (else the
 * conflict, naming who changed it), counts a new version, and re-derives it from the row written:
 * every edit of a use case (fields, decision, cost figures) goes through here.
 */
export async function updateVersioned(tx: Tx, organizationId: string, id: string, expectedVersion: number, data: Prisma.UseCaseUpdateManyMutationInput): Promise<void> {
  const [updated] = await tx.useCase.updateManyAndReturn({
    where: { id, organizationId, version: expectedVersion, deletedAt: null },
    data: { ...data, version: { increment: 1 } },
    select: DERIVE_SELECT,
  });
  if (!updated) throw await conflictFor(tx, organizationId, id);
  await deriveUseCase(tx, { organizationId, useCaseId: id }, undefined, updated);
}

/** The live (not deleted) use case, or NotFound. */
export async function loadLive(tx: Tx, organizationId: string, id: string): Promise<EditableRow> {
  const row = await tx.useCase.findFirst({ where: { id, organizationId }, select: EDITABLE_SELECT });
  if (!row) throw new NotFoundError("This use case does not exist.");
  if (row.deletedAt) throw new NotFoundError("This use case is in the trash. Restore it before changing it.");
  return row;
}

/**
 * The one write path for a use case's fields: create (no id) or update (id + expectedVersion).
 * Used by the create and update actions and by the CSV import.
 *
 * - Fields are parsed with useCaseFieldsSchema (strict: unknown keys refused).
 * - Roles: leads, executives and admins create; leads update only their own, executives and
 *   admins any; finance never. A lead may name only themselves as owner; any owner must be a
 *   member of the organization.
 * - Update: `updateMany where { id, organizationId, version: expectedVersion }` plus a version
 *   increment; no row means someone saved in between, and a ConflictError carries the stored
 *   values and who changed them. A save that changes nothing writes nothing.
 * - Then deriveUseCase and one audit entry (before/after of the changed fields only).
 */
export async function writeUseCase(
  tx: Tx,
  ctx: WriteContext,
  input: WriteUseCaseInput,
  options: { auditAction?: string } = {},
): Promise<WriteUseCaseResult> {
  const actor = actorOf(ctx);
  const fields = parseOrThrow(useCaseFieldsSchema, input.fields);
  const { organizationId } = ctx;

  if (input.id === undefined) {
    if (!canCreateUseCase(actor)) throw new ForbiddenError("Your role does not allow logging use cases.");
    const ownerId = fields.ownerId ?? ctx.actorId;
    if (!canAssignOwner(actor, ownerId)) {
      throw new ValidationError("Please correct the highlighted fields.", {
        ownerId: ["Leads log use cases they own; an executive or admin can assign another owner"],
      });
    }
    await assertOwnerIsMember(tx, organizationId, ownerId);
    await assertExternalIdFree(tx, organizationId, fields.externalId);
    // Actual spend already imported under this external id is attributed to the new use case.
    const reattribution = fields.externalId ? await beginReattribution(tx, organizationId, { useCaseIds: [], externalIds: [fields.externalId] }) : null;
    // Taking its tagged spend can move it from another use case's rules, and raise a flag on either.
    const warnings = await watchWarnings(tx, organizationId, reattribution?.touches ?? []);
    const stored = { ...fields, ownerId };
    const row = await tx.useCase.create({
      data: { organizationId, createdById: ctx.actorId, ...fieldsToColumns(stored) },
      select: { id: true, version: true, ...DERIVE_SELECT },
    });
    await warnings.include([row.id]);
    await deriveUseCase(tx, { organizationId, useCaseId: row.id }, undefined, row);
    await reattribution?.finish();
    const changes = diffFields({}, stored);
    await audit(tx, {
      organizationId,
      actorId: ctx.actorId,
      action: options.auditAction ?? USE_CASE_AUDIT.created,
      entity: USE_CASE_ENTITY,
      entityId: row.id,
      before: null,
      after: changes.after,
    });
    await warnings.close(ctx.actorId);
    return { id: row.id, version: row.version, created: true, changed: changes.changed, title: stored.title, titleChanged: true };
  }

  if (input.expectedVersion === undefined || !Number.isInteger(input.expectedVersion)) {
    throw new ValidationError("Please reload the page and try again.", { expectedVersion: ["The version you edited is required"] });
  }
  const existing = await loadLive(tx, organizationId, input.id);
  if (!canEditUseCase(actor, existing)) {
    throw new ForbiddenError(ctx.role === "LEAD" ? "Leads can edit only the use cases they own." : "Your role does not allow editing use cases.");
  }
  const ownerId = fields.ownerId ?? existing.ownerId;
  if (ownerId !== existing.ownerId) {
    if (!canAssignOwner(actor, ownerId)) {
      throw new ValidationError("Please correct the highlighted fields.", {
        ownerId: ["Only an executive or admin can hand a use case to another owner"],
      });
    }
    await assertOwnerIsMember(tx, organizationId, ownerId);
  }
  if (existing.version !== input.expectedVersion) throw await conflictFor(tx, organizationId, existing.id);

  const before = rowToFields(existing);
  const after = { ...fields, ownerId };
  const changes = diffFields(before, after);
  if (changes.changed.length === 0) {
    return { id: existing.id, version: existing.version, created: false, changed: [], title: existing.title, titleChanged: false };
  }
  if (after.externalId !== before.externalId) await assertExternalIdFree(tx, organizationId, after.externalId, existing.id);
  // A new external id takes the spend tagged with it; the old one's spend goes back to the unattributed (or to the rules).
  const reattribution = after.externalId !== before.externalId ? await beginReattribution(tx, organizationId, { useCaseIds: [existing.id], externalIds: [after.externalId] }) : null;
  // Its answers, estimate or external id can move its projection, its approach as chosen or its spend: an early warning may rise.
  const warnings = await watchWarnings(tx, organizationId, reattribution?.touches === "all" ? "all" : [existing.id, ...(reattribution?.touches ?? [])]);

  await updateVersioned(tx, organizationId, existing.id, input.expectedVersion, fieldsToColumns(after));
  await reattribution?.finish();
  await audit(tx, {
    organizationId,
    actorId: ctx.actorId,
    action: options.auditAction ?? USE_CASE_AUDIT.updated,
    entity: USE_CASE_ENTITY,
    entityId: existing.id,
    before: changes.before,
    after: changes.after,
  });
  // One read says whether the use case has a decision at all (most have none), so a save without one
  // does not look it up twice below.
  const decision = await tx.useCaseDecision.findFirst({ where: { useCaseId: existing.id, organizationId }, select: { state: true } });
  if (decision) {
    // An approved decision whose answers or recommendation changed goes back to review (issue 20).
    if (decision.state === "APPROVED" || decision.state === "BUDGET_APPROVED") await reviewAfterChange(tx, { organizationId, useCaseId: existing.id, actorId: ctx.actorId });
    // A decision still waiting keeps the budget the projection now gives (lib/server/decisions/budget.ts).
    if (decision.state === "PROPOSED" || decision.state === "APPROVED") await refreshWaitingBudget(tx, { organizationId, useCaseId: existing.id }, undefined, ctx.actorId);
  }
  await warnings.close(ctx.actorId);
  return {
    id: existing.id,
    version: input.expectedVersion + 1,
    created: false,
    changed: changes.changed,
    title: after.title,
    titleChanged: changes.changed.includes("title"),
  };
}

/**
 * Runs `fn` in one transaction. A unique-key race on the external id (two saves claiming the same
 * one at once) comes back as a field error rather than an unexpected failure.
 */
export async function inUseCaseTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.$transaction(fn);
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new ValidationError("Please correct the highlighted fields.", { externalId: ["Another use case already has this external id"] });
    }
    throw err;
  }
}
