import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { forbidden, notFound } from "next/navigation";
import { formValuesFromFields } from "@/lib/domain/use-case-form";
import { canAssignOwner, canEditUseCase, EDIT_ROLES } from "@/lib/domain/use-case-permissions";
import { guardPage } from "@/lib/server/page-guard";
import { getUseCase, listMembers } from "@/lib/server/use-cases/read";
import { useCasePath } from "../../_components/labels";
import { UseCaseForm } from "../../_components/use-case-form";

export const metadata: Metadata = { title: "Edit use case" };

/** Editing: leads their own, executives and admins any. Finance, or a lead on another's, gets 403. */
export default async function EditUseCasePage(props: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await props.params;
  const ctx = await guardPage(org, EDIT_ROLES, useCasePath(org, id, "edit"));
  const uc = await getUseCase(ctx.organization.id, id);
  if (!uc) notFound();
  const actor = { userId: ctx.user.id, role: ctx.role };
  if (!canEditUseCase(actor, uc.fields)) forbidden();
  const members = await listMembers(ctx.organization.id);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={`Edit “${uc.fields.title}”`} />
      <UseCaseForm
        key={uc.version}
        orgSlug={org}
        mode="edit"
        useCaseId={uc.id}
        version={uc.version}
        initialFields={uc.fields}
        initialValues={formValuesFromFields(uc.fields)}
        members={members.map((m) => ({ id: m.id, name: m.name }))}
        canAssignOwner={canAssignOwner(actor, "anyone-else")}
        currentUser={{ id: ctx.user.id, name: ctx.user.name }}
      />
    </div>
  );
}
