/** 002: behaviour versus knowledge, with the architectures beyond RAG and fine-tuning. */
import { describe, expect, it } from "vitest";
import type { Assessment } from "../../assessment";
import { evaluateFramework } from "../evaluate";
import { NEUTRAL } from "../test-support";
import { behaviourVersusKnowledge } from "./behaviour-vs-knowledge";

const run = (a: Assessment) => evaluateFramework(behaviourVersusKnowledge, a);

describe("behaviour versus knowledge (002)", () => {
  it("validates a prompted base model first: when it meets the bar, prompting wins over dynamic knowledge", () => {
    const r = run({ ...NEUTRAL, changeFrequency: "weekly", promptedBaselineMeetsBar: "yes" });
    expect(r.recommendation).toBe("PROMPTING");
    expect(r.trace[0]?.ruleId).toBe("prompted-baseline-meets-bar");
  });

  it("an untested baseline is a reason to test prompting before a costly build", () => {
    const untested = run({ ...NEUTRAL, changeFrequency: "static", coreNeed: "neither", promptedBaselineMeetsBar: "untested" });
    expect(untested.recommendation).toBe("PROMPTING");
    expect(run({ ...NEUTRAL, promptedBaselineMeetsBar: "no" }).fit.PROMPTING).toBeLessThan(50);
  });

  it("dynamic knowledge and attribution favour RAG", () => {
    const r = run({ ...NEUTRAL, changeFrequency: "daily", needsCitations: true });
    expect(r.recommendation).toBe("RAG");
    expect(r.trace.map((t) => t.ruleId)).toEqual(expect.arrayContaining(["dynamic-knowledge", "attribution"]));
  });

  it("format, latency and reasoning favour fine-tuning only with enough curated data", () => {
    const base = { ...NEUTRAL, changeFrequency: "annually", coreNeed: "reasoning", needsStyleOrFormat: true, latencySensitive: true } as const;
    const enough = run({ ...base, labeledExamples: 200 });
    const few = run({ ...base, labeledExamples: 199 });
    expect(enough.recommendation).toBe("FINE_TUNING");
    expect(few.recommendation).not.toBe("FINE_TUNING");
    expect(few.fit.FINE_TUNING).toBeLessThan(50);
    expect(few.trace.map((t) => t.ruleId)).toContain("behaviour-need-without-data");
  });

  it("behaviour and knowledge together: hybrid", () => {
    expect(run({ ...NEUTRAL, changeFrequency: "weekly", coreNeed: "both", needsStyleOrFormat: true, labeledExamples: 3000 }).recommendation).toBe("HYBRID");
  });

  it("tool use gives an agent, transformation at volume a pipeline, continuous feedback feedback learning", () => {
    expect(run({ ...NEUTRAL, changeFrequency: "daily", needsCitations: true, needsToolUse: true }).recommendation).toBe("AGENT");
    expect(run({ ...NEUTRAL, needsStyleOrFormat: true, transformationAtVolume: true }).recommendation).toBe("PIPELINE");
    expect(run({ ...NEUTRAL, changeFrequency: "realtime", learnsFromFeedback: true }).recommendation).toBe("FEEDBACK_LEARNING");
  });

  it("covers every approach and never abstains on scope", () => {
    expect(behaviourVersusKnowledge.rules.some((r) => r.abstain !== undefined)).toBe(false);
    expect(run({ ...NEUTRAL, needsToolUse: true }).abstained).toBe(false);
  });

  it("with nothing answered it has nothing to favour", () => {
    const r = run({});
    expect(r.abstained).toBe(true);
    expect(r.missing).toEqual(expect.arrayContaining(["promptedBaselineMeetsBar", "changeFrequency", "needsToolUse", "labeledExamples"]));
  });
});
