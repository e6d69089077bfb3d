import { describe, expect, it } from "vitest";
import { DEFAULT_ASSUMPTIONS } from "./assumptions";
import { assumedAnswers, assumedAnswersSentence } from "./assumed";
import { projectCosts } from "./project";
import type { Assessment } from "../assessment";

const base = (assessment: Assessment) => projectCosts({ assessment, horizonYears: 5, startYear: 2027, assumptions: DEFAULT_ASSUMPTIONS });
const lifecycle = (a: Assessment, ap: "RAG" | "FINE_TUNING" | "HYBRID") => base(a).approaches[ap]!.lifecycle;

describe("answers the projection stands in for (review-usecase)", () => {
  // An imported row with two answers: provisional, yet every total complete.
  const twoAnswers: Assessment = { changeFrequency: "weekly", monthlyCalls: 30_000 };

  it("the stand-ins are real: the totals read complete while the answers move them", () => {
    const p = base(twoAnswers);
    expect(p.approaches.RAG!.lifecycle.complete).toBe(true);
    expect(p.approaches.FINE_TUNING!.lifecycle.complete).toBe(true);
    // Unanswered is none in hand: every example fine-tuning needs is curated; 5,000 ready ones cost less.
    expect(lifecycle({ ...twoAnswers, labeledExamples: 5_000 }, "FINE_TUNING").base).toBeLessThan(p.approaches.FINE_TUNING!.lifecycle.base);
    expect(lifecycle({ ...twoAnswers, labeledExamples: 0 }, "FINE_TUNING").base).toBe(p.approaches.FINE_TUNING!.lifecycle.base);
    expect(lifecycle({ ...twoAnswers, corpusDocuments: 10_000_000 }, "RAG").base).toBeGreaterThan(p.approaches.RAG!.lifecycle.base);
    // As the sentence says: a corpus small enough for pgvector costs less than the stand-in.
    expect(lifecycle({ ...twoAnswers, corpusDocuments: 20_000 }, "RAG").base).toBeLessThan(p.approaches.RAG!.lifecycle.base);
    expect(lifecycle({ ...twoAnswers, yearlyGrowthPct: 50 }, "RAG").base).toBeGreaterThan(p.approaches.RAG!.lifecycle.base);
    expect(lifecycle({ ...twoAnswers, yearlyGrowthPct: 0 }, "RAG").base).toBe(p.approaches.RAG!.lifecycle.base);
    // Unanswered, the budget for retraining is taken as there: a "no" prices no cycle, a "yes" the same as unanswered.
    expect(lifecycle({ ...twoAnswers, retrainingBudget: false }, "FINE_TUNING").base).toBeLessThan(p.approaches.FINE_TUNING!.lifecycle.base);
    expect(lifecycle({ ...twoAnswers, retrainingBudget: true }, "FINE_TUNING").base).toBe(p.approaches.FINE_TUNING!.lifecycle.base);
    expect(lifecycle({ ...twoAnswers, retrainingBudget: true }, "HYBRID").base).toBe(p.approaches.HYBRID!.lifecycle.base);
  });

  it("names each stand-in, and none once answered", () => {
    expect(assumedAnswers(twoAnswers).map((x) => x.answer)).toEqual(["corpusDocuments", "labeledExamples", "retrainingBudget", "yearlyGrowthPct"]);
    expect(assumedAnswersSentence(twoAnswers)).toBe(
      "Assumed, not answered: corpus size (retrieval is priced as a managed vector database, with nothing for embedding the corpus; a corpus small enough for pgvector in the database already running would cost less); labeled examples (none is taken as in hand: curation is priced for all the examples fine-tuning needs; its training compute as for at least 5,000 examples, 002's reference set, so a smaller set is not priced lower); budget for retraining (taken as there: fine-tuning is priced retraining as the knowledge changes, within the acceptable lag, and the hybrid at most once a year; without one each would be trained once and left, and fine-tuning would go stale); yearly growth (the monthly calls are held flat over the horizon). The totals stand on these assumptions, not on this use case's own answers: answer them to replace them.",
    );
    expect(assumedAnswersSentence({ ...twoAnswers, corpusDocuments: 100, labeledExamples: 300, yearlyGrowthPct: 0, retrainingBudget: false })).toBeNull();
    // Knowledge that never changes is never retrained, budget or not: nothing is assumed.
    expect(assumedAnswers({ ...twoAnswers, changeFrequency: "static" }).map((x) => x.answer)).not.toContain("retrainingBudget");
    expect(assumedAnswersSentence({ ...twoAnswers, corpusDocuments: 100, labeledExamples: 300, retrainingBudget: true })).toBe(
      "Assumed, not answered: yearly growth (the monthly calls are held flat over the horizon). The totals stand on this assumption, not on this use case's own answer: answer it to replace it.",
    );
    // Growth matters only with a volume; without one, inference is missing and said so already.
    expect(assumedAnswers({ corpusDocuments: 1, labeledExamples: 1 })).toEqual([]);
  });
});
