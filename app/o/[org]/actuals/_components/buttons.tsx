"use client";
/** Undoing an actual-spend import, and deleting a rule: each after a confirmation, then the page refreshes. */
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { buttonClass } from "@/components/button";
import { deleteActualRule, undoActualSpendImport } from "../actions";
import { ScriptButton } from "@/components/script-button";

function ConfirmButton(props: { label: string; question: string; confirm: string; run: () => Promise<{ ok: boolean; message?: string }> }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const go = () =>
    start(async () => {
      setError(null);
      try {
        const res = await props.run();
        if (res.ok) router.refresh();
        else setError(res.message ?? "Refused.");
      } catch {
        setError("We could not reach the server; nothing changed.");
      }
      setConfirming(false);
    });
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {!confirming ? (
        <ScriptButton className={buttonClass("secondary", "px-2 py-1")} onClick={() => setConfirming(true)}>
          {props.label}
        </ScriptButton>
      ) : (
        <span role="group" aria-label={props.question} className="inline-flex flex-wrap items-center gap-2 text-sm">
          <span>{props.question}</span>
          <button type="button" className={buttonClass("danger", "px-2 py-1")} onClick={go} disabled={pending}>
            {pending ? "Working…" : props.confirm}
          </button>
          <button type="button" className="underline" onClick={() => setConfirming(false)} disabled={pending}>
            Cancel
          </button>
        </span>
      )}
      {error && (
        <span role="alert" className="text-sm text-red-800">
          {error}
        </span>
      )}
    </span>
  );
}

export function UndoActualsImportButton({ orgSlug, importId, fileName }: { orgSlug: string; importId: string; fileName: string }) {
  return <ConfirmButton label="Undo" question={`Undo the import of ${fileName}?`} confirm="Yes, undo it" run={() => undoActualSpendImport(orgSlug, { importId })} />;
}

export function DeleteRuleButton({ orgSlug, id, what }: { orgSlug: string; id: string; what: string }) {
  return <ConfirmButton label="Delete" question={`Delete the rule for ${what}?`} confirm="Yes, delete it" run={() => deleteActualRule(orgSlug, { id })} />;
}
