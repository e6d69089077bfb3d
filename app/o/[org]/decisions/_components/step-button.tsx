"use client";
/** One workflow step as a button (approve, approve the budget), with its outcome said in place. */
import { buttonClass } from "@/components/button";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { approveDecision, approveDecisionBudget } from "../actions";
import { ScriptButton } from "@/components/script-button";

export function StepButton(props: { orgSlug: string; id: string; step: "approve" | "approveBudget"; approach?: string; label: string; done: string; variant?: "primary" | "secondary" }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <ScriptButton
        disabled={pending || message?.ok === true}
        className={buttonClass(props.variant ?? "primary", "px-2 py-1 text-xs")}
        onClick={() =>
          start(async () => {
            const r =
              props.step === "approve"
                ? await approveDecision(props.orgSlug, { id: props.id, ...(props.approach ? { approach: props.approach } : {}) })
                : await approveDecisionBudget(props.orgSlug, { id: props.id });
            setMessage(r.ok ? { ok: true, text: props.done } : { ok: false, text: r.message });
            if (r.ok) router.refresh();
          })
        }
      >
        {pending ? "Saving…" : props.label}
      </ScriptButton>
      {message && (
        <span role={message.ok ? "status" : "alert"} className={`text-xs ${message.ok ? "text-green-800" : "text-red-800"}`}>
          {message.text}
        </span>
      )}
    </span>
  );
}
