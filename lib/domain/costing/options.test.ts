import { describe, expect, it } from "vitest";
import { approachFigure, approachSpendText, cannotServeSentence, decisionOptionNotes, NO_ESTIMATE_NOTE, NOT_ASSESSED_NOTE, type OptionNotes } from "./options";

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
      PIPELINE: NO_ESTIMATE_NOTE,
      FEEDBACK_LEARNING: NO_ESTIMATE_NOTE,
    });
    expect(Object.entries(notes).filter(([, v]) => v!.cannotServe).map(([k]) => k)).toEqual(["FINE_TUNING", "PROMPTING"]);
  });

  it("prompting named the cheapest that serves says on what it rests where no prompted base model has been tried", () => {
    const summary = { approaches: { PROMPTING: { lifecycle: life(25_103_000), manual: false, meetsBar: true }, RAG: { lifecycle: life(60_000_000), manual: false } } };
    expect(decisionOptionNotes(summary, null, { promptedBaselineMeetsBar: "untested" }).PROMPTING?.text).toBe(
      "$251,030 over the lifecycle (base), the cheapest that serves, if a prompted base model meets the bar: none has been tried yet",
    );
    expect(decisionOptionNotes(summary, null, {}).PROMPTING?.text).toMatch(/none has been tried yet$/);
    // Tried and met: nothing to add.
    expect(decisionOptionNotes(summary, null, { promptedBaselineMeetsBar: "yes" }).PROMPTING?.text).toBe("$251,030 over the lifecycle (base), the cheapest that serves");
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
    for (const ap of ["AGENT", "PIPELINE", "FEEDBACK_LEARNING"]) expect(notes[ap]).toBe("not costed (the cost model prices it only from a manual estimate, and the use case has none)");
    // With an estimate it is still not costed: derivation projects nothing for a use case not assessed.
    const withEstimate = texts(decisionOptionNotes({ approaches: {}, maxLagDays: null }, { yearly: { low: 4_000_000, base: 6_000_000, high: 8_000_000 }, years: 5 }));
    for (const ap of ["AGENT", "PIPELINE", "FEEDBACK_LEARNING"]) expect(withEstimate[ap]).toBe(NOT_ASSESSED_NOTE);
  });

  it("an approach the model does not price, proposed where the recommendation is another: priced from the owner's estimate once chosen, never 'not costed' when the estimate exists (review-propose)", () => {
    // Recommended Hybrid with a manual estimate of $40k / $60k / $80k a year over 5 years: the stored
    // projection prices the model's approaches only (derive.ts gives the estimate to the chosen, else
    // the recommended approach, and Hybrid is neither an agent, a pipeline nor feedback learning).
    const summary = { maxLagDays: 14, approaches: { RAG: { lifecycle: life(36_544_800), manual: false, meetsLag: true }, HYBRID: { lifecycle: life(195_526_700), manual: false, meetsLag: true } } };
    const owner = { yearly: { low: 4_000_000, base: 6_000_000, high: 8_000_000 }, years: 5 };
    const notes = texts(decisionOptionNotes(summary, owner));
    expect(notes.AGENT).toBe("$300,000 over the lifecycle (base) once chosen: the owner's estimate, $60,000 a year × 5 years");
    expect(notes.PIPELINE).toBe(notes.AGENT);
    expect(notes.HYBRID).toBe("$1,955,267 over the lifecycle (base), $1,589,819 more than RAG");
    // Without the estimate, the same approaches say why they are not costed.
    expect(texts(decisionOptionNotes(summary)).AGENT).toBe(NO_ESTIMATE_NOTE);
    // Cut short by retirement: the years the projection covers, exactly.
    expect(texts(decisionOptionNotes(summary, { ...owner, years: 2 })).AGENT).toBe("$120,000 over the lifecycle (base) once chosen: the owner's estimate, $60,000 a year × 2 years");
  });
});

describe("approachFigure and approachSpendText: one approach's lifecycle, named, for a queue line", () => {
  const owner = { yearly: { low: 4_000_000, base: 6_000_000, high: 8_000_000 }, years: 5 };
  const summary = { approaches: { HYBRID: { lifecycle: life(195_526_700), manual: false }, RAG: { lifecycle: life(10_000_000, false), manual: false } } };

  it("a proposed agent is the estimate times the years; the recommendation's figure is named as such", () => {
    expect(approachSpendText("AGENT", approachFigure(summary, "AGENT", owner))).toBe("Agent with tools: lifecycle $300,000 (owner's estimate, $60,000 a year × 5 years)");
    expect(approachFigure(summary, "AGENT", owner)).toMatchObject({ base: 30_000_000, onceChosen: true, manual: true });
    expect(approachSpendText("HYBRID", approachFigure(summary, "HYBRID", owner), "recommended")).toBe("Hybrid, as recommended: lifecycle $1,955,267");
    expect(approachSpendText("RAG", approachFigure(summary, "RAG", owner))).toBe("RAG: lifecycle $100,000+ (a figure is missing)");
  });

  it("not costed where truly no figure exists: no estimate, or not assessed", () => {
    expect(approachSpendText("AGENT", approachFigure(summary, "AGENT", null))).toBe("Agent with tools: not costed");
    expect(approachFigure({ approaches: {} }, "AGENT", owner)).toBeNull();
    expect(approachFigure(null, "AGENT", owner)).toBeNull();
  });

  it("an agent the stored projection already prices from the estimate reads the same", () => {
    const priced = { approaches: { AGENT: { lifecycle: { low: 20_000_000, base: 30_000_000, high: 40_000_000, complete: true }, manual: true } } };
    expect(approachSpendText("AGENT", approachFigure(priced, "AGENT", owner))).toBe("Agent with tools: lifecycle $300,000 (owner's estimate, $60,000 a year × 5 years)");
    expect(approachSpendText("AGENT", approachFigure(priced, "AGENT", null), "chosen")).toBe("Agent with tools, as chosen: lifecycle $300,000 (owner's estimate)");
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
