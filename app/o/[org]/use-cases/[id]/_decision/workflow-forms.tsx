"use client";
/**
 * The workflow's forms on the Decision tab: propose; approve or send back; approve the budget.
 *
 * A step's outcome is said by WorkflowMessages, which wraps the forms and outlives them: after a
 * step succeeds the panel is refreshed, and the form that took the step is usually gone from it
 * (a lead who proposed has nothing more to propose). Kept in the form, the confirmation vanished
 * with it as soon as the refresh arrived.
 */
import { buttonClass } from "@/components/button";
import { useRouter } from "next/navigation";
import { createContext, useContext, useState, useTransition, type ReactNode } from "react";
import { APPROACHES, APPROACH_LABELS } from "@/lib/domain/assessment";
import { proposeSchema, sendBackSchema } from "@/lib/domain/decisions/schemas";
import { approvedText } from "@/lib/domain/decisions/workflow";
import { approveDecision, approveDecisionBudget, proposeDecision, sendBackDecision } from "../../../decisions/actions";
import { ScriptButton } from "@/components/script-button";
import { ApproachOptions, SelectedOptionNote, type OptionNotes } from "../../_components/approach-options";

type Result<T = unknown> = { ok: true; data?: T } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };
type StepMessage = { ok: boolean; text: string } | null;

const MessageContext = createContext<((m: StepMessage) => void) | null>(null);

/** Holds and shows the last step's outcome above the forms, across the refresh that follows it. */
export function WorkflowMessages({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<StepMessage>(null);
  return (
    <MessageContext.Provider value={setMessage}>
      <Message message={message} />
      {children}
    </MessageContext.Provider>
  );
}

function useStep() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const setShared = useContext(MessageContext);
  const [local, setLocal] = useState<StepMessage>(null);
  // Inside WorkflowMessages the outcome is said there; on its own, a form says it itself.
  const setMessage = setShared ?? setLocal;
  const message = setShared ? null : local;
  /** `done`: what a success says, or how to say it from what the step returned. */
  const run = <T,>(fn: () => Promise<Result<T>>, done: string | ((data: T) => string)) =>
    start(async () => {
      const r = await fn();
      const text = !r.ok ? "" : typeof done === "string" ? done : r.data !== undefined ? done(r.data) : "Done.";
      setMessage(r.ok ? { ok: true, text } : { ok: false, text: r.message + (r.fieldErrors ? ` ${Object.values(r.fieldErrors).flat().join(" ")}` : "") });
      if (r.ok) router.refresh();
    });
  return { pending, message, setMessage, run };
}

function Message({ message }: { message: StepMessage }) {
  if (!message) return null;
  return (
    <p role={message.ok ? "status" : "alert"} data-testid="workflow-message" className={`rounded border px-3 py-2 text-sm ${message.ok ? "border-green-300 bg-green-50 text-green-900" : "border-red-300 bg-red-50 text-red-800"}`}>
      {message.text}
    </p>
  );
}

