import "server-only";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Prisma } from "../db";
import { CopyTextReader, type CopyValue } from "./copy-text";
import { asError, beginExportSnapshot, endExportSnapshot, type CursorCsvOptions } from "./cursor-stream";
import { exportConnection } from "./pool";

/**
 * A query's rows as a stream of CSV text, read with PostgreSQL's COPY: for the cost detail, the
 * one export with a million rows (issue 22: the export within 0.9× of PostgreSQL's own COPY of
 * the same query). The cursor (cursor-stream.ts) hands each row over as a protocol message that
 * node-postgres takes apart field by field, which cost this process more than the database's
 * whole work; COPY sends the rows as lines of text that are split here with a few string
 * operations, while the database produces the next ones.
 *
 * The promises are the cursor stream's:
 * - the header goes out at once, before the database is asked anything;
 * - one READ ONLY, REPEATABLE READ transaction acting as the organization-scoped role
 *   (lib/server/rls.ts): one consistent snapshot, and no other organization's rows;
 * - pull-based: a chunk is read from the connection only when the reader has taken the previous
 *   one, so a slow download slows PostgreSQL (it waits to send) and memory stays flat;
 * - a download whose reader stops for `idleTimeoutMs` is ended: its connection is closed, and
 *   the reader gets an error, never a short file (PostgreSQL's idle-in-transaction limit cannot
 *   see it: during a COPY the transaction is busy sending, not idle);
 * - a failure ends the stream with that error, logged with the export's name, and the connection
 *   is thrown away; a cancel (the client went away) ends the transaction.
 *
 * COPY takes no bound parameters, so the query's values are written into its text as literals,
 * each quoted and escaped by node-postgres's own escapeLiteral (see `inlineValues`).
 */
export interface CopyCsvOptions<R extends pg.QueryResultRow> extends CursorCsvOptions<R> {
  /** The query's column names, in order: checked against the query before a row is read. */
  columns: readonly string[];
  /** A row from its fields, in `columns` order (values as the cursor gives them: text, booleans, null). */
  toRow: (fields: CopyValue[]) => R;
  /** Planner settings for this export's transaction only (SET LOCAL), e.g. DETAIL_PLAN_SETTINGS. */
  planSettings?: Readonly<Record<string, string>>;
}

