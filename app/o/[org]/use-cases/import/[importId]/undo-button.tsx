"use client";
/** Undoing an import as one step, after a confirmation; nothing is undone when anything changed since. */
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { buttonClass } from "@/components/button";
import { undoImport } from "../actions";
import { ScriptButton } from "@/components/script-button";

export function UndoImportButton(props: { orgSlug: string; importId: string; created: number; updated: number; blocked: number }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, start] = useTransition();
  if (props.blocked > 0) {
    return (
      <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        This import cannot be undone as one step: {props.blocked} of its use cases {props.blocked === 1 ? "was" : "were"} changed, deleted or moved to the trash since (listed below).
      </p>
    );
  }
  const run = () =>
    start(async () => {
      setMessage(null);
      try {
        const res = await undoImport(props.orgSlug, { importId: props.importId });
        if (res.ok) {
          setMessage({ tone: "success", text: `Undone: ${res.data.deleted} use cases deleted, ${res.data.restored} put back as they were.` });
          router.refresh();
        } else setMessage({ tone: "error", text: res.message });
      } catch {
        setMessage({ tone: "error", text: "We could not reach the server; nothing was undone." });
      }
      setConfirming(false);
    });
  return (
    <div className="space-y-2">
      {!confirming ? (
        <ScriptButton className={buttonClass("secondary")} onClick={() => setConfirming(true)}>
          Undo this import
        </ScriptButton>
      ) : (
        <div role="group" aria-label="Confirm the undo" className="flex flex-wrap items-center gap-3 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          <span>
            Delete the {props.created} use case{props.created === 1 ? "" : "s"} it added and put back the {props.updated} it updated?
          </span>
          <button type="button" className={buttonClass("primary")} onClick={run} disabled={pending}>
            {pending ? "Undoing…" : "Yes, undo the import"}
          </button>
          <button type="button" className="font-medium underline" onClick={() => setConfirming(false)} disabled={pending}>
            Cancel
          </button>
        </div>
      )}
      {message && (
        <p role={message.tone === "error" ? "alert" : "status"} className={`text-sm ${message.tone === "error" ? "text-red-800" : "text-green-800"}`}>
          {message.text}
        </p>
      )}
    </div>
  );
}
