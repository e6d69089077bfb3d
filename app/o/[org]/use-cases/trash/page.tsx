import type { Metadata } from "next";
import { buttonClass } from "@/components/button";
import { PageHeader } from "@/components/page-header";
import Link from "next/link";
import { canRestoreUseCase } from "@/lib/domain/use-case-permissions";
import { guardPage } from "@/lib/server/page-guard";
import { listTrash } from "@/lib/server/use-cases/read";
import { formatDateTime, useCasePath } from "../_components/labels";
import { RestoreButton } from "../_components/row-actions";

export const metadata: Metadata = { title: "Trash" };

/** Deleted use cases, most recent first; restore puts one back where it was. */
export default async function TrashPage(props: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org } = await props.params;
  const ctx = await guardPage(org, undefined, useCasePath(org, "trash"));
  const sp = await props.searchParams;
  const pageRaw = Number(Array.isArray(sp.page) ? sp.page[0] : sp.page);
  const page = Number.isInteger(pageRaw) && pageRaw > 0 && pageRaw < 10_000 ? pageRaw : 1;
  const trash = await listTrash(ctx.organization.id, { page, pageSize: 50 });
  const pages = Math.max(1, Math.ceil(trash.total / trash.pageSize));
  const actor = { userId: ctx.user.id, role: ctx.role };
  return (
    <div className="space-y-4">
      <PageHeader
        title="Trash"
        description="Deleted use cases stay here until restored. Leads restore their own; executives and admins any."
        actions={
          <Link href={useCasePath(org)} className={buttonClass("secondary")}>
            Back to use cases
          </Link>
        }
      />
      {trash.total === 0 ? (
        <p className="rounded border border-zinc-200 p-6 text-center text-sm text-zinc-500">The trash is empty.</p>
      ) : (
        <div className="overflow-x-auto rounded border border-zinc-200">
          <table className="min-w-full divide-y divide-zinc-200 text-sm">
            <thead className="bg-zinc-50">
              <tr>
                <th scope="col" className="px-3 py-2 text-left font-semibold">Title</th>
                {/* On a phone the unit and owner go under the title, so Restore stays in view. */}
                <th scope="col" className="hidden px-3 py-2 text-left font-semibold sm:table-cell">Business unit</th>
                <th scope="col" className="hidden px-3 py-2 text-left font-semibold sm:table-cell">Owner</th>
                <th scope="col" className="px-3 py-2 text-left font-semibold">Deleted</th>
                <th scope="col" className="px-3 py-2 text-left font-semibold"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {trash.rows.map((r) => (
                <tr key={r.id}>
                  <td className="px-3 py-2">
                    {r.title}
                    <span className="block text-xs text-zinc-500 sm:hidden">
                      {r.businessUnit || "No business unit"} · owned by {r.ownerName ?? "a former member"}
                    </span>
                  </td>
                  <td className="hidden px-3 py-2 sm:table-cell">{r.businessUnit || "—"}</td>
                  <td className="hidden px-3 py-2 sm:table-cell">{r.ownerName ?? "a former member"}</td>
                  <td className="px-3 py-2">
                    {formatDateTime(r.deletedAt)}
                    {r.deletedBy && <span className="text-zinc-500"> by {r.deletedBy.name}</span>}
                  </td>
                  <td className="px-3 py-2 text-right">
                    {canRestoreUseCase(actor, { ownerId: r.ownerId }) && <RestoreButton orgSlug={org} id={r.id} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
          {page > 1 && <Link className="underline" href={`${useCasePath(org, "trash")}?page=${page - 1}`}>Previous</Link>}
          <span>Page {page} of {pages}</span>
          {page < pages && <Link className="underline" href={`${useCasePath(org, "trash")}?page=${page + 1}`}>Next</Link>}
        </nav>
      )}
    </div>
  );
}
