/**
 * The proposal's line on "Needs a decision" adds up: the one-off costs "to build", the run rate a
 * year after, build + years × run rate = lifecycle (each figure rounded to the dollar, so within
 * half a dollar a figure), and a run rate that grows is said "from $X to $Y a year". A review of
 * the demo read "RAG: $72,000 to build in 2026, then $90,681 a year (lifecycle $312,042 over 3
 * years)": $72,000 + 3 × $90,681 is $344,043, for the run rate held a one-off $16,000 evaluation set.
 */
import { describe, expect, it } from "vitest";
import type { Assessment } from "../assessment";
import { budgetFromProjection, lastYearRunning } from "../decisions/workflow";
import { DEFAULT_ASSUMPTIONS } from "./assumptions";
import { approachFigure, proposalSpendText } from "./options";
import { projectCosts, type Projection } from "./project";

function proposal(assessment: Assessment, horizonYears: number, startYear: number) {
  const p: Projection = projectCosts({ assessment, horizonYears, startYear, assumptions: DEFAULT_ASSUMPTIONS });
  const rag = p.approaches.RAG!;
  const years = rag.yearly.map((y) => ({ yearIndex: y.yearIndex, baseCents: y.base, complete: y.complete }));
  const lines = p.lines.filter((l) => l.approach === "RAG").map((l) => ({ yearIndex: l.yearIndex, category: l.category, baseCents: l.base }));
  const budget = budgetFromProjection(years, lines)!;
  const last = lastYearRunning(years, lines);
  const figure = approachFigure({ approaches: { RAG: { lifecycle: rag.lifecycle, manual: false } } }, "RAG", null)!;
  const text = proposalSpendText("RAG", figure, { yearlyBudgetCents: budget.yearlyCents, buildCents: budget.buildCents }, startYear, horizonYears, last);
  return { text, budget, last, lifecycle: rag.lifecycle.base, yearly: rag.yearly.map((y) => y.base) };
}

const whole = (cents: number) => Math.round(cents / 100);

describe("a proposal's build and run rate add up to its lifecycle", () => {
  it("Broker email replies: the evaluation set is built once, so the run rate is what every year costs to run", () => {
    const b = proposal({ changeFrequency: "weekly", coreNeed: "retrieval", monthlyCalls: 25_000 }, 3, 2026);
    // The year table: 2026 $162,681, then $74,681 in 2027 and 2028.
    expect(b.yearly.map(whole)).toEqual([162_681, 74_681, 74_681]);
    // Build engineering $72,000 and the evaluation set $16,000, once.
    expect(b.budget.buildCents).toBe(88_000_00);
    expect(b.text).toBe("RAG: $88,000 to build in 2026, and $74,681 a year to run from 2026 (lifecycle $312,042 over 3 years)");
    // To the cent, then as said: each figure rounded to the dollar, $1 apart at most here.
    expect(b.budget.buildCents + 3 * b.budget.yearlyCents).toBe(b.lifecycle);
    expect(Math.abs(whole(b.budget.buildCents) + 3 * whole(b.budget.yearlyCents) - whole(b.lifecycle))).toBeLessThanOrEqual(2);
  });
  it("a volume that grows: the run rate from the first year's to the last's, never one figure the later years do not cost", () => {
    const g = proposal({ changeFrequency: "weekly", coreNeed: "retrieval", monthlyCalls: 2_000_000, yearlyGrowthPct: 50 }, 3, 2026);
    expect(g.last).toBeGreaterThan(g.budget.yearlyCents);
    expect(g.text).toMatch(/^RAG: \$[\d,]+ to build in 2026, and \$[\d,]+ a year to run from 2026, rising to \$[\d,]+ \(lifecycle \$[\d,]+ over 3 years\)$/);
    const [, first, lastSaid] = g.text.match(/and (\$[\d,]+) a year to run from 2026, rising to (\$[\d,]+) /)!;
    expect([first, lastSaid]).toEqual([`$${whole(g.budget.yearlyCents).toLocaleString("en-US")}`, `$${whole(g.last!).toLocaleString("en-US")}`]);
    // The build and the years' run rates make the lifecycle, to the cent.
    expect(g.budget.buildCents + g.budget.yearlyCents + g.yearly.slice(1).reduce((a, y) => a + y, 0)).toBe(g.lifecycle);
  });
  it("a one-year horizon has no later year to say a run rate for", () => {
    const one = proposal({ changeFrequency: "weekly", coreNeed: "retrieval", monthlyCalls: 25_000 }, 1, 2026);
    expect(one.text).toBe("RAG: $88,000 to build in 2026, and $74,681 a year to run from 2026 (lifecycle $162,681 over 1 year)");
  });
});
