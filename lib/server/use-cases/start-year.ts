import { MAX_HORIZON_YEARS } from "@/lib/domain/use-case";
import { Prisma } from "../db";

/** The longest lifecycle a use case is costed over (MAX_HORIZON_YEARS), as SQL, for the reads that count its years. */
export const LONGEST_LIFECYCLE_SQL = Prisma.raw(String(MAX_HORIZON_YEARS));

/**
 * The calendar year a use case's projection starts: its planned start's year, else the year it was
 * logged (an idea with no planned start is costed from then, a full first year). One rule, said
 * twice: in JavaScript for the projection and its lifecycle years (./derive.ts, ./mapping.ts), and
 * in SQL for the reads that place a decision's build, a budget's years or a bill's year index
 * against it (approved spend, the actuals' build, the not-costed count, the queue's figure, the
 * detail export's unplaced actuals). Timestamps are stored in UTC, so both read the UTC year.
 */
export function useCaseStartYear(row: { startDate: Date | null; createdAt: Date }): number {
  return (row.startDate ?? row.createdAt).getUTCFullYear();
}

/** useCaseStartYear in SQL, for the use case under `alias` (an int). */
export function startYearSql(alias: string): Prisma.Sql {
  return Prisma.raw(`EXTRACT(YEAR FROM COALESCE(${alias}."startDate", ${alias}."createdAt"))::int`);
}

/**
 * lifecycleYears (lib/domain/costing/retired.ts) in SQL, for the use case under `alias`: the years
 * its projection covers from its start year, its horizon held to 1 to MAX_HORIZON_YEARS and cut at
 * the year it was retired in (0: retired before its first). The reads that count a use case's
 * years beside its projection (the queue's estimate times the years, the approvals and the
 * not-costed count of a calendar year) use it, so none counts a year the projection does not.
 */
export function lifecycleYearsSql(alias: string): Prisma.Sql {
  const horizon = Prisma.sql`LEAST(${LONGEST_LIFECYCLE_SQL}, GREATEST(1, ${Prisma.raw(`${alias}."horizonYears"`)}))`;
  return Prisma.sql`(CASE WHEN ${Prisma.raw(`${alias}."retiredAt"`)} IS NULL THEN ${horizon}
    ELSE GREATEST(0, LEAST(${horizon}, EXTRACT(YEAR FROM ${Prisma.raw(`${alias}."retiredAt"`)})::int - ${startYearSql(alias)} + 1)) END)`;
}
