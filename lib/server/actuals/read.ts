import "server-only";
import {
  computeVariance,
  METERED_CATEGORIES,
  PROJECTION_CATEGORY,
  type ActualCategory,
  type Variance,
} from "@/lib/domain/actuals";
import { MANUAL_ESTIMATE_APPROACHES } from "@/lib/domain/assessment";
import { EMPTY_FILTER, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { db, Prisma, type Approach, type Tx } from "../db";
import { asChosenApproach, useCaseWhere } from "../portfolio/filter-sql";
import { withOrganizationScope } from "../rls";
import { actualsPeriod, comparedSql, isCompared, openMonths, type ActualsPeriod, type OpenMonth } from "./period";
import { actualCategorySql, baseOrNullSql, startMonthSql } from "./to-date-sql";
import { approvedBudget, approvedBudgetJoin, approvedBuild, unmeteredThisYear } from "./approved-budget-sql";

export { actualsPeriod, firstOpenMonth, isCompared, openMonths, type ActualsPeriod, type OpenMonth } from "./period";

/**
 * Reading actual spend: the period covered and each use case's variance (lib/domain/actuals/variance.ts)
 * for the approach as chosen, one use case's in detail or many as summaries (the portfolio's
 * aggregates are ./portfolio.ts). Raw reads run
 * under the organization scope (lib/server/rls.ts), each with its own organization filter too.
 */

export interface UseCaseVariance {
  id: string;
  title: string;
  businessUnit: string;
  approach: Approach | null;
  decided: boolean;
  variance: Variance;
}

/**
 * Variances for the use cases the filter selects that have actual spend this year (or for one
 * use case). The approved budget is the yearly budget finance approved in the decision workflow
 * (approvedBudgetJoin): a use case whose budget is not approved has none, and is never "over budget".
 */
export async function loadVariances(
  organizationId: string,
  options: { filter?: PortfolioFilter; useCaseId?: string; period?: ActualsPeriod | null; now?: Date } = {},
): Promise<{ period: ActualsPeriod | null; useCases: UseCaseVariance[]; open: OpenMonth[] }> {
  const now = options.now ?? new Date();
  const period = options.period === undefined ? await actualsPeriod(organizationId, undefined, now) : options.period;
  // One use case's bills of the months not over yet (not compared), for its panel to say so.
  const open = options.useCaseId ? await openMonths(organizationId, now, options.useCaseId) : [];
  if (!period) return { period, useCases: [], open };
  if (!options.useCaseId) return { ...(await loadVarianceSummaries(organizationId, options.filter ?? EMPTY_FILTER, period)), open };
  const where = Prisma.sql`${useCaseWhere(organizationId, options.filter ?? EMPTY_FILTER)}${options.useCaseId ? Prisma.sql` AND u."id" = ${options.useCaseId}` : Prisma.empty}`;
  const from = new Date(Date.UTC(period.year, 0, 1));
  const to = new Date(Date.UTC(period.year + 1, 0, 1));
  const { heads, projection, actual } = await db.$transaction(
    async (tx) => {
      await withOrganizationScope(tx, organizationId);
      const actual = await tx.$queryRaw<{ useCaseId: string; month: number; category: ActualCategory; cents: string }[]>`
        SELECT s."useCaseId", extract(month FROM s."month")::int AS "month", s."category", sum(s."cents")::text AS "cents"
          FROM "ActualSpend" s JOIN "UseCase" u ON u."id" = s."useCaseId"
         WHERE s."organizationId" = ${organizationId} AND s."month" >= ${from} AND s."month" < ${to} AND ${where}
         GROUP BY 1, 2, 3`;
      const projection = await tx.$queryRaw<{ useCaseId: string; category: string; low: string | null; base: string | null; high: string | null }[]>`
        SELECT cl."useCaseId", cl."category", sum(cl."lowCents")::text AS "low", ${baseOrNullSql('cl."baseCents"')}::text AS "base", sum(cl."highCents")::text AS "high"
          FROM "CostLine" cl JOIN "UseCase" u ON u."id" = cl."useCaseId"
         WHERE cl."organizationId" = ${organizationId} AND cl."calendarYear" = ${period.year} AND cl."category" = ANY(${METERED_CATEGORIES}::text[])
           AND cl."approach" = ${asChosenApproach("u")} AND ${where}
         GROUP BY 1, 2`;
      // Only use cases with actual spend in the months compared are compared (isCompared): one with
      // none yet is not "below its range", it is not billed (or not tagged) yet.
      const months = new Map<string, number[]>();
      for (const a of actual) {
        const m = months.get(a.useCaseId) ?? new Array<number>(12).fill(0);
        m[a.month - 1]! += Number(a.cents);
        months.set(a.useCaseId, m);
      }
      const ids = [...months].filter(([, m]) => isCompared(m, period.throughMonth)).map(([id]) => id);
      const heads = ids.length
        ? await tx.$queryRaw<{ id: string; title: string; businessUnit: string; approach: Approach | null; decided: boolean; budget: number | null; build: number; unmetered: number; fromMonth: number }[]>`
            SELECT u."id", u."title", u."businessUnit", ${asChosenApproach("u")} AS "approach", u."chosenApproach" IS NOT NULL AS "decided", ${approvedBudget("u", period.year)} AS "budget", ${approvedBuild("u", period.year)} AS "build",
                   ${unmeteredThisYear("u", period.year, organizationId)} AS "unmetered",
                   ${startMonthSql("u", Prisma.sql`${period.year}::int`)} AS "fromMonth"
              FROM "UseCase" u ${approvedBudgetJoin("u")} WHERE u."organizationId" = ${organizationId} AND u."id" = ANY(${ids}::text[])`
        : [];
      return { heads, projection, actual };
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
  const actualBy = group(actual, (a) => a.useCaseId);
  const projectionBy = group(projection, (p) => p.useCaseId);
  const num = (s: string | null) => (s === null ? null : Number(s));
  const useCases = heads.map((h) => {
    const { budget, build, unmetered, fromMonth: from, ...head } = h;
    const variance = computeVariance({
      year: period.year,
      throughMonth: period.throughMonth,
      fromMonth: from,
      projection: (projectionBy.get(h.id) ?? []).map((p) => ({ category: p.category, low: num(p.low), base: num(p.base), high: num(p.high) })),
      actual: (actualBy.get(h.id) ?? []).map((a) => ({ month: a.month, category: a.category, cents: Number(a.cents) })),
      approvedBudget: budget,
      approvedBuild: build,
      unmetered,
      estimated: isEstimated(h.approach),
    });
    return { ...head, variance };
  });
  return { period, useCases: useCases.sort((a, b) => a.title.localeCompare(b.title)), open };
}

/**
 * The portfolio's and the warnings' path: every use case with actual spend this year. Two
 * statements: each use case's months from the yearly summary (ActualSpendYear, one row a use
 * case), and its metered projection per category for the approach as chosen, read through the
 * CostLine view from the use case's set of that approach, found by the sets' (useCaseId, approach)
 * key (the sets replaced the partial index of metered lines of 20261203130000_actual_spend_years). The figures
 * go through the same computeVariance as the use case's own panel; only its totals, sentence, run
 * rate and flags are used here (monthly and byCategory are dropped: the months arrive with no
 * category).
 */
async function loadVarianceSummaries(organizationId: string, filter: PortfolioFilter, period: ActualsPeriod): Promise<{ period: ActualsPeriod; useCases: UseCaseVariance[] }> {
  const rows = await db.$transaction(
    async (tx) => {
      await withOrganizationScope(tx, organizationId);
      return varianceSummaryRows(tx, organizationId, filter, period, null);
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
  return { period, useCases: summariesFrom(rows, period) };
}

/**
 * The same summaries inside a writer's transaction (no switch to the read-only role: the writer
 * goes on writing), for every use case with actual spend this year or only `useCaseIds`: what the
 * early warnings compare before and after a change (lib/server/actuals/warnings.ts).
 */
export async function varianceSummariesIn(tx: Tx, organizationId: string, period: ActualsPeriod, useCaseIds: readonly string[] | null): Promise<UseCaseVariance[]> {
  if (useCaseIds && !useCaseIds.length) return [];
  return summariesFrom(await varianceSummaryRows(tx, organizationId, EMPTY_FILTER, period, useCaseIds), period);
}

type SummaryRows = {
  heads: { id: string; title: string; businessUnit: string; approach: Approach | null; decided: boolean; budget: number | null; build: number; unmetered: number; fromMonth: number; months: number[] }[];
  projection: { useCaseId: string; category: string; low: number | null; base: number | null; high: number | null }[];
};

async function varianceSummaryRows(tx: Tx, organizationId: string, filter: PortfolioFilter, period: ActualsPeriod, useCaseIds: readonly string[] | null): Promise<SummaryRows> {
  const canon = actualCategorySql(`cl."category"`);
  // Written out (not a parameter) so that the planner can match the partial index's predicate.
  const metered = Prisma.raw(METERED_CATEGORIES.map((c) => `'${c.replace(/'/g, "")}'`).join(", "));
  const only = useCaseIds ? Prisma.sql` AND y."useCaseId" = ANY(${[...useCaseIds]}::text[])` : Prisma.empty;
  const withActuals = Prisma.sql`"ActualSpendYear" y JOIN "UseCase" u ON u."id" = y."useCaseId" ${approvedBudgetJoin("u")}
    WHERE y."organizationId" = ${organizationId} AND y."year" = ${period.year}${only} AND ${comparedSql(period.throughMonth)} AND ${useCaseWhere(organizationId, filter)}`;
  // Cents arrive as float8 (exact below 2^53), sparing a string per figure on 10,000 rows.
  const heads = await tx.$queryRaw<SummaryRows["heads"]>`
    SELECT u."id", u."title", u."businessUnit", ${asChosenApproach("u")} AS "approach", u."chosenApproach" IS NOT NULL AS "decided", ${approvedBudget("u", period.year)} AS "budget", ${approvedBuild("u", period.year)} AS "build", ${startMonthSql("u", Prisma.sql`${period.year}::int`)} AS "fromMonth",
           ${unmeteredThisYear("u", period.year, organizationId)} AS "unmetered", y."monthCents"::float8[] AS "months"
      FROM ${withActuals}`;
  const projection = await tx.$queryRaw<SummaryRows["projection"]>`
    SELECT u."id" AS "useCaseId", ${canon} AS "category", sum(cl."lowCents")::float8 AS "low", ${baseOrNullSql('cl."baseCents"')}::float8 AS "base", sum(cl."highCents")::float8 AS "high"
      FROM "ActualSpendYear" y JOIN "UseCase" u ON u."id" = y."useCaseId"
      JOIN "CostLine" cl ON cl."organizationId" = ${organizationId} AND cl."calendarYear" = ${period.year} AND cl."useCaseId" = u."id"
       AND cl."approach" = ${asChosenApproach("u")} AND cl."category" IN (${metered})
     WHERE y."organizationId" = ${organizationId} AND y."year" = ${period.year}${only} AND ${comparedSql(period.throughMonth)} AND ${useCaseWhere(organizationId, filter)}
     GROUP BY 1, 2`;
  return { heads, projection };
}

function summariesFrom({ heads, projection }: SummaryRows, period: ActualsPeriod): UseCaseVariance[] {
  const m = period.throughMonth;
  // A representative projection category for each actual category (computeVariance maps them back).
  const representative = Object.fromEntries(Object.entries(PROJECTION_CATEGORY).map(([p, a]) => [a, p]).reverse()) as Record<string, string>;
  const projectionBy = group(projection, (p) => p.useCaseId);
  const useCases = heads.map((r) => {
    const actual: { month: number; category: ActualCategory; cents: number }[] = [];
    r.months.forEach((cents, i) => {
      if (cents !== 0) actual.push({ month: i + 1, category: "OTHER", cents });
    });
    const lines = (projectionBy.get(r.id) ?? []).map((p) => ({ category: representative[p.category]!, low: p.low, base: p.base, high: p.high }));
    const variance = computeVariance({ year: period.year, throughMonth: m, fromMonth: r.fromMonth, projection: lines, actual, approvedBudget: r.budget, approvedBuild: r.build, unmetered: r.unmetered, estimated: isEstimated(r.approach) }, { detail: false });
    return { id: r.id, title: r.title, businessUnit: r.businessUnit, approach: r.approach, decided: r.decided, variance };
  });
  // The order of localeCompare, with one collator for the 10,000 comparisons of a large portfolio.
  const collator = new Intl.Collator();
  return useCases.sort((a, b) => collator.compare(a.title, b.title));
}

/** Priced from its owner's yearly estimate, which a bill is not compared with (PROJECTION_CATEGORY). */
const isEstimated = (approach: Approach | null) => approach !== null && (MANUAL_ESTIMATE_APPROACHES as readonly string[]).includes(approach);

function group<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}
