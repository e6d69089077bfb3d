import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeTitle, titleSimilarity, trigramKeys, trigramSimilarity } from "../similar-titles";
import { closeSimilarity, describeCloseTitles, findCloseTitles, INCOMPLETE_CLOSE_TITLES } from "./duplicates";

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
    const { matches, complete } = findCloseTitles(rows, [], { workBudget: 1_000_000 });
    expect(complete).toBe(false);
    expect(matches.size).toBeGreaterThan(0);
  });
});

describe("close titles in bulk, against a reference that compares every pair", () => {
  const word = fc.constantFrom("support", "chatbot", "invoice", "extractor", "legal", "review", "emea", "pilot", "sales");
  const title = fc
    .tuple(fc.array(word, { minLength: 1, maxLength: 4 }), fc.nat(), fc.constantFrom("", "s", "x", "!"))
    .map(([ws, i, c]) => {
      const t = ws.join(" ");
      const at = i % (t.length + 1);
      return t.slice(0, at) + c + t.slice(at + 1);
    });
  const item = (t: string) => ({ normalized: normalizeTitle(t), keys: trigramKeys(normalizeTitle(t)) });

  it("reports only close titles, each with its similarity, never a row's own use case, and every pair whose trigrams mostly agree; most similar first, the registry first on a tie", () => {
    fc.assert(
      fc.property(fc.array(title, { minLength: 1, maxLength: 12 }), fc.array(title, { maxLength: 8 }), fc.boolean(), (rowTitles, exTitles, compareRows) => {
        const existing = exTitles.map((t, i) => ({ id: `e${i}`, title: t }));
        const rows = rowTitles.map((t, i) => ({ row: i + 2, title: t, selfId: i === 0 && existing.length ? "e0" : null }));
        const { matches, complete } = findCloseTitles(rows, existing, { compareRows, maxMatches: 100, maxCandidates: 100 });
        expect(complete).toBe(true);
        for (const r of rows) {
          const me = item(r.title);
          const got = matches.get(r.row) ?? [];
          for (const m of got) {
            const other = m.kind === "existing" ? existing.find((e) => e.id === m.ref)! : rows.find((x) => x.row === m.ref)!;
            expect(m.title).toBe(other.title);
            const s = closeSimilarity(me, item(other.title), 0.8);
            expect(s).toBeGreaterThanOrEqual(0.8);
            expect(m.similarity).toBe(Math.round(s * 100) / 100);
            expect(m.kind === "existing" && m.ref === r.selfId).toBe(false);
            expect(m.kind === "row" && (!compareRows || m.ref === r.row)).toBe(false);
          }
          const candidates = [
            ...existing.filter((e) => e.id !== r.selfId).map((e) => ({ kind: "existing", ref: e.id as string | number, title: e.title })),
            ...(compareRows ? rows.filter((x) => x.row !== r.row).map((x) => ({ kind: "row", ref: x.row as string | number, title: x.title })) : []),
          ];
          for (const c of candidates) {
            const o = item(c.title);
            if (!me.normalized || !o.normalized) continue;
            if (o.normalized === me.normalized || trigramSimilarity(me.keys, o.keys) >= 0.8) {
              expect(got.some((m) => m.kind === c.kind && m.ref === c.ref), `${r.title} ~ ${c.title}`).toBe(true);
            }
          }
          for (let i = 1; i < got.length; i++) {
            expect(got[i - 1]!.similarity).toBeGreaterThanOrEqual(got[i]!.similarity);
            if (got[i - 1]!.similarity === got[i]!.similarity && got[i - 1]!.kind !== got[i]!.kind) expect(got[i - 1]!.kind).toBe("existing");
          }
        }
      }),
      { numRuns: 200, seed: 20261204 },
    );
  });

  it("lists at most the matches asked for, the closest kept", () => {
    const rows = [{ row: 2, title: "Invoice extractor" }];
    const existing = [{ id: "a", title: "Invoice extractors" }, { id: "b", title: "Invoice extractor" }, { id: "c", title: "Invoice extractorx" }];
    expect(findCloseTitles(rows, existing, { maxMatches: 1 }).matches.get(2)).toEqual([{ kind: "existing", ref: "b", title: "Invoice extractor", similarity: 1 }]);
    expect(findCloseTitles(rows, existing).matches.get(2)!.map((m) => m.ref)).toEqual(["b", "a", "c"]);
  });

  it("a title with nothing to compare (only punctuation) matches nothing and is matched by nothing", () => {
    const { matches } = findCloseTitles([{ row: 2, title: "!!!" }, { row: 3, title: "???" }], [{ id: "x", title: "..." }]);
    expect(matches.size).toBe(0);
  });

  it("says in words what the title is close to, and when the search was partial", () => {
    expect(
      describeCloseTitles([
        { kind: "existing", ref: "u1", title: "Support chatbot", similarity: 0.9 },
        { kind: "row", ref: 12, title: "Support chat bot", similarity: 0.85 },
      ]),
    ).toBe("The title is close to “Support chatbot” (already in the registry) and row 12 “Support chat bot”. Check that this is not the same use case.");
    expect(INCOMPLETE_CLOSE_TITLES).toBe("The titles are very much alike, so close titles were looked for among their less common parts only: some may not be pointed out.");
  });
});

