/**
 * Variance: a use case's actual spend this year against its projection for the approach as
 * chosen (the decision, else the recommendation), month by month and by category, with a plain
 * sentence, and the early-warning flags (issue 21, items 3 and 4).
 *
 * Like for like: a bill measures what is metered (inference, hosting and training compute,
 * retrieval infrastructure, and manual estimates), not the engineering time a projection also
 * counts, so actuals are compared with the projection of those categories (METERED_CATEGORIES).
 * The year so far is the months up to the latest month any actuals were imported for (a month
 * with no file yet is not a month of zero spend); each month's share of a yearly figure is a
 * twelfth, apportioned in whole cents.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { compactDollars } from "../portfolio/format";
import { ACTUAL_CATEGORIES, PROJECTION_CATEGORY, type ActualCategory } from "./fields";
import { apportion } from "./money";

export const METERED_CATEGORIES = Object.keys(PROJECTION_CATEGORY);
export const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export interface Range {
  low: number;
  base: number;
  high: number;
}

export interface ProjectionLine {
  category: string;
  low: number | null;
  base: number | null;
  high: number | null;
}

export interface VarianceInput {
  year: number;
  /** 1–12: the year so far runs to the end of this month. */
  throughMonth: number;
  /** The projection's lines for this calendar year, for the approach as chosen (any categories; the metered ones are used). */
  projection: readonly ProjectionLine[];
  /** Actual spend this year: month 1–12, category, cents. */
  actual: readonly { month: number; category: ActualCategory; cents: number }[];
  /** The approved budget for the year (cents), or null when there is none. */
  approvedBudget: number | null;
}

export type Position = "below" | "under-base" | "on-base" | "over-base" | "above";
export type WarningFlag = "outside-range" | "over-budget";
export const WARNING_LABELS: Record<WarningFlag, string> = {
  "outside-range": "Actual spend outside the projected range",
  "over-budget": "On course to pass its approved budget this year",
};

export interface Variance {
  year: number;
  throughMonth: number;
  actual: number;
  /** Year so far, metered categories; null when nothing of them is projected for the year. */
  projected: Range | null;
  /** (actual − base) / base, as a percentage; null without a base. */
  pctVsBase: number | null;
  position: Position | null;
  byCategory: { category: ActualCategory; actual: number; projected: Range | null }[];
  monthly: { month: number; actual: number; projected: Range | null }[];
  runRate: { yearEnd: number; budget: number | null; passesBudget: boolean; passingMonth: number | null };
  flags: WarningFlag[];
  sentence: string;
}

const zero = (): Range => ({ low: 0, base: 0, high: 0 });

/** A yearly figure split into twelve whole-cent months that add up to it. */
export function monthlyShares(yearly: number): number[] {
  return apportion(BigInt(yearly), Array.from({ length: 12 }, () => 1n)).map(Number);
}

/** Where actual stands against a range. */
export function positionOf(actual: number, r: Range): Position {
  if (actual < r.low) return "below";
  if (actual > r.high) return "above";
  if (actual === r.base) return "on-base";
  return actual > r.base ? "over-base" : "under-base";
}

/** How far outside its range, relative to the nearer bound (0 inside): for ranking. */
export function distanceOutside(actual: number, r: Range): number {
  if (actual > r.high) return r.high > 0 ? (actual - r.high) / r.high : Number.POSITIVE_INFINITY;
  if (actual < r.low) return r.low > 0 ? (r.low - actual) / r.low : 0;
  return 0;
}

export function pct(actual: number, base: number): number | null {
  return base > 0 ? Math.round(((actual - base) / base) * 100) : null;
}

function monthsText(through: number): string {
  return through === 1 ? "January" : `January to ${MONTH_NAMES[through - 1]}`;
}

export function varianceSentence(v: Pick<Variance, "actual" | "projected" | "throughMonth" | "pctVsBase" | "position">): string {
  const spent = `Spent ${compactDollars(v.actual)} so far this year (${monthsText(v.throughMonth)})`;
  if (!v.projected || v.position === null) return `${spent}; there is no projection of metered costs for these months to compare it with.`;
  const p = v.pctVsBase;
  const vsBase = p === null ? "with no base projection" : p === 0 ? "on the base projection" : `${Math.abs(p)}% ${p > 0 ? "over" : "under"} the base projection`;
  switch (v.position) {
    case "above":
      return `${spent}, ${vsBase}, above the high case (${compactDollars(v.projected.high)}).`;
    case "below":
      return `${spent}, ${vsBase}, below the low case (${compactDollars(v.projected.low)}).`;
    case "over-base":
      return `${spent}, ${vsBase}, inside the high case.`;
    case "under-base":
      return `${spent}, ${vsBase}, inside the low case.`;
    default:
      return `${spent}, ${vsBase}.`;
  }
}

