import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/card";
import { findResetToken, INVALID_RESET_LINK } from "@/lib/server/account-security";
import { ResetPasswordForm } from "./reset-password-form";

// The token is in the URL: never send it on as a referrer.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

const link = "font-semibold text-brand-700 underline-offset-4 hover:underline";

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = await findResetToken(token);
  if (!found) {
    return <Card title="This reset link does not work" intro={INVALID_RESET_LINK} footer={<Link href="/forgot-password" className={link}>Ask for a new link</Link>} />;
  }
  return (
    <Card title="Choose a new password" intro={<>For {found.email}. Setting it signs you out on every device.</>}>
      <ResetPasswordForm token={token} />
    </Card>
  );
}
