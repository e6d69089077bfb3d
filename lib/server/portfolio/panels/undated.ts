import "server-only";
import type { PortfolioFilter } from "@/lib/domain/portfolio/filter";
import type { LateStartYear, UndatedYear } from "@/lib/domain/portfolio/types";
import { Prisma } from "../../db";
import { scopedQueryRaw } from "../../rls";
import { asChosenArray, rollupWhere } from "../filter-sql";
import { int } from "../sql-values";

interface Row {
  calendarYear: number;
  base: bigint | null;
  useCases: number;
  firstYear: number;
}

/**
 * The spend as chosen, per calendar year, of the use cases in view with no planned start date,
 * which the projection places from the year each was logged (derive.ts): so the headline can say
 * how much of its year's figure stands on that placement. Each year's amount is the sum of the
 * same rollup elements the year's as-chosen spend sums (costs.ts: the as-chosen approach's array,
 * element 3i − 1 the base of lifecycle year i, a missing figure left out of both), so it is a part
 * of that figure to the cent, filtered or not.
 *
 * One statement, from the use cases with no start date through their index
 * ("UseCase_undated_idx", partial on that), to their rollup rows by key: its cost grows with the
 * undated use cases in view, not the portfolio. Not one of the kept sums
 * (docs/decisions/portfolio-cost-sums.md): those have no start-date dimension, and the unfiltered
 * page is served from the exact cache, which UseCase's and UseCaseRollup's writes invalidate.
 *
 * The array is unnested with each element's position (o = 3i − 1 for the base of year i, so year
 * i − 1 after the start is (o − 2) / 3), not expanded with generate_series up to its length: the
 * planner estimates an unnested array at a few rows, a series ending at a column at a thousand,
 * which at the bench's 10,000 use cases, half of them undated, made it expect over a million rows
 * and choose a parallel plan (as ./provisional.ts found, such an estimate also has PostgreSQL
 * JIT-compile the statement once the portfolio is large enough).
 */
export function undatedSql(organizationId: string, filter: PortfolioFilter): Prisma.Sql {
  return Prisma.sql`
    SELECT r."startYear" + ((e.o - 2) / 3)::int AS "calendarYear", sum(e.v)::bigint AS base,
           count(*)::int AS "useCases", count(*) FILTER (WHERE e.o = 2)::int AS "firstYear"
      FROM "UseCase" u
      JOIN "UseCaseRollup" r ON r."useCaseId" = u.id AND r."organizationId" = ${organizationId}
      CROSS JOIN LATERAL unnest(${asChosenArray("r")}) WITH ORDINALITY AS e(v, o)
     WHERE u."organizationId" = ${organizationId} AND u."deletedAt" IS NULL AND u."startDate" IS NULL
       AND ${rollupWhere(organizationId, filter, "r")}
       AND e.o % 3 = 2 AND e.v IS NOT NULL
     GROUP BY 1
     ORDER BY 1`;
}

export async function undatedByYear(organizationId: string, filter: PortfolioFilter): Promise<UndatedYear[]> {
  const rows = await scopedQueryRaw<Row[]>(organizationId, undatedSql(organizationId, filter));
  return rows.map((r) => ({ calendarYear: Number(r.calendarYear), base: int(r.base), useCases: Number(r.useCases), firstYear: Number(r.firstYear) }));
}

interface LateRow {
  calendarYear: number;
  base: bigint | null;
  useCases: number;
}

/**
 * The as-chosen first lifecycle year of the use cases in view that start in July or later, per
 * calendar year (the year each starts): counted whole in that year by the projection, most of its
 * months fall in the next, so the headline says how much of its year's figure that is. The same
 * rollup element the year's as-chosen spend sums (element 2, the base of lifecycle year 1), so a
 * part of that figure to the cent. One statement over the dated use cases in view.
 */
export function lateStartSql(organizationId: string, filter: PortfolioFilter): Prisma.Sql {
  return Prisma.sql`
    SELECT r."startYear" AS "calendarYear", sum(${asChosenArray("r")}[2])::bigint AS base, count(*)::int AS "useCases"
      FROM "UseCase" u
      JOIN "UseCaseRollup" r ON r."useCaseId" = u.id AND r."organizationId" = ${organizationId}
     WHERE u."organizationId" = ${organizationId} AND u."deletedAt" IS NULL AND u."startDate" IS NOT NULL
       AND extract(month FROM u."startDate") >= 7 AND extract(year FROM u."startDate")::int = r."startYear"
       AND ${rollupWhere(organizationId, filter, "r")}
       AND ${asChosenArray("r")}[2] IS NOT NULL
     GROUP BY 1
     ORDER BY 1`;
}

export async function lateStartsByYear(organizationId: string, filter: PortfolioFilter): Promise<LateStartYear[]> {
  const rows = await scopedQueryRaw<LateRow[]>(organizationId, lateStartSql(organizationId, filter));
  return rows.map((r) => ({ calendarYear: Number(r.calendarYear), base: int(r.base), useCases: Number(r.useCases) }));
}
