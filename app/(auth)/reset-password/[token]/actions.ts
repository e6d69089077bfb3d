"use server";
/** Sets a new password from a mailed reset link; every session of the person ends. */
import { z } from "zod";
import { newPasswordField } from "@/lib/server/accounts";
import { resetPassword as resetInDb } from "@/lib/server/account-security";
import { publicAction } from "@/lib/server/action";

const token = z.string({ error: "The reset link is incomplete." }).min(1, "The reset link is incomplete.").max(200);

export const resetPassword = publicAction({
  name: "account.resetPassword",
  input: z.object({ token, password: newPasswordField }).strict(),
  handler: async (input) => {
    await resetInDb(input);
    return { reset: true as const };
  },
});
