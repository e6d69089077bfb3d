import { describe, expect, it } from "vitest";
import { countByReason, queueReasons, sortQueue, warningText, type QueueFacts } from "./queue";

const base: QueueFacts = { status: "ASSESSING", recommendedApproach: "RAG", chosenApproach: null, riskFlags: [], decisionState: null };

describe("why a use case is in the queue", () => {
  it.each<[string, Partial<QueueFacts>, string[]]>([
    ["recommended, no decision", {}, ["undecided"]],
    ["not assessed: nothing to decide on", { recommendedApproach: null }, []],
    ["proposed: awaiting approval, not also undecided", { decisionState: "PROPOSED" }, ["awaiting-approval"]],
    ["sent back: undecided again", { decisionState: "SENT_BACK" }, ["undecided"]],
    ["decided as recommended: nothing", { chosenApproach: "RAG" }, []],
    ["decided against the consensus", { chosenApproach: "FINE_TUNING" }, ["differs"]],
    ["to review", { chosenApproach: "RAG", decisionState: "TO_REVIEW" }, ["to-review"]],
    ["approved, budget awaiting finance", { chosenApproach: "RAG", decisionState: "APPROVED" }, ["budget"]],
    ["a risk flag", { chosenApproach: "RAG", riskFlags: ["NO_EVAL_SET"] }, ["risk"]],
    ["a retired use case's flags need nobody", { chosenApproach: "RAG", riskFlags: ["NO_EVAL_SET"], status: "RETIRED" }, []],
    ["several at once", { chosenApproach: "HYBRID", riskFlags: ["X"] }, ["differs", "risk"]],
    ["an early warning on its actual spend", { chosenApproach: "RAG", warningFlags: ["outside-range"] }, ["early-warning"]],
    ["an early warning beside other reasons, once", { chosenApproach: "HYBRID", decisionState: "APPROVED", warningFlags: ["outside-range", "over-budget"] }, ["differs", "early-warning", "budget"]],
  ])("%s", (_n, facts, reasons) => {
    expect(queueReasons({ ...base, ...facts })).toEqual(reasons);
  });
});

describe("an early warning as the queue says it", () => {
  it.each<[Parameters<typeof warningText>[0], number | null, string]>([
    ["outside-range", null, "actual spend outside its range"],
    ["over-budget", 11, "will pass its approved budget by November"],
    ["over-budget", null, "will pass its approved budget this year"],
  ])("%s, month %s: %s", (flag, month, text) => {
    expect(warningText(flag, month)).toBe(text);
  });
});

describe("the queue's order and counts", () => {
  it("sorts by projected spend, largest first, not costed last", () => {
    const rows = [
      { ...base, id: "a", spendCents: 100 },
      { ...base, id: "b", spendCents: null },
      { ...base, id: "c", spendCents: 900 },
      { ...base, id: "d", spendCents: 100 },
    ];
    expect(sortQueue(rows).map((r) => r.id)).toEqual(["c", "a", "d", "b"]);
  });
  it("counts a use case in every panel it belongs to", () => {
    const counts = countByReason([{ reasons: ["differs", "risk"] }, { reasons: ["risk"] }]);
    expect(counts).toMatchObject({ differs: 1, risk: 2, undecided: 0 });
  });
});
