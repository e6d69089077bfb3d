import "server-only";
import type pg from "pg";
import { createReadClient, db, readingFrom, type Db } from "./db";
import { numberSetting } from "./env-number";

/**
 * The optional read replica (issue 22; docs/decisions/read-replica.md). With DATABASE_REPLICA_URL
 * unset nothing here opens a connection or sends a statement. With it set, two kinds of read go
 * to a physical (streaming) replica of the primary: the dashboard's computation on a cache miss
 * (lib/server/portfolio/overview.ts) and the streamed exports (lib/server/export/pool.ts).
 *
 * Read-your-writes, exactly: before a read, the primary's WAL position is taken (a write that has
 * returned to its author is at or below it), and the read goes to the replica only once the
 * replica has replayed that far, checked on the connection (or server run) the read then uses. It
 * waits DATABASE_REPLICA_WAIT_MS (default 1000) at most; otherwise, and whenever the replica
 * cannot be reached, is not a standby, is a standby of another cluster or fails, the read runs on
 * the primary, with one warning.
 */

export type ReplicaReadKind = "dashboard" | "export";

export function replicaUrl(): string | undefined {
  return process.env.DATABASE_REPLICA_URL?.trim() || undefined;
}

export function replicaWaitMs(): number {
  return numberSetting("DATABASE_REPLICA_WAIT_MS", 1000, 0);
}

const POLL_MS = 20;

/** How many reads of each kind each server answered since the process started (tests, operators). */
const g = globalThis as unknown as {
  tradeoffReplicaCounts?: Record<ReplicaReadKind, { replica: number; primary: number }>;
  tradeoffReplicaClient?: { url: string; client: Db };
};
const counts = (g.tradeoffReplicaCounts ??= { dashboard: { replica: 0, primary: 0 }, export: { replica: 0, primary: 0 } });

export function replicaReadCounts(): Record<ReplicaReadKind, { replica: number; primary: number }> {
  return { dashboard: { ...counts.dashboard }, export: { ...counts.export } };
}

export function noteRead(kind: ReplicaReadKind, where: "replica" | "primary"): void {
  counts[kind][where]++;
}

/** The one warning a read that wanted the replica logs when it runs on the primary. */
export function fellBack(kind: ReplicaReadKind, reason: string): void {
  noteRead(kind, "primary");
  console.warn(`[replica] The ${kind} read runs on the primary: the replica ${reason}.`);
}

