"use client";
/**
 * One workflow step as a button (approve, approve the budget). Its outcome is said in the queue's
 * status line (queue-status.tsx), which outlives the line the refresh removes or changes: an
 * approval says what it approved, the budget now waiting for finance and what it does to the
 * portfolio's as-chosen total (approvedText). A refusal is said in place; outside a queue, all is.
 */
import { buttonClass } from "@/components/button";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { approveDecision, approveDecisionBudget } from "../actions";
import { ScriptButton } from "@/components/script-button";
import { approvedText } from "@/lib/domain/decisions/workflow";
import { useQueueStatus } from "./queue-status";

export function StepButton(props: {
  orgSlug: string;
  id: string;
  step: "approve" | "approveBudget";
  approach?: string;
  label: string;
  /** The use case it acts on, in the button's accessible name only ("Approve RAG for “…”"): a list of identical "Approve RAG" buttons was ambiguous to a screen reader or voice control. */
  subject?: string;
  done: string;
  variant?: "primary" | "secondary";
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const say = useQueueStatus();
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <ScriptButton
        disabled={pending || message?.ok === true}
        className={buttonClass(props.variant ?? "primary", "px-2 py-1 text-xs")}
        onClick={() =>
          start(async () => {
            let text = props.done;
            if (props.step === "approve") {
              const r = await approveDecision(props.orgSlug, { id: props.id, ...(props.approach ? { approach: props.approach } : {}) });
              if (!r.ok) return setMessage({ ok: false, text: r.message });
              text = approvedText(r.data);
            } else {
              const r = await approveDecisionBudget(props.orgSlug, { id: props.id });
              if (!r.ok) return setMessage({ ok: false, text: r.message });
            }
            if (say) say(text);
            setMessage({ ok: true, text: say ? props.done : text });
            router.refresh();
          })
        }
      >
        {pending ? "Saving…" : props.label}
        {props.subject && !pending ? <span className="sr-only"> for “{props.subject}”</span> : null}
      </ScriptButton>
      {message && (
        <span role={message.ok ? (say ? undefined : "status") : "alert"} className={`text-xs ${message.ok ? "text-green-800" : "text-red-800"}`}>
          {message.text}
        </span>
      )}
    </span>
  );
}
