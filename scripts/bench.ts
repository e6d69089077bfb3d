/**
 * `npm run bench`: the quality bars, measured (never in timed tests). `-- --count=N` (default
 * 10,000), `--no-load` (skip the load test), `--keep` (keep the database for a look afterwards).
 *   1. scoring + projection + Monte Carlo CPU per use case;
 *   2. an organization of N realistic, varied use cases imported from CSV through the import's
 *      server functions (checkRows, then importFile: parse, plan, derive, write, audit);
 *   3. single saves, one at a time (edits and decisions: validate, score, project, write, audit);
 *   4. the dashboard's server work (whole organization and a filter) against single SQL
 *      statements for the same numbers, and the unfiltered portfolio page from the exact cache
 *      (`--only=dashboard`: the import, then these alone); 5. the finance export's rows a second against COPY;
 *   6. load: twenty users saving through a production server's server action, saturated and
 *      paced, paced again while anonymous clients flood sign-ups and oversized bodies, then the
 *      dashboard, then both (scripts/bench/load.ts).
 * Runs on a throwaway database (embedded bench cluster, or DATABASE_URL's server) and prints
 * a summary with the verdicts; results are also written to bench-results/latest.json.
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
/**
 * --only=inventory: only the public-inventory import (issue 15); --only=cpu: only scoring, projection and the Monte Carlo;
 * --only=actuals: the organization, then a year of daily actual spend for every use case (issue 21);
 * --only=import: the organization's import alone; --only=export: the import, then the finance export (issue 22);
 * --only=preview: the import, then the assumptions page's preview of new figures over every use case;
 * --only=load: the import, then the load test alone (BENCH_LOAD_PHASES=saves or =dashboard for some of its phases);
 * --only=tenants: the organization timed alone, then among BENCH_TENANTS - 1 copies of it (issue 22; use --count=1000).
 */
const ONLY = args.find((a) => a.startsWith("--only="))?.slice(7);

