import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { withoutUnstorable } from "@/lib/domain/text";
import { db, Prisma } from "./db";

/**
 * The security log: what was refused or failed, as events with a time, the person (the signed-in
 * actor, or the account a sign-in was tried on), the request's address and the outcome.
 *
 * - Failed and throttled sign-ins of an existing account are events of every organization that
 *   account belongs to (one row each), so each organization's admins see them; for an email that
 *   matches no account, one row with no organization and no email (it may be a mistyped password).
 * - A refused authorization is an event of the organization that was asked for: a member whose
 *   role does not allow it (`security.access.forbidden`), or someone who is not a member
 *   (`security.access.not_member`: a cross-organization probe). An organization that does not
 *   exist gives a row with no organization.
 *
 * Bounded growth: repeats of the same organization, action, person, address and target within a
 * ten-minute window are one row whose `count` and `lastAt` grow (INSERT … ON CONFLICT on a hash of
 * those). Once an organization (or "no organization") has CAP distinct rows in a window, further
 * new combinations go into one overflow row per action with address and target "(many)". Rows are
 * deleted after RETENTION_DAYS. So a flood adds at most CAP + a few rows per organization per window.
 *
 * Recording never turns a refusal into a failure: any error is logged and swallowed. Nothing is
 * recorded on the success path. Each new row (and each doubling of its count) also writes one line
 * to the server log, so a probe is visible to operators as well.
 */
export const SECURITY_ACTIONS = {
  signInFailed: "security.sign_in.failed",
  signInThrottled: "security.sign_in.throttled",
  notMember: "security.access.not_member",
  forbidden: "security.access.forbidden",
} as const;
export type SecurityAction = (typeof SECURITY_ACTIONS)[keyof typeof SECURITY_ACTIONS];
export type SecurityOutcome = "failed" | "throttled" | "refused";
export type SecurityEntity = "Account" | "Page" | "Action" | "Route";

export const WINDOW_MS = 10 * 60 * 1000;
/** Distinct rows per organization (or none) and window before repeats go into the overflow row. */
export const CAP_PER_WINDOW = 200;
export const RETENTION_DAYS = 180;
export const MANY = "(many)";
/** Longest text kept in any column (a path, an entry point name). */
const MAX_TEXT = 300;

export interface SecurityEventInput {
  organizationId: string | null;
  action: SecurityAction;
  outcome: SecurityOutcome;
  userId: string | null;
  email: string | null;
  ip: string;
  entity: SecurityEntity;
  entityId: string;
}

/** Text PostgreSQL can store (no NUL, no lone surrogate), cut to MAX_TEXT. */
function storable(value: string): string {
  return withoutUnstorable(value.slice(0, MAX_TEXT));
}

