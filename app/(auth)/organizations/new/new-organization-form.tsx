"use client";
import { FormMessage, SubmitButton, TextField } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
import { createOrganization } from "./actions";

export function NewOrganizationForm() {
  const form = useFormAction(createOrganization, {
    onSuccess: async (data) => {
      window.location.assign(`/o/${data.organizationSlug}/use-cases`);
      await new Promise(() => {});
    },
  });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-5">
      <FormMessage message={form.message} faults={form.faults} />
      <TextField label="Organization name" name="name" autoComplete="organization" required errors={form.errors("name")} />
      <SubmitButton pending={form.pending} pendingLabel="Creating…" className="w-full">
        Create organization
      </SubmitButton>
    </form>
  );
}
