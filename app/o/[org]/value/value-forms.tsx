"use client";

import { useRouter } from "next/navigation";
import { buttonClass } from "@/components/button";
import { FormMessage, SubmitButton, TextField } from "@/components/form";
import { useFormAction, type FormInput } from "@/components/use-form-action";
import { readDollars } from "@/lib/domain/money";
import type { ActionResult } from "@/lib/server/errors";
import { setBudget, setHourlyRate } from "./actions";
import { ScriptButton } from "@/components/script-button";

/**
 * Dollars as typed ("60,000", "60k", "1.5M") → cents, sent to the action; what cannot be read is
 * refused here, on the field, saying how to write it (the server checks the cents again). Empty is
 * NaN, which the server refuses as no amount.
 */
async function withCents<T>(raw: string | undefined, field: string, send: (cents: number) => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const r = readDollars(raw ?? "");
  if (r && !r.ok) return { ok: false, code: "VALIDATION", message: "Please correct the highlighted fields.", fieldErrors: { [field]: [r.message] } };
  return send(r ? r.cents : Number.NaN);
}

/** Finance or an admin sets what an hour saved is worth, or goes back to the default. */
export function RateForm({ orgSlug, currentCents, isDefault }: { orgSlug: string; currentCents: number; isDefault: boolean }) {
  const router = useRouter();
  const form = useFormAction((input: FormInput) => withCents(input.rate, "rateCents", (rateCents) => setHourlyRate(orgSlug, { rateCents })), { onSuccess: () => router.refresh() });
  const reset = useFormAction(() => setHourlyRate(orgSlug, { rateCents: null }), { onSuccess: () => router.refresh() });
  return (
    <div className="mt-4 flex flex-wrap items-end gap-3">
      <form onSubmit={form.onSubmit} noValidate className="flex flex-wrap items-end gap-3" aria-label="Hourly value rate">
        <FormMessage message={form.message} />
        <TextField label="Hourly value rate (dollars an hour)" name="rate" inputMode="decimal" defaultValue={isDefault ? "" : (currentCents / 100).toFixed(2)} placeholder={(currentCents / 100).toFixed(2)} errors={form.errors("rateCents")} className="w-64" />
        <SubmitButton pending={form.pending} pendingLabel="Saving…">Save the rate</SubmitButton>
      </form>
      {!isDefault ? (
        <form onSubmit={reset.onSubmit} aria-label="Use the default rate">
          <ScriptButton type="submit" className={buttonClass("secondary")} disabled={reset.pending}>Use the default</ScriptButton>
        </form>
      ) : null}
    </div>
  );
}

/** One business unit's budget for one year: set, change or remove it. */
export function BudgetForm({ orgSlug, businessUnit, year, currentCents }: { orgSlug: string; businessUnit: string; year: number; currentCents: number | null }) {
  const router = useRouter();
  const form = useFormAction((input: FormInput) => withCents(input.amount, "amountCents", (amountCents) => setBudget(orgSlug, { businessUnit, year, amountCents })), { onSuccess: () => router.refresh() });
  const remove = useFormAction(() => setBudget(orgSlug, { businessUnit, year, amountCents: null }), { onSuccess: () => router.refresh() });
  return (
    <div className="flex flex-wrap items-end gap-2">
      <form onSubmit={form.onSubmit} noValidate className="flex flex-wrap items-end gap-2" aria-label={`Budget of ${businessUnit} in ${year}`}>
        <TextField
          label={`Budget of ${businessUnit} in ${year} (dollars)`}
          name="amount"
          inputMode="decimal"
          defaultValue={currentCents === null ? "" : (currentCents / 100).toFixed(2)}
          errors={form.errors("amountCents") ?? (form.message ? [form.message] : undefined)}
          className="w-64"
        />
        <SubmitButton pending={form.pending} pendingLabel="Saving…" variant="secondary">Save</SubmitButton>
      </form>
      {currentCents !== null ? (
        <form onSubmit={remove.onSubmit} aria-label={`Remove the budget of ${businessUnit} in ${year}`}>
          <ScriptButton type="submit" className={buttonClass("ghost")} disabled={remove.pending}>Remove</ScriptButton>
        </form>
      ) : null}
    </div>
  );
}
