import { performance } from "node:perf_hooks";

/**
 * Where an import's time goes, phase by phase (milliseconds, summed over batches), for the
 * benchmark (`npm run bench`): parse, plan, derive (scores and projections, in memory), the
 * writes of use cases, cost lines, yearly totals, rollups and audit events, and the rest.
 * Derivation overlaps the writes (batch k+1 is derived while batch k is written), so the
 * phases add up to more than the wall time.
 */
export type ImportPhases = Record<string, number>;

export async function timed<T>(phases: ImportPhases | undefined, name: string, fn: () => Promise<T>): Promise<T> {
  if (!phases) return fn();
  const t = performance.now();
  try {
    return await fn();
  } finally {
    phases[name] = (phases[name] ?? 0) + (performance.now() - t);
  }
}

export function timedSync<T>(phases: ImportPhases | undefined, name: string, fn: () => T): T {
  if (!phases) return fn();
  const t = performance.now();
  try {
    return fn();
  } finally {
    phases[name] = (phases[name] ?? 0) + (performance.now() - t);
  }
}
