import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { asTwoFactorPolicy, policyCovers, type TwoFactorPolicy } from "@/lib/domain/accounts/two-factor-policy";
import { audit } from "./audit";
import { db } from "./db";
import { ConflictError, TooManyRequestsError, ValidationError } from "./errors";
import { CHANGE_FREE_FAILURES, changeCheckKey as checkKey } from "./account-security";
import { recordAttempt, waitFor } from "./login-throttle";
import { verifyPassword } from "./passwords";
import { auditForUser } from "./sessions";

/**
 * Two-factor sign-in with TOTP (RFC 6238: 6 digits, 30 seconds, SHA-1, what authenticator apps
 * expect), by `otpauth`. Enrolment: a secret is offered (QR code and text), and kept only once a
 * code from the app confirms it; then ten recovery codes are shown once, stored as SHA-256 hashes
 * (each 50 random bits), each usable once. A TOTP code is accepted one step either side of now,
 * and never twice (User.totpLastStep). Sign-in asks for the code after the password
 * (lib/server/auth-options.ts): the password alone makes no session.
 */
export const TWO_FACTOR_AUDIT = {
  enrolmentStarted: "account.two_factor_enrolment_started",
  enabled: "account.two_factor_enabled",
  disabled: "account.two_factor_disabled",
  recoveryCodesRegenerated: "account.recovery_codes_regenerated",
  recoveryCodeUsed: "account.recovery_code_used",
} as const;

export const RECOVERY_CODE_COUNT = 10;
const PERIOD = 30;
const ISSUER = "Tradeoff";

function totpFor(secret: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** The time step a code is valid in, or null (a window of one step either side of now). */
function matchingStep(secret: string, code: string, now: number): number | null {
  const delta = totpFor(secret, "x").validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

/** The current code for a secret (tests and the seed use it, as an authenticator app would). */
export function currentCode(secret: string, now = Date.now()): string {
  return totpFor(secret, "x").generate({ timestamp: now });
}

export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normalizeRecoveryCode(code), "utf8").digest("hex");
}

function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

const TOTP_SHAPE = /^\d{6}$/;
const BAD_CODE = "That code did not work. Enter the 6-digit code your authenticator app shows now.";

export async function twoFactorStatus(userId: string) {
  const [user, codesLeft, requiredBy] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { totpEnabledAt: true } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
    organizationsRequiringTwoFactor(userId),
  ]);
  return { enabledAt: user.totpEnabledAt, codesLeft, requiredBy };
}

/** The organizations whose rule covers this person (by their role in each). */
export async function organizationsRequiringTwoFactor(userId: string): Promise<{ name: string; slug: string }[]> {
  const rows = await db.membership.findMany({ where: { userId }, select: { role: true, organization: { select: { name: true, slug: true, twoFactorPolicy: true } } } });
  return rows.filter((r) => policyCovers(r.organization.twoFactorPolicy, r.role)).map((r) => ({ name: r.organization.name, slug: r.organization.slug }));
}

/** Step 1 of enrolment: a new secret to add to the app (not yet in force). */
export async function beginEnrolment(user: { id: string; email: string }): Promise<{ secret: string; uri: string; qrSvg: string }> {
  const current = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpEnabledAt: true } });
  if (current.totpEnabledAt) throw new ConflictError("Two-factor sign-in is already on. Turn it off first to move it to another app.");
  const secret = new Secret({ size: 20 }).base32;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { totpPendingSecret: secret } });
    await auditForUser(tx, user.id, { action: TWO_FACTOR_AUDIT.enrolmentStarted, entity: "User", entityId: user.id, after: { pending: true } });
  });
  const uri = totpFor(secret, user.email).toString();
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { secret, uri, qrSvg };
}

async function newRecoveryCodes(tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], userId: string): Promise<string[]> {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })) });
  return codes;
}

/** Step 2: a code from the app confirms the secret; two-factor is on; the recovery codes, shown once. */
export async function confirmEnrolment(userId: string, code: string, now = Date.now()): Promise<{ recoveryCodes: string[] }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { totpPendingSecret: true, totpEnabledAt: true } });
  if (user.totpEnabledAt) throw new ConflictError("Two-factor sign-in is already on.");
  if (!user.totpPendingSecret) throw new ConflictError("Start the set-up again: no secret is waiting to be confirmed.");
  const step = TOTP_SHAPE.test(code) ? matchingStep(user.totpPendingSecret, code, now) : null;
  if (step === null) throw new ValidationError("Please correct the highlighted fields.", { code: [BAD_CODE] });
  return db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: new Date(now), totpLastStep: step },
    });
    const recoveryCodes = await newRecoveryCodes(tx, userId);
    await auditForUser(tx, userId, { action: TWO_FACTOR_AUDIT.enabled, entity: "User", entityId: userId, before: { twoFactor: false }, after: { twoFactor: true, recoveryCodes: RECOVERY_CODE_COUNT } });
    return { recoveryCodes };
  });
}

/**
 * Checks a second factor at sign-in (or before a two-factor change): a current TOTP code, once,
 * or an unused recovery code, which is then used up (and audited).
 */
