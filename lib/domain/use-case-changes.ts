/**
 * What changed between two versions of a use case, field by field (assessment answers one by
 * one), and how to show a field's value to a person. Used for the audit log's before/after, the
 * History tab and the "someone else saved" conflict panel.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { formatDate } from "./dates";
import { ANSWER_KEYS, ANSWER_LABELS, APPROACH_LABELS, type AnswerKey, type Approach } from "./assessment";
import { ANSWER_HELP } from "./assessment-help";
import { STATUS_LABELS, type Status } from "./use-case";
import { DECISION_STATE_LABELS, type DecisionState } from "./decisions/workflow";
import { dollars, exactDollars } from "./money";
import { GOVERNANCE_KEYS, GOVERNANCE_LABELS, governanceValueLabel, type GovernanceKey } from "./governance";

/** Labels for the fields around the assessment; answers use ANSWER_LABELS. */
export const FIELD_LABELS: Record<string, string> = {
  title: "Title",
  description: "Description",
  businessUnit: "Business unit",
  ownerId: "Owner",
  status: "Status",
  startDate: "Planned start",
  horizonYears: "Horizon (years)",
  manualEstimate: "Manual yearly estimate",
  externalId: "External id",
  chosenApproach: "Chosen approach",
  decisionNotes: "Decision notes",
  deletedAt: "Deleted",
  startDatePrecision: "Planned start known",
  benefit: "Expected yearly benefit",
  ...GOVERNANCE_LABELS,
  // The decision workflow's steps (issue 20; lib/server/decisions/workflow.ts).
  decisionState: "Decision",
  proposedApproach: "Proposed approach",
  yearlyBudget: "Yearly budget",
  buildBudget: "One-off build (first year)",
  sentBackReason: "Reason",
  reviewReasons: "What changed",
  comment: "Comment",
};

/** "title" → "Title"; "assessment.maxLagDays" → "Longest acceptable lag (days)". */
export function fieldLabel(path: string): string {
  if (path.startsWith("assessment.")) {
    const key = path.slice("assessment.".length) as AnswerKey;
    return ANSWER_LABELS[key] ?? key;
  }
  return FIELD_LABELS[path] ?? path;
}

type Plain = Record<string, unknown>;

function isPlainObject(v: unknown): v is Plain {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** JSON with sorted keys, so that equal values compare equal whatever their key order. */
function canonical(v: unknown): string {
  if (v === undefined) return "null";
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (isPlainObject(v)) {
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v ?? null);
}

const isUnset = (v: unknown) => v === null || v === undefined || v === "" || (isPlainObject(v) && Object.keys(v).length === 0);

export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a ?? null) === canonical(b ?? null);
}

/** `{ title, assessment: { maxLagDays } }` → `{ title, "assessment.maxLagDays" }`. */
export function flattenFields(fields: Plain | null | undefined): Plain {
  const out: Plain = {};
  if (!fields) return out;
  for (const [k, v] of Object.entries(fields)) {
    if (k === "assessment" && isPlainObject(v)) {
      for (const [ak, av] of Object.entries(v)) out[`assessment.${ak}`] = av;
    } else out[k] = v;
  }
  return out;
}

export interface FieldChanges {
  /** The changed fields' old values (assessment answers nested under `assessment`; null = not set). */
  before: Plain;
  /** The changed fields' new values, same shape. */
  after: Plain;
  /** Flat paths of what changed, in form order: "title", "assessment.maxLagDays". */
  changed: string[];
}

/**
 * The fields that differ between `before` and `after`, only those. Assessment answers are
 * compared one by one, so changing one answer records one answer, not the whole assessment.
 * Keys present on neither side are ignored; a key on one side only counts as set → unset.
 */
