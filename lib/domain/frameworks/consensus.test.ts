/**
 * Consensus and agreement on frameworks' results made by hand: who votes, with what weight, why
 * the others did not, and the sentence a CTO reads (lib/domain/frameworks/consensus.ts).
 */
import { describe, expect, it } from "vitest";
import type { Approach } from "../assessment";
import { agreementSentence, consensusOf, tieOf, tieSentence, weightOf } from "./consensus";
import type { FrameworkResult } from "./types";

const NO_FIT: Record<Approach, number> = { RAG: 0, FINE_TUNING: 0, HYBRID: 0, PROMPTING: 0, AGENT: 0, PIPELINE: 0, FEEDBACK_LEARNING: 0 };

function result(id: string, over: Partial<FrameworkResult> = {}): FrameworkResult {
  return {
    frameworkId: id, title: `Framework ${id}`, source: "000.txt", version: "1.0.0", abstained: false,
    recommendation: null, fit: NO_FIT, missing: [], trace: [], ...over,
  };
}
const votesFor = (id: string, ap: Approach, fit: Partial<Record<Approach, number>> = {}) => result(id, { recommendation: ap, fit: { ...NO_FIT, [ap]: 50, ...fit } });
const fired: FrameworkResult["trace"] = [{ ruleId: "r", text: "A rule that moves no approach.", effects: {}, cite: { file: "000.txt", quote: "q" } }];

describe("weights", () => {
  it("a weight that is not a finite number of zero or more counts as 1; zero and fractions count as given", () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -1, "2", null, undefined]) expect(weightOf({ x: bad as number }, "x"), String(bad)).toBe(1);
    expect(weightOf({}, "x")).toBe(1);
    for (const good of [0, 0.5, 2]) expect(weightOf({ x: good }, "x")).toBe(good);
  });
  it("a framework with a bad weight still votes, with weight 1", () => {
    const c = consensusOf([votesFor("a", "RAG"), votesFor("b", "PROMPTING"), votesFor("c", "PROMPTING")], { a: -3, b: 1, c: 1 });
    expect(c.consensus).toBe("PROMPTING");
    expect(c.agreement).toMatchObject({ votes: 2, voters: 3 });
  });
  it("weights decide between two approaches with as many votes each", () => {
    const picks = [votesFor("a", "RAG"), votesFor("b", "FINE_TUNING")];
    expect(consensusOf(picks, { a: 2, b: 1 }).consensus).toBe("RAG");
    expect(consensusOf(picks, { a: 1, b: 2 }).consensus).toBe("FINE_TUNING");
  });
});

describe("who did not vote, and why", () => {
  const results = [
    votesFor("voter", "RAG"),
    result("off", { recommendation: "FINE_TUNING" }),
    result("outside", { abstained: true, abstainShort: "tool use is outside their source" }),
    result("outside-unsaid", { abstained: true }),
    result("unanswered", { unanswered: true }),
    result("undecided", { trace: fired }),
  ];
  it("names each with its reason, in the frameworks' order", () => {
    const c = consensusOf(results, { off: 0 });
    expect(c.agreement.abstained).toEqual([
      { frameworkId: "off", title: "Framework off", why: "turned off by the organization's weights" },
      { frameworkId: "outside", title: "Framework outside", why: "tool use is outside their source" },
      { frameworkId: "outside-unsaid", title: "Framework outside-unsaid", why: "the case is outside their source" },
      { frameworkId: "unanswered", title: "Framework unanswered", why: "none of their questions is answered yet" },
      { frameworkId: "undecided", title: "Framework undecided", why: "nothing they weigh points to an approach" },
    ]);
    expect(c).toMatchObject({ consensus: "RAG", agreement: { votes: 1, voters: 1 }, disagreement: false });
  });
  it("re-scoring leaves the names out but counts the same", () => {
    const lean = consensusOf(results, { off: 0 }, true);
    expect(lean.agreement).toEqual({ votes: 1, voters: 1, abstained: [] });
  });
  it("with nobody voting there is no consensus, no disagreement, and the reasons are kept", () => {
    const c = consensusOf([result("outside", { abstained: true, abstainShort: "tool use is outside their source" }), result("unanswered")], {});
    expect(c).toEqual({
      consensus: null,
      disagreement: false,
      agreement: { votes: 0, voters: 0, abstained: [expect.objectContaining({ frameworkId: "outside" }), expect.objectContaining({ frameworkId: "unanswered" })] },
    });
  });
});

