"use server";
/**
 * Accepting an invitation: signed in with the invited address (acceptInvitation), or as someone
 * new, creating the account for the invited address at the same time (acceptInvitationWithSignUp).
 * The token is the only credential either takes; it works once, and never after expiry or revocation.
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { nameField, newPasswordField } from "@/lib/server/accounts";
import { publicAction, userAction } from "@/lib/server/action";
import {
  acceptInvitation as acceptInDb,
  acceptInvitationWithSignUp as acceptWithSignUpInDb,
} from "@/lib/server/invitations";

const token = z.string({ error: "The invitation link is incomplete." }).min(1, "The invitation link is incomplete.").max(200);

export const acceptInvitation = userAction({
  name: "invitations.accept",
  input: z.object({ token }).strict(),
  handler: async (user, input) => {
    const joined = await acceptInDb(user, input.token);
    revalidatePath("/", "layout");
    return { organizationSlug: joined.organization.slug, role: joined.role, alreadyMember: joined.alreadyMember };
  },
});

export const acceptInvitationWithSignUp = publicAction({
  name: "invitations.acceptWithSignUp",
  input: z.object({ token, name: nameField, password: newPasswordField }).strict(),
  handler: async (input) => {
    // No revalidation: the person is signed out, and a refreshed page would show the link as used
    // in place of the "check your email" the form shows.
    const joined = await acceptWithSignUpInDb(input);
    return { organizationSlug: joined.organization.slug, organizationName: joined.organization.name, email: joined.email, checkEmail: true as const };
  },
});
