import "server-only";
import { z } from "zod";
import { versionSchema } from "./parse";
import {
  ASSUMPTION_KEYS,
  DEFAULT_ASSUMPTIONS,
  assumptionSetSchema,
  changedAssumptions,
  modelPrice,
  modelRefSchema,
  pinCatalogue,
  PRICE_KEYS,
  readAssumptionSet,
  type AssumptionKey,
  type AssumptionSet,
} from "@/lib/domain/costing";
import type { ReprojectionImpact } from "@/lib/domain/costing/reprojection-impact";
import { audit } from "./audit";
import { currentAssumptions } from "./assumptions";
import { db, type Prisma } from "./db";
import { ConflictError, ValidationError } from "./errors";
import type { MemberContext } from "./guard";
import { reprojectAndMeasure } from "./reprojection-impact";

export const ASSUMPTIONS_ENTITY = "AssumptionVersion";
export const ASSUMPTIONS_UPDATED = "assumptions.updated";
/** Recorded once a save's re-projection is done: the lifecycle total as chosen before and after. */
export const ASSUMPTIONS_REPROJECTED = "assumptions.reprojected";

/**
 * What the edit form sends: the version it was opened on, the whole set (fineTuneMethod and every
 * figure, validated by the costing domain's assumptionSetSchema, so field errors come back keyed
 * "values.engineerRate") and why. Unknown keys are refused at every level.
 */
export const saveAssumptionsInput = z
  .object({
    expectedVersion: versionSchema(0),
    fineTuneMethod: assumptionSetSchema.shape.fineTuneMethod,
    values: assumptionSetSchema.shape.values,
    /** How fine-tuned models are deployed; absent: unchanged. */
    ftDeployment: assumptionSetSchema.shape.ftDeployment,
    /** The organization's default model; absent: unchanged. */
    model: modelRefSchema.optional(),
    /** Take a new snapshot of the installed price catalogue (a first save always takes one). */
    pinCatalogue: z.boolean().optional(),
    note: z.string().trim().min(1, "Say why the figures change").max(500, "At most 500 characters"),
  })
  .strict();
export type SaveAssumptionsInput = z.infer<typeof saveAssumptionsInput>;

export interface SaveAssumptionsResult {
  version: number;
  reprojected: number;
  /** What re-pricing moved: the lifecycle total as chosen before and after, the use cases that moved. */
  impact: ReprojectionImpact;
}

/** The changed figures (and the method, model or catalogue pin, if they changed) of a set: what an audit entry records. */
function pickChanged(set: AssumptionSet, changed: AssumptionKey[], methodChanged: boolean, modelChanged = false, pinChanged = false) {
  return {
    ...(methodChanged ? { fineTuneMethod: set.fineTuneMethod, ftDeployment: set.ftDeployment ?? "SMALL_MODEL" } : {}),
    ...(modelChanged ? { model: set.model } : {}),
    ...(pinChanged ? { catalogue: set.catalogue ? { package: set.catalogue.package, version: set.catalogue.version, pinnedOn: set.catalogue.pinnedOn } : null } : {}),
    values: Object.fromEntries(changed.map((k) => [k, set.values[k]])),
  };
}

const pinOf = (s: AssumptionSet) => (s.catalogue ? `${s.catalogue.version}@${s.catalogue.pinnedOn}` : null);

/** Refuses a save (or a preview) of a form opened on an older version than the newest. */
export function assertOpenedOn(currentVersion: number, expectedVersion: number): void {
  if (currentVersion !== expectedVersion) {
    throw new ConflictError(
      `Someone saved version ${currentVersion} of the assumptions since you opened this page (you were editing version ${expectedVersion}). Reload to see it, then apply your change again.`,
      { currentVersion },
    );
  }
}

/** A proposed set, checked as a save checks it, and what differs from the current one. */
export interface ProposedAssumptions {
  next: AssumptionSet;
  changed: AssumptionKey[];
  methodChanged: boolean;
  modelChanged: boolean;
  pinChanged: boolean;
}

