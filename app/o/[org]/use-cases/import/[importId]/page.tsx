import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { IMPORT_ROLES, refusedRowsText } from "@/lib/domain/import";
import { NotFoundError } from "@/lib/server/errors";
import { getImportRecord } from "@/lib/server/import/undo";
import { guardPage } from "@/lib/server/page-guard";
import { formatDateTime } from "../../_components/labels";
import { UndoImportButton } from "./undo-button";

export const metadata: Metadata = { title: "Import record" };

const fmt = (n: number) => n.toLocaleString("en-US");

/** An import's record: what it did, to which use cases, and undoing it as one step. */
export default async function ImportRecordPage({ params }: { params: Promise<{ org: string; importId: string }> }) {
  const { org, importId } = await params;
  const ctx = await guardPage(org, IMPORT_ROLES, `/o/${org}/use-cases/import/${importId}`);
  const record = await getImportRecord(ctx.organization.id, importId).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const base = `/o/${ctx.organization.slug}/use-cases`;
  const c = record.counts;
  const changedSince = record.useCases.filter((u) => u.changedSince).length;
  const mayUndo = ctx.role !== "LEAD" || record.actor?.id === ctx.user.id;
  return (
    <>
      <PageHeader
        title={`Import of ${record.fileName}`}
        description={`${formatDateTime(record.at)} by ${record.actor?.name ?? "a former member"}.`}
        actions={
          <Link href={`${base}/import`} className="text-sm font-medium text-brand-700 underline">
            Import another file
          </Link>
        }
      />
      <section className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5">
        <p className="text-sm text-zinc-800" data-testid="import-record-counts">
          {fmt(c.rows)} rows: {fmt(c.created)} added, {fmt(c.updated)} updated, {fmt(c.unchanged)} unchanged, {fmt(c.refused)} refused and left out{record.refusedRows.length ? ` (${refusedRowsText(record.refusedRows)} of the file)` : ""}.
        </p>
        {record.encodingNote && <p className="text-sm text-zinc-600">{record.encodingNote}</p>}
        {record.undone ? (
          <p role="status" className="rounded border border-zinc-300 bg-zinc-50 px-3 py-2 text-sm font-medium text-zinc-800" data-testid="import-undone">
            Undone on {formatDateTime(record.undone.at)} by {record.undone.actor?.name ?? "a former member"}: its new use cases were deleted and its updates put back.
          </p>
        ) : mayUndo ? (
          <UndoImportButton orgSlug={ctx.organization.slug} importId={record.id} created={c.created} updated={c.updated} blocked={changedSince} />
        ) : (
          <p className="text-sm text-zinc-600">Only the member who imported this file, an executive or an admin can undo it.</p>
        )}
        {record.useCases.length > 0 && (
          <div className="max-h-[32rem] overflow-auto rounded border border-zinc-200">
            <table className="min-w-full divide-y divide-zinc-200 text-sm">
              <thead className="sticky top-0 bg-zinc-50 text-left">
                <tr>
                  <th scope="col" className="px-3 py-2 font-semibold text-zinc-700">Use case</th>
                  <th scope="col" className="px-3 py-2 font-semibold text-zinc-700">By this import</th>
                  <th scope="col" className="px-3 py-2 font-semibold text-zinc-700">Since</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 bg-white">
                {record.useCases.slice(0, 1_000).map((u) => (
                  <tr key={u.id}>
                    <td className="px-3 py-2">
                      {u.exists ? (
                        <Link href={`${base}/${encodeURIComponent(u.id)}`} className="font-medium text-brand-700 underline">
                          {u.title}
                        </Link>
                      ) : (
                        u.title
                      )}
                    </td>
                    <td className="px-3 py-2">{u.action === "create" ? "Added" : "Updated"}</td>
                    <td className="px-3 py-2 text-zinc-600">{!u.exists ? "Deleted or in the trash" : u.changedSince ? "Changed" : "Unchanged"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
