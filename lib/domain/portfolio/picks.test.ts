import { describe, expect, it } from "vitest";
import { picksByApproach } from "./picks";

describe("the frameworks' picks beside a split vote", () => {
  it("groups them by approach, the most picked first, those with no pick last, so the line agrees with 'three lean to …, two differ'", () => {
    const picks = [
      { framework: "Three questions", approach: "FINE_TUNING" as const },
      { framework: "Ordered decision tree", approach: "HYBRID" as const },
      { framework: "Behaviour versus knowledge", approach: null },
      { framework: "Start with RAG", approach: "FINE_TUNING" as const },
      { framework: "When to use", approach: "FINE_TUNING" as const },
    ];
    expect(picksByApproach(picks)).toBe("Fine-tuning: Three questions, Start with RAG, When to use; Hybrid: Ordered decision tree; no pick: Behaviour versus knowledge");
  });

  it("orders equal groups as the approaches are ordered, and says nothing of an empty list", () => {
    expect(picksByApproach([{ framework: "A", approach: "HYBRID" }, { framework: "B", approach: "RAG" }])).toBe("RAG: B; Hybrid: A");
    expect(picksByApproach([])).toBe("");
    // A tie broken the recommendation's way: its group first.
    expect(picksByApproach([{ framework: "A", approach: "RAG" }, { framework: "B", approach: "PROMPTING" }], "PROMPTING")).toBe("Prompting only: B; RAG: A");
  });
});
