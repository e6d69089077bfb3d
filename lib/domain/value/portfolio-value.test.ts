import { describe, expect, it } from "vitest";
import { valueByBusinessUnit, valueCount, type ValueInputRow } from "./portfolio-value";

const m = (low: number, base: number, high: number) => ({ low, base, high });
const row = (r: Partial<ValueInputRow>): ValueInputRow => ({ businessUnit: "Claims", yearlyBenefit: null, lifecycle: m(300, 600, 900), incomplete: false, years: 3, timeToValueWeeks: null, cannotServe: false, ...r });

describe("valueByBusinessUnit", () => {
  it("nets each valued use case's benefit over its horizon against its lifecycle cost, paired pessimistic to optimistic", () => {
    const { units, total } = valueByBusinessUnit([
      // benefit 3 × 1,200 / 2,400 / 3,600 (no build) against 900 / 600 / 300
      row({ yearlyBenefit: m(1_200, 2_400, 3_600) }),
      // a 13-week build (3 months) in the pessimistic case, 1 month in the optimistic one
      row({ businessUnit: "Actuarial", yearlyBenefit: m(1_200, 1_200, 1_200), years: 1, lifecycle: m(100, 100, 100), timeToValueWeeks: m(52 / 12, 8, 13) }),
      row({}), // costed, no value entered
      row({ yearlyBenefit: m(1, 1, 1), incomplete: true }), // a value but a missing cost figure
      row({ yearlyBenefit: m(1, 1, 1), lifecycle: null }), // a value but not costed
    ]);
    expect(units.map((u) => u.businessUnit)).toEqual(["Actuarial", "Claims"]);
    const claims = units[1]!;
    expect(claims).toMatchObject({ valued: 1, noValue: 1, notCosted: 2 });
    expect(claims.benefit).toEqual({ pessimistic: 3_600, base: 7_200, optimistic: 10_800 });
    expect(claims.cost).toEqual({ pessimistic: 900, base: 600, optimistic: 300 });
    expect(claims.net).toEqual({ pessimistic: 2_700, base: 6_600, optimistic: 10_500 });
    // Actuarial: 9/12, 10/12 and 11/12 of 1,200
    expect(units[0]!.benefit).toEqual({ pessimistic: 900, base: 1_000, optimistic: 1_100 });
    expect(units[0]!.net).toEqual({ pessimistic: 800, base: 900, optimistic: 1_000 });
    expect(total).toMatchObject({ valued: 2, noValue: 1, notCosted: 2, net: { pessimistic: 3_500, base: 7_500, optimistic: 11_500 } });
  });
  it("has no units and zero counts for an empty view", () => {
    expect(valueByBusinessUnit([])).toEqual({ units: [], total: expect.objectContaining({ valued: 0, noValue: 0 }) });
  });
});

describe("valueByBusinessUnit: what is counted where", () => {
  it("a use case with no years of horizon is not costed; one with no benefit and no cost is not counted at all", () => {
    const { total } = valueByBusinessUnit([row({ yearlyBenefit: m(1, 2, 3), years: 0 }), row({ lifecycle: null })]);
    expect(total).toEqual({
      businessUnit: "",
      valued: 0,
      noValue: 0,
      notCosted: 1,
      cannotServe: 0,
      feedbackLoopNotCosted: 0,
      benefit: { pessimistic: 0, base: 0, optimistic: 0 },
      cost: { pessimistic: 0, base: 0, optimistic: 0 },
      net: { pessimistic: 0, base: 0, optimistic: 0 },
    });
  });

  it("a valued, costed use case whose approach as chosen cannot serve it is counted apart, its benefit and cost not netted", () => {
    const served = row({ yearlyBenefit: m(1_200, 2_400, 3_600) });
    const unserved = row({ yearlyBenefit: m(50_000, 50_000, 50_000), cannotServe: true });
    const { units, total } = valueByBusinessUnit([served, unserved]);
    expect(total).toMatchObject({ valued: 1, cannotServe: 1, noValue: 0, notCosted: 0 });
    // Exactly what the served one alone nets: the unserved benefit of 150,000 is nowhere.
    expect(total.net).toEqual(valueByBusinessUnit([served]).total.net);
    expect(total.benefit.base).toBe(7_200);
    expect(units[0]).toMatchObject({ businessUnit: "Claims", valued: 1, cannotServe: 1 });
  });

  it("a valued, costed use case that must learn from its users, with a pipeline as chosen and no feedback loop costed, is counted apart, not netted", () => {
    const served = row({ yearlyBenefit: m(1_200, 2_400, 3_600) });
    // The demo's supplier invoice coding: 3,000 hours at $50 a year against a $45,000 yearly estimate.
    const loop = row({ businessUnit: "Finance", yearlyBenefit: m(10_000_000, 15_000_000, 20_000_000), lifecycle: m(15_000_000, 22_500_000, 40_000_000), years: 5, feedbackLoopNotCosted: true });
    const { units, total } = valueByBusinessUnit([served, loop]);
    expect(total).toMatchObject({ valued: 1, feedbackLoopNotCosted: 1, cannotServe: 0, notCosted: 0 });
    expect(total.net).toEqual(valueByBusinessUnit([served]).total.net);
    expect(units.find((u) => u.businessUnit === "Finance")).toMatchObject({ valued: 0, feedbackLoopNotCosted: 1, net: { pessimistic: 0, base: 0, optimistic: 0 } });
    expect(valueCount(loop)).toBe("feedbackLoopNotCosted");
  });

  it("valueCount: no cost at all outranks an approach that cannot serve, which outranks a missing figure (as the use case's page says it); no benefit is never counted as cannot serve", () => {
    expect(valueCount(row({ yearlyBenefit: m(1, 1, 1), cannotServe: true, incomplete: true }))).toBe("cannotServe");
    expect(valueCount(row({ yearlyBenefit: m(1, 1, 1), incomplete: true }))).toBe("notCosted");
    expect(valueCount(row({ yearlyBenefit: m(1, 1, 1), cannotServe: true, lifecycle: null }))).toBe("notCosted");
    expect(valueCount(row({ cannotServe: true }))).toBe("noValue");
    expect(valueCount(row({ cannotServe: true, lifecycle: null }))).toBe("none");
    expect(valueCount(row({ yearlyBenefit: m(1, 1, 1), cannotServe: true }))).toBe("cannotServe");
    expect(valueCount(row({ yearlyBenefit: m(1, 1, 1) }))).toBe("valued");
  });

  it("sorts the units by name with the unnamed one last, whatever order they come in", () => {
    const orders = [["b", "", "a"], ["", "a", "b"], ["a", "b", ""], ["b", "a", ""], ["", "b", "a"], ["a", "", "b"]];
    for (const order of orders) {
      const { units } = valueByBusinessUnit(order.map((businessUnit) => row({ businessUnit })));
      expect(units.map((u) => u.businessUnit)).toEqual(["a", "b", ""]);
    }
  });
});