describe("the agreement sentence", () => {
  const off = (id: string, why: string) => ({ frameworkId: id, title: id, why });
  it("says how many differ, in words up to seven and in figures beyond", () => {
    expect(agreementSentence({ votes: 4, voters: 5, abstained: [] })).toBe("4 of 5 voting agree, one differs");
    expect(agreementSentence({ votes: 1, voters: 4, abstained: [] })).toBe("1 of 4 voting agree, three differ");
    const words = ["one", "two", "three", "four", "five", "six", "seven"];
    for (let n = 1; n <= 7; n++) expect(agreementSentence({ votes: 1, voters: n + 1, abstained: [] })).toBe(`1 of ${n + 1} voting agree, ${words[n - 1]} ${n === 1 ? "differs" : "differ"}`);
    expect(agreementSentence({ votes: 1, voters: 9, abstained: [] })).toBe("1 of 9 voting agree, 8 differ");
  });
  it("names each reason once, however many share it, and how many each where they differ", () => {
    const abstained = [off("a", "tool use is outside their source"), off("b", "tool use is outside their source"), off("c", "turned off by the organization's weights")];
    expect(agreementSentence({ votes: 2, voters: 2, abstained })).toBe(
      "2 of 2 voting agree; 3 abstained (2: tool use is outside their source; 1: turned off by the organization's weights)",
    );
    // One reason for all: no count, "3 abstained" says it.
    expect(agreementSentence({ votes: 2, voters: 2, abstained: abstained.slice(0, 2) })).toBe("2 of 2 voting agree; 2 abstained (tool use is outside their source)");
  });
  it("when nobody voted, says so, with the reasons when there are any", () => {
    expect(agreementSentence({ votes: 0, voters: 0, abstained: [off("a", "none of their questions is answered yet")] })).toBe("No framework voted (none of their questions is answered yet).");
    expect(agreementSentence({ votes: 0, voters: 0, abstained: [] })).toBe("No framework voted.");
  });
});

describe("a tie on votes, said", () => {
  it("names the approach it tied with and the fits that broke it", () => {
    const results = [votesFor("a", "RAG", { PROMPTING: 10 }), votesFor("b", "PROMPTING", { PROMPTING: 70 }), votesFor("c", "FINE_TUNING")];
    // RAG and prompting have a vote each; prompting's fits add to 80 (10 + 70), RAG's to 50.
    const c = consensusOf(results, {});
    expect(c.consensus).toBe("PROMPTING");
    const tie = tieOf(results, {}, c.consensus)!;
    expect(tie).toEqual({ with: "RAG", fit: 80, withFit: 50, weighted: false, seedsFirst: true });
    expect(tieSentence("Prompting only", "RAG", tie)).toBe("tied with RAG on votes; Prompting only fits better across the voters (their scores for it add up to 80, against 50 for RAG)");
  });
  it("of those it tied with, names the one that fits best; none when the votes did not tie", () => {
    const three = [votesFor("a", "RAG"), votesFor("b", "HYBRID", { HYBRID: 60 }), votesFor("c", "FINE_TUNING", { FINE_TUNING: 90 })];
    expect(tieOf(three, {}, consensusOf(three, {}).consensus)).toMatchObject({ with: "HYBRID", fit: 90, withFit: 60 });
    const clear = [votesFor("a", "RAG"), votesFor("b", "RAG"), votesFor("c", "FINE_TUNING", { FINE_TUNING: 90 })];
    expect(tieOf(clear, {}, "RAG")).toBeNull();
    expect(tieOf(clear, {}, null)).toBeNull();
  });
  it("weighted votes and fits are said as weighted, to one decimal", () => {
    const results = [votesFor("a", "RAG", { RAG: 50 }), votesFor("b", "FINE_TUNING", { FINE_TUNING: 41 }), votesFor("c", "FINE_TUNING", { FINE_TUNING: 41 })];
    // RAG 1.5 against fine-tuning's 0.75 + 0.75: tied; fits 75 against 61.5.
    const w = { a: 1.5, b: 0.75, c: 0.75 };
    const c = consensusOf(results, w);
    const tie = tieOf(results, w, c.consensus)!;
    expect([c.consensus, tie]).toEqual(["RAG", { with: "FINE_TUNING", fit: 75, withFit: 61.5, weighted: true, seedsFirst: true }]);
    expect(tieSentence("RAG", "Fine-tuning", tie)).toBe("tied with Fine-tuning on weighted votes; RAG fits better across the voters (their weighted scores for it add up to 75, against 61.5 for Fine-tuning)");
  });
  it.each([
    // A tie on fit too goes to the simpler approach, and says so.
    [["RAG", "PROMPTING"], "PROMPTING", "Prompting only", "RAG", "tied with RAG on votes and fit; Prompting only comes first as the simpler to undo (002: validate a prompted base model first; 003, 004: start with RAG)"],
    // Past prompting and RAG, the fixed order settles it, and the sentence says only that (a hybrid is no simpler to undo than fine-tuning).
    [["FINE_TUNING", "HYBRID"], "HYBRID", "Hybrid", "Fine-tuning", "tied with Fine-tuning on votes and fit; Hybrid comes first by the fixed order that settles such ties (prompting, RAG, hybrid, fine-tuning, then the rest)"],
  ] as const)("a tie on fit too between %j goes to %s, and says why", (picks, winner, winnerLabel, otherLabel, sentence) => {
    const results = [votesFor("a", picks[0]), votesFor("b", picks[1])];
    const c = consensusOf(results, {});
    expect(c.consensus).toBe(winner);
    expect(tieSentence(winnerLabel, otherLabel, tieOf(results, {}, c.consensus)!)).toBe(sentence);
  });
});
