/**
 * "What would change it" says why: each change of an answer that would turn the recommendation
 * comes with the rule that would read that answer and speak for the new recommendation, in a
 * framework that would then pick it ("If there were 199 labeled examples, the recommendation would
 * be RAG" read as nonsense without "No labeled data to speak of: RAG is lower-barrier to start").
 * And where no unanswered question would move a provisional recommendation, "What would change
 * it" no longer names one that keeps it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessmentArb } from "../../../tests/helpers/assessment-arbitrary";
import { answersOf } from "./conditions";
import { FRAMEWORKS } from "./registry";
import { scoreUseCase } from "./score";

describe("why an answer would turn it", () => {
  it("names the rule that would read the changed answer and speak for the new recommendation, with its framework and source", () => {
    // "Fewer examples, so RAG" reads as nonsense without the sources' reason.
    const change = scoreUseCase({ labeledExamples: 50_000 }).sensitivity!.changes[0]!;
    expect(change).toMatchObject({ answer: "labeledExamples", to: 199, newConsensus: "RAG" });
    expect(change.because).toEqual({ framework: "Ordered decision tree", rule: "No labeled data to speak of: RAG is lower-barrier to start.", cite: { file: "001_882c99e1fd832846.txt", quote: "No → RAG is lower-barrier to start" } });
    const retrieval = scoreUseCase({ coreNeed: "neither" }).sensitivity!.changes.find((c) => c.to === "retrieval")!;
    expect(retrieval.because).toMatchObject({ framework: "Three questions", rule: "The need is accurate retrieval: use RAG." });
  });

  it("names none where no framework's rule turns it: the sources' default start, or a hold", () => {
    // A 7-day lag leaves no framework voting: the default start, which no rule of a framework decides.
    const lag = scoreUseCase({ maxLagDays: 1 }).sensitivity!.changes.find((c) => c.to === 7)!;
    expect(lag.newConsensus).toBe("PROMPTING");
    expect(lag.because).toBeUndefined();
  });

  it("only ever names a rule that reads the changed answer and speaks for the new recommendation, in a framework that would pick it", () => {
    fc.assert(
      fc.property(assessmentArb, (a) => {
        for (const c of scoreUseCase(a).sensitivity?.changes ?? []) {
          if (!c.because) continue;
          const fw = FRAMEWORKS.find((f) => f.title === c.because!.framework)!;
          const rule = fw.rules.find((r) => r.text === c.because!.rule)!;
          expect(answersOf(rule.when).has(c.answer), `${rule.id} reads ${c.answer}`).toBe(true);
          expect(rule.effects[c.newConsensus!] ?? 0).toBeGreaterThan(0);
          const turned = scoreUseCase({ ...a, [c.answer]: c.to });
          expect(turned.frameworks.find((f) => f.title === fw.title)!.recommendation).toBe(c.newConsensus);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("what would change a provisional recommendation that no unanswered question moves", () => {
  it("says none would and which question to answer first, never 'What would change it: answer …, which keeps it'", () => {
    // The demo's regulatory change monitor: daily changes, retrieval, citations. Every unanswered question keeps RAG.
    const s = scoreUseCase({ changeFrequency: "daily", coreNeed: "retrieval", needsCitations: true });
    expect(s).toMatchObject({ consensus: "RAG", evidence: "provisional" });
    expect(s.sensitivity!.sentence).toBe("No single answer changes it: each unanswered deciding question keeps RAG. Answering them makes it assessed, “longest acceptable lag (days)” first.");
  });

  it("says an answer already given that would change it, where there is one", () => {
    // A tool-using agent, every deciding question but the style and the prompted baseline answered: neither would move it.
    const a = { changeFrequency: "quarterly", maxLagDays: 365, coreNeed: "neither", needsCitations: true, fitsContextWindow: false, corpusDocuments: 50, labeledExamples: 100, latencySensitive: true, monthlyCalls: 0, sensitiveDataOutOfTraining: true, retrainingBudget: false, expertiseDocumented: false, needsToolUse: true, transformationAtVolume: true, learnsFromFeedback: true, evaluationSetExists: true, weeksToProduction: 2 } as const;
    const s = scoreUseCase(a, { chosenApproach: "FEEDBACK_LEARNING" });
    expect(s.evidence).toBe("provisional");
    expect(s.sensitivity!.unanswered.every((q) => q.changesIt === false)).toBe(true);
    expect(s.sensitivity!.sentence).toBe("If “needs tool use (computation, code, queries, APIs)” were no (now yes), the recommendation would be Structured pipeline.");
  });
});
