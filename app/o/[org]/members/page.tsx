import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { RoleBadge } from "@/components/role-badge";
import { listPendingInvitations } from "@/lib/server/invitations";
import { listMembers } from "@/lib/server/members";
import { MEMBER_ROLES } from "@/lib/server/member-roles";
import { guardPage } from "@/lib/server/page-guard";
import { InviteForm } from "./_components/invite-form";
import { MemberActions } from "./_components/member-actions";
import { RevokeInvitationButton } from "./_components/revoke-invitation-button";
import { TwoFactorPolicyForm } from "./_components/two-factor-policy-form";
import { organizationTwoFactorPolicy } from "@/lib/server/two-factor";
import { formatDate } from "@/components/dates";

export const metadata: Metadata = { title: "Members" };


function When({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{formatDate(date)}</time>;
}

const th = "px-4 py-3 text-left text-xs font-semibold uppercase tracking-wide text-zinc-600";
const td = "px-4 py-3 align-top text-sm text-zinc-700";
const rowHeader = "whitespace-nowrap px-4 py-3 text-left align-top text-sm font-medium text-zinc-900";

/** Admins only: who is in the organization, their roles, and pending invitations. */
export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await guardPage(org, MEMBER_ROLES, `/o/${org}/members`);
  const [members, invitations, policy] = await Promise.all([
    listMembers(ctx.organization.id),
    listPendingInvitations(ctx.organization.id),
    organizationTwoFactorPolicy(ctx.organization.id),
  ]);
  const adminCount = members.filter((m) => m.role === "ADMIN").length;

  return (
    <>
      <PageHeader title="Members" description={`People in ${ctx.organization.name}, what each can do, and who has been invited.`} />

      <section aria-labelledby="members-heading" className="min-w-0">
        <h2 id="members-heading" className="text-lg font-semibold text-zinc-900">
          Members <span className="font-normal text-zinc-500">({members.length})</span>
        </h2>
        <div className="relative mt-4 overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-zinc-200">
          <table className="min-w-full divide-y divide-zinc-200">
            <caption className="sr-only">Members of {ctx.organization.name}</caption>
            <thead className="bg-zinc-50">
              <tr>
                <th scope="col" className={th}>Name</th>
                {/* On a phone the email goes under the name and the join date is left out, so the role and its controls are in view. */}
                <th scope="col" className={`${th} hidden sm:table-cell`}>Email</th>
                <th scope="col" className={th}>Role</th>
                <th scope="col" className={`${th} hidden sm:table-cell`}>Joined</th>
                <th scope="col" className={th}>
                  <span className="sr-only">Change role or remove</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200">
              {members.map((m) => {
                const isSelf = m.userId === ctx.user.id;
                return (
                  <tr key={m.id} data-testid={`member-${m.email}`}>
                    <th scope="row" className={rowHeader}>
                      {m.name}
                      {isSelf ? <span className="ml-1 font-normal text-zinc-500">(you)</span> : null}
                      <span className="block whitespace-normal font-normal wrap-anywhere text-zinc-600 sm:hidden">{m.email}</span>
                    </th>
                    <td className={`${td} hidden whitespace-nowrap sm:table-cell`}>{m.email}</td>
                    <td className={`${td} pt-3.5`}>
                      <RoleBadge role={m.role} />
                    </td>
                    <td className={`${td} hidden whitespace-nowrap sm:table-cell`}>
                      <When date={m.joinedAt} />
                    </td>
                    <td className={td}>
                      <MemberActions
                        orgSlug={ctx.organization.slug}
                        membershipId={m.id}
                        name={m.name}
                        role={m.role}
                        isSelf={isSelf}
                        isOnlyAdmin={m.role === "ADMIN" && adminCount === 1}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <div className="mt-12 grid gap-10 lg:grid-cols-3">
        <section aria-labelledby="invite-heading" className="min-w-0">
          <h2 id="invite-heading" className="text-lg font-semibold text-zinc-900">
            Invite someone
          </h2>
          <p className="mt-1 text-sm text-zinc-600">We&apos;ll mail them a link, and show it to you too. It works once, for 7 days.</p>
          <div className="mt-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-zinc-200">
            <InviteForm orgSlug={ctx.organization.slug} />
          </div>
        </section>
        <section aria-labelledby="invitations-heading" className="min-w-0 lg:col-span-2">
          <h2 id="invitations-heading" className="text-lg font-semibold text-zinc-900">
            Pending invitations <span className="font-normal text-zinc-500">({invitations.length})</span>
          </h2>
          {invitations.length === 0 ? (
            <p className="mt-4 rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-6 text-sm text-zinc-600">
              No pending invitations. Invitations appear here until they are accepted, withdrawn or expire.
            </p>
          ) : (
            <div className="relative mt-4 overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-zinc-200">
              <table className="min-w-full divide-y divide-zinc-200">
                <caption className="sr-only">Pending invitations</caption>
                <thead className="bg-zinc-50">
                  <tr>
                    <th scope="col" className={th}>Email</th>
                    <th scope="col" className={th}>Role</th>
                    <th scope="col" className={`${th} hidden sm:table-cell`}>Invited</th>
                    <th scope="col" className={th}>Expires</th>
                    <th scope="col" className={th}>
                      <span className="sr-only">Withdraw</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-zinc-200">
                  {invitations.map((inv) => (
                    <tr key={inv.id} data-testid={`invitation-${inv.email}`}>
                      <th scope="row" className={`${rowHeader.replace("whitespace-nowrap ", "")} wrap-anywhere`}>
                        {inv.email}
                      </th>
                      <td className={td}>
                        <RoleBadge role={inv.role} />
                      </td>
                      <td className={`${td} hidden whitespace-nowrap sm:table-cell`}>
                        <When date={inv.createdAt} />
                      </td>
                      <td className={`${td} whitespace-nowrap`}>
                        <When date={inv.expiresAt} />
                      </td>
                      <td className={td}>
                        <RevokeInvitationButton orgSlug={ctx.organization.slug} invitationId={inv.id} email={inv.email} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>

      <section aria-labelledby="two-factor-heading" className="mt-12 max-w-xl">
        <h2 id="two-factor-heading" className="text-lg font-semibold text-zinc-900">
          Two-factor sign-in
        </h2>
        <p className="mt-1 text-sm text-zinc-600">
          Who must sign in with a code from an authenticator app to reach {ctx.organization.name}. Those it covers who have not turned it on are
          sent to set it up first.
        </p>
        <div className="mt-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-zinc-200">
          <TwoFactorPolicyForm orgSlug={ctx.organization.slug} current={policy} />
        </div>
      </section>
    </>
  );
}
