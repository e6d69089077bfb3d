import "server-only";
import { reviewDecisions } from "./decisions/review";
import { z } from "zod";
import type { Approach, Assessment } from "@/lib/domain/assessment";
import { FRAMEWORKS, weightOf, weightsImpact, type ImpactUseCase, type WeightsImpact } from "@/lib/domain/frameworks";
import { audit } from "./audit";
import { db, type Tx } from "./db";
import { ConflictError } from "./errors";
import { readWeights, rederiveOrganization } from "./use-cases/derive";

/**
 * An organization's framework weights: what the Frameworks page shows and the one write path that
 * changes them. A weight is 0–5 in steps of 0.5; 0 turns a framework off (consensus.ts). Saving
 * bumps Organization.weightsVersion (optimistic concurrency: a stale version is a conflict),
 * audits before/after with the admin's note, then re-scores every use case of the organization.
 */

export const FRAMEWORK_IDS = FRAMEWORKS.map((f) => f.id);
export const MAX_WEIGHT = 5;
export const WEIGHT_STEP = 0.5;
export const WEIGHTS_ENTITY = "Organization";
export const WEIGHTS_AUDIT_ACTION = "framework_weights.updated";

const weightField = z
  .number({ error: "Enter a weight from 0 to 5." })
  .min(0, "Enter a weight from 0 to 5.")
  .max(MAX_WEIGHT, "Enter a weight from 0 to 5.")
  .multipleOf(WEIGHT_STEP, "Use steps of 0.5 (0, 0.5, 1, 1.5 …).");

const weightsShape = Object.fromEntries(FRAMEWORK_IDS.map((id) => [id, weightField])) as Record<string, typeof weightField>;

export const frameworkWeightsInput = z.strictObject({
  expectedWeightsVersion: z.number({ error: "Please reload the page and try again." }).int("Please reload the page and try again.").min(1).max(2_147_483_647),
  weights: z.strictObject(weightsShape, {
    error: (iss) => (iss.code === "unrecognized_keys" ? `Unknown framework: ${iss.keys.join(", ")}.` : "Give a weight for every framework."),
  }),
  note: z
    .string({ error: "Say why you are changing the weights." })
    .trim()
    .min(1, "Say why you are changing the weights.")
    .max(500, "At most 500 characters."),
});
export type FrameworkWeightsInput = z.infer<typeof frameworkWeightsInput>;

/** Every known framework's effective weight (a missing or invalid stored weight counts as 1, as in the consensus). */
export function effectiveWeights(stored: unknown): Record<string, number> {
  const w = readWeights(stored);
  return Object.fromEntries(FRAMEWORK_IDS.map((id) => [id, weightOf(w, id)]));
}

export interface FrameworkWeightsView {
  weights: Record<string, number>;
  weightsVersion: number;
  /** How many use cases a save re-scores (all of the organization's, the trash included). */
  useCaseCount: number;
}

export async function frameworkWeightsView(organizationId: string): Promise<FrameworkWeightsView> {
  const [org, useCaseCount] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { frameworkWeights: true, weightsVersion: true } }),
    db.useCase.count({ where: { organizationId } }),
  ]);
  return { weights: effectiveWeights(org.frameworkWeights), weightsVersion: org.weightsVersion, useCaseCount };
}

export const WEIGHTS_CONFLICT_MESSAGE = "Someone else changed the framework weights since you opened this page. Reload to see them, then try again.";

