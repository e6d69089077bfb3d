"use server";
/** Asks for a password reset link: the same answer whether or not the address has an account. */
import { z } from "zod";
import { emailField } from "@/lib/server/accounts";
import { requestPasswordReset as requestInDb } from "@/lib/server/account-security";
import { publicAction } from "@/lib/server/action";

export const requestPasswordReset = publicAction({
  name: "account.requestPasswordReset",
  input: z.object({ email: emailField }).strict(),
  handler: async (input) => requestInDb(input.email),
});
