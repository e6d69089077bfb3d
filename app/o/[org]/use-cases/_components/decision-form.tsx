"use client";
/** The decision (executives and admins): the chosen approach and the notes, version-checked. */
import { buttonClass } from "@/components/button";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { APPROACH_LABELS } from "@/lib/domain/assessment";
import { ApproachOptions, SelectedOptionNote, type OptionNotes } from "./approach-options";
import { decisionSchema, LIMITS } from "@/lib/domain/use-case";
import { issuesToFieldErrors } from "@/lib/domain/use-case-form";
import { recordDecision } from "../actions";
import { useCasePath } from "./labels";
import { ScriptButton } from "@/components/script-button";

export function DecisionForm(props: { orgSlug: string; id: string; version: number; chosenApproach: string | null; decisionNotes: string; recommended: string | null; optionNotes: OptionNotes }) {
  const router = useRouter();
  const [chosen, setChosen] = useState(props.chosenApproach ?? "");
  const [notes, setNotes] = useState(props.decisionNotes);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ text: string; conflict?: boolean; info?: boolean } | null>(null);
  const [pending, start] = useTransition();

  function submit() {
    const input = { chosenApproach: chosen === "" ? null : chosen, decisionNotes: notes };
    const hint = decisionSchema.safeParse(input);
    if (!hint.success) {
      setErrors(issuesToFieldErrors(hint.error.issues));
      return;
    }
    setErrors({});
    start(async () => {
      const r = await recordDecision(props.orgSlug, { ...input, id: props.id, expectedVersion: props.version });
      if (r.ok) {
        // Saving the same approach and notes records nothing, and says so.
        if (r.data.changed.length === 0) {
          setMessage({ text: "Nothing changed: the approach and notes are as they were, so nothing was recorded.", info: true });
          return;
        }
        router.push(`${useCasePath(props.orgSlug, props.id)}?tab=decision&saved=decision`);
        return;
      }
      setErrors(r.fieldErrors ?? {});
      setMessage({ text: r.code === "CONFLICT" ? `${r.message} Reload to see their change, then decide again.` : r.message, conflict: r.code === "CONFLICT" });
    });
  }

  return (
    <form
      noValidate
      className="space-y-4 rounded border border-zinc-200 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3 className="text-base font-semibold">Record the decision</h3>
      <p className="text-sm text-zinc-600" data-testid="record-explained">
        Recorded here, an approach is approved at once as your decision, with no proposal to approve first; finance is then asked to approve its budget. It supersedes
        a decision of another approach that stands.
      </p>
      {message && (
        <div
          role={message.info ? "status" : "alert"}
          data-testid="decision-message"
          className={message.info ? "rounded border border-zinc-300 bg-zinc-50 px-3 py-2 text-sm text-zinc-800" : "rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"}
        >
          {message.text}
          {message.conflict && (
            <button type="button" className="ml-2 underline" onClick={() => router.refresh()}>
              Reload
            </button>
          )}
        </div>
      )}
      <div>
        <label htmlFor="decision-chosen" className="block text-sm font-medium">
          Chosen approach
        </label>
        <select
          id="decision-chosen"
          className="mt-1 block w-auto max-w-full rounded border border-zinc-300 px-2 py-1.5 text-sm"
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          aria-invalid={!!errors.chosenApproach}
          aria-describedby={[chosen && props.optionNotes[chosen as keyof OptionNotes] ? "decision-chosen-note" : "", errors.chosenApproach ? "decision-chosen-error" : ""].filter(Boolean).join(" ") || undefined}
        >
          <option value="">Not decided</option>
          <ApproachOptions recommended={props.recommended} notes={props.optionNotes} />
        </select>
        <SelectedOptionNote approach={chosen} notes={props.optionNotes} id="decision-chosen-note" />
        {errors.chosenApproach && (
          <p id="decision-chosen-error" className="mt-1 text-sm text-red-700">
            {errors.chosenApproach.join(" ")}
          </p>
        )}
        {props.recommended && chosen && chosen !== props.recommended && (
          <p className="mt-1 text-sm text-amber-800">This differs from the recommendation ({APPROACH_LABELS[props.recommended as keyof typeof APPROACH_LABELS]}); it will be flagged.</p>
        )}
      </div>
      <div>
        <label htmlFor="decision-notes" className="block text-sm font-medium">
          Decision notes
        </label>
        <textarea
          id="decision-notes"
          rows={4}
          className="mt-1 block w-full rounded border border-zinc-300 px-2 py-1.5 text-sm"
          value={notes}
          maxLength={LIMITS.decisionNotes + 100}
          onChange={(e) => setNotes(e.target.value)}
          aria-invalid={!!errors.decisionNotes}
          aria-describedby={errors.decisionNotes ? "decision-notes-error" : undefined}
        />
        {errors.decisionNotes && (
          <p id="decision-notes-error" className="mt-1 text-sm text-red-700">
            {errors.decisionNotes.join(" ")}
          </p>
        )}
      </div>
      <ScriptButton type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? "Saving…" : "Record decision"}
      </ScriptButton>
    </form>
  );
}
