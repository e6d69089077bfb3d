import "server-only";
import { checkPasswordStrength } from "@/lib/domain/accounts/password-strength";
import { checkAnonymous, countAnonymous } from "./anonymous-throttle";
import { claimToken, issueToken, peekToken } from "./account-tokens";
import { db, type Tx } from "./db";
import { NotFoundError, TooManyRequestsError, ValidationError } from "./errors";
import { recordAttempt, waitFor } from "./login-throttle";
import { appUrl, sendMail, sendMailBestEffort } from "./mail";
import { hashPassword, verifyPassword } from "./passwords";
import { auditForUser } from "./sessions";

/**
 * The person's own account: email confirmation, password reset by mail, password change.
 * Every change is audited in each organization the person belongs to (the admins' security log
 * shows them), in the same transaction as the change.
 */
export const ACCOUNT_AUDIT = {
  emailVerified: "account.email_verified",
  passwordResetRequested: "account.password_reset_requested",
  passwordReset: "account.password_reset",
  passwordChanged: "account.password_changed",
} as const;

/** Refuses a weak password with the estimator's advice, as a field error on `field`. */
export function assertStrongPassword(field: string, password: string, context: { email?: string; name?: string; organizationName?: string }): void {
  const verdict = checkPasswordStrength(password, context);
  if (!verdict.ok) throw new ValidationError("Please correct the highlighted fields.", { [field]: [verdict.message] });
}

// ---------------------------------------------------------------------------------------------
// Email confirmation

export const INVALID_VERIFICATION_LINK =
  "This confirmation link is not valid any more: it was used already, replaced by a newer one, or it expired. Sign in and we will mail you a new one.";

/** Mails a fresh confirmation link (the older ones stop working). */
export async function sendVerificationEmail(userId: string, now = new Date()): Promise<void> {
  const { token, user } = await db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } });
    const { token } = await issueToken(tx, userId, "email-verification", now);
    return { token, user };
  });
  await sendMail({
    to: user.email,
    subject: "Confirm your email address for Tradeoff",
    text: [
      `Hello ${user.name},`,
      "",
      `Confirm that ${user.email} is your address to finish setting up your Tradeoff account:`,
      appUrl(`/verify-email/${token}`),
      "",
      "The link works once, for two days. If you did not create an account, ignore this message: nothing happens without the link.",
    ].join("\n"),
  });
}

/**
 * At a sign-in with the right password to an unconfirmed account: a new link, at most one every
 * two minutes (so retrying the form does not flood the person's inbox).
 */
export async function resendVerificationOnSignIn(userId: string, now = new Date()): Promise<void> {
  const recent = await db.accountToken.findFirst({
    where: { userId, purpose: "email-verification", usedAt: null, createdAt: { gt: new Date(now.getTime() - 2 * 60 * 1000) } },
    select: { id: true },
  });
  if (recent) return;
  await sendVerificationEmail(userId, now).catch((err: Error) => console.error(`[mail] confirmation link not sent: ${err.message}`));
}

/** Confirms the address behind a mailed link; the person can sign in afterwards. */
export async function verifyEmail(token: string, now = new Date()): Promise<{ email: string; alreadyVerified: boolean }> {
  const address = await checkAnonymous("token");
  const result = await db.$transaction(async (tx) => {
    const userId = await claimToken(tx, token, "email-verification", now);
    if (!userId) return null;
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, emailVerifiedAt: true } });
    if (user.emailVerifiedAt) return { email: user.email, alreadyVerified: true };
    await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: now } });
    await auditForUser(tx, userId, { action: ACCOUNT_AUDIT.emailVerified, entity: "User", entityId: userId, before: { emailVerifiedAt: null }, after: { email: user.email, emailVerifiedAt: now.toISOString() } });
    return { email: user.email, alreadyVerified: false };
  });
  if (!result) {
    await countAnonymous("token", address);
    throw new NotFoundError(INVALID_VERIFICATION_LINK);
  }
  return result;
}

/**
 * An account that never confirmed its address cannot keep that address from its real owner:
 * a sign-up or an invitation for the address replaces it, with the organizations it alone
 * belonged to (nobody ever signed in to them). Returns whether one was removed.
 *
 * Not an account that belongs to an organization with other members: it joined by an invitation
 * mailed to the address, so an admin vouched for it, and a stranger's sign-up with the address
 * would otherwise delete a colleague and their membership unseen (a review did it: the invitee,
 * who had not yet opened the confirmation mail, vanished from the members, and the stranger's
 * confirmation mail went to their inbox). It stays; the sign-up is answered as for a taken
 * address, and the invitee confirms by signing in with their password (a fresh link is mailed).
 */
export async function removeUnverifiedAccount(tx: Tx, email: string): Promise<boolean> {
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, emailVerifiedAt: true, memberships: { select: { organizationId: true } } } });
  if (!user || user.emailVerifiedAt) return false;
  const orgIds = user.memberships.map((m) => m.organizationId);
  const shared = await tx.membership.findFirst({ where: { organizationId: { in: orgIds }, userId: { not: user.id } }, select: { organizationId: true } });
  if (shared) return false;
  if (orgIds.length) await tx.organization.deleteMany({ where: { id: { in: orgIds } } });
  await tx.user.delete({ where: { id: user.id } });
  return true;
}

// ---------------------------------------------------------------------------------------------
// Password reset

export const RESET_REQUESTED =
  "If an account uses that address, we have mailed it a link to choose a new password. The link works once, for an hour.";
export const INVALID_RESET_LINK = "This reset link is not valid any more: it was used already, replaced by a newer one, or it expired (links work for an hour). Ask for a new one.";

/** The mail of the last reset request, for tests to wait for (the request answers before it goes). */
export let lastResetDelivery: Promise<void> = Promise.resolve();

