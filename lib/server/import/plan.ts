import "server-only";
import {
  buildFields,
  describeCloseTitles,
  findCloseTitles,
  INCOMPLETE_CLOSE_TITLES,
  type ColumnPlan,
  type ConvertedRow,
  type RowAction,
  type RowIssue,
  type RowsCheck,
} from "@/lib/domain/import";
import type { UseCaseFields } from "@/lib/domain/use-case";
import { diffFields, type FieldChanges } from "@/lib/domain/use-case-changes";
import { canAssignOwner, canEditUseCase, type Actor } from "@/lib/domain/use-case-permissions";
import type { Db, Role, Tx } from "../db";
import { EDITABLE_SELECT, rowToFields } from "../use-cases/mapping";

/**
 * Deciding what each converted row does, against the registry as it is: add a use case, update
 * the one with its external id, or nothing (it would change nothing); or why it cannot. One query
 * for the use cases named by external id, one for the owners named by email, one for the titles
 * (close-title warnings), whatever the number of rows.
 *
 * Roles (the same rules as logging and editing by hand, lib/domain/use-case-permissions.ts):
 * executives and admins add and update any use case and may name any member as owner; a lead
 * adds use cases they own (the owner column empty or their own email) and updates only use cases
 * they own. Finance never gets here (the action's guard).
 */

export interface ImportActor {
  organizationId: string;
  userId: string;
  role: Role;
}

/** What an update needs of the stored use case: its fields, and what derivation reads besides. */
export const EXISTING_SELECT = { ...EDITABLE_SELECT, overrides: true, createdAt: true } as const;

export interface ExistingUseCase {
  id: string;
  version: number;
  ownerId: string;
  fields: UseCaseFields & { ownerId: string };
  chosenApproach: string | null;
  overrides: unknown;
  createdAt: Date;
}

export interface PlannedRow {
  row: number;
  action: RowAction;
  /** The fields to store (owner resolved). */
  fields: UseCaseFields & { ownerId: string };
  existing: ExistingUseCase | null;
  /** For updates: what changes. */
  changes: FieldChanges | null;
}

export interface RowsPlan extends RowsCheck {
  planned: PlannedRow[];
}

const actorOf = (a: ImportActor): Actor => ({ userId: a.userId, role: a.role });

export async function planRows(
  client: Db | Tx,
  actor: ImportActor,
  converted: readonly ConvertedRow[],
  plan: ColumnPlan,
  options: { closeTitles: boolean },
): Promise<RowsPlan> {
  const { organizationId } = actor;
  const externalIds = [...new Set(converted.map((c) => c.externalId).filter((x): x is string => !!x))];
  const emails = [...new Set(converted.map((c) => c.ownerEmail).filter((x): x is string => !!x))];
  const [stored, members] = await Promise.all([
    externalIds.length ? client.useCase.findMany({ where: { organizationId, externalId: { in: externalIds } }, select: EXISTING_SELECT }) : [],
    emails.length
      ? client.membership.findMany({ where: { organizationId, user: { email: { in: emails } } }, select: { userId: true, user: { select: { email: true } } } })
      : [],
  ]);
  const byExternalId = new Map(stored.map((s) => [s.externalId!, s]));
  const memberByEmail = new Map(members.map((m) => [m.user.email.toLowerCase(), m.userId]));
  const me = actorOf(actor);

  const out: RowsPlan = { actions: [], errors: [], warnings: [], notes: [], planned: [] };
  const issue = (c: ConvertedRow, field: RowIssue["field"], message: string): RowIssue => ({ row: c.row, field, column: field ? (plan[field]?.header ?? null) : null, message });

  for (const c of converted) {
    const errors: RowIssue[] = [...c.errors];
    out.warnings.push(...c.warnings);
    const row = c.externalId ? byExternalId.get(c.externalId) : undefined;
    let existing: ExistingUseCase | null = null;
    if (row?.deletedAt) {
      errors.push(issue(c, "externalId", `The use case with external id “${c.externalId}” is in the trash. Restore it first, or give this row another id.`));
    } else if (row) {
      existing = { id: row.id, version: row.version, ownerId: row.ownerId, fields: rowToFields(row), chosenApproach: row.chosenApproach, overrides: row.overrides, createdAt: row.createdAt };
      if (!canEditUseCase(me, row)) {
        errors.push(issue(c, "externalId", `The use case with external id “${c.externalId}” (“${row.title}”) belongs to someone else; leads update only the use cases they own.`));
      }
    }

    let ownerId = existing?.ownerId ?? actor.userId;
    if (c.ownerEmail) {
      const member = memberByEmail.get(c.ownerEmail);
      if (!member) errors.push(issue(c, "ownerEmail", `No member of this organization has the email “${c.ownerEmail}”. Invite them first, or leave the owner empty.`));
      else if (member !== ownerId && !canAssignOwner(me, member)) {
        errors.push(issue(c, "ownerEmail", existing ? "Only an executive or admin can hand a use case to another owner." : "Leads import use cases they own: leave the owner empty or give your own email."));
      } else ownerId = member;
    }

    const built = buildFields(c, plan, existing?.fields ?? null);
    if (!built.ok) {
      // A conversion error already explains its field; the schema's message about the same field adds nothing.
      const explained = new Set(c.errors.map((e) => e.field));
      errors.push(...built.errors.filter((e) => !explained.has(e.field)));
    }
    if (errors.length || !built.ok) {
      out.errors.push(...errors);
      continue;
    }
    const fields = { ...built.fields, ownerId };
    let action: RowAction = "create";
    let changes: FieldChanges | null = null;
    if (existing) {
      changes = diffFields(existing.fields, fields);
      action = changes.changed.length ? "update" : "unchanged";
    }
    out.actions.push([c.row, action]);
    out.planned.push({ row: c.row, action, fields, existing, changes });
  }

  if (options.closeTitles && out.planned.length) {
    const titles = await client.useCase.findMany({ where: { organizationId, deletedAt: null }, select: { id: true, title: true } });
    const rows = out.planned.filter((p) => p.action === "create" || p.changes?.changed.includes("title")).map((p) => ({ row: p.row, title: p.fields.title, selfId: p.existing?.id ?? null }));
    const close = findCloseTitles(rows, titles, { compareRows: false });
    for (const [row, matches] of close.matches) {
      const related = matches.filter((m) => m.kind === "existing").map((m) => ({ id: String(m.ref), title: m.title }));
      out.warnings.push({ row, field: "title", column: plan.title?.header ?? null, message: describeCloseTitles(matches), ...(related.length ? { related } : {}) });
    }
    if (!close.complete) out.notes.push(INCOMPLETE_CLOSE_TITLES);
  }
  return out;
}