export function computeVariance(input: VarianceInput): Variance {
  const through = Math.min(12, Math.max(1, input.throughMonth));
  // Projection per actual category, year so far and per month.
  const yearly = new Map<ActualCategory, Range>();
  let anyProjected = false;
  for (const l of input.projection) {
    const cat = PROJECTION_CATEGORY[l.category];
    if (!cat || l.base === null) continue;
    anyProjected = true;
    const r = yearly.get(cat) ?? zero();
    r.low += l.low ?? l.base;
    r.base += l.base;
    r.high += l.high ?? l.base;
    yearly.set(cat, r);
  }
  const monthsOf = (r: Range) => ({ low: monthlyShares(r.low), base: monthlyShares(r.base), high: monthlyShares(r.high) });
  const perMonth = new Map([...yearly].map(([c, r]) => [c, monthsOf(r)]));
  const sumTo = (m: { low: number[]; base: number[]; high: number[] }, from: number, to: number): Range => {
    const s = (xs: number[]) => xs.slice(from, to).reduce((a, b) => a + b, 0);
    return { low: s(m.low), base: s(m.base), high: s(m.high) };
  };
  const actualBy = (filter: (a: VarianceInput["actual"][number]) => boolean) => input.actual.filter(filter).reduce((n, a) => n + a.cents, 0);
  const inYear = (a: { month: number }) => a.month >= 1 && a.month <= through;

  const byCategory = ACTUAL_CATEGORIES.map((category) => {
    const m = perMonth.get(category);
    return { category, actual: actualBy((a) => inYear(a) && a.category === category), projected: m ? sumTo(m, 0, through) : null };
  }).filter((c) => c.actual !== 0 || c.projected !== null);

  const addRanges = (rs: (Range | null)[]) => rs.reduce<Range | null>((acc, r) => (r ? { low: (acc?.low ?? 0) + r.low, base: (acc?.base ?? 0) + r.base, high: (acc?.high ?? 0) + r.high } : acc), null);
  const monthly = Array.from({ length: through }, (_, i) => ({
    month: i + 1,
    actual: actualBy((a) => a.month === i + 1),
    projected: anyProjected ? addRanges([...perMonth.values()].map((m) => sumTo(m, i, i + 1))) : null,
  }));
  const actual = monthly.reduce((n, m) => n + m.actual, 0);
  const projected = anyProjected ? addRanges(byCategory.map((c) => c.projected)) ?? zero() : null;
  const position = projected ? positionOf(actual, projected) : null;
  const pctVsBase = projected ? pct(actual, projected.base) : null;

  // Run rate: the last three months' average (fewer early in the year) for each month left.
  const recent = monthly.slice(-3);
  const perMonthRate = recent.length ? recent.reduce((n, m) => n + m.actual, 0) / recent.length : 0;
  const yearEnd = Math.round(actual + perMonthRate * (12 - through));
  const budget = input.approvedBudget;
  let passingMonth: number | null = null;
  if (budget !== null && budget >= 0) {
    if (actual > budget) passingMonth = monthly.findIndex((_, i) => monthly.slice(0, i + 1).reduce((n, m) => n + m.actual, 0) > budget) + 1;
    else if (perMonthRate > 0) {
      const m = through + Math.floor((budget - actual) / perMonthRate) + 1;
      passingMonth = m <= 12 ? m : null;
    }
  }
  const passesBudget = budget !== null && yearEnd > budget;
  const flags: WarningFlag[] = [];
  if (projected && (position === "above" || position === "below")) flags.push("outside-range");
  if (passesBudget) flags.push("over-budget");

  const base = { year: input.year, throughMonth: through, actual, projected, pctVsBase, position };
  let sentence = varianceSentence(base);
  if (passesBudget && budget !== null) {
    sentence += ` At this rate the year ends near ${compactDollars(yearEnd)}, past the approved budget of ${compactDollars(budget)}${passingMonth ? ` (in ${MONTH_NAMES[passingMonth - 1]})` : ""}.`;
  }
  return { ...base, byCategory, monthly, runRate: { yearEnd, budget, passesBudget, passingMonth }, flags, sentence };
}
