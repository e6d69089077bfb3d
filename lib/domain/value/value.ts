/**
 * Net value, payback and return of one approach, from a use case's yearly benefit and the
 * approach's projected yearly costs. All money in integer cents; every figure is exact or rounded
 * once, and a lifecycle benefit is the sum of its yearly amounts (so exports add up to it).
 *
 * Timing: the benefit starts when the approach first serves its users, its time to value (weeks,
 * from the cost model), not when its production build ends: the build is costed apart and may go
 * on while it serves. The time to value is rounded up to whole months; the benefit accrues evenly,
 * a twelfth of the yearly figure a month, from the month after. With no time to value known (a
 * manual estimate) the benefit counts from the first month.
 *
 * Payback: the one-off part of a year's cost (year 1's build engineering, data curation and
 * training compute; costing/drivers ONE_TIME) is paid in the first month of that year, the rest of
 * it (running costs) a twelfth a month, so the payback counts from the real outlay. The build is
 * booked at the start rather than over the months before the benefit: the time to value is when
 * the approach first serves, not when its build ends (see above), so the build is not known to be
 * spread over those months, and paying it up front is the outlay a budget holder funds. An approach
 * with nothing paid before its benefit starts (no one-off cost, and a benefit from the first month:
 * one priced from the owner's yearly estimate) has no payback: there is no up-front cost to pay
 * back, and "1 month" would only say that a month's benefit beats a month's cost.
 *
 * Scenarios are paired, not matched: the pessimistic case takes the low benefit, the longest
 * time to value and the high cost; the optimistic case the high benefit, the shortest time to
 * value and the low cost; the base case base with base. Low benefit against low cost would hide
 * the case that matters to a budget holder: everything going wrong at once. So the pessimistic
 * and optimistic figures bound every outcome the entered ranges allow.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { APPROACH_LABELS, type Approach } from "../assessment";
import type { Money3 } from "./benefit";

export const VALUE_SCENARIOS = ["pessimistic", "base", "optimistic"] as const;
export type ValueScenario = (typeof VALUE_SCENARIOS)[number];

export const VALUE_SCENARIO_LABELS: Record<ValueScenario, string> = {
  pessimistic: "Pessimistic",
  base: "Base",
  optimistic: "Optimistic",
};

/** Which end of each range a scenario takes. */
export const PAIRING: Record<ValueScenario, { benefit: keyof Money3; cost: keyof Money3; timeToValue: keyof Money3 }> = {
  pessimistic: { benefit: "low", cost: "high", timeToValue: "high" },
  base: { benefit: "base", cost: "base", timeToValue: "base" },
  optimistic: { benefit: "high", cost: "low", timeToValue: "low" },
};

/** Weeks to value → whole months before the benefit starts (rounded up: a part month earns nothing). */
export function buildMonths(weeks: number | null | undefined): number {
  if (weeks === null || weeks === undefined || !(weeks > 0)) return 0;
  return Math.ceil((weeks * 12) / 52 - 1e-9);
}

/** Months of year `yearIndex` (1-based) in which the benefit accrues, after `build` months. */
function liveMonthsInYear(yearIndex: number, build: number): number {
  const liveBy = (m: number) => Math.max(0, m - build);
  return liveBy(12 * yearIndex) - liveBy(12 * (yearIndex - 1));
}

