"use server";
/**
 * The signed-in person's own account: end all sessions, change the password, two-factor sign-in.
 * Each change is audited in every organization the person belongs to.
 */
import { z } from "zod";
import { newPasswordField } from "@/lib/server/accounts";
import { changePassword as changePasswordInDb } from "@/lib/server/account-security";
import { userAction } from "@/lib/server/action";
import { getSessionId } from "@/lib/server/session";
import { signOutEverywhere as endAllSessions } from "@/lib/server/sessions";
import { beginEnrolment, confirmEnrolment, disableTwoFactor as disableInDb, regenerateRecoveryCodes as regenerateInDb } from "@/lib/server/two-factor";

/**
 * "End all my sessions": every session of the signed-in person, on every device, this one
 * included, is refused from now on (User.sessionsValidAfter; see lib/server/sessions.ts).
 * The browser then signs out this session too.
 */
export const signOutEverywhere = userAction({
  name: "account.signOutEverywhere",
  input: z.object({}).strict(),
  handler: async (user) => endAllSessions(user.id),
});

const currentPassword = z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(200, "Use at most 200 characters.");
const code = z
  .string({ error: "Enter the code from your authenticator app." })
  .trim()
  .min(1, "Enter the code from your authenticator app.")
  .max(20, "Enter the 6-digit code from your authenticator app.");

/** Changes the password (the current one required); the person's other sessions end, this one stays. */
export const changePassword = userAction({
  name: "account.changePassword",
  input: z.object({ currentPassword, newPassword: newPasswordField }).strict(),
  handler: async (user, input) => changePasswordInDb(user, await getSessionId(), input),
});

/** Two-factor, step 1: a new secret for the authenticator app (QR code and text), not yet in force. */
export const beginTwoFactor = userAction({
  name: "account.twoFactor.begin",
  input: z.object({}).strict(),
  handler: async (user) => beginEnrolment(user),
});

/** Two-factor, step 2: a code from the app turns it on; the recovery codes come back, shown once. */
export const enableTwoFactor = userAction({
  name: "account.twoFactor.enable",
  input: z.object({ code }).strict(),
  handler: async (user, input) => confirmEnrolment(user.id, input.code),
});

/** New recovery codes (the old ones stop working), with a current code from the app. */
export const regenerateRecoveryCodes = userAction({
  name: "account.twoFactor.regenerateRecoveryCodes",
  input: z.object({ code }).strict(),
  handler: async (user, input) => regenerateInDb(user.id, input.code),
});

/** Turns two-factor off, with the current password and a code; refused where an organization requires it. */
export const disableTwoFactor = userAction({
  name: "account.twoFactor.disable",
  input: z.object({ password: currentPassword, code }).strict(),
  handler: async (user, input) => disableInDb(user.id, input),
});
