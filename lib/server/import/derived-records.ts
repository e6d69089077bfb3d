import "server-only";
import type { Derived, DeriveContext } from "../use-cases/derive";
import { writeDerived } from "../use-cases/derive";
import type { Tx } from "../db";

/**
 * What deriveUseCase would write for one use case (its score columns, its cost lines and yearly
 * totals), as records, so the import can write thousands of them in a few set-based statements
 * instead of five round trips each.
 *
 * The records come from the registry's own writeDerived, run against a recorder instead of the
 * database, so the import stores exactly what every other save stores (same columns, same JSON
 * shapes). If writeDerived ever does something the recorder does not know, this throws rather
 * than drop it, and tests/import.test.ts ("stores what deriveUseCase stores") fails.
 */

export const DERIVED_USE_CASE_COLUMNS = [
  "recommendedApproach",
  "agreementVotes",
  "agreementVoters",
  "disagreement",
  "riskFlags",
  "score",
  "scoredAt",
  "projectionSummary",
  "assumptionVersionId",
] as const;
export const COST_LINE_COLUMNS = ["organizationId", "useCaseId", "approach", "yearIndex", "calendarYear", "category", "lowCents", "baseCents", "highCents", "manual"] as const;
export const COST_YEAR_COLUMNS = ["organizationId", "useCaseId", "approach", "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents", "complete", "manual"] as const;

export interface DerivedRecords {
  useCase: Record<(typeof DERIVED_USE_CASE_COLUMNS)[number], unknown>;
  costLines: Record<(typeof COST_LINE_COLUMNS)[number], unknown>[];
  costYears: Record<(typeof COST_YEAR_COLUMNS)[number], unknown>[];
}

class RecorderDrift extends Error {
  constructor(what: string) {
    super(`writeDerived ${what}, which the bulk import does not replay: update lib/server/import/derived-records.ts`);
  }
}

function checkKeys(what: string, record: object, allowed: readonly string[]): void {
  for (const k of Object.keys(record)) if (!allowed.includes(k)) throw new RecorderDrift(`wrote ${what}.${k}`);
}

export async function derivedRecords(organizationId: string, useCaseId: string, derived: Derived, ctx: DeriveContext): Promise<DerivedRecords> {
  let useCase: DerivedRecords["useCase"] | null = null;
  const costLines: DerivedRecords["costLines"] = [];
  const costYears: DerivedRecords["costYears"] = [];
  const model = (name: string, methods: Record<string, (args: { where?: { id?: string }; data?: unknown }) => Promise<unknown>>) =>
    new Proxy(
      {},
      {
        get(_, method) {
          const fn = methods[String(method)];
          if (!fn) throw new RecorderDrift(`called ${name}.${String(method)}`);
          return fn;
        },
      },
    );
  const recorder = new Proxy(
    {},
    {
      get(_, prop) {
        switch (prop) {
          case "useCase":
            return model("useCase", {
              update: async ({ where, data }) => {
                if (where?.id !== useCaseId) throw new RecorderDrift("updated another use case");
                checkKeys("useCase", data as object, DERIVED_USE_CASE_COLUMNS);
                useCase = data as DerivedRecords["useCase"];
                return {};
              },
            });
          case "costLine":
            return model("costLine", {
              deleteMany: async () => ({ count: 0 }),
              createMany: async ({ data }) => {
                for (const r of data as object[]) checkKeys("costLine", r, COST_LINE_COLUMNS);
                costLines.push(...(data as DerivedRecords["costLines"]));
                return { count: (data as unknown[]).length };
              },
            });
          case "costYear":
            return model("costYear", {
              deleteMany: async () => ({ count: 0 }),
              createMany: async ({ data }) => {
                for (const r of data as object[]) checkKeys("costYear", r, COST_YEAR_COLUMNS);
                costYears.push(...(data as DerivedRecords["costYears"]));
                return { count: (data as unknown[]).length };
              },
            });
          default:
            throw new RecorderDrift(`used tx.${String(prop)}`);
        }
      },
    },
  );
  await writeDerived(recorder as unknown as Tx, organizationId, useCaseId, derived, ctx);
  if (!useCase) throw new RecorderDrift("did not update the use case");
  return { useCase, costLines, costYears };
}
