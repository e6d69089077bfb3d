/**
 * One framework run on one assessment (lib/domain/frameworks/evaluate.ts), on a framework made by
 * hand so each rule's part is plain: abstentions, fired rules, fits, the recommendation, the
 * missing answers.
 */
import { describe, expect, it } from "vitest";
import { runFramework } from "./evaluate";
import type { Framework, Rule } from "./types";

const cite = { file: "000_2a5380ca2875bd0d.txt", quote: "How often does your underlying information change?" };
const rule = (id: string, over: Partial<Rule>): Rule => ({ id, text: `Rule ${id}.`, when: { always: true }, effects: {}, cite, ...over });

const framework = (rules: Rule[], over: Partial<Framework> = {}): Framework => ({
  id: "hand", title: "By hand", source: cite.file, version: "9.9.9", summary: "A framework made for the test.",
  scope: ["RAG", "FINE_TUNING", "PROMPTING"], abstain: [{ when: { answer: "needsToolUse", in: [true] }, reason: "Tool use is outside this source.", short: "tool use is outside their source" }],
  rules, ...over,
});

describe("a framework's run", () => {
  it("recommends the approach with the highest fit, fits clamped to 0–100 and only for its scope", () => {
    const fw = framework([
      rule("weekly", { when: { answer: "changeFrequency", in: ["weekly"] }, effects: { RAG: 80, FINE_TUNING: -30, AGENT: 90 } }),
      rule("labels", { when: { answer: "labeledExamples", gte: 1000 }, effects: { FINE_TUNING: 50, RAG: 40 } }),
    ]);
    const r = runFramework(fw, { changeFrequency: "weekly", labeledExamples: 5000 });
    expect(r).toMatchObject({ frameworkId: "hand", title: "By hand", version: "9.9.9", abstained: false, recommendation: "RAG" });
    expect(r.fit).toMatchObject({ RAG: 100, FINE_TUNING: 20, PROMPTING: 0, AGENT: 0 });
    expect(r.trace.map((t) => t.ruleId)).toEqual(["weekly", "labels"]);
  });
  it("a rule that fires but gives no approach a positive fit leaves the framework without a recommendation", () => {
    const fw = framework([rule("against", { when: { answer: "coreNeed", in: ["neither"] }, effects: { FINE_TUNING: -20 } })]);
    const r = runFramework(fw, { coreNeed: "neither" });
    expect(r.trace.map((t) => t.ruleId)).toEqual(["against"]);
    expect(r.recommendation).toBeNull();
  });
  it("stops at a rule that ends the tree", () => {
    const fw = framework([rule("first", { when: { answer: "coreNeed", in: ["neither"] }, effects: { PROMPTING: 10 }, stop: true }), rule("second", { effects: { RAG: 90 } })]);
    expect(runFramework(fw, { coreNeed: "neither" })).toMatchObject({ recommendation: "PROMPTING", trace: [expect.objectContaining({ ruleId: "first" })] });
  });
  it("does not vote on its unconditional rules alone, whatever is answered (since judgement 2.12)", () => {
    const fw = framework([
      rule("default", { effects: { RAG: 20 } }),
      rule("neither", { when: { answer: "coreNeed", in: ["neither"] }, effects: { PROMPTING: 60 }, stop: true }),
    ]);
    // Nothing it asks is answered: "Start with RAG, almost always" fires, but reads nothing of the case.
    const blank = runFramework(fw, { promptedBaselineMeetsBar: "yes" });
    expect(blank).toMatchObject({ recommendation: null, unanswered: true, fit: expect.objectContaining({ RAG: 20 }) });
    expect(blank.trace.map((t) => t.ruleId)).toEqual(["default"]);
    // One of its questions answered, but no rule on it fires: still only the default, still no vote.
    const read = runFramework(fw, { coreNeed: "retrieval" });
    expect(read).toMatchObject({ recommendation: null, fit: expect.objectContaining({ RAG: 20 }) });
    expect(read.unanswered).toBeUndefined();
    // A rule that reads the answer but only speaks against an approach: still no vote.
    const against = framework([rule("default", { effects: { RAG: 20 } }), rule("few-labels", { when: { answer: "labeledExamples", lt: 200 }, effects: { FINE_TUNING: -30 } })]);
    expect(runFramework(against, { labeledExamples: 50 })).toMatchObject({ recommendation: null, fit: expect.objectContaining({ RAG: 20 }) });
    // A rule that reads the answer fires: a vote, with the default's points counted too.
    expect(runFramework(fw, { coreNeed: "neither" })).toMatchObject({ recommendation: "PROMPTING", fit: expect.objectContaining({ PROMPTING: 60, RAG: 20 }) });
  });
  it("abstains, with its reason, when the case is outside its source", () => {
    const r = runFramework(framework([rule("any", { effects: { RAG: 50 } })]), { needsToolUse: true });
    expect(r).toMatchObject({ abstained: true, abstainReason: "Tool use is outside this source.", abstainShort: "tool use is outside their source", recommendation: null, trace: [], missing: [] });
  });
  it("lists the answers its rules wanted and did not have, sorted; a lean run for re-scoring lists none", () => {
    const fw = framework([
      rule("lag", { when: { answer: "maxLagDays", lt: 30 }, effects: { RAG: 10 } }),
      rule("labels", { when: { answer: "labeledExamples", gte: 1000 }, effects: { FINE_TUNING: 10 } }),
    ]);
    expect(runFramework(fw, {}).missing).toEqual(["labeledExamples", "maxLagDays", "needsToolUse"]);
    expect(runFramework(fw, {}, true).missing).toEqual([]);
  });
});
