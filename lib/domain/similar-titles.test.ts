import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  findSimilarTitles,
  letterBagDistance,
  levenshtein,
  levenshteinSimilarity,
  normalizeTitle,
  SIMILARITY_THRESHOLD,
  titleSimilarity,
  trigramKeys,
  trigrams,
  trigramSimilarity,
} from "./similar-titles";

describe("normalizeTitle", () => {
  it.each([
    ["Support Chatbot", "support chatbot"],
    ["  Support   chatbot  ", "support chatbot"],
    ["Support-chatbot (EMEA)!", "support chatbot emea"],
    ["Café résumé screening", "cafe resume screening"],
    ["R&D: lab-notes / Q&A", "r d lab notes q a"],
    ["!!!", ""],
  ])("%j → %j", (input, expected) => {
    expect(normalizeTitle(input)).toBe(expected);
  });
});

describe("trigrams and their similarity", () => {
  it("pads each word like pg_trgm", () => {
    expect([...trigrams("cat")].sort()).toEqual(["  c", " ca", "at ", "cat"].sort());
  });
  it("is 1 for the same set and 0 for disjoint or empty sets", () => {
    expect(trigramSimilarity(trigrams("abc"), trigrams("abc"))).toBe(1);
    expect(trigramSimilarity(trigrams("abc"), trigrams("xyz"))).toBe(0);
    expect(trigramSimilarity(new Set(), trigrams("xyz"))).toBe(0);
  });
  it("the numeric keys are the same trigrams", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (raw) => {
        const n = normalizeTitle(raw);
        const keys = [...trigramKeys(n)].map((k) => String.fromCharCode(Math.floor(k / 4294967296), Math.floor(k / 65536) % 65536, k % 65536));
        expect(keys.sort()).toEqual([...trigrams(n)].sort());
      }),
    );
  });
  it("ignores word order", () => {
    expect(trigramSimilarity(trigrams("invoice matching"), trigrams("matching invoice"))).toBe(1);
  });
});

describe("levenshtein", () => {
  it.each([
    ["", "", 0],
    ["abc", "", 3],
    ["kitten", "sitting", 3],
    ["chatbot", "chatbots", 1],
    ["flaw", "lawn", 2],
  ])("%j ↔ %j = %i", (a, b, d) => {
    expect(levenshtein(a, b)).toBe(d);
    expect(levenshtein(b, a)).toBe(d);
  });
  it("gives up early above max", () => {
    expect(levenshtein("kitten", "sitting", 1)).toBe(2);
    expect(levenshtein("a", "abcdef", 2)).toBe(3);
  });
  it("is a metric on random strings (symmetry, triangle inequality)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b, c) => {
        expect(levenshtein(a, b)).toBe(levenshtein(b, a));
        expect(levenshtein(a, c)).toBeLessThanOrEqual(levenshtein(a, b) + levenshtein(b, c));
      }),
    );
  });
  it("the bounded version agrees with the full one whenever it is within the bound", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 15 }), fc.string({ maxLength: 15 }), fc.nat(6), (a, b, max) => {
        const full = levenshtein(a, b);
        const bounded = levenshtein(a, b, max);
        if (full <= max) expect(bounded).toBe(full);
        else expect(bounded).toBe(max + 1);
      }),
    );
  });
  it("the letter-bag distance never exceeds the edit distance", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 15 }), fc.string({ maxLength: 15 }), (a, b) => {
        const counts = new Map<number, number>();
        for (let i = 0; i < a.length; i++) counts.set(a.charCodeAt(i), (counts.get(a.charCodeAt(i)) ?? 0) + 1);
        expect(letterBagDistance(counts, b)).toBeLessThanOrEqual(levenshtein(a, b));
      }),
    );
  });
  it("similarity is 1 minus distance over the longer length", () => {
    expect(levenshteinSimilarity("chatbot", "chatbots")).toBeCloseTo(1 - 1 / 8);
    expect(levenshteinSimilarity("", "")).toBe(0);
  });
});

