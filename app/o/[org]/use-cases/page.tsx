import type { Metadata } from "next";
import { buttonClass } from "@/components/button";
import { PageHeader } from "@/components/page-header";
import Link from "next/link";
import { parseListQuery } from "@/lib/domain/use-case-list";
import { canCreateUseCase, canRestoreUseCase } from "@/lib/domain/use-case-permissions";
import { guardPage } from "@/lib/server/page-guard";
import { FirstSteps } from "@/components/first-steps";
import { firstSteps } from "@/lib/server/first-steps";
import { getUseCase, hasUseCases, listBusinessUnits, listMembers } from "@/lib/server/use-cases/read";
import { listUseCases } from "@/lib/server/use-cases/list";
import { backingText, useCasePath } from "./_components/labels";
import { RestoreButton } from "./_components/row-actions";
import { UseCaseTable, type ListRow } from "./_components/use-case-table";

export const metadata: Metadata = { title: "Use cases" };

/** The registry: one page of the organization's use cases, the view in the URL. */
export default async function UseCasesPage(props: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org } = await props.params;
  const ctx = await guardPage(org, undefined, useCasePath(org));
  const sp = await props.searchParams;
  const query = parseListQuery(sp);
  const deletedId = typeof sp.deleted === "string" ? sp.deleted : null;
  const [page, members, businessUnits, deleted] = await Promise.all([
    listUseCases(ctx.organization.id, query),
    listMembers(ctx.organization.id),
    listBusinessUnits(ctx.organization.id),
    deletedId ? getUseCase(ctx.organization.id, deletedId, { includeDeleted: true }) : null,
  ]);
  const rows: ListRow[] = page.rows.map((r) => ({
    id: r.id,
    href: useCasePath(org, r.id),
    title: r.title,
    businessUnit: r.businessUnit,
    ownerName: r.ownerName,
    status: r.status,
    recommendedApproach: r.recommendedApproach,
    evidence: r.evidence,
    agreement: backingText(r),
    lifecycleBaseCents: r.lifecycleBaseCents,
    lifecycleIncomplete: r.lifecycleIncomplete,
    lifecycleManual: r.lifecycleManual,
    chosenApproach: r.chosenApproach,
    riskFlagCount: r.riskFlagCount,
    updatedAt: r.updatedAt.toISOString(),
  }));
  const actor = { userId: ctx.user.id, role: ctx.role };
  const canCreate = canCreateUseCase(actor);
  // A new organization: the first steps, in place of an empty table and its filters.
  const isNew = page.total === 0 && !(await hasUseCases(ctx.organization.id));
  return (
    <div className="space-y-4">
      {deleted?.deletedAt && (
        <div role="status" className="flex flex-wrap items-center gap-2 rounded border border-zinc-300 bg-zinc-50 px-4 py-2 text-sm">
          “{deleted.fields.title}” was moved to the trash.
          {canRestoreUseCase(actor, deleted.fields) && <RestoreButton orgSlug={org} id={deleted.id} label="Undo" />}
        </div>
      )}
      <PageHeader
        title="Use cases"
        description="Every AI use case of the organization, its recommendation and its decision."
        actions={
          <>
            <Link href={useCasePath(org, "trash")} className={buttonClass("secondary")}>
              Trash
            </Link>
            {canCreate && (
              <Link href={`${useCasePath(org)}/import`} className={buttonClass("secondary")}>
                Import CSV
              </Link>
            )}
            {canCreate && (
              <Link href={`${useCasePath(org)}/new`} className={buttonClass("primary")}>
                Log a use case
              </Link>
            )}
          </>
        }
      />
      {isNew ? (
        <FirstSteps organization={ctx.organization.name} steps={firstSteps(ctx.role, ctx.organization.slug)}>
          Every AI use case of the organization is listed here, with its recommended approach, its projected cost and its decision.
        </FirstSteps>
      ) : (
        <UseCaseTable
          rows={rows}
          total={page.total}
          query={{ ...query, page: page.page }}
          options={{ businessUnits, owners: members.map((m) => ({ id: m.id, name: m.name })) }}
          canCreate={canCreate}
          newHref={`${useCasePath(org)}/new`}
        />
      )}
    </div>
  );
}
