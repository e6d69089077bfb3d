import { describe, expect, it } from "vitest";
import { DEFAULT_ASSUMPTIONS, type AssumptionSet } from "./assumptions";
import { compactDollars, explainCosts } from "./explain";
import { projectCosts, type ProjectionInput } from "./project";
import { simulateCosts } from "./simulate";

const COMPLETE: AssumptionSet = {
  ...DEFAULT_ASSUMPTIONS,
  values: { ...DEFAULT_ASSUMPTIONS.values, modelInputPricePerMTokens: { low: 2, base: 5, high: 10 }, modelOutputPricePerMTokens: { low: 2, base: 5, high: 10 }, inputTokensPerCall: { low: 1500, base: 1500, high: 1500 }, outputTokensPerCall: { low: 0, base: 0, high: 0 }, maintenanceHoursPerWeek: { low: 2, base: 4, high: 8 } },
};

function explained(input: ProjectionInput) {
  const p = projectCosts(input);
  return { p, told: explainCosts({ ...p, simulation: simulateCosts(input, p, { seed: 11 }) }) };
}

describe("the cost panel's sentences", () => {
  it("the issue's case: weekly changes, one day of lag: fine-tuning is named as failing the lag and never as a saving", () => {
    const { told } = explained({ assessment: { monthlyCalls: 100_000, changeFrequency: "weekly", maxLagDays: 1 }, horizonYears: 5, startYear: 2027, assumptions: COMPLETE });
    expect(told.infeasible).toEqual([
      expect.stringMatching(/^Fine-tuning does not meet the 1-day lag/),
      expect.stringMatching(/^Prompting only does not reach the use case's own knowledge/),
    ]);
    expect(told.cheapest).not.toBe("PROMPTING");
    expect(told.savings).not.toMatch(/Prompting/);
    expect(told.cheapest).not.toBe("FINE_TUNING");
    expect(told.runnerUp).not.toBe("FINE_TUNING");
    expect(told.savings).not.toMatch(/Fine-tuning/);
    expect(told.simulation).not.toMatch(/Fine-tuning/);
    expect(told.savings).toMatch(/the cheapest approach that meets the 1-day lag/);
  });

  it("compares scenario with scenario: the low and high percentages are the matched ones", () => {
    const { p, told } = explained({ assessment: { monthlyCalls: 100_000, changeFrequency: "monthly", maxLagDays: 60 }, horizonYears: 5, startYear: 2027, assumptions: COMPLETE });
    const s = p.savings.find((x) => x.approach === told.cheapest && x.against === told.runnerUp)!;
    expect(told.savings).toContain(`${s.pct!.low}% in the low scenario`);
    expect(told.savings).toContain(`${s.pct!.high}% in the high scenario`);
    expect(told.simulation).toMatch(/costs less than .* in \d+% of 2,000 trials; .*\(P10–P90/);
  });

  it("writes money compactly", () => {
    expect(compactDollars(4_000_000)).toBe("$40k");
    expect(compactDollars(31_000_000)).toBe("$310k");
    expect(compactDollars(-250_000_000)).toBe("−$2.5M");
    expect(compactDollars(94_000)).toBe("$940");
  });
});
