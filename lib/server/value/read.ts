import "server-only";
import type { Approach } from "@/lib/domain/assessment";
import { isEmptyFilter, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import {
  approachValue, buildMonths, emptyUnit, hourlyRateOf, needsFeedbackLoop, readBenefit, valueByBusinessUnit, yearlyBenefitCents,
  type ApproachValue, type Benefit, type Money3, type UnitValue, type ValueInputRow,
} from "@/lib/domain/value";
import { db, Prisma } from "../db";
import { readAssessment } from "../use-cases/mapping";
import { getStoredProjection } from "../projections";
import { cannotServe } from "@/lib/domain/costing/feasibility";
import { oneOffCost } from "@/lib/domain/costing/one-off";
import { keptSumsReady } from "../portfolio/cost-sums";
import { asChosenApproach, asChosenArray, rollupWhere } from "../portfolio/filter-sql";
import { float, int } from "../portfolio/sql-values";
import { scopedQueryRaw } from "../rls";

/** The organization's hourly value rate, and whether it is the documented default. */
export async function valueRate(organizationId: string): Promise<{ rateCents: number; isDefault: boolean }> {
  const org = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { valueHourlyRateCents: true } });
  return { rateCents: hourlyRateOf(org.valueHourlyRateCents), isDefault: org.valueHourlyRateCents === null };
}

export interface UseCaseValue {
  benefit: Benefit | null;
  rateCents: number;
  rateIsDefault: boolean;
  /** The benefit a year in cents (null: none entered). */
  yearly: Money3 | null;
  horizonYears: number;
  /** The years costed and valued: the horizon, cut after the year a retired use case was retired in. */
  costedYears: number;
  version: number;
  ownerId: string;
  /** No deciding answer yet: nothing is costed, so nothing can be netted. */
  notAssessed: boolean;
  /**
   * `noBuildTime`: the approach has no time to value (priced from an estimate), so its benefit counts from the start.
   * `startMonths`: the whole months before its benefit starts in the base case (its time to value, rounded up); null with none.
   */
  approaches: { approach: Approach; value: ApproachValue; chosen: boolean; recommended: boolean; noBuildTime: boolean; startMonths: number | null }[];
}

/** One use case's value per approach, from its stored projection. Scoped by organization; null when not found. */
export async function getUseCaseValue(organizationId: string, useCaseId: string): Promise<UseCaseValue | null> {
  const [uc, rate, p] = await Promise.all([
    db.useCase.findFirst({
      where: { id: useCaseId, organizationId, deletedAt: null },
      select: { benefit: true, horizonYears: true, version: true, ownerId: true, evidence: true, chosenApproach: true, recommendedApproach: true, assessment: true },
    }),
    valueRate(organizationId),
    getStoredProjection(organizationId, useCaseId),
  ]);
  if (!uc) return null;
  const benefit = readBenefit(uc.benefit);
  const yearly = benefit ? yearlyBenefitCents(benefit, rate.rateCents) : null;
  const approaches = new Map<Approach, Money3[]>();
  for (const y of [...p.years].sort((a, b) => a.yearIndex - b.yearIndex)) {
    const list = approaches.get(y.approach) ?? [];
    list.push({ low: y.low, base: y.base, high: y.high });
    approaches.set(y.approach, list);
  }
  // Each year's one-off cost per approach (year 1's build, curation, training, evaluation set and first embedding: one-off.ts), paid up front for the payback.
  const oneOff = new Map<Approach, Money3[]>();
  for (const approach of approaches.keys()) {
    const lines = p.lines.filter((l) => l.approach === approach && !l.manual);
    const years = Math.max(0, ...lines.map((l) => l.yearIndex));
    oneOff.set(approach, Array.from({ length: years }, (_, i) => oneOffCost(lines.filter((l) => l.yearIndex === i + 1))));
  }
  const learns = readAssessment(uc.assessment).learnsFromFeedback === true;
  const asChosen = uc.chosenApproach ?? uc.recommendedApproach;
  return {
    benefit,
    rateCents: rate.rateCents,
    rateIsDefault: rate.isDefault,
    yearly,
    horizonYears: uc.horizonYears,
    // A retired use case is costed, and valued, only up to the year it was retired in.
    costedYears: Math.max(0, ...[...approaches.values()].map((ys) => ys.length)) || uc.horizonYears,
    version: uc.version,
    ownerId: uc.ownerId,
    notAssessed: uc.evidence === "none",
    approaches: [...approaches.entries()].map(([approach, years]) => {
      const s = p.summary?.approaches[approach];
      const value = approachValue(yearly, {
        years,
        complete: s ? s.lifecycle.complete : p.years.filter((y) => y.approach === approach).every((y) => y.complete),
        timeToValueWeeks: s?.timeToValueWeeks ?? null,
        oneOff: oneOff.get(approach) ?? [],
        feedbackLoopNotCosted: needsFeedbackLoop(approach, learns),
        // An approach the cost panel says cannot serve the use case is claimed no benefit either.
        cannotServe: s ? (cannotServe(s, p.summary?.maxLagDays)?.text ?? null) : null,
      });
      const ttv = s?.timeToValueWeeks ?? null;
      return { approach, value, chosen: approach === asChosen, recommended: approach === uc.recommendedApproach, noBuildTime: !ttv, startMonths: ttv ? buildMonths(ttv.base) : null };
    }),
  };
}


