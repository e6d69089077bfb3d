"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { buttonClass, type ButtonVariant } from "./button";

/** Signs out through next-auth and lands on the sign-in page (or `callbackUrl`). */
export function SignOutButton({ callbackUrl = "/sign-in", variant = "secondary", label = "Sign out" }: { callbackUrl?: string; variant?: ButtonVariant; label?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
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
    </button>
  );
}
