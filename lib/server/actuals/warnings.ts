import "server-only";
import type { WarningFlag } from "@/lib/domain/actuals";
import { loadVariances } from "./read";

/**
 * Early warning (issue 21, item 4): the use cases whose actual spend this year has left the
 * projected low–high range, or whose run rate will pass their approved budget before the year
 * ends. For the executives' queue (wired in by the decisions work), the use-case page and the
 * portfolio. Furthest outside first, then the budget warnings.
 */
export interface FlaggedUseCase {
  useCaseId: string;
  title: string;
  businessUnit: string;
  flags: WarningFlag[];
  sentence: string;
  actualCents: number;
  year: number;
}

export async function listFlaggedUseCases(organizationId: string): Promise<FlaggedUseCase[]> {
  const { period, useCases } = await loadVariances(organizationId);
  if (!period) return [];
  return useCases
    .filter((u) => u.variance.flags.length > 0)
    .map((u) => ({ useCaseId: u.id, title: u.title, businessUnit: u.businessUnit, flags: u.variance.flags, sentence: u.variance.sentence, actualCents: u.variance.actual, year: period.year }))
    .sort((a, b) => b.flags.length - a.flags.length || a.title.localeCompare(b.title));
}
