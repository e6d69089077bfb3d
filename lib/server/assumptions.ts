import "server-only";
import { DEFAULT_ASSUMPTIONS, readAssumptionSet, type AssumptionSet } from "@/lib/domain/costing";
import type { Db, Tx } from "./db";

/**
 * An organization's current cost assumptions: its newest version, or the seed-cited defaults
 * (version 0) until finance or an admin saves the first change.
 */
export interface CurrentAssumptions {
  id: string | null;
  version: number;
  set: AssumptionSet;
}

export async function currentAssumptions(client: Tx | Db, organizationId: string): Promise<CurrentAssumptions> {
  const row = await client.assumptionVersion.findFirst({
    where: { organizationId },
    orderBy: { version: "desc" },
    select: { id: true, version: true, values: true },
  });
  return assumptionsFrom(row);
}

/** The current assumptions from the newest stored version, or the defaults when there is none. */
export function assumptionsFrom(row: { id: string; version: number; values: unknown } | null): CurrentAssumptions {
  if (!row) return { id: null, version: 0, set: DEFAULT_ASSUMPTIONS };
  return { id: row.id, version: row.version, set: readAssumptionSet(row.values) };
}
