"use server";
/**
 * Sign-up: creates the person and a new organization with them as its ADMIN, in one transaction
 * with its audit entries, and mails a link to confirm the address; the person signs in after
 * confirming. The answer is the same whether or not the email already had an account (see
 * signUpWithOrganization), so it names no organization.
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
    // The same answer whether the address was free or taken: the mail says which.
    return { checkEmail: true as const };
  },
});
