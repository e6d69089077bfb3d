import "server-only";
import { stringify } from "csv-stringify/sync";
import { centsToDecimal, safeText } from "@/lib/domain/export/csv";
import type { PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { db } from "../db";
import { asChosenApproach, useCaseWhere } from "../portfolio/filter-sql";

/**
 * The finance exports as streams of CSV text. The detail reads CostLine in batches by keyset
 * (id order), so memory stays flat whatever the size and the first bytes go out at once; the
 * stream is pull-based, so a slow reader slows the reads, and a cancelled download stops them.
 */
const BATCH = 5000;
const CSV = { record_delimiter: "\r\n" as const };

export const DETAIL_HEADER = [
  "organization", "use_case_id", "title", "business_unit", "owner", "status", "recommended_approach", "chosen_approach",
  "approach", "calendar_year", "lifecycle_year", "category", "low", "base", "high", "currency", "assumption_version", "note",
];

interface DetailRow {
  id: bigint; useCaseId: string; title: string; businessUnit: string; owner: string | null; status: string;
  recommended: string | null; chosen: string | null; approach: string; calendarYear: number; yearIndex: number; category: string;
  low: bigint | null; base: bigint | null; high: bigint | null; version: number | null; manual: boolean;
}

export function detailStream(org: { id: string; slug: string }, filter: PortfolioFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const where = useCaseWhere(org.id, filter);
  let after = -1n;
  let headerSent = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode("\uFEFF" + stringify([DETAIL_HEADER], CSV)));
        return;
      }
      if (done) return;
      const rows = await db.$queryRaw<DetailRow[]>`
        SELECT l.id, u.id AS "useCaseId", u.title, u."businessUnit", coalesce(o.email, o.name) AS owner, u.status::text AS status,
               u."recommendedApproach"::text AS recommended, u."chosenApproach"::text AS chosen, l.approach::text AS approach,
               l."calendarYear", l."yearIndex", l.category, l."lowCents" AS low, l."baseCents" AS base, l."highCents" AS high,
               av.version, l.manual
          FROM "CostLine" l
          JOIN "UseCase" u ON u.id = l."useCaseId" AND u."organizationId" = l."organizationId"
          LEFT JOIN "User" o ON o.id = u."ownerId"
          LEFT JOIN "AssumptionVersion" av ON av.id = u."assumptionVersionId"
         WHERE l."organizationId" = ${org.id} AND l.id > ${after} AND ${where}
         ORDER BY l.id
         LIMIT ${BATCH}`;
      if (rows.length < BATCH) done = true;
      if (rows.length === 0) {
        controller.close();
        return;
      }
      after = rows[rows.length - 1]!.id;
      const records = rows.map((r) => [
        safeText(org.slug), r.useCaseId, safeText(r.title), safeText(r.businessUnit), safeText(r.owner), r.status, r.recommended ?? "", r.chosen ?? "",
        r.approach, String(r.calendarYear), String(r.yearIndex), r.category, centsToDecimal(r.low), centsToDecimal(r.base), centsToDecimal(r.high),
        "USD", String(r.version ?? 0), r.base === null ? "missing figure" : r.manual ? "manual estimate" : "",
      ]);
      controller.enqueue(encoder.encode(stringify(records, CSV)));
      if (done) controller.close();
    },
  });
}

export const BU_HEADER = ["organization", "business_unit", "calendar_year", "scenario", "approach", "low", "base", "high", "currency", "use_cases"];

/**
 * One row per business unit, year, scenario and approach: "as chosen" (the decision, else the
 * recommendation) and "as recommended", summed from the stored yearly totals (CostYear), which are
 * the exact sums of the detail rows.
 */
export function businessUnitStream(org: { id: string; slug: string }, filter: PortfolioFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const where = useCaseWhere(org.id, filter);
  const chosen = asChosenApproach();
  let step = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (step++ === 0) {
        controller.enqueue(encoder.encode("\uFEFF" + stringify([BU_HEADER], CSV)));
        return;
      }
      const rows = await db.$queryRaw<{ businessUnit: string; calendarYear: number; scenario: string; approach: string; low: bigint; base: bigint; high: bigint; useCases: bigint }[]>`
        SELECT u."businessUnit", y."calendarYear", s.name AS scenario, y.approach::text AS approach,
               sum(y."lowCents") AS low, sum(y."baseCents") AS base, sum(y."highCents") AS high, count(DISTINCT u.id) AS "useCases"
          FROM "UseCase" u
         CROSS JOIN (VALUES ('as chosen'), ('as recommended')) AS s(name)
          JOIN "CostYear" y ON y."organizationId" = u."organizationId" AND y."useCaseId" = u.id
                           AND y.approach::text = (CASE s.name WHEN 'as chosen' THEN ${chosen}::text ELSE u."recommendedApproach"::text END)
         WHERE ${where}
         GROUP BY 1, 2, 3, 4
         ORDER BY 1, 2, 3, 4`;
      const records = rows.map((r) => [
        safeText(org.slug), safeText(r.businessUnit), String(r.calendarYear), r.scenario, r.approach,
        centsToDecimal(r.low), centsToDecimal(r.base), centsToDecimal(r.high), "USD", String(r.useCases),
      ]);
      if (records.length) controller.enqueue(encoder.encode(stringify(records, CSV)));
      controller.close();
    },
  });
}

