import { describe, expect, it } from "vitest";
import { cannotServeSentence, decisionOptionNotes, NOT_ASSESSED_NOTE, type OptionNotes } from "./options";

const texts = (notes: OptionNotes) => Object.fromEntries(Object.entries(notes).map(([k, v]) => [k, v!.text]));

const life = (base: number, complete = true) => ({ low: base / 2, base, high: base * 2, complete });

describe("decisionOptionNotes", () => {
  it("prices each approach, names the cheapest that serves, and says why one cannot serve", () => {
    const notes = decisionOptionNotes({
      maxLagDays: 14,
      approaches: {
        RAG: { lifecycle: life(36_544_800), manual: false, meetsLag: true, reachesKnowledge: true, meetsBar: true },
        FINE_TUNING: { lifecycle: life(212_849_400), manual: false, meetsLag: false, reachesKnowledge: true },
        HYBRID: { lifecycle: life(110_477_000), manual: false, meetsLag: true },
        PROMPTING: { lifecycle: life(28_683_500), manual: false, reachesKnowledge: false },
        AGENT: { lifecycle: life(95_000_000), manual: true },
      },
    });
    expect(texts(notes)).toEqual({
      RAG: "$365,448 over the lifecycle (base), the cheapest that serves",
      FINE_TUNING: "$2,128,494 over the lifecycle (base); does not meet the 14-day lag",
      HYBRID: "$1,104,770 over the lifecycle (base), $739,322 more than RAG",
      PROMPTING: "$286,835 over the lifecycle (base); does not reach the use case's knowledge",
      AGENT: "$950,000 over the lifecycle (base), as estimated, $584,552 more than RAG",
      PIPELINE: "not costed (the cost model prices it only from a manual estimate)",
      FEEDBACK_LEARNING: "not costed (the cost model prices it only from a manual estimate)",
    });
    expect(Object.entries(notes).filter(([, v]) => v!.cannotServe).map(([k]) => k)).toEqual(["FINE_TUNING", "PROMPTING"]);
  });

  it("a prompted model already short of the bar, and a cost that lacks a figure, say so; no summary, nothing", () => {
    const notes = decisionOptionNotes({
      approaches: { PROMPTING: { lifecycle: life(10_000_00), manual: false, meetsBar: false }, RAG: { lifecycle: life(50_000_00, false), manual: false } },
    });
    expect(notes.PROMPTING).toEqual({ text: "$10,000 over the lifecycle (base); falls short of the bar (tried)", cannotServe: true });
    // Incomplete, so not named the cheapest: its total leaves a cost out.
    expect(notes.RAG).toEqual({ text: "$50,000+ (a figure is missing) over the lifecycle (base)", cannotServe: false });
    expect(decisionOptionNotes(null)).toEqual({});
  });

  it("a use case not assessed yet (no projection stored): the approaches the model projects are 'not assessed', never 'priced only from a manual estimate' (review-usecase)", () => {
    // What derivation stores for evidence "none" (lib/server/use-cases/derive.ts): a summary with no approaches.
    const notes = texts(decisionOptionNotes({ approaches: {}, maxLagDays: null }));
    for (const ap of ["RAG", "FINE_TUNING", "HYBRID", "PROMPTING"]) expect(notes[ap]).toBe(NOT_ASSESSED_NOTE);
    for (const ap of ["AGENT", "PIPELINE", "FEEDBACK_LEARNING"]) expect(notes[ap]).toBe("not costed (the cost model prices it only from a manual estimate)");
  });

  it("an approach that cannot serve, as the sentence an approver is sent: the reason in the note's words", () => {
    const summary = {
      maxLagDays: 14,
      approaches: { RAG: { lifecycle: life(100), manual: false, meetsLag: true }, FINE_TUNING: { lifecycle: life(200), manual: false, meetsLag: false }, PROMPTING: { lifecycle: life(50), manual: false, reachesKnowledge: false } },
    };
    expect(cannotServeSentence("FINE_TUNING", summary)).toBe("Fine-tuning cannot serve this use case: it does not meet the 14-day lag.");
    expect(decisionOptionNotes(summary).FINE_TUNING!.text).toMatch(/; does not meet the 14-day lag$/);
    expect(cannotServeSentence("PROMPTING", summary)).toBe("Prompting only cannot serve this use case: it does not reach the use case's knowledge.");
    expect(cannotServeSentence("RAG", summary)).toBeNull();
    expect(cannotServeSentence("AGENT", summary)).toBeNull(); // not costed: nothing to say
    expect(cannotServeSentence("RAG", null)).toBeNull();
  });
});
