"use client";

import { useRouter } from "next/navigation";
import { useFormAction, type FormInput } from "@/components/use-form-action";
import { buttonClass } from "@/components/button";
import { setCostOverrides } from "../../actions";
import { ScriptButton } from "@/components/script-button";
import { rangeErrors } from "@/components/range-errors";

export interface OverrideRow {
  key: string;
  label: string;
  unit: string;
  /** The organization's value, shown beside the field. */
  defaultText: string;
  current: { low: number | null; base: number | null; high: number | null } | null;
}

const SCENARIOS = ["low", "base", "high"] as const;

function toOverrides(input: FormInput, keys: string[]) {
  const overrides: Record<string, { low: number | null; base: number | null; high: number | null } | string> = {};
  const model = (input.model ?? "").trim();
  if (model !== "") overrides.model = model;
  for (const key of keys) {
    const raw = SCENARIOS.map((s) => (input[`${key}.${s}`] ?? "").trim());
    if (raw.every((v) => v === "")) continue;
    const [low, base, high] = raw.map((v) => (v === "" ? null : Number(v))) as [number | null, number | null, number | null];
    overrides[key] = { low, base, high };
  }
  return overrides;
}

/** A use case's own cost figures over the organization's, with the organization's value beside each. */
export function OverridesForm({ orgSlug, useCaseId, version, rows, model }: {
  orgSlug: string;
  useCaseId: string;
  version: number;
  rows: OverrideRow[];
  /** The use case's own model, the organization's default and the catalogue's models to pick from. */
  model: { current: string | null; organization: string; choices: readonly string[] };
}) {
  const router = useRouter();
  const keys = rows.map((r) => r.key);
  const form = useFormAction((input) => setCostOverrides(orgSlug, { id: useCaseId, expectedVersion: version, overrides: toOverrides(input, keys) }), {
    onSuccess: () => router.refresh(),
  });
  return (
    <details className="mt-6 rounded-lg ring-1 ring-zinc-200">
      <summary className="cursor-pointer px-4 py-3 text-sm font-medium text-brand-700">Set this use case's own cost figures</summary>
      <form onSubmit={form.onSubmit} noValidate className="space-y-3 px-4 pb-4" aria-label="Cost overrides">
        <p className="text-xs text-zinc-600">Leave a figure empty to use the organization's value. Give low, base and high together.</p>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-[16rem_minmax(0,24rem)_1fr] sm:items-end">
          <label htmlFor="override-model" className="text-sm font-medium">Model this use case runs on <span className="font-normal text-zinc-500">(provider/model)</span></label>
          <input
            id="override-model"
            name="model"
            list="override-models"
            autoComplete="off"
            defaultValue={model.current ?? ""}
            placeholder={model.organization}
            aria-describedby={form.errors("overrides.model") ? "override-model-err" : undefined}
            className="block w-full rounded-md border border-zinc-300 px-2 py-1 text-sm"
          />
          <span className="text-xs text-zinc-500">Organization: {model.organization}. Priced from the catalogue; a model it lacks needs its prices below.</span>
          <datalist id="override-models">{model.choices.map((m) => <option key={m} value={m} />)}</datalist>
          {form.errors("overrides.model") ? <p id="override-model-err" className="text-xs text-red-700 sm:col-span-3" data-testid="field-error">{form.errors("overrides.model")!.join(" ")}</p> : null}
        </div>
        {rows.map((r) => {
          const { text: errors, invalid } = rangeErrors(form.errors, `overrides.${r.key}`);
          return (
            <fieldset key={r.key} className="grid grid-cols-1 gap-2 sm:grid-cols-[16rem_repeat(3,minmax(0,8rem))_1fr] sm:items-end" aria-describedby={errors.length ? `${r.key}-err` : undefined}>
              <legend className="sr-only">{r.label}</legend>
              <span className="text-sm font-medium" aria-hidden="true">{r.label} <span className="font-normal text-zinc-500">({r.unit})</span></span>
              {SCENARIOS.map((s) => (
                <label key={s} className="text-xs text-zinc-600">
                  {s}
                  <input
                    name={`${r.key}.${s}`}
                    inputMode="decimal"
                    aria-label={`${r.label} ${s}`}
                    defaultValue={r.current?.[s] ?? ""}
                    aria-invalid={invalid(s) ? true : undefined}
                    className="mt-1 block w-full rounded-md border border-zinc-300 px-2 py-1 text-sm aria-invalid:border-red-600"
                  />
                </label>
              ))}
              <span className="text-xs text-zinc-500">Organization: {r.defaultText}</span>
              {errors.length ? <p id={`${r.key}-err`} className="text-xs text-red-700 sm:col-span-5" data-testid="field-error">{errors.join(" ")}</p> : null}
            </fieldset>
          );
        })}
        {form.message ? <p role="status" className="text-sm">{form.message}</p> : null}
        <ScriptButton type="submit" className={buttonClass("primary")} disabled={form.pending}>{form.pending ? "Saving…" : "Save cost figures"}</ScriptButton>
      </form>
    </details>
  );
}
