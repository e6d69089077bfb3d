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

describe("the basis and the sentences of a change", () => {
  it("leaves unanswered and cleared answers out of the basis", () => {
    const { retrainingBudget: _r, ...rest } = answers;
    const basis = basisOf({ ...rest, maxLagDays: null } as never, "RAG");
    expect(Object.keys(basis.answers)).not.toContain("retrainingBudget");
    expect(Object.keys(basis.answers)).not.toContain("maxLagDays");
    expect(Object.keys(basis.answers)).toContain("changeFrequency");
  });

  it("says each change in words: approach names, yes and no, numbers, unanswered, none", () => {
    const was = basisOf({ ...answers, retrainingBudget: false, maxLagDays: 30, labeledExamples: undefined } as never, null);
    const now = basisOf({ ...answers, retrainingBudget: true, maxLagDays: 7, labeledExamples: 5000 } as never, "FINE_TUNING");
    expect(materialChanges(was, now)).toEqual([
      "Recommendation: none → Fine-tuning",
      "Longest acceptable lag (days): 30 → 7",
      "Curated, labeled training examples: unanswered → 5000",
      "Budget and ML engineers for ongoing retraining: no → yes",
    ]);
    expect(materialChanges(now, was)).toEqual([
      "Recommendation: Fine-tuning → none",
      "Longest acceptable lag (days): 7 → 30",
      "Curated, labeled training examples: 5000 → unanswered",
      "Budget and ML engineers for ongoing retraining: yes → no",
    ]);
  });

  it("an answer stored as null reads as unanswered, the same as a missing one", () => {
    const was = { recommendedApproach: "RAG" as const, answers: { ...answers, maxLagDays: null } };
    expect(materialChanges(was, { recommendedApproach: "RAG", answers: { ...answers, maxLagDays: 9 } })).toEqual(["Longest acceptable lag (days): unanswered → 9"]);
    expect(materialChanges(was, { recommendedApproach: "RAG", answers: { ...answers, maxLagDays: undefined } })).toEqual([]);
  });

  it.each([
    ["text", "RAG"],
    ["an array", ["RAG"]],
    ["a number", 5],
  ])("reading back refuses %s as a basis", (_n, json) => {
    expect(readBasis(json)).toBeNull();
  });

  it.each([
    ["no answers", { recommendedApproach: "RAG" }, { recommendedApproach: "RAG", answers: {} }],
    ["null answers", { recommendedApproach: "RAG", answers: null }, { recommendedApproach: "RAG", answers: {} }],
    ["an approach given as a list", { recommendedApproach: ["RAG"], answers: {} }, { recommendedApproach: null, answers: {} }],
  ])("reading back a damaged basis with %s keeps what can be read", (_n, json, expected) => {
    expect(readBasis(json)).toEqual(expected);
  });
});
