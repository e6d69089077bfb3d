"use server";
/** Marking one's own notifications read (any member; only their own rows are touched). */
import { revalidatePath } from "next/cache";
import { markReadSchema } from "@/lib/domain/decisions/schemas";
import { orgAction } from "@/lib/server/action";
import { audit } from "@/lib/server/audit";
import { db } from "@/lib/server/db";
import { ALL_ROLES } from "@/lib/server/guard";
import { markNotificationsRead as markInTx } from "@/lib/server/notifications";

export const markNotificationsRead = orgAction({
  name: "notifications.markRead",
  roles: ALL_ROLES,
  input: markReadSchema,
  handler: async (ctx, input) => {
    const marked = await db.$transaction(async (tx) => {
      const n = await markInTx(tx, ctx.organization.id, ctx.user.id, input.all ? "all" : (input.ids ?? []));
      if (n > 0) {
        await audit(tx, { organizationId: ctx.organization.id, actorId: ctx.user.id, action: "notifications.read", entity: "Notification", entityId: ctx.user.id, before: null, after: { marked: n } });
      }
      return n;
    });
    revalidatePath(`/o/${ctx.organization.slug}`, "layout");
    return { marked };
  },
});
