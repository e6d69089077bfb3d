import "server-only";
import { z } from "zod";
import { db, Prisma, type Tx } from "./db";
import { ValidationError } from "./errors";
import { hashPassword } from "./passwords";
import { createOrganizationWithAdmin } from "./organizations";
import { checkAnonymous, countAnonymous } from "./anonymous-throttle";
import { assertStrongPassword, removeUnverifiedAccount, sendVerificationEmail } from "./account-security";
import { appUrl, sendMailBestEffort } from "./mail";

/** Field rules shared by every form that creates an account. */
export const emailField = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@example.com."));
export const nameField = z
  .string({ error: "Enter your name." })
  .trim()
  .min(1, "Enter your name.")
  .max(100, "Keep your name under 100 characters.");
/** The length rules; the strength check (lib/domain/accounts/password-strength.ts) follows on the server, with the person's context. */
export const newPasswordField = z
  .string({ error: "Choose a password." })
  .min(10, "Use at least 10 characters. A few unrelated words make a long password that is easy to remember.")
  .max(200, "Use at most 200 characters.");

export const organizationNameField = z
  .string({ error: "Name your organization." })
  .trim()
  // Left empty, the field is asked for, not told "Use at least 2 characters" (a review met that).
  .min(2, { error: (issue) => (issue.input === "" ? "Name your organization." : "Use at least 2 characters for your organization's name.") })
  .max(80, "Keep it under 80 characters.");

export const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}

/** Creates a user (password hashed with argon2id) inside the caller's transaction; unconfirmed until their link is opened. */
export async function createUser(tx: Tx, input: { email: string; name: string; passwordHash: string }) {
  const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new ValidationError("Please correct the highlighted fields.", { email: [EMAIL_TAKEN] });
  return tx.user.create({ data: input, select: { id: true, email: true, name: true } });
}

/**
 * Runs `work` in one transaction; a unique-email race (two sign-ups with one address at once)
 * comes back as the same field error as the ordinary check.
 */
export async function inAccountTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.$transaction(work);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError("Please correct the highlighted fields.", { email: [EMAIL_TAKEN] });
    throw err;
  }
}

/**
 * Sign-up: a new person and a new organization, with that person as its ADMIN. The account is
 * unconfirmed until the person opens the link mailed to the address (lib/server/account-security.ts);
 * until then it cannot sign in, and it cannot keep the address from anyone: a later sign-up or
 * invitation for the same address replaces it.
 *
 * It answers the same whether or not the email already has a (confirmed) account (no
 * enumeration): "check your mail". For a taken email nothing is created; the owner gets a mail
 * saying someone tried (and how to sign in or reset), and a notice on their next sign-in
 * (AccountNotice "sign-up-attempt"). Throttled per address (lib/server/anonymous-throttle.ts),
 * whatever the outcome.
 */
export async function signUpWithOrganization(input: { name: string; email: string; password: string; organizationName: string }, ip?: string): Promise<{ created: boolean }> {
  const address = await checkAnonymous("signup", ip);
  assertStrongPassword("password", input.password, input);
  await countAnonymous("signup", address);
  const passwordHash = await hashPassword(input.password);
  let userId: string;
  try {
    userId = await inAccountTransaction(async (tx) => {
      await removeUnverifiedAccount(tx, input.email);
      const user = await createUser(tx, { email: input.email, name: input.name, passwordHash });
      await createOrganizationWithAdmin(tx, { name: input.organizationName, creatorId: user.id });
      return user.id;
    });
  } catch (err) {
    if (!(err instanceof ValidationError && err.fieldErrors.email?.includes(EMAIL_TAKEN))) throw err;
    const owner = await db.user.findUnique({ where: { email: input.email }, select: { id: true, email: true } });
    if (owner) {
      const now = new Date();
      await db.accountNotice.create({ data: { userId: owner.id, kind: "sign-up-attempt", count: 1, firstAt: now, lastAt: now } });
      await sendMailBestEffort({
        to: owner.email,
        subject: "Someone tried to create a Tradeoff account with your address",
        text: [
          "Someone just tried to create a new Tradeoff account with this address, which already has one. Nothing was created.",
          "",
          `If it was you: sign in at ${appUrl("/sign-in")}, or, if you forgot your password, reset it at ${appUrl("/forgot-password")}.`,
          "If it was not you, you need do nothing.",
        ].join("\n"),
      });
    }
    return { created: false };
  }
  await sendVerificationEmail(userId).catch((err: Error) => console.error(`[mail] confirmation link not sent: ${err.message}`));
  return { created: true };
}
