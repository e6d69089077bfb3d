import "server-only";
import type { Approach } from "@/lib/domain/assessment";
import { EMPTY_FILTER, isEmptyFilter, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import {
  anyApproval, approachValue, budgetRows, buildMonths, emptyUnit, hourlyRateOf, needsFeedbackLoop, readBenefit, valueByBusinessUnit, yearlyBenefitCents,
  type ApproachValue, type Benefit, type BudgetRow, type Money3, type UnitSpend, type UnitValue, type ValueInputRow,
} from "@/lib/domain/value";
import { db, Prisma } from "../db";
import { startYearSql } from "../use-cases/start-year";
import { readAssessment } from "../use-cases/mapping";
import { getStoredProjection } from "../projections";
import { cannotServe } from "@/lib/domain/costing/feasibility";
import { oneOffCost } from "@/lib/domain/costing/one-off";
import { keptSumsReady } from "../portfolio/cost-sums";
import { asChosenApproach, asChosenArray, rollupWhere, useCaseWhere } from "../portfolio/filter-sql";
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
  // Each year's one-off cost per approach (year 1's build, curation and training), paid up front for the payback.
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

/** The budgets finance approved, per business unit, for one calendar year (lib/domain/value/budget.ts). */
export interface ApprovedSpend {
  /** The yearly budgets with a figure, summed (cents), per unit that has any. */
  cents: Map<string, number>;
  /** Per unit, how many budgets finance approved with no figure (the approach's first year not fully costed). */
  withoutFigure: Map<string, number>;
}

/**
 * The spend approved per business unit in a calendar year: the yearly budgets (run rates) of the decisions
 * whose budget finance has approved (lib/server/decisions/workflow.ts; state BUDGET_APPROVED), for
 * the use cases, not deleted, whose lifecycle covers that year; those approved with no figure
 * (NO_BUDGET_FIGURE) counted apart, never as $0 and never left out unsaid. A decision's one-off
 * build counts once, in the use case's first year (the calendar year it starts), never again in
 * each later year of its lifecycle (it did while the yearly budget was the first year whole). Null when the
 * organization has no approved budget at all, so the panel says "no approvals yet" rather than $0.
 * A use case in the trash is in no total, so its approved budget is approved spend nowhere: not
 * in its unit's row, and not in whether the organization has approvals (it used to make the
 * summary drop "no approvals yet" while its unit's row still said it).
 */
export async function approvedSpendByBusinessUnit(organizationId: string, year: number, filter: PortfolioFilter = EMPTY_FILTER): Promise<ApprovedSpend | null> {
  // The use cases of the view only, as the projected spend beside it (a view of LIVE use cases
  // had every approval of the unit beside the projection of its live ones).
  const inView = isEmptyFilter(filter) ? Prisma.sql`true` : useCaseWhere(organizationId, filter, "u");
  const start = startYearSql("u");
  const covers = Prisma.sql`${year} >= ${start} AND ${year} < ${start} + u."horizonYears"`;
  // Filtered by organization in both tables explicitly (a small read of the decisions only).
  const rows = await db.$queryRaw<{ businessUnit: string | null; cents: bigint | null; withoutFigure: number }[]>(
    Prisma.sql`
      SELECT u."businessUnit", sum(d."yearlyBudgetCents" + CASE WHEN ${year} = ${start} THEN d."buildCents" ELSE 0 END) FILTER (WHERE ${covers}) AS cents,
             count(*) FILTER (WHERE ${covers} AND d."yearlyBudgetCents" IS NULL)::int AS "withoutFigure"
        FROM "UseCaseDecision" d
        JOIN "UseCase" u ON u.id = d."useCaseId" AND u."organizationId" = d."organizationId"
       WHERE d."organizationId" = ${organizationId} AND d.state = 'BUDGET_APPROVED' AND u."deletedAt" IS NULL AND ${inView}
       GROUP BY u."businessUnit"`,
  );
  if (rows.length === 0) return null;
  return {
    cents: new Map(rows.filter((r) => r.cents !== null).map((r) => [r.businessUnit ?? "", int(r.cents)])),
    withoutFigure: new Map(rows.filter((r) => int(r.withoutFigure) > 0).map((r) => [r.businessUnit ?? "", int(r.withoutFigure)])),
  };
}

interface SpendRow {
  businessUnit: string;
  low: bigint;
  base: bigint;
  high: bigint;
  useCases: number;
  incomplete: number;
}

/** Projected spend as chosen in one calendar year, per business unit, for the filter (UseCaseRollup only). */
export async function projectedSpendByUnit(organizationId: string, filter: PortfolioFilter, year: number, options: { fromRollup?: boolean } = {}): Promise<UnitSpend[]> {
  const kept = isEmptyFilter(filter) && !options.fromRollup ? await keptSpendByUnit(organizationId, year) : null;
  const rows = kept ?? (await spendByUnit(organizationId, filter, year));
  return rows.map((r) => ({ businessUnit: r.businessUnit, projected: { low: int(r.low), base: int(r.base), high: int(r.high) }, useCases: int(r.useCases), incomplete: int(r.incomplete) }));
}

/**
 * Unfiltered, from the portfolio's kept sums (lib/server/portfolio/cost-sums.ts): each group's
 * as-chosen amounts for the year are its as-chosen approach's column. Null while the
 * organization's kept sums are not there yet.
 */
async function keptSpendByUnit(organizationId: string, year: number): Promise<SpendRow[] | null> {
  const pick = (k: "l" | "b" | "h") =>
    Prisma.raw(`sum(CASE s.ch WHEN 'RAG' THEN s."rag${k}" WHEN 'FINE_TUNING' THEN s."ft${k}" WHEN 'HYBRID' THEN s."hy${k}" ELSE s."ch${k}" END)::bigint`);
  const rows = await scopedQueryRaw<(SpendRow & { marker: boolean })[]>(
    organizationId,
    Prisma.sql`
      SELECT s."businessUnit", ${pick("l")} AS low, ${pick("b")} AS base, ${pick("h")} AS high,
             sum(s.cy)::int AS "useCases", sum(s.ci)::int AS incomplete, false AS marker
        FROM "PortfolioCostSum" s
       WHERE s."organizationId" = ${organizationId} AND s."calendarYear" = ${year}::int AND s.ch IS NOT NULL
       GROUP BY s."businessUnit"
      HAVING sum(s.cy) > 0
      UNION ALL
      SELECT '', NULL, NULL, NULL, 0, 0, true
       WHERE ${keptSumsReady(organizationId)}`,
  );
  return rows.some((r) => r.marker) ? rows.filter((r) => !r.marker) : null;
}

async function spendByUnit(organizationId: string, filter: PortfolioFilter, year: number): Promise<SpendRow[]> {
  const arr = asChosenArray("r");
  return scopedQueryRaw<SpendRow[]>(
    organizationId,
    Prisma.sql`
      SELECT r."businessUnit",
             sum(${arr}[3 * (${year}::int - r."startYear") + 1])::bigint AS low,
             sum(${arr}[3 * (${year}::int - r."startYear") + 2])::bigint AS base,
             sum(${arr}[3 * (${year}::int - r."startYear") + 3])::bigint AS high,
             count(*)::int AS "useCases", count(*) FILTER (WHERE (r.incomplete & 1) <> 0)::int AS incomplete
        FROM "UseCaseRollup" r
       WHERE ${rollupWhere(organizationId, filter, "r")}
         AND ${asChosenApproach("r")} IS NOT NULL
         AND r."startYear" <= ${year}::int AND 3 * (${year}::int - r."startYear") < cardinality(${arr})
       GROUP BY r."businessUnit"`,
  );
}

/**
 * Per business unit, the use cases in view whose lifecycle covers the calendar year but that have
 * no cost as chosen at all (not assessed, or an approach the cost model does not price with no
 * manual estimate): the projection above leaves them out, and the budget panel says so. The years
 * a use case covers are those derivation costs (lib/server/use-cases/derive.ts): from the year of
 * its start (else its creation), its horizon of 1 to 10 years, none after the year it was retired.
 *
 * Unfiltered, from the kept tally (kind 'notCosted', one count per unit and year; migration
 * 20261206211500_portfolio_not_costed_tally): a few rows whatever the portfolio's size. Filtered
 * (or before the organization's kept sums are there, or `fromRollup`), from the rollup rows in view.
 */
export async function notCostedByUnit(organizationId: string, filter: PortfolioFilter, year: number, options: { fromRollup?: boolean } = {}): Promise<Map<string, number>> {
  const kept = isEmptyFilter(filter) && !options.fromRollup ? await keptNotCostedByUnit(organizationId, year) : null;
  const rows = kept ?? (await notCostedFromRollup(organizationId, filter, year));
  return new Map(rows.map((r) => [r.businessUnit, int(r.n)]));
}

/** The kept tally's counts for the year, by unit; null while the organization's kept sums are not there yet. */
async function keptNotCostedByUnit(organizationId: string, year: number): Promise<{ businessUnit: string; n: number }[] | null> {
  const prefix = `${year}:`;
  const rows = await scopedQueryRaw<{ businessUnit: string; n: number; marker: boolean }[]>(
    organizationId,
    Prisma.sql`
      SELECT substr(t.key, ${prefix.length + 1}::int) AS "businessUnit", sum(t.n)::int AS n, false AS marker
        FROM "PortfolioTally" t
       WHERE t."organizationId" = ${organizationId} AND t.kind = 'notCosted' AND starts_with(t.key, ${prefix})
       GROUP BY 1
      HAVING sum(t.n) <> 0
      UNION ALL
      SELECT '', 0, true
       WHERE ${keptSumsReady(organizationId)}`,
  );
  return rows.some((r) => r.marker) ? rows.filter((r) => !r.marker) : null;
}

/**
 * The same count over the rollup rows in view, with their use cases' lifecycles. Its condition
 * repeats the predicates of the rollup's two partial indexes of rows with no as-chosen total (not
 * costed; not assessed), so the planner may read those rows alone; it still grows with them.
 */
async function notCostedFromRollup(organizationId: string, filter: PortfolioFilter, year: number): Promise<{ businessUnit: string; n: number }[]> {
  const arr = asChosenArray("r");
  const start = startYearSql("u");
  const years = Prisma.sql`LEAST(10, GREATEST(1, u."horizonYears"), CASE WHEN u."retiredAt" IS NULL THEN 10 ELSE EXTRACT(YEAR FROM u."retiredAt")::int - ${start} + 1 END)`;
  return scopedQueryRaw<{ businessUnit: string; n: number }[]>(
    organizationId,
    Prisma.sql`
      SELECT r."businessUnit", count(*)::int AS n
        FROM "UseCaseRollup" r
        JOIN "UseCase" u ON u.id = r."useCaseId" AND u."organizationId" = ${organizationId}
       WHERE ${rollupWhere(organizationId, filter, "r")}
         AND ((r."chosenBaseCents" IS NULL AND r.evidence <> 'none') OR r.evidence = 'none')
         AND cardinality(${arr}) = 0
         AND ${year}::int >= ${start} AND ${year}::int < ${start} + ${years}
       GROUP BY r."businessUnit"`,
  );
}

/**
 * For the Exports page: the use cases in view with no cost as chosen over their whole lifecycle
 * (not assessed, or an approach priced only from a manual estimate, none entered), which add
 * nothing to the business-unit rollup's "as chosen" rows; and the business units in view whose use
 * cases are all such, which have no "as chosen" row of projected spend at all.
 */
export async function notCostedAsChosen(organizationId: string, filter: PortfolioFilter): Promise<{ useCases: number; units: string[] }> {
  const arr = asChosenArray("r");
  const [row] = await scopedQueryRaw<{ useCases: number; units: string[] | null }[]>(
    organizationId,
    Prisma.sql`
      SELECT COALESCE(sum(x.nc), 0)::int AS "useCases", array_agg(x."businessUnit" ORDER BY x."businessUnit") FILTER (WHERE x.nc = x.n) AS units
        FROM (SELECT r."businessUnit", count(*) AS n, count(*) FILTER (WHERE cardinality(${arr}) = 0) AS nc
                FROM "UseCaseRollup" r
               WHERE ${rollupWhere(organizationId, filter, "r")}
               GROUP BY r."businessUnit") x`,
  );
  return { useCases: int(row?.useCases ?? 0), units: row?.units ?? [] };
}

/** The budgets of one calendar year, per business unit (cents). */
export async function budgetsOf(organizationId: string, year: number): Promise<Map<string, number>> {
  const rows = await db.businessUnitBudget.findMany({ where: { organizationId, year }, select: { businessUnit: true, amountCents: true } });
  return new Map(rows.map((r) => [r.businessUnit, int(r.amountCents)]));
}

/** The years that have a budget, newest first. */
export async function budgetYears(organizationId: string): Promise<number[]> {
  const rows = await db.businessUnitBudget.findMany({ where: { organizationId }, select: { year: true }, distinct: ["year"], orderBy: { year: "desc" } });
  return rows.map((r) => r.year);
}

/**
 * The budget panel of one year: projected spend as chosen against each unit's budget, with the
 * approved spend from the seam above. A business-unit filter narrows the units; the other filters
 * narrow the use cases counted, as on every panel. `approvalsKnown` is read off the rows (some row
 * shows an approval), so the summary's "no approvals yet" and the rows' never disagree, whatever
 * the year or the trash.
 */
export async function budgetOverview(organizationId: string, filter: PortfolioFilter, year: number): Promise<{ year: number; rows: BudgetRow[]; approvalsKnown: boolean }> {
  const [spend, budgets, approved, notCosted] = await Promise.all([
    projectedSpendByUnit(organizationId, filter, year),
    budgetsOf(organizationId, year),
    approvedSpendByBusinessUnit(organizationId, year, filter),
    notCostedByUnit(organizationId, filter, year),
  ]);
  const inView = filter.businessUnit.length ? new Map([...budgets].filter(([bu]) => filter.businessUnit.includes(bu))) : budgets;
  const rows = budgetRows(spend, inView, approved?.cents ?? null, approved?.withoutFigure, notCosted);
  return { year, rows, approvalsKnown: anyApproval(rows) };
}
