"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { FieldError, FormMessage, PendingLabel, SelectField, SubmitButton, TextField } from "@/components/form";
import { useFormAction, type FormInput } from "@/components/use-form-action";
import type { ReprojectionImpact } from "@/lib/domain/costing/reprojection-impact";
import type { ActionResult } from "@/lib/server/errors";
import { buttonClass } from "@/components/button";
import { rangeErrors } from "@/components/range-errors";
import { useUnsavedChanges } from "@/components/unsaved-changes";
import { previewAssumptions, saveAssumptions } from "./actions";
import { PreviewImpact, SavedImpact } from "@/components/saved-impact";

export interface FigureRow {
  key: string;
  label: string;
  unit: string;
  min: number;
  max: number;
  /** What the cost model prices instead of this figure, which no formula uses (null: it is used). */
  referenceOnly: string | null;
  low: number | null;
  base: number | null;
  high: number | null;
}

export interface FigureGroup {
  name: string;
  rows: FigureRow[];
}

const SCENARIOS = ["low", "base", "high"] as const;

export const UNSAVED_ASSUMPTIONS_MESSAGE = "Leave this page? Your changes to the assumptions are not saved.";
const METHOD_OPTIONS = [
  { value: "LORA", label: "LoRA (parameter-efficient)" },
  { value: "FULL", label: "Full fine-tune" },
] as const;

const DEPLOYMENT_OPTIONS = [
  { value: "SMALL_MODEL", label: "A fine-tuned smaller model (002, 003)" },
  { value: "API_HOSTED", label: "An API-hosted fine-tune of the base model" },
  { value: "SELF_HOSTED", label: "A self-hosted open model on GPUs" },
] as const;

const INPUT =
  "block w-28 rounded-md border-0 bg-white px-2 py-1.5 text-sm tabular-nums text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 focus-visible:outline-none aria-invalid:ring-red-600";

/** "" is missing (null); commas and spaces are allowed as thousands separators; anything else is sent as NaN and refused. */
function readNumber(raw: string | undefined): number | null {
  const v = (raw ?? "").replace(/[,\s]/g, "");
  return v === "" ? null : Number(v);
}

function toInput(input: FormInput, groups: FigureGroup[], expectedVersion: number) {
  const values: Record<string, { low: number | null; base: number | null; high: number | null }> = {};
  for (const r of groups.flatMap((g) => g.rows)) {
    values[r.key] = { low: readNumber(input[`${r.key}.low`]), base: readNumber(input[`${r.key}.base`]), high: readNumber(input[`${r.key}.high`]) };
  }
  return { expectedVersion, fineTuneMethod: input.fineTuneMethod, ftDeployment: input.ftDeployment, values, model: input.model ?? "", pinCatalogue: input.pinCatalogue === "on", note: input.note ?? "" };
}

/**
 * Finance and admins edit every figure (empty = missing) and the fine-tuning method, and say why;
 * saving creates a new version and re-projects every use case of the organization.
 */
