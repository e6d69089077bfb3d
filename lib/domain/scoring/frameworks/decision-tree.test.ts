/** 001's ordered decision tree: the order of its questions decides. */
import { describe, expect, it } from "vitest";
import type { Assessment } from "../../assessment";
import { evaluateFramework } from "../evaluate";
import { NEUTRAL } from "../test-support";
import { decisionTree } from "./decision-tree";

const run = (a: Assessment) => evaluateFramework(decisionTree, a);
const fired = (a: Assessment) => run(a).trace.map((t) => t.ruleId);

describe("decision tree (001)", () => {
  it("question 1, frequently updated data, decides before format/style (question 2)", () => {
    const a = { ...NEUTRAL, changeFrequency: "weekly", needsStyleOrFormat: true, labeledExamples: 0 } as const;
    expect(run(a).recommendation).toBe("RAG");
    expect(fired(a)).toEqual(["q1-frequently-updated"]);
  });

  it("question 1 with a behaviour need and labeled data: RAG plus fine-tuning, and nothing after", () => {
    const a = { ...NEUTRAL, changeFrequency: "daily", needsStyleOrFormat: true, labeledExamples: 5000 } as const;
    expect(run(a).recommendation).toBe("HYBRID");
    expect(fired(a)).toEqual(["q1-frequently-updated-and-behaviour"]);
  });

  it("question 2 comes before the context-window question and leads to the labeled-data check", () => {
    const a = { ...NEUTRAL, changeFrequency: "annually", needsStyleOrFormat: true, fitsContextWindow: true, labeledExamples: 500 } as const;
    expect(run(a).recommendation).toBe("FINE_TUNING");
    expect(fired(a)).toEqual(["q2-format-style-or-behaviour", "q4-labeled-data", "when-in-doubt-rag"]);
  });

  it("question 3: the answer fits a context window, so RAG, and question 4 is never asked", () => {
    const a: Assessment = { changeFrequency: "annually", needsStyleOrFormat: false, fitsContextWindow: true, needsToolUse: false, transformationAtVolume: false, learnsFromFeedback: false, promptedBaselineMeetsBar: "no" };
    const r = run(a);
    expect(r.recommendation).toBe("RAG");
    expect(r.trace.map((t) => t.ruleId)).toEqual(["q3-fits-context-window"]);
    expect(r.missing).not.toContain("labeledExamples");
  });

  it("question 3: too large for a context window, so multi-step retrieval, with a pipeline as the alternative", () => {
    const r = run({ ...NEUTRAL, changeFrequency: "static", needsStyleOrFormat: false, fitsContextWindow: false });
    expect(r.recommendation).toBe("RAG");
    expect(r.trace.map((t) => t.ruleId)).toEqual(["q3-exceeds-context-window"]);
    expect(r.fit.PIPELINE).toBeGreaterThan(50);
    expect(r.fit.PIPELINE).toBeLessThan(r.fit.RAG);
  });

  it("question 4: without hundreds of labeled examples RAG is the lower barrier, even for a style need", () => {
    const few = run({ ...NEUTRAL, changeFrequency: "quarterly", needsStyleOrFormat: true, labeledExamples: 40 });
    expect(few.recommendation).toBe("RAG");
    expect(few.trace.map((t) => t.ruleId)).toContain("q4-no-labeled-data");
    expect(few.fit.FINE_TUNING).toBeLessThan(few.fit.RAG);
    expect(run({ ...NEUTRAL, changeFrequency: "quarterly", needsStyleOrFormat: true, labeledExamples: 200 }).recommendation).toBe("FINE_TUNING");
  });

  it("counts monthly change as frequently updated (internal wikis, catalogs)", () => {
    expect(fired({ ...NEUTRAL, changeFrequency: "monthly" })).toEqual(["q1-frequently-updated"]);
    expect(fired({ ...NEUTRAL, changeFrequency: "quarterly" })).not.toContain("q1-frequently-updated");
  });

  it("with question 1 unanswered it moves on and says the answer is missing", () => {
    const r = run({ ...NEUTRAL, changeFrequency: undefined, needsStyleOrFormat: false, fitsContextWindow: true });
    expect(r.missing).toEqual(["changeFrequency"]);
    expect(r.trace.map((t) => t.ruleId)).toEqual(["q3-fits-context-window"]);
  });

  it("with nothing answered: when in doubt, RAG, and every question's answer is missing", () => {
    const r = run({});
    expect(r.recommendation).toBe("RAG");
    expect(r.trace.map((t) => t.ruleId)).toEqual(["when-in-doubt-rag"]);
    expect(r.missing).toEqual(expect.arrayContaining(["changeFrequency", "needsStyleOrFormat", "fitsContextWindow", "labeledExamples", "needsToolUse"]));
  });

  it("abstains on tool use, transformation at volume or feedback learning, and when prompting already suffices", () => {
    for (const extra of [{ needsToolUse: true }, { transformationAtVolume: true }, { learnsFromFeedback: true }]) {
      const r = run({ ...NEUTRAL, ...extra });
      expect(r.abstained).toBe(true);
      expect(r.abstainReason).toMatch(/only chooses between fine-tuning and RAG/);
    }
    const p = run({ ...NEUTRAL, promptedBaselineMeetsBar: "yes" });
    expect(p.abstained).toBe(true);
    expect(p.abstainReason).toMatch(/prompted base model/);
  });
});
