import "server-only";
import { UNMETERED_CATEGORIES } from "@/lib/domain/actuals/variance";
import { Prisma } from "../db";
import { asChosenApproach } from "../portfolio/filter-sql";
import { startYearSql } from "../use-cases/start-year";

/**
 * A use case's approved budget for the year (cents, float8: exact below 2^53), or NULL: the yearly
 * budget of its decision once finance has approved it (state BUDGET_APPROVED, as the portfolio's
 * budget panel counts it, lib/server/value/budgets-read.ts). A decision proposed, approved by an
 * executive only, sent back or gone to review has no approved budget. The figure is the one
 * finance approved: the projection's first year, every category, as the workflow took it when the
 * approach was proposed or approved and again after each edit while it waited for finance: its
 * yearly run rate each year, with its one-off build on top in the year the use case starts only
 * (lib/server/decisions/budget.ts); approved, it no longer moves. It counts people's time that
 * no bill shows, so the run rate's year end adds the year's projection of it to the bills
 * (unmeteredThisYear); a bill of the metered categories alone passing it has passed it outright.
 */
export const approvedBudgetJoin = (u: string) =>
  Prisma.raw(`LEFT JOIN "UseCaseDecision" ab ON ab."useCaseId" = ${u}."id" AND ab."organizationId" = ${u}."organizationId" AND ab."state" = 'BUDGET_APPROVED'`);
/** The approved budget's one-off build counted in `year` (cents, float8): all of it in the use case's first year (the calendar year it starts), else 0. */
export const approvedBuild = (u: string, year: number) =>
  Prisma.sql`(CASE WHEN ${year}::int = ${startYearSql(u)} THEN COALESCE(ab."buildCents", 0) ELSE 0 END)::float8`;
/** The approved budget for `year`: the yearly run rate, and the one-off build in the use case's first year. */
export const approvedBudget = (u: string, year: number) => Prisma.sql`(ab."yearlyBudgetCents" + ${approvedBuild(u, year)})::float8`;

/**
 * The base of `year`'s projection, for the approach as chosen, that no bill shows (cents, float8):
 * its people's time (UNMETERED_CATEGORIES), which the approved budget counts beside the bills
 * (computeVariance's `unmetered`). Read only where a budget is approved (0 elsewhere: nothing to
 * pass), from the use case's one set of that approach, found by the sets' key.
 */
export const unmeteredThisYear = (u: string, year: number, organizationId: string) => Prisma.sql`(CASE WHEN ab."yearlyBudgetCents" IS NULL THEN 0 ELSE (
    SELECT coalesce(sum(e."baseCents"), 0) FROM "CostLineSet" s
     CROSS JOIN LATERAL unnest(s."category", s."calendarYear", s."baseCents") AS e("category", "calendarYear", "baseCents")
     WHERE s."useCaseId" = ${Prisma.raw(`${u}."id"`)} AND s."organizationId" = ${organizationId} AND s."approach" = ${asChosenApproach(u)}
       AND e."calendarYear" = ${year}::int AND e."category" = ANY(${UNMETERED_CATEGORIES}::text[])) END)::float8`;
