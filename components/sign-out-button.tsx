"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { buttonClass, type ButtonVariant } from "./button";
import { ScriptButton } from "./script-button";

/**
 * Signs out through next-auth and lands on the sign-in page (or `callbackUrl`). The button works
 * only once the page's script has run, so it is disabled until then: a click on a slow page never
 * silently does nothing (and a browser test's click waits for it).
 */
export function SignOutButton({ callbackUrl = "/sign-in", variant = "secondary", label = "Sign out" }: { callbackUrl?: string; variant?: ButtonVariant; label?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <ScriptButton
      disabled={pending}
      className={buttonClass(variant, "px-3 py-1.5")}
      onClick={async () => {
        setPending(true);
        try {
          await signOut({ callbackUrl });
        } catch {
          setPending(false);
        }
      }}
    >
      {pending ? "Signing out…" : label}
    </ScriptButton>
  );
}
