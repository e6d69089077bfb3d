"use client";
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
import { buttonClass, type ButtonVariant } from "./button";
import { useHydrated } from "./script-button";

/**
 * Form controls with their label, hint and errors wired up: the input names its hint and error
 * with aria-describedby and says aria-invalid when the server refused it.
 */
const CONTROL =
  "mt-1.5 block w-full rounded-md border-0 bg-white px-3 py-2 text-base text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 placeholder:text-zinc-500 focus:ring-2 focus:ring-inset focus:ring-brand-600 focus-visible:outline-none aria-invalid:ring-red-600 read-only:bg-zinc-50 read-only:text-zinc-700 sm:text-sm";

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const s = ids.filter(Boolean).join(" ");
  return s || undefined;
}

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-1.5 text-sm font-medium text-red-700">
      {errors.join(" ")}
    </p>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & {
  label: ReactNode;
  /** Leave out for a display-only field that is not submitted. */
  name?: string;
  hint?: ReactNode;
  errors?: string[];
};

export function TextField({ label, name, hint, errors, className = "", ...input }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = !!errors?.length;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-900">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(invalid && errorId, !!hint && hintId)}
        className={CONTROL}
        {...input}
      />
      {hint ? (
        <p id={hintId} className="mt-1.5 text-sm text-zinc-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
  label: ReactNode;
  name: string;
  options: readonly { value: string; label: string }[];
  hint?: ReactNode;
  errors?: string[];
  /** Keep the label for screen readers only (e.g. a role picker inside a table row). */
  hideLabel?: boolean;
};

export function SelectField({ label, name, options, hint, errors, hideLabel, className = "", ...select }: SelectFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = !!errors?.length;
  return (
    <div className={className}>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "block text-sm font-medium text-zinc-900"}>
        {label}
      </label>
      <select
        id={id}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(invalid && errorId, !!hint && hintId)}
        className={`${CONTROL} pr-8 ${hideLabel ? "mt-0" : ""}`}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={hintId} className="mt-1.5 text-sm text-zinc-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}

/**
 * A form-level message. Errors are announced (role="alert"); the form hook focuses it. With
 * `faults`, it lists the fields at fault as links to them, in the form's order.
 */
export function FormMessage({ message, tone = "error", id, faults }: { message?: ReactNode | null; tone?: "error" | "success"; id?: string; faults?: readonly { id: string; label: string }[] }) {
  if (!message) return null;
  const styles = tone === "error" ? "border-red-200 bg-red-50 text-red-800" : "border-green-200 bg-green-50 text-green-800";
  return (
    <div id={id} role={tone === "error" ? "alert" : "status"} tabIndex={-1} data-form-message className={`rounded-md border px-4 py-3 text-sm font-medium ${styles}`}>
      {message}
      {faults && faults.length > 0 ? (
        <ul className="mt-2 list-disc space-y-0.5 pl-5 font-normal" aria-label="Fields to correct">
          {faults.map((f) => (
            <li key={f.id}>
              <a
                href={`#${f.id}`}
                className="font-medium underline underline-offset-2"
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(f.id)?.focus();
                }}
              >
                {f.label || "A field"}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A button's words: `children`, or while its work runs a spinner and `pendingLabel` (else the same words). */
export function PendingLabel({ pending, pendingLabel, children }: { pending: boolean; pendingLabel?: ReactNode; children: ReactNode }) {
  if (!pending) return <>{children}</>;
  return (
    <>
      <span aria-hidden="true" className="size-4 animate-spin rounded-full border-2 border-current border-r-transparent" />
      {pendingLabel ?? children}
    </>
  );
}

export function SubmitButton({
  pending,
  children,
  pendingLabel,
  variant = "primary",
  className = "",
  ...rest
}: {
  pending: boolean;
  children: ReactNode;
  pendingLabel?: ReactNode;
  variant?: ButtonVariant;
  className?: string;
} & Omit<React.ButtonHTMLAttributes<HTMLButtonElement>, "type" | "children">) {
  const hydrated = useHydrated();
  return (
    // Not `disabled` while pending: a disabled button drops keyboard focus. The form hook ignores
    // a second submit while the first is running. Disabled until the page's script has run: the
    // form is handled there, and submitted before, the browser would put its fields (a password
    // too) in the address; a form whose submit button is disabled is not sent by Enter either.
    <button type="submit" aria-disabled={pending || undefined} className={buttonClass(variant, `aria-disabled:cursor-wait aria-disabled:opacity-70 ${className}`)} {...rest} disabled={!hydrated || rest.disabled}>
      <PendingLabel pending={pending} pendingLabel={pendingLabel}>
        {children}
      </PendingLabel>
    </button>
  );
}
