import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeTitle, titleSimilarity, trigramKeys } from "../similar-titles";
import { closeSimilarity, findCloseTitles } from "./duplicates";

describe("close titles in bulk", () => {
  it("finds titles close to the registry's and to other rows', most similar first, not a row's own use case", () => {
    const { matches, complete } = findCloseTitles(
      [
        { row: 2, title: "support-chatbot emea" },
        { row: 3, title: "Invoice extractor" },
        { row: 4, title: "Invoice extractors" },
        { row: 5, title: "Support chatbot (EMEA)", selfId: "uc1" },
        { row: 6, title: "Something else entirely" },
      ],
      [
        { id: "uc1", title: "Support chatbot (EMEA)" },
        { id: "uc2", title: "Contract reviewer" },
      ],
    );
    expect(complete).toBe(true);
    expect(matches.get(2)).toEqual([
      { kind: "existing", ref: "uc1", title: "Support chatbot (EMEA)", similarity: 1 },
      { kind: "row", ref: 5, title: "Support chatbot (EMEA)", similarity: 1 },
    ]);
    expect(matches.get(3)?.map((m) => m.ref)).toEqual([4]);
    expect(matches.get(5)?.map((m) => m.ref)).toEqual([2]);
    expect(matches.has(6)).toBe(false);
  });

  it("judges a pair as titleSimilarity does (at the 0.8 threshold)", () => {
    const word = fc.constantFrom("support", "chatbot", "invoice", "extractor", "legal", "contract", "review", "emea", "v2", "pilot", "sales", "assistant");
    const title = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(" "));
    const typo = fc.tuple(title, fc.nat(), fc.constantFrom("", "s", "x")).map(([t, i, c]) => {
      const at = i % (t.length + 1);
      return t.slice(0, at) + c + t.slice(at + 1);
    });
    fc.assert(
      fc.property(title, typo, (a, b) => {
        const item = (t: string) => ({ normalized: normalizeTitle(t), keys: trigramKeys(normalizeTitle(t)) });
        if (!item(a).normalized || !item(b).normalized) return;
        expect(closeSimilarity(item(a), item(b), 0.8) >= 0.8).toBe(titleSimilarity(a, b) >= 0.8);
      }),
      { numRuns: 500 },
    );
  });

  it("stays within its work budget on titles that are all alike, and says the search was partial", () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ row: i + 2, title: `Generated use case ${i}` }));
    const t0 = performance.now();
    const { matches, complete } = findCloseTitles(rows, [], { workBudget: 1_000_000 });
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(complete).toBe(false);
    expect(matches.size).toBeGreaterThan(0);
  });
});
