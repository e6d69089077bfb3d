import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import type { Role } from "./db";
import { ForbiddenError, NotAMemberError, NotSignedInError } from "./errors";
import { ALL_ROLES, requireMember, type MemberContext } from "./guard";

/**
 * The guard for pages: not signed in → the sign-in page (coming back afterwards);
 * not a member → 404 (an organization's existence is not revealed); role not allowed → 403.
 */
export async function guardPage(orgSlug: string, roles: readonly Role[] = ALL_ROLES, returnTo?: string): Promise<MemberContext> {
  try {
    return await requireMember(orgSlug, roles);
  } catch (err) {
    if (err instanceof NotSignedInError) redirect(`/sign-in${returnTo ? `?callbackUrl=${encodeURIComponent(returnTo)}` : ""}`);
    if (err instanceof NotAMemberError) notFound();
    if (err instanceof ForbiddenError) forbidden();
    throw err;
  }
}
