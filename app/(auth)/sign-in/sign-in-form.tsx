"use client";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { buttonClass } from "@/components/button";
import { FormMessage, SubmitButton, TextField } from "@/components/form";

/**
 * What the sign-in form says for next-auth's error (lib/server/auth-options.ts): a throttled
 * sign-in is TOO_MANY_ATTEMPTS:<seconds>; an unconfirmed address, a missing or wrong second factor
 * have their own codes (each only after the right password).
 */
export function signInErrorMessage(error: string | null | undefined): string {
  const throttled = /^TOO_MANY_ATTEMPTS:(\d+)$/.exec(error ?? "");
  if (throttled) {
    const seconds = Number(throttled[1]);
    return `Too many attempts, wait ${seconds} second${seconds === 1 ? "" : "s"} before trying again.`;
  }
  if (error === "EMAIL_NOT_VERIFIED") {
    return "Confirm your email address first: we have mailed you a link. Open it, then sign in. (If an older link did not work, use the newest one.)";
  }
  if (error === "TWO_FACTOR_INVALID") return "That code did not work. Enter the code your authenticator app shows now, or one of your recovery codes.";
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
  const [askCode, setAskCode] = useState(false);
  const [pending, startTransition] = useTransition();
  const messageRef = useRef<HTMLDivElement>(null);
  const focusCode = () => document.querySelector<HTMLInputElement>('input[name="code"]')?.focus();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    const code = String(data.get("code") ?? "").trim();
    if (!email || !password) {
      setError("Enter your email and password.");
      requestAnimationFrame(() => messageRef.current?.focus());
      return;
    }
    if (askCode && !code) {
      setError("Enter the code from your authenticator app, or a recovery code.");
      requestAnimationFrame(focusCode);
      return;
    }
    startTransition(async () => {
      const res = await signIn("credentials", { email, password, ...(askCode ? { code } : {}), redirect: false }).catch(() => undefined);
      if (res?.ok && !res.error) {
        window.location.assign(callbackUrl);
        // Keep the button pending while the next page loads.
        await new Promise(() => {});
        return;
      }
      if (res?.error === "TWO_FACTOR_REQUIRED") {
        // The password was right; the account needs its second factor before any session exists.
        setAskCode(true);
        setError(null);
        requestAnimationFrame(focusCode);
        return;
      }
      setError(res ? signInErrorMessage(res.error) : "We could not reach the server. Check your connection and try again.");
      requestAnimationFrame(() => (askCode && res?.error === "TWO_FACTOR_INVALID" ? focusCode() : messageRef.current?.focus()));
    });
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} noValidate className="space-y-5" aria-describedby={error ? "sign-in-error" : undefined}>
        <div ref={messageRef} tabIndex={-1} className="outline-none">
          <FormMessage id="sign-in-error" message={error} />
        </div>
        <TextField label="Email" name="email" type="email" autoComplete="email" required defaultValue={defaultEmail} readOnly={!!defaultEmail || askCode} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required readOnly={askCode} />
        {askCode ? (
          <TextField
            label="Authentication code"
            name="code"
            inputMode="text"
            autoComplete="one-time-code"
            required
            hint="Two-factor sign-in is on: the 6-digit code your authenticator app shows, or one of your recovery codes."
          />
        ) : null}
        <SubmitButton pending={pending} pendingLabel="Signing in…" className="w-full">
          {askCode ? "Verify and sign in" : "Sign in"}
        </SubmitButton>
        <p className="text-center text-sm">
          <Link href="/forgot-password" className="font-semibold text-brand-700 underline-offset-4 hover:underline">
            Forgot your password?
          </Link>
        </p>
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
