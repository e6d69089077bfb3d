/**
 * Issue 19, items 2, 3 and 5, end to end on the server against a real PostgreSQL and a real SMTP
 * server (in this process): every link is read from the mail that arrived.
 *   - email confirmation at sign-up and on invitation acceptance; unconfirmed accounts cannot sign
 *     in, and cannot keep their address from its owner;
 *   - password reset by a mailed single-use, expiring link (same answer for unknown addresses,
 *     throttled), and password change (current password required); both end other sessions;
 *   - two-factor sign-in with TOTP: enrolment, the second step at sign-in, codes once only,
 *     recovery codes once each, and the organization's rule.
 * Sign-in goes through the real credentials `authorize` of lib/server/auth-options.ts.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({
  cookies: async () => ({ set: () => {}, getAll: () => [] }),
  headers: async () => new Headers(),
}));

import { beginTwoFactor, changePassword, disableTwoFactor, enableTwoFactor, regenerateRecoveryCodes } from "@/app/(auth)/account/actions";
import { requestPasswordReset } from "@/app/(auth)/forgot-password/actions";
import { acceptInvitationWithSignUp } from "@/app/(auth)/invite/[token]/actions";
import { resetPassword } from "@/app/(auth)/reset-password/[token]/actions";
import { signUp } from "@/app/(auth)/sign-up/actions";
import { verifyEmail } from "@/app/(auth)/verify-email/[token]/actions";
import { inviteMember, setTwoFactorPolicy } from "@/app/o/[org]/members/actions";
import { createUseCase } from "@/app/o/[org]/use-cases/actions";
import { lastResetDelivery } from "@/lib/server/account-security";
import { TOKEN_TTL_MS } from "@/lib/server/account-tokens";
import { authOptions } from "@/lib/server/auth-options";
import { db } from "@/lib/server/db";
import { requireMember } from "@/lib/server/guard";
import { findInvitation } from "@/lib/server/invitations";
import { verifyPassword } from "@/lib/server/passwords";
import { checkSession, newSessionClaims } from "@/lib/server/sessions";
import { currentCode } from "@/lib/server/two-factor";
import { ACCOUNT_PASSWORD, makeAccount } from "./helpers/accounts";
import { actFrom } from "./helpers/client-address";
import { createTestOrg } from "./helpers/factory";
import { setTestSessionId, signInAs, signOut } from "./helpers/session";
import { startSmtp, type TestSmtp } from "./helpers/smtp";

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
const provider = authOptions.providers.find((p) => p.id === "credentials") as unknown as { options: { authorize: Authorize } };
let ipN = 0;

/** What the sign-in form would get: "ok", "refused", or next-auth's error code. */
async function signIn(email: string, password: string, code?: string): Promise<string> {
  try {
    const user = await provider.options.authorize({ email, password, ...(code !== undefined ? { code } : {}) }, { headers: { "x-forwarded-for": `203.0.113.${(ipN++ % 250) + 1}` } });
    return user ? "ok" : "refused";
  } catch (err) {
    return (err as Error).message;
  }
}

const STRONG = "violet harbour ladder 91";
const tokenIn = (link: string | undefined) => link!.split("/").pop()!;
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startSmtp();
  process.env.SMTP_URL = smtp.url;
  process.env.NEXTAUTH_URL = "https://tradeoff.example";
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.close();
});

