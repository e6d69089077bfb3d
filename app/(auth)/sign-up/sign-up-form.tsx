"use client";
import { useEffect, useRef, useState } from "react";
import { FormMessage, SubmitButton, TextField } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
import { signUp } from "./actions";

const PASSWORD_HINT = "At least 10 characters and hard to guess: a few unrelated words work well. Not your name, email or organization.";

export function SignUpForm({ outbox = false }: { outbox?: boolean }) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useFormAction(signUp, { onSuccess: (_data, formEl) => setSentTo(String(new FormData(formEl).get("email") ?? "").trim()) });
  if (sentTo) return <CheckYourEmail email={sentTo} outbox={outbox} />;
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-5">
      <FormMessage message={form.message} faults={form.faults} />
      <TextField label="Your name" name="name" autoComplete="name" required errors={form.errors("name")} />
      <TextField label="Work email" name="email" type="email" autoComplete="email" required errors={form.errors("email")} />
      <TextField label="Password" name="password" type="password" autoComplete="new-password" required hint={PASSWORD_HINT} errors={form.errors("password")} />
      <TextField
        label="Organization name"
        name="organizationName"
        autoComplete="organization"
        required
        hint="Your company or team. It appears on every page; you can create more later."
        errors={form.errors("organizationName")}
      />
      <SubmitButton pending={form.pending} pendingLabel="Creating your account…" className="w-full">
        Create account
      </SubmitButton>
    </form>
  );
}

/** After sign-up (the same whether the address was free or not: the mail says which). */
export function CheckYourEmail({ email, then = "Open it to confirm your address, then sign in.", outbox = false }: { email: string; then?: string; outbox?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="rounded-md border border-green-200 bg-green-50 p-4" role="status">
      <h2 ref={ref} tabIndex={-1} className="text-base font-semibold text-green-900 focus:outline-none">
        Check your email
      </h2>
      <p className="mt-1 text-sm text-green-900">
        We sent a message to <strong>{email}</strong>. {then} The link works for two days; if nothing arrives, look in your spam folder or sign in to get a new one.
      </p>
      {outbox ? (
        <p className="mt-2 text-sm text-green-900">
          No mail server is set up here (SMTP_URL), so the message is in the{" "}
          <a href="/dev/outbox" className="font-semibold underline underline-offset-2">
            development outbox
          </a>
          .
        </p>
      ) : null}
    </div>
  );
}
