import "server-only";
import type { Approach } from "@/lib/domain/assessment";
import type { PortfolioFilter } from "@/lib/domain/portfolio/filter";
import type { CostCell } from "@/lib/domain/portfolio/types";
import { Prisma } from "../../db";
import { scopedQueryRaw } from "../../rls";
import { asChosenApproach, useCaseWhere } from "../filter-sql";
import { int } from "../sql-values";

interface Row {
  calendarYear: number;
  approach: Approach;
  asChosen: boolean;
  asRecommended: boolean;
  low: bigint;
  base: bigint;
  high: bigint;
  useCases: bigint;
  rows: bigint;
}

/**
 * Spend, scenarios and per-approach totals: one pass over the stored yearly totals (CostYear) of
 * the use cases in view, summed by calendar year and approach and split by whether the approach
 * is each use case's "as chosen" one and its recommendation. Every scenario is a sum of these
 * cells, so all of them come to the cent from the same rows. (The statement is exported for the
 * benchmark, which runs the same SQL raw.)
 */
export function costCellsSql(organizationId: string, filter: PortfolioFilter): Prisma.Sql {
  // Grouped on the enum (cheaper to hash than text), cast for the client outside. The rows are
  // joined on the use case alone (its organization is already fixed by the WHERE, and the cost
  // rows are held to the same organization by a filter, cheaper than a second join key).
  return Prisma.sql`
    SELECT c."calendarYear", c.approach::text AS approach, c."asChosen", c."asRecommended", c.low, c.base, c.high, c."useCases", c.rows
      FROM (SELECT y."calendarYear" AS "calendarYear", y.approach,
                   coalesce(y.approach = ${asChosenApproach()}, false) AS "asChosen",
                   coalesce(y.approach = u."recommendedApproach", false) AS "asRecommended",
                   sum(y."lowCents")::bigint AS low, sum(y."baseCents")::bigint AS base, sum(y."highCents")::bigint AS high,
                   count(*) FILTER (WHERE y."yearIndex" = 1) AS "useCases", count(*) AS rows
              FROM "UseCase" u
              JOIN "CostYear" y ON y."useCaseId" = u.id
             WHERE ${useCaseWhere(organizationId, filter)} AND y."organizationId" = ${organizationId}
             GROUP BY 1, 2, 3, 4) c`;
}

export async function costCells(organizationId: string, filter: PortfolioFilter): Promise<CostCell[]> {
  const rows = await scopedQueryRaw<Row[]>(organizationId, costCellsSql(organizationId, filter));
  return rows.map((r) => ({
    calendarYear: r.calendarYear,
    approach: r.approach,
    asChosen: r.asChosen,
    asRecommended: r.asRecommended,
    low: int(r.low),
    base: int(r.base),
    high: int(r.high),
    useCases: int(r.useCases),
    rows: int(r.rows),
  }));
}
