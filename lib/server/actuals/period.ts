import "server-only";
import { db, Prisma, type Tx } from "../db";

/**
 * Which months actual spend is compared over: the year so far up to the latest month that has
 * closed, and the months not over yet, whose bills are kept and said but not compared
 * (docs/decisions/actual-spend.md). ./read.ts and ./portfolio.ts read the comparisons over these months.
 */

export interface ActualsPeriod {
  year: number;
  throughMonth: number;
}

/**
 * A month of bills not compared yet: the month `now` falls in, or a later one (a row dated ahead).
 * `month` "2026-12"; `cents` its actual spend, attributed or not (or one use case's).
 */
export interface OpenMonth {
  month: string;
  cents: number;
}

/** The first day (UTC) of the month `now` falls in: that month is not over, so it and any later month are not compared. */
export function firstOpenMonth(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/**
 * The year so far the comparison covers: the latest month with any actual spend that has closed
 * (before the month `now` falls in), and its year. A month not over yet is not compared: its bills
 * are partial, and set against a whole month's projection they read as under plan (and one row
 * dated in it moved every use case's months and projection). A row dated in a later year does not
 * switch the year either. `now`: the caller's clock (tests pass their own).
 */
export async function actualsPeriod(organizationId: string, tx?: Tx, now: Date = new Date()): Promise<ActualsPeriod | null> {
  const latest = await (tx ?? db).actualSpend.findFirst({
    where: { organizationId, month: { lt: firstOpenMonth(now) } },
    orderBy: { month: "desc" },
    select: { month: true },
  });
  if (!latest) return null;
  return { year: latest.month.getUTCFullYear(), throughMonth: latest.month.getUTCMonth() + 1 };
}

/** The months with actual spend that are not over (OpenMonth), earliest first: the organization's, or one use case's. */
export async function openMonths(organizationId: string, now: Date = new Date(), useCaseId?: string): Promise<OpenMonth[]> {
  const rows = await db.actualSpend.groupBy({
    by: ["month"],
    where: { organizationId, month: { gte: firstOpenMonth(now) }, ...(useCaseId ? { useCaseId } : {}) },
    _sum: { cents: true },
    orderBy: { month: "asc" },
  });
  return rows.map((r) => ({ month: r.month.toISOString().slice(0, 7), cents: Number(r._sum.cents ?? 0) })).filter((r) => r.cents !== 0);
}

/**
 * Whether a use case with spend in the period's year is compared, from its twelve months: it has
 * spend in the months compared, or none after them (a year whose months net to zero is still
 * compared, as before). One billed only in a month not over yet is not: it has no bill in the
 * months compared, and is among the unbilled if it has started. The SQL paths use comparedSql.
 */
export function isCompared(months: readonly number[], throughMonth: number): boolean {
  return months.slice(0, throughMonth).some((c) => c !== 0) || months.slice(throughMonth).every((c) => c === 0);
}

/** isCompared over "ActualSpendYear" y's months, written out. */
export function comparedSql(throughMonth: number): Prisma.Sql {
  const t = Math.min(12, Math.max(1, Math.trunc(throughMonth)));
  if (t === 12) return Prisma.sql`TRUE`;
  const cell = (i: number) => `coalesce(y."monthCents"[${i}], 0)`;
  const before = Array.from({ length: t }, (_, i) => `${cell(i + 1)} <> 0`).join(" OR ");
  const after = Array.from({ length: 12 - t }, (_, i) => `${cell(t + i + 1)} = 0`).join(" AND ");
  return Prisma.raw(`((${before}) OR (${after}))`);
}
