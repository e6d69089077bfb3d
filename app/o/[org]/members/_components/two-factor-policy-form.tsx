"use client";
import { useState } from "react";
import { FormMessage, SelectField, SubmitButton } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
import { TWO_FACTOR_POLICIES, TWO_FACTOR_POLICY_LABELS, type TwoFactorPolicy } from "@/lib/domain/accounts/two-factor-policy";
import { setTwoFactorPolicy } from "../actions";

const OPTIONS = TWO_FACTOR_POLICIES.map((p) => ({ value: p, label: TWO_FACTOR_POLICY_LABELS[p] }));

export function TwoFactorPolicyForm({ orgSlug, current }: { orgSlug: string; current: TwoFactorPolicy }) {
  const [policy, setPolicy] = useState<TwoFactorPolicy>(current);
  const form = useFormAction((input) => setTwoFactorPolicy(orgSlug, input), { onFailure: () => setPolicy(current) });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4">
      <FormMessage
        message={form.result?.ok ? `Saved: ${TWO_FACTOR_POLICY_LABELS[form.result.data.policy].toLowerCase()}.` : form.message}
        tone={form.result?.ok ? "success" : "error"}
        faults={form.faults}
      />
      <SelectField
        label="Who must use two-factor sign-in"
        name="policy"
        value={policy}
        onChange={(e) => setPolicy(e.target.value as TwoFactorPolicy)}
        options={OPTIONS}
        errors={form.errors("policy")}
      />
      <SubmitButton pending={form.pending} pendingLabel="Saving…">
        Save
      </SubmitButton>
    </form>
  );
}
