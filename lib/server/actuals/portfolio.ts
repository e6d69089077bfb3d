import "server-only";
import { METERED_CATEGORIES, NOT_STARTED_STATUSES, type Range, type UnattributedReason } from "@/lib/domain/actuals";
import { EMPTY_FILTER, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { db, Prisma, type Approach } from "../db";
import { asChosenApproach, useCaseWhere } from "../portfolio/filter-sql";
import { withOrganizationScope } from "../rls";
import { approvedBudget, approvedBudgetJoin, unmeteredThisYear } from "./approved-budget-sql";
import { actualsPeriod, comparedSql, openMonths, type ActualsPeriod, type OpenMonth } from "./period";
import { varianceSummariesIn } from "./read";
import { actualCategorySql, baseOrNullSql, sharesToDateSql, startMonthSql } from "./to-date-sql";

/**
 * The portfolio's actual spend: projected against actual by business unit and by approach as
 * chosen, the use cases furthest outside their range, the flagged count, the unattributed spend,
 * and the use cases the comparison leaves out for having no bill (the unbilled), each worked out in
 * PostgreSQL under the organization scope (lib/server/rls.ts), to the cent as the per-use-case
 * variance (./read.ts) works it out.
 */

export interface PortfolioActuals {
  period: ActualsPeriod | null;
  /** The organization's bills of the months not over yet, whatever the filter: kept, not compared (in no figure below). */
  open: OpenMonth[];
  actual: number;
  projected: Range;
  /**
   * Of `actual`, what was billed with no metered projection for its months (a pilot billed before
   * its planned start year or, in the year it starts, before its start month; a use case not
   * assessed): counted in the actual, never set against a projection of nothing (it made "Against
   * base" read −25% where the projected use case was at −50%).
   */
  unprojected: number;
  byBusinessUnit: { businessUnit: string; actual: number; unprojected: number; projected: Range; useCases: number }[];
  byApproach: { approach: Approach | null; actual: number; unprojected: number; projected: Range; useCases: number }[];
  /** Furthest outside their range first (relative to the nearer bound). */
  outside: { id: string; title: string; actual: number; projected: Range; position: "above" | "below"; distance: number; sentence: string }[];
  flagged: number;
  unattributed: { reason: UnattributedReason; cents: number }[];
  /**
   * What the comparison leaves out: the use cases the view selects with a metered base projection
   * for the months so far (the same categories, approach as chosen and start-month rule) but no
   * actual spend this year. Not counted as $0 spent (untagged spend may be theirs, in the
   * unattributed), nor left unsaid (their projection is not in `projected`). `useCases`: the
   * largest few, by that projection.
   */
  unbilled: { count: number; base: number; useCases: { id: string; title: string; businessUnit: string; base: number }[] };
}

/**
 * The portfolio's actuals panel, aggregated in PostgreSQL (one statement, under the organization
 * scope): each use case's year so far and its metered projection to date are worked out per row
 * exactly as computeVariance works them out (a category's year split into whole-cent twelfths, the
 * earliest months taking the odd cents, none before the use case's start month; the run rate the last three months' mean), then summed
 * by business unit and by approach as chosen, the flagged counted, and the use cases outside their
 * range ranked by how far (relative to the nearer bound). Only the ranked few come back as rows;
 * their sentences are the use case's own (computeVariance, through varianceSummariesIn). Held to
 * the per-use-case path to the cent by tests/actuals-variance.test.ts.
 */
export async function loadPortfolioActuals(organizationId: string, filter: PortfolioFilter = EMPTY_FILTER, limit = 10, unbilledLimit = 10, now: Date = new Date()): Promise<PortfolioActuals> {
  const empty: Range = { low: 0, base: 0, high: 0 };
  const [period, open] = await Promise.all([actualsPeriod(organizationId, undefined, now), openMonths(organizationId, now)]);
  if (!period) return { period, open, actual: 0, unprojected: 0, projected: empty, byBusinessUnit: [], byApproach: [], outside: [], flagged: 0, unattributed: [], unbilled: { count: 0, base: 0, useCases: [] } };
  // The months compared: January to the period's month (the unattributed of a month not over is in `open`).
  const from = new Date(Date.UTC(period.year, 0, 1));
  const to = new Date(Date.UTC(period.year, period.throughMonth, 1));
  const { row, outside } = await db.$transaction(
    async (tx) => {
      await withOrganizationScope(tx, organizationId);
      const [row] = await tx.$queryRaw<PortfolioRow[]>(portfolioStatement(organizationId, filter, period, limit, unbilledLimit));
      const ranked = row?.outside ?? [];
      // The sentences of the few ranked: the use case's own variance, as its page says it.
      const sentences = new Map((await varianceSummariesIn(tx, organizationId, period, ranked.map((o) => o.id))).map((u) => [u.id, u.variance.sentence]));
      return { row, outside: ranked.map((o) => ({ ...o, sentence: sentences.get(o.id) ?? "" })) };
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
  const range = (g: { low: number; base: number; high: number }): Range => ({ low: Number(g.low), base: Number(g.base), high: Number(g.high) });
  const byBusinessUnit = (row?.bu ?? []).map((g) => ({ businessUnit: g.key ?? "", actual: Number(g.actual), unprojected: Number(g.unprojected), projected: range(g), useCases: Number(g.n) }));
  const byApproach = (row?.ap ?? []).map((g) => ({ approach: (g.key as Approach | null) ?? null, actual: Number(g.actual), unprojected: Number(g.unprojected), projected: range(g), useCases: Number(g.n) }));
  const total = byBusinessUnit.reduce(
    (t, g) => ({ actual: t.actual + g.actual, unprojected: t.unprojected + g.unprojected, projected: { low: t.projected.low + g.projected.low, base: t.projected.base + g.projected.base, high: t.projected.high + g.projected.high } }),
    { actual: 0, unprojected: 0, projected: { ...empty } },
  );
  const un = await db.actualSpend.groupBy({ by: ["reason"], where: { organizationId, useCaseId: null, month: { gte: from, lt: to } }, _sum: { cents: true } });
  return {
    period,
    open,
    actual: total.actual,
    unprojected: total.unprojected,
    projected: total.projected,
    byBusinessUnit: byBusinessUnit.sort((x, y) => y.actual - x.actual || x.businessUnit.localeCompare(y.businessUnit)),
    byApproach: byApproach.sort((x, y) => y.actual - x.actual || (x.approach ?? "").localeCompare(y.approach ?? "")),
    outside: outside
      .map((o) => ({ id: o.id, title: o.title, actual: Number(o.actual), projected: range(o), position: o.position, distance: o.distance === null ? Number.POSITIVE_INFINITY : Number(o.distance), sentence: o.sentence }))
      .sort((x, y) => y.distance - x.distance || x.title.localeCompare(y.title))
      .slice(0, limit),
    flagged: Number(row?.flagged ?? 0),
    unattributed: un.map((r) => ({ reason: r.reason as UnattributedReason, cents: Number(r._sum.cents ?? 0) })).filter((r) => r.cents !== 0),
    unbilled: unbilledOf(row?.unbilled ?? null),
  };
}

/**
 * The use cases with a metered projection for the months so far and no actual spend this year
 * (PortfolioActuals["unbilled"]) on their own, for the early warnings' list (which can flag only
 * what has bills): the organization's, or the filter's.
 */
export async function loadUnbilled(organizationId: string, options: { filter?: PortfolioFilter; period?: ActualsPeriod | null; limit?: number; now?: Date } = {}): Promise<PortfolioActuals["unbilled"] & { period: ActualsPeriod | null }> {
  const period = options.period === undefined ? await actualsPeriod(organizationId, undefined, options.now) : options.period;
  if (!period) return { period, count: 0, base: 0, useCases: [] };
  const [row] = await db.$transaction(
    async (tx) => {
      await withOrganizationScope(tx, organizationId);
      return tx.$queryRaw<{ unbilled: UnbilledRow | null }[]>`WITH ${unbilledCtes(organizationId, options.filter ?? EMPTY_FILTER, period)} SELECT ${unbilledSelect(options.limit ?? 10)} AS "unbilled"`;
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
  return { period, ...unbilledOf(row?.unbilled ?? null) };
}

type UnbilledRow = { n: number; base: number | string; top: { id: string; title: string; businessUnit: string; base: number | string }[] | null };

function unbilledOf(r: UnbilledRow | null): PortfolioActuals["unbilled"] {
  if (!r) return { count: 0, base: 0, useCases: [] };
  return { count: Number(r.n), base: Number(r.base), useCases: (r.top ?? []).map((u) => ({ id: u.id, title: u.title, businessUnit: u.businessUnit, base: Number(u.base) })) };
}

/**
 * The CTEs nb, np and nu: the started use cases the filter selects with no actual spend in the months
 * compared (no "ActualSpendYear" row of theirs that comparedSql keeps), their year's metered lines for the approach as chosen
 * by category (as p reads them for the use cases with spend), and each one's base to date by the
 * same rule as the comparison's (sharesToDateSql from its start month to the last month compared),
 * kept where it is above zero. Started: a planned start on or before the last month compared, and
 * a status that says so (not an idea or still being assessed, whatever its planned start says; not
 * retired). An idea with no planned start is projected from the year it was logged, but no one
 * expects a bill of it; one whose planned start has passed has not started by its status; a
 * retired one is switched off: none of them is spend the comparison misses. (Approved, Building,
 * Live, and an imported inventory's "unknown" status with a planned start that has passed count.)
 */
function unbilledCtes(organizationId: string, filter: PortfolioFilter, period: ActualsPeriod): Prisma.Sql {
  const t = Math.min(12, Math.max(1, period.throughMonth));
  const canon = actualCategorySql(`cl."category"`);
  const metered = Prisma.raw(METERED_CATEGORIES.map((c) => `'${c.replace(/'/g, "")}'`).join(", "));
  return Prisma.sql`
    nb AS (
      SELECT u."id", u."title", u."businessUnit", ${asChosenApproach("u")} AS "approach", ${startMonthSql("u", Prisma.sql`${period.year}::int`)} AS "fromMonth"
        FROM "UseCase" u
       WHERE ${useCaseWhere(organizationId, filter)}
         AND u."startDate" IS NOT NULL AND u."startDate" < ${new Date(Date.UTC(period.year, t, 1))} AND u."status"::text <> ALL(${[...NOT_STARTED_STATUSES]}::text[])
         AND NOT EXISTS (SELECT 1 FROM "ActualSpendYear" y WHERE y."useCaseId" = u."id" AND y."organizationId" = ${organizationId} AND y."year" = ${period.year} AND ${comparedSql(t)})
    ),
    np AS (
      SELECT nb."id", ${canon} AS "category", ${baseOrNullSql('cl."baseCents"')} AS "base"
        FROM nb
        CROSS JOIN LATERAL (
          SELECT e."category", e."baseCents"
            FROM "CostLineSet" s
           CROSS JOIN LATERAL unnest(s."category", s."calendarYear", s."baseCents") AS e("category", "calendarYear", "baseCents")
           WHERE s."useCaseId" = nb."id" AND s."organizationId" = ${organizationId} AND s."approach" = nb."approach"
             AND e."calendarYear" = ${period.year}::int AND e."category" IN (${metered})
          OFFSET 0
        ) cl
       GROUP BY 1, 2
    ),
    nu AS (
      SELECT nb."id", nb."title", nb."businessUnit", sum(${sharesToDateSql(Prisma.sql`np."base"`, Prisma.sql`greatest(0, ${int(t)} - nb."fromMonth" + 1)`, Prisma.sql`nb."fromMonth"`)}) AS "base"
        FROM np JOIN nb ON nb."id" = np."id"
       GROUP BY 1, 2, 3
      -- A projection lacking a metered figure has no base to date to be missing bills against (as above).
      HAVING bool_and(np."base" IS NOT NULL) AND sum(${sharesToDateSql(Prisma.sql`np."base"`, Prisma.sql`greatest(0, ${int(t)} - nb."fromMonth" + 1)`, Prisma.sql`nb."fromMonth"`)}) > 0
    )`;
}

/** Their count, their base to date in all, and the largest `limit` of them (json). */
const unbilledSelect = (limit: number) =>
  Prisma.sql`(SELECT json_build_object('n', count(*), 'base', coalesce(sum(nu."base"), 0),
      'top', (SELECT json_agg(t) FROM (SELECT nu."id", nu."title", nu."businessUnit", nu."base" FROM nu ORDER BY nu."base" DESC, nu."title" LIMIT ${int(limit)}) t)) FROM nu)`;

type Group = { key: string | null; actual: number; unprojected: number; low: number; base: number; high: number; n: number };
type PortfolioRow = {
  bu: Group[] | null;
  ap: Group[] | null;
  flagged: number;
  outside: { id: string; title: string; actual: number; low: number; base: number; high: number; position: "above" | "below"; distance: number | null }[] | null;
  unbilled: UnbilledRow | null;
};

/**
 * The months from..to (1–12) of a use case's year summed, written out element by element: an
 * unnest subquery per row cost ~3 µs each, evaluated again wherever the planner inlined the sum
 * (about 60 ms of the statement's 180 ms at 10,000 use cases).
 */
const monthsSum = (from: number, to: number) =>
  Prisma.raw(Array.from({ length: to - from + 1 }, (_, i) => `coalesce(y."monthCents"[${Math.trunc(from + i)}], 0)`).join(" + "));
/** A whole number the code computed (never input), written into the statement. */
const int = (n: number) => Prisma.raw(String(Math.trunc(n)));

function portfolioStatement(organizationId: string, filter: PortfolioFilter, period: ActualsPeriod, limit: number, unbilledLimit: number): Prisma.Sql {
  const t = Math.min(12, Math.max(1, period.throughMonth));
  const recentFrom = Math.max(1, t - 2);
  const canon = actualCategorySql(`cl."category"`);
  // Written out (not a parameter) so that the planner can match the partial index's predicate.
  const metered = Prisma.raw(METERED_CATEGORIES.map((c) => `'${c.replace(/'/g, "")}'`).join(", "));
  const from = Prisma.sql`y."fromMonth"`;
  // The run rate's months (computeVariance): the last three to the month imported, none before the
  // use case's start month; their mean, never below zero, for each month left.
  const recentMonths = Prisma.raw(Array.from({ length: t - recentFrom + 1 }, (_, i) => `coalesce(y."monthCents"[${Math.trunc(recentFrom + i)}], 0)`).join(", "));
  const recentSum = Prisma.raw(Array.from({ length: t - recentFrom + 1 }, (_, i) => `(CASE WHEN y."fromMonth" <= ${Math.trunc(recentFrom + i)} THEN y."recentMonths"[${i + 1}] ELSE 0 END)`).join(" + "));
  const recentCount = Prisma.sql`(${int(t)} - greatest(${int(recentFrom)}, y."fromMonth") + 1)`;
  const rate = Prisma.sql`(CASE WHEN ${recentCount} > 0 THEN greatest(0, (${recentSum})::float8 / ${recentCount}) ELSE 0 END)`;
  const months = Prisma.sql`greatest(0, ${int(t)} - ${from} + 1)`;
  // Billed before the start month, in the year the use case starts: set against nothing, as
  // computeVariance's beforeStart (the months 1 to the start month less one, written out; the
  // start month worked out once per row, in the lateral "sm").
  const beforeStart = t < 2 ? Prisma.sql`0` : Prisma.join(Array.from({ length: t }, (_, i) => Prisma.sql`(CASE WHEN sm."fromMonth" > ${int(i + 1)} THEN coalesce(y."monthCents"[${int(i + 1)}], 0) ELSE 0 END)`), " + ");
  const low = Prisma.sql`coalesce(p."low", p."base")`;
  const high = Prisma.sql`coalesce(p."high", p."base")`;
  const groupBy = (key: string) =>
    Prisma.raw(`SELECT json_agg(json_build_object('key', ${key}, 'actual', g."actual", 'unprojected', g."unprojected", 'low', g."low", 'base', g."base", 'high', g."high", 'n', g."n"))
      FROM (SELECT ${key}, sum(f."actual") AS "actual", sum(CASE WHEN f."base" IS NULL THEN f."actual" ELSE f."beforeStart" END) AS "unprojected", sum(coalesce(f."low", 0)) AS "low", sum(coalesce(f."base", 0)) AS "base", sum(coalesce(f."high", 0)) AS "high", count(*) AS "n"
              FROM f GROUP BY 1) g`);
  return Prisma.sql`
    WITH y AS (
      SELECT u."id", u."title", u."businessUnit", ${asChosenApproach("u")}::text AS "approach", ${approvedBudget("u", period.year)} AS "budget",
             ${unmeteredThisYear("u", period.year, organizationId)} AS "unmetered",
             sm."fromMonth",
             ${monthsSum(1, t)} AS "actual",
             ${beforeStart} AS "beforeStart",
             ARRAY[${recentMonths}]::bigint[] AS "recentMonths"
        FROM "ActualSpendYear" y JOIN "UseCase" u ON u."id" = y."useCaseId" ${approvedBudgetJoin("u")}
       CROSS JOIN LATERAL (SELECT ${startMonthSql("u", Prisma.sql`${period.year}::int`)} AS "fromMonth") sm
       WHERE y."organizationId" = ${organizationId} AND y."year" = ${period.year} AND ${comparedSql(t)} AND ${useCaseWhere(organizationId, filter)}
    ),
    p AS (
      SELECT u."id", ${canon} AS "category", sum(cl."lowCents") AS "low", ${baseOrNullSql('cl."baseCents"')} AS "base", sum(cl."highCents") AS "high"
        FROM "ActualSpendYear" y JOIN "UseCase" u ON u."id" = y."useCaseId"
        -- The year's metered lines of the approach as chosen, read from its one set (the "CostLine"
        -- view's rows, unnested here without their ids; lib/domain/costing/line-sets.ts). OFFSET 0
        -- keeps the subquery apart, so that each use case looks up its own set by the sets' index;
        -- joined flat, the planner hashed every set of the table, every organization's (at 10,000
        -- use cases with a year of spend: 255 against 205 ms under row-level security, 275 against
        -- 140 ms without).
        CROSS JOIN LATERAL (
          SELECT e."category", e."lowCents", e."baseCents", e."highCents"
            FROM "CostLineSet" s
           CROSS JOIN LATERAL unnest(s."category", s."calendarYear", s."lowCents", s."baseCents", s."highCents") AS e("category", "calendarYear", "lowCents", "baseCents", "highCents")
           WHERE s."useCaseId" = u."id" AND s."organizationId" = ${organizationId} AND s."approach" = ${asChosenApproach("u")}
             AND e."calendarYear" = ${period.year}::int AND e."category" IN (${metered})
          OFFSET 0
        ) cl
       WHERE y."organizationId" = ${organizationId} AND y."year" = ${period.year} AND ${comparedSql(t)} AND ${useCaseWhere(organizationId, filter)}
       GROUP BY 1, 2
    ),
    pu AS (
      SELECT p."id", sum(${sharesToDateSql(low, months, from)}) AS "low", sum(${sharesToDateSql(Prisma.sql`p."base"`, months, from)}) AS "base", sum(${sharesToDateSql(high, months, from)}) AS "high"
        FROM p JOIN y ON y."id" = p."id" GROUP BY 1
        -- A metered line without a figure: the year's metered cost is not known, so the bills are
        -- compared with nothing (computeVariance's LACKING_FIGURE), as if nothing were projected.
       HAVING bool_and(p."base" IS NOT NULL)
    ),
    f AS (
      SELECT y.*, pu."low", pu."base", pu."high",
             -- Credits beyond the bills are not "below" the range (computeVariance: not compared).
             CASE WHEN pu."id" IS NULL OR y."actual" - y."beforeStart" < 0 THEN NULL WHEN y."actual" - y."beforeStart" < pu."low" THEN 'below' WHEN y."actual" - y."beforeStart" > pu."high" THEN 'above' END AS "position",
             -- computeVariance's run rate: Math.round(actual + mean of the last months × months left), with the year's people's time, past the approved budget.
             (y."budget" IS NOT NULL AND floor(y."actual"::float8 + ${rate} * ${int(12 - t)} + 0.5) + round(y."unmetered") > y."budget") AS "overBudget"
        FROM y LEFT JOIN pu ON pu."id" = y."id"
    ),
    o AS (
      -- The spend compared: what was billed from the start month (its sentence says what came before).
      SELECT f."id", f."title", f."actual" - f."beforeStart" AS "actual", f."low", f."base", f."high", f."position",
             CASE WHEN f."position" = 'above' THEN (CASE WHEN f."high" > 0 THEN (f."actual" - f."beforeStart" - f."high")::float8 / f."high"::float8 END)
                  ELSE (CASE WHEN f."low" > 0 THEN (f."low" - (f."actual" - f."beforeStart"))::float8 / f."low"::float8 ELSE 0 END) END AS "distance"
        FROM f WHERE f."position" IS NOT NULL
    ),
    ${unbilledCtes(organizationId, filter, period)}
    SELECT
      (${groupBy('"businessUnit"')}) AS "bu",
      (${groupBy('"approach"')}) AS "ap",
      (SELECT count(*) FROM f WHERE f."position" IS NOT NULL OR f."overBudget")::int AS "flagged",
      -- Every use case ranked within the first few (ties at the edge included: the titles break them, as the page sorts them).
      (SELECT json_agg(r) FROM (SELECT o.*, rank() OVER (ORDER BY o."distance" DESC NULLS FIRST) AS "rank" FROM o) r WHERE r."rank" <= ${int(limit)}) AS "outside",
      ${unbilledSelect(unbilledLimit)} AS "unbilled"`;
}
