import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/card";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Reset your password" };

export default function ForgotPasswordPage() {
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
    </Card>
  );
}
