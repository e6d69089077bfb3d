/**
 * Issue 21: a year of daily actual spend for every use case of the bench organization (10,000 use
 * cases: about 3.65 million rows, ~290 MB of CSV), generated as a stream and imported through
 * importActuals: never held in memory whole. Memory is sampled through the import (RSS and heap,
 * the peak above the level before it); then one month is re-imported (it replaces, not adds), and
 * the portfolio's actuals and the dashboard are timed with the actuals present.
 */
import { performance } from "node:perf_hooks";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { db } from "@/lib/server/db";
import { importActuals, type ActualsActor } from "@/lib/server/actuals/import";
import { loadVariances } from "@/lib/server/actuals/read";
import { loadPortfolioActuals } from "@/lib/server/actuals/portfolio";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import os from "node:os";

export interface ActualsBench {
  rows: number;
  bytes: number;
  importMs: number;
  rowsPerSecond: number;
  lines: number;
  memory: { afterFullCollections: boolean; rssBeforeMb: number; rssPeakMb: number; heapBeforeMb: number; heapPeakMb: number; rssAfterMb: number };
  reimportMonthMs: number;
  reimportReplaced: string[];
  totalsReconcile: boolean;
  portfolioActualsMs: { median: number; max: number };
  useCaseVarianceMs: number;
  dashboardWithActualsMs: { median: number; max: number };
  loadAverage: number[];
}

const HEADER = "ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,BillingCurrency,ServiceCategory,SkuId,ConsumedQuantity,ConsumedUnit,ResourceId,SubAccountId,Tags\n";
const CATEGORIES = ["AI and Machine Learning", "AI and Machine Learning", "AI and Machine Learning", "Databases", "Compute"];

/** Daily rows for the use cases, one row a use case a day (a tenth of a percent untagged, on a shared resource). */
async function* dailyRows(externalIds: readonly string[], year: number, months: readonly number[], stats: { rows: number; bytes: number; micros: Map<number, bigint> }): AsyncGenerator<Uint8Array> {
  const enc = new TextEncoder();
  yield enc.encode(HEADER);
  let buf = "";
  let n = 0;
  for (const month of months) {
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    for (let day = 1; day <= days; day++) {
      const d = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
      for (let i = 0; i < externalIds.length; i++) {
        n++;
        // $1–$10 with six decimals, the same for a given day and use case (so a re-issued month is the same month).
        const key = (month * 31 + day) * 100_003 + i;
        const micro = 1_000_000 + ((key * 7919) % 9_000_000);
        const cost = `${Math.floor(micro / 1_000_000)}.${String(micro % 1_000_000).padStart(6, "0")}`;
        stats.micros.set(month, (stats.micros.get(month) ?? 0n) + BigInt(micro));
        const untagged = key % 1000 === 0;
        const tags = untagged ? "{}" : `"{""usecase"":""${externalIds[i]}""}"`;
        const resource = untagged ? "shared-vector-db" : `res-${i}`;
        buf += `${d}T00:00:00Z,${d}T23:59:59Z,${cost},${cost},USD,${CATEGORIES[i % CATEGORIES.length]},sku-${i % 50},${(micro % 5000) + 1},Requests,${resource},sub-${i % 20},${tags}\n`;
        if (buf.length > 256_000) {
          const bytes = enc.encode(buf);
          stats.bytes += bytes.length;
          yield bytes;
          buf = "";
        }
      }
    }
  }
  stats.rows = n;
  if (buf) {
    const bytes = enc.encode(buf);
    stats.bytes += bytes.length;
    yield bytes;
  }
}

const mb = (b: number) => Math.round(b / 2 ** 20);

async function timed(runs: number, fn: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(Math.round(performance.now() - t));
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)]!, max: ms[ms.length - 1]! };
}