export function AssumptionsForm({
  orgSlug,
  version,
  method,
  groups,
  useCaseCount,
  model,
  models,
  deployment,
  installedCatalogue,
}: {
  orgSlug: string;
  version: number;
  method: string;
  groups: FigureGroup[];
  useCaseCount: number;
  /** The default model, the catalogue's models to pick from, and the installed catalogue's version. */
  model: string;
  models: readonly string[];
  deployment: string;
  installedCatalogue: string;
}) {
  const router = useRouter();
  // A lone hand price is refused by the server beside the empty one (it would be ignored), with
  // every other error of the form at once: refused here first, a missing reason was only said
  // on the next try.
  const form = useFormAction(async (input): Promise<ActionResult<{ version: number; reprojected: number; impact: ReprojectionImpact }>> => saveAssumptions(orgSlug, toInput(input, groups, version)), {
    onSuccess: (_data, el) => {
      setDirty(false);
      const note = el.elements.namedItem("note");
      if (note instanceof HTMLTextAreaElement) note.value = "";
      router.refresh();
    },
  });
  // "Preview the effect" sends the same fields to a preview that saves nothing; its refusals are
  // shown at the fields as a save's are, and it is dropped as soon as a field changes (it would
  // describe figures no longer in the form).
  const preview = useFormAction(async (input): Promise<ActionResult<{ version: number; basedOn: number; impact: ReprojectionImpact }>> => previewAssumptions(orgSlug, toInput(input, groups, version)));
  const [last, setLast] = useState<"save" | "preview">("save");
  // Typed figures are asked about before a link leaves the page or the tab closes; a save clears it.
  const [dirty, setDirty] = useState(false);
  useUnsavedChanges(dirty, UNSAVED_ASSUMPTIONS_MESSAGE);
  const shown = last === "preview" ? preview : form;
  const noteErrors = shown.errors("note");
  const useCases = `${useCaseCount} use case${useCaseCount === 1 ? "" : "s"}`;

  return (
    <form
      onSubmit={(e) => {
        setLast("save");
        preview.reset();
        form.onSubmit(e);
      }}
      onInput={() => {
        setDirty(true);
        if (preview.result) preview.reset();
      }}
      onChange={() => setDirty(true)}
      noValidate
      className="space-y-6"
      aria-label="Edit the assumptions"
    >
      <p className="text-sm text-zinc-600">
        Leave all three of a figure empty to mark it missing. Saving creates version {version + 1} and re-projects {useCases}; preview the effect first to see
        what it would move, with nothing saved.
      </p>
      <SelectField label="Fine-tuning method" name="fineTuneMethod" options={METHOD_OPTIONS} defaultValue={method} errors={shown.errors("fineTuneMethod")} className="max-w-xs" />
      <SelectField label="Fine-tuned model deployment" name="ftDeployment" options={DEPLOYMENT_OPTIONS} defaultValue={deployment} errors={shown.errors("ftDeployment")} className="max-w-md" />
      <TextField
        label="Default model (provider/model)"
        name="model"
        list="catalogue-models"
        defaultValue={model}
        autoComplete="off"
        hint="Priced from the catalogue; a model it lacks needs its input and output prices set by hand under Inference."
        errors={shown.errors("model")}
        className="max-w-md"
      />
      <datalist id="catalogue-models">
        {models.map((m) => <option key={m} value={m} />)}
      </datalist>
      <label className="flex items-center gap-2 text-sm text-zinc-900">
        <input type="checkbox" name="pinCatalogue" className="h-4 w-4 rounded border-zinc-300" data-testid="pin-catalogue" />
        Pin the model prices to the installed catalogue (version {installedCatalogue}) as of today
      </label>

      {groups.map((g) => (
        <fieldset key={g.name} className="min-w-0">
          <legend className="text-sm font-semibold text-zinc-900">{g.name}</legend>
          <div className="relative mt-2 overflow-x-auto rounded-lg ring-1 ring-zinc-200">
            <table className="min-w-full divide-y divide-zinc-200 text-sm">
              <thead className="bg-zinc-50">
                <tr>
                  <th scope="col" className="px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-zinc-600">Figure</th>
                  {SCENARIOS.map((s) => (
                    <th key={s} scope="col" className="px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-zinc-600">{s}</th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {g.rows.map((r) => {
                  const { text: errors, invalid } = rangeErrors(shown.errors, `values.${r.key}`);
                  const errorId = `figure-${r.key}-error`;
                  return (
                    <tr key={r.key} className="align-top" data-testid={`edit-${r.key}`}>
                      <th scope="row" className="px-3 py-2 text-left font-medium text-zinc-900">
                        {r.label} <span className="font-normal text-zinc-500">({r.unit}; {r.min.toLocaleString("en-US")} to {r.max.toLocaleString("en-US")})</span>
                        {r.referenceOnly ? (
                          <span className="mt-1 block text-xs font-normal text-zinc-600" data-testid="edit-reference-only">
                            For reference: changing it changes no cost. {r.referenceOnly}
                          </span>
                        ) : null}
                        {errors.length ? (
                          <div data-testid="field-error">
                            <FieldError id={errorId} errors={errors} />
                          </div>
                        ) : null}
                      </th>
                      {SCENARIOS.map((s) => (
                        <td key={s} className="px-3 py-2">
                          <input
                            name={`${r.key}.${s}`}
                            aria-label={`${r.label} ${s}`}
                            inputMode="decimal"
                            defaultValue={r[s] ?? ""}
                            placeholder="missing"
                            aria-invalid={invalid(s) ? true : undefined}
                            aria-describedby={errors.length ? errorId : undefined}
                            className={INPUT}
                          />
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </fieldset>
      ))}

      <div>
        <label htmlFor="assumptions-note" className="block text-sm font-medium text-zinc-900">
          Why the figures change
        </label>
        <textarea
          id="assumptions-note"
          name="note"
          rows={2}
          maxLength={500}
          aria-invalid={noteErrors ? true : undefined}
          aria-describedby={`assumptions-note-hint${noteErrors ? " assumptions-note-error" : ""}`}
          className="mt-1.5 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 focus-visible:outline-none aria-invalid:ring-red-600"
        />
        <p id="assumptions-note-hint" className="mt-1.5 text-sm text-zinc-600">Required, up to 500 characters. Kept with the version and in the audit log.</p>
        {noteErrors ? (
          <div data-testid="field-error">
            <FieldError id="assumptions-note-error" errors={noteErrors} />
          </div>
        ) : null}
      </div>

      <FormMessage message={shown.message} faults={shown.faults} />
      {last === "save" && form.result?.ok ? (
        <FormMessage tone="success" message={<SavedImpact orgSlug={orgSlug} {...form.result.data} />} />
      ) : null}
      {last === "preview" && preview.result?.ok ? (
        <div aria-live="polite" className="rounded-md bg-zinc-50 px-4 py-3 text-sm text-zinc-800 ring-1 ring-inset ring-zinc-200">
          <PreviewImpact orgSlug={orgSlug} version={preview.result.data.version} impact={preview.result.data.impact} />
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          data-testid="preview-assumptions"
          aria-disabled={preview.pending || form.pending || undefined}
          className={buttonClass("secondary", "aria-disabled:cursor-wait aria-disabled:opacity-70")}
          onClick={(e) => {
            if (preview.pending || form.pending || !e.currentTarget.form) return;
            setLast("preview");
            form.reset();
            preview.run(e.currentTarget.form);
          }}
        >
          <PendingLabel pending={preview.pending} pendingLabel={`Working out the effect on ${useCases}…`}>
            Preview the effect
          </PendingLabel>
        </button>
        <SubmitButton pending={form.pending} pendingLabel={`Re-projecting ${useCases}…`}>
          Save a new version
        </SubmitButton>
      </div>
    </form>
  );
}
