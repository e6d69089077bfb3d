/**
 * Portfolio value against cost by business unit (issue 20, item 3): each use case counted under
 * its approach as chosen (the decision, else the recommendation), its benefit over its horizon
 * from its time to value against that approach's lifecycle cost, in the same paired scenarios as the use
 * case's page (lib/domain/value/value.ts). A use case without a benefit is counted apart (its cost
 * is not netted against anything); one whose cost is missing or incomplete likewise; and so is one
 * whose approach as chosen cannot serve it (it misses the acceptable lag, never sees the use case's
 * knowledge, or is prompting already tried and found short of the bar): that approach would never
 * deliver the benefit, so netting it would show value the choice cannot bring, where the use case's
 * own page says "cannot serve". Likewise one whose use case must learn from its users' interactions
 * with an approach as chosen that does so only if a feedback loop is built into it (a structured
 * pipeline, an agent): the loop is not in its cost, so its value is not claimed (value.ts,
 * needsFeedbackLoop), as on its own page.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { compareText } from "../title-order";
import type { Money3 } from "./benefit";
import { benefitByYear, buildMonths, PAIRING, VALUE_SCENARIOS, type ValueScenario } from "./value";

export interface ValueInputRow {
  businessUnit: string;
  /** Yearly benefit in cents, or null: no value entered. */
  yearlyBenefit: Money3 | null;
  /** As chosen: lifecycle cost, or null when not costed. */
  lifecycle: Money3 | null;
  /** As chosen: a figure is missing. */
  incomplete: boolean;
  /** Years of the horizon. */
  years: number;
  timeToValueWeeks: Money3 | null;
  /** As chosen: the approach cannot serve the use case (the cost engine's cannotServe). */
  cannotServe: boolean;
  /** As chosen: the approach learns from the use case's users only with a feedback loop its cost leaves out (needsFeedbackLoop). */
  feedbackLoopNotCosted?: boolean;
}

/** How a row counts in the panel: netted, or counted apart and why. */
export type ValueCount = "valued" | "noValue" | "notCosted" | "cannotServe" | "feedbackLoopNotCosted" | "none";

/**
 * One definition of which rows are netted, shared with the business-unit export's benefit
 * columns (lib/server/value/export.ts), so the two add up to the cent.
 */
export function valueCount(r: ValueInputRow): ValueCount {
  const costed = r.lifecycle !== null && !r.incomplete && r.years > 0;
  if (!r.yearlyBenefit) return costed ? "noValue" : "none";
  // As the use case's page has it (approachValue): an approach that cannot serve is said so first,
  // whether or not its cost lacks a figure.
  if (r.cannotServe && r.lifecycle !== null && r.years > 0) return "cannotServe";
  if (!costed) return "notCosted";
  if (r.feedbackLoopNotCosted) return "feedbackLoopNotCosted";
  return "valued";
}

export type ByScenario = Record<ValueScenario, number>;

export interface UnitValue {
  businessUnit: string;
  /** Use cases with a benefit and a complete cost: the ones netted. */
  valued: number;
  /** Costed use cases with no value entered. */
  noValue: number;
  /** Use cases with a benefit whose cost is missing, incomplete or not known. */
  notCosted: number;
  /** Use cases with a benefit and a complete cost whose approach as chosen cannot serve them. */
  cannotServe: number;
  /** Use cases with a benefit and a complete cost whose approach as chosen learns from their users only with a feedback loop not costed. */
  feedbackLoopNotCosted: number;
  benefit: ByScenario;
  cost: ByScenario;
  net: ByScenario;
}

const zero = (): ByScenario => ({ pessimistic: 0, base: 0, optimistic: 0 });

/** A unit with nothing counted yet. */
export function emptyUnit(businessUnit: string): UnitValue {
  return { businessUnit, valued: 0, noValue: 0, notCosted: 0, cannotServe: 0, feedbackLoopNotCosted: 0, benefit: zero(), cost: zero(), net: zero() };
}

/** The benefit over the horizon in one scenario (the sum of its yearly amounts). */
export function lifecycleBenefit(yearlyBenefit: Money3, years: number, ttv: Money3 | null, scenario: ValueScenario): number {
  const p = PAIRING[scenario];
  return benefitByYear(yearlyBenefit[p.benefit], years, buildMonths(ttv ? ttv[p.timeToValue] : null)).reduce((a, b) => a + b, 0);
}

/** Per business unit (sorted, "" last), and the total over all of them. */
export function valueByBusinessUnit(rows: readonly ValueInputRow[]): { units: UnitValue[]; total: UnitValue } {
  const units = new Map<string, UnitValue>();
  const total = emptyUnit("");
  for (const r of rows) {
    let u = units.get(r.businessUnit);
    if (!u) units.set(r.businessUnit, (u = emptyUnit(r.businessUnit)));
    const kind = valueCount(r);
    if (kind === "none") continue;
    u[kind]++;
    total[kind]++;
    if (kind !== "valued") continue;
    for (const s of VALUE_SCENARIOS) {
      const benefit = lifecycleBenefit(r.yearlyBenefit!, r.years, r.timeToValueWeeks, s);
      const cost = r.lifecycle![PAIRING[s].cost];
      for (const t of [u, total]) {
        t.benefit[s] += benefit;
        t.cost[s] += cost;
        t.net[s] += benefit - cost;
      }
    }
  }
  const sorted = [...units.values()].sort((a, b) => (a.businessUnit === "" ? 1 : b.businessUnit === "" ? -1 : compareText(a.businessUnit, b.businessUnit)));
  return { units: sorted, total };
}
