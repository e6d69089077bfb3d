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
