/**
 * Rule conditions (lib/domain/frameworks/conditions.ts): their three-valued evaluation, the
 * answers each reads (which decides what "what would change it" re-runs), and the words the
 * Frameworks page shows for them.
 */
import { describe as group, expect, it } from "vitest";
import type { Assessment } from "../assessment";
import { answersOf, describe, evaluate, formatValue } from "./conditions";
import type { Condition } from "./types";

const weekly: Condition = { answer: "changeFrequency", in: ["weekly"] };
const fastOrDaily: Condition = { answer: "changeFrequency", in: ["daily", "weekly"] };
const manyLabels: Condition = { answer: "labeledExamples", gte: 1000 };
const shortLag: Condition = { answer: "maxLagDays", lt: 30 };
const cites: Condition = { answer: "needsCitations", in: [true] };

group("evaluation", () => {
  it("is true, false, or unknown when an answer is missing, and records which answer was missing", () => {
    const missing = new Set<string>();
    expect(evaluate(manyLabels, { labeledExamples: 1000 })).toBe(true);
    expect(evaluate(manyLabels, { labeledExamples: 999 })).toBe(false);
    expect(evaluate(shortLag, { maxLagDays: 29 })).toBe(true);
    expect(evaluate(shortLag, { maxLagDays: 30 })).toBe(false);
    expect(evaluate(manyLabels, {}, missing as Set<never>)).toBeUndefined();
    expect([...missing]).toEqual(["labeledExamples"]);
  });
  it("an answer stored as null is missing, like one left out", () => {
    const missing = new Set<string>();
    expect(evaluate(weekly, { changeFrequency: null } as unknown as Assessment, missing as Set<never>)).toBeUndefined();
    expect([...missing]).toEqual(["changeFrequency"]);
  });
  it("a number's comparison says nothing of an answer that is not a number", () => {
    expect(evaluate(manyLabels, { labeledExamples: "many" } as unknown as Assessment)).toBeUndefined();
    expect(evaluate(shortLag, { maxLagDays: "soon" } as unknown as Assessment)).toBeUndefined();
  });
  it("all, any and not: false or true wins over unknown, unknown over the rest", () => {
    const all: Condition = { all: [weekly, manyLabels] };
    expect(evaluate(all, { changeFrequency: "weekly", labeledExamples: 5000 })).toBe(true);
    expect(evaluate(all, { changeFrequency: "daily" })).toBe(false);
    expect(evaluate(all, { changeFrequency: "weekly" })).toBeUndefined();
    const any: Condition = { any: [weekly, manyLabels] };
    expect(evaluate(any, { labeledExamples: 5000 })).toBe(true);
    expect(evaluate(any, { changeFrequency: "daily", labeledExamples: 10 })).toBe(false);
    expect(evaluate(any, { changeFrequency: "daily" })).toBeUndefined();
    expect(evaluate({ not: weekly }, { changeFrequency: "daily" })).toBe(true);
    expect(evaluate({ not: weekly }, {})).toBeUndefined();
    expect(evaluate({ always: true }, {})).toBe(true);
  });
});

group("the answers a condition reads", () => {
  it("every answer at any depth, once", () => {
    const c: Condition = { all: [weekly, { any: [manyLabels, { not: shortLag }] }, { not: { all: [cites, fastOrDaily] } }] };
    expect([...answersOf(c)].sort()).toEqual(["changeFrequency", "labeledExamples", "maxLagDays", "needsCitations"]);
    expect([...answersOf({ always: true })]).toEqual([]);
    expect([...answersOf({ not: manyLabels })]).toEqual(["labeledExamples"]);
  });
});

group("in words, as the Frameworks page shows them", () => {
  it("each kind of condition", () => {
    expect(describe({ always: true })).toBe("always");
    expect(describe(weekly)).toBe("How often the underlying knowledge changes is weekly");
    expect(describe(fastOrDaily)).toBe("How often the underlying knowledge changes is one of daily, weekly");
    expect(describe(manyLabels)).toBe("Curated, labeled training examples is at least 1,000");
    expect(describe(shortLag)).toBe("Longest acceptable lag (days) is under 30");
    expect(describe(cites)).toBe("Answers must cite sources is yes");
    expect(describe({ all: [weekly, shortLag] })).toBe("How often the underlying knowledge changes is weekly and Longest acceptable lag (days) is under 30");
    expect(describe({ any: [weekly, cites] })).toBe("(How often the underlying knowledge changes is weekly or Answers must cite sources is yes)");
    expect(describe({ not: cites })).toBe("not (Answers must cite sources is yes)");
  });
  it("values: yes and no, numbers with thousands separators, words as they are", () => {
    expect([formatValue(true), formatValue(false), formatValue(1_000_000), formatValue(2.5), formatValue("monthly")]).toEqual(["yes", "no", "1,000,000", "2.5", "monthly"]);
  });
});
