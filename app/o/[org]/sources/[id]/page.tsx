import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { sourceOf } from "@/lib/domain/sources";
import { guardPage } from "@/lib/server/page-guard";
import { sourceText } from "@/lib/server/sources";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  return { title: sourceOf(id)?.short ?? "Source" };
}

/** Everyone: one source document's text, so a citation can be read in its context. */
export default async function SourcePage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const ctx = await guardPage(org, undefined, `/o/${org}/sources/${encodeURIComponent(id)}`);
  const doc = await sourceText(id);
  if (!doc) notFound();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/o/${ctx.organization.slug}/sources`} className="text-zinc-700 underline">
          All sources
        </Link>
      </p>
      <PageHeader
        title={doc.source.title}
        description={`Source ${doc.source.id}, as the app cites it. ${doc.source.titleFrom === "first sentence" ? "The document has no heading; its title is its opening question." : "A source document, as supplied."}`}
      />
      <article className="max-w-3xl space-y-3 text-base leading-relaxed text-zinc-800" data-testid="source-text">
        {doc.paragraphs.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </article>
    </>
  );
}
