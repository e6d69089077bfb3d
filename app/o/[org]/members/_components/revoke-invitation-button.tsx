"use client";
import { FieldError, SubmitButton } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
import { useId } from "react";
import { revokeInvitation } from "../actions";

/** Withdraws a pending invitation: its link stops working at once. */
export function RevokeInvitationButton({ orgSlug, invitationId, email }: { orgSlug: string; invitationId: string; email: string }) {
  const form = useFormAction((input) => revokeInvitation(orgSlug, input), { extra: { invitationId } });
  const errorId = useId();
  return (
    <form onSubmit={form.onSubmit}>
      <SubmitButton pending={form.pending} pendingLabel="Withdrawing…" variant="secondary" className="px-3 py-1.5" aria-describedby={form.message ? errorId : undefined}>
        Withdraw<span className="sr-only"> invitation for {email}</span>
      </SubmitButton>
      <div role="alert" tabIndex={-1} data-form-message className="focus:outline-none">
        <FieldError id={errorId} errors={form.message ? [form.message] : undefined} />
      </div>
    </form>
  );
}
