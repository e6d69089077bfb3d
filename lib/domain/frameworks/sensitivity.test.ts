/**
 * "What would change it", piece by piece, with stand-in re-scorers whose answers are known: the
 * thresholds read off the frameworks, which changes are tried and in what order, and each way an
 * answer is put into words (the whole scoring is held by explanations.test.ts).
 */
import { describe, expect, it } from "vitest";
import type { Approach, Assessment } from "../assessment";
import { DECIDING_KEYS } from "./evidence";
import { nearestChanges, rankUnanswered, THRESHOLDS, whatWouldChange, type Rescore } from "./sensitivity";

/** A re-scorer that shows `pick` of the changed assessment, raw and shown alike. */
const by = (pick: (a: Assessment) => Approach | null, votes = 1): Rescore => (a) => ({ raw: pick(a), shown: pick(a), votesFor: () => ({ votes, voters: 3 }) });

describe("what would change it", () => {
  it("tries each numeric answer at the thresholds the frameworks test it against", () => {
    expect(Object.fromEntries(THRESHOLDS)).toEqual({
      maxLagDays: [7, 30],
      corpusDocuments: [10_000],
      weeksToProduction: [5],
      labeledExamples: [200],
      latencyBudgetMs: [1_000],
      monthlyCalls: [1_000_000],
    });
  });

  it("says a prompted baseline's result in words, from each result to each other", () => {
    const pick = (a: Assessment): Approach => (a.promptedBaselineMeetsBar === "no" ? "FINE_TUNING" : a.promptedBaselineMeetsBar === "yes" ? "PROMPTING" : "RAG");
    const say = (from: Assessment["promptedBaselineMeetsBar"]) => nearestChanges({ promptedBaselineMeetsBar: from }, pick({ promptedBaselineMeetsBar: from }), by(pick), null).changes.map((c) => c.sentence);
    expect(say("untested")).toEqual(["If a prompted base model met the bar (now untested), the recommendation would be Prompting only."]);
    expect(say("yes")).toEqual(["If a prompted base model fell short (now it meets the bar), the recommendation would be Fine-tuning."]);
    expect(say("no")).toEqual(["If a prompted base model met the bar (now it falls short), the recommendation would be Prompting only."]);
  });

  it("says each core need in words, and a recommendation lost as 'no recommendation'", () => {
    const only = (need: Assessment["coreNeed"], to: Approach | null) => by((a) => (a.coreNeed === need ? to : "RAG"));
    const say = (need: Assessment["coreNeed"], to: Approach | null) => nearestChanges({ coreNeed: "retrieval" }, "RAG", only(need, to), null).changes.map((c) => c.sentence);
    expect(say("both", "HYBRID")).toEqual(["If the core need were both retrieval and reasoning (now retrieval), the recommendation would be Hybrid."]);
    expect(say("neither", "PROMPTING")).toEqual(["If the core need were neither retrieval nor reasoning (now retrieval), the recommendation would be Prompting only."]);
    expect(say("reasoning", null)).toEqual(["If the core need were reasoning (now retrieval), the recommendation would be no recommendation."]);
  });

  it("says how often the knowledge changes in words: in real time, daily, …, static", () => {
    const only = (to: Assessment["changeFrequency"]) => by((a) => (a.changeFrequency === to ? "FINE_TUNING" : "RAG"));
    const say = (from: Assessment["changeFrequency"], to: Assessment["changeFrequency"]) => nearestChanges({ changeFrequency: from }, "RAG", only(to), null).changes.map((c) => c.sentence);
    expect(say("annually", "static")).toEqual(["If the knowledge were static (now annually), the recommendation would be Fine-tuning."]);
    expect(say("static", "quarterly")).toEqual(["If the knowledge changed quarterly (now static), the recommendation would be Fine-tuning."]);
    expect(say("daily", "weekly")).toEqual(["If the knowledge changed weekly (now daily), the recommendation would be Fine-tuning."]);
    const fast = (a: Assessment): Approach => (a.changeFrequency === "realtime" ? "RAG" : "FINE_TUNING");
    expect(nearestChanges({ changeFrequency: "daily" }, "FINE_TUNING", by(fast), null).changes.map((c) => c.sentence)).toEqual([
      "If the knowledge changed in real time (now daily), the recommendation would be RAG.",
    ]);
    expect(nearestChanges({ changeFrequency: "realtime" }, "RAG", by(fast), null).changes[0]?.sentence).toBe("If the knowledge changed daily (now in real time), the recommendation would be Fine-tuning.");
  });

  it("tries the nearest change of how often the knowledge changes first, one step either way, never the same value", () => {
    const seen: string[] = [];
    const record: Rescore = (a) => {
      seen.push(String(a.changeFrequency));
      return { raw: "RAG", shown: "RAG", votesFor: () => ({ votes: 1, voters: 3 }) };
    };
    nearestChanges({ changeFrequency: "weekly" }, "RAG", record, null);
    expect(seen).toEqual(["daily", "monthly", "realtime", "quarterly", "annually", "static"].slice(0, seen.length));
    expect(seen).not.toContain("weekly");
  });

  it("lists up to three changes, one per answer, nearest first, and stops past the first by more than 1.5", () => {
    // Every change flips it: the evaluation set (cost 1), labeled examples up to the threshold (1 + the
    // log distance, 1.12), then format and citations (2 each; format comes first among the answers).
    const a: Assessment = { labeledExamples: 150, evaluationSetExists: false, needsCitations: false, needsStyleOrFormat: false, coreNeed: "retrieval" };
    const changes = nearestChanges(a, "RAG", by(() => "HYBRID"), null).changes;
    expect(changes.map((c) => `${c.answer} ${String(c.from)} → ${String(c.to)}`)).toEqual(["evaluationSetExists false → true", "labeledExamples 150 → 200", "needsStyleOrFormat false → true"]);
    expect(changes[1]!.sentence).toBe("If there were 200 labeled examples (now 150), the recommendation would be Hybrid.");
    expect(nearestChanges(a, "RAG", by(() => "HYBRID"), null, 1).changes).toHaveLength(1);
    // Only the far change flips it (the core need, 2.5, is within 1.5 of nothing before it): it is still found, alone.
    expect(nearestChanges(a, "RAG", by((x) => (x.coreNeed !== "retrieval" ? "PROMPTING" : "RAG")), null).changes.map((c) => c.answer)).toEqual(["coreNeed"]);
  });

  it("never offers turning a structural 'yes' on, only off", () => {
    const tried: string[] = [];
    const record: Rescore = (a, key) => {
      tried.push(`${key}=${String(a[key])}`);
      return { raw: "AGENT", shown: "AGENT", votesFor: () => ({ votes: 1, voters: 1 }) };
    };
    nearestChanges({ needsToolUse: false, learnsFromFeedback: true }, "AGENT", record, null);
    expect(tried).toEqual(["learnsFromFeedback=false"]);
  });
});

