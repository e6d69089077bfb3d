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
    const change = scoreUseCase({ labeledExamples: 50_000, coreNeed: "retrieval", promptedBaselineMeetsBar: "yes" }).sensitivity!.changes.find((c) => c.answer === "labeledExamples")!;
    expect(change).toMatchObject({ answer: "labeledExamples", to: 199, newConsensus: "RAG" });
    expect(change.because).toEqual({ framework: "Ordered decision tree", rule: "No labeled data to speak of: RAG is lower-barrier to start.", cite: { file: "001_882c99e1fd832846.txt", quote: "No → RAG is lower-barrier to start" } });
    const retrieval = scoreUseCase({ coreNeed: "neither" }).sensitivity!.changes.find((c) => c.to === "retrieval")!;
    expect(retrieval.because).toMatchObject({ framework: "Three questions", rule: "The need is accurate retrieval: use RAG." });
  });

  it("names the framework whose vote the change turns, by a rule that speaks for the new recommendation above all, never one that already picked it", () => {
    // The demo's sales call compliance review: a style to keep turns it to Hybrid. Three questions picked Hybrid
    // already, and its newly fired rule favours fine-tuning; Start with RAG turns from RAG to Hybrid.
    const a = {
      changeFrequency: "quarterly", maxLagDays: 30, coreNeed: "both", needsStyleOrFormat: false, needsCitations: true, fitsContextWindow: false, corpusDocuments: 600, labeledExamples: 6_000,
      latencySensitive: false, monthlyCalls: 60_000, yearlyGrowthPct: 10, sensitiveDataOutOfTraining: true, retrainingBudget: true, expertiseDocumented: true, needsToolUse: false,
      transformationAtVolume: false, learnsFromFeedback: false, promptedBaselineMeetsBar: "no", evaluationSetExists: true, weeksToProduction: 12,
    } as const;
    const change = scoreUseCase(a).sensitivity!.changes.find((c) => c.answer === "needsStyleOrFormat")!;
    expect(change.newConsensus).toBe("HYBRID");
    expect(change.because).toMatchObject({ framework: "Start with RAG", rule: "An updating corpus and a style to keep: hybrid." });
    // A framework the organization turned off is never the reason.
    const off = scoreUseCase(a, { weights: { "start-with-rag": 0 } }).sensitivity!.changes.find((c) => c.answer === "needsStyleOrFormat");
    expect(off?.because?.framework).not.toBe("Start with RAG");
  });

  it("names none where no framework's rule turns it: the sources' default start, or a hold", () => {
    // Answers that need not cite leave nothing to retrieve: on provisional evidence the sources'
    // default start for that, prompting, which no rule of a framework decides (judgement 2.14).
    const cite = scoreUseCase({ maxLagDays: 1, needsCitations: true }).sensitivity!.changes.find((c) => c.answer === "needsCitations")!;
    expect(cite).toMatchObject({ to: false, newConsensus: "PROMPTING" });
    expect(cite.because).toBeUndefined();
  });

  it("only ever names a rule that the change newly fires, reading the changed answer and speaking for the new recommendation above all, in a framework that counts and would pick it", () => {
    const ids = FRAMEWORKS.map((f) => f.id);
    fc.assert(
      fc.property(assessmentArb, fc.constantFrom(...ids, null), (a, off) => {
        const weights = off ? { [off]: 0 } : {};
        const now = scoreUseCase(a, { weights, skipSensitivity: true });
        for (const c of scoreUseCase(a, { weights }).sensitivity?.changes ?? []) {
          if (!c.because) continue;
          const fw = FRAMEWORKS.find((f) => f.title === c.because!.framework)!;
          expect(fw.id, "a framework turned off is never the reason").not.toBe(off);
          const rule = fw.rules.find((r) => r.text === c.because!.rule)!;
          expect(answersOf(rule.when).has(c.answer), `${rule.id} reads ${c.answer}`).toBe(true);
          const mine = rule.effects[c.newConsensus!] ?? 0;
          expect(mine).toBeGreaterThan(0);
          expect(Object.values(rule.effects).every((e) => (e ?? 0) <= mine), `${rule.id} speaks for ${c.newConsensus} above all`).toBe(true);
          expect(now.frameworks.find((f) => f.frameworkId === fw.id)!.trace.some((t) => t.ruleId === rule.id), `${rule.id} fired before the change`).toBe(false);
          const turned = scoreUseCase({ ...a, [c.answer]: c.to }, { weights, skipSensitivity: true });
          expect(turned.frameworks.find((f) => f.frameworkId === fw.id)!.recommendation).toBe(c.newConsensus);
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
