import { describe, expect, it } from "vitest";
import { countByReason, QUEUE_REASON_LABELS, QUEUE_REASONS, QUEUE_REASONS_FOR, queueReasons, sortQueue, warningText, type QueueFacts } from "./queue";

const base: QueueFacts = { status: "ASSESSING", recommendedApproach: "RAG", chosenApproach: null, riskFlags: [], decisionState: null };

describe("why a use case is in the queue", () => {
  it.each<[string, Partial<QueueFacts>, string[]]>([
    ["recommended, no decision", {}, ["undecided"]],
    ["not assessed: nothing to decide on", { recommendedApproach: null }, []],
    ["proposed: awaiting approval, not also undecided", { decisionState: "PROPOSED" }, ["awaiting-approval"]],
    ["sent back: undecided again", { decisionState: "SENT_BACK" }, ["undecided"]],
    ["sent back after an approval left a chosen approach: undecided again", { chosenApproach: "RAG", decisionState: "SENT_BACK" }, ["undecided"]],
    ["decided as recommended: nothing", { chosenApproach: "RAG" }, []],
    ["decided against the consensus", { chosenApproach: "FINE_TUNING" }, ["differs"]],
    ["to review", { chosenApproach: "RAG", decisionState: "TO_REVIEW" }, ["to-review"]],
    ["approved, budget awaiting finance", { chosenApproach: "RAG", decisionState: "APPROVED" }, ["budget"]],
    ["superseded by a decision recorded directly, as recommended: nothing", { chosenApproach: "RAG", decisionState: "SUPERSEDED" }, []],
    ["superseded by clearing the decision: undecided", { chosenApproach: null, decisionState: "SUPERSEDED" }, ["undecided"]],
    ["a risk flag", { chosenApproach: "RAG", riskFlags: ["NO_EVAL_SET"] }, ["risk"]],
    ["a retired use case's flags need nobody", { chosenApproach: "RAG", riskFlags: ["NO_EVAL_SET"], status: "RETIRED" }, []],
    ["retired with a recommendation and no decision: nobody decides how to build it", { status: "RETIRED" }, []],
    ["retired after a decision was sent back: not undecided either", { status: "RETIRED", chosenApproach: "RAG", decisionState: "SENT_BACK" }, []],
    ["retired, decided against the consensus: no longer differs", { status: "RETIRED", chosenApproach: "FINE_TUNING" }, []],
    ["retired with a proposal: it still awaits approval (or an executive sends it back)", { status: "RETIRED", decisionState: "PROPOSED" }, ["awaiting-approval"]],
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
  it("says which way the spend is outside its range, where known", () => {
    expect(warningText("outside-range", null, "below")).toBe("actual spend below its range");
    expect(warningText("outside-range", null, "above")).toBe("actual spend above its range");
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

describe("the queue's panels", () => {
  it("a decision with no recommendation to compare with does not differ from it", () => {
    expect(queueReasons({ ...base, recommendedApproach: null, chosenApproach: "RAG" })).toEqual([]);
  });

  it("labels each panel", () => {
    expect(QUEUE_REASON_LABELS).toEqual({
      "awaiting-approval": "Proposed, awaiting approval",
      "to-review": "Changed since approval",
      undecided: "Recommended, no decision",
      differs: "Decision differs from the consensus",
      risk: "Risk flags raised",
      "early-warning": "Actual spend early warning",
      budget: "Budget awaiting finance",
    });
  });

  it("finance sees only budgets; admins, executives and leads see every panel", () => {
    expect(QUEUE_REASONS_FOR.FINANCE).toEqual(["budget"]);
    for (const role of ["ADMIN", "EXECUTIVE", "LEAD"] as const) expect(QUEUE_REASONS_FOR[role]).toEqual([...QUEUE_REASONS]);
  });

  it("sorts to one order whatever order the rows come in: spend down, ties and the not costed by id", () => {
    const rows = [
      { ...base, id: "e", spendCents: 900 },
      { ...base, id: "b", spendCents: 100 },
      { ...base, id: "d", spendCents: 100 },
      { ...base, id: "a", spendCents: null },
      { ...base, id: "c", spendCents: null },
    ];
    const permutations = (xs: typeof rows): (typeof rows)[] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));
    for (const p of permutations(rows)) expect(sortQueue(p).map((r) => r.id)).toEqual(["e", "b", "d", "a", "c"]);
  });
});
