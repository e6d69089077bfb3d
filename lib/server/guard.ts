import "server-only";
import { cache } from "react";
import { getSessionUser, type SessionUser } from "./session";
import { db, type Role } from "./db";
import { ForbiddenError, NotAMemberError, NotSignedInError, TwoFactorRequiredError } from "./errors";
import { requestIp, requestPath } from "./request-ip";
import { recordRefusal } from "./security-log";
import { policyCovers } from "@/lib/domain/accounts/two-factor-policy";

/**
 * The one guard. Every server action, route handler and page that reaches organization data
 * goes through `requireMember` (or `requireUser` for what belongs to the person alone).
 */
export type { SessionUser };

export interface MemberContext {
  user: SessionUser;
  organization: { id: string; name: string; slug: string };
  role: Role;
}

const SLUG_SHAPE = /^[a-z0-9-]{1,100}$/;

export const ALL_ROLES: readonly Role[] = ["ADMIN", "EXECUTIVE", "LEAD", "FINANCE"];

/**
 * The signed-in person, or null. Cached per request. The session is read through next-auth's jwt
 * callback, which refuses signed-out, expired and ended sessions and reads the person as stored
 * now, in one query (lib/server/sessions.ts).
 */
export const currentUser = cache(getSessionUser);

export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new NotSignedInError();
  return user;
}

const membershipFor = cache(async (userId: string, orgSlug: string) =>
  db.membership.findFirst({
    where: { userId, organization: { slug: orgSlug } },
    select: { role: true, organization: { select: { id: true, name: true, slug: true, twoFactorPolicy: true } } },
  }),
);

/** What a refused call was trying to reach: an entry point (actions, routes) or, by default, the page. */
export interface GuardTarget {
  entity: "Action" | "Route";
  entityId: string;
}

/**
 * One security event per person, organization and refusal in a request: a page's layout and the
 * page itself both ask the guard, and a refused visit is one event (React's cache is per request).
 */
const refusalRecorder = cache((_userId: string, _orgSlug: string, _kind: string) => ({ recorded: false }));

async function recordGuardRefusal(kind: "not_member" | "forbidden", user: SessionUser, orgSlug: string, organizationId: string | null, target?: GuardTarget): Promise<void> {
  try {
    const once = refusalRecorder(user.id, orgSlug, kind);
    if (once.recorded) return;
    once.recorded = true;
    const [ip, path] = await Promise.all([requestIp(), target ? Promise.resolve("") : requestPath()]);
    await recordRefusal({
      kind,
      user,
      organizationId,
      organizationSlug: SLUG_SHAPE.test(orgSlug) ? orgSlug : undefined,
      ip,
      entity: target?.entity ?? "Page",
      entityId: target?.entityId ?? (path || `/o/${SLUG_SHAPE.test(orgSlug) ? orgSlug : "(not an organization)"}`),
    });
  } catch (err) {
    // The refusal stands whatever happens to its record.
    console.error("[security] could not record a refusal:", err);
  }
}

const twoFactorOn = cache(async (userId: string) => {
  const row = await db.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
  return !!row?.totpEnabledAt;
});

/**
 * Resolves the signed-in member of the organization `orgSlug` and checks their role.
 * Throws NotSignedInError, NotAMemberError or ForbiddenError, each distinct, or
 * TwoFactorRequiredError when the organization requires two-factor of this member and it is off.
 * A refusal of a signed-in person for membership or role is recorded in the security log first
 * (lib/server/security-log.ts), as an event of the organization asked for; the success path
 * records nothing.
 */
export async function requireMember(orgSlug: string, roles: readonly Role[] = ALL_ROLES, target?: GuardTarget): Promise<MemberContext> {
  const user = await requireUser();
  // Slugs are made by slugify (lowercase letters, digits, hyphens): anything else names no
  // organization, and is refused before it reaches a query (PostgreSQL fails on a NUL in text).
  if (typeof orgSlug !== "string" || !SLUG_SHAPE.test(orgSlug)) {
    await recordGuardRefusal("not_member", user, typeof orgSlug === "string" ? orgSlug : "", null, target);
    throw new NotAMemberError();
  }
  const membership = await membershipFor(user.id, orgSlug);
  if (!membership) {
    await recordGuardRefusal("not_member", user, orgSlug, null, target);
    throw new NotAMemberError();
  }
  if (!roles.includes(membership.role)) {
    await recordGuardRefusal("forbidden", user, orgSlug, membership.organization.id, target);
    throw new ForbiddenError();
  }
  const { twoFactorPolicy, ...organization } = membership.organization;
  // The organization's rule (off, admins, everyone): a member it covers reaches nothing until
  // they have turned two-factor sign-in on.
  if (policyCovers(twoFactorPolicy, membership.role) && !(await twoFactorOn(user.id))) throw new TwoFactorRequiredError(organization.name);
  return { user, organization, role: membership.role };
}

/** The organizations a person belongs to, for the switcher. */
export async function myOrganizations(userId: string) {
  const rows = await db.membership.findMany({
    where: { userId },
    select: { role: true, organization: { select: { id: true, name: true, slug: true } } },
    orderBy: { organization: { name: "asc" } },
  });
  return rows.map((r) => ({ ...r.organization, role: r.role }));
}
