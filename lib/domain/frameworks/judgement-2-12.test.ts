/**
 * Judgement 2.12, a finding of a skeptical review of six archetypal use cases: a framework none of
 * whose own questions is answered does not vote, though an unconditional rule of it fires ("Start
 * with RAG, almost always"). Two such "votes" outvoted the one framework that read a given answer.
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
    expect(s.agreementText).toContain("abstained (none of their questions is answered yet)");
    expect(s.agreementText).not.toMatch(/^2 of 3/);
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

  it("no framework votes while none of its own questions is answered, whatever the rest of the answers", () => {
    fc.assert(
      fc.property(assessmentArb, (a) => {
        for (const f of scoreUseCase(a, { skipSensitivity: true }).frameworks) {
          if (f.recommendation === null) continue;
          const asked = [...questionsOf(f.frameworkId)];
          expect(asked.some((k) => (a as Record<string, unknown>)[k] !== undefined), `${f.frameworkId} voted ${f.recommendation} on ${JSON.stringify(a)}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
