import "server-only";
import type { PortfolioFilter } from "@/lib/domain/portfolio/filter";
import type { ProvisionalSpend } from "@/lib/domain/portfolio/types";
import { Prisma } from "../../db";
import { scopedQueryRaw } from "../../rls";
import { asChosenArray, rollupWhere } from "../filter-sql";
import { int } from "../sql-values";

interface Row {
  /** Null: the whole lifecycle (the grouping set with no year). */
  calendarYear: number | null;
  base: bigint | null;
  useCases: number;
}

/**
 * The spend as chosen of the use cases in view whose recommendation is provisional (some deciding
 * answers missing: lib/domain/frameworks/evidence.ts), per calendar year and over the lifecycle:
 * so the headline can say how much of its figures rests on a recommendation that may change. The
 * not assessed need no sum of their own: they have no cost in any total.
 *
 * Each amount is the sum of the same rollup elements the as-chosen spend sums (./costs.ts: the
 * as-chosen approach's array, element 3i − 1 the base of lifecycle year i, a missing figure left
 * out of both), over the rows the evidence filter "provisional" keeps. So the lifecycle amount is,
 * to the cent, the total the portfolio shows filtered to the provisional use cases (and within
 * whatever filter is already on).
 *
 * One statement, through the partial index on the provisional rollup rows
 * ("UseCaseRollup_provisional_idx", migration 20261206214100): its cost grows with the provisional
 * use cases in view, not the portfolio, as ./undated.ts's does with the undated ones (measured on
 * the bench's 10,000 use cases, 6,456 of them provisional: 47–63 ms on a 2-core box at load 12). Not one of
 * the kept sums (docs/decisions/portfolio-cost-sums.md), which have no evidence dimension; the
 * unfiltered page is served from the exact cache, which UseCaseRollup's writes invalidate.
 */
export function provisionalSql(organizationId: string, filter: PortfolioFilter): Prisma.Sql {
  // Per use case, its as-chosen array's base elements (3i − 1), each year's and their sum (the row
  // with no year), none when it has no base figure; then added up over the use cases. Unnested
  // rather than generate_series: the planner estimates the rows an array gives (generate_series
  // over a column, a thousand per row), and with 6,456 provisional rows of 10,000 the bench's
  // estimate had PostgreSQL JIT-compile the statement, 2 s where it runs in 50 ms.
  return Prisma.sql`
    SELECT x.y AS "calendarYear", sum(x.base)::bigint AS base, count(*)::int AS "useCases"
      FROM "UseCaseRollup" r
      CROSS JOIN LATERAL (
        SELECT r."startYear" + (e.o - 1)::int / 3 AS y, sum(e.v) AS base
          FROM unnest(${asChosenArray("r")}) WITH ORDINALITY AS e(v, o)
         WHERE e.o % 3 = 2 AND e.v IS NOT NULL
         GROUP BY GROUPING SETS ((1), ())
        HAVING count(*) > 0
      ) x
     WHERE r."organizationId" = ${organizationId} AND r."deletedAt" IS NULL AND r.evidence = 'provisional'
       AND ${rollupWhere(organizationId, filter, "r")}
     GROUP BY 1
     ORDER BY 1 NULLS FIRST`;
}

export async function provisionalSpend(organizationId: string, filter: PortfolioFilter): Promise<ProvisionalSpend> {
  const rows = await scopedQueryRaw<Row[]>(organizationId, provisionalSql(organizationId, filter));
  const whole = rows.find((r) => r.calendarYear === null);
  return {
    base: whole ? int(whole.base) : 0,
    useCases: whole ? Number(whole.useCases) : 0,
    years: rows.filter((r) => r.calendarYear !== null).map((r) => ({ calendarYear: Number(r.calendarYear), base: int(r.base), useCases: Number(r.useCases) })),
  };
}