/** The quality bars, read off the figures (PRODUCT.md "Quality bars"; issues 6 and 8). */
function verdicts(r: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof r.simulateMicrosPerUseCase === "number") {
    const total = ((r.scoreMicrosPerUseCase as number) + (r.projectMicrosPerUseCase as number) + r.simulateMicrosPerUseCase) / 1000;
    out.simulation = `${total < 10 ? "meets" : "misses"} the bar (scoring + projection + Monte Carlo well under 10 ms a use case): ${total.toFixed(2)} ms (Monte Carlo ${(r.simulateMicrosPerUseCase / 1000).toFixed(2)} ms, run for ${Math.round((r.simulatedShare as number) * 100)}% of use cases)`;
  }
  const actuals = r.actuals as { rows: number; importMs: number; rowsPerSecond: number; memory: { rssBeforeMb: number; rssPeakMb: number; heapPeakMb: number; heapBeforeMb: number }; totalsReconcile: boolean; dashboardWithActualsMs: { median: number } } | undefined;
  if (actuals) {
    const growth = actuals.memory.heapPeakMb - actuals.memory.heapBeforeMb;
    out.actuals = `${actuals.rows.toLocaleString("en-US")} daily rows in ${(actuals.importMs / 1000).toFixed(1)} s (${actuals.rowsPerSecond.toLocaleString("en-US")}/s); heap grew ${growth} MB at most (RSS peak ${actuals.memory.rssPeakMb} MB from ${actuals.memory.rssBeforeMb} MB); totals ${actuals.totalsReconcile ? "reconcile to the cent" : "DO NOT reconcile"}; dashboard with the actuals panel ${actuals.dashboardWithActualsMs.median} ms (median)`;
  }
  // Issue 22: the import at COPY speed, and the export within 0.9x of COPY with memory flat.
  const imp = r.import as { useCases: number; importSeconds: number; rowsPerSecond: number; phases?: Record<string, number>; cpu?: { process: number; postgres: number | null } } | undefined;
  if (imp) {
    const scale = imp.useCases === 10_000 ? "" : ` (the bar is for 10,000 rows; this run imported ${imp.useCases.toLocaleString("en-US")})`;
    const phases = imp.phases ? `; phases (s): ${Object.entries(imp.phases).map(([k, v]) => `${k} ${v}`).join(", ")}` : "";
    // Which side the seconds went to: on two cores, CPU of both above twice the bar cannot meet it.
    const cpu = imp.cpu ? `; CPU (s): this process ${imp.cpu.process}, PostgreSQL ${imp.cpu.postgres ?? "not on this machine"}` : "";
    out.import = `${imp.importSeconds < 5 ? "meets" : "misses"} the bar (10,000 rows imported in under 5 s, one transaction)${scale}: ${imp.importSeconds} s, ${imp.rowsPerSecond.toLocaleString("en-US")} rows a second${phases}${cpu}`;
  }
  const ex = r.export as { rows: number; rowsPerSecond: number; copyRowsPerSecond: number | null; peakRssMbSmall: number; peakRssMbLarge: number; megabytes: number; smallRows: number; copyError?: string } | undefined;
  if (ex) {
    const ratio = ex.copyRowsPerSecond ? ex.rowsPerSecond / ex.copyRowsPerSecond : null;
    // Flat: exporting every row (ten times the small export's) takes less extra memory than half
    // the file, so the file is never held (holding it would take at least its size); RSS is noisy.
    const growth = Math.round((ex.peakRssMbLarge - ex.peakRssMbSmall) * 10) / 10;
    const flat = growth < ex.megabytes / 2;
    const ok = ratio !== null && ratio >= 0.9 && flat;
    out.export = ratio === null
      ? `not judged: COPY could not be timed (${ex.copyError ?? "psql missing"})`
      : `${ok ? "meets" : "misses"} the bar (≥ 0.9× PostgreSQL's COPY of the same query, memory flat): ${ratio.toFixed(2)}× (${ex.rowsPerSecond.toLocaleString("en-US")} against ${ex.copyRowsPerSecond!.toLocaleString("en-US")} rows a second, ${ex.rows.toLocaleString("en-US")} rows); peak RSS ${ex.peakRssMbLarge} MB for all rows (${ex.megabytes} MB of CSV) against ${ex.peakRssMbSmall} MB for ${ex.smallRows.toLocaleString("en-US")}: ${flat ? "flat" : "NOT flat"} (${growth >= 0 ? "+" : ""}${growth} MB)`;
  }
  const tenants = r.tenants as import("./bench/tenants").TenantsBench | undefined;
  if (tenants) {
    const worst = Math.max(...Object.values(tenants.ratios));
    const spread = (k: string) => {
      const rs = tenants.roundRatios?.[k as keyof typeof tenants.roundRatios];
      return rs?.length ? `, rounds ${Math.min(...rs)}–${Math.max(...rs)}×` : "";
    };
    const list = Object.entries(tenants.ratios).map(([k, v]) => `${k} ${tenants.alone[k as keyof typeof tenants.alone]} → ${tenants.shared[k as keyof typeof tenants.shared]} ms (${v}×${spread(k)})`).join("; ");
    out.tenants = `${worst <= 1.2 ? "meets" : "misses"} the bar (one organization's pages within 1.2× of a database of its own, among ${tenants.organizations.toLocaleString("en-US")} organizations and ${tenants.useCases.toLocaleString("en-US")} use cases, ${tenants.costLines.toLocaleString("en-US")} cost lines, ${tenants.databaseMb.toLocaleString("en-US")} MB): ${list}; medians of ${tenants.rounds} alternating rounds; copies made in ${tenants.copySeconds} s`;
  }
  const inventory = r.publicInventory as { verdict?: string } | undefined;
  if (inventory?.verdict) out.publicInventory = inventory.verdict;
  const d = r.dashboard as { wholeOrgMedianMs?: number; ratio?: number; filteredMedianMs?: number; filteredRatio?: number } | undefined;
  if (d?.wholeOrgMedianMs !== undefined) {
    const ok = d.wholeOrgMedianMs < 300 && (d.ratio ?? Infinity) <= 3;
    out.dashboard = `${ok ? "meets" : "misses"} the bar (< 300 ms and ≤ 3× raw SQL): whole organization ${d.wholeOrgMedianMs} ms, ${d.ratio}×; filtered ${d.filteredMedianMs} ms, ${d.filteredRatio}×`;
  }
  const c = r.cachedDashboard as { cachedMedianMs: number; cachedP95Ms: number; missMedianMs: number; uncachedMedianMs: number; hits: number; runs: number; useCases: number; resultKb: number } | undefined;
  if (c) {
    const ok = c.cachedMedianMs < 20 && c.hits === c.runs;
    const actuals = r.actuals as { portfolioActualsMs: { median: number } } | undefined;
    if (actuals && d?.wholeOrgMedianMs !== undefined) {
      // Issue 21: with a year of actuals present, the dashboard's server work within the first
      // version's bars (< 300 ms, ≤ 3× raw SQL), and the page's data (actuals panel included) from
      // the cache within issue 22's 20 ms. The whole page recomputed after a write (five panels
      // at once on two cores) was never held to a bar; it is printed beside them.
      const all = ok && d.wholeOrgMedianMs < 300 && (d.ratio ?? Infinity) <= 3;
      out.portfolioWithActuals = `${all ? "meets" : "misses"} the bars with actuals present (dashboard < 300 ms and ≤ 3× raw SQL; page data from the cache < 20 ms): dashboard ${d.wholeOrgMedianMs} ms, ${d.ratio}×; page data cached ${c.cachedMedianMs} ms median (p95 ${c.cachedP95Ms} ms, ${c.hits}/${c.runs} hits), at ${c.useCases.toLocaleString("en-US")} use cases. Not a bar: the actuals panel alone ${actuals.portfolioActualsMs.median} ms; the whole page recomputed after a write ${c.missMedianMs} ms (uncached ${c.uncachedMedianMs} ms)`;
    }
    out.cachedDashboard = `${ok ? "meets" : "misses"} the bar (the unfiltered portfolio page's data under 20 ms from the exact cache, issue 22): ${c.cachedMedianMs} ms median, p95 ${c.cachedP95Ms} ms, ${c.hits}/${c.runs} served from the cache, at ${c.useCases.toLocaleString("en-US")} use cases (${c.resultKb} kB stored); after a write ${c.missMedianMs} ms (uncached path alone ${c.uncachedMedianMs} ms)`;
  }
  type P = { latencyMs: { p50: number; p95: number; p99: number }; errors: number; conflicts: number; perSecond: number };
  const load = r.load as Record<string, P> | undefined;
  const figures = (p: P) => `${p.perSecond}/s, p50 ${p.latencyMs.p50} ms, p95 ${p.latencyMs.p95} ms, p99 ${p.latencyMs.p99} ms, ${p.errors} errors, ${p.conflicts} conflicts`;
  // The goal is judged on users who pause between saves, as people do. With no pause, twenty
  // requests are always in flight on the machine's cores, so each waits for the others: the
  // latency is twenty divided by the throughput (Little's law), and that phase measures capacity.
  const paced = load?.savesPaced;
  if (paced) {
    const ok = paced.latencyMs.p95 < 100 && paced.errors === 0;
    out.savesPaced = `${ok ? "meets" : "misses"} the goal (p95 < 100 ms, no errors): ${figures(paced)}`;
  }
  const abused = load?.savesUnderAbuse;
  if (abused && paced) {
    const ok = abused.latencyMs.p95 < 100 && abused.errors === 0;
    out.savesUnderAbuse = `${ok ? "meets" : "misses"} the goal while anonymous floods run (p95 < 100 ms, no errors; paced alone: p95 ${paced.latencyMs.p95} ms): ${figures(abused)}`;
  }
  const saturated = load?.savesSaturated;
  if (saturated) out.savesSaturated = `capacity, no pause (20 in flight, so latency ≈ 20 ÷ throughput; not held to the goal${saturated.errors ? "; ERRORS" : ""}): ${figures(saturated)}`;
  // Issue 22, item 1: twenty executives reloading the (cached) page back to back; saves beside one.
  const dashSat = load?.dashboardSaturated;
  if (dashSat) out.dashboardSaturated = `${dashSat.latencyMs.p95 < 300 && dashSat.errors === 0 ? "meets" : "misses"} the bar (20 executives reloading back to back, p95 < 300 ms, issue 22): ${figures(dashSat)}`;
  const besideDash = load?.savesWhileDashboard;
  if (besideDash) out.savesWhileDashboard = `${besideDash.latencyMs.p95 < 100 && besideDash.errors === 0 ? "meets" : "misses"} the bar (paced saves beside the dashboard, p95 < 100 ms, issue 22): ${figures(besideDash)}`;
  return out;
}

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
    Object.assign(results, await runBench({ databaseUrl: url, count: COUNT, load: LOAD, only: ONLY }));
  } finally {
    const { db } = await import("../lib/server/db");
    await db.$disconnect().catch(() => {});
    if (KEEP) console.error(`Kept the bench database: ${url}`);
    else {
      await dropDatabase(serverUrl, name).catch(() => {});
      await stop();
    }
  }
  results.verdicts = verdicts(results);
  mkdirSync(path.join(ROOT, "bench-results"), { recursive: true });
  writeFileSync(path.join(ROOT, "bench-results", "latest.json"), JSON.stringify(results, null, 2));
  console.log("\n" + JSON.stringify(results, null, 2));
}

await main();
