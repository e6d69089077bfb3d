import "server-only";
import { attachment, UTF8_BOM } from "@/lib/domain/export/csv";
import { METERED_CATEGORIES } from "@/lib/domain/actuals/variance";
import {
  ACTUALS_PLACEMENT,
  businessUnitHeader, createBusinessUnitFormatter, createDetailFormatter, detailHeader,
  type BusinessUnitRow, type DetailRow,
} from "@/lib/domain/export/cost-exports";
import type { PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { Prisma } from "../db";
import { asChosenApproach, useCaseWhere } from "../portfolio/filter-sql";
import { actualCategorySql, baseOrNullSql, sharesToDateSql, startMonthSql } from "../actuals/to-date-sql";
import { firstOpenMonth } from "../actuals/period";
import { startYearSql } from "../use-cases/start-year";
import { copyCsvStream } from "./copy-stream";
import { cursorCsvStream } from "./cursor-stream";
import type { UnitYearBenefit } from "@/lib/domain/export/value-columns";
import { afterReady, benefitByUnitAndYear, unitYearKey } from "../value/export";

/**
 * The finance exports, as streams of CSV text for the route handlers (and the benchmark, which
 * consumes the very same streams). Both are scoped to the organization and the portfolio filter
 * by the shared `useCaseWhere`; deleted use cases are left out, as on the dashboard.
 */
export interface ExportOrganization {
  id: string;
  name: string;
}

/**
 * One row per CostLine of the filtered use cases, grouped by use case (then approach, year, and
 * the projection's own category order), streamed as it is read: see DETAIL_PLAN_SETTINGS.
 *
 * The use case's own cells (title, owner, governance, benefit: sixteen of the row's columns) come
 * on its first row only, null on the ~100 rows after it: the formatter reads them once per use
 * case (createDetailFormatter), and not sending them again spares the database, the wire and this
 * process most of the row's text (issue 22: the export against PostgreSQL's own COPY).
 *
 * A use case's rows are its cost lines, then its actual-only rows (actualsUnplacedSql: spend of a
 * year with no as-chosen line to carry it), read per use case (LATERAL) so that the rows still come
 * in use-case order and only each use case's own rows are sorted. The sort key ends with the
 * category, which tells actual-only rows (no line id) apart, so the order is total and the same in
 * the window as in the statement: the row marked first is the row sent first. (No SQL comments in
 * this query: the benchmark sends it to psql on one line.)
 */
export function detailQuery(organizationId: string, filter: PortfolioFilter, now: Date = new Date()): Prisma.Sql {
  const open = openFromSql(now);
  const once = (expression: string, name: string) => Prisma.raw(`CASE WHEN first THEN ${expression} END AS "${name}"`);
  return Prisma.sql`
    WITH placed AS (${actualsPlacedSql(organizationId, open)})
    SELECT "useCaseId", approach, "calendarYear", "lifecycleYear", category, low, base, high, "assumptionVersion", manual, actual, "actualThrough", "actualOnly", "actualOpen",
           ${once("title", "title")}, ${once('"businessUnit"', "businessUnit")}, ${once('(SELECT COALESCE(ow.email, ow.name) FROM "User" ow WHERE ow.id = "ownerId")', "owner")},
           ${once("status", "status")}, ${once("recommended", "recommended")}, ${once("chosen", "chosen")},
           ${once('"highImpact"', "highImpact")}, ${once('"personalData"', "personalData")}, ${once("sourcing", "sourcing")}, ${once("vendor", "vendor")},
           ${once("stage", "stage")}, ${once('"topicArea"', "topicArea")}, ${once('"euRiskTier"', "euRiskTier")}, ${once('"additionalFields"::text', "additionalFields")},
           ${once("benefit::text", "benefit")}, ${once('"valueRateCents"', "valueRateCents")}
      FROM (
        SELECT u.id AS "useCaseId", u.title, u."businessUnit", u."ownerId",
               u.status::text AS status, u."recommendedApproach"::text AS recommended, u."chosenApproach"::text AS chosen,
               l.approach::text AS approach, l."calendarYear", l."lifecycleYear", l.category,
               l."lowCents" AS low, l."baseCents" AS base, l."highCents" AS high,
               av.version AS "assumptionVersion", l.manual,
               u."highImpact", u."personalData", u.sourcing, u.vendor, u.stage, u."topicArea", u."euRiskTier", u."additionalFields", u.benefit,
               COALESCE(p.cents, l."unplaced")::text AS actual, ${actualThroughSql(organizationId, open)} AS "actualThrough", l."actualOnly",
               COALESCE(p.open, l."unplacedOpen")::text AS "actualOpen",
               (SELECT o."valueHourlyRateCents" FROM "Organization" o WHERE o.id = ${organizationId}) AS "valueRateCents",
               l.id AS "lineId", l."yearIndex", l.approach AS "approachOrder",
               lag(u.id) OVER (ORDER BY u.id, l.approach, l."yearIndex", l.id, l.category) IS DISTINCT FROM u.id AS first
          FROM "UseCase" u
          CROSS JOIN LATERAL (
            SELECT cl.id, cl.approach, cl."calendarYear", cl."yearIndex", cl."yearIndex" AS "lifecycleYear", cl.category,
                   cl."lowCents", cl."baseCents", cl."highCents", cl.manual, NULL::bigint AS "unplaced", false AS "actualOnly", NULL::bigint AS "unplacedOpen"
              FROM "CostLine" cl WHERE cl."organizationId" = u."organizationId" AND cl."useCaseId" = u.id
            UNION ALL
            ${actualsUnplacedSql(organizationId, open)}
          ) l
          LEFT JOIN placed p ON p."lineId" = l.id
          LEFT JOIN "AssumptionVersion" av ON av.id = u."assumptionVersionId" AND av."organizationId" = u."organizationId" AND NOT l."actualOnly"
         WHERE ${useCaseWhere(organizationId, filter)}
      ) AS line
     ORDER BY "useCaseId", "approachOrder", "yearIndex", "lineId", category`;
}

/**
 * The detail's plan may not sort the whole result (enable_sort = off in the export's transaction;
 * sorting one use case's lines at a time, an incremental sort, stays allowed). A whole sort sends
 * nothing until it has read every row, so the database and this process would take turns instead
 * of working at once. The planner chooses one when it misjudges the result's size, which it does in
 * a database of many organizations: it multiplies the organization's selectivity (and, under
 * row-level security, the policy's) by the use case's and expects a few dozen lines where there
 * are 100,000 (issue 22, bar 4; docs/decisions/finance-export-csv.md). With whole sorts off, the
 * plan is the one a database of one organization gets anyway: the use cases by the
 * (organizationId, id) index, each one's lines by CostLine's (organizationId, useCaseId, …) index.
 */
export const DETAIL_PLAN_SETTINGS = { enable_sort: "off" } as const;

/**
 * The detail query's columns, in its order (the stream checks them against the query): the
 * row's own cells first, the use case's (null after its first row) last, where the COPY reader
 * counts trailing nulls instead of splitting them (copy-text.ts).
 */
const DETAIL_QUERY_COLUMNS = [
  "useCaseId", "approach", "calendarYear", "lifecycleYear", "category", "low", "base", "high", "assumptionVersion", "manual", "actual", "actualThrough",
  "actualOnly", "actualOpen", "title", "businessUnit", "owner", "status", "recommended", "chosen", "highImpact", "personalData", "sourcing", "vendor", "stage", "topicArea",
  "euRiskTier", "additionalFields", "benefit", "valueRateCents",
] as const;

/** A detail row from its fields in DETAIL_QUERY_COLUMNS order: text, booleans (manual, actual-only, personal data) and nulls. */
function detailRow(f: (string | boolean | null)[]): DetailRow {
  return {
    useCaseId: f[0] as string, approach: f[1] as string | null, calendarYear: f[2] as string, lifecycleYear: f[3] as string | null, category: f[4] as string,
    low: f[5] as string | null, base: f[6] as string | null, high: f[7] as string | null, assumptionVersion: f[8] as string | null,
    manual: f[9] as boolean, actual: f[10] as string | null, actualThrough: f[11] as string | null, actualOnly: f[12] as boolean, actualOpen: f[13] as string | null,
    title: f[14] as string, businessUnit: f[15] as string, owner: f[16] as string | null, status: f[17] as string, recommended: f[18] as string | null,
    chosen: f[19] as string | null, highImpact: f[20] as string | null, personalData: f[21] as boolean | null, sourcing: f[22] as string | null,
    vendor: f[23] as string, stage: f[24] as string | null, topicArea: f[25] as string, euRiskTier: f[26] as string | null,
    additionalFields: f[27], benefit: f[28], valueRateCents: f[29] as string | null,
  };
}

/**
 * `now`: the clock deciding which months are over (lib/server/actuals/period.ts); the route handlers
 * pass none (the current time), the tests their own.
 */
export function detailStream(org: ExportOrganization, filter: PortfolioFilter, now: Date = new Date()): ReadableStream<Uint8Array> {
  // Read with COPY (copy-stream.ts): a million rows, where the cursor's per-field parsing was the cost.
  return copyCsvStream<DetailRow>({
    name: "cost detail",
    organizationId: org.id,
    head: UTF8_BOM + detailHeader(),
    query: detailQuery(org.id, filter, now),
    columns: DETAIL_QUERY_COLUMNS,
    toRow: detailRow,
    planSettings: DETAIL_PLAN_SETTINGS,
    createFormatter: () => createDetailFormatter({ organization: org.name }),
  });
}

/**
 * The first month not over at `now` ("2026-12-01", a date in SQL): bills of it or of any later month
 * are kept apart from the comparison, as the portfolio keeps them (firstOpenMonth in
 * lib/server/actuals/period.ts). A text literal, so that COPY's inlined query carries it as well.
 */
function openFromSql(now: Date): Prisma.Sql {
  return Prisma.sql`${firstOpenMonth(now).toISOString().slice(0, 10)}::date`;
}

/**
 * The last month compared, "2026-02": the latest month of actual spend that has closed, as the
 * portfolio's period (actualsPeriod) counts it (evaluated once per statement).
 */
function actualThroughSql(organizationId: string, open: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT to_char(max(s0."month"), 'YYYY-MM') FROM "ActualSpend" s0 WHERE s0."organizationId" = ${organizationId} AND s0."month" < ${open})`;
}

/** PostgreSQL's projection category for an ActualSpend row's actual category (ACTUALS_PLACEMENT). */
function placementCategorySql(): Prisma.Sql {
  return Prisma.raw(`CASE s."category" ${Object.entries(ACTUALS_PLACEMENT).map(([a, p]) => `WHEN '${a}' THEN '${p}'`).join(" ")} END`);
}

/**
 * ActualSpend rows "s" summed apart: `cents`, the months compared (closed), and `open`, the months
 * not over yet (from `open`); each 0, not null, when the group has none, so that a row carrying
 * spend shows both figures.
 */
function splitSums(open: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`COALESCE(sum(s."cents") FILTER (WHERE s."month" < ${open}), 0) AS cents, COALESCE(sum(s."cents") FILTER (WHERE s."month" >= ${open}), 0) AS open`;
}

/**
 * Each use case's attributed actual spend per calendar year and category, placed on one CostLine
 * of its as-chosen approach (ACTUALS_PLACEMENT in lib/domain/export/cost-exports.ts): the row of
 * the matching projection category, else the first row of that year. Spend of a year with no such
 * row is left to actualsUnplacedSql, which gives it rows of its own.
 */
function actualsPlacedSql(organizationId: string, open: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT a."useCaseId", COALESCE(t.id, f.id) AS "lineId", sum(a.cents) AS cents, sum(a.open) AS open
      FROM (SELECT s."useCaseId", extract(year FROM s."month")::int AS year, ${placementCategorySql()} AS pcat, ${splitSums(open)}
              FROM "ActualSpend" s WHERE s."organizationId" = ${organizationId} AND s."useCaseId" IS NOT NULL
             GROUP BY 1, 2, 3) a
      JOIN "UseCase" u ON u.id = a."useCaseId" AND u."organizationId" = ${organizationId}
      LEFT JOIN LATERAL (SELECT min(t.id) AS id FROM "CostLine" t WHERE t."organizationId" = ${organizationId} AND t."useCaseId" = a."useCaseId"
                           AND t.approach = ${asChosenApproach("u")} AND t."calendarYear" = a.year AND t.category = a.pcat) t ON true
      LEFT JOIN LATERAL (SELECT min(f.id) AS id FROM "CostLine" f WHERE f."organizationId" = ${organizationId} AND f."useCaseId" = a."useCaseId"
                           AND f.approach = ${asChosenApproach("u")} AND f."calendarYear" = a.year) f ON true
     WHERE COALESCE(t.id, f.id) IS NOT NULL
     GROUP BY 1, 2`;
}

