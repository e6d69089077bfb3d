import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { emptyFormValues } from "@/lib/domain/use-case-form";
import { canAssignOwner, CREATE_ROLES } from "@/lib/domain/use-case-permissions";
import { guardPage } from "@/lib/server/page-guard";
import { listMembers } from "@/lib/server/use-cases/read";
import { useCasePath } from "../_components/labels";
import { UseCaseForm } from "../_components/use-case-form";

export const metadata: Metadata = { title: "Log a use case" };

/** Logging a use case: leads, executives and admins. Finance gets 403. */
export default async function NewUseCasePage(props: { params: Promise<{ org: string }> }) {
  const { org } = await props.params;
  const ctx = await guardPage(org, CREATE_ROLES, `${useCasePath(org)}/new`);
  const members = await listMembers(ctx.organization.id);
  const actor = { userId: ctx.user.id, role: ctx.role };
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader
        title="Log a use case"
        description="Only the title is needed to save a draft. Answer what you know; the assessment says what is still missing, and the recommendation gets better with each answer."
      />
      <UseCaseForm
        orgSlug={org}
        mode="create"
        initialValues={emptyFormValues()}
        members={members.map((m) => ({ id: m.id, name: m.name }))}
        canAssignOwner={canAssignOwner(actor, "anyone-else")}
        currentUser={{ id: ctx.user.id, name: ctx.user.name }}
      />
    </div>
  );
}
