/**
 * Retraining cycles and the staleness they leave (000: "Each iteration adds $10,000 to $30,000
 * and two to four weeks of lag time ... a permanent accuracy gap").
 */
import { CHANGES_PER_YEAR, type ChangeFrequency } from "../assessment";

/**
 * The lag of one retraining cycle when no figure is set: the base of 000's "two to four weeks",
 * as the default assumptions give it. The cost panel and the risk flags both fall back to it.
 */
export const DEFAULT_RETRAIN_LAG_DAYS = 21;

/**
 * Cycles a year: one per knowledge change, batched when the acceptable lag allows it (changes may
 * wait up to `maxLagDays − lag` for the next cycle), and never more than fit in a year back to back.
 */
export function retrainingCyclesPerYear(freq: ChangeFrequency | undefined, maxLagDays: number | undefined, lagDays: number): number {
  if (!freq) return 0;
  const changes = CHANGES_PER_YEAR[freq];
  if (changes === 0) return 0;
  let cycles = changes;
  if (maxLagDays !== undefined && maxLagDays > lagDays) cycles = Math.min(cycles, Math.ceil(365 / (maxLagDays - lagDays)));
  if (lagDays > 0) cycles = Math.min(cycles, Math.max(1, Math.floor(365 / lagDays)));
  return cycles;
}

/**
 * Days a year the fine-tuned model answers from outdated knowledge. Knowledge changes `changes`
 * times a year at even intervals I = 365 / changes; changes are grouped into `cycles` batches, and
 * a batch is stale from its first change until its retraining finishes: (changes/cycles − 1)·I + lag.
 * Summed: 365 − cycles·(I − lag), within 0..365. No cycles at all: stale from the first change on.
 * More cycles never leave more stale days.
 */
export function staleDaysPerYear(freq: ChangeFrequency | undefined, cycles: number, lagDays: number): number {
  if (!freq) return 0;
  const changes = CHANGES_PER_YEAR[freq];
  if (changes === 0) return 0;
  if (cycles <= 0) return 365;
  const interval = 365 / changes;
  const stale = 365 - Math.min(cycles, changes) * (interval - lagDays);
  return Math.round(Math.min(365, Math.max(0, stale)));
}

/**
 * The longest a business change waits before the approach answers correctly, in days: the wait
 * for the next retraining cycle plus the cycle's own lag. Retraining on every change waits only
 * for the cycle; batched cycles at even intervals add up to one interval. Static knowledge never
 * waits; knowledge that changes with no cycle at all waits forever.
 */
export function worstDelayDays(freq: ChangeFrequency | undefined, cycles: number, lagDays: number): number {
  if (!freq) return 0;
  const changes = CHANGES_PER_YEAR[freq];
  if (changes === 0) return 0;
  if (cycles <= 0) return Number.POSITIVE_INFINITY;
  return cycles >= changes ? lagDays : 365 / cycles + lagDays;
}

/**
 * A wait said as "up to N days": whole days, rounded up, so that a wait over the acceptable lag
 * never reads as within it (42.47 days is "up to 43 days", never "up to 42 days" against a 42-day
 * lag). Every "up to" wait the product says goes through this: the hold (frameworks/serves.ts),
 * the staleness flag (frameworks/flags.ts) and the cost panel's worst delay (./project.ts).
 */
export function upToDays(days: number): number {
  return Math.ceil(days);
}

/**
 * A retraining lag as said beside the acceptable lag it misses: whole days as they are, a fraction
 * rounded up to the tenth (7.2 days is "7.2 days", 7.04 is "7.1"), so it never reads as within a
 * lag it is longer than ("takes about 7 days, longer than the 7 days" was said of 7.2).
 */
export function retrainLagShown(days: number): string {
  const tenths = Math.ceil(Number((days * 10).toFixed(6))) / 10;
  return `${TENTHS.format(tenths)} ${tenths === 1 ? "day" : "days"}`;
}

/** Built once: a number format with options is slow to make, and every hold on a lag says one. */
const TENTHS = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

/**
 * Whether retraining `cycles` times a year keeps every change within the acceptable lag
 * (PRODUCT.md, "Costs v2": feasibility; 000 question 3, "longest acceptable lag"). Null when the
 * use case has not said how often its knowledge changes or how long a lag it accepts.
 */
export function retrainingMeetsLag(freq: ChangeFrequency | undefined, maxLagDays: number | undefined, cycles: number, lagDays: number): boolean | null {
  if (freq === undefined || maxLagDays === undefined) return null;
  return worstDelayDays(freq, cycles, lagDays) <= maxLagDays;
}

/**
 * Whether a trained approach is priced with none of the retraining its changing knowledge needs:
 * the answers say there is no budget for it (cyclesFor prices no cycle), and the knowledge changes.
 * The staleness flag and the cost panel's notes say so alike.
 */
export function retrainingUnbudgeted(a: { retrainingBudget?: boolean; changeFrequency?: string } | null | undefined): boolean {
  return !!a && a.retrainingBudget === false && a.changeFrequency !== undefined && a.changeFrequency !== "static";
}