/** Half-up rounding of a / b for non-negative integers. */
function divRound(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

/** The benefit of each year of the horizon (cents): the yearly figure × live months / 12, rounded once a year. */
export function benefitByYear(yearlyCents: number, horizonYears: number, build: number): number[] {
  const out: number[] = [];
  for (let y = 1; y <= horizonYears; y++) out.push(divRound(yearlyCents * liveMonthsInYear(y, build), 12));
  return out;
}

/**
 * The first month from which the cumulative benefit covers the cumulative cost (and is above
 * zero) to the horizon's end; null when that never happens within the horizon. `oneOffCosts`: of
 * each year's cost, the part paid in its first month (the rest is paid a twelfth a month).
 * Computed on twelfths in BigInt, so no amount is rounded.
 */
export function paybackMonth(yearlyBenefitCents: number, yearlyCosts: readonly number[], build: number, oneOffCosts: readonly number[] = []): number | null {
  const months = yearlyCosts.length * 12;
  const benefit = BigInt(yearlyBenefitCents);
  let costBefore = 0n; // 12 × the cost of the years already past
  let lastUnpaid = 0;
  for (let y = 0; y < yearlyCosts.length; y++) {
    const cost = BigInt(yearlyCosts[y]!);
    const oneOff = BigInt(oneOffCosts[y] ?? 0);
    for (let k = 1; k <= 12; k++) {
      const m = 12 * y + k;
      const cumCost = costBefore + 12n * oneOff + (cost - oneOff) * BigInt(k);
      const cumBenefit = benefit * BigInt(Math.max(0, m - build));
      if (!(cumBenefit > 0n && cumBenefit >= cumCost)) lastUnpaid = m;
    }
    costBefore += 12n * cost;
  }
  return lastUnpaid >= months ? null : lastUnpaid + 1;
}

export interface ScenarioValue {
  /** Benefit over the horizon (from the time to value). */
  benefitCents: number;
  /** Lifecycle cost of the approach. */
  costCents: number;
  netCents: number;
  /** Months from the start of year 1; null: never pays back within the horizon, or nothing to pay back (below). */
  paybackMonths: number | null;
  /**
   * Nothing is paid before the benefit starts (no one-off cost, a benefit from the first month:
   * an owner's yearly estimate), so there is no up-front cost to pay back and no payback month.
   */
  nothingToPayBack: boolean;
  /** Net value as a percentage of the cost; null when the cost is $0. */
  returnPct: number | null;
}

/** What one approach costs, as the projection stores it. */
export interface ApproachCosts {
  /** Yearly totals of years 1..h, low/base/high (cents). */
  years: readonly Money3[];
  /** False when a figure is missing: then no value is computed (never a net on a partial cost). */
  complete: boolean;
  timeToValueWeeks: Money3 | null;
  /**
   * Of each year's total, the one-off part (build engineering, data curation, training compute),
   * paid in the year's first month for the payback; missing or shorter: none.
   */
  oneOff?: readonly Money3[];
  /**
   * Why the approach cannot serve the use case, as the cost panel says it ("does not meet the
   * 14-day lag"), or null: then its benefit would never come, so no net value is claimed for it.
   */
  cannotServe?: string | null;
  /**
   * The use case must learn from its users' interactions and the approach does so only if a
   * feedback loop is built into it (needsFeedbackLoop): that loop is not in its cost, so its value
   * is not claimed, as no net value is ever claimed against a partial cost.
   */
  feedbackLoopNotCosted?: boolean;
}

/**
 * The use case must learn from its users' interactions, and the approach does so only if a
 * feedback loop is built into it: those the capability rule does not rule out (an agent, a
 * structured pipeline; frameworks/capabilities.ts), other than feedback learning itself. The
 * framework flag asks for the loop to be planned and costed (frameworks/flags.ts).
 */
export function needsFeedbackLoop(approach: Approach | string | null | undefined, learnsFromFeedback: boolean): boolean {
  return learnsFromFeedback && (approach === "PIPELINE" || approach === "AGENT");
}

/** Why such an approach's value is withheld, as the value panel says it. */
export const FEEDBACK_LOOP_NOT_COSTED =
  "the use case must learn from its users, which this approach does only if a feedback loop is built into it, and the owner's estimate is not known to include one: so no net value, payback or return is claimed for it (plan and cost the loop, or consider feedback learning)";

export type ApproachValue =
  | { status: "no-benefit" }
  | { status: "cannot-serve"; why: string }
  | { status: "feedback-loop-not-costed" }
  | { status: "incomplete" }
  | { status: "not-costed" }
  | { status: "valued"; scenarios: Record<ValueScenario, ScenarioValue> };

/** One scenario: the benefit's end, the cost's end and the time to value's end that PAIRING names. */
export function scenarioValue(yearlyBenefit: Money3, costs: ApproachCosts, scenario: ValueScenario): ScenarioValue {
  const p = PAIRING[scenario];
  const yearly = costs.years.map((y) => y[p.cost]);
  const build = buildMonths(costs.timeToValueWeeks ? costs.timeToValueWeeks[p.timeToValue] : null);
  const oneOff = yearly.map((_, i) => costs.oneOff?.[i]?.[p.cost] ?? 0);
  const benefitCents = benefitByYear(yearlyBenefit[p.benefit], yearly.length, build).reduce((a, b) => a + b, 0);
  const costCents = yearly.reduce((a, b) => a + b, 0);
  const netCents = benefitCents - costCents;
  // Nothing up front, and the benefit covers the cost as it goes. Where it does not (an owner's
  // estimate above the benefit), it never pays back, and the panel says so rather than "—, no build
  // cost to pay back" beside a loss (a finance review's finding).
  const nothingToPayBack = build === 0 && oneOff.every((c) => c === 0) && netCents >= 0;
  return {
    benefitCents,
    costCents,
    netCents,
    paybackMonths: nothingToPayBack ? null : paybackMonth(yearlyBenefit[p.benefit], yearly, build, oneOff),
    nothingToPayBack,
    returnPct: costCents === 0 ? null : (netCents * 100) / costCents,
  };
}

/** The value of one approach in the three paired scenarios, or why there is none. */
export function approachValue(yearlyBenefit: Money3 | null, costs: ApproachCosts | null): ApproachValue {
  if (!yearlyBenefit) return { status: "no-benefit" };
  if (!costs || costs.years.length === 0) return { status: "not-costed" };
  if (costs.cannotServe) return { status: "cannot-serve", why: costs.cannotServe };
  if (costs.feedbackLoopNotCosted) return { status: "feedback-loop-not-costed" };
  if (!costs.complete) return { status: "incomplete" };
  return {
    status: "valued",
    scenarios: {
      pessimistic: scenarioValue(yearlyBenefit, costs, "pessimistic"),
      base: scenarioValue(yearlyBenefit, costs, "base"),
      optimistic: scenarioValue(yearlyBenefit, costs, "optimistic"),
    },
  };
}

/** What an estimate-priced approach's payback cells say beside their dash. */
export const NOTHING_TO_PAY_BACK = "no build cost to pay back: the owner's estimate is a yearly figure";

/** A scenario's payback as the panel says it: "—" where there is nothing to pay back, else paybackText. */
export function scenarioPaybackText(s: Pick<ScenarioValue, "paybackMonths" | "nothingToPayBack">, horizonYears: number): string {
  return s.nothingToPayBack ? "—" : paybackText(s.paybackMonths, horizonYears);
}

/** "2 years 3 months", "11 months", "never within 5 years". */
export function paybackText(months: number | null, horizonYears: number): string {
  if (months === null) return `never within ${horizonYears} ${horizonYears === 1 ? "year" : "years"}`;
  const y = Math.floor(months / 12);
  const m = months % 12;
  const parts: string[] = [];
  if (y) parts.push(`${y} ${y === 1 ? "year" : "years"}`);
  if (m) parts.push(`${m} ${m === 1 ? "month" : "months"}`);
  return parts.join(" ");
}

const monthsText = (n: number) => (n === 0 ? "none" : `${n} ${n === 1 ? "month" : "months"}`);
const andList = (items: readonly string[]) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`);

/**
 * When the benefit starts, as the value panel says it: at the approach's time to value, when it
 * first serves its users, in whole months per approach (base case), never "once it is built":
 * the production build is costed apart and may go on while it serves (assumption-catalog.ts).
 * `startMonths`: buildMonths of the base time to value; approaches without one (priced from an
 * estimate) are left out, their rows say their benefit counts from the start.
 *
 * "The benefit starts when an approach first serves its users, after its time to value, rounded
 * up to whole months (base case: 1 month for RAG and Prompting only; 2 months for Fine-tuning and
 * Hybrid). Its production build is costed apart and may go on after that."
 */
export function benefitStartText(approaches: readonly { approach: Approach; startMonths: number | null }[]): string {
  const byMonths = new Map<number, Approach[]>();
  for (const a of approaches) if (a.startMonths !== null) byMonths.set(a.startMonths, [...(byMonths.get(a.startMonths) ?? []), a.approach]);
  const list = [...byMonths.entries()]
    .sort(([a], [b]) => a - b)
    .map(([months, list]) => `${monthsText(months)} for ${andList(list.map((a) => APPROACH_LABELS[a]))}`);
  return (
    `The benefit starts when an approach first serves its users, after its time to value, rounded up to whole months` +
    `${list.length ? ` (base case: ${list.join("; ")})` : ""}. Its production build is costed apart and may go on after that.`
  );
}

/** 12.345 → "12%"; −40 → "−40%"; null → "—". */
export function returnText(pct: number | null): string {
  if (pct === null) return "—";
  const r = Math.round(pct);
  return `${r < 0 ? "−" : ""}${Math.abs(r)}%`;
}
