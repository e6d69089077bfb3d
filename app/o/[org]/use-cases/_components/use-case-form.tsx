"use client";
/**
 * The use-case form, for logging and editing. Hints come from the server's own zod schema
 * (checkFormValues); the server action is the real check, and its field errors are shown next
 * to their fields the same way. On an edit, a save that someone else's save overtook shows
 * their change beside yours and lets you load theirs or save yours on top.
 */
import { buttonClass } from "@/components/button";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import type { AnswerKey } from "@/lib/domain/assessment";
import { LIMITS, STATUSES } from "@/lib/domain/use-case";
import { GOVERNANCE_LABELS, GOVERNANCE_LIMITS, GOVERNANCE_OPTIONS } from "@/lib/domain/governance";
import { fieldLabel } from "@/lib/domain/use-case-changes";
import { checkFormValues, formValuesFromFields, mergeFormValues, type UseCaseFormValues } from "@/lib/domain/use-case-form";
import type { ActionResult } from "@/lib/server/errors";
import type { UseCaseConflictDetails } from "@/lib/server/use-cases/write";
import { createUseCase, updateUseCase } from "../actions";
import { AssessmentSection } from "./assessment-section";
import { ConflictPanel } from "./conflict-panel";
import { Field, FieldError, fieldId, inputClass, Section, type Errors, type Fields } from "./form-fields";
import { statusLabel, useCasePath } from "./labels";

export interface UseCaseFormProps {
  orgSlug: string;
  mode: "create" | "edit";
  /** Edit: the use case and the version the form was opened at. */
  useCaseId?: string;
  version?: number;
  /** The stored fields when the form was opened (edit), to show what changed in a conflict. */
  initialFields?: Fields;
  initialValues: UseCaseFormValues;
  members: { id: string; name: string }[];
  /** Executives and admins choose any owner; a lead's use cases are their own. */
  canAssignOwner: boolean;
  currentUser: { id: string; name: string };
}

