import "server-only";
import { z } from "zod";
import { ASSUMPTION_KEYS, assumptionSetSchema, changedAssumptions, readAssumptionSet, type AssumptionKey } from "@/lib/domain/costing";
import { audit } from "./audit";
import { currentAssumptions } from "./assumptions";
import { db, type Prisma } from "./db";
import { ConflictError } from "./errors";
import type { MemberContext } from "./guard";
import { rederiveOrganization } from "./use-cases/derive";

export const saveAssumptionsInput = z
  .object({
    expectedVersion: z.number().int().min(0),
    set: assumptionSetSchema,
    note: z.string().trim().min(1, "Say why the figures change").max(500, "At most 500 characters"),
  })
  .strict();

/**
 * Saves a new version of the organization's assumptions (who, when, why; audited with the
 * figures that changed), then re-projects every use case of the organization.
 */
export async function saveAssumptions(ctx: MemberContext, input: z.infer<typeof saveAssumptionsInput>) {
  const orgId = ctx.organization.id;
  const saved = await db.$transaction(async (tx) => {
    // Lock the organization's row so two saves cannot take the same version number.
    await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${orgId} FOR UPDATE`;
    const current = await currentAssumptions(tx, orgId);
    if (current.version !== input.expectedVersion) {
      throw new ConflictError(`Someone saved version ${current.version} since you opened this page. Reload to see it, then apply your change again.`);
    }
    const changed = changedAssumptions(current.set, input.set);
    const row = await tx.assumptionVersion.create({
      data: { organizationId: orgId, version: current.version + 1, values: input.set as unknown as Prisma.InputJsonValue, note: input.note, createdById: ctx.user.id },
    });
    const pick = (set: typeof input.set) => Object.fromEntries(changed.map((k) => [k, set.values[k]]));
    await audit(tx, {
      organizationId: orgId, actorId: ctx.user.id, action: "assumptions.updated", entity: "AssumptionVersion", entityId: row.id,
      before: { version: current.version, fineTuneMethod: current.set.fineTuneMethod, values: pick(current.set) },
      after: { version: row.version, fineTuneMethod: input.set.fineTuneMethod, values: pick(input.set), note: input.note },
    });
    return row;
  });
  const reprojected = await rederiveOrganization((fn) => db.$transaction(fn, { timeout: 60_000 }), orgId);
  return { version: saved.version, reprojected };
}

export async function listAssumptionVersions(organizationId: string) {
  const rows = await db.assumptionVersion.findMany({ where: { organizationId }, orderBy: { version: "desc" }, take: 50, select: { version: true, note: true, createdAt: true, createdById: true, values: true } });
  const ids = [...new Set(rows.map((r) => r.createdById).filter((x): x is string => !!x))];
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const name = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({ version: r.version, note: r.note, createdAt: r.createdAt, by: r.createdById ? (name.get(r.createdById) ?? "a former member") : null, set: readAssumptionSet(r.values) }));
}

export type { AssumptionKey };
export { ASSUMPTION_KEYS };
