/**
 * How the audit log's rows read on the page and in the CSV export (pure).
 */
import { codeCell, csvLine, headerLine, integerCell, textCell } from "../export/csv";
import { TWO_FACTOR_POLICY_LABELS } from "../accounts/two-factor-policy";
import { ASSUMPTION_CATALOG, type AssumptionSpec } from "../costing/assumption-catalog";
import { exactDollars, unitPrice, unitPriceOfCents } from "../money";
import { FIELD_LABELS, fieldLabel, formatFieldValue } from "../use-case-changes";

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
  /**
   * The use case a change is about, as it is now (the page reads these, the export does not):
   * absent when the entity is not a use case, null when the use case no longer exists.
   */
  useCase?: AuditUseCase | null;
}

export interface AuditUseCase {
  title: string;
  /** In the trash. */
  deleted: boolean;
}

const ACTION_LABELS: Record<string, string> = {
  "security.sign_in.failed": "Failed sign-in",
  "security.sign_in.throttled": "Sign-in refused: too many attempts",
  "security.access.not_member": "Refused: not a member of this organization",
  "security.access.forbidden": "Refused: the role does not allow it",
};

/**
 * A plain label for an action: the security events' own words; any other action's code in words,
 * its subject first: "membership.role_changed" → "Membership: role changed", "use_case.updated" →
 * "Use case: updated" (the page showed the codes themselves; the code stays in the CSV and is what
 * the "Action starts with" filter matches).
 */
