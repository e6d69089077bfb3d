"use server";
/** Comments on a use case (any member); the members mentioned are notified (lib/server/comments.ts). */
import { revalidatePath } from "next/cache";
import { commentSchema } from "@/lib/domain/decisions/schemas";
import { orgAction } from "@/lib/server/action";
import { addComment as addInTx } from "@/lib/server/comments";
import { db } from "@/lib/server/db";
import { ALL_ROLES } from "@/lib/server/guard";

export const addComment = orgAction({
  name: "comments.add",
  roles: ALL_ROLES,
  input: commentSchema,
  handler: async (ctx, input) => {
    const done = await db.$transaction((tx) => addInTx(tx, { organizationId: ctx.organization.id, actorId: ctx.user.id, role: ctx.role }, input));
    revalidatePath(`/o/${ctx.organization.slug}/use-cases/${input.useCaseId}`);
    return done;
  },
});
