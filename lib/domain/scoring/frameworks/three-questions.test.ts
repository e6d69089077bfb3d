/** 000's three questions and its two lists. */
import { describe, expect, it } from "vitest";
import type { Assessment } from "../../assessment";
import { evaluateFramework } from "../evaluate";
import { NEUTRAL } from "../test-support";
import { threeQuestions } from "./three-questions";

const run = (a: Assessment) => evaluateFramework(threeQuestions, a);
const reasoningCase: Assessment = { ...NEUTRAL, coreNeed: "reasoning", changeFrequency: "quarterly", maxLagDays: 60 };

describe("three questions (000)", () => {
  it("question 1: daily or weekly change makes RAG win; quarterly makes fine-tuning viable", () => {
    expect(run({ ...reasoningCase, changeFrequency: "weekly", maxLagDays: 14 }).recommendation).toBe("RAG");
    expect(run(reasoningCase).recommendation).toBe("FINE_TUNING");
    const weekly = run({ ...NEUTRAL, changeFrequency: "weekly" });
    const quarterly = run({ ...NEUTRAL, changeFrequency: "quarterly" });
    expect(weekly.fit.FINE_TUNING).toBeLessThan(quarterly.fit.FINE_TUNING);
    expect(weekly.fit.RAG).toBeGreaterThan(quarterly.fit.RAG);
  });

  it("question 2: expert reasoning favours fine-tuning, finding information favours RAG", () => {
    const reasoning = run({ ...NEUTRAL, coreNeed: "reasoning", changeFrequency: "annually" });
    const retrieval = run({ ...NEUTRAL, coreNeed: "retrieval", changeFrequency: "annually" });
    expect(reasoning.fit.FINE_TUNING).toBeGreaterThan(retrieval.fit.FINE_TUNING);
    expect(retrieval.fit.RAG).toBeGreaterThan(reasoning.fit.RAG);
    expect(retrieval.trace.map((t) => t.ruleId)).toContain("q2-accurate-retrieval");
  });

  it("question 3: not even a week of lag makes RAG mandatory", () => {
    const r = run({ ...reasoningCase, maxLagDays: 3 });
    expect(r.trace.map((t) => t.ruleId)).toContain("q3-lag-under-a-week");
    expect(r.fit.FINE_TUNING).toBeLessThan(run(reasoningCase).fit.FINE_TUNING);
    expect(run({ ...reasoningCase, maxLagDays: 30 }).trace.map((t) => t.ruleId)).toContain("q3-monthly-updates-suffice");
    expect(run({ ...reasoningCase, maxLagDays: 29 }).trace.map((t) => t.ruleId)).not.toContain("q3-monthly-updates-suffice");
  });

  it("hybrid where both sides hold: current facts and expert reasoning with a set style", () => {
    const r = run({ ...NEUTRAL, changeFrequency: "weekly", coreNeed: "both", needsStyleOrFormat: true, needsCitations: true, maxLagDays: 7 });
    expect(r.recommendation).toBe("HYBRID");
    expect(r.trace.map((t) => t.ruleId)).toEqual(expect.arrayContaining(["q2-reasoning-and-retrieval", "hybrid-both-sides-hold"]));
  });

  it("its lists: no retraining budget or no training examples hold fine-tuning back", () => {
    const withBudget = run(reasoningCase);
    const noBudget = run({ ...reasoningCase, retrainingBudget: false });
    const noData = run({ ...reasoningCase, labeledExamples: 10 });
    expect(noBudget.fit.FINE_TUNING).toBeLessThan(withBudget.fit.FINE_TUNING);
    expect(noData.fit.FINE_TUNING).toBeLessThan(withBudget.fit.FINE_TUNING);
  });

  it("fires rules additively, traced in their written order", () => {
    const r = run({ ...reasoningCase, needsStyleOrFormat: true, expertiseDocumented: false, needsCitations: true });
    const order = threeQuestions.rules.map((x) => x.id);
    const ids = r.trace.map((t) => t.ruleId);
    expect(ids.length).toBeGreaterThan(3);
    expect([...ids].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(ids);
  });

  it("does not cover prompting, agents, pipelines or feedback learning", () => {
    const r = run(NEUTRAL);
    expect(r.fit.PROMPTING + r.fit.AGENT + r.fit.PIPELINE + r.fit.FEEDBACK_LEARNING).toBe(0);
  });

  it("abstains on other architectures and when a prompted model suffices, saying why", () => {
    const tools = run({ ...NEUTRAL, needsToolUse: true });
    expect(tools).toMatchObject({ abstained: true, recommendation: null });
    expect(tools.abstainReason).toMatch(/tool use/);
    expect(run({ ...NEUTRAL, promptedBaselineMeetsBar: "yes" }).abstained).toBe(true);
    expect(run({ ...NEUTRAL, promptedBaselineMeetsBar: "untested" }).abstained).toBe(false);
  });

  it("with nothing answered it abstains for want of answers and lists them", () => {
    const r = run({});
    expect(r.abstained).toBe(true);
    expect(r.abstainReason).toMatch(/Too few answers/);
    expect(r.missing).toEqual(expect.arrayContaining(["changeFrequency", "maxLagDays", "coreNeed"]));
  });
});
