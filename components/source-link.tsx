import Link from "next/link";
import { sourceHref, sourceOf } from "@/lib/domain/sources";

/**
 * A seed named the way people read it: its title (or short name), linked to its text. Never the
 * file name: that stays in the link's target for nobody to read.
 */
export function SourceLink({ orgSlug, file, short = false, className }: { orgSlug: string; file: string; short?: boolean; className?: string }) {
  const s = sourceOf(file);
  if (!s) return <span className={className}>a source document</span>;
  return (
    <Link href={sourceHref(orgSlug, s.id)} className={className ?? "underline decoration-zinc-400 underline-offset-2 hover:decoration-zinc-700"} title={short ? s.title : undefined}>
      {short ? s.short : s.title}
    </Link>
  );
}

/** "Sources: Right for your business? (question 1), When to use which": each linked to its text. */
export function SourceCitations({ orgSlug, sources }: { orgSlug: string; sources: readonly { seed: string; where?: string }[] }) {
  return (
    <>
      Sources:{" "}
      {sources.map((s, i) => {
        const q = s.where?.match(/^question \d+/)?.[0];
        return (
          <span key={`${s.seed}-${i}`}>
            {i > 0 ? ", " : null}
            <SourceLink orgSlug={orgSlug} file={s.seed} short />
            {q ? ` (${q})` : null}
          </span>
        );
      })}
    </>
  );
}
