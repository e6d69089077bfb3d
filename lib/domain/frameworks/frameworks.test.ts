import { existsSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sourcePath } from "../../../tests/helpers/source-files";
import { assessmentWith } from "../../../tests/helpers/assessment-arbitrary";
import { APPROACHES, type Assessment } from "../assessment";
import { describe as describeCondition } from "./conditions";
import { consensusOf } from "./consensus";
import { decisionTree } from "./data/decision-tree";
import { startWithRag } from "./data/start-with-rag";
import { runFramework } from "./evaluate";
import { FRAMEWORKS } from "./registry";
import { scoreUseCase } from "./score";
import type { FrameworkResult } from "./types";

const SEEDS = sourcePath("seeds");

/** Any numbers in range, not only near the rules' thresholds. */
const assessmentArb = assessmentWith({
  maxLagDays: fc.integer({ min: 0, max: 3650 }),
  corpusDocuments: fc.integer({ min: 0, max: 1e9 }),
  labeledExamples: fc.integer({ min: 0, max: 1e8 }),
  monthlyCalls: fc.integer({ min: 0, max: 1e10 }),
  weeksToProduction: fc.integer({ min: 0, max: 520 }),
});

describe("the framework data", () => {
  it("has five frameworks, one per seed, each citing files that exist", () => {
    expect(FRAMEWORKS.map((f) => f.source.slice(0, 3))).toEqual(["000", "001", "002", "003", "004"]);
    for (const fw of FRAMEWORKS) {
      expect(existsSync(path.join(SEEDS, fw.source))).toBe(true);
      for (const r of fw.rules) expect(r.cite.file).toBe(fw.source);
      expect(new Set(fw.rules.map((r) => r.id)).size).toBe(fw.rules.length);
    }
  });
  it("prints every rule's condition in plain words", () => {
    for (const fw of FRAMEWORKS) for (const r of fw.rules) expect(describeCondition(r.when).length).toBeGreaterThan(3);
    expect(describeCondition({ answer: "labeledExamples", lt: 200 })).toBe("Curated, labeled training examples is under 200");
  });
});

describe("001's questions, in order", () => {
  it("frequently updated data decides before format and style", () => {
    const r = runFramework(decisionTree, { changeFrequency: "weekly", needsStyleOrFormat: false, fitsContextWindow: true, labeledExamples: 5000 });
    expect(r.recommendation).toBe("RAG");
    expect(r.trace.map((t) => t.ruleId)).toEqual(["q1-frequent-data"]);
  });
  it("format or style comes second: fine-tuning, with the labeled data it needs", () => {
    const r = runFramework(decisionTree, { changeFrequency: "annually", needsStyleOrFormat: true, fitsContextWindow: true, labeledExamples: 1000 });
    expect(r.recommendation).toBe("FINE_TUNING");
    expect(r.trace.map((t) => t.ruleId)).toEqual(["q2-style"]);
  });
  it("then the context window, whose answer either way ends the walk: labeled data is asked only where it is unanswered", () => {
    // "No → Consider multi-step retrieval or summarization pipelines": a leaf, not a step to the fourth
    // question (until 2.1.0 a thousand labeled examples turned it into a vote for fine-tuning).
    const tooLarge = runFramework(decisionTree, { changeFrequency: "static", needsStyleOrFormat: false, fitsContextWindow: false, labeledExamples: 1000 });
    expect(tooLarge.trace.map((t) => t.ruleId)).toEqual(["q3-too-large"]);
    expect(tooLarge.recommendation).toBe("RAG");
    const unanswered = runFramework(decisionTree, { changeFrequency: "static", needsStyleOrFormat: false, labeledExamples: 1000 });
    expect(unanswered.trace.map((t) => t.ruleId)).toEqual(["q4-labeled-data"]);
    expect(unanswered.recommendation).toBe("FINE_TUNING");
  });
  it("a missing answer is reported and the walk goes on to the next question", () => {
    const r = runFramework(decisionTree, { needsStyleOrFormat: false, fitsContextWindow: true });
    expect(r.missing).toContain("changeFrequency");
    expect(r.recommendation).toBe("RAG");
  });
});

describe("003's questions, in order", () => {
  it("an updating corpus with a style is a hybrid; neither is prompting", () => {
    expect(runFramework(startWithRag, { changeFrequency: "weekly", coreNeed: "retrieval", needsStyleOrFormat: true, labeledExamples: 1000 }).recommendation).toBe("HYBRID");
    expect(runFramework(startWithRag, { changeFrequency: "static", coreNeed: "neither", needsStyleOrFormat: false }).recommendation).toBe("PROMPTING");
  });
  it("abstains on tool use, saying why", () => {
    const r = runFramework(startWithRag, { needsToolUse: true });
    expect(r.abstained).toBe(true);
    expect(r.abstainReason).toMatch(/outside/);
    expect(r.recommendation).toBeNull();
  });
});

