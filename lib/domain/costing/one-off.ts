/**
 * The one-off part of a projection: the categories priced once, in the first year only (build
 * engineering, data curation, training compute, and from engine 2.14 the evaluation set's building
 * and the corpus's first embedding: ONE_TIME), apart from the cost that runs every year. The payback pays it up front (lib/domain/value), and a decision's budget shows it as "to
 * build" beside the yearly run rate (lib/domain/decisions/workflow.ts). One rule for both.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import type { CostCategory } from "./categories";
import { ONE_TIME } from "./drivers";

type Amount = number | bigint | null | undefined;

/** A stored cost line as both readers have it: amounts in cents, a missing figure null. */
export interface OneOffLine {
  category: string;
  low?: Amount;
  base: Amount;
  high?: Amount;
}

/** Whether a cost category is paid once (build, curation, training, the evaluation set, the first embedding) rather than every year. */
export function isOneOff(category: string): boolean {
  return ONE_TIME.has(category as CostCategory);
}

/** The one-off lines' sum in each scenario (cents); the running lines and missing figures count as nothing. */
export function oneOffCost(lines: Iterable<OneOffLine>): { low: number; base: number; high: number } {
  const sum = { low: 0, base: 0, high: 0 };
  for (const l of lines) {
    if (!isOneOff(l.category)) continue;
    sum.low += Number(l.low ?? 0);
    sum.base += Number(l.base ?? 0);
    sum.high += Number(l.high ?? 0);
  }
  return sum;
}
