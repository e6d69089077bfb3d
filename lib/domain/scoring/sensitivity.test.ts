import { describe, expect, it } from "vitest";
import { ANSWER_KEYS, type AnswerKey, type Assessment } from "../assessment";
import { FRAMEWORKS } from "./frameworks";
import { scoreUseCase } from "./index";
import { changeClause } from "./phrases";
import { buildPlan, candidateChanges, NO_FLIP_SENTENCE, SENSITIVITY_PRIORITY, SYSTEM_KIND_ANSWERS } from "./sensitivity";
import { NEUTRAL } from "./test-support";

const plan = buildPlan(FRAMEWORKS);
const allKeys = new Set<AnswerKey>(ANSWER_KEYS);
const ONLY_000 = { "decision-tree": 0, "behaviour-vs-knowledge": 0, "start-with-rag": 0, "when-to-use": 0 };

/** Weekly-changing knowledge, expert reasoning in a house style, plenty of examples: a hybrid. */
const HOUSE_STYLE: Assessment = {
  ...NEUTRAL,
  changeFrequency: "weekly",
  coreNeed: "reasoning",
  needsStyleOrFormat: true,
  labeledExamples: 3000,
  maxLagDays: 60,
};

describe("what would change the answer", () => {
  it("finds the nearest change of frequency that flips a hand-made case", () => {
    const r = scoreUseCase(HOUSE_STYLE);
    expect(r.consensus).toBe("HYBRID");
    expect(r.sensitivity).toMatchObject({ answer: "changeFrequency", from: "weekly", to: "monthly", newConsensus: "FINE_TUNING", steps: 1 });
    expect(r.sensitivitySentence).toBe("If the knowledge changed monthly instead of weekly, the consensus would be Fine-tuning.");
    expect(scoreUseCase({ ...HOUSE_STYLE, changeFrequency: "monthly" }).consensus).toBe("FINE_TUNING");
  });

  it("crosses a labeled-data threshold when that is the smallest change", () => {
    const r = scoreUseCase({ ...NEUTRAL, changeFrequency: "quarterly", coreNeed: "reasoning", needsStyleOrFormat: true, labeledExamples: 40, maxLagDays: 60, promptedBaselineMeetsBar: "untested", evaluationSetExists: false, retrainingBudget: false, weeksToProduction: 6 });
    expect(r.consensus).toBe("RAG");
    expect(r.sensitivitySentence).toBe("If there were 200 curated, labeled examples instead of 40, the consensus would be Fine-tuning.");
  });

  it("prefers a change to the knowledge or behaviour over one that makes it another kind of system", () => {
    const r = scoreUseCase({ ...NEUTRAL, changeFrequency: "weekly", coreNeed: "retrieval", needsCitations: true, needsToolUse: false });
    expect(r.consensus).toBe("RAG");
    expect(r.sensitivity?.answer).toBe("needsStyleOrFormat");
    expect(r.sensitivitySentence).toBe("If the output had to follow a format, style or voice, the consensus would be Hybrid.");
  });

  it("turns to tools, pipelines, feedback or prompting only when nothing else flips it", () => {
    const r = scoreUseCase({ ...NEUTRAL, changeFrequency: "daily", coreNeed: "reasoning", needsCitations: true, needsToolUse: true, labeledExamples: 0 });
    expect(r.consensus).toBe("AGENT");
    expect(r.sensitivitySentence).toBe("If it did not need tool use, the consensus would be RAG.");
  });

  it("suggests filling in a missing answer, saying it is not answered yet", () => {
    const r = scoreUseCase({ changeFrequency: "weekly" });
    expect(r.sensitivity).toMatchObject({ answer: "coreNeed", from: null, to: "both", newConsensus: "HYBRID" });
    expect(r.sensitivitySentence).toBe("If the core need were both retrieval and reasoning (not answered yet), the consensus would be Hybrid.");
  });

  it("says so when no single answer changes it", () => {
    const robust: Assessment = { ...NEUTRAL, changeFrequency: "weekly", coreNeed: "retrieval", maxLagDays: 1, needsCitations: true, corpusDocuments: 1_000_000, weeksToProduction: 2, sensitiveDataOutOfTraining: true, retrainingBudget: false, labeledExamples: 0 };
    const r = scoreUseCase(robust, { weights: ONLY_000 });
    expect(r.consensus).toBe("RAG");
    expect(r.sensitivity).toBeNull();
    expect(r.sensitivitySentence).toBe(NO_FLIP_SENTENCE);
    expect(NO_FLIP_SENTENCE).toBe("No single answer changes it.");
  });
});

