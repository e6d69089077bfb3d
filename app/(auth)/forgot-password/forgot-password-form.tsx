"use client";
import { useState } from "react";
import { FormMessage, SubmitButton, TextField } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
import { requestPasswordReset } from "./actions";

export function ForgotPasswordForm() {
  const [answer, setAnswer] = useState<string | null>(null);
  const form = useFormAction(requestPasswordReset, { onSuccess: (data) => setAnswer(data.message) });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-5">
      <FormMessage message={answer ?? form.message} tone={answer ? "success" : "error"} faults={form.faults} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required errors={form.errors("email")} />
      <SubmitButton pending={form.pending} pendingLabel="Sending…" className="w-full">
        Mail me a reset link
      </SubmitButton>
    </form>
  );
}