describe("the unanswered questions", () => {
  it("names a question that moves nothing plainly, one that keeps a recommendation, and one that decides between three", () => {
    const none = rankUnanswered({}, by(() => null), null);
    expect(none.map((q) => q.answer)).toEqual([...DECIDING_KEYS]);
    expect(none[0]!.sentence).toBe(`Answer “${none[0]!.label.charAt(0).toLowerCase()}${none[0]!.label.slice(1)}”.`);
    expect(none.every((q) => q.outcomes.length === 0)).toBe(true);

    const three = rankUnanswered({}, by((a) => (a.changeFrequency === "realtime" ? "RAG" : a.changeFrequency === "monthly" ? "HYBRID" : a.changeFrequency === "static" ? "FINE_TUNING" : a.changeFrequency ? "RAG" : "PROMPTING")), "PROMPTING");
    expect(three[0]).toMatchObject({ answer: "changeFrequency", outcomes: ["RAG", "HYBRID", "FINE_TUNING"], sentence: "Answer “how often the underlying knowledge changes”: depending on it the recommendation would be RAG, Hybrid or Fine-tuning." });
    expect(three[1]!.sentence).toMatch(/^Answer “.+”: on its own it keeps the frameworks at Prompting only, but the evidence stays incomplete without it\.$/);
  });

  it("says a question every answer to which would leave no recommendation as such, never 'the recommendation would be no recommendation'", () => {
    const q = rankUnanswered({ changeFrequency: "weekly" }, by((a) => (a.coreNeed ? null : "RAG")), "RAG").find((x) => x.answer === "coreNeed")!;
    expect(q.sentence).toBe("Answer “core need”: whatever the answer, there would be no recommendation.");
  });

  it("leaves out the questions already answered, even when answered no or zero", () => {
    const answered = rankUnanswered({ changeFrequency: "monthly", needsStyleOrFormat: false, labeledExamples: 0 }, by(() => "RAG"), "RAG").map((q) => q.answer);
    expect(answered).not.toContain("changeFrequency");
    expect(answered).not.toContain("needsStyleOrFormat");
    expect(answered).not.toContain("labeledExamples");
    expect(answered).toHaveLength(DECIDING_KEYS.length - 3);
  });
});

