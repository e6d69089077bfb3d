/**
 * The dashboard's server work (the same loadDashboard the page calls) for the whole organization
 * and for a filter, against one raw SQL aggregate of the same numbers on the same database.
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return Math.round(median(out) * 10) / 10;
}

export async function benchDashboard(opts: { databaseUrl: string; organizationId: string; runs: number }) {
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ businessUnit: string }>(`SELECT "businessUnit" FROM "UseCase" WHERE "organizationId" = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [opts.organizationId]);
    const unit = rows[0]?.businessUnit ?? "";
    const wholeOrgMedianMs = await time(opts.runs, () => loadDashboard(opts.organizationId, EMPTY_FILTER));
    const filteredMedianMs = await time(opts.runs, () => loadDashboard(opts.organizationId, { ...EMPTY_FILTER, businessUnit: [unit] }));
    // The equivalent single aggregate: yearly spend by approach, as chosen, for the whole organization.
    const rawSqlMedianMs = await time(opts.runs, () =>
      client.query(
        `SELECT y."calendarYear", y.approach, sum(y."lowCents"), sum(y."baseCents"), sum(y."highCents")
           FROM "UseCase" u JOIN "CostYear" y ON y."organizationId" = u."organizationId" AND y."useCaseId" = u.id
                                              AND y.approach = COALESCE(u."chosenApproach", u."recommendedApproach")
          WHERE u."organizationId" = $1 AND u."deletedAt" IS NULL GROUP BY 1, 2`,
        [opts.organizationId],
      ),
    );
    return { wholeOrgMedianMs, filteredMedianMs, rawSqlMedianMs, ratio: Math.round((wholeOrgMedianMs / rawSqlMedianMs) * 10) / 10, filter: `businessUnit=${unit}` };
  } finally {
    await client.end();
  }
}
