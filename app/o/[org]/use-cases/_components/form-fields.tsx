/**
 * The use-case form's building blocks: the input style, the id each field's input takes from its
 * path, a section with its heading, a labelled field with its errors, and what a section is handed.
 */
import type { ReactNode } from "react";
import type { UseCaseFields } from "@/lib/domain/use-case";
import type { UseCaseFormValues } from "@/lib/domain/use-case-form";

export type Errors = Record<string, string[]>;
/** The stored fields of a use case, with its owner. */
export type Fields = UseCaseFields & { ownerId?: string };

/** What a section of the form is handed: the values, a path's errors, the setter, and `blur` (marks a path touched). */
export interface SectionProps {
  values: UseCaseFormValues;
  err: (path: string) => string[] | undefined;
  set: <K extends keyof UseCaseFormValues>(key: K, value: UseCaseFormValues[K]) => void;
  blur: (path: string) => void;
}

export const inputClass =
  "mt-1 block w-full rounded border border-zinc-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600 aria-[invalid=true]:border-red-600 disabled:cursor-not-allowed disabled:border-zinc-200 disabled:bg-zinc-100 disabled:text-zinc-600 disabled:shadow-none";

export const fieldId = (path: string) => `field-${path.replace(/\./g, "-")}`;

export function Section(props: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={props.id} aria-labelledby={`${props.id}-heading`} className="space-y-4">
      <h2 id={`${props.id}-heading`} className="text-lg font-semibold">
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

export function FieldError(props: { id: string; messages: string[] }) {
  return (
    <p id={props.id} className="mt-1 text-sm text-red-700" data-testid="field-error">
      {props.messages.join(" ")}
    </p>
  );
}

export function Field(props: { path: string; label: string; error?: string[]; help?: ReactNode; required?: boolean; children: ReactNode }) {
  return (
    <div data-field={props.path}>
      <label htmlFor={fieldId(props.path)} className="block text-sm font-medium text-zinc-800">
        {props.label}
        {props.required && <span className="text-red-700"> *</span>}
      </label>
      {props.children}
      {props.help && <p className="mt-1 text-xs text-zinc-600">{props.help}</p>}
      {props.error && <FieldError id={`${fieldId(props.path)}-error`} messages={props.error} />}
    </div>
  );
}
