import { describe, expect, it } from "vitest";
import { benefitDetailCells, benefitUnitCells } from "./value-columns";

describe("the value columns of the exports (issue 20)", () => {
  it.each([
    ["no benefit: empty cells, never 0", null, null, ",,,"],
    ["unreadable text", "{not json", null, ",,,"],
    ["hours at the default $50", { kind: "HOURS", low: 800, base: 1_200, high: 2_000 }, null, "40000.00,60000.00,100000.00,HOURS"],
    ["hours at the organization's rate, as PostgreSQL's text", '{"kind":"HOURS","low":10,"base":10,"high":10}', "4250", "425.00,425.00,425.00,HOURS"],
    ["revenue in dollars", { kind: "REVENUE", low: 1, base: 2, high: 3 }, 9_999, "1.00,2.00,3.00,REVENUE"],
  ])("detail: %s", (_, stored, rate, cells) => expect(benefitDetailCells(stored, rate)).toBe(cells));

  it.each([
    ["as chosen, with a benefit", "as chosen", { low: 100, base: 250, high: 1_000_001, useCases: 2 }, "1.00,2.50,10000.01,2"],
    ["as chosen, none valued", "as chosen", null, ",,,0"],
    ["another scenario: empty", "all", { low: 1, base: 1, high: 1, useCases: 1 }, ",,,"],
  ])("business units: %s", (_, scenario, b, cells) => expect(benefitUnitCells(scenario, b)).toBe(cells));
});
