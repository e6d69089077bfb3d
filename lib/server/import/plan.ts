import "server-only";
import {
  buildFields,
  describeCloseTitles,
  findCloseTitles,
  INCOMPLETE_CLOSE_TITLES,
  claimAcrossChunks,
  titleKey,
  type ColumnPlan,
  type FieldChange,
  type ConvertedRow,
  type RowAction,
  type RowIssue,
  type RowMatch,
  type RowsCheck,
} from "@/lib/domain/import";
import type { UseCaseFields } from "@/lib/domain/use-case";
import { diffFields, fieldLabel, flattenFields, formatFieldValue, type FieldChanges } from "@/lib/domain/use-case-changes";
import { canAssignOwner, canEditUseCase, type Actor } from "@/lib/domain/use-case-permissions";
import type { Db, Role, Tx } from "../db";
import { EDITABLE_SELECT, rowToFields } from "../use-cases/mapping";

/**
 * Deciding what each converted row does, against the registry as it is: add a use case, update
 * the one with its external id, or nothing (it would change nothing); or why it cannot. A row
 * without an external id (or with one the registry does not know) finds its use case by exact
 * title and business unit, among use cases that have no external id yet for the latter, so
 * re-importing a file without ids updates instead of adding duplicates; two use cases with that
 * pair make the row refused (ambiguous), never a guess. One query for the use cases named by
 * external id, one for those named by title, one for the owners named by email, one for the
 * titles (close-title warnings), whatever the number of rows.
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
export const EXISTING_SELECT = { ...EDITABLE_SELECT, overrides: true, createdAt: true, retiredAt: true } as const;

export interface ExistingUseCase {
  id: string;
  version: number;
  ownerId: string;
  fields: UseCaseFields & { ownerId: string };
  chosenApproach: string | null;
  overrides: unknown;
  createdAt: Date;
  /** When it was retired (null: not retired). */
  retiredAt: Date | null;
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

const SHOWN_VALUE = 160;
const cut = (s: string) => (s.length > SHOWN_VALUE ? `${s.slice(0, SHOWN_VALUE)}…` : s);

/** An update's changes as a person reads them: label, old → new (owners by email). */
export function describeChanges(changes: FieldChanges, emailOf: ReadonlyMap<string, string>): FieldChange[] {
  const before = flattenFields(changes.before);
  const after = flattenFields(changes.after);
  const show = (path: string, v: unknown) => (path === "ownerId" && typeof v === "string" ? (emailOf.get(v) ?? "another member") : cut(formatFieldValue(path, v)));
  return changes.changed.map((path) => ({ field: path, label: fieldLabel(path), before: show(path, before[path]), after: show(path, after[path]) }));
}

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
  const titles = [...new Set(converted.map((c) => c.title).filter((x): x is string => !!x))];
  const [stored, members, titled] = await Promise.all([
    externalIds.length ? client.useCase.findMany({ where: { organizationId, externalId: { in: externalIds } }, select: EXISTING_SELECT }) : [],
    emails.length
      ? client.membership.findMany({ where: { organizationId, user: { email: { in: emails } } }, select: { userId: true, user: { select: { email: true } } } })
      : [],
    titles.length ? client.useCase.findMany({ where: { organizationId, deletedAt: null, title: { in: titles } }, select: EXISTING_SELECT }) : [],
  ]);
  const byExternalId = new Map(stored.map((s) => [s.externalId!, s]));
  const byTitle = new Map<string, (typeof titled)[number][]>();
  for (const t of titled) {
    const key = titleKey(t.title, t.businessUnit);
    byTitle.set(key, [...(byTitle.get(key) ?? []), t]);
  }
  const memberByEmail = new Map(members.map((m) => [m.user.email.toLowerCase(), m.userId]));
  const emailOf = new Map(members.map((m) => [m.userId, m.user.email]));
  const me = actorOf(actor);
  /** Use case id → the row that already updates it (one row per use case). */
  const claimed = new Map<string, RowMatch>();

  const out: RowsPlan = { actions: [], changes: [], errors: [], warnings: [], notes: [], matches: [], volumes: [], planned: [] };
  const issue = (c: ConvertedRow, field: RowIssue["field"], message: string): RowIssue => ({ row: c.row, field, column: field ? (plan[field]?.header ?? null) : null, message });

  for (const c of converted) {
    const errors: RowIssue[] = [...c.errors];
    out.warnings.push(...c.warnings);
    let row = c.externalId ? byExternalId.get(c.externalId) : undefined;
    const byId = !!row;
    if (!row && c.title) {
      // No id, or an id the registry does not know: the use case with this exact title and business unit.
      const businessUnit = typeof c.values.businessUnit === "string" ? c.values.businessUnit : "";
      const same = (byTitle.get(titleKey(c.title, businessUnit)) ?? []).filter((t) => !c.externalId || t.externalId === null);
      if (same.length > 1) {
        errors.push(issue(c, "title", `${same.length} use cases in the registry have this title and business unit, so this row cannot tell which it is; give it an external id.`));
      } else if (same.length === 1) row = same[0];
    }
    if (row && !row.deletedAt) {
      const match: RowMatch = { row: c.row, useCaseId: row.id, title: row.title, field: c.externalId ? "externalId" : "title", column: plan[c.externalId ? "externalId" : "title"]?.header ?? null, byExternalId: byId };
      // The same rule as the page's across chunks (claimAcrossChunks): the first row claims the use case.
      errors.push(...claimAcrossChunks(claimed, [match]));
      if (claimed.get(row.id) === match) out.matches.push(match);
    }
    let existing: ExistingUseCase | null = null;
    if (row?.deletedAt) {
      errors.push(issue(c, "externalId", `The use case with external id “${c.externalId}” is in the trash. Restore it first, or give this row another id.`));
    } else if (row) {
      existing = { id: row.id, version: row.version, ownerId: row.ownerId, fields: rowToFields(row), chosenApproach: row.chosenApproach, overrides: row.overrides, createdAt: row.createdAt, retiredAt: row.retiredAt };
      if (!canEditUseCase(me, row)) {
        // Found by its title and business unit (the row has no external id the registry knows): say so, never “external id null”.
        errors.push(
          byId
            ? issue(c, "externalId", `The use case with external id “${c.externalId}” (“${row.title}”) belongs to someone else; leads update only the use cases they own.`)
            : issue(c, "title", `A use case with this title and business unit (“${row.title}”) is already in the registry and belongs to someone else; leads update only the use cases they own. ${c.externalId || !row.externalId ? "Give this row another title if it is another use case." : "Give this row an external id of its own (or another title) if it is another use case."}`),
        );
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
      if (action === "update") out.changes.push([c.row, describeChanges(changes, emailOf)]);
    }
    out.actions.push([c.row, action]);
    out.planned.push({ row: c.row, action, fields, existing, changes });
    const { monthlyCalls, yearlyGrowthPct } = fields.assessment;
    if (monthlyCalls !== undefined) out.volumes.push({ row: c.row, title: fields.title, monthlyCalls, yearlyGrowthPct: yearlyGrowthPct ?? null, horizonYears: fields.horizonYears });
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