/**
 * The actual-only rows of the use case `u` (a LATERAL branch of the detail query, in the cost
 * lines' column order): its attributed spend of a calendar year in which its as-chosen approach
 * has no cost line, so that no row could carry it (a pilot billed before its planned start year,
 * a use case not assessed, an agent with no manual estimate). One row per year and category, as
 * placed (ACTUALS_PLACEMENT); the approach is the one as chosen (null when there is none), the
 * projection's cells are empty, and the lifecycle year is empty outside the use case's horizon
 * (its year index still orders the row among the use case's years). Exactly the spend that
 * actualsPlacedSql leaves out (no line of that approach and year), so each cent is placed once and
 * the column adds up to the portfolio's actuals.
 */
function actualsUnplacedSql(organizationId: string, open: Prisma.Sql): Prisma.Sql {
  const index = Prisma.sql`(a.year - ${startYearSql("u")} + 1)`;
  return Prisma.sql`
    SELECT NULL::bigint, ${asChosenApproach("u")}, a.year, ${index}, CASE WHEN ${index} BETWEEN 1 AND u."horizonYears" THEN ${index} END, a.pcat,
           NULL::bigint, NULL::bigint, NULL::bigint, false, a.cents, true, a.open
      FROM (SELECT extract(year FROM s."month")::int AS year, ${placementCategorySql()} AS pcat, ${splitSums(open)}
              FROM "ActualSpend" s WHERE s."organizationId" = ${organizationId} AND s."useCaseId" = u.id
             GROUP BY 1, 2) a
     WHERE NOT EXISTS (SELECT 1 FROM "CostLine" f WHERE f."organizationId" = ${organizationId} AND f."useCaseId" = u.id
                          AND f.approach = ${asChosenApproach("u")} AND f."calendarYear" = a.year)`;
}

