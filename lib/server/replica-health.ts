import "server-only";
import { answered, POLL_MS, primaryPosition, replicaClient, replicaSkippedUntil, replicaUrl, replicaWaitMs } from "./replica";

/**
 * The read replica's state for GET /api/health (issue 22; docs/decisions/read-replica.md, "The
 * health line"): measured with the same check a read makes (lib/server/replica.ts), bounded in
 * time, one measurement at a time per process.
 */

const g = globalThis as unknown as { tradeoffReplicaHealth?: { url: string; measuring: Promise<ReplicaHealth> } };

export interface ReplicaHealth {
  /**
   * up: it has replayed the primary's flush position (insert position under synchronous_commit =
   * off) as of the check within the read's wait, so a read now would be served there; behind: it
   * answers as a standby of this cluster but had not; down: it cannot be reached, does not answer
   * in time, or is not a standby of this cluster. Reads skip it while `skippedUntil` lies ahead.
   */
  state: "up" | "behind" | "down";
  /** How many bytes of WAL it still had to replay (0 when up). */
  lagBytes?: number;
  /** The age of the last transaction it replayed, when behind (0 when up). */
  lagSeconds?: number;
  skippedUntil?: string;
}

/**
 * The replica's state for GET /api/health, or undefined when none is configured. Bounded by
 * `timeoutMs` in all (a replica that answers nothing is "down" after it); the wait for replay is
 * the read's (DATABASE_REPLICA_WAIT_MS), capped at 1500 ms to stay within it. Only observes: the
 * breaker is neither opened nor closed by it. Says nothing of the replica's address.
 */
export async function replicaHealth(timeoutMs = 2000): Promise<ReplicaHealth | undefined> {
  const url = replicaUrl();
  if (!url) return undefined;
  // One measurement at a time per process: the endpoint is public and unthrottled, and a flood of
  // checks must not take the dashboard's few replica connections. Checks that arrive meanwhile
  // share its answer (so they wait no longer than it has left).
  let held = g.tradeoffReplicaHealth;
  if (held?.url !== url) {
    const measuring = measureWithin(url, timeoutMs);
    held = g.tradeoffReplicaHealth = { url, measuring };
    void measuring.finally(() => {
      if (g.tradeoffReplicaHealth?.measuring === measuring) g.tradeoffReplicaHealth = undefined;
    });
  }
  const measured = await held.measuring;
  const until = replicaSkippedUntil();
  return until ? { ...measured, skippedUntil: until.toISOString() } : measured;
}

async function measureWithin(url: string, timeoutMs: number): Promise<ReplicaHealth> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = { now: false };
  const measured = await Promise.race([
    measureReplica(url, Math.min(replicaWaitMs(), Math.max(0, timeoutMs - 500)), stop).catch((): ReplicaHealth => ({ state: "down" })),
    new Promise<ReplicaHealth>((resolve) => {
      timer = setTimeout(() => resolve({ state: "down" }), timeoutMs);
    }),
  ]);
  stop.now = true;
  clearTimeout(timer);
  return measured;
}

async function measureReplica(url: string, waitMs: number, stop: { now: boolean }): Promise<ReplicaHealth> {
  const target = await primaryPosition();
  const client = replicaClient(url);
  const deadline = Date.now() + waitMs;
  for (;;) {
    const [r] = await answered(
      client.$queryRawUnsafe<{ standby: boolean; system: string; ready: boolean; behind: string | null; seconds: number | null }[]>(
        `SELECT pg_is_in_recovery() AS standby,
                (SELECT system_identifier FROM pg_control_system())::text AS system,
                coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS ready,
                greatest(pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn()), 0)::text AS behind,
                extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8 AS seconds`,
        target.lsn,
      ),
    );
    if (!r || !r.standby || r.system !== target.system) return { state: "down" };
    if (r.ready) return { state: "up", lagBytes: 0, lagSeconds: 0 };
    if (Date.now() >= deadline || stop.now) {
      const lag: ReplicaHealth = { state: "behind" };
      if (r.behind !== null) lag.lagBytes = Number(r.behind);
      if (r.seconds !== null) lag.lagSeconds = Math.max(0, Math.round(r.seconds * 10) / 10);
      return lag;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
