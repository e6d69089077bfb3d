import { describe, expect, it } from "vitest";
import { basisOf, materialChanges, readBasis } from "./material-change";

const answers = { changeFrequency: "monthly", coreNeed: "retrieval", maxLagDays: 30, needsStyleOrFormat: false, labeledExamples: 0, promptedBaselineMeetsBar: "untested", retrainingBudget: false } as const;

describe("a material change after approval", () => {
  const approved = basisOf({ ...answers, monthlyCalls: 10_000, needsCitations: true }, "RAG");

  it("keeps only the deciding answers in the basis", () => {
    expect(Object.keys(approved.answers).sort()).toEqual(Object.keys(answers).sort());
  });

  it.each([
    ["nothing changed", { ...answers }, "RAG", []],
    ["a non-deciding answer changed (volume, citations)", { ...answers, monthlyCalls: 900_000, needsCitations: false }, "RAG", []],
    ["a deciding answer changed", { ...answers, changeFrequency: "weekly" }, "RAG", ["How often the underlying knowledge changes: monthly → weekly"]],
    ["a deciding answer was cleared", { ...answers, retrainingBudget: undefined }, "RAG", ["Budget and ML engineers for ongoing retraining: no → unanswered"]],
    ["the recommendation changed", { ...answers }, "FINE_TUNING", ["Recommendation: RAG → Fine-tuning"]],
  ] as const)("%s", (_name, now, rec, expected) => {
    const got = materialChanges(approved, basisOf(now as never, rec));
    expect(got.map((s) => s.split(":")[0])).toEqual(expected.map((s) => s.split(":")[0]));
    if (expected.length) expect(got[0]).toMatch(/→/);
  });

  it("survives a round trip through storage", () => {
    expect(readBasis(JSON.parse(JSON.stringify(approved)))).toEqual(approved);
    expect(readBasis(null)).toBeNull();
    expect(readBasis({ recommendedApproach: "NOPE", answers: [] })).toEqual({ recommendedApproach: null, answers: {} });
  });
});