export function ProposeForm(props: { orgSlug: string; id: string; recommended: string | null; optionNotes: OptionNotes }) {
  const { pending, message, setMessage, run } = useStep();
  // Nothing recommended: no approach is picked for the lead (RAG was, marked in red as one that cannot serve).
  const [approach, setApproach] = useState(props.recommended ?? "");
  const [notes, setNotes] = useState("");
  return (
    <form
      noValidate
      className="space-y-3 rounded border border-zinc-200 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (approach === "") return setMessage({ ok: false, text: "Choose the approach to propose: nothing is recommended yet." });
        const input = { id: props.id, approach, notes };
        const hint = proposeSchema.safeParse(input);
        if (!hint.success) return setMessage({ ok: false, text: hint.error.issues.map((i) => i.message).join(" ") });
        run(() => proposeDecision(props.orgSlug, input), "Proposed: the executives are notified.");
      }}
    >
      <h3 className="text-base font-semibold">Propose a decision</h3>
      <p className="text-sm text-zinc-600" data-testid="propose-explained">
        A proposal waits for an executive to approve it or send it back; once approved, finance is asked to approve its budget.
      </p>
      <Message message={message} />
      <div>
        <label htmlFor="propose-approach" className="block text-sm font-medium">
          Approach
        </label>
        <select
          id="propose-approach"
          value={approach}
          onChange={(e) => setApproach(e.target.value)}
          aria-describedby={props.optionNotes[approach as keyof OptionNotes] ? "propose-approach-note" : undefined}
          className="mt-1 block w-auto max-w-full rounded border border-zinc-300 px-2 py-1.5 text-sm">
          {approach === "" ? <option value="">Choose an approach…</option> : null}
          <ApproachOptions recommended={props.recommended} notes={props.optionNotes} />
        </select>
        <SelectedOptionNote approach={approach} notes={props.optionNotes} id="propose-approach-note" />
      </div>
      <div>
        <label htmlFor="propose-notes" className="block text-sm font-medium">
          Notes
        </label>
        <textarea id="propose-notes" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} className="mt-1 block w-full rounded border border-zinc-300 px-2 py-1.5 text-sm" />
      </div>
      <p className="text-xs text-zinc-600">The budget is taken from the projection&apos;s first year (base): the one-off cost of building the approach, if it has one, apart from the yearly cost of running it.</p>
      <ScriptButton type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? "Proposing…" : "Propose"}
      </ScriptButton>
    </form>
  );
}

export function ApproveOrSendBack(props: { orgSlug: string; id: string; approach: string; again?: boolean; optionNotes: OptionNotes }) {
  const { pending, message, setMessage, run } = useStep();
  const [reason, setReason] = useState("");
  return (
    <div className="space-y-3 rounded border border-zinc-200 p-4">
      <h3 className="text-base font-semibold">Approve or send back</h3>
      <Message message={message} />
      <SelectedOptionNote approach={props.approach} notes={props.optionNotes} id="approve-note" />
      <ScriptButton
        disabled={pending}
        className={buttonClass("primary")}
        onClick={() =>
          run(
            // A decision to review is approved again as it stands (the approach named); a proposal as proposed.
            () => approveDecision(props.orgSlug, props.again ? { id: props.id, approach: props.approach as (typeof APPROACHES)[number] } : { id: props.id }),
            // What it approved, the budget now waiting for finance, and the as-chosen total, as "Needs a decision" says it.
            (approved) => `${approvedText(approved)} Finance is notified.`,
          )
        }
      >
        Approve {APPROACH_LABELS[props.approach as keyof typeof APPROACH_LABELS] ?? props.approach}
        {props.again ? " again" : ""}
      </ScriptButton>
      <div>
        <label htmlFor="send-back-reason" className="block text-sm font-medium">
          Reason for sending it back
        </label>
        <textarea id="send-back-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} className="mt-1 block w-full rounded border border-zinc-300 px-2 py-1.5 text-sm" />
      </div>
      <ScriptButton
        disabled={pending}
        className={buttonClass("secondary")}
        onClick={() => {
          const hint = sendBackSchema.safeParse({ id: props.id, reason });
          if (!hint.success) return setMessage({ ok: false, text: hint.error.issues.map((i) => i.message).join(" ") });
          run(() => sendBackDecision(props.orgSlug, { id: props.id, reason }), "Sent back: whoever proposed it and the use case's lead are notified.");
        }}
      >
        Send back
      </ScriptButton>
    </div>
  );
}

export function ApproveBudgetButton(props: { orgSlug: string; id: string; label: string }) {
  const { pending, message, run } = useStep();
  return (
    <div className="space-y-2">
      <Message message={message} />
      <ScriptButton disabled={pending} className={buttonClass("primary")} onClick={() => run(() => approveDecisionBudget(props.orgSlug, { id: props.id }), "Budget approved.")}>
        {props.label}
      </ScriptButton>
    </div>
  );
}
