import { describe, expect, it } from "vitest";
import { averageOver, count, differingText, inSentence, lagWait, niceTicks, oneDecimal, plural, savingText, sharedCoverageNotes, undatedText, weeks, wholeShares, withRange } from "./format";
import { SCENARIO_LABELS, type Saving, type ScenarioName, type ScenarioSummary } from "./types";

describe("portfolio money and numbers", () => {
  // Money (dollars, compactDollars) is tested with its module, lib/domain/money.test.ts.
  it("counts, decimals and plurals", () => {
    expect(count(1234567)).toBe("1,234,567");
    expect(oneDecimal(12.46)).toBe("12.5");
    expect(oneDecimal(3)).toBe("3");
    expect(plural(1, "use case")).toBe("1 use case");
    expect(plural(2, "use case")).toBe("2 use cases");
    expect(plural(1_000, "person", "people")).toBe("1,000 people");
    // One week is singular, also when it rounds to one.
    expect([weeks(1), weeks(1.04), weeks(0.7), weeks(12)]).toEqual(["1 week", "1 week", "0.7 weeks", "12 weeks"]);
  });

  it.each([
    [0, 5, [0]],
    [-5, 5, [0]],
    [950_000_000_00, 5, [0, 200_000_000_00, 400_000_000_00, 600_000_000_00, 800_000_000_00, 1_000_000_000_00]],
    [1_000_00, 4, [0, 250_00, 500_00, 750_00, 1_000_00]],
    [100, 5, [0, 20, 40, 60, 80, 100]],
  ])("ticks up to %i, about %i of them", (max, n, ticks) => expect(niceTicks(max, n)).toEqual(ticks));

  it.each([
    [undefined, "—"],
    [{ cents: 120_000, percent: 12.46, comparable: true, infeasible: 0 }, "saves $1,200 (12.5%)"],
    [{ cents: -120_000, percent: -3, comparable: false, infeasible: 0 }, "costs $1,200 (3%)*"],
    [{ cents: 500, percent: null, comparable: true, infeasible: 0 }, "saves $5"],
    [{ cents: 0, percent: 0, comparable: true, infeasible: 2 }, "same"],
    [{ cents: 100, percent: 1, comparable: true, infeasible: 1 }, "not a saving†"],
    [{ cents: -100, percent: -1, comparable: true, infeasible: 1 }, "costs $1 (1%)"],
    // $10k on a lifecycle of $40M: a real saving, never "(0%)".
    [{ cents: 1_000_000, percent: 0.03, comparable: true, infeasible: 0 }, "saves $10,000 (under 0.1%)"],
    [{ cents: 1_000_000, percent: 0.05, comparable: true, infeasible: 0 }, "saves $10,000 (0.1%)"],
  ])("a saving %j reads %s", (s, text) => expect(savingText(s)).toBe(text));

  it("names the scenarios", () => {
    expect(SCENARIO_LABELS).toEqual({ chosen: "As chosen", recommended: "As recommended", RAG: "Everything RAG", FINE_TUNING: "Everything fine-tuned", HYBRID: "Everything hybrid" });
  });
});

describe("a figure with its range", () => {
  it("writes the range beside the base, and no range where its ends read the same", () => {
    expect(withRange({ low: 20, base: 40, high: 60 }, count)).toBe("40 (20–60)");
    expect(withRange({ low: 0, base: 0, high: 0 }, count)).toBe("0");
    // Ends that differ only below the precision shown are no range to the reader.
    expect(withRange({ low: 2.96, base: 3, high: 3.04 }, oneDecimal)).toBe("3");
    expect(withRange({ low: 2.9, base: 3, high: 3.04 }, oneDecimal)).toBe("3 (2.9–3)");
  });
});

describe("a use case's wait against its lag", () => {
  it("says the wait against the lag the use case gave, rounded up to days", () => {
    expect(lagWait(40.4, 1)).toBe("a change waits up to 41 days, against a 1-day lag");
    expect(lagWait(40, 1)).toBe("a change waits up to 40 days, against a 1-day lag");
    expect(lagWait(null, 1_000)).toBe("never brought up to date, against a 1,000-day lag");
  });
  it("never names a lag the use case did not give", () => {
    expect(lagWait(null, null)).toBe("never sees the use case's own knowledge");
    expect(lagWait(21, null)).toBe("a change waits up to 21 days");
    expect(lagWait(1, null)).toBe("a change waits up to 1 day");
    expect(lagWait(0.6, 0)).toBe("a change waits up to 1 day, against a 0-day lag");
  });
  it("says a capability the approach lacks, never a wait of 0 days against a lag it meets", () => {
    expect(lagWait(0, 1, "needsToolUse")).toBe("cannot call the tools the use case needs");
    // Out of date against its lag as well: the currency is the reason said.
    expect(lagWait(null, 14, "needsCitations")).toBe("never brought up to date, against a 14-day lag");
    expect(lagWait(30, 14, "needsCitations")).toBe("a change waits up to 30 days, against a 14-day lag");
    expect(lagWait(0, null, "learnsFromFeedback")).toBe("cannot learn from user interactions as the use case needs");
  });
});

