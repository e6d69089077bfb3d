/**
 * The five source documents ("seeds") by the names people read. A seed's file name
 * (000_2a5380ca2875bd0d.txt) is for machines and citations in code; every page names a seed by its
 * title and links to its text (/o/[org]/sources/[id]). Titles are the seed's own heading where it has
 * one; two seeds open without a heading, so their title is taken from their first sentence and says so.
 *
 * Pure: no Next.js, Prisma or I/O. The copies of the seeds live in docs/sources/seeds.
 */
export interface SourceDoc {
  /** The three-digit prefix, used in links: /o/[org]/sources/000. */
  id: string;
  file: string;
  /** The seed's title, as people read it. */
  title: string;
  /** A short name for compact lists ("Sources: …"). */
  short: string;
  /** Where the title comes from: the seed's own heading, or its first sentence (no heading). */
  titleFrom: "heading" | "first sentence";
}

export const SOURCES: readonly SourceDoc[] = [
  { id: "000", file: "000_2a5380ca2875bd0d.txt", title: "Fine-Tuning vs. RAG, Which Approach is Right for Your Business?", short: "Right for your business?", titleFrom: "heading" },
  { id: "001", file: "001_882c99e1fd832846.txt", title: "Fine-Tuning vs RAG: When to Use Which Approach", short: "When to use which", titleFrom: "heading" },
  { id: "002", file: "002_eb871f56c24eca94.txt", title: "Should we fine-tune a model or build a retrieval-augmented generation system?", short: "Fine-tune or build RAG?", titleFrom: "first sentence" },
  { id: "003", file: "003_cef81cc6bb37c5d4.txt", title: "Should we fine-tune a model or use RAG? Both, but start with RAG", short: "Start with RAG", titleFrom: "first sentence" },
  { id: "004", file: "004_b4720be0fbd1a961.txt", title: "RAG vs Fine-Tuning: Which Approach Is Right for Your AI Project?", short: "Right for your AI project?", titleFrom: "heading" },
];

const BY_FILE = new Map(SOURCES.map((s) => [s.file, s]));
const BY_ID = new Map(SOURCES.map((s) => [s.id, s]));

/** The source for a seed file name or its three-digit id; undefined for anything else. */
export function sourceOf(fileOrId: string): SourceDoc | undefined {
  return BY_FILE.get(fileOrId) ?? BY_ID.get(fileOrId);
}

/** The title people read for a seed file (an unknown name is returned as "a source document", never shown raw). */
export function sourceTitle(fileOrId: string): string {
  return sourceOf(fileOrId)?.title ?? "a source document";
}

/** The page that shows a seed's text. */
export function sourceHref(orgSlug: string, fileOrId: string): string {
  const s = sourceOf(fileOrId);
  return `/o/${orgSlug}/sources/${s ? s.id : ""}`;
}
