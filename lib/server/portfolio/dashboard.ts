import "server-only";
import type { Approach } from "@/lib/domain/assessment";
import type { PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { db, Prisma } from "../db";
import { asChosenApproach, useCaseWhere } from "./filter-sql";

/**
 * The portfolio dashboard's numbers, aggregated in PostgreSQL over the stored projections
 * (CostYear, the exact yearly sums of CostLine): one query per panel, run in parallel.
 * Money is integer cents (bigint sums, converted once).
 */
export interface Money3 { low: number; base: number; high: number }
export interface YearApproachRow extends Money3 { calendarYear: number; approach: Approach; useCases: number; incomplete: number }
export interface ScenarioRow extends Money3 { scenario: ScenarioName; calendarYear: number; useCases: number }
export const SCENARIOS = ["chosen", "recommended", "RAG", "FINE_TUNING", "HYBRID"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface Dashboard {
  useCases: number;
  yearly: YearApproachRow[];
  scenarios: ScenarioRow[];
  matrix: { recommended: Approach | null; chosen: Approach | null; count: number }[];
  flagged: { id: string; title: string; businessUnit: string; riskFlags: string[]; disagreement: boolean; reasons: string[] }[];
  flaggedTotal: number;
  top: (Money3 & { id: string; title: string; businessUnit: string; approach: Approach })[];
  freshness: { staleDaysBase: number; useCasesWithStaleness: number; avgTimeToValueWeeks: number | null };
  coverage: { notCosted: number; incomplete: number };
  versions: { assumptionVersions: { version: number; useCases: number }[]; frameworkVersions: string[]; weightsVersions: number[] };
}

const n = (v: bigint | number | null | string) => (v === null ? 0 : Number(v));

export async function loadDashboard(organizationId: string, filter: PortfolioFilter): Promise<Dashboard> {
  const where = useCaseWhere(organizationId, filter);
  const chosen = asChosenApproach();
  const scenarioApproach = Prisma.sql`CASE s.name WHEN 'chosen' THEN ${chosen}::text WHEN 'recommended' THEN u."recommendedApproach"::text ELSE s.name END`;

  const [count, yearly, scenarios, matrix, flagged, flaggedTotal, top, freshness, coverage, assumptionVersions, frameworkVersions] = await Promise.all([
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "UseCase" u WHERE ${where}`,
    db.$queryRaw<{ calendarYear: number; approach: Approach; low: bigint; base: bigint; high: bigint; useCases: bigint; incomplete: bigint }[]>`
      SELECT y."calendarYear", y.approach, sum(y."lowCents") AS low, sum(y."baseCents") AS base, sum(y."highCents") AS high,
             count(DISTINCT u.id) AS "useCases", count(*) FILTER (WHERE NOT y.complete) AS incomplete
        FROM "UseCase" u
        JOIN "CostYear" y ON y."organizationId" = u."organizationId" AND y."useCaseId" = u.id AND y.approach = ${chosen}
       WHERE ${where}
       GROUP BY 1, 2 ORDER BY 1, 2`,
    db.$queryRaw<{ scenario: ScenarioName; calendarYear: number; low: bigint; base: bigint; high: bigint; useCases: bigint }[]>`
      SELECT s.name AS scenario, y."calendarYear", sum(y."lowCents") AS low, sum(y."baseCents") AS base, sum(y."highCents") AS high, count(DISTINCT u.id) AS "useCases"
        FROM "UseCase" u
       CROSS JOIN (VALUES ('chosen'), ('recommended'), ('RAG'), ('FINE_TUNING'), ('HYBRID')) AS s(name)
        JOIN "CostYear" y ON y."organizationId" = u."organizationId" AND y."useCaseId" = u.id AND y.approach::text = ${scenarioApproach}
       WHERE ${where}
       GROUP BY 1, 2 ORDER BY 1, 2`,
    db.$queryRaw<{ recommended: Approach | null; chosen: Approach | null; count: bigint }[]>`
      SELECT u."recommendedApproach" AS recommended, u."chosenApproach" AS chosen, count(*) AS count
        FROM "UseCase" u WHERE ${where} GROUP BY 1, 2`,
    db.$queryRaw<{ id: string; title: string; businessUnit: string; riskFlags: string[]; disagreement: boolean; reasons: string[] | null }[]>`
      SELECT u.id, u.title, u."businessUnit", u."riskFlags", u.disagreement,
             (SELECT array_agg(f->>'reason') FROM jsonb_array_elements(coalesce(u.score->'flags', '[]'::jsonb)) f) AS reasons
        FROM "UseCase" u
       WHERE ${where} AND (u.disagreement OR cardinality(u."riskFlags") > 0)
       ORDER BY cardinality(u."riskFlags") DESC, u."updatedAt" DESC, u.id
       LIMIT 25`,
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "UseCase" u WHERE ${where} AND (u.disagreement OR cardinality(u."riskFlags") > 0)`,
    db.$queryRaw<{ id: string; title: string; businessUnit: string; approach: Approach; low: bigint; base: bigint; high: bigint }[]>`
      SELECT u.id, u.title, u."businessUnit", y.approach, sum(y."lowCents") AS low, sum(y."baseCents") AS base, sum(y."highCents") AS high
        FROM "UseCase" u
        JOIN "CostYear" y ON y."organizationId" = u."organizationId" AND y."useCaseId" = u.id AND y.approach = ${chosen}
       WHERE ${where}
       GROUP BY u.id, u.title, u."businessUnit", y.approach
       ORDER BY base DESC, u.id LIMIT 10`,
    db.$queryRaw<{ stale: number | null; withStale: bigint; ttv: number | null }[]>`
      SELECT sum((u."projectionSummary"->'approaches'->(${chosen}::text)->'staleDaysPerYear'->>'base')::numeric)::float8 AS stale,
             count(*) FILTER (WHERE (u."projectionSummary"->'approaches'->(${chosen}::text)->'staleDaysPerYear'->>'base')::numeric > 0) AS "withStale",
             avg((u."projectionSummary"->'approaches'->(${chosen}::text)->'timeToValueWeeks'->>'base')::numeric)::float8 AS ttv
        FROM "UseCase" u WHERE ${where}`,
    db.$queryRaw<{ notCosted: bigint; incomplete: bigint }[]>`
      SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM "CostYear" y WHERE y."organizationId" = u."organizationId" AND y."useCaseId" = u.id AND y.approach = ${chosen})) AS "notCosted",
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "CostYear" y WHERE y."organizationId" = u."organizationId" AND y."useCaseId" = u.id AND y.approach = ${chosen} AND NOT y.complete)) AS incomplete
        FROM "UseCase" u WHERE ${where}`,
    db.$queryRaw<{ version: number | null; useCases: bigint }[]>`
      SELECT av.version, count(*) AS "useCases" FROM "UseCase" u LEFT JOIN "AssumptionVersion" av ON av.id = u."assumptionVersionId"
       WHERE ${where} GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<{ versions: string | null; weights: number | null }[]>`
      SELECT DISTINCT (u.score->'frameworkVersions')::text AS versions, (u.score->>'weightsVersion')::int AS weights FROM "UseCase" u WHERE ${where} LIMIT 20`,
  ]);

  return {
    useCases: n(count[0]?.n ?? 0),
    yearly: yearly.map((r) => ({ calendarYear: r.calendarYear, approach: r.approach, low: n(r.low), base: n(r.base), high: n(r.high), useCases: n(r.useCases), incomplete: n(r.incomplete) })),
    scenarios: scenarios.map((r) => ({ scenario: r.scenario, calendarYear: r.calendarYear, low: n(r.low), base: n(r.base), high: n(r.high), useCases: n(r.useCases) })),
    matrix: matrix.map((r) => ({ recommended: r.recommended, chosen: r.chosen, count: n(r.count) })),
    flagged: flagged.map((r) => ({ ...r, reasons: r.reasons ?? [] })),
    flaggedTotal: n(flaggedTotal[0]?.n ?? 0),
    top: top.map((r) => ({ id: r.id, title: r.title, businessUnit: r.businessUnit, approach: r.approach, low: n(r.low), base: n(r.base), high: n(r.high) })),
    freshness: { staleDaysBase: Math.round(freshness[0]?.stale ?? 0), useCasesWithStaleness: n(freshness[0]?.withStale ?? 0), avgTimeToValueWeeks: freshness[0]?.ttv ?? null },
    coverage: { notCosted: n(coverage[0]?.notCosted ?? 0), incomplete: n(coverage[0]?.incomplete ?? 0) },
    versions: {
      assumptionVersions: assumptionVersions.map((r) => ({ version: r.version ?? 0, useCases: n(r.useCases) })),
      frameworkVersions: [...new Set(frameworkVersions.map((r) => r.versions).filter((v): v is string => !!v))],
      weightsVersions: [...new Set(frameworkVersions.map((r) => r.weights).filter((v): v is number => v !== null))],
    },
  };
}

/** Totals of a set of rows, in cents. */
export function total(rows: Money3[]): Money3 {
  return rows.reduce((s, r) => ({ low: s.low + r.low, base: s.base + r.base, high: s.high + r.high }), { low: 0, base: 0, high: 0 });
}