function keyOf(parts: (string | number | null)[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url");
}

/** Writes (or counts) one event; returns the row's count, or null when it could not be written. */
export async function recordSecurityEvent(input: SecurityEventInput, now = new Date()): Promise<number | null> {
  try {
    const e = {
      ...input,
      ip: storable(input.ip || "unknown"),
      email: input.email ? storable(input.email) : null,
      entityId: storable(input.entityId),
    };
    const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
    const window = windowStart.getTime();
    const key = keyOf([e.organizationId, e.action, e.userId, e.email, e.ip, e.entity, e.entityId, window]);
    const overflowKey = keyOf([e.organizationId, e.action, MANY, window]);
    const sameOrg = e.organizationId === null ? Prisma.sql`"organizationId" IS NULL` : Prisma.sql`"organizationId" = ${e.organizationId}`;
    const rows = await db.$queryRaw<{ count: number; overflow: boolean }[]>`
      WITH seen AS (
        SELECT count(*) AS n FROM (
          SELECT 1 FROM "SecurityEvent" WHERE ${sameOrg} AND "firstAt" >= ${windowStart} LIMIT ${CAP_PER_WINDOW}
        ) w
      ), choice AS (
        SELECT (seen.n >= ${CAP_PER_WINDOW} AND NOT EXISTS (SELECT 1 FROM "SecurityEvent" WHERE "dedupeKey" = ${key})) AS overflow FROM seen
      )
      INSERT INTO "SecurityEvent" ("id", "organizationId", "action", "outcome", "userId", "email", "ip", "entity", "entityId", "count", "firstAt", "lastAt", "dedupeKey")
      SELECT ${randomUUID()}, ${e.organizationId}, ${e.action}, ${e.outcome},
             CASE WHEN overflow THEN NULL ELSE ${e.userId} END, CASE WHEN overflow THEN NULL ELSE ${e.email} END,
             CASE WHEN overflow THEN ${MANY} ELSE ${e.ip} END, ${e.entity}, CASE WHEN overflow THEN ${MANY} ELSE ${e.entityId} END,
             1, ${now}, ${now}, CASE WHEN overflow THEN ${overflowKey} ELSE ${key} END
        FROM choice
      ON CONFLICT ("dedupeKey") DO UPDATE SET "count" = "SecurityEvent"."count" + 1, "lastAt" = GREATEST("SecurityEvent"."lastAt", EXCLUDED."lastAt")
      RETURNING "count", ("ip" = ${MANY} AND "entityId" = ${MANY}) AS overflow`;
    const count = rows[0]?.count ?? null;
    if (count !== null && (count & (count - 1)) === 0) {
      // One line for a new row, then at 2, 4, 8 … repeats: a probe shows in the server log too.
      console.warn(
        `[security] ${JSON.stringify({ action: e.action, outcome: e.outcome, organizationId: e.organizationId, userId: e.userId, ip: e.ip, target: `${e.entity} ${e.entityId}`, count, overflow: rows[0]!.overflow })}`,
      );
    }
    if (Math.random() < 0.01) await pruneSecurityEvents(now);
    return count;
  } catch (err) {
    console.error("[security] could not record a security event:", err);
    return null;
  }
}

/** Deletes events older than the retention period. */
export async function pruneSecurityEvents(now = new Date()): Promise<number> {
  const { count } = await db.securityEvent.deleteMany({ where: { lastAt: { lt: new Date(now.getTime() - RETENTION_DAYS * 86_400_000) } } });
  return count;
}

/**
 * A failed or throttled sign-in: one event per organization of the account (or one with no
 * organization). `user` is the account the email names, or null when none does.
 */
export async function recordSignInEvent(
  kind: "failed" | "throttled",
  user: { id: string; email: string } | null,
  ip: string,
  now = new Date(),
): Promise<void> {
  try {
    const action = kind === "failed" ? SECURITY_ACTIONS.signInFailed : SECURITY_ACTIONS.signInThrottled;
    const orgs = user ? (await db.membership.findMany({ where: { userId: user.id }, select: { organizationId: true } })).map((m) => m.organizationId) : [];
    const base = { action, outcome: kind, userId: user?.id ?? null, email: user?.email ?? null, ip, entity: "Account" as const, entityId: user?.id ?? "" };
    if (orgs.length === 0) {
      await recordSecurityEvent({ ...base, organizationId: null }, now);
      return;
    }
    for (const organizationId of orgs) await recordSecurityEvent({ ...base, organizationId }, now);
  } catch (err) {
    console.error("[security] could not record a sign-in event:", err);
  }
}

/**
 * A refused authorization by the guard: `organizationSlug` was asked for by `user`. Records it as
 * an event of that organization (or of none when it does not exist).
 */
export async function recordRefusal(opts: {
  kind: "not_member" | "forbidden";
  user: { id: string; email: string };
  organizationId?: string | null;
  organizationSlug?: string;
  ip: string;
  entity: Exclude<SecurityEntity, "Account">;
  entityId: string;
}): Promise<void> {
  try {
    let organizationId = opts.organizationId ?? null;
    if (organizationId === null && opts.organizationSlug) {
      const org = await db.organization.findUnique({ where: { slug: opts.organizationSlug }, select: { id: true } });
      organizationId = org?.id ?? null;
    }
    await recordSecurityEvent({
      organizationId,
      action: opts.kind === "forbidden" ? SECURITY_ACTIONS.forbidden : SECURITY_ACTIONS.notMember,
      outcome: "refused",
      userId: opts.user.id,
      email: opts.user.email,
      ip: opts.ip,
      entity: opts.entity,
      entityId: opts.entityId,
    });
  } catch (err) {
    console.error("[security] could not record a refusal:", err);
  }
}
