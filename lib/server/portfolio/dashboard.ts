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

  // One scan of the yearly totals gives both the as-chosen spend per approach and every scenario:
  // each scenario's sums are FILTERed by whether the row's approach is that scenario's choice.
  const [yearlyRows, summary, matrix, flagged, top, assumptionVersions, frameworkVersions] = await Promise.all([
    db.$queryRaw<{ calendarYear: number; approach: Approach; cl: bigint | null; cb: bigint | null; ch: bigint | null; cn: bigint; ci: bigint; rl: bigint | null; rb: bigint | null; rh: bigint | null; rn: bigint; al: bigint; ab: bigint; ah: bigint; an: bigint }[]>`
      SELECT y."calendarYear", y.approach,
             sum(y."lowCents") FILTER (WHERE y.approach = ${chosen}) AS cl,
             sum(y."baseCents") FILTER (WHERE y.approach = ${chosen}) AS cb,
             sum(y."highCents") FILTER (WHERE y.approach = ${chosen}) AS ch,
             count(*) FILTER (WHERE y.approach = ${chosen}) AS cn,
             count(*) FILTER (WHERE y.approach = ${chosen} AND NOT y.complete) AS ci,
             sum(y."lowCents") FILTER (WHERE y.approach = u."recommendedApproach") AS rl,
             sum(y."baseCents") FILTER (WHERE y.approach = u."recommendedApproach") AS rb,
             sum(y."highCents") FILTER (WHERE y.approach = u."recommendedApproach") AS rh,
             count(*) FILTER (WHERE y.approach = u."recommendedApproach") AS rn,
             sum(y."lowCents") AS al, sum(y."baseCents") AS ab, sum(y."highCents") AS ah, count(*) AS an
        FROM "UseCase" u
        JOIN "CostYear" y ON y."organizationId" = u."organizationId" AND y."useCaseId" = u.id
       WHERE ${where}
       GROUP BY 1, 2 ORDER BY 1, 2`,
    db.$queryRaw<{ n: bigint; stale: number | null; withStale: bigint; ttv: number | null; notCosted: bigint; incomplete: bigint; flaggedTotal: bigint }[]>`
      SELECT count(*) AS n,
             sum((s->'staleDaysPerYear'->>'base')::numeric)::float8 AS stale,
             count(*) FILTER (WHERE (s->'staleDaysPerYear'->>'base')::numeric > 0) AS "withStale",
             avg((s->'timeToValueWeeks'->>'base')::numeric)::float8 AS ttv,
             count(*) FILTER (WHERE s IS NULL) AS "notCosted",
             count(*) FILTER (WHERE s->'lifecycle'->>'complete' = 'false') AS incomplete,
             count(*) FILTER (WHERE u.disagreement OR cardinality(u."riskFlags") > 0) AS "flaggedTotal"
        FROM "UseCase" u
        CROSS JOIN LATERAL (SELECT u."projectionSummary"->'approaches'->(${chosen}::text) AS s) x
       WHERE ${where}`,
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
    // The stored lifecycle of each use case's as-chosen approach is the sum of its yearly rows.
    db.$queryRaw<{ id: string; title: string; businessUnit: string; approach: Approach; low: bigint; base: bigint; high: bigint }[]>`
      SELECT u.id, u.title, u."businessUnit", ${chosen} AS approach,
             (s->'lifecycle'->>'low')::bigint AS low, (s->'lifecycle'->>'base')::bigint AS base, (s->'lifecycle'->>'high')::bigint AS high
        FROM "UseCase" u
        CROSS JOIN LATERAL (SELECT u."projectionSummary"->'approaches'->(${chosen}::text) AS s) x
       WHERE ${where} AND s IS NOT NULL
       ORDER BY (s->'lifecycle'->>'base')::bigint DESC, u.id LIMIT 10`,
    db.$queryRaw<{ version: number | null; useCases: bigint }[]>`
      SELECT av.version, count(*) AS "useCases" FROM "UseCase" u LEFT JOIN "AssumptionVersion" av ON av.id = u."assumptionVersionId"
       WHERE ${where} GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<{ versions: string | null; weights: number | null }[]>`
      SELECT DISTINCT (u.score->'frameworkVersions')::text AS versions, (u.score->>'weightsVersion')::int AS weights FROM "UseCase" u WHERE ${where} LIMIT 20`,
  ]);

  const yearly: YearApproachRow[] = yearlyRows
    .filter((r) => n(r.cn) > 0)
    .map((r) => ({ calendarYear: r.calendarYear, approach: r.approach, low: n(r.cl), base: n(r.cb), high: n(r.ch), useCases: n(r.cn), incomplete: n(r.ci) }));
  const scenarios: ScenarioRow[] = [];
  const years = [...new Set(yearlyRows.map((r) => r.calendarYear))].sort();
  for (const calendarYear of years) {
    const rows = yearlyRows.filter((r) => r.calendarYear === calendarYear);
    const add = (scenario: ScenarioName, pick: (r: (typeof rows)[number]) => [bigint | null, bigint | null, bigint | null, bigint]) => {
      const t = rows.reduce((s, r) => { const [l, b, h, c] = pick(r); return { low: s.low + n(l), base: s.base + n(b), high: s.high + n(h), useCases: s.useCases + n(c) }; }, { low: 0, base: 0, high: 0, useCases: 0 });
      if (t.useCases > 0) scenarios.push({ scenario, calendarYear, ...t });
    };
    add("chosen", (r) => [r.cl, r.cb, r.ch, r.cn]);
    add("recommended", (r) => [r.rl, r.rb, r.rh, r.rn]);
    for (const a of ["RAG", "FINE_TUNING", "HYBRID"] as const) add(a, (r) => (r.approach === a ? [r.al, r.ab, r.ah, r.an] : [0n, 0n, 0n, 0n]));
  }
  const freshness = [{ stale: summary[0]?.stale ?? null, withStale: summary[0]?.withStale ?? 0n, ttv: summary[0]?.ttv ?? null }];
  const coverage = [{ notCosted: summary[0]?.notCosted ?? 0n, incomplete: summary[0]?.incomplete ?? 0n }];
  const count = [{ n: summary[0]?.n ?? 0n }];
  const flaggedTotal = [{ n: summary[0]?.flaggedTotal ?? 0n }];

  return {
    useCases: n(count[0]?.n ?? 0),
    yearly,
    scenarios,
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
