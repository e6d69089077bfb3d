/**
 * Sign-out and session expiry end access on the server, not only in the browser: through the
 * app's real next-auth route (CSRF, credentials sign-in, sign-out) and the real guard reading the
 * real session cookie. A copy of the cookie taken before sign-out is refused afterwards (by the
 * guard, server actions and page guard alike); so are expired tokens, tokens past the absolute
 * lifetime however often refreshed, tokens made before sessions carried an id, and every session
 * of a person who signed out everywhere. Sign-in and sign-out are audited.
 */
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/server/db";
import { NotSignedInError } from "@/lib/server/errors";
import { requireMember, requireUser } from "@/lib/server/guard";
import { guardPage } from "@/lib/server/page-guard";
import { hashPassword } from "@/lib/server/passwords";
import { SESSION_ABSOLUTE_MAX_AGE_SECONDS, SESSION_AUDIT } from "@/lib/server/sessions";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/server/auth-options";
import { createUseCase } from "@/app/o/[org]/use-cases/actions";
import { signOutEverywhere } from "@/app/(auth)/account/actions";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { asBrowser, CookieJar, SESSION_COOKIE, sessionOf, signInWithPassword, signOutOf } from "./helpers/auth-route";

// The guard reads the real next-auth session here, not the test stub.
vi.unmock("@/lib/server/session");

const PASSWORD = "correct horse battery staple";
const secret = () => process.env.NEXTAUTH_SECRET!;

let org: TestOrg;
let person: { id: string; email: string };

async function withPassword(user: { id: string; email: string }) {
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
  return user;
}

function jarWith(token: string): CookieJar {
  return new CookieJar().set(SESSION_COOKIE, token);
}

/** Who the guard says is signed in with this cookie jar, or "refused". */
async function guardSees(jar: CookieJar): Promise<string> {
  try {
    return (await asBrowser(jar, () => requireMember(org.slug))).user.id;
  } catch (err) {
    if (err instanceof NotSignedInError) return "refused";
    throw err;
  }
}

/** A token as next-auth would encode it, with the given claims. */
async function tokenWith(claims: Record<string, unknown>, maxAge = SESSION_MAX_AGE_SECONDS): Promise<string> {
  return encode({ secret: secret(), maxAge, token: { sub: person.id, email: person.email, name: "x", ...claims } });
}

beforeAll(async () => {
  org = await createTestOrg("sessions");
  person = await withPassword(org.users.EXECUTIVE);
});

describe("sign-out revokes the session on the server", () => {
  it("a copy of the cookie taken before sign-out is refused by the guard, server actions, the page guard and the session endpoint", async () => {
    const jar = await signInWithPassword(person.email, PASSWORD);
    expect(await guardSees(jar)).toBe(person.id);
    const copied = jar.get(SESSION_COOKIE)!;

    const signedIn = await db.auditEvent.findMany({ where: { organizationId: org.id, actorId: person.id, action: SESSION_AUDIT.signedIn } });
    expect(signedIn).toHaveLength(1);

    await signOutOf(jar);
    expect(jar.get(SESSION_COOKIE)).toBeUndefined();

    const stolen = jarWith(copied);
    expect(await guardSees(stolen)).toBe("refused");
    await expect(asBrowser(stolen, () => requireUser())).rejects.toBeInstanceOf(NotSignedInError);
    const title = `After sign-out ${randomUUID()}`;
    expect(await asBrowser(stolen, () => createUseCase(org.slug, { title }))).toMatchObject({ ok: false, code: "NOT_SIGNED_IN", message: "Please sign in." });
    expect(await db.useCase.count({ where: { title } })).toBe(0);
    // A page sends the browser to sign in.
    const redirect = await asBrowser(stolen, () => guardPage(org.slug, undefined, `/o/${org.slug}/portfolio`)).catch((e: unknown) => e);
    expect(String((redirect as { digest?: string }).digest)).toContain(`/sign-in?callbackUrl=${encodeURIComponent(`/o/${org.slug}/portfolio`)}`);
    // The session endpoint answers "no session" and clears the cookie.
    expect(await sessionOf(stolen)).toEqual({});
    expect(stolen.get(SESSION_COOKIE)).toBeUndefined();

    const revoked = await db.revokedSession.findMany({ where: { userId: person.id } });
    expect(revoked).toHaveLength(1);
    const signedOut = await db.auditEvent.findMany({ where: { organizationId: org.id, action: SESSION_AUDIT.signedOut, entityId: revoked[0]!.sessionId } });
    expect(signedOut).toHaveLength(1);
    expect(signedOut[0]).toMatchObject({ actorId: person.id, entity: "Session" });
    // Kept until the session could not be used anyway, no longer.
    expect(revoked[0]!.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + SESSION_ABSOLUTE_MAX_AGE_SECONDS * 1000);
  });

  it("revokes the session, not one token: a cookie refreshed before sign-out (a new jti) is refused too", async () => {
    const jar = await signInWithPassword(person.email, PASSWORD);
    const first = jar.get(SESSION_COOKIE)!;
    expect((await sessionOf(jar)).user?.id).toBe(person.id);
    const refreshed = jar.get(SESSION_COOKIE)!;
    expect(refreshed).not.toBe(first);

    await signOutOf(jarWith(first));
    expect(await guardSees(jarWith(refreshed))).toBe("refused");
    expect(await guardSees(jarWith(first))).toBe("refused");
  });

  it("signing out one session leaves the person's other sessions (another browser) signed in", async () => {
    const laptop = await signInWithPassword(person.email, PASSWORD);
    const phone = await signInWithPassword(person.email, PASSWORD);
    await signOutOf(laptop);
    expect(await guardSees(phone)).toBe(person.id);
    expect(await guardSees(laptop)).toBe("refused");
  });

  it("prunes revocations whose sessions have expired anyway", async () => {
    const old = `old-${randomUUID()}`;
    await db.revokedSession.create({ data: { sessionId: old, userId: person.id, revokedAt: new Date(Date.now() - 3 * 86_400_000), expiresAt: new Date(Date.now() - 86_400_000) } });
    await signOutOf(await signInWithPassword(person.email, PASSWORD));
    expect(await db.revokedSession.count({ where: { sessionId: old } })).toBe(0);
  });

  it("signing out with a cookie that is already revoked writes no second revocation or audit event", async () => {
    const jar = await signInWithPassword(person.email, PASSWORD);
    const copied = jar.get(SESSION_COOKIE)!;
    await signOutOf(jar);
    const before = await db.auditEvent.count({ where: { organizationId: org.id, action: SESSION_AUDIT.signedOut } });
    await signOutOf(jarWith(copied));
    expect(await db.auditEvent.count({ where: { organizationId: org.id, action: SESSION_AUDIT.signedOut } })).toBe(before);
  });
});

