/**
 * The detail export's speed (the same stream the route returns, consumed here) against
 * PostgreSQL's own COPY of the same query, and the process's peak memory for a small and a
 * large export.
 */
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { EMPTY_FILTER, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { detailStream } from "@/lib/server/export/cost-exports";

async function consume(stream: ReadableStream<Uint8Array>, onChunk: () => void): Promise<{ bytes: number; lines: number }> {
  const reader = stream.getReader();
  let bytes = 0, lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const b of value) if (b === 10) lines++;
    onChunk();
  }
  return { bytes, lines };
}

async function run(org: { id: string; slug: string }, filter: PortfolioFilter) {
  global.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const t = performance.now();
  const { lines } = await consume(detailStream(org, filter), () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  });
  const seconds = (performance.now() - t) / 1000;
  return { rows: lines - 1, seconds, peakRssGrowthMb: Math.round(((peak - start) / 2 ** 20) * 10) / 10 };
}

export async function benchExport(opts: { databaseUrl: string; organizationId: string; orgSlug: string }) {
  const org = { id: opts.organizationId, slug: opts.orgSlug };
  const small = await run(org, { ...EMPTY_FILTER, status: ["RETIRED"], businessUnit: ["Legal"] });
  const large = await run(org, EMPTY_FILTER);
  const copySql = `COPY (SELECT l.id, u.id, u.title, u."businessUnit", o.email, u.status, u."recommendedApproach", u."chosenApproach", l.approach, l."calendarYear", l."yearIndex", l.category, l."lowCents", l."baseCents", l."highCents", av.version FROM "CostLine" l JOIN "UseCase" u ON u.id = l."useCaseId" LEFT JOIN "User" o ON o.id = u."ownerId" LEFT JOIN "AssumptionVersion" av ON av.id = u."assumptionVersionId" WHERE l."organizationId" = '${opts.organizationId}' AND u."deletedAt" IS NULL ORDER BY l.id) TO STDOUT WITH (FORMAT csv)`;
  const t = performance.now();
  const copy = spawnSync("psql", [opts.databaseUrl, "-q", "-c", copySql], { maxBuffer: 2 ** 31, encoding: "buffer" });
  const copySeconds = (performance.now() - t) / 1000;
  const copyRows = copy.status === 0 ? copy.stdout.toString().split("\n").length - 1 : null;
  return {
    rows: large.rows,
    seconds: Math.round(large.seconds * 100) / 100,
    rowsPerSecond: Math.round(large.rows / large.seconds),
    copyRowsPerSecond: copyRows ? Math.round(copyRows / copySeconds) : `COPY unavailable (${copy.stderr?.toString().slice(0, 120)})`,
    peakRssGrowthMbSmall: small.peakRssGrowthMb,
    peakRssGrowthMbLarge: large.peakRssGrowthMb,
    smallRows: small.rows,
  };
}