/**
 * The set a save would store from the form's input, refused as the save refuses it (a model the
 * catalogue lacks without hand prices; nothing changed). The preview builds the same set, so what
 * it shows is what saving gives.
 */
export function proposedAssumptions(current: AssumptionSet, input: Omit<SaveAssumptionsInput, "note" | "expectedVersion">, today = new Date()): ProposedAssumptions {
  // Every saved version records the catalogue it prices models from: a snapshot, taken on the
  // first save and whenever finance re-pins, so an upgrade of the package changes no projection
  // until someone chooses to adopt it.
  const catalogue = input.pinCatalogue || !current.catalogue ? pinCatalogue(today.toISOString().slice(0, 10)) : current.catalogue;
  const next: AssumptionSet = assumptionSetSchema.parse({ fineTuneMethod: input.fineTuneMethod, values: input.values, ftDeployment: input.ftDeployment ?? current.ftDeployment ?? "SMALL_MODEL", model: input.model ?? current.model, catalogue });
  if (!modelPrice(next.model, next.catalogue) && PRICE_KEYS.some((k) => next.values[k].base === null)) {
    throw new ValidationError(`The price catalogue has no price for ${next.model}: set its input and output prices by hand, or pick a model it lists.`, {
      model: ["Not in the catalogue: set its prices by hand below."],
    });
  }
  const changed = changedAssumptions(current, next);
  const methodChanged = current.fineTuneMethod !== next.fineTuneMethod || (current.ftDeployment ?? "SMALL_MODEL") !== next.ftDeployment;
  const modelChanged = current.model !== next.model;
  const pinChanged = pinOf(current) !== pinOf(next);
  if (changed.length === 0 && !methodChanged && !modelChanged && !input.pinCatalogue) {
    throw new ValidationError("Nothing changed: edit at least one figure, the model, the fine-tuning method, or re-pin the catalogue.", { _form: ["Nothing changed."] });
  }
  return { next, changed, methodChanged, modelChanged, pinChanged };
}

/**
 * Saves a new version of the organization's assumptions (who, when, why; audited with the
 * figures that changed, before and after) in one transaction, then re-projects every use case of
 * the organization in batches of their own transactions, and says what that moved.
 */
