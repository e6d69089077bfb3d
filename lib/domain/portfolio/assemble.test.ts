import { describe, expect, it } from "vitest";
import { approachTotals, asChosenCounts, differingUseCases, inScenario, percentOf, savingsBetween, scenarioSummaries, scenarioYears, spendByYear, yearRange } from "./assemble";
import { niceTicks, savingText } from "./format";
import { compactDollars, dollarRange, dollars } from "../money";
import type { CostCell, CoverageGroup, IncompleteCounts } from "./types";

const cell = (c: Partial<CostCell> & Pick<CostCell, "calendarYear" | "approach">): CostCell => ({ asChosen: false, asRecommended: false, low: 0, base: 0, high: 0, useCases: 0, rows: 0, ...c });

// Two use cases over 2027-2028: A recommended RAG, chose FINE_TUNING; B recommended and (by default) as chosen RAG.
const cells: CostCell[] = [
  cell({ calendarYear: 2027, approach: "RAG", asRecommended: true, low: 80, base: 100, high: 125, useCases: 1, rows: 1 }), // A
  cell({ calendarYear: 2028, approach: "RAG", asRecommended: true, low: 80, base: 100, high: 125, rows: 1 }),
  cell({ calendarYear: 2027, approach: "FINE_TUNING", asChosen: true, low: 400, base: 500, high: 600, useCases: 1, rows: 1 }),
  cell({ calendarYear: 2028, approach: "FINE_TUNING", asChosen: true, low: 100, base: 200, high: 300, rows: 1 }),
  cell({ calendarYear: 2027, approach: "RAG", asChosen: true, asRecommended: true, low: 8, base: 10, high: 12, useCases: 1, rows: 1 }), // B
  cell({ calendarYear: 2028, approach: "RAG", asChosen: true, asRecommended: true, low: 8, base: 10, high: 12, rows: 1 }),
];
// A: fine-tuning as chosen, lacking a figure; RAG as recommended; not costed on hybrid. B: RAG throughout, nothing else costed.
const coverage: CoverageGroup[] = [{ statuses: "iccin", useCases: 1 }, { statuses: "cccnn", useCases: 1 }];
const incomplete: IncompleteCounts = { byScenario: { chosen: 1, recommended: 0, RAG: 0, FINE_TUNING: 1, HYBRID: 0 }, asChosenByApproach: { FINE_TUNING: 1 } };

