import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sourcePath } from "../../tests/helpers/source-files";
import { SEED_FILES } from "./assessment-help";
import { SOURCES, sourceHref, sourceOf, sourceTitle } from "./sources";

const SEEDS = sourcePath("seeds");
const norm = (s: string) => s.replace(/[“”"]/g, "").replace(/\s+/g, " ").trim().toLowerCase();

describe("the seeds by title", () => {
  it("names every seed file, and only those", () => {
    expect(SOURCES.map((s) => s.file).sort()).toEqual(readdirSync(SEEDS).filter((f) => f.endsWith(".txt")).sort());
    expect(SOURCES.map((s) => s.file)).toEqual(Object.values(SEED_FILES));
  });

  it("takes each title from the seed: its heading line, or the words of its first sentence", () => {
    for (const s of SOURCES) {
      const text = readFileSync(path.join(SEEDS, s.file), "utf8");
      const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
      if (s.titleFrom === "heading") {
        expect(lines.slice(0, 3), s.file).toContain(s.title);
      } else {
        // No heading: the title's question is the seed's opening question.
        const question = s.title.split("?")[0]!;
        expect(norm(lines.slice(0, 2).join(" ")), s.file).toContain(norm(question));
      }
    }
  });

  it("finds a source by file or id, never shows a raw file name, and links to its text", () => {
    expect(sourceTitle("001_882c99e1fd832846.txt")).toBe("Fine-Tuning vs RAG: When to Use Which Approach");
    expect(sourceOf("003")?.short).toBe("Start with RAG");
    expect(sourceTitle("999_unknown.txt")).toBe("a source document");
    expect(sourceHref("demo", "004_b4720be0fbd1a961.txt")).toBe("/o/demo/sources/004");
  });
});

describe("how the seeds are named on the pages", () => {
  it("gives each seed its short name and says where its title comes from", () => {
    expect(SOURCES.map((s) => [s.id, s.short, s.titleFrom])).toEqual([
      ["000", "Right for your business?", "heading"],
      ["001", "When to use which", "heading"],
      ["002", "Fine-tune or build RAG?", "first sentence"],
      ["003", "Start with RAG", "first sentence"],
      ["004", "Right for your AI project?", "heading"],
    ]);
    for (const s of SOURCES) expect(s.file.startsWith(`${s.id}_`), s.file).toBe(true);
  });
  it("links an unknown seed to the list of sources", () => {
    expect(sourceHref("demo", "999")).toBe("/o/demo/sources/");
    expect(sourceHref("demo", "002")).toBe("/o/demo/sources/002");
  });
});