describe("the prompted baseline", () => {
  const pick = (a: Assessment): Approach => (a.promptedBaselineMeetsBar === "no" ? "FINE_TUNING" : a.promptedBaselineMeetsBar === "yes" ? "PROMPTING" : "RAG");
  it("unanswered, is ranked by what each of its results leads to", () => {
    const q = rankUnanswered({}, by(pick), "RAG").find((x) => x.answer === "promptedBaselineMeetsBar")!;
    expect(q.outcomes).toEqual(["PROMPTING", "FINE_TUNING", "RAG"]);
  });
  it("untested, trying it is the nearest change of all; a result already measured is among the farthest", () => {
    const flipsBoth = by((a) => (a.promptedBaselineMeetsBar !== "untested" || a.needsCitations === true ? "PROMPTING" : "RAG"));
    const untested = nearestChanges({ promptedBaselineMeetsBar: "untested", needsCitations: false }, "RAG", flipsBoth, null).changes.map((c) => c.answer);
    expect(untested).toEqual(["promptedBaselineMeetsBar", "needsCitations"]);
    const measured = by((a) => (a.promptedBaselineMeetsBar !== "no" ? "PROMPTING" : a.needsCitations === true ? "HYBRID" : "RAG"));
    expect(nearestChanges({ promptedBaselineMeetsBar: "no", needsCitations: false }, "RAG", measured, null).changes.map((c) => c.answer)).toEqual(["needsCitations", "promptedBaselineMeetsBar"]);
  });
  it("tried and short of the bar, a change that would land on prompting alone is never offered; changing the result itself is", () => {
    // The frameworks here vote for prompting once citations are not needed, whatever the baseline.
    const votes = by((a) => (a.needsCitations === false ? "PROMPTING" : "RAG"));
    const failed = nearestChanges({ promptedBaselineMeetsBar: "no", needsCitations: true }, "RAG", votes, { votes: 1 });
    expect(failed.changes).toEqual([]);
    // Untried, the same change is a way the case could go.
    const untried = nearestChanges({ promptedBaselineMeetsBar: "untested", needsCitations: true }, "RAG", votes, { votes: 1 });
    expect(untried.changes.map((c) => [c.answer, c.newConsensus])).toEqual([["needsCitations", "PROMPTING"]]);
    // And where the baseline's own result is what changes, prompting is offered: it would then meet the bar.
    const byBaseline = by((a) => (a.promptedBaselineMeetsBar === "yes" ? "PROMPTING" : "RAG"));
    const flipped = nearestChanges({ promptedBaselineMeetsBar: "no" }, "RAG", byBaseline, { votes: 1 });
    expect(flipped.changes.map((c) => [c.answer, c.to, c.newConsensus])).toEqual([["promptedBaselineMeetsBar", "yes", "PROMPTING"]]);
  });
});

describe("answers stored as null", () => {
  it("are unanswered questions, never a value to change from", () => {
    const a = { coreNeed: null, labeledExamples: 5 } as unknown as Assessment;
    expect(rankUnanswered(a, by(() => "RAG"), "RAG").map((q) => q.answer)).toContain("coreNeed");
    const { changes } = nearestChanges(a, "RAG", by((x) => (x.coreNeed ? "FINE_TUNING" : "RAG")), { votes: 1 });
    expect(changes.map((c) => c.answer)).not.toContain("coreNeed");
  });
});

describe("ties", () => {
  it("unanswered questions that open as many outcomes keep the order of the deciding questions", () => {
    const ranked = rankUnanswered({}, by((a) => (a.retrainingBudget === false || a.coreNeed === "neither" ? "PROMPTING" : "RAG")), "RAG").map((q) => q.answer);
    expect(ranked).toEqual(["coreNeed", "retrainingBudget", "changeFrequency", "maxLagDays", "needsStyleOrFormat", "labeledExamples", "promptedBaselineMeetsBar"]);
  });
});

describe("the one sentence to read first", () => {
  it("with no deciding answer, no change is offered, whatever the other answers would do", () => {
    const none = whatWouldChange({ needsToolUse: true, monthlyCalls: 50_000 }, null, by((a) => (a.needsToolUse === false ? "RAG" : null)), null, "none");
    expect(none.changes).toEqual([]);
    expect(none.change).toBeNull();
  });

  it("when nothing nearby changes or weakens it, says so, naming the recommendation kept", () => {
    const all = Object.fromEntries(DECIDING_KEYS.map((k) => [k, k === "changeFrequency" ? "static" : k === "coreNeed" ? "retrieval" : k === "promptedBaselineMeetsBar" ? "no" : k === "maxLagDays" || k === "labeledExamples" ? 5 : false])) as Assessment;
    expect(whatWouldChange(all, "RAG", by(() => "RAG", 3), { votes: 3 }, "assessed").sentence).toBe("No single answer changes it, nor weakens it: every nearby answer keeps RAG.");
    expect(whatWouldChange(all, null, by(() => null, 0), { votes: 0 }, "assessed").sentence).toBe("No single answer changes it, nor weakens it: every nearby answer keeps no recommendation.");
    // A change that costs a vote, and none that flips it: the nearest weakening.
    expect(whatWouldChange(all, "RAG", by(() => "RAG", 2), { votes: 3 }, "assessed").sentence).toMatch(/^No single answer changes it\. The nearest that weakens it: if .+ \(now .+\), 2 of 3 voting frameworks would pick RAG\.$/);
  });

  it("with nothing answered, asks for the first three questions; provisional, names the question that matters most", () => {
    const none = whatWouldChange({}, null, by(() => null), null, "none");
    expect(none.sentence).toMatch(/^Not assessed yet\. Answer these first: “[^”]+”, “[^”]+”, “[^”]+”\.$/);
    expect(none.changes).toEqual([]);
    const provisional = whatWouldChange({ coreNeed: "retrieval" }, "RAG", by((a) => (a.changeFrequency === "static" ? "FINE_TUNING" : "RAG")), { votes: 1 }, "provisional");
    expect(provisional.sentence).toBe(provisional.unanswered[0]!.sentence);
    expect(provisional.unanswered[0]!.answer).toBe("changeFrequency");
  });
});
