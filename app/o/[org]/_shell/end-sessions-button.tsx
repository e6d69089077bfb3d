"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { buttonClass } from "@/components/button";
import { signOutEverywhere } from "@/app/(auth)/account/actions";
import { ScriptButton } from "@/components/script-button";

/**
 * Ends every session of the person (other browsers and devices too, e.g. after using a shared
 * computer), then signs this browser out. Named so it is never mistaken for "Sign out".
 */
export function EndSessionsButton() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <ScriptButton
        disabled={pending}
        title="Signs you out on every device and browser"
        className={buttonClass("ghost", "px-2 py-1.5 text-xs font-medium")}
        onClick={async () => {
          setPending(true);
          setError(null);
          const res = await signOutEverywhere({}).catch(() => null);
          if (!res?.ok && res?.code !== "NOT_SIGNED_IN") {
            setError(res?.message ?? "Could not end your sessions. Please try again.");
            setPending(false);
            return;
          }
          await signOut({ callbackUrl: "/sign-in" });
        }}
      >
        {pending ? "Ending sessions…" : "End all my sessions"}
      </ScriptButton>
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </>
  );
}
