/** The framework data itself: ids, versions, citations that really are in the seeds, printable rules. */
import { describe, expect, it } from "vitest";
import { ANSWER_KEYS, APPROACHES } from "../../assessment";
import { conditionAnswers, renderCondition } from "../condition";
import { readSeed, seedFiles } from "../test-support";
import { FRAMEWORKS, getFramework } from "./index";

const allRules = FRAMEWORKS.flatMap((f) => f.rules.map((r) => [f.id, r.id, f, r] as const));

describe("framework registry", () => {
  it("holds the five frameworks, one per seed document, in seed order", () => {
    expect(FRAMEWORKS.map((f) => f.id)).toEqual(["three-questions", "decision-tree", "behaviour-vs-knowledge", "start-with-rag", "when-to-use"]);
    expect(FRAMEWORKS.map((f) => f.source.slice(0, 3))).toEqual(["000", "001", "002", "003", "004"]);
    for (const f of FRAMEWORKS) expect(seedFiles.has(f.source), f.source).toBe(true);
  });

  it("looks frameworks up by id", () => {
    expect(getFramework("decision-tree")?.title).toBe("Ordered decision tree");
    expect(getFramework("nope")).toBeUndefined();
  });

  it.each(FRAMEWORKS.map((f) => [f.id, f] as const))("%s: titled, summarised, versioned, with unique rule ids", (_id, f) => {
    expect(f.title.length).toBeGreaterThan(3);
    expect(f.summary.length).toBeGreaterThan(80);
    expect(f.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(new Set(f.rules.map((r) => r.id)).size).toBe(f.rules.length);
    expect(f.covers.length).toBeGreaterThan(0);
    for (const a of f.covers) expect(APPROACHES).toContain(a);
  });

  describe.each(allRules)("%s / %s", (_fid, _rid, f, rule) => {
    it("cites its own seed with a verbatim quote", () => {
      expect(rule.citation.file).toBe(f.source);
      expect(rule.citation.quote.length).toBeGreaterThan(10);
      expect(readSeed(rule.citation.file)).toContain(rule.citation.quote);
    });

    it("has a plain description and a printable condition", () => {
      expect(rule.description).toMatch(/^[A-Z].*\.$/);
      expect(renderCondition(rule.when)).not.toMatch(/undefined|\[object/);
    });

    it("only moves approaches the framework covers, and abstaining rules move nothing", () => {
      for (const a of Object.keys(rule.effects)) expect(f.covers).toContain(a);
      if (rule.abstain !== undefined) {
        expect(Object.keys(rule.effects)).toEqual([]);
        expect(rule.abstain).toMatch(/\.$/);
      } else expect(Object.values(rule.effects).some((p) => p !== 0)).toBe(true);
      for (const p of Object.values(rule.effects)) expect(Number.isInteger(p)).toBe(true);
    });

    it("names only real answers", () => {
      for (const k of [...conditionAnswers(rule.when), ...(rule.needs ?? [])]) expect(ANSWER_KEYS).toContain(k);
    });
  });

  it("puts abstaining rules before any rule that scores", () => {
    for (const f of FRAMEWORKS) {
      const firstScoring = f.rules.findIndex((r) => r.abstain === undefined);
      expect(f.rules.slice(firstScoring).every((r) => r.abstain === undefined), f.id).toBe(true);
    }
  });
});
