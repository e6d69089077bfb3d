/**
 * The lifecycle table's cells and the yearly chart's note, from a stored projection summary: the
 * stale days and retraining cycles a year each approach shows, and which calendar year is year 1.
 * Pure: no Next.js, Prisma or I/O.
 */
import { formatDate } from "../dates";
import type { Approach } from "../assessment";

interface Range3 { low: number; base: number; high: number }

/**
 * Which calendar year is the horizon's year 1, said under the yearly chart: a use case's first
 * year of costs counts in the calendar year it starts, whatever the month (as on the portfolio),
 * and one with no planned start counts from the year it was logged (lib/server/use-cases/derive.ts).
 * Without it a start on 20 December showed its whole first year's cost under that year.
 */
export function firstYearNote(startDate: Date | null, loggedAt: Date): string {
  const from = startDate
    ? `${startDate.getUTCFullYear()}, the year of the planned start (${formatDate(startDate)}), whatever the month`
    : `${loggedAt.getUTCFullYear()}, the year the use case was logged (${formatDate(loggedAt)}): no planned start is set`;
  return `Years are calendar years of the horizon: year 1 is ${from}.`;
}

/** The stale days and retraining cycles a year as the lifecycle table shows them. */
export interface RetrainingCells { stale: string; cycles: string }

/**
 * The lifecycle table's stale-days and retraining-cycles cells. A manual estimate models neither
 * ("—"); where how often the knowledge changes is unanswered, a trained model's cycles and
 * staleness are not known, and the engine's 0 (no change to retrain for) is never shown as a
 * confident "0 stale days".
 */
export function retrainingCells(
  approach: Approach,
  x: { manual: boolean; missing?: string[]; staleDaysPerYear: Range3 | null; retrainingCyclesPerYear: number; reachesKnowledge?: boolean },
): RetrainingCells {
  if (x.manual) return { stale: "—", cycles: "—" };
  // Never stale because it never knows: 0 stale days would read as always current.
  if (x.reachesKnowledge === false) return { stale: "— (never sees the use case's knowledge)", cycles: `${x.retrainingCyclesPerYear}` };
  const trains = approach === "FINE_TUNING" || approach === "HYBRID";
  const unknown = trains && (x.missing ?? []).includes("answer:changeFrequency");
  const r = x.staleDaysPerYear;
  if (!r) return { stale: "—", cycles: `${x.retrainingCyclesPerYear}` };
  const stale = r.low === r.high ? `${r.base}` : `${r.low} – ${r.high} (base ${r.base})`;
  return {
    // A hybrid keeps its facts in retrieval: however often they change, it is not stale.
    stale: unknown && approach === "FINE_TUNING" ? UNKNOWN_FREQUENCY : stale,
    cycles: unknown ? UNKNOWN_FREQUENCY : `${x.retrainingCyclesPerYear}`,
  };
}

export const UNKNOWN_FREQUENCY = "unknown (how often the knowledge changes is unanswered)";
