/**
 * From a file's row to a use case's fields: the mapped cells are converted (numbers, yes/no,
 * mapped values, dates), then checked with the real schema (useCaseFieldsSchema), and every
 * problem is reported against the row number of the file and the field (and its column).
 *
 * An empty cell gives nothing: a new use case gets the schema's default (answers stay missing,
 * never a made-up "no" or 0); an update keeps what is stored. A cell with a value replaces it.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { ANSWER_KEYS, type AnswerKey } from "../assessment";
import { useCaseFieldsSchema, type UseCaseFields } from "../use-case";
import { parseNumberInput } from "../use-case-form";
import type { ColumnMap } from "./columns";
import type { CsvRow } from "./csv";
import { parseDateCell, type DatePrecision } from "./dates";
import { IMPORT_FIELD_BY_KEY, IMPORT_FIELD_KEYS, isAnswerKey, numberExpected, type ImportFieldKey } from "./fields";
import type { ImportMapping } from "./mapping";
import { ID_SEPARATOR } from "./mapping";
import { REFUSED_REASON_COLUMN } from "./refused";
import { faultExcerpt, showControls, textFault } from "./text-repair";
import { resolveValue } from "./values";
import { DECIMAL_COMMA } from "../numbers";

export interface RowIssue {
  /** The row number in the file (the header is 1). */
  row: number;
  field: ImportFieldKey | null;
  /** The file's column the field came from. */
  column: string | null;
  message: string;
  /** Use cases in the registry the message is about (a close title), to link to. */
  related?: { id: string; title: string }[];
  /** Set on a warning about garbled text that "Repair text" would fix. */
  fault?: "mojibake" | "control";
}

export interface ConvertedRow {
  row: number;
  /** Converted values of the non-empty mapped cells, by field (answers as booleans and numbers). */
  values: Partial<Record<ImportFieldKey, string | number | boolean>>;
  /** Lower-cased owner email, when given. */
  ownerEmail: string | null;
  externalId: string | null;
  /** The title as given (trimmed), for duplicate checks. */
  title: string | null;
  /** The file's other columns, kept by name (when the mapping keeps them): non-empty cells only. */
  additional?: Record<string, string>;
  /** How precise the planned start is ("2025" is a year), when the cell gave one. */
  startDatePrecision?: DatePrecision;
  /** The cells read as something other than text (dates, numbers, chosen values), as written: for the preview's "read as". */
  cells?: Partial<Record<ImportFieldKey, string>>;
  errors: RowIssue[];
  warnings: RowIssue[];
}

/**
 * The columns the fields come from: field → column position and name. An external id built from
 * several columns has `parts` (their positions) and index -1; its header names them all.
 */
export type ColumnPlan = Partial<Record<ImportFieldKey, { index: number; header: string; parts?: number[] }>> & {
  /** The columns no field takes (kept as additional fields when the mapping says so). */
  others?: { index: number; header: string }[];
};

export function columnPlan(headers: readonly string[], columns: Readonly<ColumnMap>, idColumns?: readonly string[]): ColumnPlan {
  const plan: ColumnPlan = {};
  headers.forEach((header, index) => {
    // Own keys only: a column called "constructor" is not Object.prototype.constructor.
    const key = Object.hasOwn(columns, header) ? columns[header] : undefined;
    if (key && !plan[key]) plan[key] = { index, header };
  });
  const parts = (idColumns ?? []).map((h) => headers.indexOf(h)).filter((i) => i >= 0);
  if (parts.length) plan.externalId = { index: -1, header: parts.map((i) => headers[i]!).join(" + "), parts };
  const used = planColumns(plan);
  // The reason column of a refused-rows download is ours, never the inventory's: not kept.
  plan.others = headers.map((header, index) => ({ index, header })).filter((c) => !used.has(c.index) && c.header !== REFUSED_REASON_COLUMN);
  return plan;
}

/** The positions of the columns a plan reads. */
export function planColumns(plan: ColumnPlan): Set<number> {
  const used = new Set<number>();
  for (const [key, c] of Object.entries(plan)) {
    if (!c || key === "others" || Array.isArray(c)) continue;
    if (c.index >= 0) used.add(c.index);
    for (const p of c.parts ?? []) used.add(p);
  }
  return used;
}

/** How rows without an external id find their use case: exact title and business unit (trimmed). */
export function titleKey(title: string, businessUnit: string): string {
  return `${title.trim()}\u0000${businessUnit.trim()}`;
}