/** An error as one short line for the warning (Prisma wraps the driver's message in several lines). */
export function describeError(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length) return err.errors.map(describeError).join("; ");
  const text = err instanceof Error ? err.message || (err as { code?: string }).code || err.name : String(err);
  const inner = /Message: `([^`]*)`/.exec(text)?.[1];
  return (inner ?? text).replace(/\s+/g, " ").trim();
}

export interface PrimaryPosition {
  /** A WAL position at or after the end of every transaction committed on the primary so far. */
  lsn: string;
  /** The cluster's system identifier, which a physical replica shares. */
  system: string;
}

/**
 * Where the primary's WAL stands now. Under the default synchronous_commit (on, or any value but
 * off) a commit returns only once its record is flushed, so the flush position covers every write
 * already reported to its author, and it is as far as a standby can ever be sent. With
 * synchronous_commit = off a commit returns before its flush: the insert position covers it.
 */
export async function primaryPosition(): Promise<PrimaryPosition> {
  const [row] = await db.$queryRaw<{ lsn: string; system: string }[]>`
    SELECT (CASE WHEN current_setting('synchronous_commit') = 'off' THEN pg_current_wal_insert_lsn() ELSE pg_current_wal_flush_lsn() END)::text AS lsn,
           (SELECT system_identifier FROM pg_control_system())::text AS system`;
  return row!;
}

type Exec = (sql: string, values: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * A statement of the check, given up on when the replica does not answer in time: a pooled
 * connection to a replica that vanished without closing it (a host lost) would otherwise wait for
 * TCP to give up, many minutes. The statement itself is left to fail on its own.
 */
export function answered<T>(statement: Promise<T>): Promise<T> {
  const ms = Math.max(1000, replicaWaitMs());
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    statement.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

export type Replay = { ok: true; started: string } | { ok: false; reason: string };

/**
 * Polls the replica (through `exec`, one connection or one server) until it has replayed up to
 * `target`, for replicaWaitMs() at most. `started` is the replica's postmaster start time: a
 * server run's replay position only moves forward, but a restarted standby may serve an older
 * state until it has replayed again, so a read on several connections checks it did not change.
 */
export async function waitForReplay(exec: Exec, target: PrimaryPosition): Promise<Replay> {
  const waitMs = replicaWaitMs();
  const deadline = Date.now() + waitMs;
  for (;;) {
    const [r] = (await answered(exec(
      `SELECT pg_is_in_recovery() AS standby,
              (SELECT system_identifier FROM pg_control_system())::text AS system,
              coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS ready,
              pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn())::text AS behind,
              pg_postmaster_start_time()::text AS started`,
      [target.lsn],
    ))) as { standby: boolean; system: string; ready: boolean; behind: string | null; started: string }[];
    if (!r) return { ok: false, reason: "answered nothing" };
    if (!r.standby) return { ok: false, reason: "is not a standby (pg_is_in_recovery() is false): DATABASE_REPLICA_URL must name a streaming replica of DATABASE_URL" };
    if (r.system !== target.system) return { ok: false, reason: `is a standby of another cluster (system identifier ${r.system}, the primary's ${target.system})` };
    if (r.ready) return { ok: true, started: r.started };
    if (Date.now() >= deadline) return { ok: false, reason: `had not replayed the primary's WAL up to ${target.lsn} after ${waitMs} ms (${r.behind ?? "?"} bytes behind)` };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * A connection from `pool` (a pool on the replica) that has replayed the primary's WAL as of now,
 * with `begin` already run on it (the read's transaction and snapshot are taken after the check,
 * on the same connection, so in the same server run). Null, after one warning, when the replica
 * cannot serve it: the caller reads on the primary instead.
 */
export async function caughtUpConnection(kind: ReplicaReadKind, pool: pg.Pool, begin: (c: pg.PoolClient) => Promise<void>): Promise<pg.PoolClient | null> {
  const target = await primaryPosition();
  if (pool.totalCount >= (pool.options.max ?? 10) && pool.idleCount === 0) {
    fellBack(kind, `had no free connection (all ${pool.totalCount} in use)`);
    return null;
  }
  let c: pg.PoolClient;
  try {
    c = await pool.connect();
  } catch (err) {
    fellBack(kind, `could not be reached (${describeError(err)})`);
    return null;
  }
  // Until the caller takes it, an error on this connection is this attempt's failure.
  let lost: Error | null = null;
  const onError = (err: Error) => {
    lost ??= err;
  };
  c.on("error", onError);
  try {
    const replay = await waitForReplay(async (sql, values) => (await c.query(sql, values)).rows, target);
    if (!replay.ok) {
      c.off("error", onError);
      c.release();
      fellBack(kind, replay.reason);
      return null;
    }
    await answered(begin(c));
    if (lost) throw lost;
  } catch (err) {
    c.off("error", onError);
    c.release(err instanceof Error ? err : new Error(String(err)));
    fellBack(kind, `failed (${describeError(err)})`);
    return null;
  }
  c.off("error", onError);
  noteRead(kind, "replica");
  return c;
}

/** The replica's Prisma client (its own small pool: DATABASE_REPLICA_POOL_SIZE, default 5). */
function replicaClient(url: string): Db {
  const held = g.tradeoffReplicaClient;
  if (held?.url === url) return held.client;
  const client = createReadClient({
    connectionString: url,
    max: numberSetting("DATABASE_REPLICA_POOL_SIZE", 5, 1),
    application_name: "tradeoff-replica",
    connectionTimeoutMillis: Math.max(1000, replicaWaitMs()),
  });
  if (held) void held.client.$disconnect().catch(() => {});
  g.tradeoffReplicaClient = { url, client };
  return client;
}

/**
 * Runs `read` (which reads through `db` and writes nothing) on the replica when it has replayed
 * the primary's WAL as of now, else on the primary after one warning. `read` may run twice: a
 * failure on the replica, or a replica that restarted while it read, runs it again on the primary.
 * With no replica configured, it simply runs.
 */
export async function readOnReplica<T>(kind: ReplicaReadKind, read: () => Promise<T>): Promise<T> {
  const url = replicaUrl();
  if (!url) return read();
  const target = await primaryPosition();
  let client: Db;
  let replay: Replay;
  try {
    client = replicaClient(url);
    replay = await waitForReplay((sql, values) => client.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...values), target);
  } catch (err) {
    fellBack(kind, `could not be reached (${describeError(err)})`);
    return read();
  }
  if (!replay.ok) {
    fellBack(kind, replay.reason);
    return read();
  }
  let value: T;
  try {
    value = await readingFrom(client, read);
    const [again] = await answered(client.$queryRawUnsafe<{ started: string }[]>("SELECT pg_postmaster_start_time()::text AS started"));
    if (again?.started !== replay.started) {
      fellBack(kind, "restarted during the read");
      return read();
    }
  } catch (err) {
    fellBack(kind, `failed during the read (${describeError(err)})`);
    return read();
  }
  noteRead(kind, "replica");
  return value;
}

/** Closes the replica's Prisma client (tests and scripts, so the process can exit at once). */
export async function closeReplicaClient(): Promise<void> {
  const held = g.tradeoffReplicaClient;
  g.tradeoffReplicaClient = undefined;
  await held?.client.$disconnect();
}
