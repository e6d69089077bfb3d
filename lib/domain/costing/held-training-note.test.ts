/**
 * The cost panel names a trained approach the cheapest beside a recommendation that trains none:
 * a reviewer read "Hybrid is the cheapest approach that meets the 1-day lag: against RAG (the
 * recommendation) it saves 43.8%" with nothing on the page to say why the hybrid was not
 * recommended (no labeled examples, no budget for retraining), nor that its figures include curating
 * the examples it lacks. heldTrainingNote says so; frameworks/evidence.ts, untrainedBecause, gives
 * the judgement's own reason.
 */
import { describe, expect, it } from "vitest";
import type { Assessment } from "../assessment";
import { scoreUseCase } from "../frameworks/score";
import { untrainedBecause } from "../frameworks/evidence";
import { DEFAULT_ASSUMPTIONS } from "./assumptions";
import { explainCosts } from "./explain";
import { heldTrainingNote } from "./training-notes";
import { projectCosts } from "./project";

const COMPLETE = {
  ...DEFAULT_ASSUMPTIONS,
  values: { ...DEFAULT_ASSUMPTIONS.values, modelInputPricePerMTokens: { low: 2, base: 3, high: 5 }, modelOutputPricePerMTokens: { low: 8, base: 15, high: 20 }, maintenanceHoursPerWeek: { low: 2, base: 4, high: 8 } },
};
/** The reviewer's case: 50 documents, five million calls a month, a day of lag; nothing to train on and no budget to retrain. */
const CASE: Assessment = { changeFrequency: "annually", maxLagDays: 1, needsStyleOrFormat: false, corpusDocuments: 50, labeledExamples: 0, monthlyCalls: 5_000_000, sensitiveDataOutOfTraining: false, retrainingBudget: false, transformationAtVolume: false, learnsFromFeedback: false, promptedBaselineMeetsBar: "no", evaluationSetExists: true };

function panel(a: Assessment) {
  const s = scoreUseCase(a, { skipSensitivity: true });
  const p = projectCosts({ assessment: a, horizonYears: 3, startYear: 2027, assumptions: COMPLETE });
  const told = explainCosts({ ...p, inPlay: s.consensus ? { approach: s.consensus, chosen: false } : null });
  const curation = !!p.labour && (p.labour.examplesInHand ?? 0) < (p.labour.examplesNeeded.base ?? 0);
  return { s, told, note: heldTrainingNote(told.cheapest, s.consensus, untrainedBecause(a, s.evidence as "provisional" | "assessed"), curation) };
}

describe("a trained approach the cost panel names the cheapest, beside a recommendation that trains none", () => {
  it("says why the recommendation does not train it, and that its figures include curating the examples", () => {
    const { s, told, note } = panel(CASE);
    expect(s.consensus).toBe("RAG");
    expect(told.cheapest).toBe("HYBRID");
    expect(told.savings).toMatch(/^Hybrid is the cheapest approach that meets the 1-day lag: against RAG \(the recommendation\) it saves/);
    expect(note).toBe(
      "Hybrid trains a model, and there are too few labeled examples and there is no budget for retraining, so the recommendation trains none for now. These figures price Hybrid (curating the labeled examples it still needs included) for when that changes.",
    );
  });

  it("says an untried prompted base model where that is what holds it, and nothing of curation where the examples are in hand", () => {
    const { note } = panel({ ...CASE, labeledExamples: 5_000, retrainingBudget: true, promptedBaselineMeetsBar: "untested" });
    expect(note).toBe("Hybrid trains a model, and no prompted base model has been tried yet, so the recommendation trains none for now. These figures price Hybrid for when that changes.");
  });

  it("says nothing where the cheapest trains no model, is the recommendation, or may be trained", () => {
    expect(heldTrainingNote("RAG", "PROMPTING", "there is no budget for retraining", false)).toBeNull();
    expect(heldTrainingNote("HYBRID", "HYBRID", "there is no budget for retraining", false)).toBeNull();
    expect(heldTrainingNote("FINE_TUNING", "RAG", "", true)).toBeNull();
    expect(heldTrainingNote("FINE_TUNING", null, "there is no budget for retraining", true)).toBeNull();
    expect(untrainedBecause({ ...CASE, labeledExamples: 5_000, retrainingBudget: true }, "assessed")).toBe("");
  });

  it("names the unknown prerequisites on a provisional score", () => {
    expect(untrainedBecause({ maxLagDays: 30, corpusDocuments: 10 }, "provisional")).toBe(
      "how many labeled examples there are, whether a prompted base model meets the bar and whether there is budget for retraining are not yet known",
    );
  });
});

describe("the savings sentence's grammar", () => {
  it("says two approaches that meet the lag, one that meets it", () => {
    const { told } = panel({ changeFrequency: "daily", maxLagDays: 7, coreNeed: "both", needsCitations: false, fitsContextWindow: false, labeledExamples: 100, latencySensitive: false, monthlyCalls: 5_000_000, sensitiveDataOutOfTraining: true, retrainingBudget: false, expertiseDocumented: false, needsToolUse: false, learnsFromFeedback: false, promptedBaselineMeetsBar: "yes" });
    // It read "the two cheapest approaches that meets the 7-day lag".
    expect(told.savings).toMatch(/^Hybrid and Prompting only, the two cheapest approaches that meet the 7-day lag, cost about the same: /);
  });
});
