/**
 * The steps every import takes before it looks at the registry, shared by the browser (the
 * preview) and the server (the import): problems with the mapping, each row converted, and the
 * checks across rows (repeated external ids are errors; identical rows and close titles between rows
 * are warnings).
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { doublyMappedFields, type ColumnMap } from "./columns";
import type { CsvRow } from "./csv";
import { describeCloseTitles, findCloseTitles, INCOMPLETE_CLOSE_TITLES } from "./duplicates";
import { IMPORT_FIELD_BY_KEY } from "./fields";
import type { ImportMapping } from "./mapping";
import { columnPlan, convertRow, duplicateExternalIds, duplicateTitles, identicalRows, type ColumnPlan, type ConvertedRow, type RowIssue } from "./rows";

/** What is wrong with a mapping for these columns, as sentences; empty when it can be used. */
export function mappingProblems(headers: readonly string[], columns: Readonly<ColumnMap>, idColumns?: readonly string[]): string[] {
  const inFile = new Set(headers);
  const used = Object.entries(columns).filter(([h, k]) => k && inFile.has(h));
  const problems: string[] = [];
  if (used.length === 0) problems.push("No column is mapped to a field: map at least the title.");
  else if (!used.some(([, k]) => k === "title") && !used.some(([, k]) => k === "externalId") && !idColumns?.length) {
    problems.push("Map a column to Title (new use cases need one), or to External id to update use cases already in the registry.");
  }
  for (const key of doublyMappedFields(Object.fromEntries(used))) {
    if (key === "externalId" && idColumns?.length) continue;
    problems.push(`Two columns are mapped to ${IMPORT_FIELD_BY_KEY[key].label}; choose one.`);
  }
  const missing = (idColumns ?? []).filter((h) => !inFile.has(h));
  if (missing.length) problems.push(`The external id is built from ${missing.map((h) => `“${h}”`).join(", ")}, which this file does not have; choose its columns again.`);
  return problems;
}

export interface PreparedRows {
  plan: ColumnPlan;
  converted: ConvertedRow[];
}

export function prepareRows(headers: readonly string[], rows: readonly CsvRow[], mapping: ImportMapping): PreparedRows {
  const plan = columnPlan(headers, mapping.columns, mapping.externalIdColumns);
  return { plan, converted: rows.map((r) => convertRow(r, plan, mapping)) };
}

/** Checks across the rows of one file. Close titles between rows are looked for only when asked (the preview). */
export function crossRowChecks(
  converted: readonly ConvertedRow[],
  plan: ColumnPlan,
  options: { closeTitles: boolean },
): { errors: RowIssue[]; warnings: RowIssue[]; notes: string[] } {
  const identical = identicalRows(converted);
  const errors = [...duplicateExternalIds(converted, plan), ...duplicateTitles(converted, plan, identical)];
  const warnings: RowIssue[] = [];
  const notes: string[] = [];
  // A row identical to an earlier one is said so plainly; refused only when the rows are one use case
  // (the same external id, or no id and the same title and business unit: the errors above say so).
  const refused = new Set(errors.filter((e) => e.field === "externalId" || e.field === "title").map((e) => e.row));
  for (const [row, first] of identical) {
    if (refused.has(row)) continue;
    warnings.push({ row, field: "title", column: plan.title?.header ?? null, message: `Identical to row ${first}: the same title and values. Remove one if it is the same use case twice.` });
  }
  if (options.closeTitles) {
    const titled = converted.filter((c) => c.title).map((c) => ({ row: c.row, title: c.title! }));
    const close = findCloseTitles(titled, [], { compareRows: true });
    // Identical rows are not "close" as well: that is said once, above.
    const group = (row: number) => identical.get(row) ?? row;
    for (const [row, found] of close.matches) {
      const matches = found.filter((m) => m.kind !== "row" || group(Number(m.ref)) !== group(row));
      if (matches.length) warnings.push({ row, field: "title", column: plan.title?.header ?? null, message: describeCloseTitles(matches) });
    }
    if (!close.complete) notes.push(INCOMPLETE_CLOSE_TITLES);
  }
  return { errors, warnings, notes };
}