export async function benchActuals(opts: { organizationId: string; adminId: string; year?: number }): Promise<ActualsBench> {
  const year = opts.year ?? 2027;
  const actor: ActualsActor = { organizationId: opts.organizationId, userId: opts.adminId, role: "ADMIN" };
  const useCases = await db.useCase.findMany({ where: { organizationId: opts.organizationId, externalId: { not: null } }, select: { externalId: true }, orderBy: { externalId: "asc" } });
  const ids = useCases.map((u) => u.externalId!);
  globalThis.gc?.();
  const before = process.memoryUsage();
  let rssPeak = before.rss;
  let heapPeak = before.heapUsed;
  // With --expose-gc (node --expose-gc …), each sample is taken after a full collection: what is
  // really held, not garbage waiting to be collected.
  const gcExposed = typeof globalThis.gc === "function";
  const sampler = setInterval(() => {
    globalThis.gc?.();
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 1_000);
  const stats = { rows: 0, bytes: 0, micros: new Map<number, bigint>() };
  process.stderr.write(`  importing a year of daily actuals for ${ids.length.toLocaleString("en-US")} use cases (${(ids.length * 365).toLocaleString("en-US")} rows)…\n`);
  let t = performance.now();
  const out = await importActuals(actor, { source: dailyRows(ids, year, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], stats), fileName: `bench-focus-${year}.csv`, feed: "Bench billing" });
  const importMs = Math.round(performance.now() - t);
  clearInterval(sampler);
  if (!out.committed) throw new Error(`The bench actuals were refused: ${JSON.stringify(out.problems)} ${JSON.stringify(out.refused.slice(0, 3))}`);
  // Each month's exact total (micro-dollars, summed as BigInt, rounded once) against what was stored, to the cent.
  const exactCents = [...stats.micros.values()].reduce((n, m) => n + (m + 5_000n) / 10_000n, 0n);
  const stored = await db.actualSpend.aggregate({ where: { organizationId: opts.organizationId }, _sum: { cents: true } });
  const after = process.memoryUsage();

  process.stderr.write("  re-importing March…\n");
  const marchStats = { rows: 0, bytes: 0, micros: new Map<number, bigint>() };
  t = performance.now();
  const again = await importActuals(actor, { source: dailyRows(ids, year, [3], marchStats), fileName: `bench-focus-${year}-03.csv`, feed: "Bench billing" });
  const reimportMonthMs = Math.round(performance.now() - t);
  const storedAgain = await db.actualSpend.aggregate({ where: { organizationId: opts.organizationId }, _sum: { cents: true } });

  process.stderr.write("  timing the portfolio with actuals…\n");
  await db.$executeRawUnsafe("VACUUM ANALYZE");
  const portfolioActualsMs = await timed(7, () => loadPortfolioActuals(opts.organizationId, EMPTY_FILTER));
  const one = await db.useCase.findFirstOrThrow({ where: { organizationId: opts.organizationId, externalId: ids[0] }, select: { id: true } });
  t = performance.now();
  await loadVariances(opts.organizationId, { useCaseId: one.id });
  const useCaseVarianceMs = Math.round(performance.now() - t);
  const dashboardWithActualsMs = await timed(7, () => Promise.all([loadDashboard(opts.organizationId, EMPTY_FILTER), loadPortfolioActuals(opts.organizationId, EMPTY_FILTER)]));
  return {
    rows: stats.rows,
    bytes: stats.bytes,
    importMs,
    rowsPerSecond: Math.round(stats.rows / (importMs / 1000)),
    lines: out.lines,
    memory: { afterFullCollections: gcExposed, rssBeforeMb: mb(before.rss), rssPeakMb: mb(rssPeak), heapBeforeMb: mb(before.heapUsed), heapPeakMb: mb(heapPeak), rssAfterMb: mb(after.rss) },
    reimportMonthMs,
    reimportReplaced: again.replacedMonths,
    totalsReconcile: BigInt(stored._sum.cents ?? 0n) === exactCents && BigInt(out.totalCents) === exactCents && Number(storedAgain._sum.cents) === Number(stored._sum.cents),
    portfolioActualsMs,
    useCaseVarianceMs,
    dashboardWithActualsMs,
    loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
  };
}