export function UseCaseForm(props: UseCaseFormProps) {
  const router = useRouter();
  const [values, setValues] = useState(props.initialValues);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [version, setVersion] = useState(props.version);
  const [base, setBase] = useState<Fields | undefined>(props.initialFields);
  const [conflict, setConflict] = useState<UseCaseConflictDetails | null>(null);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const names = Object.fromEntries(props.members.map((m) => [m.id, m.name]));

  /** Client-side hints: the same schema as the server, shown for touched fields (all after a submit). */
  function hint(next: UseCaseFormValues, touchedNow: Set<string>, all: boolean) {
    const check = checkFormValues(next);
    const found = check.ok ? {} : check.errors;
    const shown: Errors = {};
    for (const [k, v] of Object.entries(found)) {
      const top = k.split(".")[0]!;
      if (all || touchedNow.has(k) || touchedNow.has(top)) shown[k] = v;
    }
    setErrors(shown);
  }

  function set<K extends keyof UseCaseFormValues>(key: K, value: UseCaseFormValues[K]) {
    const next = { ...values, [key]: value };
    setValues(next);
    if (submitted || Object.keys(errors).length) hint(next, touched, submitted);
  }
  function setAnswer(key: AnswerKey, value: string) {
    const next = { ...values, assessment: { ...values.assessment, [key]: value } };
    setValues(next);
    const t = new Set(touched).add(`assessment.${key}`);
    setTouched(t);
    hint(next, t, submitted);
  }
  function blur(path: string) {
    const t = new Set(touched).add(path);
    setTouched(t);
    hint(values, t, submitted);
  }

  /** Focus the first field at fault in the order the form shows them (not the order the checks ran). */
  function focusFirstError(errs: Errors) {
    const first = orderedErrorPaths(errs)[0];
    if (!first) return;
    const el = formRef.current?.querySelector<HTMLElement>(`#${CSS.escape(fieldId(first))}, [data-field="${first}"] input, [data-field="${first}"] select, [data-field="${first}"] textarea`);
    el?.focus();
  }

  /** The paths at fault, in the form's order on the page. */
  function orderedErrorPaths(errs: Errors): string[] {
    const paths = Object.keys(errs).filter((k) => k !== "_form");
    const onPage = [...(formRef.current?.querySelectorAll<HTMLElement>("[data-field]") ?? [])].map((el) => el.dataset.field!);
    const rank = (p: string) => {
      const i = onPage.findIndex((f) => f === p || p.startsWith(`${f}.`));
      return i === -1 ? Number.MAX_SAFE_INTEGER : i;
    };
    return paths.sort((a, b) => rank(a) - rank(b));
  }

  function save(expectedVersion = version, current = values) {
    setSubmitted(true);
    setFormError(null);
    const check = checkFormValues(current);
    if (!check.ok) {
      setErrors(check.errors);
      setFormError("Please correct the highlighted fields.");
      requestAnimationFrame(() => focusFirstError(check.errors));
      return;
    }
    setErrors({});
    startTransition(async () => {
      const result =
        props.mode === "create"
          ? ((await createUseCase(props.orgSlug, check.input)) as ActionResult<{ id: string; duplicates: { id: string }[] }>)
          : ((await updateUseCase(props.orgSlug, { ...check.input, id: props.useCaseId, expectedVersion })) as ActionResult<{ id: string; duplicates: { id: string }[] }>);
      if (result.ok) {
        const params = new URLSearchParams({ saved: props.mode === "create" ? "created" : "updated" });
        if (result.data.duplicates.length) params.set("dups", result.data.duplicates.map((d) => d.id).join(","));
        router.push(`${useCasePath(props.orgSlug, result.data.id)}?${params}`);
        return;
      }
      if (result.code === "CONFLICT" && result.details) {
        setConflict(result.details as UseCaseConflictDetails);
        return;
      }
      setFormError(result.message);
      if (result.fieldErrors) {
        setErrors(result.fieldErrors);
        requestAnimationFrame(() => focusFirstError(result.fieldErrors!));
      }
    });
  }

  const err = (path: string) => errors[path];

  return (
    <form
      ref={formRef}
      noValidate
      className="space-y-8"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      {formError && (
        <div role="alert" className="rounded border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="form-errors">
          {formError}
          {errors._form && <ul className="mt-1 list-disc pl-5">{errors._form.map((m) => <li key={m}>{m}</li>)}</ul>}
          {Object.keys(errors).some((k) => k !== "_form") && (
            <ul className="mt-2 list-disc space-y-1 pl-5" aria-label="Fields to correct">
              {orderedErrorPaths(errors).map((path) => (
                <li key={path}>
                  <a
                    href={`#${fieldId(path)}`}
                    className="font-medium underline underline-offset-2"
                    onClick={(e) => {
                      e.preventDefault();
                      focusFirstError({ [path]: errors[path]! });
                    }}
                  >
                    {bannerLabel(path)}
                  </a>
                  : {errors[path]!.join(" ")}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {conflict && (
        <ConflictPanel
          conflict={conflict}
          base={base}
          mine={checkFormValues(values)}
          names={names}
          pending={pending}
          onLoadTheirs={() => {
            setValues(formValuesFromFields(conflict.current));
            setBase(conflict.current);
            setVersion(conflict.currentVersion);
            setConflict(null);
            setErrors({});
            setFormError(null);
          }}
          onReapply={() => {
            const merged = base ? mergeFormValues(formValuesFromFields(base), values, formValuesFromFields(conflict.current)) : values;
            setValues(merged);
            setBase(conflict.current);
            setVersion(conflict.currentVersion);
            setConflict(null);
            save(conflict.currentVersion, merged);
          }}
        />
      )}

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
          <Field path="startDate" label="Planned start" error={err("startDate")}>
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
              type="number"
              inputMode="numeric"
              min={1}
              max={10}
              step={1}
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
        <fieldset className="rounded border border-zinc-200 p-3" data-field="manualEstimate">
          <legend className="px-1 text-sm font-medium">Manual yearly estimate (optional)</legend>
          <p className="text-xs text-zinc-600">
            For an agent, a structured pipeline or feedback learning the costs are not projected: give your own yearly estimate in dollars. Shown as a manual
            estimate wherever it is used.
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
                    type="number"
                    inputMode="decimal"
                    min={0}
                    step="0.01"
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
      </Section>

      <AssessmentSection values={values} err={err} onAnswer={setAnswer} blur={blur} />

      <div className="sticky bottom-0 z-10 -mx-4 flex items-center gap-3 border-t border-zinc-200 bg-white px-4 py-3 shadow-[0_-4px_12px_-6px_rgb(0_0_0_/_0.15)]" data-testid="save-bar">
        <button type="submit" disabled={pending} className={buttonClass("primary")}>
          {pending ? "Saving…" : props.mode === "create" ? "Save use case" : "Save changes"}
        </button>
        <Link href={props.mode === "create" ? useCasePath(props.orgSlug) : useCasePath(props.orgSlug, props.useCaseId)} className="text-sm text-zinc-700 underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}

/** "manualEstimate.low" → "Manual yearly estimate (low)"; other paths by their label. */
function bannerLabel(path: string): string {
  const label = fieldLabel(path);
  if (label !== path) return label;
  const [top, ...rest] = path.split(".");
  return `${fieldLabel(top!)} (${rest.join(" ")})`;
}
