/**
 * What a check or an import reports: counts, the problems that stop the import (per row and
 * field, with the file's row numbers), and warnings that do not (close titles, stray cells).
 * The browser checks a file in chunks (RowsCheck each) and builds the report from all of them.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import type { CsvEncoding } from "./encoding";
import { MAX_LISTED_ISSUES } from "./limits";
import { fieldLabel, formatFieldValue } from "../use-case-changes";
import { IMPORT_FIELD_BY_KEY, IMPORT_FIELD_KEYS, isAnswerKey, type ImportFieldKey } from "./fields";
import type { RowVolume } from "./outliers";
import type { ConvertedRow, RowIssue } from "./rows";

export type RowAction = "create" | "update" | "unchanged";

/** What a row does, as the check lists it: one of the actions, or refused (with its reasons). */
export type RowOutcomeKind = RowAction | "refused";

/** One field an update changes, as a person reads it (old → new). */
export interface FieldChange {
  /** Flat path: "title", "assessment.maxLagDays". */
  field: string;
  label: string;
  before: string;
  after: string;
}

/** Every row of the file, with what importing it would do. */
export interface RowOutcome {
  row: number;
  outcome: RowOutcomeKind;
  /** The title as given (or, for an update without one, null). */
  title: string | null;
  /** For updates: what changes. */
  changes?: FieldChange[];
  /** For refused rows: why, one sentence each (the column first). */
  reasons?: string[];
  /** For new rows: the values a new use case takes because the file gives none ("Status: Idea"). */
  defaults?: string[];
  /** For new rows: how its cells were read ("Status: Live", "Planned start: “2024” → 1 Jan 2024 (a year)"). */
  read?: string[];
}

export interface ImportCounts {
  /** Data rows checked. */
  rows: number;
  /** Rows that add a use case. */
  create: number;
  /** Rows whose external id is in the registry and that change it. */
  update: number;
  /** Rows whose external id is in the registry and that change nothing. */
  unchanged: number;
  /** Rows with at least one error (refused). */
  errorRows: number;
  /** Rows with at least one warning. */
  warningRows: number;
}

export interface ImportReport {
  counts: ImportCounts;
  /** Problems with the file or the mapping as a whole; any of them stops the import. */
  problems: string[];
  /** Row errors, in row order; at most MAX_LISTED_ISSUES are listed, errorCount counts them all. */
  errors: RowIssue[];
  errorCount: number;
  warnings: RowIssue[];
  warningCount: number;
  /** Things worth knowing that are not about one row (e.g. the close-title check was partial). */
  notes: string[];
  encoding?: CsvEncoding;
  /** How the bytes were read, in words (the evidence for the encoding, and any rows read another way). */
  encodingNote?: string;
  /** Every row with its outcome, in row order (not cut: a 10,000-row file gives 10,000 small entries). */
  outcomes: RowOutcome[];
}

export function emptyReport(): ImportReport {
  return { counts: { rows: 0, create: 0, update: 0, unchanged: 0, errorRows: 0, warningRows: 0 }, problems: [], errors: [], errorCount: 0, warnings: [], warningCount: 0, notes: [], outcomes: [] };
}

const byRow = (a: RowIssue, b: RowIssue) => a.row - b.row;

/** "Title: Title must be at most 200 characters" — a refusal reason with its column first. */
export function reasonOf(issue: RowIssue): string {
  return issue.column ? `${issue.column}: ${issue.message}` : issue.message;
}

/** A report from its parts. Counts are complete; the lists are cut at MAX_LISTED_ISSUES. */
export function buildReport(parts: {
  actions: ReadonlyMap<number, RowAction>;
  rows: number;
  errors: RowIssue[];
  warnings: RowIssue[];
  problems?: string[];
  notes?: string[];
  encoding?: CsvEncoding;
  encodingNote?: string;
  /** Every row number of the file, with its title, so each row gets an outcome (fileRowsOf). */
  fileRows?: readonly FileRow[];
  /** What each update changes. */
  changes?: ReadonlyMap<number, FieldChange[]>;
}): ImportReport {
  const errorRows = new Set(parts.errors.map((e) => e.row));
  const warningRows = new Set(parts.warnings.map((w) => w.row));
  const counts = { rows: parts.rows, create: 0, update: 0, unchanged: 0, errorRows: errorRows.size, warningRows: warningRows.size };
  for (const [row, action] of parts.actions) if (!errorRows.has(row)) counts[action]++;
  const errors = [...parts.errors].sort(byRow);
  const warnings = [...parts.warnings].sort(byRow);
  return {
    counts,
    problems: parts.problems ?? [],
    errors: errors.slice(0, MAX_LISTED_ISSUES),
    errorCount: errors.length,
    warnings: warnings.slice(0, MAX_LISTED_ISSUES),
    warningCount: warnings.length,
    notes: [...new Set(parts.notes ?? [])],
    ...(parts.encoding ? { encoding: parts.encoding } : {}),
    ...(parts.encodingNote ? { encodingNote: parts.encodingNote } : {}),
    outcomes: outcomesOf(parts.fileRows ?? [], parts.actions, errors, parts.changes),
  };
}