interface ValueRow {
  businessUnit: string;
  startYear: number | null;
  approach: string | null;
  benefit: unknown;
  low: bigint | null;
  base: bigint | null;
  high: bigint | null;
  incomplete: boolean;
  years: number;
  ttvLow: number | null;
  ttvBase: number | null;
  ttvHigh: number | null;
  cannotServe: boolean | null;
  learnsFromFeedback: boolean | null;
}

/**
 * Portfolio value against cost by business unit, for the filter: the use cases with a benefit,
 * one row each (UseCaseRollup for the as-chosen cost and time to value, the use case for its
 * benefit), netted in lib/domain/value/portfolio-value.ts; the costed ones without a benefit
 * only counted, in the same statement's second half. Read as the organization-scoped role.
 */
export async function portfolioValue(
  organizationId: string,
  filter: PortfolioFilter,
): Promise<{ units: UnitValue[]; total: UnitValue; rateCents: number; rateIsDefault: boolean; hoursBased: number }> {
  const { input, noValue, rateCents, rateIsDefault, hoursBased } = await valueInput(organizationId, filter);
  const result = valueByBusinessUnit(input);
  // Units with only unvalued use cases still show, so a reader sees what has no value yet.
  for (const [unit, n] of noValue) {
    let u = result.units.find((x) => x.businessUnit === unit);
    if (!u) {
      u = emptyUnit(unit);
      result.units.push(u);
    }
    u.noValue += n;
    result.total.noValue += n;
  }
  result.units.sort((a, b) => (a.businessUnit === "" ? 1 : b.businessUnit === "" ? -1 : a.businessUnit.localeCompare(b.businessUnit)));
  return { ...result, rateCents, rateIsDefault, hoursBased };
}

/**
 * The rows portfolioValue nets (with each one's first calendar year), and the unvalued counts per
 * unit. Unfiltered, without reading every use case (below); `fromRollup` computes them from the
 * rollup rows in view whatever the filter (the tests compare the two ways).
 */
export async function valueInput(
  organizationId: string,
  filter: PortfolioFilter,
  options: { fromRollup?: boolean } = {},
): Promise<{
  input: (ValueInputRow & { startYear: number | null; approach: string | null })[];
  noValue: Map<string, number>;
  rateCents: number;
  /** The rate is the documented default (a placeholder), not one finance set. */
  rateIsDefault: boolean;
  /** The use cases in view whose benefit is hours saved, priced at that rate. */
  hoursBased: number;
}> {
  const rowsInView = async () => (isEmptyFilter(filter) && !options.fromRollup ? await keptValueRows(organizationId) : null) ?? valueRows(organizationId, filter);
  const [rows, rate] = await Promise.all([
    rowsInView(),
    valueRate(organizationId),
  ]);
  const input: (ValueInputRow & { startYear: number | null; approach: string | null })[] = [];
  const noValue = new Map<string, number>();
  let hoursBased = 0;
  for (const r of rows) {
    const benefit = r.benefit === null ? null : readBenefit(r.benefit);
    if (benefit?.kind === "HOURS") hoursBased += 1;
    if (r.benefit === null) {
      // The second half: costed use cases with no value entered, counted per unit.
      noValue.set(r.businessUnit, (noValue.get(r.businessUnit) ?? 0) + int(r.years));
      continue;
    }
    const ttv = r.ttvBase === null ? null : { low: float(r.ttvLow) ?? 0, base: float(r.ttvBase) ?? 0, high: float(r.ttvHigh) ?? 0 };
    input.push({
      businessUnit: r.businessUnit,
      startYear: r.startYear === null ? null : int(r.startYear),
      approach: r.approach,
      yearlyBenefit: benefit ? yearlyBenefitCents(benefit, rate.rateCents) : null,
      lifecycle: r.base === null ? null : { low: int(r.low), base: int(r.base), high: int(r.high) },
      incomplete: r.incomplete,
      years: int(r.years),
      timeToValueWeeks: ttv,
      cannotServe: r.cannotServe === true,
      feedbackLoopNotCosted: needsFeedbackLoop(r.approach, r.learnsFromFeedback === true),
    });
  }
  return { input, noValue, rateCents: rate.rateCents, rateIsDefault: rate.isDefault, hoursBased };
}