export function actionLabel(action: string): string {
  const known = own(ACTION_LABELS, action);
  if (known) return known;
  const m = /^([a-z][a-z0-9_]*)\.([a-z0-9_.]+)$/.exec(action);
  if (!m) return action;
  const subject = m[1]!.replace(/_/g, " ");
  return `${subject.charAt(0).toUpperCase()}${subject.slice(1)}: ${m[2]!.replace(/[_.]/g, " ")}`;
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

/**
 * The audit's own fields, as the pages that write them name them; a use case's fields take the
 * History tab's labels (FIELD_LABELS, and each assessment answer's question).
 */
const AUDIT_FIELD_LABELS: Record<string, string> = {
  amountCents: "Budget",
  totalCents: "Total",
  valueHourlyRateCents: "Hourly value rate",
  replacedMonths: "Months replaced",
  restoredMonths: "Months restored",
  twoFactorPolicy: "Two-factor sign-in",
  fileName: "File",
  shareBp: "Share",
  overrides: "Cost overrides",
  asChosenLifecycleCents: "Lifecycle total as chosen",
  costedUseCases: "Use cases costed",
  movedUseCases: "Use cases whose lifecycle cost moved",
  reprojected: "Use cases re-projected",
};

/** Fields the History tab reads better than the audit's generic values: the use case's own. */
const HISTORY_VALUES = new Set(Object.keys(FIELD_LABELS).filter((k) => k !== "ownerId" && k !== "deletedAt"));
/** Objects that read as one value ("6,000 / 9,000 / 14,000 hours saved a year"), never field by field. */
const WHOLE = new Set(["benefit", "manualEstimate", "additionalFields"]);
/** Amounts stored in integer cents (a number, or a string of digits for a BigInt). */
const CENTS = new Set(["amountCents", "totalCents", "asChosenLifecycleCents"]);
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const MONTH = /^months\.(\d{4})-(\d{2})$/;
const MONTH_NAME = new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" });

/** A label of the map's own, never one an object inherits ("constructor"). */
const own = (map: Readonly<Record<string, string>>, key: string): string | undefined => (Object.hasOwn(map, key) ? map[key] : undefined);

/** "fileName" → "file name"; anything that is not a camelCase name is left as written. */
function words(key: string): string {
  return /^[a-z][a-zA-Z0-9]*$/.test(key) ? key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase() : key;
}

/** A field as a reader knows it: "Expected yearly benefit", "Budget", "Spend in January 2026", "Catalogue › pinned on". */
function label(path: string): string {
  const month = MONTH.exec(path);
  if (month) return `Spend in ${MONTH_NAME.format(new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)))}`;
  if (Object.hasOwn(FIELD_LABELS, path) || path.startsWith("assessment.")) return fieldLabel(path);
  if (Object.hasOwn(AUDIT_FIELD_LABELS, path)) return AUDIT_FIELD_LABELS[path]!;
  const figure = assumptionOf(path);
  if (figure) return figure.in === "values" ? figure.spec.label : `${AUDIT_FIELD_LABELS.overrides} › ${figure.spec.label}`;
  const dot = path.indexOf(".");
  const head = dot < 0 ? path : path.slice(0, dot);
  const top = own(AUDIT_FIELD_LABELS, head) ?? own(FIELD_LABELS, head) ?? words(head);
  const sentence = top.charAt(0).toUpperCase() + top.slice(1);
  return dot < 0 ? sentence : `${sentence} › ${words(path.slice(dot + 1))}`;
}

/**
 * An assumption figure: the organization's (an assumptions save records them under "values") or a
 * use case's own (its cost overrides), named by its key in the catalogue.
 */
function assumptionOf(path: string): { in: "values" | "overrides"; spec: AssumptionSpec } | null {
  const m = /^(values|overrides)\.(\w+)$/.exec(path);
  if (!m || !Object.hasOwn(ASSUMPTION_CATALOG, m[2]!)) return null;
  return { in: m[1] as "values" | "overrides", spec: ASSUMPTION_CATALOG[m[2] as keyof typeof ASSUMPTION_CATALOG] };
}

type Figure = number | null;
const isRange = (v: unknown): v is { low: Figure; base: Figure; high: Figure } =>
  isObject(v) && (["low", "base", "high"] as const).every((k) => v[k] === null || (typeof v[k] === "number" && Number.isFinite(v[k])));

/**
 * A figure's low / base / high in the catalogue's unit, as the assumptions page reads them: money
 * as prices ("$150.00 / $200.00 / $250.00 an hour", "$3.00 / $3.00 / $3.00 per million tokens"),
 * percents with their sign ("60% / 70% / 80%"), other units after the three ("200 / 300 / 400
 * hours", "2 / 3 / 4 hours a week"). No figures at all: "missing"; one missing: "—" in its place.
 */
export function assumptionRangeText(spec: Pick<AssumptionSpec, "unit">, range: { low: Figure; base: Figure; high: Figure }): string {
  const { low, base, high } = range;
  if (low === null && base === null && high === null) return "missing";
  const money = spec.unit.startsWith("USD");
  const percent = spec.unit === "percent";
  const one = (v: Figure) => (v === null ? "—" : money ? unitPrice(v) : `${v.toLocaleString("en-US", { maximumFractionDigits: 6 })}${percent ? "%" : ""}`);
  // "USD/hour" → "an hour", "hours/week" → "hours a week", "USD per million tokens" → "per million tokens".
  const rest = (money ? spec.unit.slice(3) : percent ? "" : spec.unit).trim();
  const slash = /^(.*?)\s*\/\s*(\w+)$/.exec(rest);
  const unit = slash ? `${slash[1] ? `${slash[1]} ` : ""}${slash[2] === "hour" ? "an" : "a"} ${slash[2]}` : rest;
  return `${one(low)} / ${one(base)} / ${one(high)}${unit ? ` ${unit}` : ""} (low / base / high)`;
}

/** A share in basis points as a percent: 1250 → "12.5%", 10000 → "100%". */
export function shareText(bp: number): string {
  return `${(bp / 100).toLocaleString("en-US", { maximumFractionDigits: 2 })}%`;
}

function centsOf(value: unknown): number | bigint | null {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^-?\d+$/.test(value)) return BigInt(value);
  return null;
}

/**
 * A field's value: money to the cent as the money rule writes a change history, a use case's
 * fields as its History tab does (its owner by name, from `names`), assumption figures in their
 * unit, a rule's share as a percent.
 */
function value(path: string, v: unknown, names: Readonly<Record<string, string>>): string {
  const cents = CENTS.has(path) || MONTH.test(path) ? centsOf(v) : null;
  if (cents !== null) return exactDollars(cents);
  if (path === "ownerId" && typeof v === "string") return formatFieldValue(path, v, names);
  if (path === "shareBp" && typeof v === "number") return shareText(v);
  const figure = assumptionOf(path);
  if (figure && isRange(v)) return assumptionRangeText(figure.spec, v);
  if (path === "valueHourlyRateCents" && typeof v === "number") return `${unitPriceOfCents(v)} an hour`;
  if (path === "twoFactorPolicy" && typeof v === "string") return own(TWO_FACTOR_POLICY_LABELS, v) ?? v;
  if (HISTORY_VALUES.has(path) || path.startsWith("assessment.")) return formatFieldValue(path, v);
  return plain(v);
}