describe("a label inside a sentence", () => {
  it("lowers the first letter only, and leaves a label that starts with an acronym alone", () => {
    expect(inSentence("Budget and ML engineers for ongoing retraining")).toBe("budget and ML engineers for ongoing retraining");
    expect(inSentence("ML engineer rate (USD/hour)")).toBe("ML engineer rate (USD/hour)");
    expect(inSentence("EU AI Act risk tier")).toBe("EU AI Act risk tier");
    expect(inSentence("Core need")).toBe("core need");
    expect(inSentence("")).toBe("");
  });
});

describe("whole shares of a total", () => {
  it("add up to 100, each within a point of its exact share", () => {
    expect(wholeShares([1, 1, 1])).toEqual([34, 33, 33]);
    expect(wholeShares([125, 875])).toEqual([13, 87]);
    expect(wholeShares([52.2, 20.6, 12.3, 6.4, 8.5])).toEqual([52, 21, 12, 6, 9]);
    expect(wholeShares([0, 0])).toEqual([0, 0]);
    expect(wholeShares([5])).toEqual([100]);
    const r = [779_000, 307_000, 184_000, 95_000, 60_000, 40_000, 28_000];
    const s = wholeShares(r);
    expect(s.reduce((a, b) => a + b, 0)).toBe(100);
    const total = r.reduce((a, b) => a + b, 0);
    r.forEach((x, i) => expect(Math.abs(s[i]! - (x / total) * 100)).toBeLessThan(1));
  });

  it("says how many use cases an average is over, and how many it leaves out and why, never folding an unknown in as 0", () => {
    expect(averageOver(12, 14, "not costed")).toBe("over 12 of 14 use cases; 2 not costed");
    expect(averageOver(14, 14, "not costed")).toBe("over every one of the 14 use cases");
    expect(averageOver(2, 2, "not costed")).toBe("over both use cases");
    expect(averageOver(1, 1, "not costed")).toBe("over the one use case");
    expect(averageOver(1, 2, "not costed")).toBe("over 1 of 2 use cases; 1 not costed");
    expect(averageOver(0, 3, "not costed")).toBe("all 3 use cases are not costed");
    expect(averageOver(0, 2, "not costed")).toBe("both use cases are not costed");
    expect(averageOver(0, 1, "without a time to value")).toBe("the one use case is without a time to value");
    expect(averageOver(1_000, 1_200, "not costed")).toBe("over 1,000 of 1,200 use cases; 200 not costed");
  });
});

describe("undatedText: the part of the headline's year from use cases with no planned start", () => {
  it("says how much and how many, and where they are placed", () => {
    expect(undatedText({ calendarYear: 2026, base: 46_268_063, useCases: 3, firstYear: 3 })).toBe(
      "Of it, $462,681 is from 3 use cases with no planned start date, counted in the year they were logged: a full first year each.",
    );
    expect(undatedText({ calendarYear: 2026, base: 10_000_050, useCases: 1, firstYear: 1 })).toBe(
      "Of it, $100,001 is from 1 use case with no planned start date, counted in the year it was logged: its full first year.",
    );
    // Logged in an earlier year: this year is a later year of their lifecycle.
    expect(undatedText({ calendarYear: 2027, base: 20_000_000, useCases: 2, firstYear: 1 })).toBe(
      "Of it, $200,000 is from 2 use cases with no planned start date, their lifecycles counted from the year they were logged.",
    );
  });

  it("says nothing when none of the year's figure comes from them", () => {
    expect(undatedText(undefined)).toBeNull();
  });
});