describe("email confirmation", () => {
  it("sign-up mails a link; until it is opened the right password makes no session and mails a new link; the link confirms once, audited", async () => {
    signOut();
    const email = `founder-${randomUUID().slice(0, 8)}@accounts.test`;
    expect(await signUp({ name: "Fay Founder", email, password: STRONG, organizationName: "Fay's Firm" })).toEqual({ ok: true, data: { checkEmail: true } });
    const first = smtp.linkTo(email, "/verify-email/");
    expect(first).toMatch(/^https:\/\/tradeoff\.example\/verify-email\/[A-Za-z0-9_-]{43}$/);
    expect(smtp.to(email)[0]!.subject).toBe("Confirm your email address for Tradeoff");

    expect(await signIn(email, "not the password")).toBe("refused");
    // Right after sign-up, the link just sent is the one to use: no second mail.
    expect(await signIn(email, STRONG)).toBe("EMAIL_NOT_VERIFIED");
    expect(smtp.to(email)).toHaveLength(1);
    // Minutes later, a sign-in mails a new link (the older one now withdrawn); a second try at once sends no third.
    await db.accountToken.updateMany({ where: { user: { email } }, data: { createdAt: new Date(Date.now() - 3 * 60_000) } });
    expect(await signIn(email, STRONG)).toBe("EMAIL_NOT_VERIFIED");
    expect(smtp.to(email)).toHaveLength(2);
    expect(await signIn(email, STRONG)).toBe("EMAIL_NOT_VERIFIED");
    expect(smtp.to(email)).toHaveLength(2);
    const second = smtp.linkTo(email, "/verify-email/");
    expect(second).not.toBe(first);

    expect(await verifyEmail({ token: tokenIn(first) })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await verifyEmail({ token: tokenIn(second) })).toEqual({ ok: true, data: { email } });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerifiedAt).not.toBeNull();
    const events = await db.auditEvent.findMany({ where: { actorId: user.id, action: "account.email_verified" } });
    expect(events).toHaveLength(1);
    // Used once.
    expect(await verifyEmail({ token: tokenIn(second) })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await signIn(email, STRONG)).toBe("ok");
  });

  it("a confirmation link stops working after two days", async () => {
    const who = await makeAccount({ verified: false });
    expect(await signIn(who.email, who.password)).toBe("EMAIL_NOT_VERIFIED");
    const token = tokenIn(smtp.linkTo(who.email, "/verify-email/"));
    await db.accountToken.updateMany({ where: { userId: who.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await verifyEmail({ token })).toMatchObject({ ok: false, code: "NOT_FOUND", message: expect.stringMatching(/expired/) });
    expect((await db.user.findUniqueOrThrow({ where: { id: who.id } })).emailVerifiedAt).toBeNull();
    expect(TOKEN_TTL_MS["email-verification"]).toBe(48 * 3600 * 1000);
  });

  it("an invitee who has joined but not yet confirmed is not deleted by a stranger signing up with their address", async () => {
    const org = await createTestOrg("invitee");
    const email = `invitee-${randomUUID().slice(0, 8)}@accounts.test`;
    signInAs(org.users.ADMIN.id);
    const inv = await inviteMember(org.slug, { email, role: "LEAD" });
    signOut();
    if (!inv.ok) throw new Error(inv.message);
    const joined = await acceptInvitationWithSignUp({ token: tokenIn(smtp.linkTo(email, "/invite/")!), name: "Nina Newbie", password: STRONG });
    expect(joined).toMatchObject({ ok: true });
    const nina = await db.user.findUniqueOrThrow({ where: { email } });
    expect(nina.emailVerifiedAt).toBeNull();
    const confirm = smtp.linkTo(email, "/verify-email/");

    // A stranger signs up with the address: answered as for any address, nothing created, nothing removed.
    const squat = await signUp({ name: "Mallory", email, password: "mallory picks a long one", organizationName: "Squatters" });
    expect(squat).toMatchObject({ ok: true });
    const after = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    expect(after).toMatchObject({ id: nina.id, name: "Nina Newbie" });
    expect(after.memberships.map((m) => [m.organizationId, m.role])).toEqual([[org.id, "LEAD"]]);
    expect(await db.organization.count({ where: { name: "Squatters" } })).toBe(0);
    // Nina is told someone tried; her own confirmation link still works, and then she is in.
    expect(smtp.linkTo(email, "/forgot-password")).toBeDefined();
    expect(await signIn(email, STRONG)).toBe("EMAIL_NOT_VERIFIED");
    expect(await verifyEmail({ token: tokenIn(confirm) })).toMatchObject({ ok: true });
    expect(await signIn(email, STRONG)).toBe("ok");
    expect(await signIn(email, "mallory picks a long one")).toBe("refused");
  });

  it("an unconfirmed account cannot block an invitation to its address: accepting replaces it, and the newcomer confirms by mail", async () => {
    const org = await createTestOrg("squat");
    const email = `victim-${randomUUID().slice(0, 8)}@accounts.test`;
    // Someone else signs up with the address and never confirms it.
    signOut();
    await signUp({ name: "Squatter", email, password: "squatter picks a long one", organizationName: "Squat Co" });
    const squatter = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    signInAs(org.users.ADMIN.id);
    const inv = await inviteMember(org.slug, { email, role: "LEAD" });
    signOut();
    if (!inv.ok) throw new Error(inv.message);
    const link = smtp.linkTo(email, "/invite/")!;
    expect((await findInvitation(tokenIn(link)))!.accountExists).toBe(false);

    const res = await acceptInvitationWithSignUp({ token: tokenIn(link), name: "Vic Real", password: STRONG });
    expect(res).toMatchObject({ ok: true, data: { checkEmail: true, email } });
    const now = await db.user.findUniqueOrThrow({ where: { email }, omit: { passwordHash: false } });
    expect(now.id).not.toBe(squatter.id);
    expect(await verifyPassword(now.passwordHash!, STRONG)).toBe(true);
    expect(await db.organization.findUnique({ where: { id: squatter.memberships[0]!.organizationId } })).toBeNull();
    // A member of the organization, but unconfirmed until the mailed link: the invitation link may have been passed on by hand.
    expect(await db.membership.count({ where: { userId: now.id, organizationId: org.id } })).toBe(1);
    expect(await signIn(email, STRONG)).toBe("EMAIL_NOT_VERIFIED");
    expect(await verifyEmail({ token: tokenIn(smtp.linkTo(email, "/verify-email/")) })).toMatchObject({ ok: true });
    expect(await signIn(email, STRONG)).toBe("ok");
    expect(await signIn(email, "squatter picks a long one")).toBe("refused");
  });

  it("a confirmed account keeps its address: a sign-up with it creates nothing and mails the owner", async () => {
    const owner = await makeAccount();
    signOut();
    const users = await db.user.count();
    expect(await signUp({ name: "Other", email: owner.email, password: STRONG, organizationName: "Other Co" })).toEqual({ ok: true, data: { checkEmail: true } });
    expect(await db.user.count()).toBe(users);
    expect(smtp.to(owner.email).at(-1)!.subject).toBe("Someone tried to create a Tradeoff account with your address");
    expect(smtp.linkTo(owner.email, "/forgot-password")).toBeDefined();
  });
});

describe("password reset by mail", () => {
  it("answers the same for an unknown address, mails only a real one, and the link sets a new password once, ending every session, audited", async () => {
    const org = await createTestOrg("reset");
    const who = await makeAccount({ member: { organizationId: org.id, role: "LEAD" } });
    const oldSession = { uid: who.id, ...newSessionClaims(Date.now() - 60_000) };
    expect((await checkSession(oldSession)).ok).toBe(true);
    signOut();
    const unknown = `nobody-${randomUUID().slice(0, 8)}@accounts.test`;
    const a = await requestPasswordReset({ email: unknown });
    await lastResetDelivery;
    const b = await requestPasswordReset({ email: who.email.toUpperCase() });
    await lastResetDelivery;
    expect(a).toEqual(b);
    expect(smtp.to(unknown)).toEqual([]);
    const link = smtp.linkTo(who.email, "/reset-password/");
    expect(link).toMatch(/^https:\/\/tradeoff\.example\/reset-password\/[A-Za-z0-9_-]{43}$/);

    // A weak choice is refused with advice, and leaves the link usable.
    const weak = await resetPassword({ token: tokenIn(link), password: "password123" });
    expect(weak).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { password: [expect.stringMatching(/too easy to guess/)] } });
    expect(await resetPassword({ token: tokenIn(link), password: STRONG })).toEqual({ ok: true, data: { reset: true } });
    expect(await signIn(who.email, who.password)).toBe("refused");
    expect(await signIn(who.email, STRONG)).toBe("ok");
    expect(await checkSession(oldSession)).toEqual({ ok: false, reason: "signed-out-everywhere" });
    expect(await resetPassword({ token: tokenIn(link), password: "another fine long phrase" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const actions = (await db.auditEvent.findMany({ where: { organizationId: org.id, entityId: who.id }, orderBy: { at: "asc" } })).map((e) => [e.action, e.actorId]);
    expect(actions).toEqual([
      ["account.password_reset_requested", null],
      ["account.password_reset", who.id],
    ]);
    expect(smtp.to(who.email).at(-1)!.subject).toBe("Your Tradeoff password was reset");
  });

  it("a reset link stops working after an hour, and a newer one replaces it", async () => {
    const who = await makeAccount();
    await requestPasswordReset({ email: who.email });
    await lastResetDelivery;
    const first = tokenIn(smtp.linkTo(who.email, "/reset-password/"));
    await requestPasswordReset({ email: who.email });
    await lastResetDelivery;
    const second = tokenIn(smtp.linkTo(who.email, "/reset-password/"));
    expect(await resetPassword({ token: first, password: STRONG })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    await db.accountToken.updateMany({ where: { userId: who.id, usedAt: null }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await resetPassword({ token: second, password: STRONG })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await signIn(who.email, who.password)).toBe("ok");
    expect(TOKEN_TTL_MS["password-reset"]).toBe(3600 * 1000);
  });

  it("requests are throttled per address: the sixth in 15 minutes waits", async () => {
    actFrom(`reset-flood-${randomUUID()}`);
    try {
      for (let i = 0; i < 5; i++) expect(await requestPasswordReset({ email: `x${i}-${randomUUID()}@accounts.test` })).toMatchObject({ ok: true });
      expect(await requestPasswordReset({ email: `y-${randomUUID()}@accounts.test` })).toMatchObject({ ok: false, code: "TOO_MANY_REQUESTS" });
    } finally {
      actFrom(null);
    }
  });
});

describe("password change", () => {
  it("needs the current password and a strong new one; ends the other sessions and keeps this one; audited and mailed", async () => {
    const org = await createTestOrg("change");
    const who = await makeAccount({ member: { organizationId: org.id, role: "FINANCE" } });
    const here = { uid: who.id, ...newSessionClaims(Date.now() - 60_000) };
    const elsewhere = { uid: who.id, ...newSessionClaims(Date.now() - 30_000) };
    signInAs(who.id);
    setTestSessionId(here.sid);
    try {
      expect(await changePassword({ currentPassword: "wrong one entirely", newPassword: STRONG })).toMatchObject({
        ok: false,
        fieldErrors: { currentPassword: ["That is not your current password."] },
      });
      const weak = await changePassword({ currentPassword: who.password, newPassword: "pat person 1" });
      expect(weak).toMatchObject({ ok: false, fieldErrors: { newPassword: [expect.stringMatching(/too easy to guess/)] } });
      expect(await signIn(who.email, who.password)).toBe("ok");

      expect(await changePassword({ currentPassword: who.password, newPassword: STRONG })).toEqual({ ok: true, data: { changed: true } });
      expect((await checkSession(here)).ok).toBe(true);
      expect(await checkSession(elsewhere)).toEqual({ ok: false, reason: "signed-out-everywhere" });
      expect(await signIn(who.email, STRONG)).toBe("ok");
      expect(await signIn(who.email, who.password)).toBe("refused");
      expect(await db.auditEvent.count({ where: { organizationId: org.id, actorId: who.id, action: "account.password_changed" } })).toBe(1);
      expect(smtp.to(who.email).at(-1)!.subject).toBe("Your Tradeoff password was changed");
    } finally {
      setTestSessionId(null);
      signOut();
    }
  });
});

describe("two-factor sign-in", () => {
  it("enrols with a code from the app, shows ten recovery codes once, and then the password alone makes no session", async () => {
    const org = await createTestOrg("totp");
    const who = await makeAccount({ member: { organizationId: org.id, role: "LEAD" } });
    signInAs(who.id);
    const begun = await beginTwoFactor({});
    if (!begun.ok) throw new Error(begun.message);
    expect(begun.data.uri).toMatch(/^otpauth:\/\/totp\/Tradeoff:.+\?.*secret=/);
    expect(begun.data.qrSvg).toMatch(/^<svg/);
    // Not in force until confirmed.
    expect(await signIn(who.email, who.password)).toBe("ok");
    expect(await enableTwoFactor({ code: "000000" })).toMatchObject({ ok: false, fieldErrors: { code: [expect.any(String)] } });
    const enabled = await enableTwoFactor({ code: currentCode(begun.data.secret) });
    if (!enabled.ok) throw new Error(enabled.message);
    expect(enabled.data.recoveryCodes).toHaveLength(10);
    expect(new Set(enabled.data.recoveryCodes).size).toBe(10);
    // Stored hashed only.
    const stored = await db.recoveryCode.findMany({ where: { userId: who.id } });
    expect(stored.some((r) => enabled.data.recoveryCodes.includes(r.codeHash))).toBe(false);
    signOut();

    expect(await signIn(who.email, who.password)).toBe("TWO_FACTOR_REQUIRED");
    expect(await signIn(who.email, "wrong password", currentCode(begun.data.secret, Date.now() + 30_000))).toBe("refused");
    expect(await signIn(who.email, who.password, "123456")).toBe("TWO_FACTOR_INVALID");
    const code = currentCode(begun.data.secret, Date.now() + 30_000);
    expect(await signIn(who.email, who.password, code)).toBe("ok");
    // A code works once.
    expect(await signIn(who.email, who.password, code)).toBe("TWO_FACTOR_INVALID");
    // A recovery code works once, whatever its case or dashes.
    const recovery = enabled.data.recoveryCodes[0]!;
    expect(await signIn(who.email, who.password, recovery.toUpperCase().replace("-", " "))).toBe("ok");
    expect(await signIn(who.email, who.password, recovery)).toBe("TWO_FACTOR_INVALID");
    const actions = (await db.auditEvent.findMany({ where: { organizationId: org.id, actorId: who.id, entity: "User" } })).map((e) => e.action).sort();
    expect(actions).toEqual(["account.recovery_code_used", "account.two_factor_enabled", "account.two_factor_enrolment_started"]);
  });

  it("new recovery codes replace the old; turning off needs the password and a code", async () => {
    const org = await createTestOrg("totp2");
    const who = await makeAccount({ twoFactor: true, member: { organizationId: org.id, role: "LEAD" } });
    signInAs(who.id);
    const again = await regenerateRecoveryCodes({ code: who.code() });
    if (!again.ok) throw new Error(again.message);
    expect(await signIn(who.email, who.password, who.recoveryCodes![0]!)).toBe("TWO_FACTOR_INVALID");
    expect(await signIn(who.email, who.password, again.data.recoveryCodes[0]!)).toBe("ok");
    expect(await disableTwoFactor({ password: "not my password", code: again.data.recoveryCodes[1]! })).toMatchObject({ ok: false, fieldErrors: { password: [expect.any(String)] } });
    expect(await disableTwoFactor({ password: who.password, code: again.data.recoveryCodes[1]! })).toEqual({ ok: true, data: { disabled: true } });
    expect(await signIn(who.email, who.password)).toBe("ok");
    expect(await db.recoveryCode.count({ where: { userId: who.id } })).toBe(0);
    signOut();
  });

  it("wrong passwords and codes at 'turn off' and 'new recovery codes' wait after five, together with the password change's", async () => {
    const org = await createTestOrg("totp-guess");
    const who = await makeAccount({ twoFactor: true, member: { organizationId: org.id, role: "LEAD" } });
    signInAs(who.id);
    for (let i = 0; i < 3; i++) expect(await disableTwoFactor({ password: `guess ${i}`, code: "123456" })).toMatchObject({ ok: false, fieldErrors: { password: [expect.any(String)] } });
    for (let i = 0; i < 2; i++) expect(await regenerateRecoveryCodes({ code: "000000" })).toMatchObject({ ok: false, fieldErrors: { code: [expect.any(String)] } });
    // The sixth try waits, even with the right password and code: the guess is not checked.
    const sixth = await disableTwoFactor({ password: who.password, code: who.code() });
    expect(sixth).toMatchObject({ ok: false, code: "TOO_MANY_REQUESTS" });
    expect(!sixth.ok && sixth.message).toMatch(/^Too many wrong passwords or codes\. Wait \d+ seconds? and try again\.$/);
    expect(await regenerateRecoveryCodes({ code: who.code() })).toMatchObject({ ok: false, code: "TOO_MANY_REQUESTS" });
    expect(await changePassword({ currentPassword: who.password, newPassword: "a brand new long passphrase 7" })).toMatchObject({ ok: false, code: "TOO_MANY_REQUESTS" });
    expect((await db.user.findUniqueOrThrow({ where: { id: who.id } })).totpEnabledAt).not.toBeNull();
    signOut();
  });

  it("the organization's rule: required of admins keeps an admin without it out (not a lead); of everyone, the lead too; it cannot be turned off while required", async () => {
    const org = await createTestOrg("rule");
    const admin = await makeAccount({ twoFactor: true, member: { organizationId: org.id, role: "ADMIN" } });
    // An admin without two-factor cannot make a rule that would lock them out.
    signInAs(org.users.ADMIN.id);
    expect(await setTwoFactorPolicy(org.slug, { policy: "admins" })).toMatchObject({ ok: false, code: "VALIDATION" });
    signInAs(admin.id);
    expect(await setTwoFactorPolicy(org.slug, { policy: "admins" })).toEqual({ ok: true, data: { policy: "admins", changed: true } });
    expect(await db.auditEvent.count({ where: { organizationId: org.id, action: "organization.two_factor_policy_changed" } })).toBe(1);

    signInAs(org.users.ADMIN.id);
    await expect(requireMember(org.slug)).rejects.toMatchObject({ code: "TWO_FACTOR_REQUIRED" });
    expect(await createUseCase(org.slug, { title: "Blocked" })).toMatchObject({ ok: false, code: "TWO_FACTOR_REQUIRED" });
    signInAs(org.users.LEAD.id);
    expect(await createUseCase(org.slug, { title: "Allowed" })).toMatchObject({ ok: true });
    signInAs(admin.id);
    await expect(requireMember(org.slug)).resolves.toMatchObject({ role: "ADMIN" });
    expect(await disableTwoFactor({ password: admin.password, code: admin.code() })).toMatchObject({ ok: false, code: "CONFLICT" });

    expect(await setTwoFactorPolicy(org.slug, { policy: "everyone" })).toMatchObject({ ok: true });
    signInAs(org.users.LEAD.id);
    expect(await createUseCase(org.slug, { title: "Now blocked" })).toMatchObject({ ok: false, code: "TWO_FACTOR_REQUIRED" });
    signOut();
  });
});

it("every new account password passes the strength check against its context", async () => {
  signOut();
  const res = await signUp({ name: "Maria Lopez", email: `maria.lopez-${randomUUID().slice(0, 4)}@kestrel.test`, password: "marialopezkestrel", organizationName: "Kestrel" });
  expect(res).toMatchObject({ ok: false, fieldErrors: { password: [expect.stringMatching(/too easy to guess/)] } });
  expect(ACCOUNT_PASSWORD.length).toBeGreaterThan(10);
});
