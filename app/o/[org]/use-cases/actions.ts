"use server";
/**
 * The use-case registry's server actions. Each is made with orgAction (guard → zod parse →
 * handler → one error policy) and called as `action(orgSlug, input)`. The organization comes
 * from the signed-in member's membership, and every query inside names it, so a use case of
 * another organization is simply not found. Each mutation runs in one transaction with its
 * audit entry (lib/server/use-cases/write.ts and its neighbours), then revalidates the organization's pages.
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { versionSchema } from "@/lib/server/parse";
import { overridesSchema } from "@/lib/domain/costing";
import { decisionSchema, useCaseFieldsSchema } from "@/lib/domain/use-case";
import { CREATE_ROLES, DECIDE_ROLES, EDIT_ROLES } from "@/lib/domain/use-case-permissions";
import { orgAction } from "@/lib/server/action";
import type { MemberContext } from "@/lib/server/guard";
import { findSimilarUseCases } from "@/lib/server/use-cases/read";
import { inUseCaseTransaction, writeUseCase, type WriteContext } from "@/lib/server/use-cases/write";
import { recordDecisionDirectly } from "@/lib/server/decisions/direct";
import { restoreUseCase as restoreInTx, softDeleteUseCase } from "@/lib/server/use-cases/trash";
import { setUseCaseOverrides } from "@/lib/server/use-cases/overrides";

const id = z.string().min(1).max(64);
const version = versionSchema(1);

const writeCtx = (ctx: MemberContext): WriteContext => ({ organizationId: ctx.organization.id, actorId: ctx.user.id, role: ctx.role });

function revalidate(ctx: MemberContext) {
  revalidatePath(`/o/${ctx.organization.slug}`, "layout");
}

/** Logs a use case. The owner defaults to the creator. Warns (does not block) on near-duplicate titles. */
export const createUseCase = orgAction({
  name: "useCases.create",
  roles: CREATE_ROLES,
  input: useCaseFieldsSchema,
  handler: async (ctx, fields) => {
    const saved = await inUseCaseTransaction((tx) => writeUseCase(tx, writeCtx(ctx), { fields }));
    // No revalidatePath: the form navigates to the new use case's page, which is rendered fresh
    // (every page here is dynamic), and re-rendering the form's own page in this response cost
    // about 40% of a save's server time (npm run bench, load).
    const duplicates = await findSimilarUseCases(ctx.organization.id, saved.title, { excludeId: saved.id });
    return { id: saved.id, version: saved.version, duplicates };
  },
});

/** Saves an edit of the fields, refused with a conflict if someone saved since `expectedVersion`. */
export const updateUseCase = orgAction({
  name: "useCases.update",
  roles: EDIT_ROLES,
  input: useCaseFieldsSchema.extend({ id, expectedVersion: version }),
  handler: async (ctx, { id, expectedVersion, ...fields }) => {
    const saved = await inUseCaseTransaction((tx) => writeUseCase(tx, writeCtx(ctx), { id, expectedVersion, fields }));
    // No revalidatePath, as for createUseCase: the form navigates to the use case's page next.
    const duplicates = saved.titleChanged ? await findSimilarUseCases(ctx.organization.id, saved.title, { excludeId: saved.id }) : [];
    return { id: saved.id, version: saved.version, changed: saved.changed, duplicates };
  },
});

/** Records the chosen approach and the decision notes (executives and admins). */
export const recordDecision = orgAction({
  name: "useCases.recordDecision",
  roles: DECIDE_ROLES,
  input: decisionSchema.extend({ id, expectedVersion: version }),
  handler: async (ctx, { id, expectedVersion, chosenApproach, decisionNotes }) => {
    // An approach decided anew goes through the workflow: approved, its budget asked of finance (lib/server/decisions/direct.ts).
    const saved = await inUseCaseTransaction((tx) => recordDecisionDirectly(tx, writeCtx(ctx), { id, expectedVersion, chosenApproach, decisionNotes }));
    if (saved.changed.length) revalidate(ctx);
    return saved;
  },
});

/** Moves a use case to the trash; it can be restored. */
export const deleteUseCase = orgAction({
  name: "useCases.delete",
  roles: EDIT_ROLES,
  input: z.object({ id }).strict(),
  handler: async (ctx, input) => {
    const done = await inUseCaseTransaction((tx) => softDeleteUseCase(tx, writeCtx(ctx), input));
    revalidate(ctx);
    return done;
  },
});

/** Brings a use case back from the trash. */
export const restoreUseCase = orgAction({
  name: "useCases.restore",
  roles: EDIT_ROLES,
  input: z.object({ id }).strict(),
  handler: async (ctx, input) => {
    const done = await inUseCaseTransaction((tx) => restoreInTx(tx, writeCtx(ctx), input));
    revalidate(ctx);
    return done;
  },
});

/** Sets the use case's own cost figures over the organization's assumptions (leads their own). */
export const setCostOverrides = orgAction({
  name: "useCases.setCostOverrides",
  roles: EDIT_ROLES,
  input: z.object({ id, expectedVersion: version, overrides: overridesSchema }).strict(),
  handler: async (ctx, { id, expectedVersion, overrides }) => {
    const saved = await inUseCaseTransaction((tx) => setUseCaseOverrides(tx, writeCtx(ctx), { id, expectedVersion, overrides: overrides as Record<string, { low: number | null; base: number | null; high: number | null } | string> }));
    revalidate(ctx);
    return saved;
  },
});
