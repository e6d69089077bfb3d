/** 003: start with RAG; its four questions in order. */
import { describe, expect, it } from "vitest";
import type { Assessment } from "../../assessment";
import { evaluateFramework } from "../evaluate";
import { NEUTRAL } from "../test-support";
import { startWithRag } from "./start-with-rag";

const run = (a: Assessment) => evaluateFramework(startWithRag, a);
const fired = (a: Assessment) => run(a).trace.map((t) => t.ruleId);

describe("start with RAG (003)", () => {
  it("question 1: an updating corpus means RAG, and the questions stop there", () => {
    const a = { ...NEUTRAL, coreNeed: "retrieval", changeFrequency: "weekly" } as const;
    expect(run(a).recommendation).toBe("RAG");
    expect(fired(a)).toEqual(["q1-updating-corpus"]);
  });

  it("an updating corpus and a required style together give hybrid, not fine-tuning (question 1 is not skipped)", () => {
    const a = { ...NEUTRAL, coreNeed: "both", changeFrequency: "weekly", needsStyleOrFormat: true } as const;
    expect(run(a).recommendation).toBe("HYBRID");
    expect(fired(a)).toEqual(["q3-both-corpus-and-style"]);
  });

  it("question 2: a required style means fine-tuning once prompting has failed", () => {
    const a = { ...NEUTRAL, coreNeed: "reasoning", needsStyleOrFormat: true, promptedBaselineMeetsBar: "no" } as const;
    expect(run(a).recommendation).toBe("FINE_TUNING");
    expect(fired(a)).toEqual(["q2-style-or-format"]);
  });

  it("question 2 with prompting untested: the cheaper option first", () => {
    const r = run({ ...NEUTRAL, coreNeed: "reasoning", needsStyleOrFormat: true, promptedBaselineMeetsBar: "untested" });
    expect(r.recommendation).toBe("PROMPTING");
    expect(r.fit.FINE_TUNING).toBeGreaterThan(50);
  });

  it("question 4: neither an updating corpus nor a style: prompting", () => {
    expect(run({ ...NEUTRAL, coreNeed: "neither", needsStyleOrFormat: false }).recommendation).toBe("PROMPTING");
    // A corpus that never changes does not update over time.
    expect(run({ ...NEUTRAL, coreNeed: "retrieval", changeFrequency: "static", needsStyleOrFormat: false }).recommendation).toBe("PROMPTING");
  });

  it("unsettled by the questions: start with RAG", () => {
    const r = run({});
    expect(r.recommendation).toBe("RAG");
    expect(r.trace.map((t) => t.ruleId)).toEqual(["start-with-rag"]);
    expect(r.missing).toEqual(expect.arrayContaining(["changeFrequency", "coreNeed", "needsStyleOrFormat"]));
  });

  it("abstains on tool use, transformation at volume and feedback learning", () => {
    for (const extra of [{ needsToolUse: true }, { transformationAtVolume: true }, { learnsFromFeedback: true }]) {
      expect(run({ ...NEUTRAL, ...extra }).abstained).toBe(true);
    }
    expect(run({ ...NEUTRAL, promptedBaselineMeetsBar: "yes" }).abstained).toBe(false);
  });
});