describe("expired and incomplete sessions are refused", () => {
  it("a token made by a real sign-in is honoured; the same claims past the token's expiry are not", async () => {
    const live = await tokenWith({ uid: person.id, sid: randomUUID(), authAt: Date.now() });
    expect(await guardSees(jarWith(live))).toBe(person.id);
    const expired = await tokenWith({ uid: person.id, sid: randomUUID(), authAt: Date.now() - 10 * 3600_000 }, -3600);
    expect(await guardSees(jarWith(expired))).toBe("refused");
  });

  it("a session older than the absolute lifetime is refused however recently its token was refreshed", async () => {
    const authAt = Date.now() - (SESSION_ABSOLUTE_MAX_AGE_SECONDS + 60) * 1000;
    const kept = await tokenWith({ uid: person.id, sid: randomUUID(), authAt });
    expect(await guardSees(jarWith(kept))).toBe("refused");
    const justInside = await tokenWith({ uid: person.id, sid: randomUUID(), authAt: Date.now() - (SESSION_ABSOLUTE_MAX_AGE_SECONDS - 600) * 1000 });
    expect(await guardSees(jarWith(justInside))).toBe(person.id);
  });

  it("a token without a session id (as made before sessions could be revoked) is refused", async () => {
    expect(await guardSees(jarWith(await tokenWith({ uid: person.id })))).toBe("refused");
    expect(await guardSees(jarWith(await tokenWith({ uid: person.id, sid: randomUUID() })))).toBe("refused");
  });

  it("a token signed with another secret, or a made-up cookie, is refused with one warning line, not an error", async () => {
    const errors = vi.spyOn(console, "error");
    const warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const forged = await encode({ secret: "not-the-secret-0123456789", token: { uid: person.id, sid: randomUUID(), authAt: Date.now() } });
      expect(await guardSees(jarWith(forged))).toBe("refused");
      expect(await guardSees(jarWith("garbage.not.a.jwe.at-all"))).toBe("refused");
      expect(errors).not.toHaveBeenCalled();
      expect(warnings).toHaveBeenCalledWith(expect.stringContaining("does not decrypt"));
    } finally {
      errors.mockRestore();
      warnings.mockRestore();
    }
  });
});

describe("sign out everywhere", () => {
  it("ends every session of the person, this one included, audited; a new sign-in works", async () => {
    const lead = await withPassword(org.users.LEAD);
    const laptop = await signInWithPassword(lead.email, PASSWORD);
    const phone = await signInWithPassword(lead.email, PASSWORD);
    expect(await guardSees(phone)).toBe(lead.id);

    expect(await asBrowser(laptop, () => signOutEverywhere({}))).toMatchObject({ ok: true });
    expect(await guardSees(laptop)).toBe("refused");
    expect(await guardSees(phone)).toBe("refused");
    const events = await db.auditEvent.findMany({ where: { organizationId: org.id, action: SESSION_AUDIT.signedOutEverywhere, actorId: lead.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entity: "User", entityId: lead.id });

    // Someone else's sessions are untouched.
    expect(await guardSees(await signInWithPassword(person.email, PASSWORD))).toBe(person.id);
    // Signed out: the action refuses; a new sign-in works.
    expect(await asBrowser(phone, () => signOutEverywhere({}))).toMatchObject({ ok: false, code: "NOT_SIGNED_IN" });
    await new Promise((r) => setTimeout(r, 5));
    expect(await guardSees(await signInWithPassword(lead.email, PASSWORD))).toBe(lead.id);
  });
});

describe("the signed-in person, as the guard sees them", () => {
  it("is read as stored now, in the query that checks the session: a rename shows on the next request without signing in again", async () => {
    const finance = await withPassword(org.users.FINANCE);
    const jar = await signInWithPassword(finance.email, PASSWORD);
    const before = await asBrowser(jar, () => requireMember(org.slug));
    expect(before.user).toEqual({ id: finance.id, email: finance.email, name: expect.any(String) });

    const name = `Renamed ${randomUUID().slice(0, 8)}`;
    await db.user.update({ where: { id: finance.id }, data: { name } });
    expect((await asBrowser(jar, () => requireMember(org.slug))).user).toEqual({ id: finance.id, email: finance.email, name });
    expect((await asBrowser(jar, () => requireUser())).name).toBe(name);
  });
});
