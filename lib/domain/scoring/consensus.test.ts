import { describe, expect, it } from "vitest";
import { APPROACHES, type Approach } from "../assessment";
import { SEED_FILES } from "../assessment-help";
import { computeConsensus, effectiveWeights } from "./consensus";
import { FRAMEWORKS } from "./frameworks";
import type { FrameworkResult } from "./types";

function result(id: string, recommendation: Approach | null, fit: Partial<Record<Approach, number>> = {}): FrameworkResult {
  const full = Object.fromEntries(APPROACHES.map((a) => [a, fit[a] ?? 50])) as Record<Approach, number>;
  return {
    frameworkId: id,
    title: id,
    source: SEED_FILES["000"],
    version: "1.0.0",
    abstained: recommendation === null,
    recommendation,
    fit: full,
    missing: [],
    trace: [],
  };
}

describe("consensus", () => {
  it("is the approach most frameworks pick, with agreement as votes of voters", () => {
    const c = computeConsensus([result("a", "RAG"), result("b", "RAG"), result("c", "FINE_TUNING"), result("d", "RAG"), result("e", "HYBRID")]);
    expect(c).toEqual({ consensus: "RAG", agreement: { votes: 3, voters: 5 }, disagreement: true });
  });

  it("has no disagreement when every voter agrees; abstainers are not voters", () => {
    const c = computeConsensus([result("a", "AGENT"), result("b", null), result("c", null)]);
    expect(c).toEqual({ consensus: "AGENT", agreement: { votes: 1, voters: 1 }, disagreement: false });
  });

  it("weighs votes by the organization's weights; agreement still counts frameworks", () => {
    const rs = [result("a", "RAG"), result("b", "RAG"), result("c", "FINE_TUNING")];
    expect(computeConsensus(rs, { c: 3 })).toEqual({ consensus: "FINE_TUNING", agreement: { votes: 1, voters: 3 }, disagreement: true });
    expect(computeConsensus(rs, { c: 2 }).consensus).toBe("RAG"); // 2 against 2: tie, see below
  });

  it("drops a framework with weight 0 from the vote", () => {
    const rs = [result("a", "RAG"), result("b", "FINE_TUNING"), result("c", "FINE_TUNING")];
    expect(computeConsensus(rs, { b: 0, c: 0 })).toEqual({ consensus: "RAG", agreement: { votes: 1, voters: 1 }, disagreement: false });
    expect(computeConsensus(rs, { a: 0, b: 0, c: 0 })).toEqual({ consensus: null, agreement: { votes: 0, voters: 0 }, disagreement: false });
  });

  it("breaks a tie in votes by the higher summed weighted fit", () => {
    const rs = [result("a", "RAG", { RAG: 70, HYBRID: 60 }), result("b", "HYBRID", { RAG: 55, HYBRID: 90 })];
    expect(computeConsensus(rs).consensus).toBe("HYBRID"); // HYBRID 150 against RAG 125
    expect(computeConsensus([...rs].reverse()).consensus).toBe("HYBRID");
    expect(computeConsensus(rs, { a: 2, b: 2 }).consensus).toBe("HYBRID");
  });

  it("then by the fixed approach order, whatever the order of the results", () => {
    const rs = [result("a", "FINE_TUNING", { RAG: 60, FINE_TUNING: 60 }), result("b", "RAG", { RAG: 60, FINE_TUNING: 60 })];
    expect(computeConsensus(rs).consensus).toBe("RAG");
    expect(computeConsensus([...rs].reverse()).consensus).toBe("RAG");
  });

  it("has no consensus when every framework abstains", () => {
    expect(computeConsensus([result("a", null), result("b", null)])).toEqual({ consensus: null, agreement: { votes: 0, voters: 0 }, disagreement: false });
    expect(computeConsensus([])).toEqual({ consensus: null, agreement: { votes: 0, voters: 0 }, disagreement: false });
  });
});

describe("effective weights", () => {
  it("gives every framework a weight: 1 when missing or not a number, 0 when negative", () => {
    const w = effectiveWeights(FRAMEWORKS, { "three-questions": 2.5, "decision-tree": -1, "behaviour-vs-knowledge": Number.NaN, unknown: 9 });
    expect(w).toEqual({ "three-questions": 2.5, "decision-tree": 0, "behaviour-vs-knowledge": 1, "start-with-rag": 1, "when-to-use": 1 });
  });
});
