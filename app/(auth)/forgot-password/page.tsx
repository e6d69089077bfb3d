import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { Card } from "@/components/card";
import { outboxPageEnabled } from "@/lib/server/mail";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Reset your password" };

export default async function ForgotPasswordPage() {
  // Rendered per request: whether mail goes out is read from the server's environment, not the build's.
  await connection();
  return (
    <Card
      title="Reset your password"
      intro="Enter the email address you sign in with. We will mail it a link to choose a new password."
      footer={
        <Link href="/sign-in" className="font-semibold text-brand-700 underline-offset-4 hover:underline">
          Back to sign in
        </Link>
      }
    >
      <ForgotPasswordForm />
      {outboxPageEnabled() ? (
        <p className="mt-4 text-sm text-zinc-700">
          No mail server is set up here (SMTP_URL): the link will be in the{" "}
          <a href="/dev/outbox" className="font-semibold text-brand-700 underline underline-offset-2">
            development outbox
          </a>
          .
        </p>
      ) : null}
    </Card>
  );
}
