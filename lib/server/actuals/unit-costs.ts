import "server-only";
import { assumedUnitCosts, observeUnitCosts, pricesFromActuals, type Observed } from "@/lib/domain/actuals";
import { unitPrice } from "@/lib/domain/money";
import { currentAssumptions } from "../assumptions";
import { saveAssumptions, type SaveAssumptionsResult } from "../assumption-versions";
import { db, Prisma } from "../db";
import { ValidationError } from "../errors";
import type { MemberContext } from "../guard";
import { withOrganizationScope } from "../rls";

/**
 * Learning from actuals: the inference lines of the imports that count, summed per unit, as
 * actual unit costs against the current assumption version; and a new version started from them
 * (through the one save path: versioned, audited, every use case re-projected).
 */
export interface UnitCostComparison {
  version: number;
  /** The months the inference lines measured over span ("2026-01" to "2026-11"); null with none. */
  months: { from: string; to: string } | null;
  observed: Observed;
  assumed: ReturnType<typeof assumedUnitCosts>;
  proposal: ReturnType<typeof pricesFromActuals>;
}

export async function loadUnitCosts(organizationId: string): Promise<UnitCostComparison> {
  const lines = await db.$transaction(async (tx) => {
    await withOrganizationScope(tx, organizationId);
    return tx.$queryRaw<{ unit: string; quantity: number; cents: string; from: string; to: string }[]>(Prisma.sql`
      SELECT l."unit", sum(l."quantity")::float8 AS "quantity", sum(l."costCents")::text AS "cents",
             to_char(min(l."month"), 'YYYY-MM') AS "from", to_char(max(l."month"), 'YYYY-MM') AS "to"
        FROM "ActualLine" l
        JOIN "ActualImport" i ON i."id" = l."importId" AND i."organizationId" = ${organizationId} AND i."undoneAt" IS NULL
        JOIN "ActualImportMonth" m ON m."importId" = l."importId" AND m."month" = l."month" AND m."supersededById" IS NULL
       WHERE l."organizationId" = ${organizationId} AND l."category" = 'INFERENCE'
       GROUP BY 1`);
  });
  const observed = observeUnitCosts(lines.map((l) => ({ unit: l.unit, quantity: Number(l.quantity), cents: Number(l.cents) })));
  const current = await currentAssumptions(db, organizationId);
  const months = lines.length ? { from: lines.map((l) => l.from).sort()[0]!, to: lines.map((l) => l.to).sort().at(-1)! } : null;
  return { version: current.version, months, observed, assumed: assumedUnitCosts(current.set), proposal: pricesFromActuals(current.set, observed) };
}

export async function startVersionFromActuals(ctx: MemberContext, input: { expectedVersion: number }): Promise<SaveAssumptionsResult> {
  const { version, observed, assumed } = await loadUnitCosts(ctx.organization.id);
  const current = await currentAssumptions(db, ctx.organization.id);
  const proposal = pricesFromActuals(current.set, observed);
  if (!proposal || !observed.calls) throw new ValidationError("There is no actual cost per call to start from: import inference spend counted in requests or calls first.");
  const note = `From actual spend: ${unitPrice(observed.calls.usdPerCall)} a call over ${Math.round(observed.calls.count).toLocaleString("en-US")} calls, against ${unitPrice(assumed.usdPerCall.base ?? 0)} assumed in version ${version}; model prices scaled by ${proposal.ratio.toFixed(3)}.`;
  return saveAssumptions(ctx, {
    expectedVersion: input.expectedVersion,
    fineTuneMethod: current.set.fineTuneMethod,
    ftDeployment: current.set.ftDeployment,
    model: current.set.model,
    values: { ...current.set.values, ...proposal.values },
    note: note.slice(0, 500),
  });
}
