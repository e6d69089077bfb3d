"use client";
/** Small client controls: delete (to the trash, with a confirmation step) and restore. */
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { deleteUseCase, restoreUseCase } from "../actions";
import { useCasePath } from "./labels";
import { ScriptButton } from "@/components/script-button";

export function DeleteButton(props: { orgSlug: string; id: string; title: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  // Focus follows the step (a review found it dropped to the page's body both ways): into the
  // question, on its Cancel (the step that loses nothing), and back to Delete when cancelled.
  const deleteRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const backToDelete = useRef(false);
  const questionId = useId();
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else if (backToDelete.current) {
      backToDelete.current = false;
      deleteRef.current?.focus();
    }
  }, [confirming]);
  const cancel = () => {
    backToDelete.current = true;
    setConfirming(false);
  };
  // Delete stays mounted (hidden while asking): mounted afresh it would be disabled until its
  // script had run (ScriptButton), and focus could not come back to it.
  const deleteButton = (
    <ScriptButton ref={deleteRef} hidden={confirming} onClick={() => setConfirming(true)} className="rounded border border-red-300 px-3 py-1.5 text-sm text-red-700 hover:bg-red-50 disabled:opacity-50">
      Delete
    </ScriptButton>
  );
  return (
    <>
      {deleteButton}
      {confirming ? (
        <div
          role="group"
          aria-label="Confirm deletion"
          aria-describedby={questionId}
          className="flex flex-wrap items-center gap-2 rounded border border-red-300 bg-red-50 px-3 py-1.5 text-sm"
          onKeyDown={(e) => {
            if (e.key === "Escape" && !pending) {
              e.preventDefault();
              cancel();
            }
          }}
        >
          <span id={questionId}>Move “{props.title}” to the trash? It can be restored.</span>
          <button
            type="button"
            disabled={pending}
            className="rounded bg-red-700 px-2 py-1 font-medium text-white hover:bg-red-800 disabled:opacity-50"
            onClick={() =>
              start(async () => {
                const r = await deleteUseCase(props.orgSlug, { id: props.id });
                if (r.ok) router.push(`${useCasePath(props.orgSlug)}?deleted=${encodeURIComponent(props.id)}`);
                else setError(r.message);
              })
            }
          >
            Move to trash
          </button>
          <button ref={cancelRef} type="button" className="underline" onClick={cancel}>
            Cancel
          </button>
          {error && (
            <span role="alert" className="text-red-800">
              {error}
            </span>
          )}
        </div>
      ) : null}
    </>
  );
}

export function RestoreButton(props: { orgSlug: string; id: string; label?: string; then?: "detail" | "stay" }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <span className="inline-flex items-center gap-2">
      <ScriptButton
        disabled={pending}
        className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50 disabled:opacity-50"
        onClick={() =>
          start(async () => {
            const r = await restoreUseCase(props.orgSlug, { id: props.id });
            if (!r.ok) setError(r.message);
            else if (props.then === "stay") router.refresh();
            else router.push(`${useCasePath(props.orgSlug, props.id)}?saved=restored`);
          })
        }
      >
        {pending ? "Restoring…" : (props.label ?? "Restore")}
      </ScriptButton>
      {error && (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
