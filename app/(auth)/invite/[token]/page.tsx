import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/card";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/components/roles";
import { SignOutButton } from "@/components/sign-out-button";
import { currentUser } from "@/lib/server/guard";
import { TooManyRequestsError } from "@/lib/server/errors";
import { findInvitationCounted, INVALID_INVITATION_HELP, invitationRefusal } from "@/lib/server/invitations";
import { outboxPageEnabled } from "@/lib/server/mail";
import { SignInForm } from "../../sign-in/sign-in-form";
import { AcceptInvitationButton, InvitationSignUpForm } from "./accept-forms";
import { formatDateTime } from "@/components/dates";

// The token is in the URL: never send it on as a referrer.
export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };


const link = "font-semibold text-brand-700 underline-offset-4 hover:underline";

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [found, user] = await Promise.all([
    findInvitationCounted(token).catch((err: unknown) => (err instanceof TooManyRequestsError ? err : Promise.reject(err))),
    currentUser(),
  ]);
  const here = `/invite/${token}`;

  if (found instanceof TooManyRequestsError) {
    return <Card title="Too many invitation links tried" intro={found.message} footer={<Link href="/sign-in" className={link}>Go to sign in</Link>} />;
  }
  const invitation = found;

  if (!invitation) {
    return (
      <Card title="This invitation link is not valid" intro={INVALID_INVITATION_HELP} footer={<Link href="/sign-in" className={link}>Go to sign in</Link>} />
    );
  }
  const org = invitation.organization.name;
  if (invitation.status !== "valid") {
    const titles = { expired: "This invitation has expired", used: "This invitation has already been used", revoked: "This invitation was withdrawn" };
    return (
      <Card
        title={titles[invitation.status]}
        intro={invitationRefusal(invitation.status, org)}
        footer={<Link href={user ? "/" : "/sign-in"} className={link}>{user ? "Go to your organizations" : "Go to sign in"}</Link>}
      />
    );
  }

  const intro = (
    <>
      <p>
        You&apos;re invited to join <strong className="font-semibold text-zinc-900">{org}</strong> as{" "}
        <strong className="font-semibold text-zinc-900">{ROLE_LABELS[invitation.role]}</strong>. {ROLE_DESCRIPTIONS[invitation.role]}
      </p>
      <p className="mt-2 text-sm">
        The invitation is for {invitation.email} and works until {formatDateTime(invitation.expiresAt)}.
      </p>
    </>
  );

  if (user) {
    if (user.email.toLowerCase() !== invitation.email) {
      return (
        <Card title={`Join ${org}`} intro={intro}>
          <div className="space-y-4">
            <p className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" role="status">
              You&apos;re signed in as {user.email}, but this invitation is for {invitation.email}. Sign out, then sign in or create an account with
              the invited address.
            </p>
            <SignOutButton callbackUrl={here} label="Sign out and continue" variant="primary" />
          </div>
        </Card>
      );
    }
    return (
      <Card title={`Join ${org}`} intro={intro}>
        <AcceptInvitationButton token={token} organizationName={org} />
      </Card>
    );
  }

  if (invitation.accountExists) {
    return (
      <Card title={`Join ${org}`} intro={intro}>
        <p className="mb-4 text-sm text-zinc-700">You already have an account with this address. Sign in to accept.</p>
        <SignInForm callbackUrl={here} defaultEmail={invitation.email} />
      </Card>
    );
  }

  return (
    <Card title={`Join ${org}`} intro={intro}>
      <p className="mb-4 text-sm text-zinc-700">Create your account to accept.</p>
      <InvitationSignUpForm token={token} email={invitation.email} outbox={outboxPageEnabled()} />
    </Card>
  );
}