describe("titleSimilarity: which titles count as duplicates", () => {
  it.each([
    ["Support chatbot", "support chatbot", true, "same text, different case"],
    ["Support chatbot", "Support-chatbot!", true, "punctuation stripped"],
    ["Support chatbot", "Support chatbots", true, "plural"],
    ["Support chatbot", "Suport chatbot", true, "typo"],
    ["Invoice matching assistant", "Assistant: invoice matching", true, "words reordered"],
    ["Contract review (legal)", "contract review legal", true, "parentheses"],
    ["Support chatbot", "Sales forecasting", false, "different idea"],
    ["HR bot", "IT bot", false, "short titles differing in a word"],
    ["Support chatbot EMEA", "Support chatbot APAC", true, "a regional copy is worth a look (it only warns)"],
    ["Support chatbot", "Support ticket routing", false, "same team, different idea"],
    ["!!!", "???", false, "titles that normalise to nothing"],
  ])("%j vs %j → %s (%s)", (a, b, same) => {
    expect(titleSimilarity(a, b) >= SIMILARITY_THRESHOLD).toBe(same);
  });
  it("is symmetric and between 0 and 1", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (a, b) => {
        const s = titleSimilarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(titleSimilarity(b, a)).toBeCloseTo(s, 10);
      }),
    );
  });
});

describe("findSimilarTitles", () => {
  const candidates = [
    { id: "1", title: "Support chatbot" },
    { id: "2", title: "Support chatbots" },
    { id: "3", title: "Sales forecasting" },
    { id: "4", title: "SUPPORT CHATBOT!" },
    { id: "5", title: "" },
  ];
  it("returns the close ones, exact matches first, and nothing else", () => {
    const found = findSimilarTitles("support chatbot", candidates);
    expect(found.map((m) => m.item.id)).toEqual(["1", "4", "2"]);
    expect(found[0]!.similarity).toBe(1);
  });
  it("agrees with titleSimilarity on every candidate", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.array(fc.string({ maxLength: 20 }), { maxLength: 10 }), (title, others) => {
        const found = new Set(findSimilarTitles(title, others.map((t) => ({ title: t })), { limit: 100 }).map((m) => m.item.title));
        for (const o of others) expect(found.has(o)).toBe(titleSimilarity(title, o) >= SIMILARITY_THRESHOLD);
      }),
    );
  });
  it("honours the limit", () => {
    expect(findSimilarTitles("support chatbot", candidates, { limit: 1 })).toHaveLength(1);
  });
  it("finds the one near match among 10,000 candidates (its speed is measured by npm run bench, not here)", () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ title: `Use case number ${i} for the ${i % 7 === 0 ? "finance" : "support"} team` }));
    const found = findSimilarTitles("Use case number 43 for the support team", many).map((m) => m.item.title);
    expect(found[0]).toBe("Use case number 43 for the support team");
  });
});

/** The textbook edit distance, written apart from the code under test. */
function referenceDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

/** Titles a few edits away from each other: small alphabets make near misses and near hits common. */
const word = fc.stringMatching(/^[abcd]{1,6}$/);
const title = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(" "));
const edited = (t: string) =>
  fc.array(fc.tuple(fc.nat(), fc.constantFrom("insert", "delete", "swap", "space"), fc.constantFrom("a", "b", "e")), { maxLength: 3 }).map((edits) => {
    let s = t;
    for (const [at, kind, c] of edits) {
      const i = s.length ? at % s.length : 0;
      if (kind === "insert") s = s.slice(0, i) + c + s.slice(i);
      else if (kind === "delete") s = s.slice(0, i) + s.slice(i + 1);
      else if (kind === "swap") s = s.slice(0, i) + c + s.slice(i + 1);
      else s = s.slice(0, i) + " " + s.slice(i);
    }
    return s;
  });
const nearTitles = title.chain((t) => fc.tuple(fc.constant(t), fc.array(fc.oneof(edited(t), title, fc.constant(t.split(" ").reverse().join(" "))), { maxLength: 8 })));

