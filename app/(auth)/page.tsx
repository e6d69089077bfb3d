import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { buttonClass } from "@/components/button";
import { Card } from "@/components/card";
import { SignOutButton } from "@/components/sign-out-button";
import { currentUser, myOrganizations } from "@/lib/server/guard";
import { signInNotices } from "@/lib/server/notices";

export const metadata: Metadata = { title: "Tradeoff" };

/** `/`: the first organization (its home sends each role where it lands), the sign-in page, or (in no organization) a way to start one. */
export default async function Home() {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  const [first] = await myOrganizations(user.id);
  // The organization's home sends each role where it lands (executives and admins: the decision queue).
  if (first) redirect(`/o/${first.slug}`);
  const notices = await signInNotices(user.id);
  return (
    <Card
      title="You're not in an organization yet"
      intro={
        <>
          {notices.map((n) => (
            <p key={n.id} role="alert" data-testid="sign-in-notice" className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {n.message}
            </p>
          ))}
          <p>
            Signed in as <strong className="font-semibold text-zinc-900">{user.email}</strong>. If a colleague is inviting you, open the
            invitation link they sent. Or start your own organization.
          </p>
        </>
      }
    >
      <div className="flex flex-wrap gap-3">
        <Link href="/organizations/new" className={buttonClass("primary")}>
          Create an organization
        </Link>
        <SignOutButton />
      </div>
    </Card>
  );
}
