import "server-only";
import { approachTotals, savingsBetween, scenarioSummaries, scenarioYears, spendByYear, yearRange } from "@/lib/domain/portfolio/assemble";
import type { PortfolioFilter } from "@/lib/domain/portfolio/filter";
import type { Dashboard, LateStartYear, ProvisionalSpend, UndatedYear } from "@/lib/domain/portfolio/types";
import { costCells } from "./panels/costs";
import { provisionalSpend } from "./panels/provisional";
import { lateStartsByYear, undatedByYear } from "./panels/undated";
import { useCasePanels } from "./panels/use-cases";

export { SCENARIOS, type Dashboard, type ScenarioName } from "@/lib/domain/portfolio/types";

/**
 * The view's totals pass $90 trillion (2^53 cents), beyond what the dashboard adds exactly in
 * JavaScript numbers; the page says so and offers a narrower filter instead of a rounded figure.
 * (No single use case can cause it: each line of a projection is capped at LINE_LIMIT_CENTS.)
 */
export class TotalsBeyondExactError extends Error {
  constructor() {
    super("The totals in this view pass $90 trillion, beyond what the dashboard adds to the exact cent.");
    this.name = "TotalsBeyondExactError";
  }
}

/**
 * The portfolio dashboard for one organization and filter: four aggregate statements in
 * PostgreSQL, run in parallel, none per use case. Each runs in its own short transaction as the
 * organization-scoped role (lib/server/rls.ts).
 *
 * | statement | reads | gives |
 * |---|---|---|
 * | costCells | UseCaseRollup (each use case's yearly totals per scenario), GROUP BY year × approach × split | every amount: spend, scenarios, per-approach lifecycle; costed counts |
 * | useCasePanels | UseCaseRollup (one scan); UseCaseDecision's proposals and sent-back rows (awaiting a decision); UseCase only for the listed rows (titles; score reasons and picks of the 20 flagged and disagreeing) | counts, matrix, flags, incomplete and not-costed lists, freshness, versions, top ten, flagged and disagreeing lists |
 * | undatedByYear | UseCase with no planned start (a partial index), their UseCaseRollup rows by key | per year, the part of the as-chosen spend from use cases placed in the year they were logged |
 * | lateStartsByYear | UseCase with a planned start in July or later, their UseCaseRollup rows by key | per year, the first lifecycle year of those use cases, counted whole in the year they start |
 * | provisionalSpend | UseCaseRollup rows whose recommendation is provisional (a partial index) | over the lifecycle and per year, the part of the as-chosen spend that rests on a provisional recommendation |
 *
 * Everything is scoped by `useCaseWhere` (organization, not deleted, the filter). The caller
 * has already checked that the person is a member of the organization.
 */
export async function loadDashboard(organizationId: string, filter: PortfolioFilter): Promise<Dashboard> {
  let cells: Awaited<ReturnType<typeof costCells>>, uc: Awaited<ReturnType<typeof useCasePanels>>, undated: UndatedYear[], lateStarts: LateStartYear[], provisional: ProvisionalSpend;
  try {
    [cells, uc, undated, lateStarts, provisional] = await Promise.all([
      costCells(organizationId, filter),
      useCasePanels(organizationId, filter),
      undatedByYear(organizationId, filter),
      lateStartsByYear(organizationId, filter),
      provisionalSpend(organizationId, filter),
    ]);
  } catch (e) {
    // A sum PostgreSQL added exactly that is past 2^53 cents (int in sql-values refuses it).
    if (e instanceof RangeError) throw new TotalsBeyondExactError();
    throw e;
  }
  const years = yearRange(cells);
  // The not assessed have no cost anywhere: out of every total, and out of the coverage count, so
  // scenarios over the same assessed use cases stay comparable.
  const summaries = scenarioSummaries(cells, uc.incomplete, years, uc.useCases - uc.evidence.none, uc.infeasible);
  const byApproach = approachTotals(cells, uc.incomplete, years);
  const chosen = summaries.find((s) => s.scenario === "chosen")!;
  // Every total is a sum of whole cents; past 2^53 the sum would no longer be exact: refuse it.
  const amounts = [...summaries.flatMap((s) => [s.lifecycle, ...s.years]), ...byApproach.flatMap((a) => [a.lifecycle, ...a.years])];
  if (!amounts.every((r) => Number.isSafeInteger(r.low) && Number.isSafeInteger(r.base) && Number.isSafeInteger(r.high))) throw new TotalsBeyondExactError();
  return {
    useCases: uc.useCases,
    years,
    byApproach,
    spend: spendByYear(byApproach, years),
    scenarios: scenarioYears(cells, years),
    scenarioSummaries: summaries,
    savings: savingsBetween(summaries, uc.coverage),
    matrix: uc.matrix,
    awaitingDecision: uc.awaitingDecision,
    flags: uc.flags,
    disagreements: uc.disagreements,
    flaggedTotal: uc.flaggedTotal,
    riskFlagged: uc.riskFlagged,
    flagged: uc.flagged,
    disagreeing: uc.disagreeing,
    top: uc.top,
    notCosted: { count: chosen.notCosted, examples: uc.notCostedExamples },
    evidence: uc.evidence,
    notAssessed: { count: uc.evidence.none, examples: uc.notAssessedExamples },
    incomplete: { count: chosen.incomplete, missing: uc.missing, examples: uc.incompleteExamples },
    freshness: uc.freshness,
    versions: uc.versions,
    undated,
    lateStarts,
    provisional,
  };
}
