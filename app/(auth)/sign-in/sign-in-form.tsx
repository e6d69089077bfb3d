"use client";
import { signIn } from "next-auth/react";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { buttonClass } from "@/components/button";
import { FormMessage, SubmitButton, TextField } from "@/components/form";

/** next-auth reports a throttled sign-in as TOO_MANY_ATTEMPTS:<seconds> (lib/server/auth-options.ts). */
export function signInErrorMessage(error: string | null | undefined): string {
  const throttled = /^TOO_MANY_ATTEMPTS:(\d+)$/.exec(error ?? "");
  if (throttled) {
    const seconds = Number(throttled[1]);
    return `Too many attempts, wait ${seconds} second${seconds === 1 ? "" : "s"} before trying again.`;
  }
  return "Wrong email or password.";
}

export function SignInForm({
  callbackUrl,
  defaultEmail,
  providers = [],
}: {
  callbackUrl: string;
  defaultEmail?: string;
  providers?: { id: string; name: string }[];
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const messageRef = useRef<HTMLDivElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    if (!email || !password) {
      setError("Enter your email and password.");
      requestAnimationFrame(() => messageRef.current?.focus());
      return;
    }
    startTransition(async () => {
      const res = await signIn("credentials", { email, password, redirect: false }).catch(() => undefined);
      if (res?.ok && !res.error) {
        window.location.assign(callbackUrl);
        // Keep the button pending while the next page loads.
        await new Promise(() => {});
        return;
      }
      setError(res ? signInErrorMessage(res.error) : "We could not reach the server. Check your connection and try again.");
      requestAnimationFrame(() => messageRef.current?.focus());
    });
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} noValidate className="space-y-5" aria-describedby={error ? "sign-in-error" : undefined}>
        <div ref={messageRef} tabIndex={-1} className="outline-none">
          <FormMessage id="sign-in-error" message={error} />
        </div>
        <TextField label="Email" name="email" type="email" autoComplete="email" required defaultValue={defaultEmail} readOnly={!!defaultEmail} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
        <SubmitButton pending={pending} pendingLabel="Signing in…" className="w-full">
          Sign in
        </SubmitButton>
      </form>
      {providers.length ? (
        <div className="space-y-3 border-t border-zinc-200 pt-6">
          {providers.map((p) => (
            <button key={p.id} type="button" className={buttonClass("secondary", "w-full")} onClick={() => signIn(p.id, { callbackUrl })}>
              Continue with {p.name}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
