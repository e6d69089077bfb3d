"use client";
import { buttonClass } from "@/components/button";

/** Anything unexpected: a plain message and a retry; details stay in the server's log. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-3xl font-semibold tracking-tight text-zinc-900">Something went wrong</h1>
      <p className="mt-4 text-base text-zinc-600">This page could not be shown. Nothing you saved before was lost. Try again in a moment.</p>
      <div className="mt-8">
        <button type="button" onClick={reset} className={buttonClass("primary")}>
          Try again
        </button>
      </div>
    </main>
  );
}
