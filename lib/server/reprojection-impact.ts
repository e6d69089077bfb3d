import "server-only";
import { reprojectionImpact, type ReprojectionImpact, type RepricedUseCase } from "@/lib/domain/costing/reprojection-impact";
import type { Approach } from "@/lib/domain/assessment";
import { db, type Tx } from "./db";
import { rederiveOrganization } from "./use-cases/derive";

/** As many use cases as rederiveOrganization re-derives in one transaction. */
const BATCH = 200;

type Lifecycle = { title: string; base: number | null; incomplete: boolean; recommended: Approach | null };

/**
 * Each live use case's as-chosen lifecycle (base, cents) as the portfolio stores it (its rollup
 * row, which the portfolio's totals are the sums of), among `ids`. Read in the caller's transaction.
 */
async function storedLifecycles(tx: Tx, organizationId: string, ids: readonly string[]): Promise<Map<string, Lifecycle>> {
  const rows = await tx.useCaseRollup.findMany({
    where: { organizationId, useCaseId: { in: [...ids] }, deletedAt: null },
    select: { useCaseId: true, chosenBaseCents: true, incomplete: true, recommendedApproach: true, useCase: { select: { title: true } } },
  });
  // Bit 1 of `incomplete`: the lifecycle as chosen lacks a figure.
  return new Map(rows.map((r) => [r.useCaseId, { title: r.useCase.title, base: r.chosenBaseCents === null ? null : Number(r.chosenBaseCents), incomplete: (r.incomplete & 1) === 1, recommended: r.recommendedApproach }]));
}

/**
 * Re-projects every use case of the organization (as rederiveOrganization does, in batches of
 * their own transactions) and says what that moved: each batch reads its use cases' stored
 * as-chosen lifecycle just before and just after re-deriving them, in the batch's transaction, so
 * a change someone else makes meanwhile is never counted as the save's (that batch's use cases
 * are held for it, as any save of a use case holds its own).
 */
export async function reprojectAndMeasure(organizationId: string, actorId: string): Promise<{ reprojected: number; impact: ReprojectionImpact }> {
  const ids = (await db.useCase.findMany({ where: { organizationId }, select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);
  const before = new Map<string, Lifecycle>();
  const after = new Map<string, Lifecycle>();
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    await rederiveOrganization(
      (fn) =>
        db.$transaction(
          async (tx) => {
            // Hold the batch's use cases first: a save of one of them waits for this batch, so
            // nothing lands between the reading before and the reading after.
            await tx.$queryRaw`SELECT id FROM "UseCase" WHERE "organizationId" = ${organizationId} AND id = ANY(${batch}::text[]) ORDER BY id FOR UPDATE`;
            for (const [id, x] of await storedLifecycles(tx, organizationId, batch)) if (!before.has(id)) before.set(id, x);
            const done = await fn(tx);
            for (const [id, x] of await storedLifecycles(tx, organizationId, batch)) after.set(id, x);
            return done;
          },
          { timeout: 60_000 },
        ),
      organizationId,
      undefined,
      batch,
      actorId,
    );
  }
  const cases: RepricedUseCase[] = [...new Set([...before.keys(), ...after.keys()])].map((id) => ({
    id,
    title: (after.get(id) ?? before.get(id))!.title,
    before: before.get(id)?.base ?? null,
    after: after.get(id)?.base ?? null,
    incomplete: { before: before.get(id)?.incomplete ?? false, after: after.get(id)?.incomplete ?? false },
    // Compared only where the use case was live on both sides (one restored meanwhile has no "before").
    recommended: before.has(id) && after.has(id) ? { before: before.get(id)!.recommended, after: after.get(id)!.recommended } : undefined,
  }));
  return { reprojected: ids.length, impact: reprojectionImpact(cases) };
}
