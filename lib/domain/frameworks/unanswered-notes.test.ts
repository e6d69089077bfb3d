import { describe, expect, it } from "vitest";
import { scoreUseCase } from "./score";
import { unansweredNote, unansweredNotes } from "./unanswered-notes";

describe("the notes beside the unanswered deciding questions", () => {
  it("says what an answer could change it to, or that it moves only the vote", () => {
    expect(unansweredNote({ outcomes: ["RAG", "PROMPTING"], changesIt: true }, "PROMPTING")).toBe("could change the recommendation to RAG");
    expect(unansweredNote({ outcomes: ["PROMPTING"], changesIt: true }, "PROMPTING")).toBe("could leave no recommendation");
    expect(unansweredNote({ outcomes: ["AGENT"], changesIt: true }, null)).toBe("once answered, the recommendation would be Agent with tools");
    expect(unansweredNote({ outcomes: ["RAG"], changesIt: false, leans: ["FINE_TUNING"] }, "RAG")).toBe("moves the frameworks' vote, not the recommendation");
    // Stored before 2.11: nothing said.
    expect(unansweredNote({ outcomes: ["RAG"] }, "RAG")).toBe("");
  });

  it("says a note once, above the list, when every question carries it (a tool-use idea with nothing deciding answered)", () => {
    const s = scoreUseCase({ needsToolUse: true });
    const notes = unansweredNotes(s.sensitivity!.unanswered, s.consensus);
    expect(s.sensitivity!.unanswered).toHaveLength(7);
    expect(notes.common).toBe("whichever is answered first, the recommendation would be Agent with tools");
    expect(notes.each.every((n) => n === "")).toBe(true);
  });

  it("keeps each question's own note where they differ, and a lone question's beside it", () => {
    const differ = unansweredNotes([{ outcomes: ["RAG"], changesIt: true }, { outcomes: ["PROMPTING"], changesIt: false, leans: ["FINE_TUNING"] }], "PROMPTING");
    expect(differ).toEqual({ common: null, each: ["could change the recommendation to RAG", "moves the frameworks' vote, not the recommendation"] });
    // None changes it, one moves the vote: the heading says none changes it, the line what it moves.
    expect(unansweredNotes([{ outcomes: ["RAG"], changesIt: false, leans: ["FINE_TUNING"] }, { outcomes: ["RAG"], changesIt: false }], "RAG")).toEqual({
      common: "none of them on its own would change the recommendation",
      each: ["moves the frameworks' vote, not the recommendation", ""],
    });
    expect(unansweredNotes([{ outcomes: ["RAG"], changesIt: true }], "PROMPTING")).toEqual({ common: null, each: ["could change the recommendation to RAG"] });
    // None would change it, nor move the vote: said once, instead of an order that means nothing.
    expect(unansweredNotes([{ outcomes: ["RAG"], changesIt: false }, { outcomes: ["RAG"], changesIt: false }], "RAG")).toEqual({
      common: "none of them on its own would change the recommendation",
      each: ["", ""],
    });
    // A score stored before 2.11 (no changesIt): nothing said.
    expect(unansweredNotes([{ outcomes: ["RAG"] }, { outcomes: ["RAG"] }], "RAG")).toEqual({ common: null, each: ["", ""] });
    // The same "could change" on every line: "each could change …".
    expect(unansweredNotes([{ outcomes: ["RAG"], changesIt: true }, { outcomes: ["RAG"], changesIt: true }], "PROMPTING").common).toBe("each could change the recommendation to RAG");
  });

  it("a support bot whose unanswered questions all keep RAG: none is said to be the one it hangs on", () => {
    const s = scoreUseCase({ changeFrequency: "weekly", maxLagDays: 1, coreNeed: "retrieval", needsCitations: true, corpusDocuments: 20_000, monthlyCalls: 300_000 });
    expect(s.consensus).toBe("RAG");
    const notes = unansweredNotes(s.sensitivity!.unanswered, s.consensus);
    expect(s.sensitivity!.unanswered.length).toBeGreaterThan(1);
    expect(notes.common).toBe("none of them on its own would change the recommendation");
  });
});
