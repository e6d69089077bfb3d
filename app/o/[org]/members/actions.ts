"use server";
/**
 * Members and invitations (admins only). Each action is made with orgAction: the guard resolves
 * the signed-in admin's organization from the URL's slug and their membership, never from the
 * input; every query below names that organization, so ids from elsewhere are not found.
 * Each mutation is one transaction with its audit entry (lib/server/members.ts, invitations.ts).
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { emailField } from "@/lib/server/accounts";
import { orgAction } from "@/lib/server/action";
import { MEMBER_ROLES } from "@/lib/server/member-roles";
import type { MemberContext } from "@/lib/server/guard";
import { createInvitation, revokeInvitation as revokeInvitationInDb } from "@/lib/server/invitations";
import { changeMemberRole, removeMember as removeMemberInDb } from "@/lib/server/members";
import { TWO_FACTOR_POLICIES } from "@/lib/domain/accounts/two-factor-policy";
import { setTwoFactorPolicy as setTwoFactorPolicyInDb } from "@/lib/server/two-factor";

const id = z.string({ error: "Missing id." }).min(1, "Missing id.").max(64);
const role = z.enum(["ADMIN", "EXECUTIVE", "LEAD", "FINANCE"], { error: "Choose a role." });

const actor = (ctx: MemberContext) => ({ organizationId: ctx.organization.id, actorId: ctx.user.id });
const revalidate = (ctx: MemberContext) => revalidatePath(`/o/${ctx.organization.slug}`, "layout");

/** Changes a member's role; refused when it would leave the organization without an admin. */
export const updateMemberRole = orgAction({
  name: "members.changeRole",
  roles: MEMBER_ROLES,
  input: z.object({ membershipId: id, role }).strict(),
  handler: async (ctx, input) => {
    const result = await changeMemberRole(actor(ctx), input);
    if (result.changed) revalidate(ctx);
    return result;
  },
});

/** Removes a member; refused for the last admin. */
export const removeMember = orgAction({
  name: "members.remove",
  roles: MEMBER_ROLES,
  input: z.object({ membershipId: id }).strict(),
  handler: async (ctx, input) => {
    const result = await removeMemberInDb(actor(ctx), input);
    revalidate(ctx);
    return result;
  },
});

/** Invites an address with a role. Returns the link's path, shown once: only its hash is kept. */
export const inviteMember = orgAction({
  name: "invitations.create",
  roles: MEMBER_ROLES,
  input: z.object({ email: emailField, role }).strict(),
  handler: async (ctx, input) => {
    const inv = await createInvitation(actor(ctx), input);
    revalidate(ctx);
    return { id: inv.id, email: inv.email, role: inv.role, expiresAt: inv.expiresAt.toISOString(), path: inv.path, mailed: inv.mailed, replaced: inv.replaced };
  },
});

/** Withdraws a pending invitation; its link stops working. */
export const revokeInvitation = orgAction({
  name: "invitations.revoke",
  roles: MEMBER_ROLES,
  input: z.object({ invitationId: id }).strict(),
  handler: async (ctx, input) => {
    const result = await revokeInvitationInDb(actor(ctx), input);
    revalidate(ctx);
    return result;
  },
});

/** Who must use two-factor sign-in to reach the organization: nobody, its admins, or everyone. */
export const setTwoFactorPolicy = orgAction({
  name: "organization.setTwoFactorPolicy",
  roles: MEMBER_ROLES,
  input: z.object({ policy: z.enum(TWO_FACTOR_POLICIES, { error: "Choose who must use two-factor sign-in." }) }).strict(),
  handler: async (ctx, input) => {
    const result = await setTwoFactorPolicyInDb(actor(ctx), input.policy);
    if (result.changed) revalidate(ctx);
    return result;
  },
});
