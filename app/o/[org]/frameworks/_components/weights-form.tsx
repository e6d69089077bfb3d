"use client";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { FieldError, FormMessage, SubmitButton, TextField } from "@/components/form";
import { useFormAction, type FormInput } from "@/components/use-form-action";
import { impactSentences, type WeightsImpact } from "@/lib/domain/frameworks/weights-impact";
import { dollars } from "@/lib/domain/money";
import { previewFrameworkWeights, saveFrameworkWeights } from "../actions";

export interface WeightsFormFramework {
  id: string;
  title: string;
  weight: number;
}

const WEIGHT_PREFIX = "weights.";

/** The form's flat fields as the action's input: weights.<id> → weights[id] (numbers), the rest as typed. */
function toInput(input: FormInput, weightsVersion: number) {
  const weights: Record<string, number | undefined> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key.startsWith(WEIGHT_PREFIX)) weights[key.slice(WEIGHT_PREFIX.length)] = value.trim() === "" ? undefined : Number(value);
  }
  return { expectedWeightsVersion: weightsVersion, weights, note: input.note ?? "" };
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** Admins: one weight per framework (0 turns it off) and the reason; saving re-scores every use case. */
export function WeightsForm({
  orgSlug,
  frameworks,
  weightsVersion,
  useCaseCount,
}: {
  orgSlug: string;
  frameworks: readonly WeightsFormFramework[];
  weightsVersion: number;
  useCaseCount: number;
}) {
  const [saved, setSaved] = useState<{ weightsVersion: number; rescored: number; impact: WeightsImpact } | null>(null);
  const [preview, setPreview] = useState<{ state: "same" | "invalid" | "loading" | "ready"; impact?: WeightsImpact }>({ state: "same" });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const asked = useRef(0);

  /** Before saving: what these weights would change, worked out on the server a moment after the last keystroke. */
  function onWeightsChange(e: FormEvent<HTMLFormElement>) {
    const el = e.currentTarget;
    if (!(e.target instanceof HTMLInputElement) || !e.target.name.startsWith(WEIGHT_PREFIX)) return;
    const weights: Record<string, number> = {};
    let valid = true;
    for (const f of frameworks) {
      const field = el.elements.namedItem(`${WEIGHT_PREFIX}${f.id}`);
      const raw = field instanceof HTMLInputElement ? field.value.trim() : "";
      const w = Number(raw);
      if (raw === "" || !Number.isFinite(w) || w < 0 || w > 5 || Math.round(w * 2) !== w * 2) valid = false;
      weights[f.id] = w;
    }
    if (timer.current) clearTimeout(timer.current);
    // Every change takes a new ticket, so an answer still on its way for earlier weights is dropped
    // rather than shown over what the form now holds.
    const ticket = ++asked.current;
    if (!valid) return setPreview({ state: "invalid" });
    if (frameworks.every((f) => weights[f.id] === f.weight)) return setPreview({ state: "same" });
    setPreview((p) => ({ ...p, state: "loading" }));
    timer.current = setTimeout(async () => {
      const res = await previewFrameworkWeights(orgSlug, { weights }).catch(() => null);
      if (ticket !== asked.current) return;
      setPreview(res?.ok ? { state: "ready", impact: res.data } : { state: "invalid" });
    }, 350);
  }
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const form = useFormAction((input) => saveFrameworkWeights(orgSlug, toInput(input, weightsVersion)), {
    onSuccess: (data, el) => {
      setSaved(data);
      setPreview({ state: "same" });
      const note = el.elements.namedItem("note");
      if (note instanceof HTMLTextAreaElement) note.value = "";
    },
  });
  const noteId = useId();
  const noteErrors = form.errors("note");
  const weightsErrors = form.errors("weights");

  return (
    <form onSubmit={(e) => { setSaved(null); form.onSubmit(e); }} onChange={onWeightsChange} noValidate className="space-y-5" aria-label="Framework weights">
      <FormMessage message={form.message} faults={form.faults} />
      {saved && !form.pending ? (
        <FormMessage
          tone="success"
          message={
            <div data-testid="weights-saved">
              <p>Saved. Weights version {saved.weightsVersion}; {plural(saved.rescored, "use case", "use cases")} re-scored.</p>
              <ul className="mt-1 list-disc space-y-0.5 pl-5 font-normal">
                {impactSentences(saved.impact, dollars, "did").map((t) => <li key={t}>{t}</li>)}
              </ul>
            </div>
          }
        />
      ) : null}
      <fieldset>
        <legend className="text-sm font-medium text-zinc-900">Weight per framework</legend>
        <p className="mt-1 text-sm text-zinc-600">From 0 to 5 in steps of 0.5. A framework with weight 2 counts as two votes; 0 turns it off.</p>
        <div className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          {frameworks.map((f) => (
            <TextField
              key={`${f.id}-${weightsVersion}`}
              label={f.title}
              name={`${WEIGHT_PREFIX}${f.id}`}
              type="number"
              inputMode="decimal"
              min={0}
              max={5}
              step={0.5}
              required
              defaultValue={String(f.weight)}
              errors={form.errors(`${WEIGHT_PREFIX}${f.id}`)}
            />
          ))}
        </div>
        <FieldError id={`${noteId}-weights-error`} errors={weightsErrors} />
      </fieldset>
      <div aria-live="polite" className="rounded-md bg-zinc-50 px-4 py-3 text-sm text-zinc-800 ring-1 ring-inset ring-zinc-200" data-testid="weights-preview">
        <p className="font-medium text-zinc-900">If you save these weights</p>
        {preview.state === "same" ? (
          <p className="mt-1 text-zinc-700">These are the current weights: nothing would change. Change a weight to see what it would do.</p>
        ) : preview.state === "invalid" ? (
          <p className="mt-1 text-zinc-700">Enter a weight from 0 to 5, in steps of 0.5 (0, 0.5, 1, 1.5 …), for every framework to see what would change.</p>
        ) : preview.state === "loading" && !preview.impact ? (
          <p className="mt-1 text-zinc-700">Working out what would change…</p>
        ) : (
          <ul className={`mt-1 list-disc space-y-0.5 pl-5 ${preview.state === "loading" ? "opacity-60" : ""}`}>
            {impactSentences(preview.impact!, dollars, "would").map((t) => <li key={t}>{t}</li>)}
          </ul>
        )}
      </div>
      <div>
        <label htmlFor={noteId} className="block text-sm font-medium text-zinc-900">
          Reason for the change
        </label>
        <textarea
          id={noteId}
          name="note"
          rows={3}
          maxLength={500}
          required
          aria-invalid={noteErrors?.length ? true : undefined}
          aria-describedby={`${noteId}-hint${noteErrors?.length ? ` ${noteId}-error` : ""}`}
          className="mt-1.5 block w-full rounded-md border-0 bg-white px-3 py-2 text-base text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 placeholder:text-zinc-500 focus:ring-2 focus:ring-inset focus:ring-brand-600 focus-visible:outline-none aria-invalid:ring-red-600 sm:text-sm"
        />
        <p id={`${noteId}-hint`} className="mt-1.5 text-sm text-zinc-600">
          Kept in the audit log with the weights before and after.
        </p>
        <FieldError id={`${noteId}-error`} errors={noteErrors} />
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pending={form.pending} pendingLabel={`Re-scoring ${plural(useCaseCount, "use case", "use cases")}…`}>
          Save weights and re-score
        </SubmitButton>
        <p className="text-sm text-zinc-600">Saving re-scores {plural(useCaseCount, "use case", "use cases")} with the new weights.</p>
      </div>
    </form>
  );
}
