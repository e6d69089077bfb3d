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
 *
 * A circuit breaker (DATABASE_REPLICA_RETRY_MS, default 30000; 0 turns it off): once a read falls
 * back because the replica is unhealthy, reads go straight to the primary, without waiting and
 * without a warning each, until the window ends; then one read tries the replica again.
 */

export type ReplicaReadKind = "dashboard" | "export";

export function replicaUrl(): string | undefined {
  return process.env.DATABASE_REPLICA_URL?.trim() || undefined;
}

export function replicaWaitMs(): number {
  return numberSetting("DATABASE_REPLICA_WAIT_MS", 1000, 0);
}

/** How long the replica is skipped after it failed a read (0: never skipped, every read tries it). */
export function replicaRetryMs(): number {
  return numberSetting("DATABASE_REPLICA_RETRY_MS", 30_000, 0);
}

/** How often a wait for replay asks the replica again. */
export const POLL_MS = 20;

/** How many reads of each kind each server answered since the process started (tests, operators). */
const g = globalThis as unknown as {
  tradeoffReplicaCounts?: Record<ReplicaReadKind, { replica: number; primary: number }>;
  tradeoffReplicaClient?: { url: string; client: Db };
  tradeoffReplicaBreaker?: Breaker;
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

/**
 * The circuit breaker, one per process and per replica URL, shared by both kinds of read (it is one
 * server). Closed: `until` is 0 and every read tries the replica. Open: until `until`, reads skip
 * it. Half-open (the window is over): the first read to ask is the probe, and the others skip the
 * replica while it is in flight; the probe's success closes the breaker, its failure opens it for
 * another window. Only the probe's outcome moves a breaker that is not closed: a read that began
 * before it opened and ends later says nothing about the replica now. A probe that hangs (a
 * dashboard read whose replica froze after the check) keeps the others on the primary until it ends.
 */
interface Breaker {
  url: string;
  until: number;
  probing: boolean;
}

/** What a read may do: try the replica (`probe` when it is the one read let through after a window), or skip it. */
export type Pass = { skip: true } | { skip: false; probe: boolean };

function breaker(url: string): Breaker {
  const held = g.tradeoffReplicaBreaker;
  if (held?.url === url) return held;
  return (g.tradeoffReplicaBreaker = { url, until: 0, probing: false });
}

/** Whether a read may try the replica now (see Breaker). */
export function replicaPass(url: string): Pass {
  const b = breaker(url);
  if (b.until === 0 || replicaRetryMs() === 0) return { skip: false, probe: false };
  if (Date.now() < b.until || b.probing) return { skip: true };
  b.probing = true;
  return { skip: false, probe: true };
}

/**
 * The outcome of a read that tried the replica: it served (`ok`), it was unhealthy (`down`), or
 * it said nothing about its health (`neutral`: no free connection, a restart already over).
 * Returns the end of the window when this outcome opened the breaker.
 */
function settle(url: string, pass: Pass, outcome: "ok" | "down" | "neutral"): Date | undefined {
  const b = breaker(url);
  if (pass.skip) return undefined;
  if (pass.probe) b.probing = false;
  if (outcome === "ok") {
    if (pass.probe) b.until = 0;
    return undefined;
  }
  if (outcome === "neutral") return undefined;
  const retry = replicaRetryMs();
  if (retry === 0 || (b.until !== 0 && !pass.probe)) return undefined;
  b.until = Date.now() + retry;
  return new Date(b.until);
}

/** The end of the breaker's window while it is open (the health check shows it), else undefined. */
export function replicaSkippedUntil(): Date | undefined {
  const url = replicaUrl();
  const b = url ? g.tradeoffReplicaBreaker : undefined;
  return b && b.url === url && b.until > Date.now() && replicaRetryMs() > 0 ? new Date(b.until) : undefined;
}

/** Closes the breaker and forgets it (tests). */
export function resetReplicaBreaker(): void {
  g.tradeoffReplicaBreaker = undefined;
}

/** A read skipped the replica: counted on the primary, no warning (the breaker's opening said it once). */
function skipped(kind: ReplicaReadKind): void {
  noteRead(kind, "primary");
}

/**
 * A read that tried the replica falls back to the primary: its warning, and the breaker told
 * whether that was about the replica's health; if this opened the breaker, one more line says so.
 */
function gaveUp(kind: ReplicaReadKind, url: string, pass: Pass, reason: string, health: "down" | "neutral" = "down"): void {
  const until = settle(url, pass, health);
  fellBack(kind, reason);
  if (until) {
    console.warn(`[replica] Skipping the replica until ${until.toISOString()} (DATABASE_REPLICA_RETRY_MS=${replicaRetryMs()}): reads go straight to the primary, then one read tries the replica again.`);
  }
}

/** A read served by the replica: counted, and a probe's success closes the breaker. */
function served(kind: ReplicaReadKind, url: string, pass: Pass): void {
  const recovered = !pass.skip && pass.probe;
  settle(url, pass, "ok");
  noteRead(kind, "replica");
  if (recovered) console.info("[replica] The replica answers again: reads use it again.");
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
 *
 * The insert position is where the next record will start: when the last record ended exactly at
 * the end of a WAL page, that is past the next page's header (24 bytes; 40 on a segment's first
 * page, as after every WAL switch). A standby that has replayed everything stops at the end of the
 * last record, before that header, and would never reach it until another record is written: on a
 * quiet primary every read would wait and fall back. So the header is taken off (the end of the
 * last record, which no position in a header can be). Header sizes are PostgreSQL's on 64-bit builds.
 */
export async function primaryPosition(): Promise<PrimaryPosition> {
  const [row] = await db.$queryRaw<{ lsn: string; system: string }[]>`
    SELECT (CASE WHEN current_setting('synchronous_commit') = 'off'
                 THEN (SELECT i - CASE WHEN pg_wal_lsn_diff(i, '0/0') % (SELECT setting::numeric FROM pg_settings WHERE name = 'wal_segment_size') = 40 THEN 40
                                       WHEN pg_wal_lsn_diff(i, '0/0') % (SELECT setting::numeric FROM pg_settings WHERE name = 'wal_block_size') = 24 THEN 24
                                       ELSE 0 END::numeric
                       FROM (SELECT pg_current_wal_insert_lsn() AS i) AS wal)
                 ELSE pg_current_wal_flush_lsn() END)::text AS lsn,
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
  const url = replicaUrl() ?? "";
  const pass = replicaPass(url);
  if (pass.skip) {
    skipped(kind);
    return null;
  }
  let target: PrimaryPosition;
  try {
    target = await primaryPosition();
  } catch (err) {
    settle(url, pass, "neutral"); // the primary's failure, not the replica's: the caller's read reports it
    throw err;
  }
  if (pool.totalCount >= (pool.options.max ?? 10) && pool.idleCount === 0) {
    gaveUp(kind, url, pass, `had no free connection (all ${pool.totalCount} in use)`, "neutral");
    return null;
  }
  let c: pg.PoolClient;
  try {
    c = await pool.connect();
  } catch (err) {
    gaveUp(kind, url, pass, `could not be reached (${describeError(err)})`);
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
      gaveUp(kind, url, pass, replay.reason);
      return null;
    }
    await answered(begin(c));
    if (lost) throw lost;
  } catch (err) {
    c.off("error", onError);
    c.release(err instanceof Error ? err : new Error(String(err)));
    gaveUp(kind, url, pass, `failed (${describeError(err)})`);
    return null;
  }
  c.off("error", onError);
  served(kind, url, pass);
  return c;
}

/** The replica's Prisma client (its own small pool: DATABASE_REPLICA_POOL_SIZE, default 5). */
export function replicaClient(url: string): Db {
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
  const pass = replicaPass(url);
  if (pass.skip) {
    skipped(kind);
    return read();
  }
  let target: PrimaryPosition;
  try {
    target = await primaryPosition();
  } catch (err) {
    settle(url, pass, "neutral"); // the primary's failure, not the replica's
    throw err;
  }
  let client: Db;
  let replay: Replay;
  try {
    client = replicaClient(url);
    replay = await waitForReplay((sql, values) => client.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...values), target);
  } catch (err) {
    gaveUp(kind, url, pass, `could not be reached (${describeError(err)})`);
    return read();
  }
  if (!replay.ok) {
    gaveUp(kind, url, pass, replay.reason);
    return read();
  }
  let value: T;
  try {
    value = await readingFrom(client, read);
    const [again] = await answered(client.$queryRawUnsafe<{ started: string }[]>("SELECT pg_postmaster_start_time()::text AS started"));
    if (again?.started !== replay.started) {
      // It answers again (a restart already over): the next read's check decides, the breaker is not moved.
      gaveUp(kind, url, pass, "restarted during the read", "neutral");
      return read();
    }
  } catch (err) {
    gaveUp(kind, url, pass, `failed during the read (${describeError(err)})`);
    return read();
  }
  served(kind, url, pass);
  return value;
}

/** Closes the replica's Prisma client (tests and scripts, so the process can exit at once). */
export async function closeReplicaClient(): Promise<void> {
  const held = g.tradeoffReplicaClient;
  g.tradeoffReplicaClient = undefined;
  await held?.client.$disconnect();
}