describe("consensus", () => {
  const vote = (id: string, rec: FrameworkResult["recommendation"], fitFor: Partial<Record<string, number>> = {}): FrameworkResult => ({
    frameworkId: id, title: id, source: "x", version: "1", abstained: false, recommendation: rec, missing: [], trace: [],
    fit: Object.fromEntries(APPROACHES.map((a) => [a, fitFor[a] ?? 0])) as FrameworkResult["fit"],
  });
  it("counts agreement as votes of voters and flags a split", () => {
    const c = consensusOf([vote("a", "RAG"), vote("b", "RAG"), vote("c", "HYBRID")], {});
    expect(c).toEqual({ consensus: "RAG", agreement: { votes: 2, voters: 3, abstained: [] }, disagreement: true });
  });
  it("breaks a tie on summed fit, then on the fixed order", () => {
    expect(consensusOf([vote("a", "RAG", { RAG: 50 }), vote("b", "FINE_TUNING", { FINE_TUNING: 90 })], {}).consensus).toBe("FINE_TUNING");
    expect(consensusOf([vote("a", "FINE_TUNING"), vote("b", "RAG")], {}).consensus).toBe("RAG");
  });
  it("a weight of 0 removes a framework's vote", () => {
    const c = consensusOf([vote("a", "RAG"), vote("b", "FINE_TUNING"), vote("c", "FINE_TUNING")], { b: 0, c: 0 });
    expect(c.consensus).toBe("RAG");
    expect(c.agreement).toMatchObject({ votes: 1, voters: 1 });
    expect(c.agreement.abstained.map((x) => [x.frameworkId, x.why])).toEqual([["b", "turned off by the organization's weights"], ["c", "turned off by the organization's weights"]]);
  });
});

describe("what would change the answer", () => {
  const assessed: Assessment = {
    changeFrequency: "weekly", maxLagDays: 7, coreNeed: "reasoning", needsStyleOrFormat: true, labeledExamples: 5000, fitsContextWindow: true,
    retrainingBudget: true, evaluationSetExists: true, promptedBaselineMeetsBar: "no",
  };
  it("names the nearest change to a given answer, and that change really flips the recommendation", () => {
    const s = scoreUseCase(assessed);
    expect(s.evidence).toBe("assessed");
    const change = s.sensitivity!.change!;
    expect(s.sensitivity!.sentence).toBe(change.sentence);
    expect(change.sentence).toMatch(/the recommendation would be/);
    const flipped = scoreUseCase({ ...assessed, [change.answer]: change.to });
    expect(flipped.consensus).toBe(change.newConsensus);
    expect(flipped.consensus).not.toBe(s.consensus);
  });
  it("lists up to three changes, one per answer, each of them real", () => {
    const s = scoreUseCase(assessed);
    expect(s.sensitivity!.changes.length).toBeGreaterThan(0);
    expect(new Set(s.sensitivity!.changes.map((c) => c.answer)).size).toBe(s.sensitivity!.changes.length);
    for (const c of s.sensitivity!.changes) expect(scoreUseCase({ ...assessed, [c.answer]: c.to }).consensus).toBe(c.newConsensus);
  });
  it("never offers turning the case into another kind of system", () => {
    const s = scoreUseCase({ ...assessed, needsToolUse: false, transformationAtVolume: false, learnsFromFeedback: false });
    for (const c of s.sensitivity!.changes) expect(["needsToolUse", "transformationAtVolume", "learnsFromFeedback"]).not.toContain(c.answer);
  });
  it("for an empty assessment, says which questions to answer first", () => {
    const s = scoreUseCase({});
    expect(s.sensitivity!.sentence).toMatch(/^Not assessed yet\. Answer these first: “/);
    expect(s.sensitivity!.unanswered).toHaveLength(7);
  });
});

describe("properties", () => {
  it("is deterministic, total, and keeps every fit within 0–100", () => {
    fc.assert(
      fc.property(assessmentArb, fc.constantFrom(null, ...APPROACHES), (a, chosen) => {
        const s1 = scoreUseCase(a, { chosenApproach: chosen });
        const s2 = scoreUseCase(a, { chosenApproach: chosen });
        expect(s2).toEqual(s1);
        for (const r of s1.frameworks) for (const ap of APPROACHES) {
          expect(Number.isInteger(r.fit[ap])).toBe(true);
          expect(r.fit[ap]).toBeGreaterThanOrEqual(0);
          expect(r.fit[ap]).toBeLessThanOrEqual(100);
        }
        expect(s1.agreement.votes).toBeLessThanOrEqual(s1.agreement.voters);
      }),
      { numRuns: 300 },
    );
  });
  it("every recommendation comes with a trace citing a seed file that exists", () => {
    fc.assert(
      fc.property(assessmentArb, (a) => {
        for (const r of scoreUseCase(a, { skipSensitivity: true }).frameworks) {
          if (!r.recommendation) continue;
          expect(r.trace.length).toBeGreaterThan(0);
          for (const t of r.trace) expect(existsSync(path.join(SEEDS, t.cite.file))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
  it("turning a framework off removes its vote", () => {
    fc.assert(
      fc.property(assessmentArb, (a) => {
        const all = scoreUseCase(a, { skipSensitivity: true });
        const off = scoreUseCase(a, { skipSensitivity: true, weights: { "behaviour-vs-knowledge": 0 } });
        const voted = all.frameworks.find((f) => f.frameworkId === "behaviour-vs-knowledge")!.recommendation !== null;
        expect(off.agreement.voters).toBe(all.agreement.voters - (voted ? 1 : 0));
      }),
      { numRuns: 200 },
    );
  });
});
