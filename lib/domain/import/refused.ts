/**
 * The refused rows of a check as a CSV to fix and import again: the file's own header and cells,
 * untouched (so the corrected file maps and imports exactly as the original did), plus one last
 * column naming what was wrong. That column's name matches no field, so a re-import ignores it.
 *
 * The cells are the person's own, written back as they came (a formula-looking cell stays what it
 * was: neutralising it would change the data on its way back in); only our reason column is ours.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import Papa from "papaparse";
import { neutralise } from "../export/csv";
import type { CsvRow } from "./csv";
import type { RowOutcome } from "./report";

export const REFUSED_REASON_COLUMN = "Import problems (delete this column or leave it: it is not imported)";

export function refusedRowsCsv(headers: readonly string[], rows: readonly CsvRow[], outcomes: readonly RowOutcome[]): { csv: string; count: number } {
  const reasons = new Map<number, string>();
  for (const o of outcomes) if (o.outcome === "refused") reasons.set(o.row, (o.reasons ?? []).join(" | "));
  const out: string[][] = [[...headers, REFUSED_REASON_COLUMN]];
  for (const r of rows) {
    const why = reasons.get(r.row);
    if (why === undefined) continue;
    // The reason is ours but quotes the file's header ("=1+1: “abc” is not a number."): neutralised like every cell the app writes.
    out.push([...headers.map((_, i) => r.cells[i] ?? ""), neutralise(why)]);
  }
  // A byte-order mark so spreadsheets open it as UTF-8; quotes wherever a cell needs them.
  return { csv: `\ufeff${Papa.unparse(out, { newline: "\r\n" })}\r\n`, count: out.length - 1 };
}
