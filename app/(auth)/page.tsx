import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { buttonClass } from "@/components/button";
import { Card } from "@/components/card";
import { SignOutButton } from "@/components/sign-out-button";
import { currentUser, myOrganizations } from "@/lib/server/guard";

export const metadata: Metadata = { title: "Tradeoff" };

/** `/`: the first organization's use cases, the sign-in page, or (in no organization) a way to start one. */
export default async function Home() {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  const [first] = await myOrganizations(user.id);
  if (first) redirect(`/o/${first.slug}/use-cases`);
  return (
    <Card
      title="You're not in an organization yet"
      intro={
        <>
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
