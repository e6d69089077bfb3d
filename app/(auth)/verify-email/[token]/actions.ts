"use server";
/** Confirms an email address from the mailed link (a button press, so a mail scanner's visit uses nothing). */
import { z } from "zod";
import { verifyEmail as verifyInDb } from "@/lib/server/account-security";
import { publicAction } from "@/lib/server/action";

const token = z.string({ error: "The confirmation link is incomplete." }).min(1, "The confirmation link is incomplete.").max(200);

export const verifyEmail = publicAction({
  name: "account.verifyEmail",
  input: z.object({ token }).strict(),
  handler: async (input) => {
    const done = await verifyInDb(input.token);
    return { email: done.email };
  },
});
