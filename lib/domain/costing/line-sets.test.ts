import { describe, expect, it } from "vitest";
import { DEFAULT_ASSUMPTIONS } from "./assumptions";
import { LineSetError, lineSets, linesOf, yearSets, type StoredLine, type StoredYear } from "./line-sets";
import { projectCosts } from "./project";

const line = (approach: string, category: string, yearIndex: number, base: number | null, extra: Partial<StoredLine<number>> = {}): StoredLine<number> => ({
  approach, category, yearIndex, calendarYear: 2026 + yearIndex, lowCents: base, baseCents: base, highCents: base, manual: false, ...extra,
});

describe("cost lines stored as sets", () => {
  it("groups a use case's lines by approach, category by category in the order of each one's first line, years in order", () => {
    const lines = [
      line("RAG", "INFERENCE", 2, 11), line("RAG", "BUILD", 1, 100), line("RAG", "INFERENCE", 1, 10),
      line("FINE_TUNING", "TRAINING", 1, 500), line("RAG", "INFERENCE", 3, 12), line("RAG", "BUILD", 2, 0),
    ];
    expect(lineSets(lines)).toEqual([
      {
        approach: "RAG", manual: false,
        category: ["INFERENCE", "INFERENCE", "INFERENCE", "BUILD", "BUILD"], yearIndex: [1, 2, 3, 1, 2], calendarYear: [2027, 2028, 2029, 2027, 2028],
        lowCents: [10, 11, 12, 100, 0], baseCents: [10, 11, 12, 100, 0], highCents: [10, 11, 12, 100, 0],
      },
      { approach: "FINE_TUNING", manual: false, category: ["TRAINING"], yearIndex: [1], calendarYear: [2027], lowCents: [500], baseCents: [500], highCents: [500] },
    ]);
  });

  it("keeps a year with no line apart from a line whose figures are missing", () => {
    const [set] = lineSets([line("RAG", "MAINTENANCE", 1, 5), line("RAG", "MAINTENANCE", 3, null)]);
    expect(set!.yearIndex).toEqual([1, 3]);
    expect(set!.baseCents).toEqual([5, null]);
    expect(linesOf([set!])).toEqual([line("RAG", "MAINTENANCE", 1, 5), line("RAG", "MAINTENANCE", 3, null)]);
  });

  it("sorts each category's lines by year whatever order they come in", () => {
    const [set] = lineSets([line("RAG", "INFERENCE", 3, 3), line("RAG", "INFERENCE", 1, 1), line("RAG", "INFERENCE", 2, 2)]);
    expect(set!.yearIndex).toEqual([1, 2, 3]);
    expect(set!.baseCents).toEqual([1, 2, 3]);
    expect(set!.calendarYear).toEqual([2027, 2028, 2029]);
  });

  it("refuses two lines of one category and year, mixed manual flags within an approach, and more lines than a set holds, in words", () => {
    expect(() => lineSets([line("RAG", "INFERENCE", 1, 1), line("RAG", "INFERENCE", 1, 2)])).toThrow(new LineSetError("Two lines of RAG INFERENCE in year 1."));
    expect(() => lineSets([line("RAG", "X", 1, 1), line("RAG", "X", 2, 2, { manual: true })])).toThrow(LineSetError);
    expect(() => lineSets([line("RAG", "X", 1, 1), line("RAG", "Y", 1, 2, { manual: true })])).toThrow(new LineSetError("Lines of RAG disagree on being a manual estimate (X and Y)."));
    const many = Array.from({ length: 256 }, (_, i) => line("RAG", `C${i % 16}`, 1 + Math.floor(i / 16), 1));
    expect(() => lineSets(many)).toThrow(new LineSetError("More than 255 lines of RAG."));
    expect(lineSets(many.slice(0, 255))[0]!.yearIndex).toHaveLength(255);
  });

  it("holds every line of a real projection, and gives them back as they were (one row per approach)", () => {
    const p = projectCosts({ assessment: { monthlyCalls: 50_000, changeFrequency: "monthly", labeledExamples: 5_000 }, horizonYears: 5, startYear: 2027, assumptions: DEFAULT_ASSUMPTIONS });
    const stored = p.lines.map((l) => ({ approach: l.approach, yearIndex: l.yearIndex, calendarYear: l.calendarYear, category: l.category, lowCents: l.low, baseCents: l.base, highCents: l.high, manual: l.manual }));
    const sets = lineSets(stored);
    const key = (l: StoredLine<number>) => `${l.approach} ${l.yearIndex} ${l.category}`;
    expect(new Map(linesOf(sets).map((l) => [key(l), l]))).toEqual(new Map(stored.map((l) => [key(l), l])));
    expect(linesOf(sets)).toHaveLength(stored.length);
    expect(sets.map((s) => s.approach)).toEqual([...new Set(stored.map((l) => l.approach))]);
    expect(sets.length).toBeLessThan(stored.length / 10);
    // Within one approach and year, the lines come back in the projection's order of categories.
    const order = (ls: StoredLine<number>[]) => ls.filter((l) => l.approach === "RAG" && l.yearIndex === 2).map((l) => l.category);
    const byYear = [...linesOf(sets)].sort((a, b) => a.yearIndex - b.yearIndex);
    expect(order(byYear)).toEqual(order(stored));
  });
});

describe("yearly totals stored as sets", () => {
  const year = (approach: string, yearIndex: number, base: number, complete = true, manual = false): StoredYear<number> => ({
    approach, yearIndex, calendarYear: 2026 + yearIndex, lowCents: base - 1, baseCents: base, highCents: base + 1, complete, manual,
  });
  it("holds one approach's years in order, with each year's completeness", () => {
    expect(yearSets([year("RAG", 2, 20, false), year("RAG", 1, 10), year("FINE_TUNING", 1, 5)])).toEqual([
      { approach: "RAG", manual: false, yearIndex: [1, 2], calendarYear: [2027, 2028], lowCents: [9, 19], baseCents: [10, 20], highCents: [11, 21], complete: [true, false] },
      { approach: "FINE_TUNING", manual: false, yearIndex: [1], calendarYear: [2027], lowCents: [4], baseCents: [5], highCents: [6], complete: [true] },
    ]);
  });
  it("refuses two totals of one year and mixed manual flags, in words", () => {
    expect(() => yearSets([year("RAG", 1, 1), year("RAG", 1, 2)])).toThrow(new LineSetError("Two totals of RAG for year 1."));
    expect(() => yearSets([year("RAG", 1, 1), year("RAG", 2, 2, true, true)])).toThrow(LineSetError);
  });
});