const VALUED_COLUMNS = (r: string) =>
  Prisma.sql`${Prisma.raw(`${r}."businessUnit", ${r}."startYear"`)}, ${asChosenApproach(r)}::text AS approach, u.benefit,
             ${Prisma.raw(`${r}."chosenLowCents" AS low, ${r}."chosenBaseCents" AS base, ${r}."chosenHighCents" AS high, (${r}.incomplete & 1) <> 0 AS incomplete`)},
             (cardinality(${asChosenArray(r)}) / 3)::int AS years, ${Prisma.raw(`${r}."ttvLow", ${r}."ttvBase", ${r}."ttvHigh"`)},
             ${cannotServeAsChosen(r)} AS "cannotServe", COALESCE(u.assessment->'learnsFromFeedback' = 'true'::jsonb, false) AS "learnsFromFeedback"`;

/**
 * As chosen, the approach cannot serve the use case: the rollup's bit (it misses the lag or never
 * sees the knowledge), or its projection says it falls short of the bar (prompting already tried;
 * costing/project.ts's cannotServe), which the rollup does not carry. Read from the summary only
 * for the use cases with a benefit, the few this reads.
 */
function cannotServeAsChosen(r: string): Prisma.Sql {
  return Prisma.sql`(${Prisma.raw(`(${r}.infeasible & 1) <> 0`)} OR COALESCE(u."projectionSummary"->'approaches'->(${asChosenApproach(r)}::text)->'meetsBar' = 'false'::jsonb, false))`;
}

/**
 * The unfiltered view's rows without reading every use case: the valued ones through their own
 * index, and the costed ones without a value as the kept tally of costed use cases per unit (kept by
 * every write, lib/server/portfolio/cost-sums.ts) less the valued among them. Null while the
 * organization's kept sums are not there yet (the portfolio's first read writes them).
 */
async function keptValueRows(organizationId: string): Promise<ValueRow[] | null> {
  const rows = await scopedQueryRaw<(ValueRow & { kind: "valued" | "costed" | "marker" })[]>(
    organizationId,
    Prisma.sql`
      SELECT 'valued' AS kind, ${VALUED_COLUMNS("r")}
        FROM "UseCase" u
        JOIN "UseCaseRollup" r ON r."useCaseId" = u.id AND r."organizationId" = u."organizationId" AND r."deletedAt" IS NULL
       WHERE u."organizationId" = ${organizationId} AND u."deletedAt" IS NULL AND u.benefit IS NOT NULL
      UNION ALL
      SELECT 'costed', t.key, NULL, NULL, NULL, NULL::bigint, NULL::bigint, NULL::bigint, false, sum(t.n)::int, NULL, NULL, NULL, NULL, NULL
        FROM "PortfolioTally" t
       WHERE t."organizationId" = ${organizationId} AND t.kind = 'costed'
       GROUP BY t.key
      UNION ALL
      SELECT 'marker', '', NULL, NULL, NULL, NULL, NULL, NULL, false, 0, NULL, NULL, NULL, NULL, NULL
       WHERE ${keptSumsReady(organizationId)}`,
  );
  if (!rows.some((r) => r.kind === "marker")) return null;
  const valued = rows.filter((r) => r.kind === "valued");
  // Costed and complete as chosen, per unit, less those with a value: the unit's costed use cases without one.
  const costed = new Map(rows.filter((r) => r.kind === "costed").map((r) => [r.businessUnit, int(r.years)]));
  for (const r of valued) if (r.base !== null && !r.incomplete) costed.set(r.businessUnit, (costed.get(r.businessUnit) ?? 0) - 1);
  const unvalued = [...costed].filter(([, n]) => n > 0).map(([businessUnit, n]): ValueRow => ({
    businessUnit, startYear: null, approach: null, benefit: null, low: null, base: null, high: null, incomplete: false, years: n, ttvLow: null, ttvBase: null, ttvHigh: null, cannotServe: null, learnsFromFeedback: null,
  }));
  return [...valued, ...unvalued];
}

/** The rows for any filter, from the rollup rows in view and their use cases. */
async function valueRows(organizationId: string, filter: PortfolioFilter): Promise<ValueRow[]> {
  const where = rollupWhere(organizationId, filter, "r");
  return scopedQueryRaw<ValueRow[]>(
    organizationId,
    Prisma.sql`
      SELECT ${VALUED_COLUMNS("r")}
        FROM "UseCaseRollup" r
        JOIN "UseCase" u ON u.id = r."useCaseId" AND u."organizationId" = r."organizationId"
       WHERE ${where} AND u.benefit IS NOT NULL
      UNION ALL
      -- The costed use cases with no value entered: only their count per unit (in "years").
      SELECT r."businessUnit", NULL, NULL, NULL, NULL::bigint, NULL::bigint, NULL::bigint,
             false, count(*)::int, NULL, NULL, NULL, NULL, NULL
        FROM "UseCaseRollup" r
        JOIN "UseCase" u ON u.id = r."useCaseId" AND u."organizationId" = r."organizationId"
       WHERE ${where} AND u.benefit IS NULL AND r."chosenBaseCents" IS NOT NULL AND (r.incomplete & 1) = 0
       GROUP BY r."businessUnit"`,
  );
}
