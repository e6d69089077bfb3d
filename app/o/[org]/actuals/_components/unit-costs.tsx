"use client";
/** Starting a new assumption version from the actual cost per call, after a confirmation. */
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { buttonClass } from "@/components/button";
import { newAssumptionVersionFromActuals } from "../actions";

export function NewVersionButton({ orgSlug, expectedVersion, ratio }: { orgSlug: string; expectedVersion: number; ratio: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = () =>
    start(async () => {
      try {
        const res = await newAssumptionVersionFromActuals(orgSlug, { expectedVersion });
        setMessage(res.ok ? { ok: true, text: `Version ${res.data.version} saved; ${res.data.reprojected} use cases re-projected.` } : { ok: false, text: res.message });
        if (res.ok) router.refresh();
      } catch {
        setMessage({ ok: false, text: "We could not reach the server; nothing was saved." });
      }
    });
  return (
    <div className="space-y-2">
      <button type="button" className={buttonClass("secondary")} onClick={run} disabled={pending}>
        {pending ? "Saving…" : `Start version ${expectedVersion + 1} from the actual cost per call (model prices × ${ratio.toFixed(2)})`}
      </button>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-green-800" : "text-red-800"}`}>
          {message.text}
        </p>
      )}
    </div>
  );
}
