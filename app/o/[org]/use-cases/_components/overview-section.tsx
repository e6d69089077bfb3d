"use client";
/**
 * The use-case form's Overview section: the title and description, the business unit, the owner
 * (a lead's own, or any member's for an executive or admin), the status, planned start, horizon
 * and external id, then the governance fields and the manual estimate.
 */
import { formatDateAtPrecision, LIMITS, STATUSES, type DatePrecision } from "@/lib/domain/use-case";
import { Field, fieldId, inputClass, Section, type SectionProps } from "./form-fields";
import { GovernanceFields } from "./governance-fields";
import { statusLabel } from "./labels";
import { ManualEstimateFields } from "./manual-estimate-fields";

export function OverviewSection(
  props: SectionProps & {
    members: { id: string; name: string }[];
    canAssignOwner: boolean;
    currentUser: { id: string; name: string };
  },
) {
  const { values, err, set, blur } = props;
  return (
    <Section id="overview" title="Overview">
      <Field path="title" label="Title" error={err("title")} required>
        <input
          id={fieldId("title")}
          className={inputClass}
          value={values.title}
          maxLength={LIMITS.title + 50}
          onChange={(e) => set("title", e.target.value)}
          onBlur={() => blur("title")}
          aria-invalid={!!err("title")}
          aria-describedby={err("title") ? `${fieldId("title")}-error` : undefined}
        />
      </Field>
      <Field path="description" label="Description" error={err("description")} help="What it should do, for whom, and why it matters.">
        <textarea
          id={fieldId("description")}
          className={inputClass}
          rows={4}
          value={values.description}
          onChange={(e) => set("description", e.target.value)}
          onBlur={() => blur("description")}
          aria-invalid={!!err("description")}
          aria-describedby={err("description") ? `${fieldId("description")}-error` : undefined}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field path="businessUnit" label="Business unit / cost center" error={err("businessUnit")}>
          <input
            id={fieldId("businessUnit")}
            className={inputClass}
            value={values.businessUnit}
            onChange={(e) => set("businessUnit", e.target.value)}
            onBlur={() => blur("businessUnit")}
            aria-invalid={!!err("businessUnit")}
            aria-describedby={err("businessUnit") ? `${fieldId("businessUnit")}-error` : undefined}
          />
        </Field>
        <Field
          path="ownerId"
          label="Owner"
          error={err("ownerId")}
          help={props.canAssignOwner ? undefined : "A lead's use cases are their own; an executive or admin can hand one over."}
        >
          <select
            id={fieldId("ownerId")}
            className={inputClass}
            value={values.ownerId || props.currentUser.id}
            disabled={!props.canAssignOwner}
            onChange={(e) => set("ownerId", e.target.value)}
            aria-invalid={!!err("ownerId")}
            aria-describedby={err("ownerId") ? `${fieldId("ownerId")}-error` : undefined}
          >
            {!props.members.some((m) => m.id === (values.ownerId || props.currentUser.id)) && (
              <option value={values.ownerId || props.currentUser.id}>{values.ownerId ? "A former member" : props.currentUser.name}</option>
            )}
            {props.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
                {m.id === props.currentUser.id ? " (you)" : ""}
              </option>
            ))}
          </select>
        </Field>
        <Field path="status" label="Status" error={err("status")}>
          <select id={fieldId("status")} className={inputClass} value={values.status} onChange={(e) => set("status", e.target.value)} aria-invalid={!!err("status")}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          path="startDate"
          label="Planned start"
          error={err("startDate")}
          help={
            values.startDate && values.startDatePrecision !== "DAY"
              ? `Known to the ${values.startDatePrecision === "YEAR" ? "year" : "month"} only (${formatDateAtPrecision(values.startDate, values.startDatePrecision as DatePrecision)}); choosing a date records the day.`
              : undefined
          }
        >
          <input
            id={fieldId("startDate")}
            type="date"
            className={inputClass}
            value={values.startDate}
            min="1950-01-01"
            max="2100-12-31"
            onChange={(e) => set("startDate", e.target.value)}
            onBlur={() => blur("startDate")}
            aria-invalid={!!err("startDate")}
            aria-describedby={err("startDate") ? `${fieldId("startDate")}-error` : undefined}
          />
        </Field>
        <Field path="horizonYears" label="Horizon (years)" error={err("horizonYears")} help="How many years the cost projection covers: 1 to 10.">
          <input
            id={fieldId("horizonYears")}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            className={inputClass}
            value={values.horizonYears}
            onChange={(e) => set("horizonYears", e.target.value)}
            onBlur={() => blur("horizonYears")}
            aria-invalid={!!err("horizonYears")}
            aria-describedby={err("horizonYears") ? `${fieldId("horizonYears")}-error` : undefined}
          />
        </Field>
        <Field path="externalId" label="External id" error={err("externalId")} help="The id in your own inventory, if any. Unique in the organization.">
          <input
            id={fieldId("externalId")}
            className={inputClass}
            value={values.externalId}
            onChange={(e) => set("externalId", e.target.value)}
            onBlur={() => blur("externalId")}
            aria-invalid={!!err("externalId")}
            aria-describedby={err("externalId") ? `${fieldId("externalId")}-error` : undefined}
          />
        </Field>
      </div>
      <GovernanceFields values={values} err={err} set={set} blur={blur} />
      <ManualEstimateFields values={values} err={err} set={set} blur={blur} />
    </Section>
  );
}
