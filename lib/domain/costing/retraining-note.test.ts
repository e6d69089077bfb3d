import { describe, expect, it } from "vitest";
import { retrainingNote } from "./retraining-note";

describe("where the stale days and retraining cycles come from", () => {
  it("names how often the knowledge changes, the cycles it gives fine-tuning and the lag assumption", () => {
    expect(retrainingNote({ changeFrequency: "daily", shown: ["RAG", "FINE_TUNING", "HYBRID"], fineTuningCycles: 17 })).toBe(
      "The knowledge changes daily (the assessment's answer: about 365 changes a year). " +
        "Fine-tuning retrains 17 times a year: once per change, batched where the acceptable lag allows, and no more often than one retraining's lag (the assumption “Lag of one retraining cycle”) lets cycles follow each other. " +
        "Its stale days are the days a year it answers from a change not yet trained in, with that lag at its low, base and high. " +
        "A hybrid retrains at most once a year, for its behaviour; its facts come from retrieval, so it is never stale.",
    );
    expect(retrainingNote({ changeFrequency: "annually", shown: ["FINE_TUNING"], fineTuningCycles: 1 })).toBe(
      "The knowledge changes annually (the assessment's answer: about 1 change a year). Fine-tuning retrains once a year: once per change, batched where the acceptable lag allows, and no more often than one retraining's lag (the assumption “Lag of one retraining cycle”) lets cycles follow each other. Its stale days are the days a year it answers from a change not yet trained in, with that lag at its low, base and high.",
    );
  });
  it("says static knowledge is never retrained, and says nothing where nothing retrains or the frequency is unanswered", () => {
    expect(retrainingNote({ changeFrequency: "static", shown: ["FINE_TUNING"], fineTuningCycles: 0 })).toBe("The knowledge never changes (the assessment's answer), so nothing is retrained for it and nothing goes stale.");
    expect(retrainingNote({ changeFrequency: "daily", shown: ["RAG", "PROMPTING"], fineTuningCycles: null })).toBeNull();
    expect(retrainingNote({ shown: ["FINE_TUNING"], fineTuningCycles: 0 })).toBeNull();
  });
});
