"use client";
import { signIn } from "next-auth/react";
import { FormMessage, SubmitButton, TextField } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
import { signUp } from "./actions";

export function SignUpForm() {
  const form = useFormAction(signUp, {
    onSuccess: async (_data, formEl) => {
      const fields = new FormData(formEl);
      const res = await signIn("credentials", { email: String(fields.get("email")), password: String(fields.get("password")), redirect: false });
      // Signed in: "/" opens the person's first organization. Otherwise the sign-in page says
      // what to do; the same for a taken email as for any other failed sign-in.
      window.location.assign(res?.ok && !res.error ? "/" : "/sign-in?from=sign-up");
      await new Promise(() => {});
    },
  });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-5">
      <FormMessage message={form.message} faults={form.faults} />
      <TextField label="Your name" name="name" autoComplete="name" required errors={form.errors("name")} />
      <TextField label="Work email" name="email" type="email" autoComplete="email" required errors={form.errors("email")} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters."
        errors={form.errors("password")}
      />
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
