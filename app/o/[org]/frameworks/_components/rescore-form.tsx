"use client";
import { useState } from "react";
import { FormMessage, SubmitButton } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
import { rescoreAllUseCases } from "../actions";

/** Admins: re-score every use case with the current framework versions (audited). */
export function RescoreForm({ orgSlug, outdated, total }: { orgSlug: string; outdated: number; total: number }) {
  const [done, setDone] = useState<number | null>(null);
  const form = useFormAction(() => rescoreAllUseCases(orgSlug, {}), { onSuccess: (data) => setDone(data.rescored) });
  return (
    <form onSubmit={(e) => { setDone(null); form.onSubmit(e); }} noValidate className="space-y-3" aria-label="Re-score every use case">
      <FormMessage message={form.message} />
      {done !== null && !form.pending ? <FormMessage tone="success" message={`Re-scored ${done.toLocaleString("en-US")} use case${done === 1 ? "" : "s"} with the current framework versions.`} /> : null}
      <p className="text-sm text-zinc-700" data-testid="outdated-scores">
        {outdated === 0
          ? `All ${total.toLocaleString("en-US")} use cases are scored with the current framework versions.`
          : `${outdated.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} use cases were scored with older framework versions; their scores keep those versions until re-scored.`}
      </p>
      <SubmitButton pending={form.pending}>Re-score every use case</SubmitButton>
    </form>
  );
}