describe("findSimilarTitles against the plain definitions, on near-duplicates", () => {
  it("the edit distance with a cap is the true distance, or cap + 1 when it is further", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ab]{0,9}$/), fc.stringMatching(/^[ab]{0,9}$/), fc.integer({ min: 0, max: 6 }), (a, b, max) => {
        const exact = referenceDistance(a, b);
        expect(levenshtein(a, b)).toBe(exact);
        expect(levenshtein(a, b, max)).toBe(exact > max ? max + 1 : exact);
      }),
      { numRuns: 500 },
    );
  });
  it("the letter count is a lower bound of the edit distance, and exact on letters alone", () => {
    const counts = (s: string) => {
      const m = new Map<number, number>();
      for (const ch of s) m.set(ch.charCodeAt(0), (m.get(ch.charCodeAt(0)) ?? 0) + 1);
      return m;
    };
    fc.assert(
      fc.property(fc.stringMatching(/^[abc]{0,8}$/), fc.stringMatching(/^[abc]{0,8}$/), (a, b) => {
        expect(letterBagDistance(counts(a), b)).toBeLessThanOrEqual(referenceDistance(a, b));
      }),
    );
    expect(letterBagDistance(counts("aaa"), "b")).toBe(3);
    expect(letterBagDistance(counts("b"), "aaa")).toBe(3);
    expect(letterBagDistance(counts("aab"), "abb")).toBe(1);
    expect(letterBagDistance(counts("abc"), "cab")).toBe(0);
  });
  it("finds exactly the candidates at or above the threshold, whatever the threshold", () => {
    fc.assert(
      fc.property(nearTitles, fc.constantFrom(0.5, 0.6, 0.7, 0.75, 0.8, 0.9), ([query, others], threshold) => {
        const found = findSimilarTitles(query, others.map((t) => ({ title: t })), { threshold, limit: 100 });
        const expected = others.filter((o) => titleSimilarity(query, o) >= threshold);
        expect(found.map((m) => m.item.title).sort()).toEqual([...expected].sort());
        for (const m of found) {
          const exact = titleSimilarity(query, m.item.title);
          // The trigram similarity is kept when it already reaches the threshold, else the higher of the two.
          const tri = trigramSimilarity(trigramKeys(normalizeTitle(query)), trigramKeys(normalizeTitle(m.item.title)));
          expect(m.similarity >= threshold && (Math.abs(m.similarity - exact) < 1e-12 || Math.abs(m.similarity - tri) < 1e-12), `${query} ~ ${m.item.title}`).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
  it("counts a title exactly at the threshold as close, from edit distance and from shared trigrams", () => {
    // Ten letters, two changed: edit similarity exactly 0.8 (1 - 2/10), trigrams far lower.
    expect(findSimilarTitles("abcdefghij", [{ title: "abcdefghXY" }]).map((m) => m.similarity)).toEqual([0.8]);
    expect(findSimilarTitles("abcdefghij", [{ title: "abcdefgXYZ" }])).toEqual([]);
    // Reordered words: the edit distance is far, the trigrams are the same.
    expect(findSimilarTitles("emea support chatbot", [{ title: "Support chatbot (EMEA)" }]).map((m) => m.similarity)).toEqual([1]);
    expect(findSimilarTitles("chatbot support", [{ title: "support chatbot" }])[0]?.similarity).toBe(1);
  });
  it("reports the higher of the two measures for a title close by edits but not by trigrams", () => {
    // One letter changed in a short word: trigrams drop to about half, the edit similarity stays high.
    const [m] = findSimilarTitles("invoice", [{ title: "invoize" }], { threshold: 0.5 });
    expect(m?.similarity).toBeCloseTo(1 - 1 / 7, 12);
    expect(titleSimilarity("invoice", "invoize")).toBeCloseTo(1 - 1 / 7, 12);
  });
  it("skips blank candidates and an empty query, and puts exact copies first", () => {
    expect(findSimilarTitles("", [{ title: "anything" }])).toEqual([]);
    expect(findSimilarTitles("!!!", [{ title: "!!!" }])).toEqual([]);
    expect(findSimilarTitles("support bot", [{ title: "" }, { title: "—" }])).toEqual([]);
    expect(findSimilarTitles("support bot", [{ title: "support bots" }, { title: "Support Bot!" }]).map((m) => [m.item.title, m.similarity])).toEqual([
      ["Support Bot!", 1],
      ["support bots", expect.closeTo(1 - 1 / 12, 12)],
    ]);
  });
  it("strips every combining mark, however many", () => {
    expect(normalizeTitle("e\u0301\u0302x")).toBe("ex");
    expect(trigrams("a")).toEqual(new Set(["  a", " a "]));
    expect([...trigramKeys("a b")]).toHaveLength(4);
  });
});
