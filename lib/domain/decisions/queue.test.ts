import { describe, expect, it } from "vitest";
import { countByReason, queueReasons, sortQueue, type QueueFacts } from "./queue";

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
  ])("%s", (_n, facts, reasons) => {
    expect(queueReasons({ ...base, ...facts })).toEqual(reasons);
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