function outcomesOf(
  fileRows: readonly FileRow[],
  actions: ReadonlyMap<number, RowAction>,
  errors: readonly RowIssue[],
  changes: ReadonlyMap<number, FieldChange[]> | undefined,
): RowOutcome[] {
  const reasons = new Map<number, string[]>();
  for (const e of errors) {
    const list = reasons.get(e.row) ?? [];
    const r = reasonOf(e);
    if (!list.includes(r)) list.push(r);
    reasons.set(e.row, list);
  }
  const out: RowOutcome[] = [];
  for (const { row, title, defaults, read } of fileRows) {
    const why = reasons.get(row);
    if (why) {
      out.push({ row, outcome: "refused", title, reasons: why });
      continue;
    }
    const action = actions.get(row);
    if (!action) continue;
    const c = action === "update" ? changes?.get(row) : undefined;
    if (c) out.push({ row, outcome: action, title, changes: c });
    else if (action === "create") out.push({ row, outcome: action, title, ...(read?.length ? { read } : {}), ...(defaults?.length ? { defaults } : {}) });
    else out.push({ row, outcome: action, title });
  }
  return out;
}

/** A row of the file as the report lists it. */
export interface FileRow {
  row: number;
  title: string | null;
  /** What a new use case from this row takes because its cell is empty (shown only if the row adds one). */
  defaults?: string[];
  /** How the row's cells were read (shown only if the row adds one; an update shows its changes). */
  read?: string[];
}

/**
 * The fields whose empty cell gives a new use case a value of its own (the schema's default), in
 * words. An update keeps what is stored instead (buildFields), so these are shown for new rows only.
 */
const DEFAULTED: readonly { key: ImportFieldKey; text: string }[] = [
  { key: "status", text: "Status: Idea (no status given)" },
  { key: "horizonYears", text: "Horizon: 5 years (none given)" },
];

/** Every converted row as the report lists it, with how its cells were read and the defaults it would take as a new use case. */
export function fileRowsOf(converted: readonly Pick<ConvertedRow, "row" | "title" | "values" | "cells" | "startDatePrecision">[]): FileRow[] {
  return converted.map((c) => {
    const defaults = DEFAULTED.filter((d) => c.values[d.key] === undefined).map((d) => d.text);
    const read = readValues(c);
    return { row: c.row, title: c.title, ...(read.length ? { read } : {}), ...(defaults.length ? { defaults } : {}) };
  });
}

