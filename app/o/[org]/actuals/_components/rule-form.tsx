"use client";
/** A new attribution rule: spend on a resource, SKU or account goes to a use case, with a share. */
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { buttonClass } from "@/components/button";
import { SelectField, TextField } from "@/components/form";
import { saveActualRule } from "../actions";
import { ScriptButton } from "@/components/script-button";

export function RuleForm({ orgSlug, useCases, initial }: { orgSlug: string; useCases: { id: string; title: string; externalId: string | null }[]; initial?: { field: string; value: string } }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message?: string; fieldErrors?: Record<string, string[]> } | null>(null);
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const formEl = event.currentTarget;
    start(async () => {
      try {
        const res = await saveActualRule(orgSlug, { field: String(form.get("field")), value: String(form.get("value") ?? ""), useCaseId: String(form.get("useCaseId") ?? ""), sharePct: String(form.get("sharePct") ?? "") });
        setResult(res.ok ? { ok: true } : res);
        if (res.ok) {
          formEl.reset();
          router.refresh();
        }
      } catch {
        setResult({ ok: false, message: "We could not reach the server; nothing was saved." });
      }
    });
  };
  const errors = result?.fieldErrors ?? {};
  return (
    <form onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-[10rem_minmax(0,1fr)_minmax(0,1fr)_7rem_auto] sm:items-end" aria-label="Add an attribution rule">
      <SelectField label="Match on" name="field" defaultValue={initial?.field ?? "resource"} options={[{ value: "resource", label: "Resource" }, { value: "sku", label: "SKU or model" }, { value: "account", label: "Account" }]} />
      <TextField label="Value, as the bill writes it" name="value" defaultValue={initial?.value} errors={errors.value} />
      <SelectField label="Use case" name="useCaseId" options={[{ value: "", label: "Choose a use case" }, ...useCases.map((u) => ({ value: u.id, label: u.externalId ? `${u.title} (${u.externalId})` : u.title }))]} errors={errors.useCaseId} />
      <TextField label="Share (%)" name="sharePct" defaultValue="100" inputMode="decimal" errors={errors.sharePct} />
      <ScriptButton type="submit" className={buttonClass("primary")} disabled={pending}>
        {pending ? "Saving…" : "Add rule"}
      </ScriptButton>
      {result && !result.ok && !Object.keys(errors).length ? (
        <p role="alert" className="text-sm text-red-800 sm:col-span-5">
          {result.message}
        </p>
      ) : null}
      {result && !result.ok && Object.keys(errors).length ? (
        <p role="alert" className="text-sm text-red-800 sm:col-span-5">
          {result.message}
        </p>
      ) : null}
    </form>
  );
}
