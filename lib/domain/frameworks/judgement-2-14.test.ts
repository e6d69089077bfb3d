/**
 * Judgement 2.14, a skeptical review's finding: a provisional score kept the frameworks' RAG where
 * no answer says there is anything to retrieve, so an answer that has nothing to do with retrieval
 * (199 or 200 labeled examples) swapped RAG and prompting. PRODUCT.md: provisional evidence gives
 * "the seeds' default start (RAG where there is knowledge to retrieve, else prompting)".
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessmentArb } from "../../../tests/helpers/assessment-arbitrary";
import type { Assessment } from "../assessment";
import { defaultStart, hasKnowledgeToRetrieve } from "./evidence";
import { scoreUseCase } from "./score";

/** The review's case: a style to keep, nothing to know, a budget for retraining; the baseline untried. */
const NOTHING_TO_RETRIEVE: Assessment = { coreNeed: "neither", needsStyleOrFormat: true, retrainingBudget: true, maxLagDays: 30, latencySensitive: false };

describe("judgement 2.14: no provisional RAG with nothing to retrieve", () => {
  it("recommends prompting whatever the labeled examples, the frameworks' RAG said as a lean with what the answers say", () => {
    for (const labeledExamples of [0, 199, 200, 50_000]) {
      const s = scoreUseCase({ ...NOTHING_TO_RETRIEVE, labeledExamples });
      expect(s.evidence, String(labeledExamples)).toBe("provisional");
      expect(s.consensus, String(labeledExamples)).toBe("PROMPTING");
      expect(s.basis).toBe("default-start");
    }
    // With 199 the frameworks lean to RAG (was the recommendation, "2 of 5 voting agree").
    const s = scoreUseCase({ ...NOTHING_TO_RETRIEVE, labeledExamples: 199 });
    expect(s.leaning).toMatchObject({ approach: "RAG", about: "knowledge", unknowns: ["needsCitations", "corpusDocuments", "expertiseDocumented"] });
    expect(s.leaning!.sentence).toBe(
      "The frameworks lean to RAG, but no answer says there is knowledge to retrieve (the core need is neither retrieval nor reasoning; “answers must cite sources”, “corpus size (documents)” and “domain expertise can be documented and retrieved” are unanswered). While the evidence is provisional, the recommendation is the sources' default start where there is nothing to retrieve, Prompting only.",
    );
    expect(s.agreementText).toMatch(/^Held back for now: 2 of 5 voting lean to RAG/);
    expect(s.basisCite?.file).toBe("003_cef81cc6bb37c5d4.txt");
    // "What would change it" does not offer the labeled examples as a way to RAG.
    expect(s.sensitivity!.changes.filter((c) => c.answer === "labeledExamples" && c.newConsensus === "RAG")).toEqual([]);
  });

  it("keeps RAG once an answer says there is knowledge to retrieve, and where a prompted base model fell short", () => {
    expect(scoreUseCase({ ...NOTHING_TO_RETRIEVE, labeledExamples: 199, corpusDocuments: 400 }).consensus).toBe("RAG");
    expect(scoreUseCase({ ...NOTHING_TO_RETRIEVE, labeledExamples: 199, needsCitations: true }).consensus).toBe("RAG");
    // 003: the cheaper option clearly failed, so the next step up.
    expect(scoreUseCase({ maxLagDays: 1, promptedBaselineMeetsBar: "no" }).consensus).toBe("RAG");
  });

  it("says a prompted base model already meets the bar where it does", () => {
    const s = scoreUseCase({ changeFrequency: "weekly", needsStyleOrFormat: false, labeledExamples: 0, promptedBaselineMeetsBar: "yes", retrainingBudget: false, maxLagDays: 365 });
    expect(s.consensus).toBe("PROMPTING");
    expect(s.leaning!.sentence).toMatch(/, Prompting only, as a prompted base model already meets the bar\.$/);
  });

  it("holds across answers: a provisional RAG the frameworks picked always has knowledge to retrieve, or prompting cannot serve", () => {
    fc.assert(
      fc.property(assessmentArb, (a) => {
        const s = scoreUseCase(a, { skipSensitivity: true });
        if (s.evidence !== "provisional" || s.consensus !== "RAG" || s.basis !== "frameworks" || s.heldBack || s.leaning) return;
        expect(hasKnowledgeToRetrieve(a) || defaultStart(a).approach === "RAG", JSON.stringify(a)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("judgement 2.14: answers that do not apply, and values tried, are not read as given", () => {
  /** A reviewer's case: static knowledge, nothing to retrieve, a prompted base model meets the bar, and a 1-day lag given. */
  const STATIC_WITH_LAG: Assessment = {
    sensitiveDataOutOfTraining: false, needsToolUse: false, transformationAtVolume: false, learnsFromFeedback: false, evaluationSetExists: true, yearlyGrowthPct: 10,
    changeFrequency: "static", coreNeed: "neither", needsStyleOrFormat: true, needsCitations: false, fitsContextWindow: true, corpusDocuments: 0, labeledExamples: 0,
    latencySensitive: false, monthlyCalls: 200_000, retrainingBudget: false, expertiseDocumented: false, promptedBaselineMeetsBar: "yes", weeksToProduction: 2, maxLagDays: 1,
  };

  it("a lag given for knowledge that never changes is not read: the recommendation is as without it", () => {
    const { maxLagDays: _lag, ...withoutLag } = STATIC_WITH_LAG;
    const s = scoreUseCase(STATIC_WITH_LAG);
    // Was RAG, 3 of 5, from "Less than a week of lag is acceptable: RAG is mandatory", over no documents.
    expect(s.consensus).toBe("PROMPTING");
    expect(s.consensus).toBe(scoreUseCase(withoutLag).consensus);
    expect(s.frameworks.flatMap((f) => f.trace.map((t) => t.text)).join(" ")).not.toContain("lag is acceptable");
    // Nor is it asked for by any framework.
    expect(s.frameworks.flatMap((f) => f.missing)).not.toContain("maxLagDays");
  });

  it("an unanswered question's sentence never gives a value it tried as the reason", () => {
    const s = scoreUseCase({ coreNeed: "reasoning", changeFrequency: "static", promptedBaselineMeetsBar: "no", needsStyleOrFormat: true });
    const labeled = s.sensitivity!.unanswered.find((q) => q.answer === "labeledExamples")!;
    // Was "… because there are only 199 labeled examples (at least 200 needed)", none having been given.
    expect(labeled.sentence).not.toMatch(/\d+ labeled examples/);
    expect(labeled.sentence).toBe("Answer “curated, labeled training examples”: whatever the answer, the frameworks would lean to Fine-tuning, but there stays no recommendation while “budget and ML engineers for ongoing retraining” is unanswered.");
    fc.assert(
      fc.property(assessmentArb, (a) => {
        for (const q of scoreUseCase(a).sensitivity?.unanswered ?? []) {
          if (q.answer === "labeledExamples") expect(q.sentence, JSON.stringify(a)).not.toMatch(/(only [\d,]+|no) labeled examples?/);
          if (q.answer === "maxLagDays") expect(q.sentence, JSON.stringify(a)).not.toMatch(/-day lag/);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("judgement 2.14: no trained model before a prompted base model is tried", () => {
  /** A reviewer's batch case: a house style, 500 labeled examples, the prompted baseline untested. */
  const UNTESTED: Assessment = {
    sensitiveDataOutOfTraining: false, needsToolUse: false, transformationAtVolume: false, learnsFromFeedback: false, evaluationSetExists: true, yearlyGrowthPct: 10,
    changeFrequency: "static", coreNeed: "neither", needsStyleOrFormat: true, needsCitations: false, fitsContextWindow: true, corpusDocuments: 0, labeledExamples: 500,
    latencySensitive: false, monthlyCalls: 1_000_000, retrainingBudget: false, expertiseDocumented: false, promptedBaselineMeetsBar: "untested", weeksToProduction: 10,
  };

  it("holds fine-tuning to the default start, says what would bring it, and raises no flag against its own recommendation", () => {
    const s = scoreUseCase(UNTESTED);
    // Was Fine-tuning, 4 of 5, beside FT_BEFORE_PROMPTED_BASELINE: "try that first, it may already be enough".
    expect(s).toMatchObject({ evidence: "assessed", consensus: "PROMPTING", basis: "default-start" });
    expect(s.leaning).toMatchObject({ approach: "FINE_TUNING", unknowns: ["promptedBaselineMeetsBar"] });
    expect(s.leaning!.sentence).toBe("The frameworks lean to Fine-tuning, which would be recommended once a prompted base model is tried and falls short.");
    expect(s.flags.map((f) => f.code)).not.toContain("FT_BEFORE_PROMPTED_BASELINE");
    expect(s.sensitivity!.sentence).toBe("If a prompted base model fell short (now untested), the recommendation would be Fine-tuning.");
    // Tried and short of the bar: fine-tuning.
    expect(scoreUseCase({ ...UNTESTED, promptedBaselineMeetsBar: "no" }).consensus).toBe("FINE_TUNING");
  });

  it("holds across answers: nothing recommended trains a model while the prompted baseline is untested", () => {
    fc.assert(
      fc.property(assessmentArb, (a) => {
        const s = scoreUseCase({ ...a, promptedBaselineMeetsBar: "untested" }, { skipSensitivity: true });
        expect(s.consensus === "FINE_TUNING" || s.consensus === "HYBRID", JSON.stringify(a)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
