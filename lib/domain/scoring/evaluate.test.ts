/** The one evaluator, on small made-up frameworks so each mechanism is seen on its own. */
import { describe, expect, it } from "vitest";
import { SEED_FILES } from "../assessment-help";
import { compileFramework, evaluateFramework, recommendFast } from "./evaluate";
import type { Citation, Framework, Rule } from "./types";

const citation: Citation = { file: SEED_FILES["001"], quote: "When in doubt, start with RAG" };
const rule = (r: Omit<Rule, "citation">): Rule => ({ ...r, citation });
const fw = (rules: Rule[], covers: Framework["covers"] = ["RAG", "FINE_TUNING", "HYBRID"]): Framework => ({
  id: "test",
  title: "Test",
  source: SEED_FILES["001"],
  version: "9.9.9",
  summary: "A framework for tests.",
  covers,
  rules,
});

describe("evaluator", () => {
  it("adds points from every firing rule and traces them in rule order", () => {
    const f = fw([
      rule({ id: "a", description: "A.", when: { answer: "needsCitations", eq: true }, effects: { RAG: 20 } }),
      rule({ id: "b", description: "B.", when: { answer: "needsStyleOrFormat", eq: true }, effects: { FINE_TUNING: 10 } }),
      rule({ id: "c", description: "C.", when: { always: true }, effects: { RAG: 5, FINE_TUNING: 5 } }),
    ]);
    const r = evaluateFramework(f, { needsCitations: true, needsStyleOrFormat: true });
    expect(r.trace.map((t) => t.ruleId)).toEqual(["a", "b", "c"]);
    expect(r.recommendation).toBe("RAG");
    expect(r.trace[0]).toEqual({ ruleId: "a", description: "A.", citation, effects: { RAG: 20 } });
    expect(r).toMatchObject({ frameworkId: "test", title: "Test", source: SEED_FILES["001"], version: "9.9.9", abstained: false });
  });

  it("scales fit so the best reachable points give 100, 50 is neutral, uncovered approaches are 0", () => {
    const f = fw([
      rule({ id: "a", description: "A.", when: { answer: "needsCitations", eq: true }, effects: { RAG: 20, FINE_TUNING: -10 } }),
      rule({ id: "b", description: "B.", when: { answer: "needsStyleOrFormat", eq: true }, effects: { RAG: 20 } }),
    ]);
    expect(compileFramework(f).maxPoints).toBe(40);
    const r = evaluateFramework(f, { needsCitations: true, needsStyleOrFormat: false });
    expect(r.fit).toEqual({ RAG: 75, FINE_TUNING: 38, HYBRID: 50, PROMPTING: 0, AGENT: 0, PIPELINE: 0, FEEDBACK_LEARNING: 0 });
    expect(evaluateFramework(f, { needsCitations: true, needsStyleOrFormat: true }).fit.RAG).toBe(100);
  });

  it("stops at a firing stop rule; later rules neither fire nor report missing answers", () => {
    const f = fw([
      rule({ id: "q1", description: "Q1.", when: { answer: "needsCitations", eq: true }, effects: { RAG: 30 }, stop: true }),
      rule({ id: "q2", description: "Q2.", when: { answer: "needsStyleOrFormat", eq: true }, effects: { FINE_TUNING: 40 } }),
    ]);
    const r = evaluateFramework(f, { needsCitations: true });
    expect(r.trace.map((t) => t.ruleId)).toEqual(["q1"]);
    expect(r.missing).toEqual([]);
    expect(compileFramework(f).maxPoints).toBe(40); // a path either stops at q1 (30) or goes on to q2 (40)
  });

  it("passes over an unknown rule, reporting the answers it lacked, and goes on", () => {
    const f = fw([
      rule({ id: "q1", description: "Q1.", when: { all: [{ answer: "needsCitations", eq: true }, { answer: "changeFrequency", in: ["weekly"] }] }, effects: { RAG: 30 }, stop: true }),
      rule({ id: "q2", description: "Q2.", when: { answer: "needsStyleOrFormat", eq: true }, effects: { FINE_TUNING: 40 } }),
    ]);
    const r = evaluateFramework(f, { needsCitations: true, needsStyleOrFormat: true });
    expect(r.missing).toEqual(["changeFrequency"]);
    expect(r.recommendation).toBe("FINE_TUNING");
  });

  it("reports declared needs, in assessment order, only when the rule could not be decided", () => {
    const f = fw([
      rule({ id: "a", description: "A.", when: { answer: "weeksToProduction", lt: 8 }, effects: { RAG: 10 }, needs: ["weeksToProduction", "changeFrequency"] }),
    ]);
    expect(evaluateFramework(f, {}).missing).toEqual(["changeFrequency", "weeksToProduction"]);
    expect(evaluateFramework(f, { weeksToProduction: 2 }).missing).toEqual([]);
  });

  it("abstains when an abstaining rule fires, with its reason and all fits 0", () => {
    const f = fw([
      rule({ id: "out", description: "Out.", when: { answer: "needsToolUse", eq: true }, effects: {}, abstain: "Outside this source." }),
      rule({ id: "a", description: "A.", when: { always: true }, effects: { RAG: 10 } }),
    ]);
    const r = evaluateFramework(f, { needsToolUse: true });
    expect(r).toMatchObject({ abstained: true, abstainReason: "Outside this source.", recommendation: null });
    expect(Object.values(r.fit).every((v) => v === 0)).toBe(true);
    expect(r.trace.map((t) => t.ruleId)).toEqual(["out"]);
    expect(evaluateFramework(f, { needsToolUse: false }).recommendation).toBe("RAG");
  });

  it("abstains when no covered approach gets more than 0 points", () => {
    const f = fw([rule({ id: "a", description: "A.", when: { answer: "needsCitations", eq: true }, effects: { FINE_TUNING: -10 } })]);
    const missing = evaluateFramework(f, {});
    expect(missing).toMatchObject({ abstained: true, recommendation: null, missing: ["needsCitations"] });
    expect(missing.abstainReason).toMatch(/Too few answers/);
    const answered = evaluateFramework(f, { needsCitations: true });
    expect(answered).toMatchObject({ abstained: true, recommendation: null, missing: [] });
    expect(answered.abstainReason).toMatch(/favours/);
  });

  it("never recommends an approach the source does not cover", () => {
    const f = fw([rule({ id: "a", description: "A.", when: { always: true }, effects: { RAG: 5 } })], ["RAG"]);
    const g = { ...f, covers: ["RAG", "AGENT"] as const, rules: [rule({ id: "a", description: "A.", when: { always: true }, effects: { RAG: 5, AGENT: 50 } })] };
    expect(evaluateFramework(g, {}).recommendation).toBe("AGENT");
    expect(evaluateFramework({ ...g, covers: ["RAG"] }, {}).recommendation).toBe("RAG");
    expect(evaluateFramework({ ...g, covers: ["RAG"] }, {}).fit.AGENT).toBe(0);
  });

  it("breaks ties between approaches by the fixed order of APPROACHES (RAG first)", () => {
    const f = fw([rule({ id: "a", description: "A.", when: { always: true }, effects: { HYBRID: 10, FINE_TUNING: 10, RAG: 10 } })]);
    expect(evaluateFramework(f, {}).recommendation).toBe("RAG");
    const g = fw([rule({ id: "a", description: "A.", when: { always: true }, effects: { HYBRID: 10, FINE_TUNING: 10 } })]);
    expect(evaluateFramework(g, {}).recommendation).toBe("FINE_TUNING");
  });

  it("the fast path agrees with the full evaluation", () => {
    const f = fw([
      rule({ id: "out", description: "Out.", when: { answer: "needsToolUse", eq: true }, effects: {}, abstain: "Outside." }),
      rule({ id: "a", description: "A.", when: { answer: "needsCitations", eq: true }, effects: { RAG: 20 }, stop: true }),
      rule({ id: "b", description: "B.", when: { always: true }, effects: { HYBRID: 5 } }),
    ]);
    const raw = new Float64Array(7);
    const cf = compileFramework(f);
    expect(recommendFast(cf, { needsToolUse: true }, raw)).toBe(-1);
    expect(recommendFast(cf, { needsCitations: true }, raw)).toBe(0);
    expect(Array.from(raw)).toEqual([20, 0, 0, 0, 0, 0, 0]);
    expect(recommendFast(cf, { needsCitations: false }, raw)).toBe(2);
  });

  it("treats badly formed answers as not given", () => {
    const f = fw([rule({ id: "a", description: "A.", when: { answer: "labeledExamples", gte: 10 }, effects: { FINE_TUNING: 10 } })]);
    const r = evaluateFramework(f, { labeledExamples: "lots" } as never);
    expect(r.missing).toEqual(["labeledExamples"]);
    expect(r.abstained).toBe(true);
  });
});
