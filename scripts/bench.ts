/**
 * `npm run bench`: the quality bars, measured (never in timed tests).
 *   1. scoring + projection CPU per use case;
 *   2. an organization of 10,000 realistic, varied use cases written through the import's code
 *      path (writeUseCase: validate, score, project, write, audit);
 *   3. the dashboard's server work (whole organization and a filter) against the equivalent raw
 *      SQL aggregate; 4. the finance export's rows a second against COPY; 5. (with --load) twenty
 *      concurrent users saving use cases against a production server.
 * Runs on a throwaway database (embedded bench cluster, or DATABASE_URL's server) and prints
 * a summary; results are also written to bench-results/latest.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { dropDatabase, ensureDatabase, ROOT, startEmbedded, urlFor } from "./lib/embedded-db";
import { migrate } from "./lib/migrate";

const args = process.argv.slice(2);
const COUNT = Number(args.find((a) => a.startsWith("--count="))?.slice(8) ?? 10_000);
/** The load test runs by default; --no-load skips it, --load alone runs it too. */
const LOAD = !args.includes("--no-load");
/** --keep: leave the database (and the embedded server) running, for EXPLAIN and the like. */
const KEEP = args.includes("--keep");

async function main() {
  let serverUrl: string;
  let stop = async () => {};
  if (process.env.DATABASE_URL) serverUrl = process.env.DATABASE_URL;
  else {
    const c = await startEmbedded({ dir: ".data/pg-bench", port: Number(process.env.EMBEDDED_BENCH_PG_PORT ?? 54331), quiet: true });
    serverUrl = c.serverUrl;
    stop = c.stop;
  }
  const name = `tradeoff_bench_${Date.now()}`;
  await ensureDatabase(serverUrl, name);
  const url = urlFor(serverUrl, name);
  process.env.DATABASE_URL = url;
  const results: Record<string, unknown> = {
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model ?? "unknown CPU"}`,
    node: process.version,
    date: new Date().toISOString(),
    useCases: COUNT,
  };
  try {
    await migrate(url);
    const { runBench } = await import("./bench/run");
    Object.assign(results, await runBench({ databaseUrl: url, count: COUNT, load: LOAD }));
  } finally {
    const { db } = await import("../lib/server/db");
    await db.$disconnect().catch(() => {});
    if (KEEP) console.error(`Kept the bench database: ${url}`);
    else {
      await dropDatabase(serverUrl, name).catch(() => {});
      await stop();
    }
  }
  mkdirSync(path.join(ROOT, "bench-results"), { recursive: true });
  writeFileSync(path.join(ROOT, "bench-results", "latest.json"), JSON.stringify(results, null, 2));
  console.log("\n" + JSON.stringify(results, null, 2));
}

await main();
