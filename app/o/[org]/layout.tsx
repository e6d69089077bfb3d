import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { RoleBadge } from "@/components/role-badge";
import { SignOutButton } from "@/components/sign-out-button";
import { SkipLink } from "@/components/skip-link";
import { NotAMemberError, NotSignedInError, TwoFactorRequiredError } from "@/lib/server/errors";
import { AUDIT_ROLES } from "@/lib/server/audit-roles";
import { buttonClass } from "@/components/button";
import { EXPORT_ROLES } from "@/lib/server/export/roles";
import { MEMBER_ROLES } from "@/lib/server/member-roles";
import { myOrganizations, requireMember, type MemberContext } from "@/lib/server/guard";
import { signInNotices } from "@/lib/server/notices";
import { unreadCount } from "@/lib/server/notifications";
import { NotificationBell } from "./_shell/notification-bell";
import { EndSessionsButton } from "./_shell/end-sessions-button";
import { NavLinks, type NavItem } from "./_shell/nav-links";
import { ScrollRegions } from "@/components/scroll-regions";
import { OrgSwitcher } from "./_shell/org-switcher";

/**
 * The shell around every page of one organization (/o/[org]/…): skip link, header with the app
 * name, the active organization (and the switcher), the person and their role, sign-out, and the
 * sections. Pages still guard themselves with guardPage(): a layout does not protect its pages.
 */
export default async function OrganizationLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  let ctx: MemberContext;
  try {
    ctx = await requireMember(org);
  } catch (err) {
    // Signed out: the page's own guard sends them to sign in, with the way back.
    if (err instanceof NotSignedInError) return <>{children}</>;
    if (err instanceof NotAMemberError) notFound();
    if (err instanceof TwoFactorRequiredError) redirect(`/account?required=${encodeURIComponent(org)}#two-factor`);
    throw err;
  }
  const [organizations, notices, unread] = await Promise.all([myOrganizations(ctx.user.id), signInNotices(ctx.user.id), unreadCount(ctx.organization.id, ctx.user.id)]);
  const base = `/o/${ctx.organization.slug}`;
  const nav: NavItem[] = [
    { href: `${base}/decisions`, label: "To decide" },
    { href: `${base}/use-cases`, label: "Use cases" },
    { href: `${base}/portfolio`, label: "Portfolio" },
    { href: `${base}/actuals`, label: "Actual spend" },
    { href: `${base}/assumptions`, label: "Assumptions" },
    { href: `${base}/frameworks`, label: "Frameworks" },
    ...(EXPORT_ROLES.includes(ctx.role) ? [{ href: `${base}/export`, label: "Exports" }] : []),
    ...(MEMBER_ROLES.includes(ctx.role) ? [{ href: `${base}/members`, label: "Members" }] : []),
    ...(AUDIT_ROLES.includes(ctx.role) ? [{ href: `${base}/audit`, label: "Audit log" }] : []),
  ];

  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <header className="border-b border-zinc-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 pt-3 sm:px-6 lg:px-8">
          <Link href={`${base}/use-cases`} className="shrink-0 text-lg font-semibold tracking-tight text-zinc-900">
            Tradeoff
          </Link>
          <span aria-hidden="true" className="hidden h-6 w-px bg-zinc-200 sm:block" />
          <OrgSwitcher
            current={{ slug: ctx.organization.slug, name: ctx.organization.name, role: ctx.role }}
            organizations={organizations.map((o) => ({ slug: o.slug, name: o.name, role: o.role }))}
          />
          {/* Wraps onto a second line on a phone rather than pushing the page wider than the window. */}
          <div className="ml-auto flex min-w-0 max-w-full flex-wrap items-center justify-end gap-x-3 gap-y-1">
            <div className="min-w-0 text-right">
              <p className="truncate text-sm font-medium text-zinc-900">{ctx.user.name}</p>
              <p className="hidden truncate text-xs text-zinc-600 md:block">{ctx.user.email}</p>
            </div>
            <NotificationBell href={`${base}/notifications`} unread={unread} />
            <RoleBadge role={ctx.role} />
            <Link href="/account" className={buttonClass("ghost", "px-2 py-1.5 text-xs font-medium")} title="Password and two-factor sign-in">
              Your account
            </Link>
            <SignOutButton />
            <EndSessionsButton />
          </div>
        </div>
        <nav aria-label="Organization" className="mx-auto mt-1 max-w-7xl px-2 sm:px-4 lg:px-6">
          <NavLinks items={nav} />
        </nav>
      </header>
      {notices.length > 0 && (
        <div className="mx-auto w-full max-w-7xl px-4 pt-4 sm:px-6 lg:px-8">
          {notices.map((n) => (
            <p key={n.id} role="alert" data-testid="sign-in-notice" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
              {n.message}
            </p>
          ))}
        </div>
      )}
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-8 focus:outline-none sm:px-6 lg:px-8">
        {children}
      </main>
      <ScrollRegions />
    </div>
  );
}
