"use client";
import { useState } from "react";
import { FormMessage, SubmitButton, TextField } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
import { CheckYourEmail } from "../../sign-up/sign-up-form";
import { acceptInvitation, acceptInvitationWithSignUp } from "./actions";

async function goTo(path: string): Promise<void> {
  window.location.assign(path);
  await new Promise(() => {});
}

/** Signed in with the invited address: one button joins. */
export function AcceptInvitationButton({ token, organizationName }: { token: string; organizationName: string }) {
  const form = useFormAction(acceptInvitation, {
    extra: { token },
    onSuccess: (data) => goTo(`/o/${data.organizationSlug}/use-cases`),
  });
  return (
    <form onSubmit={form.onSubmit} className="space-y-4">
      <FormMessage message={form.message} faults={form.faults} />
      <SubmitButton pending={form.pending} pendingLabel="Joining…" className="w-full">
        Join {organizationName}
      </SubmitButton>
    </form>
  );
}

/** New here: the account is created for the invited address and joins; the address is then confirmed by mail. */
export function InvitationSignUpForm({ token, email, outbox = false }: { token: string; email: string; outbox?: boolean }) {
  const [joined, setJoined] = useState<{ email: string; organizationName: string } | null>(null);
  const form = useFormAction(acceptInvitationWithSignUp, {
    extra: { token },
    onSuccess: (data) => setJoined({ email: data.email, organizationName: data.organizationName }),
  });
  if (joined) return <CheckYourEmail email={joined.email} outbox={outbox} then={`Open it to confirm your address, then sign in to reach ${joined.organizationName}.`} />;
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-5">
      <FormMessage message={form.message} faults={form.faults} />
      <TextField label="Email" type="email" autoComplete="username" value={email} readOnly hint="Invitations are tied to the address they were sent to." />
      <TextField label="Your name" name="name" autoComplete="name" required errors={form.errors("name")} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters and hard to guess: a few unrelated words work well. Not your name, email or organization."
        errors={form.errors("password")}
      />
      <SubmitButton pending={form.pending} pendingLabel="Creating your account…" className="w-full">
        Create account and join
      </SubmitButton>
    </form>
  );
}
