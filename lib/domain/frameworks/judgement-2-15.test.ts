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

  it("are not what would change the recommendation", () => {
    const s = scoreUseCase(NO_DOCUMENTS);
    expect(s.consensus).toBe("FINE_TUNING");
    // 2.14 said "If no more than 20 days of lag were acceptable (now 60 days), the recommendation would be RAG",
    // "If a prompted base model met the bar …, RAG", and "If “answers must cite sources” were yes …, RAG".
    expect(s.sensitivity!.changes.filter((c) => c.newConsensus === "RAG" || c.newConsensus === "HYBRID")).toEqual([]);
    expect(s.sensitivity!.changes.find((c) => c.answer === "promptedBaselineMeetsBar")?.newConsensus).toBe("PROMPTING");
  });

  it("are held back where the frameworks pick them, with the answers that rule them out", () => {
    // Weekly changes, 3 days of lag, nothing to retrieve or to train on: four of four frameworks pick RAG.
    const a: Assessment = { changeFrequency: "weekly", maxLagDays: 3, corpusDocuments: 0, expertiseDocumented: false, labeledExamples: 0, retrainingBudget: false, promptedBaselineMeetsBar: "no", needsToolUse: false, learnsFromFeedback: false };
    const s = scoreUseCase(a, { skipSensitivity: true });
    expect(s.consensus).toBeNull();
    expect(s.heldBack).toMatchObject({ approach: "RAG", reason: "empty-index", votes: 4, voters: 4, cite: { file: "000_2a5380ca2875bd0d.txt" } });
    expect(s.heldBack!.sentence).toBe(
      `RAG, which 4 of 4 voting frameworks pick, ${EMPTY}: it would be a prompted base model with an empty index, which is Prompting only, and one was tried and falls short of the bar. RAG is also the sources' default starting approach, and nothing else they pick serves it without training a model, so there is no recommendation.`,
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
      { ...NO_DOCUMENTS, corpusDocuments: undefined },
      { ...NO_DOCUMENTS, expertiseDocumented: undefined },
    ]) {
      expect(retrievesNothing(a), JSON.stringify(a)).toBe(false);
      expect(cannotServe(panel(a).p.approaches.RAG!, a.maxLagDays), JSON.stringify(a)).toBeNull();
    }
    expect(panel({ ...NO_DOCUMENTS, corpusDocuments: 500 }).told.cheapest).toBe("RAG");
  });

  it("are not brought back by a need that has nothing to draw on: citations or a retrieval need over no documents", () => {
    // A second review: "Hybrid, 3 of 5" priced on an empty index because the answers must cite, beside the flag "there are no documents to cite".
    const cite: Assessment = { changeFrequency: "realtime", maxLagDays: 0, coreNeed: "reasoning", needsStyleOrFormat: true, labeledExamples: 5000, retrainingBudget: true, corpusDocuments: 0, expertiseDocumented: false, promptedBaselineMeetsBar: "no", monthlyCalls: 100_000, needsCitations: true };
    const s = scoreUseCase(cite);
    expect(s.consensus).toBeNull();
    expect(s.heldBack).toMatchObject({ approach: "HYBRID", reason: "empty-index" });
    expect(s.flags.find((f) => f.code === "CONTRADICTORY_ANSWERS")?.reason).toContain("Answers must cite their sources, but there are no documents to cite.");
    // What would change it: documented expertise, not the citations.
    expect(s.sensitivity!.changes.map((c) => c.answer)).toContain("expertiseDocumented");
    expect(scoreUseCase({ ...cite, needsCitations: false }, { skipSensitivity: true }).consensus).toBeNull();
    // A retrieval need over no documents, a prompted model at the bar: prompting, not RAG on an empty index.
    const retrieval: Assessment = { changeFrequency: "daily", maxLagDays: 7, coreNeed: "retrieval", needsCitations: false, fitsContextWindow: false, corpusDocuments: 0, labeledExamples: 0, monthlyCalls: 5_000_000, retrainingBudget: true, expertiseDocumented: false, promptedBaselineMeetsBar: "yes", evaluationSetExists: false };
    const r = scoreUseCase(retrieval, { skipSensitivity: true });
    expect(r).toMatchObject({ consensus: "PROMPTING", heldBack: { approach: "RAG", reason: "empty-index", votes: 4, voters: 5 } });
    expect(r.flags.find((f) => f.code === "CONTRADICTORY_ANSWERS")?.reason).toContain("The need is to retrieve information, but the corpus to retrieve it from has no documents.");
    expect(panel(retrieval).told.cheapest).toBe("PROMPTING");
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

describe("prompting and RAG tied on votes, and a deadline (second review)", () => {
  /** A reasoning task over 5,000 documents whose prompted base model meets the bar: two frameworks pick RAG, two prompting. */
  const TIED: Assessment = { changeFrequency: "annually", maxLagDays: 0, coreNeed: "reasoning", needsStyleOrFormat: true, needsCitations: true, fitsContextWindow: true, corpusDocuments: 5000, labeledExamples: 0, latencySensitive: false, monthlyCalls: 5_000_000, sensitiveDataOutOfTraining: false, retrainingBudget: true, needsToolUse: false, transformationAtVolume: false, learnsFromFeedback: false, promptedBaselineMeetsBar: "yes", evaluationSetExists: true, weeksToProduction: 40 };

  it("goes to prompting, the cheaper option that can serve (003), not to the voters' fit", () => {
    const s = scoreUseCase(TIED, { skipSensitivity: true });
    expect(s.evidence).toBe("assessed");
    expect(s.frameworks.filter((f) => f.recommendation === "RAG")).toHaveLength(2);
    expect(s.frameworks.filter((f) => f.recommendation === "PROMPTING")).toHaveLength(2);
    expect(s.consensus).toBe("PROMPTING");
    expect(s.agreementText).toBe(
      "2 of 5 voting agree, three differ; tied with RAG on votes; Prompting only comes first as the cheaper option that can serve it (003: “Start with the cheaper option. Add complexity when the cheaper option clearly fails.”)",
    );
    // Where the prompted model fell short, prompting cannot serve: the tie stays RAG's.
    expect(scoreUseCase({ ...TIED, promptedBaselineMeetsBar: "no" }, { skipSensitivity: true }).consensus).not.toBe("PROMPTING");
  });

  it("a deadline counts against training, not for RAG: frameworks that weigh RAG against fine-tuning do not vote RAG on a deadline alone", () => {
    // A review: with only prompting-leaning answers, a two-week deadline made two frameworks vote RAG (a heavier build than prompting).
    const a: Assessment = { changeFrequency: "quarterly", maxLagDays: 7, needsStyleOrFormat: false, needsCitations: false, fitsContextWindow: true, corpusDocuments: 50, labeledExamples: 100, latencySensitive: false, monthlyCalls: 0, sensitiveDataOutOfTraining: false, retrainingBudget: false, expertiseDocumented: true, needsToolUse: false, transformationAtVolume: false, learnsFromFeedback: false, promptedBaselineMeetsBar: "yes" };
    const soon = scoreUseCase({ ...a, weeksToProduction: 2 }, { skipSensitivity: true });
    const later = scoreUseCase({ ...a, weeksToProduction: 8 }, { skipSensitivity: true });
    expect(soon.consensus).toBe("PROMPTING");
    expect(soon.consensus).toBe(later.consensus);
    const votes = (s: ReturnType<typeof scoreUseCase>, id: string) => s.frameworks.find((f) => f.frameworkId === id)?.recommendation ?? null;
    for (const id of ["three-questions", "when-to-use"]) expect(votes(soon, id), id).toBe(votes(later, id));
  });
});

describe("what would change it, where a hold puts the recommendation there (second review)", () => {
  it("says the frameworks' pick and what holds it back, where no rule of theirs turns it", () => {
    // The worked case style-wanted-but-little-data: 200 labeled examples make every framework pick
    // fine-tuning, which waits on a prompted base model and a retraining budget, so the default start.
    const a: Assessment = { changeFrequency: "quarterly", maxLagDays: 60, coreNeed: "reasoning", needsStyleOrFormat: true, needsCitations: false, fitsContextWindow: true, corpusDocuments: 200, labeledExamples: 40, latencySensitive: false, monthlyCalls: 10_000, yearlyGrowthPct: 5, sensitiveDataOutOfTraining: false, retrainingBudget: false, expertiseDocumented: true, needsToolUse: false, transformationAtVolume: false, learnsFromFeedback: false, promptedBaselineMeetsBar: "untested", evaluationSetExists: false, weeksToProduction: 6 };
    const line = scoreUseCase(a).sensitivity!.changes.find((c) => c.answer === "labeledExamples");
    // It read "If there were 200 labeled examples (now 40), the recommendation would be RAG." with no reason.
    expect(line?.sentence).toBe("If there were 200 labeled examples (now 40), the recommendation would be RAG: the frameworks would pick Fine-tuning, held back because there is no budget or engineering for retraining.");
    expect(line?.because).toBeUndefined();
  });
});

