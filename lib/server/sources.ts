import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sourceOf, type SourceDoc } from "@/lib/domain/sources";

/** A seed's text, read from the project's copy in docs/sources/seeds; null for an unknown id. */
export async function sourceText(id: string): Promise<{ source: SourceDoc; paragraphs: string[] } | null> {
  const source = sourceOf(id);
  if (!source || source.id !== id) return null;
  const text = await readFile(path.join(process.cwd(), "docs", "sources", "seeds", source.file), "utf8");
  const paragraphs = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return { source, paragraphs };
}
