/**
 * The budgets' side of the Value page and the portfolio's budget panel: per business unit and
 * calendar year, the spend finance approved, the spend projected as chosen, the use cases not
 * costed, and the budgets themselves. (./read.ts is the value side: a use case's value per
 * approach, and the portfolio's.)
 */
import "server-only";
import { EMPTY_FILTER, isEmptyFilter, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { anyApproval, budgetRows, type BudgetRow, type UnitSpend } from "@/lib/domain/value";
import { db, Prisma } from "../db";
import { lifecycleYearsSql, startYearSql } from "../use-cases/start-year";
import { keptSumsReady } from "../portfolio/cost-sums";
import { asChosenApproach, asChosenArray, rollupWhere, useCaseWhere } from "../portfolio/filter-sql";
import { int } from "../portfolio/sql-values";
import { scopedQueryRaw } from "../rls";

/** The budgets finance approved, per business unit, for one calendar year (lib/domain/value/budget.ts). */
export interface ApprovedSpend {
  /** The yearly budgets with a figure, summed (cents), per unit that has any. */
  cents: Map<string, number>;
  /** Per unit, how many budgets finance approved with no figure (the approach's first year not fully costed). */
  withoutFigure: Map<string, number>;
}

/**
 * The spend approved per business unit in a calendar year: the yearly budgets (run rates) of the decisions
 * whose budget finance has approved (lib/server/decisions/workflow.ts; state BUDGET_APPROVED), for
 * the use cases, not deleted, whose lifecycle covers that year; those approved with no figure
 * (NO_BUDGET_FIGURE) counted apart, never as $0 and never left out unsaid. A decision's one-off
 * build counts once, in the use case's first year (the calendar year it starts), never again in
 * each later year of its lifecycle (it did while the yearly budget was the first year whole). Null when the
 * organization has no approved budget at all, so the panel says "no approvals yet" rather than $0.
 * A use case in the trash is in no total, so its approved budget is approved spend nowhere: not
 * in its unit's row, and not in whether the organization has approvals (it used to make the
 * summary drop "no approvals yet" while its unit's row still said it).
 */
export async function approvedSpendByBusinessUnit(organizationId: string, year: number, filter: PortfolioFilter = EMPTY_FILTER): Promise<ApprovedSpend | null> {
  // The use cases of the view only, as the projected spend beside it (a view of LIVE use cases
  // had every approval of the unit beside the projection of its live ones).
  const inView = isEmptyFilter(filter) ? Prisma.sql`true` : useCaseWhere(organizationId, filter, "u");
  const start = startYearSql("u");
  // The years its projection covers: a retired use case's approval is approved spend up to the
  // year it was retired in, as its projection is (it counted for the whole horizon, beside $0 projected).
  const covers = Prisma.sql`${year} >= ${start} AND ${year} < ${start} + ${lifecycleYearsSql("u")}`;
  // Filtered by organization in both tables explicitly (a small read of the decisions only).
  const rows = await db.$queryRaw<{ businessUnit: string | null; cents: bigint | null; withoutFigure: number }[]>(
    Prisma.sql`
      SELECT u."businessUnit", sum(d."yearlyBudgetCents" + CASE WHEN ${year} = ${start} THEN d."buildCents" ELSE 0 END) FILTER (WHERE ${covers}) AS cents,
             count(*) FILTER (WHERE ${covers} AND d."yearlyBudgetCents" IS NULL)::int AS "withoutFigure"
        FROM "UseCaseDecision" d
        JOIN "UseCase" u ON u.id = d."useCaseId" AND u."organizationId" = d."organizationId"
       WHERE d."organizationId" = ${organizationId} AND d.state = 'BUDGET_APPROVED' AND u."deletedAt" IS NULL AND ${inView}
       GROUP BY u."businessUnit"`,
  );
  if (rows.length === 0) return null;
  return {
    cents: new Map(rows.filter((r) => r.cents !== null).map((r) => [r.businessUnit ?? "", int(r.cents)])),
    withoutFigure: new Map(rows.filter((r) => int(r.withoutFigure) > 0).map((r) => [r.businessUnit ?? "", int(r.withoutFigure)])),
  };
}

interface SpendRow {
  businessUnit: string;
  low: bigint;
  base: bigint;
  high: bigint;
  useCases: number;
  incomplete: number;
}

/** Projected spend as chosen in one calendar year, per business unit, for the filter (UseCaseRollup only). */
export async function projectedSpendByUnit(organizationId: string, filter: PortfolioFilter, year: number, options: { fromRollup?: boolean } = {}): Promise<UnitSpend[]> {
  const kept = isEmptyFilter(filter) && !options.fromRollup ? await keptSpendByUnit(organizationId, year) : null;
  const rows = kept ?? (await spendByUnit(organizationId, filter, year));
  return rows.map((r) => ({ businessUnit: r.businessUnit, projected: { low: int(r.low), base: int(r.base), high: int(r.high) }, useCases: int(r.useCases), incomplete: int(r.incomplete) }));
}

/**
 * Unfiltered, from the portfolio's kept sums (lib/server/portfolio/cost-sums.ts): each group's
 * as-chosen amounts for the year are its as-chosen approach's column. Null while the
 * organization's kept sums are not there yet.
 */
async function keptSpendByUnit(organizationId: string, year: number): Promise<SpendRow[] | null> {
  const pick = (k: "l" | "b" | "h") =>
    Prisma.raw(`sum(CASE s.ch WHEN 'RAG' THEN s."rag${k}" WHEN 'FINE_TUNING' THEN s."ft${k}" WHEN 'HYBRID' THEN s."hy${k}" ELSE s."ch${k}" END)::bigint`);
  const rows = await scopedQueryRaw<(SpendRow & { marker: boolean })[]>(
    organizationId,
    Prisma.sql`
      SELECT s."businessUnit", ${pick("l")} AS low, ${pick("b")} AS base, ${pick("h")} AS high,
             sum(s.cy)::int AS "useCases", sum(s.ci)::int AS incomplete, false AS marker
        FROM "PortfolioCostSum" s
       WHERE s."organizationId" = ${organizationId} AND s."calendarYear" = ${year}::int AND s.ch IS NOT NULL
       GROUP BY s."businessUnit"
      HAVING sum(s.cy) > 0
      UNION ALL
      SELECT '', NULL, NULL, NULL, 0, 0, true
       WHERE ${keptSumsReady(organizationId)}`,
  );
  return rows.some((r) => r.marker) ? rows.filter((r) => !r.marker) : null;
}

async function spendByUnit(organizationId: string, filter: PortfolioFilter, year: number): Promise<SpendRow[]> {
  const arr = asChosenArray("r");
  return scopedQueryRaw<SpendRow[]>(
    organizationId,
    Prisma.sql`
      SELECT r."businessUnit",
             sum(${arr}[3 * (${year}::int - r."startYear") + 1])::bigint AS low,
             sum(${arr}[3 * (${year}::int - r."startYear") + 2])::bigint AS base,
             sum(${arr}[3 * (${year}::int - r."startYear") + 3])::bigint AS high,
             count(*)::int AS "useCases", count(*) FILTER (WHERE (r.incomplete & 1) <> 0)::int AS incomplete
        FROM "UseCaseRollup" r
       WHERE ${rollupWhere(organizationId, filter, "r")}
         AND ${asChosenApproach("r")} IS NOT NULL
         AND r."startYear" <= ${year}::int AND 3 * (${year}::int - r."startYear") < cardinality(${arr})
       GROUP BY r."businessUnit"`,
  );
}

/**
 * Per business unit, the use cases in view whose lifecycle covers the calendar year but that have
 * no cost as chosen at all (not assessed, or an approach the cost model does not price with no
 * manual estimate): the projection above leaves them out, and the budget panel says so. The years
 * a use case covers are those derivation costs (lib/server/use-cases/derive.ts): from the year of
 * its start (else its creation), its horizon of 1 to 10 years, none after the year it was retired.
 *
 * Unfiltered, from the kept tally (kind 'notCosted', one count per unit and year; migration
 * 20261206211500_portfolio_not_costed_tally): a few rows whatever the portfolio's size. Filtered
 * (or before the organization's kept sums are there, or `fromRollup`), from the rollup rows in view.
 */
export async function notCostedByUnit(organizationId: string, filter: PortfolioFilter, year: number, options: { fromRollup?: boolean } = {}): Promise<Map<string, number>> {
  const kept = isEmptyFilter(filter) && !options.fromRollup ? await keptNotCostedByUnit(organizationId, year) : null;
  const rows = kept ?? (await notCostedFromRollup(organizationId, filter, year));
  return new Map(rows.map((r) => [r.businessUnit, int(r.n)]));
}

/** The kept tally's counts for the year, by unit; null while the organization's kept sums are not there yet. */
async function keptNotCostedByUnit(organizationId: string, year: number): Promise<{ businessUnit: string; n: number }[] | null> {
  const prefix = `${year}:`;
  const rows = await scopedQueryRaw<{ businessUnit: string; n: number; marker: boolean }[]>(
    organizationId,
    Prisma.sql`
      SELECT substr(t.key, ${prefix.length + 1}::int) AS "businessUnit", sum(t.n)::int AS n, false AS marker
        FROM "PortfolioTally" t
       WHERE t."organizationId" = ${organizationId} AND t.kind = 'notCosted' AND starts_with(t.key, ${prefix})
       GROUP BY 1
      HAVING sum(t.n) <> 0
      UNION ALL
      SELECT '', 0, true
       WHERE ${keptSumsReady(organizationId)}`,
  );
  return rows.some((r) => r.marker) ? rows.filter((r) => !r.marker) : null;
}

/**
 * The same count over the rollup rows in view, with their use cases' lifecycles. Its condition
 * repeats the predicates of the rollup's two partial indexes of rows with no as-chosen total (not
 * costed; not assessed), so the planner may read those rows alone; it still grows with them.
 */
async function notCostedFromRollup(organizationId: string, filter: PortfolioFilter, year: number): Promise<{ businessUnit: string; n: number }[]> {
  const arr = asChosenArray("r");
  const start = startYearSql("u");
  const years = lifecycleYearsSql("u");
  return scopedQueryRaw<{ businessUnit: string; n: number }[]>(
    organizationId,
    Prisma.sql`
      SELECT r."businessUnit", count(*)::int AS n
        FROM "UseCaseRollup" r
        JOIN "UseCase" u ON u.id = r."useCaseId" AND u."organizationId" = ${organizationId}
       WHERE ${rollupWhere(organizationId, filter, "r")}
         AND ((r."chosenBaseCents" IS NULL AND r.evidence <> 'none') OR r.evidence = 'none')
         AND cardinality(${arr}) = 0
         AND ${year}::int >= ${start} AND ${year}::int < ${start} + ${years}
       GROUP BY r."businessUnit"`,
  );
}

/**
 * For the Exports page: the use cases in view with no cost as chosen over their whole lifecycle
 * (not assessed, or an approach priced only from a manual estimate, none entered), which add
 * nothing to the business-unit rollup's "as chosen" rows; and the business units in view whose use
 * cases are all such, which have no "as chosen" row of projected spend at all.
 */
export async function notCostedAsChosen(organizationId: string, filter: PortfolioFilter): Promise<{ useCases: number; units: string[] }> {
  const arr = asChosenArray("r");
  const [row] = await scopedQueryRaw<{ useCases: number; units: string[] | null }[]>(
    organizationId,
    Prisma.sql`
      SELECT COALESCE(sum(x.nc), 0)::int AS "useCases", array_agg(x."businessUnit" ORDER BY x."businessUnit") FILTER (WHERE x.nc = x.n) AS units
        FROM (SELECT r."businessUnit", count(*) AS n, count(*) FILTER (WHERE cardinality(${arr}) = 0) AS nc
                FROM "UseCaseRollup" r
               WHERE ${rollupWhere(organizationId, filter, "r")}
               GROUP BY r."businessUnit") x`,
  );
  return { useCases: int(row?.useCases ?? 0), units: row?.units ?? [] };
}

/** The budgets of one calendar year, per business unit (cents). */
export async function budgetsOf(organizationId: string, year: number): Promise<Map<string, number>> {
  const rows = await db.businessUnitBudget.findMany({ where: { organizationId, year }, select: { businessUnit: true, amountCents: true } });
  return new Map(rows.map((r) => [r.businessUnit, int(r.amountCents)]));
}

/** The years that have a budget, newest first. */
export async function budgetYears(organizationId: string): Promise<number[]> {
  const rows = await db.businessUnitBudget.findMany({ where: { organizationId }, select: { year: true }, distinct: ["year"], orderBy: { year: "desc" } });
  return rows.map((r) => r.year);
}

/**
 * The budget panel of one year: projected spend as chosen against each unit's budget, with the
 * approved spend from the seam above. A business-unit filter narrows the units; the other filters
 * narrow the use cases counted, as on every panel. `approvalsKnown` is read off the rows (some row
 * shows an approval), so the summary's "no approvals yet" and the rows' never disagree, whatever
 * the year or the trash.
 */
export async function budgetOverview(organizationId: string, filter: PortfolioFilter, year: number): Promise<{ year: number; rows: BudgetRow[]; approvalsKnown: boolean }> {
  const [spend, budgets, approved, notCosted] = await Promise.all([
    projectedSpendByUnit(organizationId, filter, year),
    budgetsOf(organizationId, year),
    approvedSpendByBusinessUnit(organizationId, year, filter),
    notCostedByUnit(organizationId, filter, year),
  ]);
  const inView = filter.businessUnit.length ? new Map([...budgets].filter(([bu]) => filter.businessUnit.includes(bu))) : budgets;
  const rows = budgetRows(spend, inView, approved?.cents ?? null, approved?.withoutFigure, notCosted);
  return { year, rows, approvalsKnown: anyApproval(rows) };
}
