import "server-only";
import { attachment, UTF8_BOM } from "@/lib/domain/export/csv";
import {
  businessUnitHeader, createBusinessUnitFormatter, createDetailFormatter, detailHeader,
  type BusinessUnitRow, type DetailRow,
} from "@/lib/domain/export/cost-exports";
import type { PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { Prisma } from "../db";
import { asChosenApproach, useCaseWhere } from "../portfolio/filter-sql";
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
 * the projection's own category order). The order follows the (organizationId, useCaseId,
 * approach, yearIndex) index, so PostgreSQL streams rows without sorting the whole set first.
 */
export function detailQuery(organizationId: string, filter: PortfolioFilter): Prisma.Sql {
  return Prisma.sql`
    SELECT u.id AS "useCaseId", u.title, u."businessUnit", COALESCE(ow.email, ow.name) AS owner,
           u.status::text AS status, u."recommendedApproach"::text AS recommended, u."chosenApproach"::text AS chosen,
           l.approach::text AS approach, l."calendarYear", l."yearIndex" AS "lifecycleYear", l.category,
           l."lowCents" AS low, l."baseCents" AS base, l."highCents" AS high,
           av.version AS "assumptionVersion", l.manual,
           u."highImpact", u."personalData", u.sourcing, u.vendor, u.stage, u."topicArea", u."euRiskTier", u."additionalFields"::text AS "additionalFields",
           u.benefit::text AS benefit, (SELECT o."valueHourlyRateCents" FROM "Organization" o WHERE o.id = u."organizationId") AS "valueRateCents"
      FROM "UseCase" u
      JOIN "CostLine" l ON l."organizationId" = u."organizationId" AND l."useCaseId" = u.id
      LEFT JOIN "User" ow ON ow.id = u."ownerId"
      LEFT JOIN "AssumptionVersion" av ON av.id = u."assumptionVersionId" AND av."organizationId" = u."organizationId"
     WHERE ${useCaseWhere(organizationId, filter)}
     ORDER BY l."useCaseId", l.approach, l."yearIndex", l.id`;
}

export function detailStream(org: ExportOrganization, filter: PortfolioFilter): ReadableStream<Uint8Array> {
  return cursorCsvStream<DetailRow>({
    name: "cost detail",
    organizationId: org.id,
    head: UTF8_BOM + detailHeader(),
    query: detailQuery(org.id, filter),
    createFormatter: () => createDetailFormatter({ organization: org.name }),
  });
}

/**
 * Sums of the stored yearly totals (CostYear, the exact sums of the detail's lines, which the
 * dashboard reads too), per business unit, calendar year, scenario and approach. The scenarios
 * are documented with BU_SCENARIOS in lib/domain/export/cost-exports.ts.
 */
export function businessUnitQuery(organizationId: string, filter: PortfolioFilter): Prisma.Sql {
  return Prisma.sql`
    SELECT u."businessUnit", y."calendarYear", s.scenario, y.approach::text AS approach,
           sum(y."lowCents") AS low, sum(y."baseCents") AS base, sum(y."highCents") AS high,
           count(*) AS "useCases", count(*) FILTER (WHERE NOT y.complete) AS "incompleteUseCases", bool_or(y.manual) AS manual,
           count(*) FILTER (WHERE u."highImpact" = 'HIGH_IMPACT') AS "highImpactUseCases", count(*) FILTER (WHERE u."personalData") AS "personalDataUseCases"
      FROM "UseCase" u
      JOIN "CostYear" y ON y."organizationId" = u."organizationId" AND y."useCaseId" = u.id
      JOIN LATERAL (VALUES (1, 'as chosen', y.approach = ${asChosenApproach("u")}),
                           (2, 'as recommended', y.approach = u."recommendedApproach"),
                           (3, 'all', true)) AS s(ord, scenario, included) ON s.included
     WHERE ${useCaseWhere(organizationId, filter)}
     GROUP BY u."businessUnit", y."calendarYear", s.ord, s.scenario, y.approach
     ORDER BY u."businessUnit", y."calendarYear", s.ord, y.approach`;
}

export function businessUnitStream(org: ExportOrganization, filter: PortfolioFilter): ReadableStream<Uint8Array> {
  // Issue 20: the benefit per unit and year (lib/server/value/export.ts), read before the first row.
  let benefits = new Map<string, UnitYearBenefit>();
  const ready = benefitByUnitAndYear(org.id, filter).then((m) => (benefits = m));
  return afterReady(ready, cursorCsvStream<BusinessUnitRow>({
    name: "business-unit rollup",
    organizationId: org.id,
    head: UTF8_BOM + businessUnitHeader(),
    query: businessUnitQuery(org.id, filter),
    createFormatter: () => {
      const format = createBusinessUnitFormatter({ organization: org.name });
      return (row) => format(row.scenario === "as chosen" ? { ...row, benefit: benefits.get(unitYearKey(row.businessUnit, row.calendarYear, row.approach)) ?? null } : row);
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
