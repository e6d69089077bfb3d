/**
 * What every cost driver reads: the figures of one scenario (or one Monte Carlo trial), the
 * use case's answers, the year and its volume. A driver returns dollars, or the figures and
 * answers whose absence left it missing (never $0).
 */
import type { Assessment } from "../../assessment";
import { ASSUMPTION_CATALOG, type AssumptionKey, type AssumptionSet, type AssumptionSpec } from "../assumptions";

export type Scenario = "low" | "base" | "high";
export const SCENARIOS: readonly Scenario[] = ["low", "base", "high"];

/** One figure's value in the scenario or trial at hand; null when the organization has not set it. */
export type Fig = (key: AssumptionKey) => number | null;

export interface Ctx {
  fig: Fig;
  set: AssumptionSet;
  a: Assessment;
  year: number;
  /** Calls this year (monthly calls × 12, grown), or null when the answer is missing. */
  callsThisYear: number | null;
  /** Retraining cycles a year for the approach being costed. */
  cycles: number;
  /** Where drivers record the figures and answers they lacked (null: nobody is listening). */
  missing: string[] | null;
}

/**
 * A driver: dollars for its category in the context's year. A figure or answer it needs that has
 * no value makes it NaN (which every sum carries), and `figure`/`answer` record what was missing
 * in `ctx.missing`, so a missing figure is never $0. Plain numbers keep the Monte Carlo fast.
 */
export type Driver = (ctx: Ctx) => number;

export const HOURS_PER_WEEK = 40;

/** Hours in a year: a deployed model billed by the hour whether used or not. */
export const HOURS_PER_YEAR = 24 * 365;

/** The figures that lower costs as they grow (a saving, a utilisation): their low scenario is their high value. */
const LOWERING = new Set<AssumptionKey>((Object.keys(ASSUMPTION_CATALOG) as AssumptionKey[]).filter((k) => (ASSUMPTION_CATALOG[k] as AssumptionSpec).direction === "lowers"));

/**
 * The figure for a scenario; for figures that lower costs, the low scenario takes the high value.
 * Called for every driver of every year of every approach (about a thousand times a projection),
 * so the scenario's choice is made once here, not at each call.
 */
export function figureGetter(set: AssumptionSet, s: Scenario): Fig {
  const values = set.values;
  if (s === "base") return (key) => values[key].base;
  const flipped: Scenario = s === "low" ? "high" : "low";
  return (key) => values[key][LOWERING.has(key) ? flipped : s];
}

/** A figure's value, or NaN with "assumption:<key>" recorded as missing. */
export function figure(ctx: Ctx, key: AssumptionKey): number {
  const x = ctx.fig(key);
  if (x !== null) return x;
  ctx.missing?.push(`assumption:${key}`);
  return Number.NaN;
}

/** An answer's value, or NaN with "answer:<key>" recorded as missing. */
export function answer(ctx: Ctx, key: string, value: number | null | undefined): number {
  if (value !== null && value !== undefined) return value;
  ctx.missing?.push(`answer:${key}`);
  return Number.NaN;
}

/** Calls in a year of the horizon: monthly calls × 12, grown by the yearly growth rate. */
export function callsInYear(a: Assessment, year: number): number | null {
  if (a.monthlyCalls === undefined) return null;
  const growth = 1 + (a.yearlyGrowthPct ?? 0) / 100;
  return a.monthlyCalls * 12 * growth ** (year - 1);
}