const SPACES = /^[\s\u00a0]+|[\s\u00a0]+$/g;
/** What inventories write in a number cell for "not known" ("None" is left out: it may mean 0, so it is refused, to be written either way). */
const NUMBER_NOT_KNOWN: ReadonlySet<string> = new Set(["n/a", "na", "n.a.", "not applicable", "unknown", "not known", "tbd", "to be determined", "-", "--", "?", "not available", "pending"]);
/** A whole number written with dots between groups of three digits ("12.000", "1.000.000"); group 1 is set when there is one dot only (so it could also be decimals). */
const DOT_THOUSANDS = /^[-+]?[1-9]\d{0,2}(?:(\.\d{3})|(?:\.\d{3}){2,})$/;

const SHOWN_CELL = 40;
/**
 * A cell as a refusal quotes it: trimmed, cut at 40 characters (whole characters, never half an
 * emoji) with "…" when longer, invisible control characters named. Plain text: the page shows it
 * as text and the refused-rows download neutralises it (refused.ts).
 */
export function quotedCell(raw: string): string {
  const chars = Array.from(raw.trim());
  return `“${showControls(chars.slice(0, SHOWN_CELL).join(""))}${chars.length > SHOWN_CELL ? "…" : ""}”`;
}

/** The refusal of a number cell that holds no number we read: the cell in its own words, and what to write instead. */
export function notANumberMessage(key: ImportFieldKey, raw: string): string {
  return `${quotedCell(raw)} is not a number: write ${numberExpected(key)}.`;
}

function convertCell(key: ImportFieldKey, raw: string, mapping: ImportMapping): { value?: string | number | boolean; error?: string; precision?: DatePrecision } {
  const field = IMPORT_FIELD_BY_KEY[key];
  switch (field.kind) {
    case "text":
      return { value: raw };
    case "email":
      return { value: raw.trim().toLowerCase() };
    case "date": {
      const d = parseDateCell(raw, mapping.dateOrder);
      if (!d.ok) return { error: d.message };
      return d.value === null ? {} : { value: d.value, precision: d.precision };
    }
    case "enum":
    case "boolean": {
      const r = resolveValue(key, raw, mapping.values);
      if (!r.ok) return { error: r.message };
      if (r.value === null) return {};
      return { value: field.kind === "boolean" ? r.value === "yes" : r.value };
    }
    case "integer":
    case "number": {
      // "N/A", "Unknown", "TBD", "-": no number, so no answer (as a date cell reads them), never a refusal or a made-up 0.
      if (NUMBER_NOT_KNOWN.has(raw.trim().toLowerCase())) return {};
      const s = key === "yearlyGrowthPct" ? raw.replace(/%\s*$/, "") : raw;
      // A dot between groups of three digits in a whole number is how much of Europe separates thousands ("12.000"):
      // read as decimals it would silently be a thousand times too small, so it is refused with both readings.
      const dotted = DOT_THOUSANDS.exec(s.replace(/[\s_]/g, ""));
      if (field.kind === "integer" && dotted) {
        const digits = dotted[0].replace(/\./g, "");
        const thousands = Number(digits).toLocaleString("en-US");
        const shown = raw.trim().slice(0, 40);
        return {
          error:
            dotted[1] === ".000"
              ? `“${shown}” could be ${thousands} (a dot separating thousands) or ${Number(digits) / 1000}: write ${digits} (or ${thousands}), or ${Number(digits) / 1000}.`
              : `“${shown}” is not a whole number as we read it (a dot separates decimals). For ${thousands}, write ${digits} (or ${thousands}).`,
        };
      }
      const n = parseNumberInput(s);
      if (n === undefined) return {};
      if (Number.isNaN(n)) {
        // A decimal comma, as a semicolon-separated file writes it: say how to write it, never read it as thousands.
        const decimalComma = DECIMAL_COMMA.test(s.trim());
        return { error: decimalComma ? `${quotedCell(raw)} is not a number we read: write decimals with a point (${s.trim().replace(",", ".")}); a comma only separates thousands (1,000).` : notANumberMessage(key, raw) };
      }
      // Past 2^53 a number is no longer exact, and the schema's first check (whole years, whole
      // days) would call "99999999999999999999" a fraction: said as what it is.
      if (Math.abs(n) > Number.MAX_SAFE_INTEGER) return { error: `${quotedCell(raw)} is far too large: write ${numberExpected(key)}.` };
      return { value: n };
    }
  }
}

