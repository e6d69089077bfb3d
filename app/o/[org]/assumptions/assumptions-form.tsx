"use client";

import { useRouter } from "next/navigation";
import { buttonClass } from "@/components/button";
import { useFormAction, type FormInput } from "@/components/use-form-action";
import { saveAssumptions } from "./actions";

export interface FigureRow { key: string; label: string; unit: string; low: number | null; base: number | null; high: number | null }

const SCENARIOS = ["low", "base", "high"] as const;

function toSet(input: FormInput, rows: FigureRow[]) {
  const values: Record<string, { low: number | null; base: number | null; high: number | null }> = {};
  for (const r of rows) {
    const [low, base, high] = SCENARIOS.map((s) => {
      const v = (input[`${r.key}.${s}`] ?? "").trim();
      return v === "" ? null : Number(v);
    }) as [number | null, number | null, number | null];
    values[r.key] = { low, base, high };
  }
  return { fineTuneMethod: input.fineTuneMethod, values };
}

/** Finance and admins edit every figure (empty = missing) and say why; saving creates a new version. */
export function AssumptionsForm({ orgSlug, version, method, rows }: { orgSlug: string; version: number; method: string; rows: FigureRow[] }) {
  const router = useRouter();
  const form = useFormAction((input) => saveAssumptions(orgSlug, { expectedVersion: version, set: toSet(input, rows), note: input.note ?? "" }), {
    onSuccess: () => router.refresh(),
  });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3" aria-label="Edit the assumptions">
      <label className="block text-sm">
        <span className="font-medium">Fine-tuning method</span>
        <select name="fineTuneMethod" defaultValue={method} className="ml-2 rounded-md border border-zinc-300 px-2 py-1">
          <option value="LORA">LoRA (parameter-efficient)</option>
          <option value="FULL">Full fine-tune</option>
        </select>
      </label>
      <div className="relative overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead><tr className="text-left text-zinc-600"><th className="p-1">Figure</th><th className="p-1">Low</th><th className="p-1">Base</th><th className="p-1">High</th></tr></thead>
          <tbody>
            {rows.map((r) => {
              const errors = form.errors(`set.values.${r.key}`) ?? [];
              return (
                <tr key={r.key} className="border-t border-zinc-100 align-top">
                  <th scope="row" className="p-1 text-left font-normal">{r.label} <span className="text-zinc-500">({r.unit})</span>
                    {errors.length ? <p className="text-xs text-red-700" data-testid="field-error">{errors.join(" ")}</p> : null}
                  </th>
                  {SCENARIOS.map((s) => (
                    <td key={s} className="p-1">
                      <input name={`${r.key}.${s}`} aria-label={`${r.label} ${s}`} inputMode="decimal" defaultValue={r[s] ?? ""} aria-invalid={errors.length ? true : undefined}
                        className="w-28 rounded-md border border-zinc-300 px-2 py-1" />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <label className="block text-sm">
        <span className="font-medium">Why the figures change</span>
        <textarea name="note" required maxLength={500} aria-invalid={form.errors("note") ? true : undefined} className="mt-1 block w-full rounded-md border border-zinc-300 px-2 py-1" rows={2} />
        {form.errors("note") ? <p className="text-xs text-red-700" data-testid="field-error">{form.errors("note")!.join(" ")}</p> : null}
      </label>
      {form.message ? <p role="alert" data-form-message className="text-sm text-red-700">{form.message}</p> : null}
      {form.result?.ok ? <p role="status" className="text-sm text-emerald-800">Saved version {form.result.data.version}; {form.result.data.reprojected} use cases re-projected.</p> : null}
      <button type="submit" className={buttonClass("primary")} disabled={form.pending}>{form.pending ? "Saving and re-projecting every use case…" : "Save a new version"}</button>
    </form>
  );
}
