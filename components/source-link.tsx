import type { ReactNode } from "react";
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

/**
 * Where a source is named in a sentence by its number ("002's reference set", "(002: “hundreds to
 * low thousands”)", "001's “hundreds of examples”"), the number links to the source's text, its
 * title a hover away: a reader who asks "from what?" is one click from the passage. Only a bare
 * three-digit id of a known source after a space, a bracket or a quote, and before a possessive,
 * a colon, a comma, a bracket, a space, a full stop or the end, so "1,002" and "$3,000" stay text.
 */
const SOURCE_REF = /(^|[\s(“"])(00\d)(?=’s|'s|:|,|\)|\s|\.|$)/g;

export function WithSourceLinks({ orgSlug, text }: { orgSlug: string; text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(SOURCE_REF)) {
    const s = sourceOf(m[2]!);
    if (!s) continue;
    const at = m.index + m[1]!.length;
    if (at > last) parts.push(text.slice(last, at));
    parts.push(
      <Link key={at} href={sourceHref(orgSlug, s.id)} title={s.title} className="underline decoration-dotted underline-offset-2">
        {s.id}
      </Link>,
    );
    last = at + s.id.length;
  }
  if (parts.length === 0) return <>{text}</>;
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