export function diffFields(before: Plain, after: Plain): FieldChanges {
  const out: FieldChanges = { before: {}, after: {}, changed: [] };
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const key of keys) {
    if (key === "assessment") {
      const a = isPlainObject(before.assessment) ? before.assessment : {};
      const b = isPlainObject(after.assessment) ? after.assessment : {};
      const answerKeys = [...new Set([...ANSWER_KEYS, ...Object.keys(a), ...Object.keys(b)])];
      const ba: Plain = {};
      const aa: Plain = {};
      for (const ak of answerKeys) {
        if (sameValue(a[ak], b[ak])) continue;
        ba[ak] = a[ak] ?? null;
        aa[ak] = b[ak] ?? null;
        out.changed.push(`assessment.${ak}`);
      }
      if (Object.keys(aa).length) {
        out.before.assessment = ba;
        out.after.assessment = aa;
      }
      continue;
    }
    // Unset either way ("", {} or null: each shown as "—"): no change, where an import's empty
    // "Additional fields" was listed as "— → —".
    if (sameValue(before[key], after[key]) || (isUnset(before[key]) && isUnset(after[key]))) continue;
    out.before[key] = before[key] ?? null;
    out.after[key] = after[key] ?? null;
    out.changed.push(key);
  }
  return out;
}

/**
 * A field's value as a person reads it: "—" when not set, Yes/No, labels for statuses,
 * approaches and answer choices, units after numbers, owner names from `names`.
 */
export function formatFieldValue(path: string, value: unknown, names: Readonly<Record<string, string>> = {}): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (path.startsWith("assessment.")) {
    const key = path.slice("assessment.".length) as AnswerKey;
    const help = ANSWER_HELP[key];
    if (typeof value === "string" && help?.options?.[value]) return help.options[value]!;
    if (typeof value === "number") {
      const unit = value === 1 ? (help?.unitOne ?? help?.unit) : help?.unit;
      return `${value.toLocaleString("en-US")}${unit ? ` ${unit}` : ""}`;
    }
    return String(value);
  }
  if ((GOVERNANCE_KEYS as readonly string[]).includes(path)) return governanceValueLabel(path as GovernanceKey, value);
  switch (path) {
    case "startDatePrecision":
      // "Planned start known | to the day": the label and the value read as one phrase.
      return `to the ${String(value).toLowerCase()}`;
    case "startDate":
      // "10 Jan 2027", as every page writes a date (components/dates.ts), not "2027-01-10".
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(`${value}T00:00:00Z`) : String(value);
    case "additionalFields":
      return isPlainObject(value) ? Object.entries(value).map(([k, v]) => `${k}: ${String(v)}`).join("; ") || "—" : canonical(value);
    case "status":
      return STATUS_LABELS[value as Status] ?? String(value);
    case "decisionState":
      return DECISION_STATE_LABELS[value as DecisionState] ?? String(value);
    case "yearlyBudget":
      return typeof value === "number" ? `${exactDollars(value)} a year` : String(value);
    case "buildBudget":
      return typeof value === "number" ? exactDollars(value) : String(value);
    case "chosenApproach":
    case "proposedApproach":
    case "recommendedApproach":
      return APPROACH_LABELS[value as Approach] ?? String(value);
    case "ownerId":
      return typeof value === "string" ? (names[value] ?? "a former member") : String(value);
    case "manualEstimate": {
      if (isPlainObject(value) && typeof value.low === "number" && typeof value.base === "number" && typeof value.high === "number") {
        return `${exactDollars(value.low)} / ${exactDollars(value.base)} / ${exactDollars(value.high)} a year (low / base / high)`;
      }
      return canonical(value);
    }
    case "benefit": {
      // Issue 20: hours saved or revenue a year, as entered (lib/domain/value/benefit.ts).
      if (isPlainObject(value) && typeof value.low === "number" && typeof value.base === "number" && typeof value.high === "number") {
        const n = (x: number) => x.toLocaleString("en-US");
        return value.kind === "HOURS"
          ? `${n(value.low)} / ${n(value.base)} / ${n(value.high)} hours saved a year (low / base / high)`
          : `${dollars(value.low * 100)} / ${dollars(value.base * 100)} / ${dollars(value.high * 100)} of revenue a year (low / base / high)`;
      }
      return canonical(value);
    }
    case "deletedAt":
      return typeof value === "string" ? `Yes (${value.slice(0, 10)})` : String(value);
    default:
      if (typeof value === "number") return value.toLocaleString("en-US");
      if (typeof value === "string") return value;
      return canonical(value);
  }
}