export async function saveAssumptions(ctx: MemberContext, input: SaveAssumptionsInput): Promise<SaveAssumptionsResult> {
  const orgId = ctx.organization.id;
  const saved = await db.$transaction(async (tx) => {
    // Lock the organization's row so two saves cannot both take the next version number.
    await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${orgId} FOR UPDATE`;
    const current = await currentAssumptions(tx, orgId);
    assertOpenedOn(current.version, input.expectedVersion);
    const { next, changed, methodChanged, modelChanged, pinChanged } = proposedAssumptions(current.set, input);
    const row = await tx.assumptionVersion.create({
      data: {
        organizationId: orgId,
        version: current.version + 1,
        values: JSON.parse(JSON.stringify(next)) as Prisma.InputJsonValue,
        note: input.note,
        createdById: ctx.user.id,
      },
    });
    await audit(tx, {
      organizationId: orgId,
      actorId: ctx.user.id,
      action: ASSUMPTIONS_UPDATED,
      entity: ASSUMPTIONS_ENTITY,
      entityId: row.id,
      before: { version: current.version, ...pickChanged(current.set, changed, methodChanged, modelChanged, pinChanged) },
      after: { version: row.version, ...pickChanged(next, changed, methodChanged, modelChanged, pinChanged), note: input.note },
    });
    return row;
  });
  const { reprojected, impact } = await reprojectAndMeasure(orgId, ctx.user.id);
  // The version's audit entry is written before any use case is re-priced; what that moved is
  // known only now, so it is a second entry on the same version (as a re-scoring records its own).
  const t = impact.total;
  await db.$transaction((tx) =>
    audit(tx, {
      organizationId: orgId,
      actorId: ctx.user.id,
      action: ASSUMPTIONS_REPROJECTED,
      entity: ASSUMPTIONS_ENTITY,
      entityId: saved.id,
      before: { version: saved.version - 1, asChosenLifecycleCents: t.before, costedUseCases: t.costedBefore },
      after: { version: saved.version, asChosenLifecycleCents: t.after, costedUseCases: t.costedAfter, movedUseCases: impact.moved, reprojected },
    }),
  );
  return { version: saved.version, reprojected, impact };
}

export interface AssumptionVersionSummary {
  version: number;
  note: string;
  createdAt: Date;
  /** The author's name; "a former member" if their account is gone. */
  by: string;
}

/** The organization's versions, newest first (version 0, the built-in defaults, is not a row). */
export async function listAssumptionVersions(organizationId: string, take = 100): Promise<AssumptionVersionSummary[]> {
  const rows = await db.assumptionVersion.findMany({
    where: { organizationId },
    orderBy: { version: "desc" },
    take,
    select: { version: true, note: true, createdAt: true, createdById: true },
  });
  const ids = [...new Set(rows.map((r) => r.createdById).filter((x): x is string => !!x))];
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const name = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    version: r.version,
    note: r.note,
    createdAt: r.createdAt,
    by: (r.createdById && name.get(r.createdById)) || "a former member",
  }));
}

/** One version's set: 0 is the built-in defaults; null if the organization has no such version. */
export async function assumptionSetAt(organizationId: string, version: number): Promise<AssumptionSet | null> {
  if (version === 0) return DEFAULT_ASSUMPTIONS;
  const row = await db.assumptionVersion.findUnique({ where: { organizationId_version: { organizationId, version } }, select: { values: true } });
  return row ? readAssumptionSet(row.values) : null;
}

export interface AssumptionComparison {
  from: number;
  to: number;
  methodChange: { from: AssumptionSet["fineTuneMethod"]; to: AssumptionSet["fineTuneMethod"] } | null;
  changes: { key: AssumptionKey; from: AssumptionSet["values"][AssumptionKey]; to: AssumptionSet["values"][AssumptionKey] }[];
  /**
   * What each version priced its default model at where its hand prices are empty: the catalogue's
   * prices (its pinned snapshot, or the installed one) for its model; null where the catalogue
   * lacks the model (then an empty price is missing indeed).
   */
  catalogue: { from: CataloguePriceOf | null; to: CataloguePriceOf | null };
}

export interface CataloguePriceOf {
  model: string;
  modelInputPricePerMTokens: number;
  modelOutputPricePerMTokens: number;
}

function cataloguePriceOf(set: AssumptionSet): CataloguePriceOf | null {
  const price = modelPrice(set.model, set.catalogue);
  return price ? { model: set.model, modelInputPricePerMTokens: price.inputPerM, modelOutputPricePerMTokens: price.outputPerM } : null;
}

/** The figures that differ between two versions (either may be 0, the defaults); null if one is unknown. */
export async function compareAssumptionVersions(organizationId: string, from: number, to: number): Promise<AssumptionComparison | null> {
  const [a, b] = await Promise.all([assumptionSetAt(organizationId, from), assumptionSetAt(organizationId, to)]);
  if (!a || !b) return null;
  return {
    from,
    to,
    methodChange: a.fineTuneMethod === b.fineTuneMethod ? null : { from: a.fineTuneMethod, to: b.fineTuneMethod },
    changes: changedAssumptions(a, b).map((key) => ({ key, from: a.values[key], to: b.values[key] })),
    catalogue: { from: cataloguePriceOf(a), to: cataloguePriceOf(b) },
  };
}

/** How many use cases a save re-projects (all of the organization's, as rederiveOrganization does). */
export function countUseCasesToReproject(organizationId: string): Promise<number> {
  return db.useCase.count({ where: { organizationId } });
}

export { ASSUMPTION_KEYS };
