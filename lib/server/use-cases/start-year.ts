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
