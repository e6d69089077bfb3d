/**
 * Which PostgreSQL the scripts use: DATABASE_URL's when set (nothing embedded is started),
 * otherwise the embedded one kept in .data/.
 */
import { ensureDatabase, startEmbedded, urlFor } from "./embedded-db";

export const EMBEDDED_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
export const EMBEDDED_DIR = ".data/pg";

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function resolveDatabase(opts: { quiet?: boolean } = {}): Promise<ResolvedDatabase> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return { url: fromEnv, embedded: false, stop: async () => {} };
  const cluster = await startEmbedded({ dir: EMBEDDED_DIR, port: EMBEDDED_PORT, quiet: opts.quiet });
  await ensureDatabase(cluster.serverUrl, "tradeoff");
  return { url: urlFor(cluster.serverUrl, "tradeoff"), embedded: true, stop: cluster.stop };
}