/** Nothing: no value, no text, an empty list or object. */
const isEmpty = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);

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

/**
 * Both sides' fields, one per key, an object's keys each on their own ({ maxLagDays: 14 } under
 * "assessment" is "assessment.maxLagDays") when either side holds a non-empty object there, so
 * that nothing on one side and an object on the other compare key by key; a value that reads as
 * one (a benefit, a manual estimate) stays whole.
 */
function flatPair(before: Record<string, unknown> | null, after: Record<string, unknown> | null): { keys: string[]; b: Record<string, unknown>; a: Record<string, unknown> } {
  const keys: string[] = [];
  // No prototype: a field called "constructor" is a field, not Object's.
  const b: Record<string, unknown> = Object.create(null);
  const a: Record<string, unknown> = Object.create(null);
  const has = (o: Record<string, unknown> | null | undefined, k: string): o is Record<string, unknown> => !!o && Object.hasOwn(o, k);
  for (const k of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    const bv = has(before, k) ? before[k] : undefined;
    const av = has(after, k) ? after[k] : undefined;
    const nested = !WHOLE.has(k) && [bv, av].some((v) => isObject(v) && Object.keys(v).length > 0);
    if (!nested) {
      keys.push(k);
      if (has(before, k)) b[k] = bv;
      if (has(after, k)) a[k] = av;
      continue;
    }
    // A list or a value on the other side has no keys to compare: it reads whole, as removed or as new.
    if (!isEmpty(bv) && !isObject(bv)) {
      keys.push(k);
      b[k] = bv;
    }
    if (!isEmpty(av) && !isObject(av)) {
      if (!keys.includes(k)) keys.push(k);
      a[k] = av;
    }
    for (const sub of new Set([...Object.keys(isObject(bv) ? bv : {}), ...Object.keys(isObject(av) ? av : {})])) {
      const path = `${k}.${sub}`;
      keys.push(path);
      // An object where there was nothing: each of its keys had nothing before.
      if (isObject(bv) ? has(bv, sub) : has(before, k) && isEmpty(bv)) b[path] = isObject(bv) ? bv[sub] : null;
      if (isObject(av) && has(av, sub)) a[path] = av[sub];
    }
  }
  return { keys, b, a };
}

/**
 * What a change did, one line per field, each named as a reader knows it: "Title: Old → New",
 * "Role: lead → finance", "Longest acceptable lag (days): 14 days → 7 days" (an object's keys each on a
 * line, never its JSON cut short), money in dollars to the cent ("Budget: $600,000.00"). A field
 * that had no value and now has one is "set to" it; one that had a value and has none is
 * "(removed)"; one the change recorded only after it (a new record's) reads as its value, its
 * empty fields left out. At most six
 * lines, then "and N more". A use case's owner reads by name from `names` (the members of the
 * organization the change is in: AuditPage's), else "a former member".
 */
export function describeChange(beforeText: string | null, afterText: string | null, names: Readonly<Record<string, string>> = {}): string[] {
  const before = parse(beforeText);
  const after = parse(afterText);
  const { keys, b, a } = flatPair(before, after);
  const lines: string[] = [];
  // Whom an unchanged record is about (a member whose role changed): said first, as the changed
  // fields alone ("Role: executive → finance") never named them.
  const subject = isObject(before) && isObject(after) && typeof before.email === "string" && before.email !== "" && before.email === after.email ? before.email : null;
  if (subject) lines.push(`Of ${cut(subject)}`);
  for (const k of keys) {
    const bv = b[k];
    const av = a[k];
    if (isEmpty(bv) && isEmpty(av)) continue;
    if (!isEmpty(bv) && !isEmpty(av) && JSON.stringify(bv) === JSON.stringify(av)) continue;
    const name = label(k);
    const shown = (path: string, v: unknown) => cut(value(path, v, names));
    if (isEmpty(av)) lines.push(`${name}: ${shown(k, bv)} (removed)`);
    // A field the change did not record before (a new record's, or one only the after names) reads as its value.
    else if (!(k in b)) lines.push(`${name}: ${shown(k, av)}`);
    else if (isEmpty(bv)) lines.push(`${name}: set to ${shown(k, av)}`);
    else lines.push(`${name}: ${shown(k, bv)} → ${shown(k, av)}`);
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
