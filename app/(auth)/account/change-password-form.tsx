"use client";
import { FormMessage, SubmitButton, TextField } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
import { changePassword } from "./actions";

export function ChangePasswordForm() {
  const form = useFormAction(changePassword, { resetOnSuccess: true });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-5">
      <FormMessage
        message={form.result?.ok ? "Your password was changed. Your other sessions were signed out." : form.message}
        tone={form.result?.ok ? "success" : "error"}
        faults={form.faults}
      />
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required errors={form.errors("currentPassword")} />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters and hard to guess: a few unrelated words work well. Not your name, email or organization."
        errors={form.errors("newPassword")}
      />
      <SubmitButton pending={form.pending} pendingLabel="Changing…">
        Change password
      </SubmitButton>
    </form>
  );
}
