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

/** About this many bytes go to the socket at a time. */
const PIECE = 1 << 18;

/**
 * The lines written as UTF-8 into buffers of about PIECE bytes, each line encoded once, straight
 * into its buffer. Joining the lines into one string per piece first (and the socket encoding that
 * string again) took four times the CPU for the same bytes, and left a large string per piece for
 * the garbage collector; the lines are kept apart until here for the same reason (a batch's text
 * built by appending was a rope of ~25,000 small strings). A buffer is handed on whole and never
 * written again. UTF-8 takes at most three bytes for each UTF-16 code unit, so a line longer than
 * what is left of a buffer starts the next one, sized for it if it is longer than a piece.
 */
export function* pieces(lines: readonly string[]): Generator<Buffer> {
  let buf = Buffer.allocUnsafe(2 * PIECE);
  let at = 0;
  for (const line of lines) {
    const most = line.length * 3;
    if (at + most > buf.length) {
      if (at > 0) yield buf.subarray(0, at);
      buf = Buffer.allocUnsafe(Math.max(2 * PIECE, most));
      at = 0;
    }
    at += buf.write(line, at, "utf8");
    if (at >= PIECE) {
      yield buf.subarray(0, at);
      buf = Buffer.allocUnsafe(2 * PIECE);
      at = 0;
    }
  }
  if (at > 0) yield buf.subarray(0, at);
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