/** Converts one row's mapped cells. Nothing is checked against the schema yet (see buildFields). */
export function convertRow(r: CsvRow, plan: ColumnPlan, mapping: ImportMapping): ConvertedRow {
  const out: ConvertedRow = { row: r.row, values: {}, ownerEmail: null, externalId: null, title: null, errors: [], warnings: [] };
  for (const key of IMPORT_FIELD_KEYS) {
    const col = plan[key];
    if (!col) continue;
    let raw: string;
    if (col.parts) {
      const cells = col.parts.map((i) => (r.cells[i] ?? "").replace(SPACES, ""));
      // Every part is needed: an agency without its number identifies nothing.
      raw = cells.every((c) => c !== "") ? cells.join(ID_SEPARATOR) : "";
    } else raw = (r.cells[col.index] ?? "").replace(SPACES, "");
    if (raw === "") continue;
    if (IMPORT_FIELD_BY_KEY[key].kind === "text") {
      const fault = textFault(raw);
      if (fault && mapping.repairText) raw = fault.repaired;
      else if (fault) out.warnings.push(faultWarning(r.row, key, col.header, raw, fault.repaired, fault.kind));
    }
    const { value, error, precision } = convertCell(key, raw, mapping);
    if (error) out.errors.push({ row: r.row, field: key, column: col.header, message: error });
    else if (value !== undefined) {
      out.values[key] = value;
      if (typeof value !== "string" || value !== raw) (out.cells ??= {})[key] = raw.trim();
    }
    // Growth is read in percent: 0.15 is 0.15% a year, which a spreadsheet that stores 15% as 0.15 did not mean.
    if (key === "yearlyGrowthPct" && typeof value === "number" && value !== 0 && Math.abs(value) < 1 && !raw.includes("%")) {
      const meant = Math.round(value * 1000) / 10;
      out.warnings.push({ row: r.row, field: key, column: col.header, message: `“${raw.trim()}” is read as ${value}% a year. If the file means ${meant}%, write ${meant} (or ${meant}%).` });
    }
    if (precision) out.startDatePrecision = precision;
  }
  if (mapping.keepOthers && plan.others) {
    const additional: Record<string, string> = {};
    for (const { index, header } of plan.others) {
      let raw = (r.cells[index] ?? "").replace(SPACES, "");
      if (raw === "") continue;
      const fault = textFault(raw);
      if (fault && mapping.repairText) raw = fault.repaired;
      else if (fault) out.warnings.push(faultWarning(r.row, null, header, raw, fault.repaired, fault.kind));
      additional[header] = raw;
    }
    out.additional = additional;
  }
  if (typeof out.values.ownerEmail === "string") out.ownerEmail = out.values.ownerEmail;
  if (typeof out.values.externalId === "string") out.externalId = out.values.externalId.trim();
  if (typeof out.values.title === "string") out.title = out.values.title.trim();
  if (r.extraCells) {
    out.warnings.push({
      row: r.row,
      field: null,
      column: null,
      message: `This row has ${r.extraCells} more cell${r.extraCells === 1 ? "" : "s"} than the header has columns; ${r.extraCells === 1 ? "it is" : "they are"} ignored. A comma inside an unquoted cell does this.`,
    });
  }
  return out;
}

/** A warning about garbled text in a cell, with how it would read repaired. */
export function faultWarning(row: number, field: ImportFieldKey | null, column: string, raw: string, repaired: string, kind: "mojibake" | "control"): RowIssue {
  const x = faultExcerpt(raw, repaired);
  const what = kind === "mojibake" ? "looks garbled by a wrong decoding upstream (mojibake)" : "holds an invisible control character where a Windows-1252 character belongs";
  return { row, field, column, fault: kind, message: `The text ${what}: “${showControls(x.before)}” would read “${x.after}” repaired. Choose “Repair text” to fix every such cell.` };
}

/** A zod issue's path as the import field it concerns: ["assessment", "maxLagDays"] → maxLagDays. */
function fieldOfPath(path: readonly PropertyKey[]): ImportFieldKey | null {
  const [first, second] = path.map(String);
  if (first === "assessment" && second && (ANSWER_KEYS as readonly string[]).includes(second)) return second as AnswerKey;
  if (first && first in IMPORT_FIELD_BY_KEY) return first as ImportFieldKey;
  if (first === "ownerId") return "ownerEmail";
  return null;
}

/** The cell of this row a field was read from, as written (null: the field is not from this row's cells). */
function cellOf(c: ConvertedRow, field: ImportFieldKey | null): string | null {
  if (!field || field === "title" || c.values[field] === undefined) return null;
  return c.cells?.[field] ?? (typeof c.values[field] === "string" ? (c.values[field] as string) : null);
}

/**
 * A refusal of the schema with the cell it refuses quoted first, as a number cell's is: "“31/02/2027”:
 * not a real date: check the day and the month", "“12”: at most 10 years" (it said only "At most 10
 * years", and the row had to be found in the file to see what it held).
 */
