"use client";
/**
 * The Overview's governance fields: what public AI inventories record (high impact, stage,
 * sourcing, EU risk tier, personal data, vendor, topic area), each "not recorded" until given.
 */
import { GOVERNANCE_LABELS, GOVERNANCE_LIMITS, GOVERNANCE_OPTIONS } from "@/lib/domain/governance";
import { Field, fieldId, inputClass, type SectionProps } from "./form-fields";

export function GovernanceFields(props: SectionProps) {
  const { values, err, set, blur } = props;
  return (
    <fieldset className="rounded border border-zinc-200 p-3" data-field="governance">
      <legend className="px-1 text-sm font-medium">Governance</legend>
      <p className="text-xs text-zinc-600">What public AI inventories record (the US OMB M-25-21 inventory, the EU AI Act). Leave “not recorded” where you do not know.</p>
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        {(["highImpact", "stage", "sourcing", "euRiskTier"] as const).map((key) => (
          <Field key={key} path={key} label={GOVERNANCE_LABELS[key]} error={err(key)}>
            <select id={fieldId(key)} className={inputClass} value={values[key]} onChange={(e) => set(key, e.target.value)} aria-invalid={!!err(key)}>
              <option value="">Not recorded</option>
              {GOVERNANCE_OPTIONS[key].map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </Field>
        ))}
        <Field path="personalData" label={GOVERNANCE_LABELS.personalData} error={err("personalData")}>
          <select id={fieldId("personalData")} className={inputClass} value={values.personalData} onChange={(e) => set("personalData", e.target.value)}>
            <option value="">Not recorded</option>
            <option value="yes">Yes</option>
            <option value="no">No</option>
          </select>
        </Field>
        {(["vendor", "topicArea"] as const).map((key) => (
          <Field key={key} path={key} label={GOVERNANCE_LABELS[key]} error={err(key)}>
            <input
              id={fieldId(key)}
              className={inputClass}
              value={values[key]}
              maxLength={GOVERNANCE_LIMITS[key]}
              onChange={(e) => set(key, e.target.value)}
              onBlur={() => blur(key)}
              aria-invalid={!!err(key)}
              aria-describedby={err(key) ? `${fieldId(key)}-error` : undefined}
            />
          </Field>
        ))}
      </div>
    </fieldset>
  );
}