describe("the scenarios table's notes on coverage", () => {
  const summary = (scenario: ScenarioName, notCosted = 0, incomplete = 0): ScenarioSummary => ({
    scenario, lifecycle: { low: 0, base: 0, high: 0 }, years: [], costed: 22 - notCosted, notCosted, incomplete, infeasible: 0,
  });
  const saving = (scenario: ScenarioName, against: ScenarioName, differing: number): Saving => ({ scenario, against, cents: 100_00, percent: 1, differing, comparable: differing === 0, infeasible: 0 });
  const both = (a: ScenarioName, b: ScenarioName, differing: number) => [saving(a, b, differing), saving(b, a, differing)];

  it("says that two scenarios leave out the same use cases, so the difference is all cost", () => {
    const summaries = [summary("chosen", 2), summary("recommended", 2), summary("RAG", 0), summary("FINE_TUNING", 3), summary("HYBRID", 1)];
    const savings = [...both("chosen", "recommended", 0), ...both("RAG", "chosen", 2), ...both("RAG", "recommended", 2), ...both("FINE_TUNING", "chosen", 1), ...both("FINE_TUNING", "recommended", 1), ...both("HYBRID", "chosen", 1), ...both("HYBRID", "recommended", 1)];
    expect(sharedCoverageNotes(summaries, savings)).toEqual(["As chosen and as recommended both leave out the same 2 use cases (not costed), so the difference is all cost, not coverage."]);
  });

  it("names every scenario alike, and what a figure missing in both means", () => {
    const summaries = [summary("chosen", 1, 1), summary("recommended", 1, 1), summary("RAG", 1, 1), summary("FINE_TUNING", 3), summary("HYBRID", 0)];
    const savings = [...both("chosen", "recommended", 0), ...both("RAG", "chosen", 0), ...both("RAG", "recommended", 0), ...both("FINE_TUNING", "chosen", 4), ...both("FINE_TUNING", "recommended", 4), ...both("HYBRID", "chosen", 2), ...both("HYBRID", "recommended", 2)];
    expect(sharedCoverageNotes(summaries, savings)).toEqual([
      "As chosen, as recommended and everything RAG all leave out the same 1 use case (not costed) and lack figures for the same 1, so the difference between any two of them is all cost, not coverage (the missing figures are left out of every total).",
    ]);
    expect(sharedCoverageNotes([summary("chosen", 0, 2), summary("recommended", 0, 2)], both("chosen", "recommended", 0))).toEqual([
      "As chosen and as recommended both lack figures for the same 2 use cases, so the difference is all cost, not coverage (the missing figures are left out of both totals).",
    ]);
  });

  it("says nothing where nothing is left out, or where no two scenarios are alike", () => {
    const all = [summary("chosen"), summary("recommended"), summary("RAG"), summary("FINE_TUNING"), summary("HYBRID")];
    expect(sharedCoverageNotes(all, [...both("chosen", "recommended", 0)])).toEqual([]);
    const apart = [summary("chosen", 2), summary("recommended", 2), summary("RAG"), summary("FINE_TUNING"), summary("HYBRID")];
    expect(sharedCoverageNotes(apart, [...both("chosen", "recommended", 3)])).toEqual([]);
  });

  it("writes how many use cases differ under a figure marked *", () => {
    expect(differingText(saving("RAG", "chosen", 3))).toBe("coverage differs on 3 use cases");
    expect(differingText(saving("RAG", "chosen", 1))).toBe("coverage differs on 1 use case");
    expect(differingText(saving("chosen", "recommended", 0))).toBeNull();
    // No "*" on the figure (the same to the dollar, or no saving at all), no line under it.
    expect(differingText({ ...saving("RAG", "chosen", 3), cents: 0 })).toBeNull();
    expect(differingText({ ...saving("RAG", "chosen", 3), infeasible: 1 })).toBeNull();
    expect(savingText(saving("RAG", "chosen", 3))).toBe("saves $100 (1%)*");
    expect(savingText(saving("chosen", "recommended", 0))).toBe("saves $100 (1%)");
  });
});

describe("the headline's part of a year that is full first years of late starts", () => {
  it("says how much, for how many, and why it is whole in the start year", async () => {
    const { lateStartText } = await import("./format");
    expect(lateStartText({ calendarYear: 2026, base: 747_730_00, useCases: 3 })).toBe(
      "Of it, $747,730 is the first year of 3 use cases that start in July or later, counted in full in their start year though half or more of each one's months fall in the next.",
    );
    expect(lateStartText({ calendarYear: 2026, base: 129_754_00, useCases: 1 })).toBe(
      "Of it, $129,754 is the first year of 1 use case that starts in July or later, counted in full in its start year though half or more of its months fall in the next.",
    );
    expect(lateStartText(undefined)).toBeNull();
    // After the undated ones' "Of it, …": "And …".
    expect(lateStartText({ calendarYear: 2026, base: 747_730_00, useCases: 3 }, true)).toMatch(/^And \$747,730 is the first year of 3 use cases/);
  });
});
