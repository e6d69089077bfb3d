/**
 * A retired use case projects no spend after the calendar year it was retired in
 * (docs/decisions/portfolio-dashboard.md, "A retired use case projects no spend after its
 * retirement year"): its projection covers the years of its horizon up to and including that
 * year, and its lifecycle is the sum of those years. Nothing is projected for a use case retired
 * before its first year.
 */
import { MAX_HORIZON_YEARS } from "../use-case";

/**
 * How many years of its horizon a use case is projected for: all of them, or, retired in
 * `retiredYear`, those up to and including it (0: retired before the first).
 */
export function yearsProjected(horizonYears: number, startYear: number, retiredYear: number | null): number {
  if (retiredYear === null) return horizonYears;
  return Math.max(0, Math.min(horizonYears, retiredYear - startYear + 1));
}

/**
 * The years a use case's projection covers, from its stored fields: its horizon (held to 1 to
 * MAX_HORIZON_YEARS years) cut at its retirement. Derivation projects over these, so a figure
 * worked out beside the stored projection (an owner's estimate times the years) covers the same
 * years, and the portfolio's statements expand no more years than that constant.
 */
export function lifecycleYears(uc: { horizonYears: number; startYear: number; retiredYear: number | null }): number {
  return yearsProjected(Math.min(MAX_HORIZON_YEARS, Math.max(1, uc.horizonYears)), uc.startYear, uc.retiredYear);
}

/** What the cost panel says of a retired use case's projection; null when it is not retired. */
export function retiredNote(retiredYear: number | null, startYear: number): string | null {
  if (retiredYear === null) return null;
  if (retiredYear < startYear) return `Retired in ${retiredYear}, before its first year (${startYear}): no spend projected, here, in the portfolio or in the exports.`;
  return `Retired in ${retiredYear}: no spend projected after it. Its lifecycle cost, here, in the portfolio and in the exports, counts only the years up to ${retiredYear}.`;
}
