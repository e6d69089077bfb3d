import "server-only";
import pg from "pg";
import { listenOnEveryConnection } from "../db";
import { numberSetting } from "../env-number";
import { caughtUpConnection, replicaUrl, replicaWaitMs } from "../replica";

/**
 * The exports' own node-postgres pool, beside Prisma's: a streamed export holds one connection
 * (a read-only snapshot with a cursor) for as long as the download lasts, so exports get a small
 * pool of their own and can never starve the app's queries. One per process, created on first use.
 * EXPORT_DB_POOL_SIZE (default 4) is how many exports stream at once; more wait for a connection.
 *
 * With DATABASE_REPLICA_URL set, an export first asks for a connection on the read replica (a pool
 * of the same size there, lib/server/replica.ts decides whether it may be used) and takes one here,
 * on the primary, only when the replica cannot serve it.
 */
const globalForExport = globalThis as unknown as { tradeoffExportPool?: pg.Pool; tradeoffExportReplicaPool?: { url: string; pool: pg.Pool } };

function newPool(connectionString: string, connectionTimeoutMillis: number, onIdleError: (err: Error) => void): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: numberSetting("EXPORT_DB_POOL_SIZE", 4, 1),
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis,
    allowExitOnIdle: true,
    application_name: "tradeoff-export",
  });
  // An idle connection that drops (a server restart) must not take the process down, nor one
  // that drops as it is handed out (lib/server/db.ts, listenOnEveryConnection).
  pool.on("error", onIdleError);
  listenOnEveryConnection(pool);
  return pool;
}

export function exportPool(): pg.Pool {
  if (globalForExport.tradeoffExportPool) return globalForExport.tradeoffExportPool;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set. Start the app with `npm start`, which sets it.");
  return (globalForExport.tradeoffExportPool = newPool(connectionString, 30_000, (err) => console.error("[export] idle database connection failed:", err.message)));
}

/** The exports' pool on the read replica. A replica that does not answer is given up on quickly. */
function exportReplicaPool(url: string): pg.Pool {
  const held = globalForExport.tradeoffExportReplicaPool;
  if (held?.url === url) return held.pool;
  // Its idle connections dropping (the replica restarting) are not logged: the next export that
  // wants the replica then says, once, why it reads on the primary.
  const pool = newPool(url, Math.max(1000, replicaWaitMs()), () => {});
  if (held) void held.pool.end().catch(() => {});
  globalForExport.tradeoffExportReplicaPool = { url, pool };
  return pool;
}

/**
 * An export's connection, with its transaction begun by `begin` (on which an error is reported to
 * `onError` from then on): on the replica when one is configured and can serve it, else on the
 * primary. If `begin` fails on the primary, the connection is discarded and the error thrown.
 */
export async function exportConnection(onError: (err: Error) => void, begin: (c: pg.PoolClient) => Promise<void>): Promise<pg.PoolClient> {
  const url = replicaUrl();
  if (url) {
    const replica = await caughtUpConnection("export", exportReplicaPool(url), begin);
    if (replica) {
      replica.on("error", onError);
      return replica;
    }
  }
  const c = await exportPool().connect();
  c.on("error", onError);
  try {
    await begin(c);
  } catch (err) {
    c.off("error", onError);
    c.release(err instanceof Error ? err : new Error(String(err)));
    throw err;
  }
  return c;
}

/** Closes the pools (benchmarks and scripts, so the process can exit at once). */
export async function closeExportPool(): Promise<void> {
  const pool = globalForExport.tradeoffExportPool;
  const replica = globalForExport.tradeoffExportReplicaPool;
  globalForExport.tradeoffExportPool = undefined;
  globalForExport.tradeoffExportReplicaPool = undefined;
  await Promise.all([pool?.end(), replica?.pool.end()]);
}
