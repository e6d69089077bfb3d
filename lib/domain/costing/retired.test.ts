import { describe, expect, it } from "vitest";
import { DEFAULT_ASSUMPTIONS } from "./assumptions";
import { projectCosts } from "./project";
import { retiredNote, yearsProjected } from "./retired";

describe("a retired use case projects no spend after the year it was retired", () => {
  it("keeps the years of its horizon up to and including that year", () => {
    // The demo's sanctions screening: 2025 to 2027, retired in 2026.
    expect(yearsProjected(3, 2025, 2026)).toBe(2);
    expect(yearsProjected(3, 2025, 2025)).toBe(1);
    // Retired after its horizon ended, or not retired: the whole horizon.
    expect(yearsProjected(3, 2025, 2030)).toBe(3);
    expect(yearsProjected(3, 2025, null)).toBe(3);
    // Retired before its first year: nothing.
    expect(yearsProjected(3, 2027, 2026)).toBe(0);
  });

  it("projected over those years, its lifecycle is their sum and has no year after retirement", () => {
    const assessment = { changeFrequency: "daily", maxLagDays: 1, needsCitations: true, corpusDocuments: 20_000, monthlyCalls: 5_000 } as const;
    const whole = projectCosts({ assessment, horizonYears: 3, startYear: 2025, assumptions: DEFAULT_ASSUMPTIONS });
    const retired = projectCosts({ assessment, horizonYears: yearsProjected(3, 2025, 2026), startYear: 2025, assumptions: DEFAULT_ASSUMPTIONS });
    const rag = retired.approaches.RAG!;
    expect(rag.yearly.map((y) => y.calendarYear)).toEqual([2025, 2026]);
    expect(retired.lines.some((l) => l.calendarYear > 2026)).toBe(false);
    expect(rag.lifecycle.base).toBe(whole.approaches.RAG!.yearly.slice(0, 2).reduce((s, y) => s + y.base, 0));
    expect(rag.lifecycle.base).toBeLessThan(whole.approaches.RAG!.lifecycle.base);
  });

  it("says so where the figures are shown", () => {
    expect(retiredNote(2026, 2025)).toBe("Retired in 2026: no spend projected after it. Its lifecycle cost, here, in the portfolio and in the exports, counts only the years up to 2026.");
    expect(retiredNote(2026, 2027)).toBe("Retired in 2026, before its first year (2027): no spend projected, here, in the portfolio or in the exports.");
    expect(retiredNote(null, 2025)).toBeNull();
  });
});
