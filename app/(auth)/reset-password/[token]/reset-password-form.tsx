"use client";
import Link from "next/link";
import { useState } from "react";
import { FormMessage, SubmitButton, TextField } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
import { resetPassword } from "./actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const [done, setDone] = useState(false);
  const form = useFormAction(resetPassword, { extra: { token }, onSuccess: () => setDone(true) });
  if (done) {
    return (
      <div className="space-y-4">
        <FormMessage tone="success" message="Your password was changed, and every session was signed out. Sign in with the new password." />
        <Link href="/sign-in" className="font-semibold text-brand-700 underline-offset-4 hover:underline">
          Go to sign in
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-5">
      <FormMessage message={form.message} faults={form.faults} />
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters and hard to guess: a few unrelated words work well. Not your name, email or organization."
        errors={form.errors("password")}
      />
      <SubmitButton pending={form.pending} pendingLabel="Saving…" className="w-full">
        Set new password
      </SubmitButton>
    </form>
  );
}
