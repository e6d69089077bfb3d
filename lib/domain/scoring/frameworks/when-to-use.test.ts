/** 004: the RAG checklist against the fine-tuning checklist; RAG is the default start. */
import { describe, expect, it } from "vitest";
import type { Assessment } from "../../assessment";
import { evaluateFramework } from "../evaluate";
import { NEUTRAL } from "../test-support";
import { whenToUse } from "./when-to-use";

const run = (a: Assessment) => evaluateFramework(whenToUse, a);

describe("when to use (004)", () => {
  it("RAG is the default start when nothing else is known", () => {
    const r = run({});
    expect(r.recommendation).toBe("RAG");
    expect(r.trace.map((t) => t.ruleId)).toEqual(["rag-recommended-start"]);
  });

  it("the RAG checklist: changing knowledge, citations, sensitive data, quick production", () => {
    const r = run({ ...NEUTRAL, changeFrequency: "weekly", needsCitations: true, sensitiveDataOutOfTraining: true, weeksToProduction: 3 });
    expect(r.recommendation).toBe("RAG");
    expect(r.trace.map((t) => t.ruleId)).toEqual(
      expect.arrayContaining(["rag-knowledge-changes", "rag-cite-sources", "rag-sensitive-data", "rag-production-quickly"]),
    );
  });

  it("the fine-tuning checklist: tone/format, fast inference, a stable dataset, with training data", () => {
    const a = { ...NEUTRAL, changeFrequency: "annually", needsStyleOrFormat: true, latencySensitive: true, labeledExamples: 5000 } as const;
    expect(run(a).recommendation).toBe("FINE_TUNING");
    expect(run({ ...a, labeledExamples: 20 }).recommendation).not.toBe("FINE_TUNING");
  });

  it("keeping sensitive data out of training counts against fine-tuning", () => {
    const a = { ...NEUTRAL, changeFrequency: "annually", needsStyleOrFormat: true } as const;
    expect(run({ ...a, sensitiveDataOutOfTraining: true }).fit.FINE_TUNING).toBeLessThan(run(a).fit.FINE_TUNING);
  });

  it("items from both lists: hybrid", () => {
    expect(run({ ...NEUTRAL, changeFrequency: "weekly", needsCitations: true, coreNeed: "both", needsStyleOrFormat: true, labeledExamples: 4000 }).recommendation).toBe("HYBRID");
  });

  it("abstains outside RAG versus fine-tuning", () => {
    expect(run({ ...NEUTRAL, transformationAtVolume: true }).abstained).toBe(true);
    expect(run({ ...NEUTRAL, promptedBaselineMeetsBar: "yes" }).abstainReason).toMatch(/prompted base model/);
  });
});
