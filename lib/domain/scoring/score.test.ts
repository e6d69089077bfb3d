/** scoreUseCase as the rest of the app sees it. */
import { describe, expect, it } from "vitest";
import { APPROACHES } from "../assessment";
import { FRAMEWORKS, renderCondition, scoreUseCase } from "./index";
import { NEUTRAL } from "./test-support";

describe("scoreUseCase", () => {
  it("scores an empty assessment: the frameworks that default to RAG vote, the rest wait for answers", () => {
    const r = scoreUseCase({});
    expect(r.frameworks.map((f) => f.frameworkId)).toEqual(FRAMEWORKS.map((f) => f.id));
    expect(r.frameworks.map((f) => f.recommendation)).toEqual([null, "RAG", null, "RAG", "RAG"]);
    expect(r.consensus).toBe("RAG");
    expect(r.agreement).toEqual({ votes: 3, voters: 3 });
    expect(r.disagreement).toBe(false);
    expect(r.flags).toEqual([]);
    for (const f of r.frameworks) expect(f.missing.length).toBeGreaterThan(0);
  });

  it("passes the chosen approach to the flags and ignores one that is not an approach", () => {
    const a = { ...NEUTRAL, changeFrequency: "weekly", needsCitations: true } as const;
    expect(scoreUseCase(a, { chosenApproach: "HYBRID" }).flags.map((f) => f.code)).toEqual(["CHOSEN_DIFFERS_FROM_CONSENSUS"]);
    expect(scoreUseCase(a, { chosenApproach: "NONSENSE" as never }).flags).toEqual([]);
  });

  it("uses retrainLagDays for staleness, 14 by default, and ignores an invalid one", () => {
    const a = { ...NEUTRAL, changeFrequency: "annually", coreNeed: "reasoning", needsStyleOrFormat: true, maxLagDays: 20 } as const;
    const stale = (o: object) => scoreUseCase(a, o).flags.some((f) => f.code === "STALENESS_EXCEEDS_ACCEPTABLE_LAG");
    expect(scoreUseCase(a).consensus).toBe("FINE_TUNING");
    expect(stale({})).toBe(false);
    expect(stale({ retrainLagDays: 28 })).toBe(true);
    expect(stale({ retrainLagDays: -5 })).toBe(false);
    expect(stale({ retrainLagDays: Number.NaN })).toBe(false);
  });

  it("weights can turn the consensus around", () => {
    const a = { ...NEUTRAL, changeFrequency: "quarterly", coreNeed: "reasoning", needsStyleOrFormat: true, labeledExamples: 40, maxLagDays: 60, promptedBaselineMeetsBar: "untested", retrainingBudget: false, weeksToProduction: 6 } as const;
    const even = scoreUseCase(a);
    expect(even.consensus).toBe("RAG");
    const prompting = scoreUseCase(a, { weights: { "behaviour-vs-knowledge": 3 } });
    expect(prompting.consensus).toBe("PROMPTING");
    expect(prompting.weights["behaviour-vs-knowledge"]).toBe(3);
    expect(prompting.agreement).toEqual({ votes: 2, voters: 5 });
  });

  it("returns plain data (JSON round-trips unchanged)", () => {
    const r = scoreUseCase({ ...NEUTRAL, evaluationSetExists: false }, { chosenApproach: "FINE_TUNING" });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("exposes the registry in a form the Frameworks page can print", () => {
    for (const f of FRAMEWORKS) {
      for (const rule of f.rules) {
        const text = renderCondition(rule.when);
        expect(text.length).toBeGreaterThan(0);
        for (const a of Object.keys(rule.effects)) expect(APPROACHES).toContain(a);
      }
    }
  });
});
