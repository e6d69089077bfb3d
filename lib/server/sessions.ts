import "server-only";
import { randomUUID } from "node:crypto";
import { audit } from "./audit";
import { db, type Tx } from "./db";

/**
 * Server-side control over sessions that are next-auth JWTs (which, once issued, cannot be
 * recalled): every session token carries
 *   uid     the user's id,
 *   sid     a random session id, set at sign-in and kept when the token is refreshed
 *           (next-auth gives each refresh a new `jti`, so the jti cannot name a session),
 *   authAt  when the person signed in (milliseconds).
 * The jwt callback (auth-options.ts) runs `checkSession` on every use of a token, which is
 * every call of the guard (requireUser / requireMember / guardPage, through getServerSession):
 * a token is refused when it lacks those claims, when its sign-in is older than the absolute
 * lifetime, when its session was signed out (RevokedSession), or when its user signed out
 * everywhere after it was issued (User.sessionsValidAfter).
 */

/**
 * However active a session is, it ends this long after sign-in. next-auth slides the token's own
 * expiry (8 hours of inactivity) on each refresh, so without this a copied token could be kept
 * alive forever; with it, a revocation only needs keeping until this moment, then it is pruned.
 */
export const SESSION_ABSOLUTE_MAX_AGE_SECONDS = 24 * 60 * 60;

export const SESSION_ENTITY = "Session";
export const SESSION_AUDIT = {
  signedIn: "session.signed_in",
  signedOut: "session.signed_out",
  signedOutEverywhere: "session.signed_out_everywhere",
} as const;

export type SessionRefusal = "incomplete" | "expired" | "revoked" | "signed-out-everywhere" | "unknown-user";

/** Thrown from the jwt callback: next-auth then treats the request as signed out and clears the cookie. */
export class SessionRefusedError extends Error {
  constructor(readonly reason: SessionRefusal) {
    super(`Session refused: ${reason}`);
    this.name = "SessionRefusedError";
  }
}

interface Claims {
  uid: string;
  sid: string;
  authAt: number;
}

function claimsOf(token: Record<string, unknown> | null | undefined): Claims | null {
  if (!token) return null;
  const { uid, sid, authAt } = token;
  if (typeof uid !== "string" || !uid || typeof sid !== "string" || !sid || typeof authAt !== "number" || !Number.isFinite(authAt)) return null;
  return { uid, sid, authAt };
}

/** The claims a new session starts with. */
export function newSessionClaims(now = Date.now()): { sid: string; authAt: number } {
  return { sid: randomUUID(), authAt: now };
}

/** When a session signed in at `authAt` ends, however active. */
export function sessionEndsAt(authAt: number): Date {
  return new Date(authAt + SESSION_ABSOLUTE_MAX_AGE_SECONDS * 1000);
}

/** The person a session belongs to, as stored now (a rename shows at once, not at the next sign-in). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

export type SessionCheck = { ok: true; user: SessionUser } | { ok: false; reason: SessionRefusal };

/**
 * Whether this token may be honoured and, when it may, whose it is: one database round trip,
 * which also gives the guard the person (so the guard needs no query of its own for them).
 */
export async function checkSession(token: Record<string, unknown> | null | undefined, now = Date.now()): Promise<SessionCheck> {
  const refuse = (reason: SessionRefusal): SessionCheck => ({ ok: false, reason });
  const c = claimsOf(token);
  if (!c) return refuse("incomplete");
  const exp = token?.exp;
  if (typeof exp === "number" && exp * 1000 <= now) return refuse("expired");
  if (c.authAt > now + 60_000 || sessionEndsAt(c.authAt).getTime() <= now) return refuse("expired");
  const rows = await db.$queryRaw<{ email: string; name: string; sessionsValidAfter: Date | null; keptSessionId: string | null; revoked: boolean }[]>`
    SELECT u.email, u.name, u."sessionsValidAfter", u."keptSessionId", EXISTS (SELECT 1 FROM "RevokedSession" r WHERE r."sessionId" = ${c.sid}) AS revoked
      FROM "User" u WHERE u."id" = ${c.uid}`;
  const row = rows[0];
  if (!row) return refuse("unknown-user");
  if (row.revoked) return refuse("revoked");
  // A password change or reset ends the person's other sessions; a change keeps the one it was made in.
  if (row.sessionsValidAfter && c.authAt < row.sessionsValidAfter.getTime() && c.sid !== row.keptSessionId) return refuse("signed-out-everywhere");
  return { ok: true, user: { id: c.uid, email: row.email, name: row.name } };
}

/** One audit event in each organization the person belongs to (a session is theirs, not one organization's). */
export async function auditForUser(
  tx: Tx,
  userId: string,
  entry: { action: string; entity?: string; entityId: string; before?: Record<string, unknown>; after: Record<string, unknown> },
  /** Who did it, when not the person themself (null: someone not signed in, e.g. asking for a reset link). */
  actorId: string | null = userId,
): Promise<number> {
  const memberships = await tx.membership.findMany({ where: { userId }, select: { organizationId: true } });
  for (const m of memberships) {
    await audit(tx, {
      organizationId: m.organizationId,
      actorId,
      action: entry.action,
      entity: entry.entity ?? SESSION_ENTITY,
      entityId: entry.entityId,
      before: entry.before,
      after: entry.after,
    });
  }
  return memberships.length;
}

/** Audits a sign-in (called once, when the session token is first made). */
export async function recordSignIn(userId: string, claims: { sid: string; authAt: number }, method: string): Promise<void> {
  await db.$transaction((tx) =>
    auditForUser(tx, userId, { action: SESSION_AUDIT.signedIn, entityId: claims.sid, after: { method, at: new Date(claims.authAt).toISOString() } }),
  );
}

/**
 * Sign-out: the session is revoked server-side (so a copy of its cookie stops working at once),
 * expired revocations are pruned, and the sign-out is audited, in one transaction. Returns false
 * when the token names no session (nothing to revoke) or it was revoked already.
 */
export async function revokeSession(token: Record<string, unknown> | null | undefined, now = new Date()): Promise<boolean> {
  const c = claimsOf(token);
  if (!c) return false;
  return db.$transaction(async (tx) => {
    await tx.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
    const { count } = await tx.revokedSession.createMany({
      data: [{ sessionId: c.sid, userId: c.uid, revokedAt: now, expiresAt: sessionEndsAt(c.authAt) }],
      skipDuplicates: true,
    });
    if (count === 0) return false;
    await auditForUser(tx, c.uid, { action: SESSION_AUDIT.signedOut, entityId: c.sid, after: { signedInAt: new Date(c.authAt).toISOString() } });
    return true;
  });
}

/** Ends every session of this person, this one included (sessions signed in before now are refused). */
export async function signOutEverywhere(userId: string, now = new Date()): Promise<{ at: string }> {
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionsValidAfter: true } });
    await tx.user.update({ where: { id: userId }, data: { sessionsValidAfter: now, keptSessionId: null } });
    await auditForUser(tx, userId, {
      action: SESSION_AUDIT.signedOutEverywhere,
      entity: "User",
      entityId: userId,
      before: { sessionsValidAfter: before.sessionsValidAfter?.toISOString() ?? null },
      after: { sessionsValidAfter: now.toISOString() },
    });
    return { at: now.toISOString() };
  });
}
