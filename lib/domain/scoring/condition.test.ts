import { describe, expect, it } from "vitest";
import { compileCondition, conditionAnswers, conditionBoundaries, evaluateCondition, FALSE, renderCondition, TRUE, UNKNOWN } from "./condition";
import type { Condition } from "./types";

const weeklyOrFaster: Condition = { answer: "changeFrequency", in: ["realtime", "daily", "weekly"] };
const cites: Condition = { answer: "needsCitations", eq: true };
const enoughData: Condition = { answer: "labeledExamples", gte: 200 };

describe("evaluating conditions", () => {
  it("compares leaves with the answer given", () => {
    expect(evaluateCondition(weeklyOrFaster, { changeFrequency: "daily" })).toBe(TRUE);
    expect(evaluateCondition(weeklyOrFaster, { changeFrequency: "monthly" })).toBe(FALSE);
    expect(evaluateCondition(cites, { needsCitations: false })).toBe(FALSE);
    expect(evaluateCondition(enoughData, { labeledExamples: 200 })).toBe(TRUE);
    expect(evaluateCondition(enoughData, { labeledExamples: 199 })).toBe(FALSE);
    expect(evaluateCondition({ answer: "maxLagDays", lt: 7 }, { maxLagDays: 7 })).toBe(FALSE);
    expect(evaluateCondition({ answer: "maxLagDays", lte: 7 }, { maxLagDays: 7 })).toBe(TRUE);
    expect(evaluateCondition({ answer: "maxLagDays", gt: 7 }, { maxLagDays: 7 })).toBe(FALSE);
    expect(evaluateCondition({ answer: "maxLagDays", gt: 7 }, { maxLagDays: 8 })).toBe(TRUE);
  });

  it("is unknown when the answer is not given", () => {
    expect(evaluateCondition(weeklyOrFaster, {})).toBe(UNKNOWN);
    expect(evaluateCondition(enoughData, {})).toBe(UNKNOWN);
    expect(evaluateCondition({ not: cites }, {})).toBe(UNKNOWN);
  });

  it("follows three-valued logic in all/any/not", () => {
    const both: Condition = { all: [weeklyOrFaster, cites] };
    const either: Condition = { any: [weeklyOrFaster, cites] };
    expect(evaluateCondition(both, { changeFrequency: "static" })).toBe(FALSE); // false wins over unknown
    expect(evaluateCondition(both, { changeFrequency: "weekly" })).toBe(UNKNOWN);
    expect(evaluateCondition(both, { changeFrequency: "weekly", needsCitations: true })).toBe(TRUE);
    expect(evaluateCondition(either, { needsCitations: true })).toBe(TRUE); // true wins over unknown
    expect(evaluateCondition(either, { needsCitations: false })).toBe(UNKNOWN);
    expect(evaluateCondition(either, { needsCitations: false, changeFrequency: "annually" })).toBe(FALSE);
    expect(evaluateCondition({ not: cites }, { needsCitations: true })).toBe(FALSE);
    expect(evaluateCondition({ not: cites }, { needsCitations: false })).toBe(TRUE);
    expect(evaluateCondition({ always: true }, {})).toBe(TRUE);
    expect(evaluateCondition({ all: [] }, {})).toBe(TRUE);
    expect(evaluateCondition({ any: [] }, {})).toBe(FALSE);
  });

  it("treats a non-number as not given in numeric comparisons", () => {
    const bad = { labeledExamples: "many" } as unknown as Record<string, never>;
    expect(compileCondition(enoughData)(bad)).toBe(UNKNOWN);
  });
});

describe("inspecting conditions", () => {
  it("lists the answers a condition names, once each, in order", () => {
    expect(conditionAnswers({ all: [cites, { any: [weeklyOrFaster, { not: cites }] }, enoughData] })).toEqual(["needsCitations", "changeFrequency", "labeledExamples"]);
    expect(conditionAnswers({ always: true })).toEqual([]);
  });

  it("collects numeric boundaries: where the result can change", () => {
    const b = conditionBoundaries({
      all: [enoughData, { answer: "labeledExamples", lt: 50 }, { not: { answer: "maxLagDays", gt: 7 } }, { answer: "maxLagDays", lte: 29 }],
    });
    expect([...(b.get("labeledExamples") ?? [])].sort((x, y) => x - y)).toEqual([50, 200]);
    expect([...(b.get("maxLagDays") ?? [])].sort((x, y) => x - y)).toEqual([8, 30]);
  });
});

describe("rendering conditions as text", () => {
  it("prints leaves with the answer's label and plain values", () => {
    expect(renderCondition(weeklyOrFaster)).toBe("How often the underlying knowledge changes: real time, daily or weekly");
    expect(renderCondition(cites)).toBe("Answers must cite sources: yes");
    expect(renderCondition(enoughData)).toBe("Curated, labeled training examples: at least 200");
    expect(renderCondition({ answer: "corpusDocuments", gte: 10_000 })).toBe("Corpus size (documents): at least 10,000");
    expect(renderCondition({ answer: "maxLagDays", lt: 7 })).toBe("Longest acceptable lag (days): less than 7");
    expect(renderCondition({ answer: "weeksToProduction", lte: 4 })).toBe("Weeks until it must be in production: at most 4");
    expect(renderCondition({ answer: "maxLagDays", gt: 7 })).toBe("Longest acceptable lag (days): more than 7");
    expect(renderCondition({ answer: "coreNeed", eq: "both" })).toBe("Core need: both retrieval and reasoning");
  });

  it("prints combinators with parentheses around nested groups", () => {
    expect(renderCondition({ all: [cites, { any: [weeklyOrFaster, enoughData] }] })).toBe(
      "Answers must cite sources: yes and (How often the underlying knowledge changes: real time, daily or weekly or Curated, labeled training examples: at least 200)",
    );
    expect(renderCondition({ not: cites })).toBe("not (Answers must cite sources: yes)");
    expect(renderCondition({ always: true })).toBe("always");
  });
});
