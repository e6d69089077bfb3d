import { describe, expect, it } from "vitest";
import { untrainedNote } from "./training-notes";
import { retrainingUnbudgeted } from "./retraining";

const ap = (base: number, extra: Record<string, unknown> = {}) => ({ lifecycle: { low: base, base, high: base, complete: true }, manual: false, meetsLag: true, reachesKnowledge: true, meetsBar: true, lacksCapability: null, ...extra });

describe("the cost panel where nothing is recommended until a model can be trained", () => {
  const onlyTraining = { approaches: { RAG: ap(100, { lacksCapability: "needsStyleOrFormat" }), FINE_TUNING: ap(300), HYBRID: ap(200) }, maxLagDays: 30 };

  it("says the approaches that can serve it train a model, cheapest first, and what the answers lack", () => {
    expect(untrainedNote(onlyTraining, null, "there is no budget for retraining")).toBe(
      "Nothing is recommended yet: Hybrid and Fine-tuning, the approaches that can serve it, train a model, and there is no budget for retraining (see the recommendation above). These figures price each for when that changes.",
    );
    expect(untrainedNote({ ...onlyTraining, approaches: { ...onlyTraining.approaches, HYBRID: ap(200, { meetsLag: false }) } }, null, "there are too few labeled examples")).toBe(
      "Nothing is recommended yet: Fine-tuning, the one approach that can serve it, trains a model, and there are too few labeled examples (see the recommendation above). These figures price it for when that changes.",
    );
  });

  it("where there is no budget for retraining, says the figures price it trained once, not for when that changes (a review: 'for when that changes' beside 'Retraining cycles a year: 0')", () => {
    expect(untrainedNote({ ...onlyTraining, approaches: { ...onlyTraining.approaches, FINE_TUNING: ap(300, { meetsLag: false }) } }, null, "there is no budget for retraining", true)).toBe(
      "Nothing is recommended yet: Hybrid, the one approach that can serve it, trains a model, and there is no budget for retraining (see the recommendation above). These figures price it as it would run without a budget for retraining, trained once and never retrained; with one, the retraining its knowledge needs would be added.",
    );
  });

  it("says nothing where something is recommended, nothing is held for training, or an approach that trains no model can serve", () => {
    expect(untrainedNote(onlyTraining, "HYBRID", "there is no budget for retraining")).toBeNull();
    expect(untrainedNote(onlyTraining, null, "")).toBeNull();
    expect(untrainedNote({ ...onlyTraining, approaches: { ...onlyTraining.approaches, RAG: ap(100) } }, null, "there is no budget for retraining")).toBeNull();
  });
});

describe("whether the figures price a trained approach without the retraining it needs", () => {
  it("is so only where the answers say there is no budget and the knowledge changes", () => {
    expect(retrainingUnbudgeted({ retrainingBudget: false, changeFrequency: "monthly" })).toBe(true);
    expect(retrainingUnbudgeted({ retrainingBudget: false, changeFrequency: "static" })).toBe(false);
    expect(retrainingUnbudgeted({ retrainingBudget: false })).toBe(false);
    expect(retrainingUnbudgeted({ retrainingBudget: true, changeFrequency: "monthly" })).toBe(false);
    expect(retrainingUnbudgeted({ changeFrequency: "monthly" })).toBe(false);
    expect(retrainingUnbudgeted(null)).toBe(false);
  });
});