describe("assembling the panels from the SQL cells", () => {
  it.each([
    ["chosen", { approach: "RAG", asChosen: true, asRecommended: false }, true],
    ["chosen", { approach: "RAG", asChosen: false, asRecommended: true }, false],
    ["recommended", { approach: "RAG", asChosen: false, asRecommended: true }, true],
    ["RAG", { approach: "RAG", asChosen: false, asRecommended: false }, true],
    ["HYBRID", { approach: "RAG", asChosen: true, asRecommended: true }, false],
  ] as const)("a cell counts towards %s: %o → %s", (scenario, c, expected) => {
    expect(inScenario(scenario, c)).toBe(expected);
  });

  it("fills the years between the first and the last", () => {
    expect(yearRange([{ calendarYear: 2030 }, { calendarYear: 2027 }])).toEqual([2027, 2028, 2029, 2030]);
    expect(yearRange([])).toEqual([]);
  });

  it("sums each scenario, year by year, and counts what it covers", () => {
    const years = yearRange(cells);
    const s = scenarioSummaries(cells, incomplete, years, 3);
    expect(s.find((x) => x.scenario === "chosen")).toEqual({
      scenario: "chosen", lifecycle: { low: 516, base: 720, high: 924 },
      years: [{ calendarYear: 2027, low: 408, base: 510, high: 612 }, { calendarYear: 2028, low: 108, base: 210, high: 312 }],
      costed: 2, notCosted: 1, incomplete: 1, infeasible: 0,
    });
    expect(s.find((x) => x.scenario === "recommended")!.lifecycle.base).toBe(220);
    expect(s.find((x) => x.scenario === "RAG")).toMatchObject({ lifecycle: { base: 220 }, costed: 2, notCosted: 1, incomplete: 0 });
    expect(s.find((x) => x.scenario === "HYBRID")).toMatchObject({ lifecycle: { low: 0, base: 0, high: 0 }, costed: 0, notCosted: 3, incomplete: 0 });
    expect(s.find((x) => x.scenario === "FINE_TUNING")).toMatchObject({ costed: 1, incomplete: 1 });
    expect(scenarioYears(cells, years).filter((y) => y.scenario === "HYBRID")).toEqual([
      { scenario: "HYBRID", calendarYear: 2027, low: 0, base: 0, high: 0, useCases: 0 },
      { scenario: "HYBRID", calendarYear: 2028, low: 0, base: 0, high: 0, useCases: 0 },
    ]);
  });

  it("gives each scenario's own cells, year by year, with the use cases costed in that year", () => {
    const ys = scenarioYears(cells, yearRange(cells));
    const of = (scenario: string) => ys.filter((y) => y.scenario === scenario).map(({ calendarYear, low, base, high, useCases }) => [calendarYear, low, base, high, useCases]);
    expect(of("chosen")).toEqual([[2027, 408, 510, 612, 2], [2028, 108, 210, 312, 2]]);
    expect(of("recommended")).toEqual([[2027, 88, 110, 137, 2], [2028, 88, 110, 137, 2]]);
    expect(of("FINE_TUNING")).toEqual([[2027, 400, 500, 600, 1], [2028, 100, 200, 300, 1]]);
    expect(ys.map((y) => y.scenario)).toEqual(["chosen", "chosen", "recommended", "recommended", "RAG", "RAG", "FINE_TUNING", "FINE_TUNING", "HYBRID", "HYBRID"]);
  });

  it("a saving is like for like when every use case has the same status in both, whatever both leave out", () => {
    // Statuses, one letter per scenario (as chosen, as recommended, RAG, fine-tuning, hybrid): n not costed, i lacking a figure, c complete.
    const summary = (scenario: "RAG" | "HYBRID", base: number, notCosted = 0, incomplete = 0) => ({
      scenario, lifecycle: { low: base, base, high: base }, years: [], costed: 22 - notCosted, notCosted, incomplete, infeasible: 0,
    });
    const rag = (base: number, notCosted = 0, incomplete = 0) => summary("RAG", base, notCosted, incomplete);
    const hybrid = (base: number, notCosted = 0, incomplete = 0) => summary("HYBRID", base, notCosted, incomplete);
    const saving = (a: ReturnType<typeof summary>, b: ReturnType<typeof summary>, coverage: CoverageGroup[]) => savingsBetween([a, b], coverage).find((x) => x.scenario === a.scenario)!;
    const complete = { statuses: "ccccc", useCases: 20 };
    // Everything costed and complete in both.
    expect(saving(rag(100), hybrid(300), [complete, { statuses: "ccccc", useCases: 2 }])).toMatchObject({ comparable: true, differing: 0 });
    // The same two use cases (agents with no estimate) left out of both: still like for like, the whole difference is cost.
    expect(saving(rag(100, 2), hybrid(300, 2), [complete, { statuses: "nnnnn", useCases: 2 }])).toMatchObject({ comparable: true, differing: 0 });
    // The same one lacking a figure in both: like for like too (the status is the same).
    expect(saving(rag(100, 0, 1), hybrid(300, 0, 1), [complete, { statuses: "ccici", useCases: 1 }, { statuses: "ccccc", useCases: 1 }])).toMatchObject({ comparable: true, differing: 0 });
    // As many left out of each, but not the same ones: one costed only on RAG, another only on hybrid.
    expect(saving(rag(100, 1), hybrid(300, 1), [complete, { statuses: "cccnn", useCases: 1 }, { statuses: "ccnnc", useCases: 1 }])).toMatchObject({ comparable: false, differing: 2 });
    // One use case costed in one scenario only.
    expect(saving(rag(100, 1), hybrid(300), [complete, { statuses: "ccncc", useCases: 1 }, { statuses: "ccccc", useCases: 1 }])).toMatchObject({ comparable: false, differing: 1 });
    // Costed in both, lacking a figure in one only.
    expect(saving(rag(100), hybrid(300, 0, 3), [complete, { statuses: "cccci", useCases: 3 }])).toMatchObject({ comparable: false, differing: 3 });
    // A status that differs elsewhere (as chosen against as recommended) does not touch RAG against hybrid.
    expect(saving(rag(100), hybrid(300), [complete, { statuses: "incnc", useCases: 2 }])).toMatchObject({ comparable: true, differing: 0 });
    expect(differingUseCases([complete, { statuses: "incnc", useCases: 2 }, { statuses: "nnnnn", useCases: 4 }], "chosen", "recommended")).toBe(2);
    expect(savingsBetween([rag(100), hybrid(300)], [complete])).toEqual([
      { scenario: "RAG", against: "HYBRID", cents: 200, percent: 66.7, differing: 0, comparable: true, infeasible: 0 },
      { scenario: "HYBRID", against: "RAG", cents: -200, percent: -200, differing: 0, comparable: true, infeasible: 0 },
    ]);
  });

  it("splits as chosen by approach, and stacks it per year", () => {
    const years = yearRange(cells);
    const t = approachTotals(cells, incomplete, years);
    expect(t.map((x) => [x.approach, x.lifecycle.base, x.useCases, x.incomplete])).toEqual([["RAG", 20, 1, 0], ["FINE_TUNING", 700, 1, 1]]);
    expect(spendByYear(t, years)).toEqual([
      { calendarYear: 2027, low: 408, base: 510, high: 612, byApproach: { RAG: 10, FINE_TUNING: 500 } },
      { calendarYear: 2028, low: 108, base: 210, high: 312, byApproach: { RAG: 10, FINE_TUNING: 200 } },
    ]);
  });

  it("reads savings from the cheaper side and says when the two cover different use cases", () => {
    const s = scenarioSummaries(cells, incomplete, yearRange(cells), 2);
    const sav = savingsBetween(s, coverage);
    // A lacks a figure as chosen (fine-tuning), not as recommended (RAG).
    expect(sav.find((x) => x.scenario === "recommended" && x.against === "chosen")).toEqual({ scenario: "recommended", against: "chosen", cents: 500, percent: 69.4, differing: 1, comparable: false, infeasible: 0 });
    expect(sav.find((x) => x.scenario === "chosen" && x.against === "recommended")).toMatchObject({ cents: -500, percent: -227.3 });
    expect(sav.find((x) => x.scenario === "RAG" && x.against === "HYBRID")).toMatchObject({ percent: null });
    expect(percentOf(1, 3)).toBe(33.3);
  });

  it("never writes a lower cost as a saving when the cheaper scenario leaves use cases past their lag", () => {
    const base = { cents: 120_000_00, percent: 12.5, comparable: true, infeasible: 0 };
    expect(savingText(base)).toBe("saves $120,000 (12.5%)");
    expect(savingText({ ...base, infeasible: 3 })).toBe("not a saving†");
    expect(savingText({ ...base, comparable: false })).toBe("saves $120,000 (12.5%)*");
    // Costing more is said as it is, feasible or not.
    expect(savingText({ ...base, cents: -5_000_00, percent: -2, infeasible: 3 })).toBe("costs $5,000 (2%)");
    expect(savingText({ ...base, cents: 0, percent: 0 })).toBe("same");
    // Under half a dollar either way is the same to the dollar shown, never "saves $0".
    expect(savingText({ ...base, cents: 40, percent: 0.000004 })).toBe("same");
    expect(savingText({ ...base, cents: -49, percent: -0.000004 })).toBe("same");
    expect(savingText({ ...base, cents: 50, percent: 0.000005 })).toBe("saves $1 (under 0.1%)");
    expect(savingText(undefined)).toBe("—");
  });

  it("carries, on every saving, the use cases the saving scenario cannot serve", () => {
    const s = scenarioSummaries(cells, incomplete, yearRange(cells), 2, { FINE_TUNING: 1, chosen: 1 });
    expect(s.find((x) => x.scenario === "FINE_TUNING")!.infeasible).toBe(1);
    expect(s.find((x) => x.scenario === "RAG")!.infeasible).toBe(0);
    const sav = savingsBetween(s, coverage);
    expect(sav.filter((x) => x.scenario === "FINE_TUNING").map((x) => x.infeasible)).toEqual([1, 1, 1, 1]);
    expect(sav.find((x) => x.scenario === "RAG" && x.against === "FINE_TUNING")!.infeasible).toBe(0);
  });
});