describe("candidate changes, smallest first", () => {
  const cands = (a: Assessment) => candidateChanges(a, allKeys, plan);

  it("orders change frequency by distance on its scale, the faster value first on a tie", () => {
    const freq = cands({ changeFrequency: "weekly" }).filter((c) => c.key === "changeFrequency" && c.given);
    expect(freq.map((c) => [c.to, c.steps])).toEqual([
      ["daily", 1],
      ["monthly", 1],
      ["realtime", 2],
      ["quarterly", 2],
      ["annually", 3],
      ["static", 4],
    ]);
  });

  it("moves a number just across each threshold, counting thresholds crossed", () => {
    const lab = cands({ labeledExamples: 40 }).filter((c) => c.key === "labeledExamples");
    expect(lab.map((c) => [c.to, c.steps])).toEqual([[200, 1]]);
    const lag = cands({ maxLagDays: 14 }).filter((c) => c.key === "maxLagDays");
    expect(lag.map((c) => [c.to, c.steps])).toEqual([
      [6, 1],
      [30, 1],
    ]);
    const lagged = cands({ maxLagDays: 60 }).filter((c) => c.key === "maxLagDays");
    expect(lagged.map((c) => [c.to, c.steps])).toEqual([
      [29, 1],
      [6, 2],
    ]);
  });

  it("never proposes an invalid number", () => {
    for (const c of cands({ labeledExamples: 0, maxLagDays: 0, corpusDocuments: 0, weeksToProduction: 0 })) {
      if (typeof c.to === "number") expect(c.to).toBeGreaterThanOrEqual(0);
    }
  });

  it("puts given answers before missing ones, and kind-of-system answers last", () => {
    const list = cands({ needsCitations: true, needsToolUse: false });
    const firstMissing = list.findIndex((c) => !c.given && !SYSTEM_KIND_ANSWERS.has(c.key));
    const citations = list.findIndex((c) => c.key === "needsCitations");
    expect(citations).toBeLessThan(firstMissing);
    const firstSystem = list.findIndex((c) => SYSTEM_KIND_ANSWERS.has(c.key));
    expect(list.slice(firstSystem).every((c) => SYSTEM_KIND_ANSWERS.has(c.key))).toBe(true);
  });

  it("offers every value of a missing answer, one step each", () => {
    const cf = cands({}).filter((c) => c.key === "changeFrequency");
    expect(cf.map((c) => c.to)).toEqual(["realtime", "daily", "weekly", "monthly", "quarterly", "annually", "static"]);
    expect(cf.every((c) => c.steps === 1 && c.from === null)).toBe(true);
    const lab = cands({}).filter((c) => c.key === "labeledExamples");
    expect(lab.map((c) => c.to)).toEqual([199, 200]);
  });

  it("ranks every answer exactly once", () => {
    expect([...SENSITIVITY_PRIORITY].sort()).toEqual([...ANSWER_KEYS].sort());
  });
});

describe("change clauses", () => {
  it("read as plain English", () => {
    expect(changeClause("changeFrequency", "weekly", "quarterly")).toBe("the knowledge changed quarterly instead of weekly");
    expect(changeClause("changeFrequency", "weekly", "static")).toBe("the knowledge never changed instead of changing weekly");
    expect(changeClause("changeFrequency", "static", "realtime")).toBe("the knowledge changed in real time instead of never");
    expect(changeClause("needsCitations", true, false)).toBe("answers did not have to cite sources");
    expect(changeClause("maxLagDays", 14, 6)).toBe("the acceptable lag were 6 days instead of 14");
    expect(changeClause("corpusDocuments", 5000, 10000)).toBe("the corpus held 10,000 documents instead of 5,000");
    expect(changeClause("promptedBaselineMeetsBar", null, "yes")).toBe("a prompted base model already met the bar (not answered yet)");
  });
});
