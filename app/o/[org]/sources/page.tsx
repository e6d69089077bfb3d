import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { SOURCES } from "@/lib/domain/sources";
import { guardPage } from "@/lib/server/page-guard";

export const metadata: Metadata = { title: "Sources" };

/** Everyone: the five documents every framework, rule and default figure comes from. */
export default async function SourcesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await guardPage(org, undefined, `/o/${org}/sources`);
  return (
    <>
      <PageHeader
        title="Sources"
        description="The five documents the frameworks, their rules and the default cost figures are drawn from, each under the number sentences cite it by (“002 says…”) and the short name the Frameworks page gives beside each rule. Each links to its full text."
      />
      {/* Numbered by their ids, 000 to 004, never 1 to 5: a sentence citing "002" must find 002 here. */}
      <ul className="space-y-3">
        {SOURCES.map((s) => (
          <li key={s.id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200" data-testid="source">
            <Link href={`/o/${ctx.organization.slug}/sources/${s.id}`} className="font-medium text-zinc-900 underline decoration-zinc-300 underline-offset-2 hover:decoration-zinc-700">
              <span className="tabular-nums">{s.id}</span> · {s.title}
            </Link>
            {/* The Frameworks page cites a rule's source by this short name ("Right for your AI project?"), which a reader must find here. */}
            <p className="mt-1 text-sm text-zinc-600" data-testid="source-short">Cited beside the frameworks&apos; rules as “{s.short}”.</p>
            {s.titleFrom === "first sentence" ? <p className="mt-1 text-sm text-zinc-600">The document has no heading; its title is its opening question.</p> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
