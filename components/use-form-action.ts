"use client";
import { useCallback, useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import type { ActionResult } from "@/lib/server/errors";

/**
 * A small form hook around a server action made with the action client (lib/server/action.ts).
 * It reads the form's fields into a plain object, calls the action in a transition (so `pending`
 * drives the submit button), keeps what the person typed when the server refuses it, and moves
 * focus to the first invalid field, or to the form's message, so screen readers hear it.
 *
 *   const form = useFormAction((input) => inviteMember(orgSlug, input), { resetOnSuccess: true });
 *   <form onSubmit={form.onSubmit} noValidate> <TextField name="email" errors={form.errors("email")} /> …
 */
export type FormInput = Record<string, string>;

/** A field the server refused: its element id (for a link) and its label. */
export interface FieldFault {
  id: string;
  label: string;
}

const NETWORK_ERROR: Extract<ActionResult, { ok: false }> = {
  ok: false,
  code: "NETWORK",
  message: "We could not reach the server. Check your connection and try again; nothing was saved.",
};

export function useFormAction<T>(
  action: (input: FormInput) => Promise<ActionResult<T>>,
  options: {
    /** Clear the form after a success (e.g. an invitation form, ready for the next one). */
    resetOnSuccess?: boolean;
    onSuccess?: (data: T, form: HTMLFormElement) => void | Promise<void>;
    /** Called on a refusal, e.g. to put a select back to the saved value. */
    onFailure?: (result: Extract<ActionResult<T>, { ok: false }>, form: HTMLFormElement) => void;
    /** Fixed values sent with the fields (ids, tokens). */
    extra?: FormInput;
  } = {},
) {
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement | null>(null);
  const runningRef = useRef(false);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  /** Sends the form's fields to the action: what a submit does, or a second button's own action on the same form. */
  const run = useCallback(
    (form: HTMLFormElement) => {
      if (runningRef.current) return;
      runningRef.current = true;
      formRef.current = form;
      const input: FormInput = { ...optionsRef.current.extra };
      for (const [key, value] of new FormData(form)) if (typeof value === "string") input[key] = value;
      startTransition(async () => {
        let res: ActionResult<T>;
        try {
          res = await action(input);
        } catch {
          res = NETWORK_ERROR;
        }
        try {
          if (res.ok) {
            if (optionsRef.current.resetOnSuccess) form.reset();
            await optionsRef.current.onSuccess?.(res.data, form);
          } else {
            optionsRef.current.onFailure?.(res, form);
          }
          setResult(res);
        } finally {
          runningRef.current = false;
        }
      });
    },
    [action],
  );

  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      run(event.currentTarget);
    },
    [run],
  );

  const [faults, setFaults] = useState<FieldFault[]>([]);
  useEffect(() => {
    if (!result || result.ok || !formRef.current) {
      setFaults([]);
      return;
    }
    // The fields at fault, in the order the form shows them, named by their labels: the banner lists them as links.
    setFaults(
      [...formRef.current.querySelectorAll<HTMLElement>('[aria-invalid="true"][id]')].map((el) => ({
        id: el.id,
        label: ((el as HTMLInputElement).labels?.[0]?.textContent ?? el.getAttribute("aria-label") ?? el.getAttribute("name") ?? "").replace(/\s*\*$/, "").trim(),
      })),
    );
    const target =
      formRef.current.querySelector<HTMLElement>('[aria-invalid="true"]') ?? formRef.current.querySelector<HTMLElement>("[data-form-message]");
    target?.focus();
  }, [result]);

  const errors = (name: string): string[] | undefined => (result && !result.ok ? result.fieldErrors?.[name] : undefined);
  /** The form-level message: the refusal's message, unless every problem is already shown at a field. */
  const message = result && !result.ok ? result.message : null;

  return { onSubmit, run, pending, result, errors, message, faults, reset: () => setResult(null) };
}
