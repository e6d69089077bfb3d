import { describe, expect, it } from "vitest";
import { untriedPrompting, untriedPromptingNote } from "./untried-prompting";

describe("prompting counted as serving where no prompted base model has been tried", () => {
  it("says so where it is named the cheapest, and nowhere else", () => {
    expect(untriedPromptingNote("PROMPTING", { promptedBaselineMeetsBar: "untested" })).toMatch(/^Prompting only is counted as able to serve it because no prompted base model has been tried and found short/);
    expect(untriedPromptingNote("PROMPTING", {})).not.toBeNull();
    // Tried: met (nothing rests on a guess) or fell short (then it is not counted as serving at all).
    expect(untriedPromptingNote("PROMPTING", { promptedBaselineMeetsBar: "yes" })).toBeNull();
    expect(untriedPromptingNote("PROMPTING", { promptedBaselineMeetsBar: "no" })).toBeNull();
    expect(untriedPromptingNote("RAG", { promptedBaselineMeetsBar: "untested" })).toBeNull();
    expect(untriedPromptingNote("PROMPTING", null)).toBeNull();
    expect(untriedPrompting("RAG", {})).toBe("");
  });
});
