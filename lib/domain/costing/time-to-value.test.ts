import { describe, expect, it } from "vitest";
import { DEFAULT_ASSUMPTIONS } from "./assumptions";
import { projectCosts } from "./project";
import { timeToValueKey, timeToValueNote } from "./time-to-value";

describe("where each approach's time to value comes from", () => {
  it("is the assumption the projection reads for it: prompting RAG's, hybrid fine-tuning's, an estimate none", () => {
    const p = projectCosts({ assessment: { monthlyCalls: 1000 }, horizonYears: 1, startYear: 2027, assumptions: DEFAULT_ASSUMPTIONS });
    for (const ap of ["RAG", "FINE_TUNING", "HYBRID", "PROMPTING"] as const) {
      const v = DEFAULT_ASSUMPTIONS.values[timeToValueKey(ap)!];
      expect(p.approaches[ap]!.timeToValueWeeks, ap).toEqual({ low: v.low, base: v.base, high: v.high });
    }
    expect(timeToValueKey("PROMPTING")).toBe("ragTimeToValueWeeks");
    expect(timeToValueKey("HYBRID")).toBe("ftTimeToValueWeeks");
    expect(timeToValueKey("AGENT")).toBeNull();
  });

  it("says plainly that prompting is given RAG's figure and why, and names the assumption and its source", () => {
    const note = timeToValueNote(["RAG", "FINE_TUNING", "HYBRID", "PROMPTING"])!;
    expect(note).toContain("RAG's and prompting's time to value is the assumption “RAG (and prompting only) time to value”, by default RAG's days to a week from the article “Fine-Tuning vs. RAG, Which Approach is Right for Your Business?”");
    expect(note).toContain("No source gives a figure for prompting alone, so it is given RAG's: the most it should take, since it builds no index to fill.");
    expect(note).toContain("the hybrid is given fine-tuning's because it is in production only when its fine-tune is.");
  });

  it("names only the approaches shown, and an estimate's missing figure as such", () => {
    expect(timeToValueNote(["RAG"])).toBe("RAG's time to value is the assumption “RAG (and prompting only) time to value”, by default RAG's days to a week from the article “Fine-Tuning vs. RAG, Which Approach is Right for Your Business?”.");
    expect(timeToValueNote(["PROMPTING"])).toMatch(/^Prompting's time to value is .* No source gives a figure for prompting alone/);
    expect(timeToValueNote(["FINE_TUNING"])).toBe("Fine-tuning's time to value is the assumption “Fine-tuning (and hybrid) time to value”, by default the eight weeks of the article “Fine-Tuning vs. RAG, Which Approach is Right for Your Business?”.");
    expect(timeToValueNote(["AGENT"])).toBe("Agent with tools: no time to value, priced from an estimate that gives none.");
    expect(timeToValueNote([])).toBeNull();
  });
});
