import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/card";
import { currentUser, myOrganizations } from "@/lib/server/guard";
import { NewOrganizationForm } from "./new-organization-form";

export const metadata: Metadata = { title: "New organization" };

export default async function NewOrganizationPage() {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent("/organizations/new")}`);
  const orgs = await myOrganizations(user.id);
  return (
    <Card
      title="Create an organization"
      intro="A separate space with its own use cases, members and cost assumptions. You'll be its admin."
      footer={
        orgs[0] ? (
          <Link href={`/o/${orgs[0].slug}/use-cases`} className="font-semibold text-brand-700 underline-offset-4 hover:underline">
            Back to {orgs[0].name}
          </Link>
        ) : null
      }
    >
      <NewOrganizationForm />
    </Card>
  );
}
