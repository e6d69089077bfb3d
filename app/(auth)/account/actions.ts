"use server";
/**
 * "End all my sessions": every session of the signed-in person, on every device, this one
 * included, is refused from now on (User.sessionsValidAfter; see lib/server/sessions.ts).
 * The browser then signs out this session too.
 */
import { z } from "zod";
import { userAction } from "@/lib/server/action";
import { signOutEverywhere as endAllSessions } from "@/lib/server/sessions";

export const signOutEverywhere = userAction({
  name: "account.signOutEverywhere",
  input: z.object({}).strict(),
  handler: async (user) => endAllSessions(user.id),
});
