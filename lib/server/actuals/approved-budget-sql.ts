import "server-only";
import { Prisma } from "../db";
import { startYearSql } from "../use-cases/start-year";

/**
 * A use case's approved budget for the year (cents, float8: exact below 2^53), or NULL: the yearly
 * budget of its decision once finance has approved it (state BUDGET_APPROVED, as the portfolio's
 * budget panel counts it, lib/server/value/budgets-read.ts). A decision proposed, approved by an
 * executive only, sent back or gone to review has no approved budget. The figure is the one
 * finance approved: the projection's first year, every category, as the workflow took it when the
 * approach was proposed or approved and again after each edit while it waited for finance: its
 * yearly run rate each year, with its one-off build on top in the year the use case starts only
 * (lib/server/decisions/budget.ts); approved, it no longer moves. So a bill of the metered
 * categories alone passing it has passed what finance agreed to spend.
 */
export const approvedBudgetJoin = (u: string) =>
  Prisma.raw(`LEFT JOIN "UseCaseDecision" ab ON ab."useCaseId" = ${u}."id" AND ab."organizationId" = ${u}."organizationId" AND ab."state" = 'BUDGET_APPROVED'`);
/** The approved budget's one-off build counted in `year` (cents, float8): all of it in the use case's first year (the calendar year it starts), else 0. */
export const approvedBuild = (u: string, year: number) =>
  Prisma.sql`(CASE WHEN ${year}::int = ${startYearSql(u)} THEN COALESCE(ab."buildCents", 0) ELSE 0 END)::float8`;
/** The approved budget for `year`: the yearly run rate, and the one-off build in the use case's first year. */
export const approvedBudget = (u: string, year: number) => Prisma.sql`(ab."yearlyBudgetCents" + ${approvedBuild(u, year)})::float8`;
