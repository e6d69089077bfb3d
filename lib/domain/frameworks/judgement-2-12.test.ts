/**
 * Judgement 2.12, findings of two skeptical reviews: a framework votes only on a rule that read an
 * answer, never on its unconditional rule alone ("Start with RAG, almost always"). Two such
 * "votes" outvoted the one framework that read a given answer, and put RAG where nothing is
 * retrieved; the seeds' default start, which the recommendation falls back to when nobody votes,
 * asks first whether there is knowledge to retrieve.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessmentArb } from "../../../tests/helpers/assessment-arbitrary";
import type { Assessment } from "../assessment";
import { answersOf } from "./conditions";
import { FRAMEWORKS } from "./registry";
import { scoreUseCase } from "./score";

/** The review's "Email summaries": a prompted base model already meets the bar; nothing else said but the volume. */
const EMAIL_SUMMARIES: Assessment = { promptedBaselineMeetsBar: "yes", monthlyCalls: 10_000 };

const questionsOf = (id: string) => {
  const fw = FRAMEWORKS.find((f) => f.id === id)!;
  const keys = new Set<string>();
  for (const r of fw.rules) answersOf(r.when, keys as Set<never>);
  return keys;
};

describe("judgement 2.12: no vote without an answer", () => {
  it("a prompted base model that already meets the bar is not outvoted by defaults that read nothing", () => {
    const s = scoreUseCase(EMAIL_SUMMARIES);
    // Was RAG, "2 of 3 voting agree", from "Start with RAG, almost always" and "RAG is the recommended starting point".
    expect(s.consensus).toBe("PROMPTING");
    const when = s.frameworks.find((f) => f.frameworkId === "when-to-use")!;
    expect(when).toMatchObject({ recommendation: null, unanswered: true });
    expect(when.trace.map((t) => t.ruleId)).toEqual(["default-rag"]);
    expect(s.agreementText).toBe("1 of 1 voting agree; 4 abstained (3: none of their questions is answered yet; 1: nothing they weigh points to an approach)");
  });

  it("where some deciding answer is given but no framework reads it, the recommendation is the sources' default start", () => {
    // Only the retraining budget: no framework's rules read it, so none votes.
    const s = scoreUseCase({ retrainingBudget: true });
    expect(s.frameworks.every((f) => f.recommendation === null)).toBe(true);
    expect(s).toMatchObject({ evidence: "provisional", consensus: "PROMPTING", basis: "default-start" });
    // With knowledge to retrieve, the default start is RAG.
    expect(scoreUseCase({ retrainingBudget: true, needsCitations: true })).toMatchObject({ consensus: "RAG" });
    // Every framework turned off by the organization: nothing to recommend, as before.
    const off = Object.fromEntries(FRAMEWORKS.map((f) => [f.id, 0]));
    expect(scoreUseCase({ retrainingBudget: true }, { weights: off }).consensus).toBeNull();
  });

  it("no framework votes but on a rule that read an answer and speaks for an approach, and none is said to have no question answered where one is", () => {
    const unconditional = new Set(FRAMEWORKS.flatMap((fw) => fw.rules.filter((r) => "always" in r.when).map((r) => `${fw.id}/${r.id}`)));
    fc.assert(
      fc.property(assessmentArb, (a) => {
        for (const f of scoreUseCase(a, { skipSensitivity: true }).frameworks) {
          const asked = [...questionsOf(f.frameworkId)].some((k) => (a as Record<string, unknown>)[k] !== undefined);
          if (!f.abstained) expect(f.unanswered === true, `${f.frameworkId} on ${JSON.stringify(a)}`).toBe(!asked);
          if (f.recommendation === null) continue;
          const read = f.trace.some((t) => !unconditional.has(`${f.frameworkId}/${t.ruleId}`) && Object.values(t.effects).some((d) => (d ?? 0) > 0));
          expect(read, `${f.frameworkId} voted ${f.recommendation} on ${JSON.stringify(a)} with no rule that reads an answer`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("answers that fire none of a framework's rules do not make its default a vote: labeled examples alone, or a prompted base model that meets the bar with no core need", () => {
    // The review's 50,000 labeled examples alone was RAG, "2 of 3", both votes from defaults.
    expect(scoreUseCase({ labeledExamples: 50_000 })).toMatchObject({ consensus: "PROMPTING", basis: "default-start" });
    // Core need neither and a prompted base model that meets the bar: Prompting only, not RAG.
    const neither = scoreUseCase({ coreNeed: "neither", promptedBaselineMeetsBar: "yes" });
    expect(neither.consensus).toBe("PROMPTING");
    expect(neither.frameworks.filter((f) => f.recommendation === "RAG")).toEqual([]);
    // A rule that only speaks against fine-tuning ("too little curated data") makes no vote either:
    // with a prompted base model that meets the bar, the labeled examples were listed as an answer
    // that "could change the recommendation to RAG".
    const email = scoreUseCase(EMAIL_SUMMARIES);
    const labels = email.sensitivity!.unanswered.find((q) => q.answer === "labeledExamples")!;
    expect(labels.outcomes).not.toContain("RAG");
    expect(scoreUseCase({ ...EMAIL_SUMMARIES, labeledExamples: 50 }).consensus).toBe("PROMPTING");
  });
});
