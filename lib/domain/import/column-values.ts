/**
 * Column suggestions that look at the column's values too, where its name alone is ambiguous. A
 * column headed "Stage" answers by name to the governance field Stage (OMB's Pre-deployment, Pilot,
 * Deployed, Retired); a reviewer's file held the lifecycle there ("Idea", "assessing", "building",
 * "live"), so every row read "Not mapped: its rows will fail" until Status was picked by hand.
 * Where a column suggested as the governance stage holds values that read as statuses and not as
 * stages, and no other column is Status, it is suggested as Status.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { suggestColumns, type ColumnMap } from "./columns";
import { suggestValue } from "./values";

/** At most this many rows are looked at. */
const SAMPLE_ROWS = 500;

/** The share of the column's distinct, non-empty values that `key` recognises. */
function recognised(key: "status" | "stage", values: ReadonlySet<string>): number {
  if (values.size === 0) return 0;
  let n = 0;
  for (const v of values) if (suggestValue(key, v)) n++;
  return n / values.size;
}

/** suggestColumns, then a governance "stage" column whose values are statuses taken as Status. */
export function suggestColumnsFromValues(headers: readonly string[], rows: readonly { cells: readonly string[] }[]): ColumnMap {
  const out = suggestColumns(headers);
  if (Object.values(out).includes("status")) return out;
  const i = headers.findIndex((h) => out[h] === "stage");
  if (i < 0) return out;
  const values = new Set(rows.slice(0, SAMPLE_ROWS).map((r) => (r.cells[i] ?? "").trim()).filter((v) => v !== ""));
  const asStatus = recognised("status", values);
  if (asStatus >= 0.5 && asStatus > recognised("stage", values)) out[headers[i]!] = "status";
  return out;
}
