"use client";
import Link from "next/link";
import { useState } from "react";
import { FormMessage, SubmitButton } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
import { verifyEmail } from "./actions";

export function VerifyEmailButton({ token }: { token: string }) {
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const form = useFormAction(verifyEmail, { extra: { token }, onSuccess: (data) => setConfirmed(data.email) });
  if (confirmed) {
    return (
      <div className="space-y-4">
        <FormMessage tone="success" message={`Thank you: ${confirmed} is confirmed. You can sign in now.`} />
        <Link href="/sign-in" className="font-semibold text-brand-700 underline-offset-4 hover:underline">
          Go to sign in
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={form.onSubmit} className="space-y-4">
      <FormMessage message={form.message} faults={form.faults} />
      <SubmitButton pending={form.pending} pendingLabel="Confirming…" className="w-full">
        Confirm my email address
      </SubmitButton>
    </form>
  );
}
