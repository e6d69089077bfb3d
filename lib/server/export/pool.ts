import "server-only";
import pg from "pg";

/**
 * The exports' own node-postgres pool, beside Prisma's: a streamed export holds one connection
 * (a read-only snapshot with a cursor) for as long as the download lasts, so exports get a small
 * pool of their own and can never starve the app's queries. One per process, created on first use.
 * EXPORT_DB_POOL_SIZE (default 4) is how many exports stream at once; more wait for a connection.
 */
const globalForExport = globalThis as unknown as { tradeoffExportPool?: pg.Pool };

export function exportPool(): pg.Pool {
  if (globalForExport.tradeoffExportPool) return globalForExport.tradeoffExportPool;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set. Start the app with `npm start`, which sets it.");
  const pool = new pg.Pool({
    connectionString,
    max: Number(process.env.EXPORT_DB_POOL_SIZE ?? 4),
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 30_000,
    allowExitOnIdle: true,
    application_name: "tradeoff-export",
  });
  // An idle connection that drops (a server restart) must not take the process down.
  pool.on("error", (err) => console.error("[export] idle database connection failed:", err.message));
  return (globalForExport.tradeoffExportPool = pool);
}

/** Closes the pool (benchmarks and scripts, so the process can exit at once). */
export async function closeExportPool(): Promise<void> {
  const pool = globalForExport.tradeoffExportPool;
  globalForExport.tradeoffExportPool = undefined;
  await pool?.end();
}
