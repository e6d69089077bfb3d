/**
 * What a check or an import reports: counts, the problems that stop the import (per row and
 * field, with the file's row numbers), and warnings that do not (close titles, stray cells).
 * The browser checks a file in chunks (RowsCheck each) and builds the report from all of them.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import type { CsvEncoding } from "./encoding";
import { MAX_LISTED_ISSUES } from "./limits";
import type { RowIssue } from "./rows";

export type RowAction = "create" | "update" | "unchanged";

export interface ImportCounts {
  /** Data rows checked. */
  rows: number;
  /** Rows that add a use case. */
  create: number;
  /** Rows whose external id is in the registry and that change it. */
  update: number;
  /** Rows whose external id is in the registry and that change nothing. */
  unchanged: number;
  /** Rows with at least one error. */
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
}

export function emptyReport(): ImportReport {
  return { counts: { rows: 0, create: 0, update: 0, unchanged: 0, errorRows: 0, warningRows: 0 }, problems: [], errors: [], errorCount: 0, warnings: [], warningCount: 0, notes: [] };
}

const byRow = (a: RowIssue, b: RowIssue) => a.row - b.row;

/** A report from its parts. Counts are complete; the lists are cut at MAX_LISTED_ISSUES. */
export function buildReport(parts: {
  actions: ReadonlyMap<number, RowAction>;
  rows: number;
  errors: RowIssue[];
  warnings: RowIssue[];
  problems?: string[];
  notes?: string[];
  encoding?: CsvEncoding;
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
  };
}

/** What checking some rows gives: what each row would do, and every problem (not cut). */
export interface RowsCheck {
  actions: [row: number, action: RowAction][];
  errors: RowIssue[];
  warnings: RowIssue[];
  notes: string[];
}
