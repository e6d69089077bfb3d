import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import type { Role } from "./db";
import { ForbiddenError, NotAMemberError, NotSignedInError, TwoFactorRequiredError } from "./errors";
import { ALL_ROLES, requireMember, type MemberContext } from "./guard";

/**
 * The guard for pages: not signed in → the sign-in page (coming back afterwards);
 * not a member → 404 (an organization's existence is not revealed); role not allowed → 403;
 * two-factor required by the organization and off → the account page, to turn it on.
 */
export async function guardPage(orgSlug: string, roles: readonly Role[] = ALL_ROLES, returnTo?: string): Promise<MemberContext> {
  try {
    return await requireMember(orgSlug, roles);
  } catch (err) {
    if (err instanceof NotSignedInError) redirect(`/sign-in${returnTo ? `?callbackUrl=${encodeURIComponent(returnTo)}` : ""}`);
    if (err instanceof NotAMemberError) notFound();
    if (err instanceof ForbiddenError) forbidden();
    if (err instanceof TwoFactorRequiredError) redirect(`/account?required=${encodeURIComponent(orgSlug)}#two-factor`);
    throw err;
  }
}
