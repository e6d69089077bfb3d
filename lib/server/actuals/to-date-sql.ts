import "server-only";
import { PROJECTION_CATEGORY } from "@/lib/domain/actuals";
import { Prisma } from "../db";

/**
 * The variance's arithmetic (lib/domain/actuals/variance.ts) in SQL, for the two statements that
 * work it out per row instead of calling computeVariance: the portfolio's actuals panel
 * (./portfolio.ts) and the business-unit export's metered base to date (../export/cost-exports.ts).
 * One definition of each piece, so the panel and the file agree to the cent (both are held to
 * the per-use-case path by tests/actuals-portfolio-sql.test.ts and tests/actuals-variance.test.ts).
 */

/**
 * The month a use case's projection for calendar year `year` is spread from: its planned start's
 * month when it starts that year, else January. A use case with no planned start is projected from
 * the year it was logged; its spend may well predate that (an inventory imported late), so its year
 * is spread over all twelve months.
 */
export function startMonthSql(useCase: string, year: Prisma.Sql): Prisma.Sql {
  const start = Prisma.raw(`${useCase}."startDate"`);
  return Prisma.sql`(CASE WHEN ${start} IS NOT NULL AND extract(year FROM ${start})::int = ${year} THEN extract(month FROM ${start})::int ELSE 1 END)`;
}

/**
 * sharesToDate: of a year's figure split into whole cents over twelve months (floor of a twelfth,
 * the odd cents to the earliest months), the `months` months from `from` on.
 */
export function sharesToDateSql(yearly: Prisma.Sql, months: Prisma.Sql, from: Prisma.Sql): Prisma.Sql {
  const q = Prisma.sql`floor((${yearly}) / 12::numeric)`;
  return Prisma.sql`(${q} * (${months}) + greatest(0, least((${yearly}) - ${q} * 12 - (${from}) + 1, (${months}))))`;
}

/** The actual-spend category a projection category is compared under (PROJECTION_CATEGORY): the variance splits each apart. */
export function actualCategorySql(column: string): Prisma.Sql {
  return Prisma.raw(`CASE ${column} ${Object.entries(PROJECTION_CATEGORY).map(([p, a]) => `WHEN '${p}' THEN '${a}'`).join(" ")} END`);
}

/**
 * A year's metered lines' base summed, or NULL where any of them has no figure (an unanswered
 * volume leaves inference without one): sum() would skip it and compare the bills with the rest,
 * where computeVariance compares them with nothing (LACKING_FIGURE). `column`: the lines' base.
 */
export function baseOrNullSql(column: string): Prisma.Sql {
  const c = Prisma.raw(column);
  return Prisma.sql`(CASE WHEN bool_and(${c} IS NOT NULL) THEN sum(${c}) END)`;
}
