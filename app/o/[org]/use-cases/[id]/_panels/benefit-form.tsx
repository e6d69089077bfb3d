"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormMessage, SelectField, SubmitButton, TextField } from "@/components/form";
import { buttonClass } from "@/components/button";
import { useFormAction, type FormInput } from "@/components/use-form-action";
import { plainDecimal } from "@/lib/domain/money";
import { setBenefit } from "../../../value/actions";
import { ScriptButton } from "@/components/script-button";

const KINDS = [
  { value: "HOURS", label: "Hours saved a year" },
  { value: "REVENUE", label: "Revenue a year (US dollars)" },
] as const;
const SCENARIOS = ["low", "base", "high"] as const;

/** "1,200" → 1200, "$60k" → 60000, "1.5M" → 1500000 (exactly: lib/domain/money.ts); "" or words → NaN, which the server refuses on the field. */
const whole = (s: string | undefined) => {
  const t = plainDecimal(s ?? "");
  return t === null ? Number.NaN : Number(t);
};

function toBenefit(input: FormInput) {
  return { kind: input.kind, low: whole(input.low), base: whole(input.base), high: whole(input.high) };
}

/** Enter or change a use case's expected yearly benefit, or clear it. */
export function BenefitForm({ orgSlug, useCaseId, version, current, rateText }: {
  orgSlug: string;
  useCaseId: string;
  version: number;
  current: { kind: "HOURS" | "REVENUE"; low: number; base: number; high: number } | null;
  /** "$50 an hour (the default until finance sets the organization's rate)". */
  rateText: string;
}) {
  const router = useRouter();
  const [kind, setKind] = useState<string>(current?.kind ?? "HOURS");
  const form = useFormAction((input) => setBenefit(orgSlug, { id: useCaseId, expectedVersion: version, benefit: toBenefit(input) }), {
    onSuccess: () => router.refresh(),
  });
  const clear = useFormAction(() => setBenefit(orgSlug, { id: useCaseId, expectedVersion: version, benefit: null }), { onSuccess: () => router.refresh() });
  const err = (k: string) => form.errors(`benefit.${k}`);
  return (
    <div className="mt-4 space-y-3 rounded-lg p-4 ring-1 ring-zinc-200">
      <form onSubmit={form.onSubmit} noValidate className="space-y-3" aria-label="Expected benefit">
        <h3 className="text-sm font-semibold text-zinc-900">{current ? "Change the expected benefit" : "Enter the expected benefit"}</h3>
        <FormMessage message={form.message} faults={form.faults} />
        <SelectField label="What the use case brings" name="kind" options={KINDS} value={kind} onChange={(e) => setKind(e.target.value)} errors={err("kind")} className="max-w-xs" />
        <div className="grid gap-3 sm:grid-cols-3">
          {SCENARIOS.map((s) => (
            <TextField
              key={`${kind}-${s}`}
              name={s}
              label={`${s[0]!.toUpperCase()}${s.slice(1)} (${kind === "HOURS" ? "hours a year" : "dollars a year"})`}
              inputMode="numeric"
              defaultValue={current && current.kind === kind ? String(current[s]) : ""}
              errors={err(s)}
            />
          ))}
        </div>
        <p className="text-xs text-zinc-600">
          {kind === "HOURS" ? `Each hour saved is priced at ${rateText}.` : "Whole dollars of revenue a year, once the use case is in production."} Low, base and high may be equal when you know one figure.
        </p>
        <SubmitButton pending={form.pending} pendingLabel="Saving…">
          Save the benefit
        </SubmitButton>
      </form>
      {current ? (
        <form onSubmit={clear.onSubmit} aria-label="Clear the expected benefit">
          <FormMessage message={clear.message} />
          <ScriptButton type="submit" className={buttonClass("secondary")} disabled={clear.pending}>
            Clear the benefit
          </ScriptButton>
        </form>
      ) : null}
    </div>
  );
}
