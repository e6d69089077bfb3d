"use client";
/**
 * The Overview's manual yearly estimate (low, base, high, in dollars): one's own figure for the
 * approaches whose costs are not projected.
 */
import { Field, FieldError, fieldId, inputClass, type SectionProps } from "./form-fields";

export function ManualEstimateFields(props: SectionProps) {
  const { values, err, set, blur } = props;
  return (
    <fieldset className="rounded border border-zinc-200 p-3" data-field="manualEstimate">
      <legend className="px-1 text-sm font-medium">Manual yearly estimate (optional)</legend>
      <p className="text-xs text-zinc-600">
        For an agent, a structured pipeline or feedback learning the costs are not projected: give your own yearly estimate in dollars (60000, 60,000.50, 60k or 1.5M), the whole yearly
        cost, people&apos;s time with it. Shown as a manual estimate wherever it is used; its bills are counted against a budget finance approves, not compared with it.
      </p>
      {err("manualEstimate") && <FieldError id={`${fieldId("manualEstimate")}-error`} messages={err("manualEstimate")!} />}
      <div className="mt-2 grid gap-3 sm:grid-cols-3">
        {(["Low", "Base", "High"] as const).map((part) => {
          const key = `manual${part}` as const;
          const path = `manualEstimate.${part.toLowerCase()}`;
          return (
            <Field key={part} path={path} label={`${part} ($ a year)`} error={err(path)}>
              <input
                id={fieldId(path)}
                type="text"
                inputMode="decimal"
                autoComplete="off"
                className={inputClass}
                value={values[key]}
                onChange={(e) => set(key, e.target.value)}
                onBlur={() => blur(path)}
                aria-invalid={!!err(path)}
                aria-describedby={err(path) ? `${fieldId(path)}-error` : undefined}
              />
            </Field>
          );
        })}
      </div>
    </fieldset>
  );
}