/**
 * Asks for a reset link. The answer is the same whether or not the address has an account, and
 * it comes before any mail work is done (the link is made and mailed after answering), so
 * neither the words nor the time tell. Throttled per client address.
 */
export async function requestPasswordReset(email: string, ip?: string, now = new Date()): Promise<{ message: string }> {
  const address = await checkAnonymous("reset", ip);
  await countAnonymous("reset", address);
  lastResetDelivery = deliverReset(email, now).catch((err: Error) => console.error(`[mail] reset link not sent: ${err.message}`));
  return { message: RESET_REQUESTED };
}

async function deliverReset(email: string, now: Date): Promise<void> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true } });
  if (!user) return;
  const token = await db.$transaction(async (tx) => {
    const { token } = await issueToken(tx, user.id, "password-reset", now);
    await auditForUser(tx, user.id, { action: ACCOUNT_AUDIT.passwordResetRequested, entity: "User", entityId: user.id, after: { at: now.toISOString() } }, null);
    return token;
  });
  await sendMail({
    to: user.email,
    subject: "Reset your Tradeoff password",
    text: [
      `Hello ${user.name},`,
      "",
      "Someone (we hope you) asked to reset the password of your Tradeoff account. Choose a new one here:",
      appUrl(`/reset-password/${token}`),
      "",
      "The link works once, for an hour. Setting a new password signs you out everywhere else.",
      "If you did not ask, ignore this message: your password stays as it is.",
    ].join("\n"),
  });
}

/** Whether a reset link can still be used (for its page); null when it cannot. */
export async function findResetToken(token: string): Promise<{ email: string } | null> {
  const found = await peekToken(db as unknown as Tx, token, "password-reset");
  if (!found) return null;
  return db.user.findUnique({ where: { id: found.userId }, select: { email: true } });
}

/**
 * Sets a new password from a mailed link: the link is used up, every session of the person ends,
 * and the address counts as confirmed (the link was read there). Two-factor stays as it was.
 */
export async function resetPassword(input: { token: string; password: string }, now = new Date()): Promise<{ email: string }> {
  const address = await checkAnonymous("token");
  const peeked = await peekToken(db as unknown as Tx, input.token, "password-reset", now);
  if (!peeked) {
    await countAnonymous("token", address);
    throw new NotFoundError(INVALID_RESET_LINK);
  }
  const person = await db.user.findUniqueOrThrow({ where: { id: peeked.userId }, select: { email: true, name: true } });
  // A weak choice leaves the link usable, so the person can try another.
  assertStrongPassword("password", input.password, person);
  const passwordHash = await hashPassword(input.password);
  const email = await db.$transaction(async (tx) => {
    const userId = await claimToken(tx, input.token, "password-reset", now);
    if (!userId) throw new NotFoundError(INVALID_RESET_LINK);
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, emailVerifiedAt: true } });
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, sessionsValidAfter: now, keptSessionId: null, emailVerifiedAt: before.emailVerifiedAt ?? now },
    });
    await tx.accountToken.deleteMany({ where: { userId, purpose: "password-reset", usedAt: null } });
    await auditForUser(tx, userId, { action: ACCOUNT_AUDIT.passwordReset, entity: "User", entityId: userId, after: { at: now.toISOString(), sessionsEnded: true } });
    return before.email;
  });
  await sendMailBestEffort({
    to: email,
    subject: "Your Tradeoff password was reset",
    text: "Your password was just reset with a link mailed to this address, and every session was signed out.\n\nIf this was not you, reset it again at once and tell your organization's admin.",
  });
  return { email };
}

// ---------------------------------------------------------------------------------------------
// Password change

/** Wrong current passwords allowed per account in 15 minutes before each try waits. */
export const CHANGE_FREE_FAILURES = 5;

/**
 * The throttle's key for proving it is the person while signed in: a new password, turning
 * two-factor off, new recovery codes (lib/server/two-factor.ts) count their failures together.
 */
export const changeCheckKey = (userId: string) => `change:${userId}`;

/**
 * The signed-in person changes their password, giving the current one. Every other session of
 * theirs ends; the one they are in (`sessionId`) stays.
 */
export async function changePassword(
  user: { id: string },
  sessionId: string | null,
  input: { currentPassword: string; newPassword: string },
  now = new Date(),
): Promise<{ changed: true }> {
  const key = changeCheckKey(user.id);
  const wait = await waitFor([{ key, free: CHANGE_FREE_FAILURES }], now);
  if (wait > 0) throw new TooManyRequestsError(`Too many wrong passwords. Wait ${wait} second${wait === 1 ? "" : "s"} and try again.`, wait);
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true, name: true, passwordHash: true } });
  if (!row.passwordHash || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    await recordAttempt(key);
    throw new ValidationError("Please correct the highlighted fields.", { currentPassword: ["That is not your current password."] });
  }
  if (input.newPassword === input.currentPassword) {
    throw new ValidationError("Please correct the highlighted fields.", { newPassword: ["Choose a password different from your current one."] });
  }
  assertStrongPassword("newPassword", input.newPassword, row);
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionsValidAfter: now, keptSessionId: sessionId } });
    await tx.accountToken.deleteMany({ where: { userId: user.id, purpose: "password-reset", usedAt: null } });
    await auditForUser(tx, user.id, { action: ACCOUNT_AUDIT.passwordChanged, entity: "User", entityId: user.id, after: { at: now.toISOString(), otherSessionsEnded: true } });
  });
  await sendMailBestEffort({
    to: row.email,
    subject: "Your Tradeoff password was changed",
    text: "Your password was just changed, and your other sessions were signed out.\n\nIf this was not you, reset your password from the sign-in page at once and tell your organization's admin.",
  });
  return { changed: true };
}
