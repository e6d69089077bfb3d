/**
 * Judgement 2.15 and cost engine 2.17, a skeptical review's finding: a reasoning task with no
 * documents, whose prompted base model had fallen short, read "RAG is the cheapest approach that can
 * serve it: against Fine-tuning (the recommendation) it saves 65.7%". With nothing to retrieve, RAG
 * is a prompted base model with an empty index, and the hybrid fine-tuning with one
 * (./evidence.ts, retrievesNothing; the "empty-index" reason).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FINE_TUNING_CASE } from "../../../tests/helpers/answers";
import { assessmentArb } from "../../../tests/helpers/assessment-arbitrary";
import type { Approach, Assessment } from "../assessment";
import { DEFAULT_ASSUMPTIONS } from "../costing/assumptions";
import { explainCosts } from "../costing/explain";
import { cannotServe, whyCannotServe } from "../costing/feasibility";
import { projectCosts } from "../costing/project";
import { retrievesNothing } from "./evidence";
import { scoreUseCase } from "./score";
import { cannotRecommend } from "./serves";

const COMPLETE = {
  ...DEFAULT_ASSUMPTIONS,
  values: { ...DEFAULT_ASSUMPTIONS.values, modelInputPricePerMTokens: { low: 2, base: 3, high: 5 }, modelOutputPricePerMTokens: { low: 8, base: 15, high: 20 }, maintenanceHoursPerWeek: { low: 2, base: 4, high: 8 } },
};
/** The review's case: 002's classification task, no style to keep, 18,000 calls a month; no documents, expertise not documented, the prompted model tried and short. */
const NO_DOCUMENTS: Assessment = { ...FINE_TUNING_CASE, needsStyleOrFormat: false, monthlyCalls: 18_000 };
const panel = (a: Assessment, inPlay: Approach | null = scoreUseCase(a, { skipSensitivity: true }).consensus) => {
  const p = projectCosts({ assessment: a, horizonYears: 3, startYear: 2027, assumptions: COMPLETE });
  return { p, told: explainCosts({ ...p, inPlay: inPlay ? { approach: inPlay, chosen: false } : null }) };
};
const EMPTY = "has nothing to retrieve (the assessment gives a corpus of 0 documents and expertise that cannot be documented)";