/** Stores the weights and audits them in one transaction. Throws ConflictError when the version moved. */
export async function storeFrameworkWeights(
  tx: Tx,
  ctx: { organizationId: string; actorId: string },
  input: FrameworkWeightsInput,
): Promise<{ weightsVersion: number }> {
  const org = await tx.organization.findUniqueOrThrow({
    where: { id: ctx.organizationId },
    select: { frameworkWeights: true, weightsVersion: true },
  });
  const after = Object.fromEntries(FRAMEWORK_IDS.map((id) => [id, input.weights[id]!]));
  const updated = await tx.organization.updateMany({
    where: { id: ctx.organizationId, weightsVersion: input.expectedWeightsVersion },
    data: { frameworkWeights: after, weightsVersion: { increment: 1 } },
  });
  if (updated.count !== 1) {
    throw new ConflictError(WEIGHTS_CONFLICT_MESSAGE, { currentWeightsVersion: org.weightsVersion, currentWeights: effectiveWeights(org.frameworkWeights) });
  }
  const weightsVersion = input.expectedWeightsVersion + 1;
  await audit(tx, {
    organizationId: ctx.organizationId,
    actorId: ctx.actorId,
    action: WEIGHTS_AUDIT_ACTION,
    entity: WEIGHTS_ENTITY,
    entityId: ctx.organizationId,
    before: { weights: effectiveWeights(org.frameworkWeights), weightsVersion: org.weightsVersion },
    after: { weights: after, weightsVersion, note: input.note },
  });
  return { weightsVersion };
}

/** The weights a preview may be asked about: every framework, each 0–5 in steps of 0.5 (no note, no version). */
export const frameworkWeightsPreviewInput = z.strictObject({ weights: frameworkWeightsInput.shape.weights });

/**
 * What saving these weights would do to the organization's live use cases (lib/domain/frameworks/
 * weights-impact.ts): recommendations that flip, are lost or gained, and the as-chosen lifecycle
 * total, priced from each use case's stored projection.
 */
export async function previewWeightsImpact(organizationId: string, weights: Record<string, number>): Promise<WeightsImpact> {
  const [org, rows] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { frameworkWeights: true } }),
    db.useCase.findMany({
      where: { organizationId, deletedAt: null },
      // No ORDER BY "title": its order is the database's collation (byte order on the embedded one);
      // weightsImpact lists the use cases by title as the rest of the app does (compareText).
      select: { id: true, title: true, assessment: true, chosenApproach: true, projectionSummary: true },
    }),
  ]);
  const cases: ImpactUseCase[] = rows.map((r) => ({
    id: r.id,
    title: r.title,
    assessment: (r.assessment ?? {}) as Assessment,
    chosen: r.chosenApproach,
    lifecycleBase: storedLifecycles(r.projectionSummary),
  }));
  return weightsImpact(cases, effectiveWeights(org.frameworkWeights), weights);
}

/** Base lifecycle cents per approach from a stored projection summary; an approach without a figure is left out. */
function storedLifecycles(summary: unknown): Partial<Record<Approach, number>> {
  const approaches = (summary as { approaches?: Record<string, { lifecycle?: { base?: unknown } }> } | null)?.approaches ?? {};
  const out: Partial<Record<Approach, number>> = {};
  for (const [ap, x] of Object.entries(approaches)) {
    const base = x?.lifecycle?.base;
    if (typeof base === "number" && Number.isFinite(base)) out[ap as Approach] = base;
  }
  return out;
}

/**
 * Saves new weights (one transaction), then re-scores every use case in batches. Returns what the
 * change did, as the preview said it before: worked out on the use cases as they were before saving.
 */
export async function saveWeightsAndRescore(
  ctx: { organizationId: string; actorId: string },
  input: FrameworkWeightsInput,
): Promise<{ weightsVersion: number; rescored: number; impact: WeightsImpact }> {
  const impact = await previewWeightsImpact(ctx.organizationId, input.weights);
  const { weightsVersion } = await db.$transaction((tx) => storeFrameworkWeights(tx, ctx, input));
  const rescored = await rederiveOrganization((fn) => db.$transaction(fn, { timeout: 60_000 }), ctx.organizationId, undefined, undefined, ctx.actorId);
  // A recommendation the new weights flipped puts its approved decision back to review (issue 20).
  await db.$transaction((tx) => reviewDecisions(tx, ctx.organizationId, ctx.actorId), { timeout: 60_000 });
  return { weightsVersion, rescored, impact };
}
