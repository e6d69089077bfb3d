/**
 * Turns the portfolio's SQL aggregates (a few dozen rows, already summed by PostgreSQL) into the
 * panels: every scenario year by year, per-approach totals, savings. Pure, and cheap: it never
 * loops over use cases, only over (year × approach × split) cells.
 */
import { APPROACHES, type Approach } from "../assessment";
import {
  SCENARIOS,
  type ApproachTotal,
  type CostCell,
  type CoverageGroup,
  type IncompleteCounts,
  type MatrixCell,
  type Range3,
  type Saving,
  type ScenarioName,
  type ScenarioSummary,
  type ScenarioYear,
  type YearTotal,
} from "./types";

export const ZERO: Range3 = { low: 0, base: 0, high: 0 };

export function add(a: Range3, b: Range3): Range3 {
  return { low: a.low + b.low, base: a.base + b.base, high: a.high + b.high };
}

export function sum(rows: readonly Range3[]): Range3 {
  return rows.reduce<Range3>((s, r) => add(s, r), ZERO);
}

/** Does a cell count towards a scenario? */
export function inScenario(scenario: ScenarioName, cell: { approach: Approach; asChosen: boolean; asRecommended: boolean }): boolean {
  if (scenario === "chosen") return cell.asChosen;
  if (scenario === "recommended") return cell.asRecommended;
  return cell.approach === scenario;
}

/** Every calendar year from the first to the last that has a cost (the longest horizon), without gaps. */
export function yearRange(cells: readonly { calendarYear: number }[]): number[] {
  if (cells.length === 0) return [];
  let first = Infinity;
  let last = -Infinity;
  for (const c of cells) {
    first = Math.min(first, c.calendarYear);
    last = Math.max(last, c.calendarYear);
  }
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function byYear(cells: readonly CostCell[], years: readonly number[]): YearTotal[] {
  return years.map((calendarYear) => ({ calendarYear, ...sum(cells.filter((c) => c.calendarYear === calendarYear)) }));
}

/** Each scenario in each year of the range; a year where nothing in the scenario has a cost is $0 spend (not a missing figure). */
export function scenarioYears(cells: readonly CostCell[], years: readonly number[]): ScenarioYear[] {
  return SCENARIOS.flatMap((scenario) => {
    const mine = cells.filter((c) => inScenario(scenario, c));
    return years.map((calendarYear) => {
      const inYear = mine.filter((c) => c.calendarYear === calendarYear);
      return { scenario, calendarYear, ...sum(inYear), useCases: inYear.reduce((s, c) => s + c.rows, 0) };
    });
  });
}

export function scenarioSummaries(
  cells: readonly CostCell[],
  incomplete: IncompleteCounts,
  years: readonly number[],
  useCases: number,
  infeasible: Partial<Record<ScenarioName, number>> = {},
): ScenarioSummary[] {
  return SCENARIOS.map((scenario) => {
    const mine = cells.filter((c) => inScenario(scenario, c));
    const costed = mine.reduce((s, c) => s + c.useCases, 0);
    return {
      scenario,
      lifecycle: sum(mine),
      years: byYear(mine, years),
      costed,
      notCosted: Math.max(0, useCases - costed),
      incomplete: incomplete.byScenario[scenario],
      infeasible: infeasible[scenario] ?? 0,
    };
  });
}

/** As chosen, per approach that has a cost, in the APPROACHES order. */
export function approachTotals(cells: readonly CostCell[], incomplete: IncompleteCounts, years: readonly number[]): ApproachTotal[] {
  const out: ApproachTotal[] = [];
  for (const approach of APPROACHES) {
    const mine = cells.filter((c) => c.asChosen && c.approach === approach);
    if (mine.length === 0) continue;
    out.push({
      approach,
      lifecycle: sum(mine),
      years: byYear(mine, years),
      useCases: mine.reduce((s, c) => s + c.useCases, 0),
      incomplete: incomplete.asChosenByApproach[approach] ?? 0,
    });
  }
  return out;
}

/** As chosen, per year: the total and each approach's base (the stacked chart). */
export function spendByYear(totals: readonly ApproachTotal[], years: readonly number[]) {
  return years.map((calendarYear, i) => {
    const byApproach: Partial<Record<Approach, number>> = {};
    let t = ZERO;
    for (const a of totals) {
      const y = a.years[i]!;
      byApproach[a.approach] = y.base;
      t = add(t, y);
    }
    return { calendarYear, ...t, byApproach };
  });
}

/** Percent with one decimal. */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/**
 * Use cases in view whose status (not costed, lacking a figure, costed and complete) differs
 * between two scenarios, from the use cases counted by their statuses in every scenario.
 */
export function differingUseCases(coverage: readonly CoverageGroup[], a: ScenarioName, b: ScenarioName): number {
  const i = SCENARIOS.indexOf(a);
  const j = SCENARIOS.indexOf(b);
  return coverage.reduce((n, g) => n + (g.statuses[i] !== g.statuses[j] ? g.useCases : 0), 0);
}

/**
 * Savings of every scenario against every other, on lifecycle base: positive when `scenario`
 * costs less than `against`. Like for like when no use case in view has a different status in the
 * two (`coverage`): both may leave out the same use cases, and then the whole difference is still
 * cost; otherwise the figure is shown with the caveat and how many use cases differ. `infeasible`
 * carries the use cases `scenario` cannot serve: a scenario with any is never shown as saving.
 */
export function savingsBetween(summaries: readonly ScenarioSummary[], coverage: readonly CoverageGroup[]): Saving[] {
  const out: Saving[] = [];
  for (const s of summaries) {
    for (const against of summaries) {
      if (s === against) continue;
      const cents = against.lifecycle.base - s.lifecycle.base;
      const differing = differingUseCases(coverage, s.scenario, against.scenario);
      out.push({
        scenario: s.scenario,
        against: against.scenario,
        cents,
        percent: percentOf(cents, against.lifecycle.base),
        differing,
        comparable: differing === 0,
        infeasible: s.infeasible,
      });
    }
  }
  return out;
}

/**
 * Use cases in view per approach as chosen (the decision, else the recommendation), costed or
 * not: what the list filtered by `as=` shows. A per-approach total covers only the costed ones
 * among them (ApproachTotal.useCases); the rest are said beside it, never left for the list to
 * contradict.
 */
export function asChosenCounts(matrix: readonly MatrixCell[]): Partial<Record<Approach, number>> {
  const out: Partial<Record<Approach, number>> = {};
  for (const m of matrix) {
    const a = m.chosen ?? m.recommended;
    if (a) out[a] = (out[a] ?? 0) + m.count;
  }
  return out;
}
