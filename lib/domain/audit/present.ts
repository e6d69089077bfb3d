/**
 * How the audit log's rows read on the page and in the CSV export (pure).
 */
import { codeCell, csvLine, headerLine, integerCell, textCell } from "../export/csv";

/** One row of the log: a change (AuditEvent) or a security event (SecurityEvent), in one shape. */
export interface AuditRow {
  source: "change" | "security";
  id: string;
  /** ISO time, milliseconds, UTC: when it happened (a security row: its first occurrence in the window). */
  at: string;
  /** A security row's last occurrence (equal to `at` for a change). */
  lastAt: string;
  /** How many times (1 for a change; repeats within the window for a security event). */
  count: number;
  personId: string | null;
  personName: string | null;
  personEmail: string | null;
  action: string;
  /** "failed", "throttled", "refused" for a security event; null for a change. */
  outcome: string | null;
  entity: string;
  entityId: string;
  ip: string | null;
  /** JSON text of a change's before and after; null for a security event. */
  before: string | null;
  after: string | null;
}

const ACTION_LABELS: Record<string, string> = {
  "security.sign_in.failed": "Failed sign-in",
  "security.sign_in.throttled": "Sign-in refused: too many attempts",
  "security.access.not_member": "Refused: not a member of this organization",
  "security.access.forbidden": "Refused: the role does not allow it",
};

/** A plain label for known security actions; other actions are shown as they are written. */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** The audit page's time: "6 Dec 2026, 02:30:07 UTC" (its Time column and the details alike). */
export const AUDIT_TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A code (FINE_TUNING, ADMIN) as words (fine tuning, admin), an instant as the page's time; other values unchanged. */
function plain(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (typeof value === "string" && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return `${AUDIT_TIME.format(new Date(value))} UTC`;
  if (typeof value === "string") return /^[A-Z][A-Z0-9_]+$/.test(value) ? value.toLowerCase().replace(/_/g, " ") : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const json = JSON.stringify(value);
  return json.replace(/"([A-Z][A-Z0-9_]+)"/g, (_, code: string) => `"${code.toLowerCase().replace(/_/g, " ")}"`);
}

function parse(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return null;
  }
}

const MAX_FIELDS = 6;
const MAX_VALUE = 80;
const cut = (s: string) => (s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s);

/** A field holding an object ({ maxLagDays: 14 } under "assessment") as one field per key, "assessment.maxLagDays". */
function flat(o: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!o) return o;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0) {
      for (const [sub, w] of Object.entries(v as Record<string, unknown>)) out[`${k}.${sub}`] = w;
    } else out[k] = v;
  }
  return out;
}

/**
 * What a change did, one line per field: "title: Old → New", "role: lead → finance",
 * "assessment.maxLagDays: 14 → 30" (an object's keys each on a line, never its JSON cut short); a
 * field only before is "(removed)", only after is its value. At most six lines, then "and N more".
 */
export function describeChange(beforeText: string | null, afterText: string | null): string[] {
  const before = flat(parse(beforeText));
  const after = flat(parse(afterText));
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const lines: string[] = [];
  for (const k of keys) {
    const b = before && k in before ? before[k] : undefined;
    const a = after && k in after ? after[k] : undefined;
    if (before && after && JSON.stringify(b) === JSON.stringify(a)) continue;
    if (!after || !(k in after)) lines.push(`${k}: ${cut(plain(b))} (removed)`);
    else if (!before || !(k in before)) lines.push(`${k}: ${cut(plain(a))}`);
    else lines.push(`${k}: ${cut(plain(b))} → ${cut(plain(a))}`);
  }
  if (lines.length > MAX_FIELDS) return [...lines.slice(0, MAX_FIELDS), `and ${lines.length - MAX_FIELDS} more`];
  return lines;
}

export const AUDIT_CSV_HEADER = [
  "Time (UTC)", "Last time (UTC)", "Count", "Kind", "Person", "Person email", "Action", "Outcome", "Entity", "Entity id", "Address", "Before", "After",
] as const;

export function auditCsvHeader(): string {
  return headerLine(AUDIT_CSV_HEADER);
}

/**
 * One CSV line. Every text a person or a request could have written (names, emails, entity ids,
 * paths, addresses, the JSON of a change) goes through `textCell`, so a cell that would start a
 * formula is prefixed with `'` (the finance export's writer, lib/domain/export/csv.ts).
 */
export function auditCsvLine(row: AuditRow): string {
  return csvLine([
    codeCell(row.at),
    codeCell(row.lastAt),
    integerCell(row.count),
    codeCell(row.source),
    textCell(row.personName),
    textCell(row.personEmail),
    textCell(row.action),
    textCell(row.outcome),
    textCell(row.entity),
    textCell(row.entityId),
    textCell(row.ip),
    textCell(row.before),
    textCell(row.after),
  ]);
}
