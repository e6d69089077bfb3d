import type { Metadata } from "next";
import { Card } from "@/components/card";
import { VerifyEmailButton } from "./verify-email-button";

// The token is in the URL: never send it on as a referrer.
export const metadata: Metadata = { title: "Confirm your email address", referrer: "no-referrer" };

/**
 * The link mailed at sign-up. Opening it changes nothing (mail scanners open links too); the
 * button confirms.
 */
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <Card title="Confirm your email address" intro="One step left: confirm that this address is yours, then sign in.">
      <VerifyEmailButton token={token} />
    </Card>
  );
}