describe("money", () => {
  it.each([
    [0, "$0"],
    [123_456_789, "$1,234,568"],
    [-1_234_00, "−$1,234"],
    [49, "$0"],
  ])("%i cents is %s", (cents, text) => expect(dollars(cents)).toBe(text));

  it.each([
    [95_000, "$950"],
    [1_200_000, "$12k"],
    [123_400_000, "$1.23M"],
    [340_000_000_000, "$3.4B"],
  ])("%i cents on an axis is %s", (cents, text) => expect(compactDollars(cents)).toBe(text));

  it("ranges", () => expect(dollarRange({ low: 100_00, high: 250_000_00 })).toBe("$100 – $250,000"));

  it.each([
    [3_800_000_000_00, [0, 1e11, 2e11, 3e11, 4e11]],
    [95_000_00, [0, 2_000_000, 4_000_000, 6_000_000, 8_000_000, 10_000_000]],
    [0, [0]],
  ])("axis ticks up to %i cents", (max, ticks) => expect(niceTicks(max)).toEqual(ticks));
});

describe("use cases per approach as chosen", () => {
  it("counts each use case under its decision, else its recommendation, costed or not; none for neither", () => {
    expect(
      asChosenCounts([
        { recommended: "RAG", chosen: null, count: 3, notAssessed: 0 },
        { recommended: "RAG", chosen: "AGENT", count: 2, notAssessed: 0 },
        { recommended: null, chosen: "AGENT", count: 1, notAssessed: 0 },
        { recommended: "AGENT", chosen: null, count: 4, notAssessed: 0 },
        { recommended: null, chosen: null, count: 5, notAssessed: 5 },
      ]),
    ).toEqual({ RAG: 3, AGENT: 7 });
  });
});