/** Always shown for a new row when the file gives them: what a person checks first. */
const SHOWN_ALWAYS: readonly ImportFieldKey[] = ["status", "startDate", "businessUnit"];
const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** The words of a value, for comparing what the file wrote with what it was read as ("In-production" ≈ "in production"). */
const words = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/** 2027-07-01 → "1 Jul 2027" (the schema checks the date; anything else is shown as it is). */
function dayText(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = m ? MONTH_NAMES[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

/**
 * How a new row's cells were read, one phrase per field: the status, planned start and business
 * unit whenever given, and any other cell read as something other than what it says ("Y" → Yes,
 * "In production" → Live, "2024" → 1 Jan 2024). The title is listed beside it already.
 */
export function readValues(c: Pick<ConvertedRow, "values" | "cells" | "startDatePrecision">): string[] {
  const out: string[] = [];
  for (const key of IMPORT_FIELD_KEYS) {
    const value = c.values[key];
    if (value === undefined || key === "title" || key === "externalId" || key === "ownerEmail") continue;
    const field = IMPORT_FIELD_BY_KEY[key];
    const raw = c.cells?.[key];
    const path = isAnswerKey(key) ? `assessment.${key}` : key;
    let shown: string;
    let reread: boolean;
    if (field.kind === "date" && typeof value === "string") {
      const precision = c.startDatePrecision ?? "DAY";
      shown = dayText(value) + (precision === "YEAR" ? " (a year, from its first day)" : precision === "MONTH" ? ` (${raw && /q/i.test(raw) ? "a quarter" : "a month"}, from its first day)` : "");
      reread = raw !== undefined && raw !== value;
    } else if (typeof value === "number") {
      shown = formatFieldValue(path, value);
      reread = raw !== undefined && raw.replace(/[\s,%]/g, "") !== String(value);
    } else {
      shown = formatFieldValue(path, value);
      reread = raw !== undefined && words(raw) !== words(shown) && words(raw) !== words(String(value));
    }
    if (reread) out.push(`${fieldLabel(path)}: “${raw!.length > 40 ? `${raw!.slice(0, 40)}…` : raw}” → ${shown}`);
    else if (SHOWN_ALWAYS.includes(key)) out.push(`${fieldLabel(path)}: ${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}`);
  }
  return out;
}

/** The rows refused by a report (row numbers). */
export function refusedRows(report: Pick<ImportReport, "outcomes">): Set<number> {
  return new Set(report.outcomes.filter((o) => o.outcome === "refused").map((o) => o.row));
}

/**
 * The refused rows as an import's record names them, by the file's own row numbers (as a
 * spreadsheet numbers them): "row 4", "rows 4, 7 and 12", the first twenty and "and 31 more". "" for none.
 */
export function refusedRowsText(rows: readonly number[]): string {
  const sorted = [...rows].sort((a, b) => a - b);
  if (sorted.length === 0) return "";
  if (sorted.length === 1) return `row ${sorted[0]}`;
  const shown = sorted.slice(0, 20).map((r) => r.toLocaleString("en-US"));
  const more = sorted.length - shown.length;
  return more > 0 ? `rows ${shown.join(", ")} and ${more.toLocaleString("en-US")} more` : `rows ${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}

/**
 * A row that finds a use case of the registry (by its external id, or its title and business
 * unit) and would update it: its use case, and where to say so if another row finds it too.
 */
export interface RowMatch {
  row: number;
  useCaseId: string;
  title: string;
  field: "externalId" | "title";
  column: string | null;
  /** Found by its external id (else by its title and business unit). */
  byExternalId: boolean;
}

/**
 * "Row 4 already updates the same use case (…)": one message for the check and the import. None
 * where both rows found it by its external id: they carry the same id, and the file's own check
 * ("External id “RR-3” is also on row 4") says so already, so the row is not given the reason twice.
 */
function sameUseCaseIssue(m: RowMatch, first: RowMatch): RowIssue | null {
  if (m.byExternalId && first.byExternalId) return null;
  return { row: m.row, field: m.field, column: m.column, message: `Row ${first.row} already updates the same use case (“${m.title}”); each use case can come from one row only.` };
}

/**
 * The rows that update a use case another row of the file already updates, across the chunks the
 * browser checks one at a time (each chunk's own check sees only its rows; the import plans the
 * whole file, so without this a file could pass the check and be refused by the import).
 * `claimed` carries the first row per use case from chunk to chunk.
 */
export function claimAcrossChunks(claimed: Map<string, RowMatch>, matches: readonly RowMatch[]): RowIssue[] {
  const out: RowIssue[] = [];
  for (const m of matches) {
    const first = claimed.get(m.useCaseId);
    if (first === undefined) claimed.set(m.useCaseId, m);
    else if (first.row !== m.row) {
      const issue = sameUseCaseIssue(m, first);
      if (issue) out.push(issue);
    }
  }
  return out;
}

/** What checking some rows gives: what each row would do, and every problem (not cut). */
export interface RowsCheck {
  actions: [row: number, action: RowAction][];
  /** For each update: the fields it changes, old → new. */
  changes: [row: number, changes: FieldChange[]][];
  errors: RowIssue[];
  warnings: RowIssue[];
  notes: string[];
  /** The rows that would update a use case of the registry (the first row per use case), for claimAcrossChunks. */
  matches: RowMatch[];
  /** The volume of each row that would be written and gives its monthly calls, for volumeOutliers across the file. */
  volumes: RowVolume[];
  /**
   * When asked (the first chunk): the calls over the horizon (callsOverHorizon) of each of the
   * organization's use cases that gives its monthly calls, by id, for volumeOutliers.
   */
  registry?: [useCaseId: string, calls: number][];
}

/**
 * What the page says above its buttons when some rows are refused: import the rows that pass and
 * leave the refused out, or nothing. When no row would be written (the rest match the registry
 * already), there is no choice to offer, and it says so instead of "Import the 0 rows that pass".
 */
export function refusedChoice(counts: Pick<ImportCounts, "create" | "update" | "unchanged" | "errorRows">): string {
  const fmt = (n: number) => n.toLocaleString("en-US");
  const { errorRows } = counts;
  const writes = counts.create + counts.update;
  const refused = `${fmt(errorRows)} row${errorRows === 1 ? " is" : "s are"} refused.`;
  const them = errorRows === 1 ? "it" : "them";
  if (writes === 0) {
    const rest = counts.unchanged ? ` The other ${fmt(counts.unchanged)} ${counts.unchanged === 1 ? "matches" : "match"} the registry already, so there is nothing to import.` : " No row passes, so there is nothing to import.";
    return `${refused}${rest} Download ${them} to correct and import again.`;
  }
  return `${refused} Import the ${fmt(writes)} row${writes === 1 ? "" : "s"} that pass and leave ${them} out (download ${them} to correct and import later), or import nothing and correct the file first.`;
}
