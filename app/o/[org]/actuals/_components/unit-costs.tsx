"use client";
/**
 * Starting a new assumption version from the actual cost per call, and what it moved (said as a
 * save on the Assumptions page says it, by the same SavedImpact).
 *
 * The outcome is held by NewVersionMessages, which wraps the button and outlives it: the new
 * version makes the calls cost what it assumes, so the refresh after it takes the button away.
 */
import { useRouter } from "next/navigation";
import { createContext, useContext, useState, useTransition, type ReactNode } from "react";
import { buttonClass } from "@/components/button";
import { FormMessage } from "@/components/form";
import { SavedImpact } from "@/components/saved-impact";
import { newAssumptionVersionFromActuals } from "../actions";

type Outcome = { ok: true; data: Parameters<typeof SavedImpact>[0] } | { ok: false; message: string };

const OutcomeContext = createContext<((o: Outcome) => void) | null>(null);

/** Says the last attempt's outcome below what it wraps, across the refresh that follows it. */
export function NewVersionMessages({ children }: { children: ReactNode }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  return (
    <OutcomeContext.Provider value={setOutcome}>
      {children}
      {outcome ? (
        <div className="mt-3">
          {outcome.ok ? <FormMessage tone="success" message={<SavedImpact {...outcome.data} />} /> : <FormMessage message={outcome.message} />}
        </div>
      ) : null}
    </OutcomeContext.Provider>
  );
}

export function NewVersionButton({ orgSlug, expectedVersion, ratio }: { orgSlug: string; expectedVersion: number; ratio: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const setOutcome = useContext(OutcomeContext);
  if (!setOutcome) throw new Error("NewVersionButton is placed inside NewVersionMessages.");
  const run = () =>
    start(async () => {
      try {
        const res = await newAssumptionVersionFromActuals(orgSlug, { expectedVersion });
        setOutcome(res.ok ? { ok: true, data: { orgSlug, ...res.data } } : { ok: false, message: res.message });
        if (res.ok) router.refresh();
      } catch {
        setOutcome({ ok: false, message: "We could not reach the server; nothing was saved." });
      }
    });
  return (
    <button type="button" className={buttonClass("secondary")} onClick={run} disabled={pending}>
      {pending ? "Saving…" : `Start version ${expectedVersion + 1} from the actual cost per call (model prices × ${ratio.toFixed(2)})`}
    </button>
  );
}
