"use client";
import { signIn } from "next-auth/react";
import { FormMessage, SubmitButton, TextField } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
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

/** New here: the account is created for the invited address, and joins, in one step. */
export function InvitationSignUpForm({ token, email }: { token: string; email: string }) {
  const form = useFormAction(acceptInvitationWithSignUp, {
    extra: { token },
    onSuccess: async (data, formEl) => {
      const password = String(new FormData(formEl).get("password") ?? "");
      const res = await signIn("credentials", { email: data.email, password, redirect: false });
      await goTo(res?.ok && !res.error ? `/o/${data.organizationSlug}/use-cases` : "/sign-in");
    },
  });
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
        hint="At least 10 characters."
        errors={form.errors("password")}
      />
      <SubmitButton pending={form.pending} pendingLabel="Creating your account…" className="w-full">
        Create account and join
      </SubmitButton>
    </form>
  );
}
