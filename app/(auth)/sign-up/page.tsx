import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/card";
import { currentUser } from "@/lib/server/guard";
import { outboxPageEnabled } from "@/lib/server/mail";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  // Signed-in people add organizations from the organization switcher instead.
  if (await currentUser()) redirect("/organizations/new");
  return (
    <Card
      title="Create your account"
      intro="You'll also create your organization and be its admin. Invite your team once you're in."
      footer={
        <>
          Already have an account?{" "}
          <Link href="/sign-in" className="font-semibold text-brand-700 underline-offset-4 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm outbox={outboxPageEnabled()} />
    </Card>
  );
}
