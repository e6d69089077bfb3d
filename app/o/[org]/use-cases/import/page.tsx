import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { FILE_RULES, IMPORT_ROLES } from "@/lib/domain/import";
import { listImportMappings } from "@/lib/server/import/mappings";
import { guardPage } from "@/lib/server/page-guard";
import { FieldGuide } from "./_components/field-guide";
import { ImportWizard } from "./_components/import-wizard";

export const metadata: Metadata = { title: "Import use cases" };

/** The CSV import: leads, executives and admins (finance gets 403, non-members 404). */
export default async function ImportPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await guardPage(org, IMPORT_ROLES, `/o/${org}/use-cases/import`);
  const saved = await listImportMappings(ctx.organization.id);
  const base = `/o/${ctx.organization.slug}/use-cases`;
  return (
    <>
      <PageHeader
        title="Import use cases"
        description="Bring an existing inventory in from a spreadsheet: map its columns and values onto ours, see every problem before anything is saved, then import it all at once."
        actions={
          <Link href={base} className="text-sm font-medium text-brand-700 underline">
            Back to the use cases
          </Link>
        }
      />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0">
          <ImportWizard orgSlug={ctx.organization.slug} savedMappings={saved} listHref={base} />
        </div>
        <aside aria-labelledby="import-files-heading" className="space-y-4 text-sm text-zinc-700">
          <section className="rounded-lg border border-zinc-200 bg-white p-4">
            <h2 id="import-files-heading" className="text-base font-semibold text-zinc-900">
              Start from our template
            </h2>
            <ul className="mt-2 space-y-2">
              <li>
                <a className="font-medium text-brand-700 underline" href={`${base}/import/template`} download>
                  Download the template (CSV)
                </a>
                <span className="block text-zinc-600">A header row with one column per field; fill in one row per use case.</span>
              </li>
              <li>
                <a className="font-medium text-brand-700 underline" href={`${base}/import/template?example=1`} download>
                  Download an example (CSV)
                </a>
                <span className="block text-zinc-600">The same columns with two rows that import as they are.</span>
              </li>
              <li>
                <a className="font-medium text-brand-700 underline" href={`${base}/import/template?guide=1`} download>
                  Download the field guide (CSV)
                </a>
                <span className="block text-zinc-600">What each column takes, with its allowed values (also below).</span>
              </li>
            </ul>
          </section>
          <section aria-labelledby="import-rules-heading" className="rounded-lg border border-zinc-200 bg-white p-4">
            <h2 id="import-rules-heading" className="text-base font-semibold text-zinc-900">
              What a file may be
            </h2>
            <ul className="mt-2 list-disc space-y-1 pl-5">
              {FILE_RULES.map((r) => (
                <li key={r}>{r}</li>
              ))}
              {ctx.role === "LEAD" ? <li>As a lead you import use cases you own, and update only your own.</li> : <li>Executives and admins may name any member as owner (by email).</li>}
            </ul>
          </section>
        </aside>
      </div>
      <FieldGuide />
    </>
  );
}
