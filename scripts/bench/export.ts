/**
 * The finance export's speed: the same stream the detail route returns (detailStream), consumed
 * here as a download would be, for the whole organization; against PostgreSQL's own
 * `COPY (the same query) TO STDOUT` through psql, the limit; and the process's peak memory (RSS,
 * sampled) for a small export (the smallest business unit) and the large one, to show it is flat.
 */
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { EMPTY_FILTER, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { detailQuery, detailStream } from "@/lib/server/export/cost-exports";
import { inlineValues } from "@/lib/server/export/copy-stream";
import { closeExportPool } from "@/lib/server/export/pool";
import type { Prisma } from "@/lib/server/db";

export interface ExportBench {
  /** Detail rows of the whole organization. */
  rows: number;
  /** Seconds for the whole organization's detail export (the faster of two runs). */
  seconds: number;
  rowsPerSecond: number;
  /** The same query through COPY … TO STDOUT (FORMAT csv), via psql: the database's own limit. */
  copyRowsPerSecond: number | null;
  /** Peak resident memory (MB) while exporting the smallest business unit, and the whole organization. */
  peakRssMbSmall: number;
  peakRssMbLarge: number;
  smallRows: number;
  megabytes: number;
  copyError?: string;
}

const round = (n: number, places = 0) => Math.round(n * 10 ** places) / 10 ** places;
const MB = 2 ** 20;

/** Reads a stream to the end, calling `sample` after every chunk; returns the bytes read. */
async function drain(stream: ReadableStream<Uint8Array>, sample: () => void): Promise<number> {
  const reader = stream.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
    sample();
  }
}

async function measure(fn: (sample: () => void) => Promise<number>): Promise<{ seconds: number; bytes: number; peakRssMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage.rss();
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const timer = setInterval(sample, 10);
  const t = performance.now();
  try {
    const bytes = await fn(sample);
    return { seconds: (performance.now() - t) / 1000, bytes, peakRssMb: round(peak / MB, 1) };
  } finally {
    clearInterval(timer);
  }
}

/**
 * COPY (query) TO STDOUT through psql; the output is read and thrown away. Without JIT compiling,
 * as the app's exports run (lib/server/rls.ts): the limit is the same statement's, planned alike.
 */
function copySeconds(databaseUrl: string, query: Prisma.Sql): Promise<{ seconds: number } | { error: string }> {
  const sql = `COPY (${inlineValues(query).replace(/\s+/g, " ")}) TO STDOUT WITH (FORMAT csv)`;
  return new Promise((resolve) => {
    const t = performance.now();
    const child = spawn("psql", [databaseUrl, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PGOPTIONS: `${process.env.PGOPTIONS ?? ""} -c jit=off`.trim() },
    });
    let stderr = "";
    child.stdout.on("data", () => {});
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (err) => resolve({ error: err.message }));
    child.on("close", (code) => resolve(code === 0 ? { seconds: (performance.now() - t) / 1000 } : { error: stderr.slice(0, 200) || `psql exited ${code}` }));
  });
}

export async function benchExport(opts: { databaseUrl: string; organizationId: string; orgSlug: string }): Promise<ExportBench> {
  process.env.DATABASE_URL ??= opts.databaseUrl;
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  try {
    const { rows: orgs } = await client.query<{ name: string }>(`SELECT name FROM "Organization" WHERE id = $1`, [opts.organizationId]);
    const org = { id: opts.organizationId, name: orgs[0]?.name ?? opts.orgSlug };
    const { rows: units } = await client.query<{ businessUnit: string }>(
      `SELECT "businessUnit" FROM "UseCase" WHERE "organizationId" = $1 AND "deletedAt" IS NULL GROUP BY 1 ORDER BY count(*), 1 LIMIT 1`,
      [org.id],
    );
    const smallFilter: PortfolioFilter = { ...EMPTY_FILTER, businessUnit: units[0]?.businessUnit ? [units[0].businessUnit] : [] };
    const count = async (filter: PortfolioFilter) => {
      const q = detailQuery(org.id, filter);
      const { rows } = await client.query<{ n: string }>({ text: `SELECT count(*) AS n FROM (${q.text}) AS d`, values: q.values });
      return Number(rows[0]!.n);
    };
    const [rows, smallRows] = [await count(EMPTY_FILTER), await count(smallFilter)];

    await measure((s) => drain(detailStream(org, smallFilter), s)); // warm-up: connection, plans, JIT
    const small = await measure((s) => drain(detailStream(org, smallFilter), s));
    const large = [await measure((s) => drain(detailStream(org, EMPTY_FILTER), s)), await measure((s) => drain(detailStream(org, EMPTY_FILTER), s))];
    const best = large.reduce((a, b) => (b.seconds < a.seconds ? b : a));

    await copySeconds(opts.databaseUrl, detailQuery(org.id, smallFilter)); // warm-up
    const copy = await copySeconds(opts.databaseUrl, detailQuery(org.id, EMPTY_FILTER));

    const out: ExportBench = {
      rows,
      seconds: round(best.seconds, 2),
      rowsPerSecond: Math.round(rows / best.seconds),
      copyRowsPerSecond: "seconds" in copy ? Math.round(rows / copy.seconds) : null,
      peakRssMbSmall: small.peakRssMb,
      peakRssMbLarge: Math.max(...large.map((l) => l.peakRssMb)),
      smallRows,
      megabytes: round(best.bytes / MB, 1),
    };
    if ("error" in copy) out.copyError = copy.error;
    return out;
  } finally {
    await client.end();
    await closeExportPool();
  }
}