describe("RAG and the hybrid with nothing to retrieve", () => {
  it("are never the cost panel's saving: each is named with the answers that say so", () => {
    expect(retrievesNothing(NO_DOCUMENTS)).toBe(true);
    const { p, told } = panel(NO_DOCUMENTS);
    expect(p.approaches.RAG).toMatchObject({ emptyIndex: true });
    expect(p.approaches.HYBRID).toMatchObject({ emptyIndex: true });
    expect(p.approaches.FINE_TUNING?.emptyIndex).toBeUndefined();
    // 2.16: "RAG is the cheapest approach that can serve it …: against Fine-tuning (the recommendation) it saves 65.7%".
    expect(told.cheapest).toBe("FINE_TUNING");
    expect(told.savings).toBeNull();
    expect(told.infeasible).toEqual([
      `RAG ${EMPTY}: it would be a prompted base model with an empty index, which is Prompting only, so it is never offered as a saving.`,
      `Hybrid ${EMPTY}: it would be fine-tuning with an empty index, which is Fine-tuning: its retrieval would keep nothing current, so it is never offered as a saving.`,
      "Prompting only falls short of the bar: a prompted base model was tried and does not meet it, so it is never offered as a saving.",
    ]);
    // The lifecycle table's line under each.
    expect(whyCannotServe(p.approaches.RAG!, p.maxLagDays)[0]?.text).toBe("has nothing to retrieve (an empty index)");
    expect(whyCannotServe(p.approaches.HYBRID!, p.maxLagDays)[0]?.kind).toBe("empty-index");
  });

  it("a hybrid priced as if retrieval kept its facts current is not offered against fine-tuning", () => {
    // Monthly changes at 2 million calls: 2.16 read "Hybrid … against Fine-tuning (the recommendation) it saves 23.3%".
    const { told } = panel({ ...FINE_TUNING_CASE, changeFrequency: "monthly", needsStyleOrFormat: false });
    expect(told.cheapest).toBe("FINE_TUNING");
    expect(told.savings).toBeNull();
    expect(told.premium).toBeNull();
  });

  it("are not what would change the recommendation; answers that give them something to retrieve are", () => {
    const s = scoreUseCase(NO_DOCUMENTS);
    expect(s.consensus).toBe("FINE_TUNING");
    // 2.14 said "If no more than 20 days of lag were acceptable (now 60 days), the recommendation would be RAG",
    // and "If a prompted base model met the bar …, RAG".
    expect(s.sensitivity!.changes.filter((c) => c.newConsensus === "RAG").map((c) => c.answer).sort()).toEqual(["coreNeed", "needsCitations"]);
    expect(s.sensitivity!.changes.find((c) => c.answer === "promptedBaselineMeetsBar")?.newConsensus).toBe("PROMPTING");
  });

  it("are held back where the frameworks pick them, with the answers that rule them out", () => {
    // Weekly changes, 3 days of lag, nothing to retrieve or to train on: four of four frameworks pick RAG.
    const a: Assessment = { changeFrequency: "weekly", maxLagDays: 3, corpusDocuments: 0, expertiseDocumented: false, labeledExamples: 0, retrainingBudget: false, promptedBaselineMeetsBar: "no", needsToolUse: false, learnsFromFeedback: false };
    const s = scoreUseCase(a, { skipSensitivity: true });
    expect(s.consensus).toBeNull();
    expect(s.heldBack).toMatchObject({ approach: "RAG", reason: "empty-index", votes: 4, voters: 4, cite: { file: "000_2a5380ca2875bd0d.txt" } });
    expect(s.heldBack!.sentence).toBe(
      `RAG, which 4 of 4 voting frameworks pick, ${EMPTY}: it would be a prompted base model with an empty index, which is Prompting only, which was tried and falls short of the bar. RAG is also the sources' default starting approach, and nothing else they pick serves it without training a model, so there is no recommendation.`,
    );
    // Where the prompted model meets the bar, prompting is recommended in RAG's place.
    const yes = scoreUseCase({ changeFrequency: "daily", maxLagDays: 1, coreNeed: "reasoning", corpusDocuments: 0, expertiseDocumented: false, promptedBaselineMeetsBar: "yes", labeledExamples: 0, retrainingBudget: false, needsStyleOrFormat: false, needsCitations: false }, { skipSensitivity: true });
    expect(yes).toMatchObject({ evidence: "assessed", consensus: "PROMPTING", heldBack: { approach: "RAG", reason: "empty-index", votes: 3, voters: 5 } });
    expect(yes.heldBack!.sentence).toMatch(/\. The recommendation is the next approach they pick that can, Prompting only \(1 of 5\)\.$/);
  });

  it("are flagged where the organization chooses them", () => {
    const s = scoreUseCase(FINE_TUNING_CASE, { chosenApproach: "HYBRID", skipSensitivity: true });
    expect(s.flags.find((f) => f.code === "NOTHING_TO_RETRIEVE")?.reason).toBe(
      "The chosen approach is a hybrid, but there is nothing to retrieve (the assessment gives a corpus of 0 documents and expertise that cannot be documented): its index would be empty, so it answers as fine-tuning does, and the cost panel never offers it as a saving.",
    );
    expect(scoreUseCase({ ...FINE_TUNING_CASE, corpusDocuments: 10 }, { chosenApproach: "HYBRID", skipSensitivity: true }).flags.map((f) => f.code)).not.toContain("NOTHING_TO_RETRIEVE");
  });

  it("stand as before where there is something to retrieve, or the answers do not say there is nothing", () => {
    for (const a of [
      { ...NO_DOCUMENTS, corpusDocuments: 500 },
      { ...NO_DOCUMENTS, expertiseDocumented: true },
      { ...NO_DOCUMENTS, needsCitations: true },
      { ...NO_DOCUMENTS, coreNeed: "both" as const },
      { ...NO_DOCUMENTS, corpusDocuments: undefined },
      { ...NO_DOCUMENTS, expertiseDocumented: undefined },
    ]) {
      expect(retrievesNothing(a), JSON.stringify(a)).toBe(false);
      expect(cannotServe(panel(a).p.approaches.RAG!, a.maxLagDays), JSON.stringify(a)).toBeNull();
    }
    expect(panel({ ...NO_DOCUMENTS, corpusDocuments: 500 }).told.cheapest).toBe("RAG");
  });

  it("holds across answers: the recommendation, the flags and the cost panel agree, and none offers them", () => {
    fc.assert(
      fc.property(assessmentArb, (a) => {
        const nothing = retrievesNothing(a);
        const { p, told } = panel(a, null);
        for (const ap of ["RAG", "HYBRID"] as const) {
          if (p.approaches[ap]) expect(p.approaches[ap]!.emptyIndex === true, JSON.stringify(a)).toBe(nothing);
          expect(cannotRecommend(ap, a, 21) !== null || !nothing, JSON.stringify(a)).toBe(true);
        }
        if (!nothing) return;
        expect(["RAG", "HYBRID"]).not.toContain(told.cheapest);
        expect(["RAG", "HYBRID"]).not.toContain(scoreUseCase(a, { skipSensitivity: true }).consensus);
      }),
      { numRuns: 1500 },
    );
  });
});