function quotedRefusal(raw: string | null, message: string): string {
  return raw === null ? message : `${quotedCell(raw)}: ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
}

export type BuiltFields = { ok: true; fields: UseCaseFields } | { ok: false; errors: RowIssue[] };

/**
 * The row's fields, checked with useCaseFieldsSchema: on top of the stored use case for an
 * update (cells given replace, empty cells keep), or alone for a new one.
 */
export function buildFields(c: ConvertedRow, plan: ColumnPlan, existing: UseCaseFields | null, ownerId?: string): BuiltFields {
  const base: Record<string, unknown> = {};
  const answers: Record<string, unknown> = existing ? { ...existing.assessment } : {};
  if (existing) {
    Object.assign(base, existing);
    delete base.assessment;
    delete base.ownerId;
  }
  for (const [key, value] of Object.entries(c.values) as [ImportFieldKey, string | number | boolean][]) {
    if (key === "ownerEmail") continue;
    if (isAnswerKey(key)) answers[key] = value;
    else base[key] = value;
  }
  if (c.additional && Object.keys(c.additional).length) base.additionalFields = { ...((base.additionalFields as Record<string, string> | undefined) ?? {}), ...c.additional };
  if (c.startDatePrecision) base.startDatePrecision = c.startDatePrecision;
  else if (c.values.startDate !== undefined) base.startDatePrecision = "DAY";
  const input: Record<string, unknown> = { ...base, assessment: answers };
  if (ownerId) input.ownerId = ownerId;
  const parsed = useCaseFieldsSchema.safeParse(input);
  if (parsed.success) return { ok: true, fields: parsed.data };
  const missingTitle = input.title === undefined;
  // One message per field: the first the schema gives (the format before the range).
  const errors: RowIssue[] = [];
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    const field = fieldOfPath(issue.path);
    const key = field ?? issue.path.join(".");
    if (seen.has(key)) continue;
    seen.add(key);
    // A column kept as an additional field is named by its header (the path's second part), as a field's column is.
    const kept = !field && issue.path[0] === "additionalFields" && issue.path.length > 1 ? String(issue.path[1]) : null;
    const message =
      field === "title" && missingTitle
        ? plan.title
          ? "Title is required"
          : "Title is required: map a column to Title."
        : kept
          ? `${issue.message}: shorten the cell, or untick “Keep the columns mapped to no field” to leave this column out.`
          : quotedRefusal(cellOf(c, field), issue.message);
    errors.push({ row: c.row, field, column: field ? (plan[field]?.header ?? null) : kept, message });
  }
  return { ok: false, errors };
}

/**
 * Checks across the rows of one file: an external id may appear on one row only (the later rows
 * are errors, naming the first).
 */
export function duplicateExternalIds(rows: readonly ConvertedRow[], plan: ColumnPlan): RowIssue[] {
  const first = new Map<string, number>();
  const issues: RowIssue[] = [];
  for (const r of rows) {
    if (!r.externalId) continue;
    const seen = first.get(r.externalId);
    if (seen === undefined) first.set(r.externalId, r.row);
    else issues.push({ row: r.row, field: "externalId", column: plan.externalId?.header ?? null, message: `External id “${r.externalId}” is also on row ${seen}; each use case must have its own.` });
  }
  return issues;
}

/**
 * Checks across the rows of one file, for rows without an external id: they find their use case
 * by exact title and business unit, so two such rows with the same pair would be the same use
 * case twice (the later rows are refused, naming the first).
 */
export function duplicateTitles(rows: readonly ConvertedRow[], plan: ColumnPlan, identical: ReadonlyMap<number, number> = new Map()): RowIssue[] {
  const first = new Map<string, number>();
  const issues: RowIssue[] = [];
  for (const r of rows) {
    if (r.externalId || !r.title) continue;
    const key = titleKey(r.title, typeof r.values.businessUnit === "string" ? r.values.businessUnit : "");
    const seen = first.get(key);
    if (seen === undefined) first.set(key, r.row);
    else
      issues.push({
        row: r.row,
        field: "title",
        column: plan.title?.header ?? null,
        message:
          identical.get(r.row) === seen
            ? `Identical to row ${seen}: the same title and values, and no external id either, so both would be one use case; remove one (or give each an external id).`
            : `Row ${seen} has the same title and business unit and no external id either, so both would be one use case; give each an external id or remove one.`,
      });
  }
  return issues;
}

/** What a row would store, external id aside: its mapped values and the other columns it keeps. */
function sameValuesKey(r: ConvertedRow): string {
  const values = Object.entries(r.values)
    .filter(([k]) => k !== "externalId")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const additional = Object.entries(r.additional ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([values, additional]);
}

/**
 * Rows that repeat an earlier row: the same title and every other value the same (the external
 * id aside). Later row → the first such row. Rows without a title are left out (they are refused
 * for it anyway, or update by external id).
 */
export function identicalRows(rows: readonly ConvertedRow[]): Map<number, number> {
  const first = new Map<string, number>();
  const out = new Map<number, number>();
  for (const r of rows) {
    if (!r.title) continue;
    const key = sameValuesKey(r);
    const seen = first.get(key);
    if (seen === undefined) first.set(key, r.row);
    else out.set(r.row, seen);
  }
  return out;
}
