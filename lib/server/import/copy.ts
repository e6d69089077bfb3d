import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { copyLine, type CopyKind } from "@/lib/domain/import/copy-text";

/**
 * Staging tables for the import's COPY (lib/server/import/bulk-write.ts): temporary tables of
 * the import's own transaction (ON COMMIT DROP; a rollback drops them too), filled with
 * `COPY … FROM STDIN` and emptied after each batch has been moved into the real tables.
 */
export interface StagingTable {
  name: string;
  /** CREATE TEMP TABLE … ON COMMIT DROP. */
  create: string;
  columns: readonly string[];
  /** One row as a line of COPY text, its values read by column name. */
  line: (row: Record<string, unknown> | object) => string;
}

const kindOf = (sqlType: string): CopyKind => (sqlType === "jsonb" ? "json" : sqlType.endsWith("[]") ? "textArray" : "text");

export function stagingTable(name: string, columns: readonly (readonly [string, string])[]): StagingTable {
  const kinds = columns.map(([, type]) => kindOf(type));
  const names = columns.map(([c]) => c);
  return {
    name,
    create: `CREATE TEMP TABLE ${name} (${columns.map(([c, type]) => `"${c}" ${type}`).join(", ")}) ON COMMIT DROP`,
    columns: names,
    line(row) {
      const r = row as Record<string, unknown>;
      return copyLine(names.map((n) => r[n]), kinds);
    },
  };
}

/** About this many characters go to the socket at a time. */
const PIECE = 1 << 18;

/**
 * The lines joined into pieces of about PIECE characters. Lines are kept apart until here (not
 * appended to one string as they are made) so each piece is one flat string made in one step: a
 * batch's text built by appending ~25,000 lines was a rope that the first slice had to flatten,
 * and its nodes lived long enough to burden the garbage collector.
 */
function* pieces(lines: readonly string[]): Generator<string> {
  let from = 0;
  let size = 0;
  for (let i = 0; i < lines.length; i++) {
    size += lines[i]!.length;
    if (size >= PIECE) {
      yield lines.slice(from, i + 1).join("");
      from = i + 1;
      size = 0;
    }
  }
  if (from < lines.length) yield lines.slice(from).join("");
}

/**
 * Streams COPY text lines (each as `line` makes it) into a staging table on `connection` (inside the caller's transaction);
 * returns the number of rows PostgreSQL read. A failure (bad data, a dropped connection) rejects,
 * and leaves the transaction aborted: nothing of it can commit.
 */
export async function copyIn(connection: pg.ClientBase, table: StagingTable, lines: readonly string[]): Promise<number> {
  if (lines.length === 0) return 0;
  const stream = connection.query(copyFrom(`COPY ${table.name} (${table.columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN`));
  await pipeline(Readable.from(pieces(lines)), stream);
  return stream.rowCount;
}