/**
 * Sums of the stored yearly totals (CostYear, the exact sums of the detail's lines, which the
 * dashboard reads too), per business unit, calendar year, scenario and approach. The scenarios
 * are documented with BU_SCENARIOS in lib/domain/export/cost-exports.ts.
 *
 * A use case's attributed spend of a year in which its as-chosen approach has no CostYear (a pilot
 * billed before its planned start year, a use case not assessed) comes in as an actual-only year of
 * that approach (null when it has none): "as chosen" only, adding no projection and counted apart
 * (actualOnlyUseCases, not in use_cases). It joins the unit's as-chosen row of that year and
 * approach, or makes one whose projection sums are 0. So the rows' actual adds up to the
 * portfolio's actuals and the detail's, to the cent.
 *
 * Only closed months are compared, as on the portfolio (lib/server/actuals/period.ts, `now` its
 * clock): `actual` and `metered_base_to_date` run to the latest month with spend that has closed
 * (th), and a use case counts in the metered base of that year only if the portfolio compares it
 * (isCompared: a bill in those months, or none after them). Bills of a month not over yet are
 * `actualOpen`, in no figure compared, so actual + actualOpen + the unattributed = everything imported.
 */
export function businessUnitQuery(organizationId: string, filter: PortfolioFilter, now: Date = new Date()): Prisma.Sql {
  const open = openFromSql(now);
  return Prisma.sql`
    SELECT u."businessUnit", y."calendarYear", s.scenario, y.approach::text AS approach,
           CASE WHEN bool_and(y."actualOnly") THEN 0 ELSE sum(y."lowCents") END AS low,
           CASE WHEN bool_and(y."actualOnly") THEN 0 ELSE sum(y."baseCents") END AS base,
           CASE WHEN bool_and(y."actualOnly") THEN 0 ELSE sum(y."highCents") END AS high,
           count(*) FILTER (WHERE NOT y."actualOnly") AS "useCases", count(*) FILTER (WHERE NOT y.complete) AS "incompleteUseCases", bool_or(y.manual) AS manual,
           count(*) FILTER (WHERE u."highImpact" = 'HIGH_IMPACT' AND NOT y."actualOnly") AS "highImpactUseCases",
           count(*) FILTER (WHERE u."personalData" AND NOT y."actualOnly") AS "personalDataUseCases",
           count(*) FILTER (WHERE y."actualOnly") AS "actualOnlyUseCases",
           CASE WHEN s.ord = 1 AND th.imported THEN COALESCE(sum(ac.cents), 0)::text END AS actual,
           CASE WHEN s.ord = 1 AND th.imported THEN COALESCE(sum(ac.metered), 0)::text END AS "meteredBaseToDate",
           CASE WHEN s.ord = 1 AND th.imported THEN COALESCE(sum(ac."comparedCents"), 0)::text END AS "comparedActual",
           min(th.through) AS "actualThrough",
           CASE WHEN s.ord = 1 AND th.imported THEN COALESCE(sum(ac.open), 0)::text END AS "actualOpen"
      FROM "UseCase" u
      CROSS JOIN LATERAL (
        SELECT cy.approach, cy."calendarYear", cy."yearIndex", cy."lowCents", cy."baseCents", cy."highCents", cy.complete, cy.manual, false AS "actualOnly"
          FROM "CostYear" cy WHERE cy."organizationId" = u."organizationId" AND cy."useCaseId" = u.id
        UNION ALL
        -- The actual-only years (see above): spend attributed to the use case, no CostYear of its approach as chosen.
        SELECT ${asChosenApproach("u")}, sy.year, NULL::int, NULL::bigint, NULL::bigint, NULL::bigint, true, false, true
          FROM "ActualSpendYear" sy
         WHERE sy."organizationId" = ${organizationId} AND sy."useCaseId" = u.id
           AND NOT EXISTS (SELECT 1 FROM "CostYear" c2 WHERE c2."organizationId" = ${organizationId} AND c2."useCaseId" = u.id
                              AND c2.approach = ${asChosenApproach("u")} AND c2."calendarYear" = sy.year)
      ) y
      JOIN LATERAL (VALUES (1, 'as chosen', y."actualOnly" OR y.approach = ${asChosenApproach("u")}),
                           (2, 'as recommended', NOT y."actualOnly" AND y.approach = u."recommendedApproach"),
                           (3, 'all', NOT y."actualOnly")) AS s(ord, scenario, included) ON s.included
      -- The last month compared (the latest with spend that has closed; null: none has), and whether any spend is imported.
      CROSS JOIN (SELECT extract(year FROM max(s0."month"))::int AS y, extract(month FROM max(s0."month"))::int AS m, to_char(max(s0."month"), 'YYYY-MM') AS through,
                         EXISTS (SELECT 1 FROM "ActualSpend" s1 WHERE s1."organizationId" = ${organizationId}) AS imported
                    FROM "ActualSpend" s0 WHERE s0."organizationId" = ${organizationId} AND s0."month" < ${open}) th
      LEFT JOIN LATERAL (
        -- As chosen, for a use case with actual spend that year: that spend of the months compared and of the months not over,
        -- and, if the portfolio compares it (a month compared billed, or no month after them), the metered base for the months
        -- compared as lib/domain/actuals/variance.ts works it out: each actual category's year split into whole-cent twelfths
        -- (the odd cents on the earliest months), the months from the use case's start month (January but in the year it starts).
        -- What the variance sets against it: the spend of a use case compared that has a metered projection for those
        -- months, as the portfolio's (its actual less what it calls "not projected": an owner's estimate, a year before the start,
        -- the months before the start month in the year it starts).
        SELECT act.cents, act.open, CASE WHEN act.compared THEN mb.metered ELSE 0 END AS metered,
               CASE WHEN act.compared AND mb.lines > 0 THEN act.cents - COALESCE(act."beforeStart", 0) ELSE 0 END AS "comparedCents"
          FROM (SELECT sum(pm.cents) FILTER (WHERE pm.month < ${open}) AS cents, sum(pm.cents) FILTER (WHERE pm.month >= ${open}) AS open,
                       sum(pm.cents) FILTER (WHERE pm.month < ${open} AND extract(month FROM pm.month)::int < ${startMonthSql("u", Prisma.sql`y."calendarYear"`)}) AS "beforeStart",
                       COALESCE(bool_or(pm.cents <> 0) FILTER (WHERE pm.month < ${open}), false) OR NOT COALESCE(bool_or(pm.cents <> 0) FILTER (WHERE pm.month >= ${open}), false) AS compared,
                       count(*) AS billed
                  FROM (SELECT sp."month", sum(sp."cents") AS cents FROM "ActualSpend" sp
                         WHERE sp."organizationId" = u."organizationId" AND sp."useCaseId" = u.id
                           AND sp."month" >= make_date(y."calendarYear", 1, 1) AND sp."month" < make_date(y."calendarYear" + 1, 1, 1)
                         GROUP BY 1) pm) act
          CROSS JOIN (SELECT ${startMonthSql("u", Prisma.sql`y."calendarYear"`)} AS "from") f
          CROSS JOIN LATERAL (SELECT CASE WHEN y."calendarYear" < th.y THEN 13 - f."from" WHEN y."calendarYear" = th.y THEN greatest(0, th.m - f."from" + 1) ELSE 0 END AS months) n
          -- A metered line without a figure: the year's metered cost is not known, and the variance compares the bills with
          -- nothing (LACKING_FIGURE), so it adds no metered base and no compared spend, as if nothing were projected.
          CROSS JOIN LATERAL (SELECT CASE WHEN bool_or(per.base IS NULL) THEN 0 ELSE COALESCE(sum(${sharesToDateSql(Prisma.sql`per.base`, Prisma.sql`n.months`, Prisma.sql`f."from"`)}), 0) END AS metered,
                                     CASE WHEN bool_or(per.base IS NULL) THEN 0 ELSE count(*) END AS lines
                        FROM (SELECT ${actualCategorySql(`cl.category`)} AS category, ${baseOrNullSql('cl."baseCents"')} AS base FROM "CostLine" cl
                               WHERE cl."organizationId" = u."organizationId" AND cl."useCaseId" = u.id AND cl.approach = y.approach
                                 AND cl."yearIndex" = y."yearIndex" AND cl.category = ANY(${METERED_CATEGORIES}::text[])
                               GROUP BY 1) per) mb
         WHERE s.ord = 1 AND th.imported AND act.billed > 0
      ) ac ON true
     WHERE ${useCaseWhere(organizationId, filter)}
     GROUP BY u."businessUnit", y."calendarYear", s.ord, s.scenario, y.approach, th.imported
     -- Units as people read them, as the list and the portfolio sort them (lib/server/use-cases/title-order.ts).
     ORDER BY u."businessUnit" COLLATE "und-x-icu", u."businessUnit" COLLATE "C", y."calendarYear", s.ord, y.approach`;
}

/** `now`: as detailStream's. */
export function businessUnitStream(org: ExportOrganization, filter: PortfolioFilter, now: Date = new Date()): ReadableStream<Uint8Array> {
  // Issue 20: the benefit per unit and year (lib/server/value/export.ts), read before the first row.
  let benefits = new Map<string, UnitYearBenefit>();
  const ready = benefitByUnitAndYear(org.id, filter).then((m) => (benefits = m));
  return afterReady(ready, cursorCsvStream<BusinessUnitRow>({
    name: "business-unit rollup",
    organizationId: org.id,
    head: UTF8_BOM + businessUnitHeader(),
    query: businessUnitQuery(org.id, filter, now),
    createFormatter: () => {
      const format = createBusinessUnitFormatter({ organization: org.name });
      return (row) => format(row.scenario === "as chosen" ? { ...row, benefit: benefits.get(unitYearKey(row.businessUnit, row.calendarYear, row.approach ?? "")) ?? null } : row);
    },
  }));
}

/** A CSV download: streamed, never cached, never sniffed as anything else. */
export function csvDownload(stream: ReadableStream<Uint8Array>, fileName: string): Response {
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": attachment(fileName),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
