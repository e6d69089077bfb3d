/**
 * The dashboard's server work against the quality bar (PRODUCT.md: within 3 times the same
 * aggregation as one raw SQL query, and under 300 ms, at 10,000 use cases on 2 cores).
 *
 * Measures loadDashboard (the function the page calls: every panel, in parallel, with the
 * conversion to the page's data) for the whole organization and for its largest business unit.
 * Beside it, on the same database, through a plain pg client:
 * - `rawSqlMedianMs` (the bar's comparison, the strictest reading): one aggregate of the headline
 *   numbers, projected spend per calendar year and approach, as chosen;
 * - `rawScenariosMedianMs`: the dashboard's own cost statement (spend and every scenario, year by
 *   year) run raw;
 * - `rawPanelsMedianMs`: both of the dashboard's statements run raw, one after the other; the
 *   difference from wholeOrgMedianMs is the data layer's own cost (Prisma, conversion, assembly)
 *   less what running the two in parallel saves.
 * Medians over `runs`, after one warm-up run each.
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { EMPTY_FILTER, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import { costCellsSql } from "@/lib/server/portfolio/panels/costs";
import { useCasePanelsSql } from "@/lib/server/portfolio/panels/use-cases";

export interface DashboardBench {
  wholeOrgMedianMs: number;
  filteredMedianMs: number;
  rawSqlMedianMs: number;
  /** wholeOrgMedianMs / rawSqlMedianMs: the bar is 3. */
  ratio: number;
  filteredRawSqlMedianMs: number;
  filteredRatio: number;
  rawScenariosMedianMs: number;
  rawPanelsMedianMs: number;
  filter: string;
  useCases: number;
  runs: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round1 = (x: number) => Math.round(x * 10) / 10;

async function time(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return round1(median(out));
}

/** The raw aggregate: spend per year and approach, as chosen, for the live use cases of the view. */
const RAW_SQL = `
  SELECT y."calendarYear", y.approach, sum(y."lowCents") AS low, sum(y."baseCents") AS base, sum(y."highCents") AS high
    FROM "UseCase" u
    JOIN "CostYear" y ON y."organizationId" = u."organizationId" AND y."useCaseId" = u.id
                     AND y.approach = COALESCE(u."chosenApproach", u."recommendedApproach")
   WHERE u."organizationId" = $1 AND u."deletedAt" IS NULL AND ($2::text IS NULL OR u."businessUnit" = $2)
   GROUP BY 1, 2`;

export async function benchDashboard(opts: { databaseUrl: string; organizationId: string; runs: number }): Promise<DashboardBench> {
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ businessUnit: string; n: string }>(
      `SELECT "businessUnit", count(*) AS n FROM "UseCase" WHERE "organizationId" = $1 AND "deletedAt" IS NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
      [opts.organizationId],
    );
    const { rows: total } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "UseCase" WHERE "organizationId" = $1 AND "deletedAt" IS NULL`, [opts.organizationId]);
    const unit = rows[0]?.businessUnit ?? "";
    const filtered: PortfolioFilter = { ...EMPTY_FILTER, businessUnit: [unit] };

    const wholeOrgMedianMs = await time(opts.runs, () => loadDashboard(opts.organizationId, EMPTY_FILTER));
    const rawSqlMedianMs = await time(opts.runs, () => client.query(RAW_SQL, [opts.organizationId, null]));
    const filteredMedianMs = await time(opts.runs, () => loadDashboard(opts.organizationId, filtered));
    const filteredRawSqlMedianMs = await time(opts.runs, () => client.query(RAW_SQL, [opts.organizationId, unit]));
    const costs = costCellsSql(opts.organizationId, EMPTY_FILTER);
    const useCases = useCasePanelsSql(opts.organizationId, EMPTY_FILTER);
    const rawScenariosMedianMs = await time(opts.runs, () => client.query(costs.text, costs.values as unknown[]));
    const rawPanelsMedianMs = await time(opts.runs, async () => {
      await client.query(costs.text, costs.values as unknown[]);
      await client.query(useCases.text, useCases.values as unknown[]);
    });
    return {
      wholeOrgMedianMs,
      filteredMedianMs,
      rawSqlMedianMs,
      ratio: round1(wholeOrgMedianMs / rawSqlMedianMs),
      filteredRawSqlMedianMs,
      filteredRatio: round1(filteredMedianMs / filteredRawSqlMedianMs),
      rawScenariosMedianMs,
      rawPanelsMedianMs,
      filter: `businessUnit=${unit} (${rows[0]?.n ?? 0} use cases)`,
      useCases: Number(total[0]?.n ?? 0),
      runs: opts.runs,
    };
  } finally {
    await client.end();
  }
}
