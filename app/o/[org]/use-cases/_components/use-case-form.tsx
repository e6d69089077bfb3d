"use client";
/**
 * The use-case form, for logging and editing. Hints come from the server's own zod schema
 * (checkFormValues); the server action is the real check, and its field errors are shown next
 * to their fields the same way. On an edit, a save that someone else's save overtook shows
 * their change beside yours and lets you load theirs or save yours on top.
 *
 * This file holds the form's state, hints, save and error banner; the sections it shows are in
 * overview-section.tsx and assessment-section.tsx, the conflict in conflict-panel.tsx.
 */
import { buttonClass } from "@/components/button";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import type { AnswerKey } from "@/lib/domain/assessment";
import { fieldLabel } from "@/lib/domain/use-case-changes";
import { checkFormValues, formValuesFromFields, mergeFormValues, savedNotice, withStartDate, type UseCaseFormValues } from "@/lib/domain/use-case-form";
import type { ActionResult } from "@/lib/server/errors";
import type { UseCaseConflictDetails } from "@/lib/server/use-cases/write";
import { createUseCase, updateUseCase } from "../actions";
import { AssessmentSection } from "./assessment-section";
import { ConflictPanel } from "./conflict-panel";
import { fieldId, type Errors, type Fields } from "./form-fields";
import { useCasePath } from "./labels";
import { OverviewSection } from "./overview-section";
import { ScriptButton } from "@/components/script-button";
import { useUnsavedChanges } from "@/components/unsaved-changes";

/** What a link on the page asks while the form has changes not saved (components/unsaved-changes.tsx). */
export const UNSAVED_USE_CASE_MESSAGE = "Leave this page? Your changes to this use case are not saved.";

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
  // The values as stored (opened, or someone else's loaded on a conflict; a save leaves the page):
  // anything else is unsaved, and leaving asks first. Changed back by hand, nothing is asked.
  const [savedValues, setSavedValues] = useState(props.initialValues);
  const [saved, setSaved] = useState(false);
  useUnsavedChanges(!saved && JSON.stringify(values) !== JSON.stringify(savedValues), UNSAVED_USE_CASE_MESSAGE);
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
    const next = key === "startDate" ? withStartDate(values, value as string) : { ...values, [key]: value };
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
          ? ((await createUseCase(props.orgSlug, check.input)) as ActionResult<{ id: string; duplicates: { id: string }[]; changed?: string[] }>)
          : ((await updateUseCase(props.orgSlug, { ...check.input, id: props.useCaseId, expectedVersion })) as ActionResult<{ id: string; duplicates: { id: string }[]; changed?: string[] }>);
      if (result.ok) {
        setSaved(true);
        const params = new URLSearchParams({ saved: savedNotice(props.mode, result.data.changed) });
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
          currentUserId={props.currentUser.id}
          pending={pending}
          onLoadTheirs={() => {
            setValues(formValuesFromFields(conflict.current));
            setSavedValues(formValuesFromFields(conflict.current));
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

      <OverviewSection
        values={values}
        err={err}
        set={set}
        blur={blur}
        members={props.members}
        canAssignOwner={props.canAssignOwner}
        currentUser={props.currentUser}
      />

      <AssessmentSection values={values} err={err} onAnswer={setAnswer} blur={blur} />

      <div className="sticky bottom-0 z-10 -mx-4 flex items-center gap-3 border-t border-zinc-200 bg-white px-4 py-3 shadow-[0_-4px_12px_-6px_rgb(0_0_0_/_0.15)]" data-testid="save-bar">
        <ScriptButton type="submit" disabled={pending} className={buttonClass("primary")}>
          {pending ? "Saving…" : props.mode === "create" ? "Save use case" : "Save changes"}
        </ScriptButton>
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