export function copyCsvStream<R extends pg.QueryResultRow>(opts: CopyCsvOptions<R>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const idleTimeoutMs = Math.max(1000, Math.round(opts.idleTimeoutMs ?? 5 * 60_000));
  const format = opts.createFormatter();
  let client: pg.PoolClient | null = null;
  let rows: AsyncIterator<Buffer> | null = null;
  /** Settles when the connection is ready for the next statement (the COPY's ReadyForQuery). */
  let copyFinished: Promise<void> = Promise.resolve();
  let reader: CopyTextReader | null = null;
  let state: "new" | "open" | "closed" = "new";
  let cancelled = false;
  let failure: Error | null = null;
  let watchdog: NodeJS.Timeout | null = null;
  let work: Promise<void> = Promise.resolve();
  const onClientError = (err: Error) => {
    failure ??= err;
  };

  /** Set when a pull has delivered, cleared when the next begins: a reader away for `idleTimeoutMs` ends the download. */
  const disarm = () => {
    if (watchdog) clearTimeout(watchdog);
    watchdog = null;
  };
  const arm = () => {
    disarm();
    if (state !== "open") return;
    watchdog = setTimeout(() => {
      failure ??= new Error(`The download stalled for ${Math.round(idleTimeoutMs / 1000)} s and was ended.`);
      void close(failure);
    }, idleTimeoutMs);
    watchdog.unref();
  };

  async function open(): Promise<void> {
    // On the read replica when one is configured and has replayed the primary's WAL as of now.
    const c = await exportConnection(onClientError, (c) => beginExportSnapshot(c, opts.organizationId, idleTimeoutMs));
    client = c;
    for (const [name, value] of Object.entries(opts.planSettings ?? {})) await c.query("SELECT set_config($1, $2, true)", [name, value]);
    const text = inlineValues(opts.query);
    // The columns' names and types, from the plan alone (no row is read).
    const described = await c.query({ text: `SELECT * FROM (${text}) AS export_rows LIMIT 0` });
    const names = described.fields.map((f) => f.name);
    if (names.join(",") !== opts.columns.join(",")) {
      throw new Error(`The ${opts.name} query returns the columns (${names.join(", ")}), not the (${opts.columns.join(", ")}) its reader expects.`);
    }
    reader = new CopyTextReader(described.fields.map((f) => f.dataTypeID === BOOL_OID));
    const copy = copyTo(`COPY (${text}) TO STDOUT`);
    // node-postgres tells the running query when the connection is ready again; the stream's end
    // comes a message earlier, and a COMMIT sent before then would queue behind a running query.
    copyFinished = new Promise<void>((resolve) => {
      (copy as unknown as { handleReadyForQuery: () => void }).handleReadyForQuery = resolve;
    });
    const stream = c.query(copy);
    // Its failure is reported by the pull that awaits the next chunk.
    stream.on("error", (err: Error) => {
      failure ??= err;
    });
    rows = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  /** Ends the transaction and hands the connection back; a broken one is discarded. Runs once. */
  async function close(broken?: unknown): Promise<void> {
    if (state === "closed") return;
    state = "closed";
    disarm();
    const c = client;
    client = null;
    if (!c) return;
    const err = broken !== undefined ? asError(broken) : failure ?? undefined;
    // The COMMIT waits for the COPY's end on the connection. A connection with an error is closed,
    // not reused: one cut mid-COPY cannot be.
    if (!err) await copyFinished;
    await endExportSnapshot(c, err, onClientError);
  }

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(opts.head));
      },
      pull(controller) {
        disarm();
        work = (async () => {
          try {
            if (state === "new") {
              state = "open";
              await open();
            }
            if (failure) throw failure;
            if (cancelled || state !== "open" || !rows || !reader) return;
            const next = await rows.next();
            if (failure) throw failure;
            if (cancelled) return;
            if (next.done) {
              reader.end();
              await close();
              controller.close();
              return;
            }
            let text = "";
            const toRow = opts.toRow;
            reader.push(next.value, (fields) => (text += format(toRow(fields))));
            if (text) controller.enqueue(encoder.encode(text));
            arm();
          } catch (err) {
            const error = asError(err ?? "export failed");
            await close(error);
            if (!cancelled) {
              console.error(`[export] ${opts.name} failed after the download started:`, error);
              controller.error(error);
            }
          }
        })();
        return work;
      },
      async cancel() {
        cancelled = true;
        await work.catch(() => {});
        // A COPY cannot be stopped half-way on its connection: the connection is closed instead.
        await close(state === "open" && rows ? new Error("download cancelled") : undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

const BOOL_OID = 16;

/**
 * The query's text with each `$n` replaced by its value as a quoted literal, escaped by
 * node-postgres's escapeLiteral (quotes doubled; E'' with doubled backslashes when there are any).
 * A quoted literal is typed by its context as a parameter is, so the plan is the same. Only the
 * kinds of value the export queries bind are taken (text, numbers, booleans, dates, arrays of
 * text); anything else is refused rather than guessed.
 */
export function inlineValues(query: Prisma.Sql): string {
  const values = query.values;
  return query.text.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (!(i >= 0 && i < values.length)) throw new Error(`The query has no value for $${n}.`);
    return literal(values[i]);
  });
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "string") return pg.escapeLiteral(value);
  if (typeof value === "boolean") return value ? "'true'" : "'false'";
  if (typeof value === "bigint" || (typeof value === "number" && Number.isFinite(value))) return `'${String(value)}'`;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return `'${value.toISOString()}'`;
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || v === null)) {
    // PostgreSQL's array text: each element double-quoted, its quotes and backslashes escaped.
    const items = value.map((v: string | null) => (v === null ? "NULL" : `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`));
    return pg.escapeLiteral(`{${items.join(",")}}`);
  }
  throw new Error(`A ${typeof value} cannot be written into a COPY statement.`);
}
