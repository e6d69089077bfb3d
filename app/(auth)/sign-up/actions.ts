"use server";
/**
 * Sign-up: creates the person and a new organization with them as its ADMIN, in one transaction
 * with its audit entries. The client then signs in through next-auth with the same credentials.
 * The answer is the same whether or not the email already had an account (see
 * signUpWithOrganization), so it names no organization: the sign-in leads to "/", which opens
 * the person's first organization.
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { emailField, nameField, newPasswordField, organizationNameField, signUpWithOrganization } from "@/lib/server/accounts";
import { publicAction } from "@/lib/server/action";

export const signUp = publicAction({
  name: "account.signUp",
  input: z
    .object({ name: nameField, email: emailField, password: newPasswordField, organizationName: organizationNameField })
    .strict(),
  handler: async (input) => {
    await signUpWithOrganization(input);
    revalidatePath("/", "layout");
    return { signIn: true as const };
  },
});