export async function verifySecondFactor(userId: string, input: string, now = Date.now()): Promise<boolean> {
  const code = input.trim();
  if (TOTP_SHAPE.test(code)) {
    const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpLastStep: true } });
    if (!user?.totpSecret) return false;
    const step = matchingStep(user.totpSecret, code, now);
    if (step === null) return false;
    // Once only: the step must be later than the last one accepted, claimed in one conditional UPDATE.
    const { count } = await db.user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return count === 1;
  }
  const normalized = normalizeRecoveryCode(code);
  if (normalized.length !== 10) return false;
  return db.$transaction(async (tx) => {
    const row = await tx.recoveryCode.findFirst({ where: { userId, codeHash: hashRecoveryCode(normalized), usedAt: null }, select: { id: true } });
    if (!row) return false;
    const { count } = await tx.recoveryCode.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date(now) } });
    if (count !== 1) return false;
    const left = await tx.recoveryCode.count({ where: { userId, usedAt: null } });
    await auditForUser(tx, userId, { action: TWO_FACTOR_AUDIT.recoveryCodeUsed, entity: "User", entityId: userId, after: { codesLeft: left } });
    return true;
  });
}

/**
 * Wrong passwords and codes given to prove it is the person, while signed in (turning two-factor
 * off, new recovery codes, a new password: lib/server/account-security.ts counts under the same
 * key, changeCheckKey): CHANGE_FREE_FAILURES in 15 minutes, then each try waits. A review guessed
 * passwords at "turn off two-factor" without limit, where the password change stopped it at the sixth.
 */
async function awaitCheckTurn(userId: string, now: number): Promise<void> {
  const wait = await waitFor([{ key: checkKey(userId), free: CHANGE_FREE_FAILURES }], new Date(now));
  if (wait > 0) throw new TooManyRequestsError(`Too many wrong passwords or codes. Wait ${wait} second${wait === 1 ? "" : "s"} and try again.`, wait);
}

async function refuseCheck(userId: string, field: "password" | "code", message: string): Promise<never> {
  await recordAttempt(checkKey(userId));
  throw new ValidationError("Please correct the highlighted fields.", { [field]: [message] });
}

/** New recovery codes (the old ones stop working); needs a current code from the app. */
export async function regenerateRecoveryCodes(userId: string, code: string, now = Date.now()): Promise<{ recoveryCodes: string[] }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { totpEnabledAt: true } });
  if (!user.totpEnabledAt) throw new ConflictError("Two-factor sign-in is off: there are no recovery codes to replace.");
  await awaitCheckTurn(userId, now);
  if (!TOTP_SHAPE.test(code.trim()) || !(await verifySecondFactor(userId, code, now))) await refuseCheck(userId, "code", BAD_CODE);
  return db.$transaction(async (tx) => {
    const recoveryCodes = await newRecoveryCodes(tx, userId);
    await auditForUser(tx, userId, { action: TWO_FACTOR_AUDIT.recoveryCodesRegenerated, entity: "User", entityId: userId, after: { recoveryCodes: RECOVERY_CODE_COUNT } });
    return { recoveryCodes };
  });
}

/** Turns two-factor off: the current password and a code (or recovery code); refused where an organization requires it. */
export async function disableTwoFactor(userId: string, input: { password: string; code: string }, now = Date.now()): Promise<{ disabled: true }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { totpEnabledAt: true, passwordHash: true } });
  if (!user.totpEnabledAt) throw new ConflictError("Two-factor sign-in is already off.");
  const requiredBy = await organizationsRequiringTwoFactor(userId);
  if (requiredBy.length) {
    throw new ConflictError(`${requiredBy.map((o) => o.name).join(", ")} require${requiredBy.length === 1 ? "s" : ""} two-factor sign-in of you, so it stays on.`);
  }
  await awaitCheckTurn(userId, now);
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.password))) await refuseCheck(userId, "password", "That is not your current password.");
  if (!(await verifySecondFactor(userId, input.code, now))) await refuseCheck(userId, "code", BAD_CODE);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await auditForUser(tx, userId, { action: TWO_FACTOR_AUDIT.disabled, entity: "User", entityId: userId, before: { twoFactor: true }, after: { twoFactor: false } });
  });
  return { disabled: true };
}

/**
 * An admin sets the organization's rule. Refused while the admin has not turned two-factor on
 * for themself (a rule that covers admins would lock them out of this very page).
 */
export async function setTwoFactorPolicy(actor: { organizationId: string; actorId: string }, policy: TwoFactorPolicy): Promise<{ policy: TwoFactorPolicy; changed: boolean }> {
  return db.$transaction(async (tx) => {
    const org = await tx.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { twoFactorPolicy: true } });
    const before = asTwoFactorPolicy(org.twoFactorPolicy);
    if (before === policy) return { policy, changed: false };
    if (policy !== "off") {
      const me = await tx.user.findUniqueOrThrow({ where: { id: actor.actorId }, select: { totpEnabledAt: true } });
      if (!me.totpEnabledAt) {
        throw new ValidationError("Turn on two-factor sign-in for your own account first (Your account), so that this rule does not lock you out.", {
          policy: ["Turn on two-factor sign-in for your own account first."],
        });
      }
    }
    await tx.organization.update({ where: { id: actor.organizationId }, data: { twoFactorPolicy: policy } });
    await audit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.actorId,
      action: "organization.two_factor_policy_changed",
      entity: "Organization",
      entityId: actor.organizationId,
      before: { twoFactorPolicy: before },
      after: { twoFactorPolicy: policy },
    });
    return { policy, changed: true };
  });
}

export async function organizationTwoFactorPolicy(organizationId: string): Promise<TwoFactorPolicy> {
  const org = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { twoFactorPolicy: true } });
  return asTwoFactorPolicy(org.twoFactorPolicy);
}
