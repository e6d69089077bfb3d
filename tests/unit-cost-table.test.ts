/**
 * Actual spend's unit costs: the assumed low – high of each unit cost. With the catalogue's model
 * prices (one figure, no range) and the same token mix in every scenario, the blended price per
 * million tokens read "$3.75 – $3.75", a range that is none.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { UnitCostTable, assumedRange, callsMakeupText, proposalText } from "@/app/o/[org]/actuals/_components/unit-cost-table";
import { DEFAULT_ASSUMPTIONS, type AssumptionSet } from "@/lib/domain/costing/assumptions";
import { assumedUnitCosts, compareCalls, pricesFromActuals } from "@/lib/domain/actuals";

const priced = (input: AssumptionSet["values"]["modelInputPricePerMTokens"], output: AssumptionSet["values"]["modelOutputPricePerMTokens"]): AssumptionSet => ({
  ...DEFAULT_ASSUMPTIONS,
  values: { ...DEFAULT_ASSUMPTIONS.values, modelInputPricePerMTokens: input, modelOutputPricePerMTokens: output },
});
const cellsOf = (html: string, testId: string) =>
  [...html.match(new RegExp(`<tr[^>]*data-testid="${testId}"[^>]*>(.*?)</tr>`, "s"))![1]!.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => m[1]!.replace(/<[^>]+>/g, ""));

describe("actual against assumed unit costs", () => {
  it("says a price the same in every scenario has no range, and keeps a real range", () => {
    // One price per model, as the catalogue gives it: the call's cost still ranges with its tokens.
    const set = priced({ low: 3, base: 3, high: 3 }, { low: 15, base: 15, high: 15 });
    const assumed = assumedUnitCosts(set);
    const calls = compareCalls(set, [{ approach: "PROMPTING", calls: 10_000, cents: 8_000 }]);
    const html = renderToStaticMarkup(UnitCostTable({ observed: { calls: { count: 10_000, cents: 8_000, usdPerCall: 0.008 }, tokens: null }, assumed, calls }));
    expect(cellsOf(html, "unit-cost-call")).toEqual(["Cost per call", "$0.008", "$0.009", "$0.006 – $0.015", "10,000 calls"]);
    const tokens = cellsOf(html, "unit-cost-tokens");
    expect(tokens.slice(1, 4)).toEqual(["no tokens counted", "$5.00", "no range: the same in every scenario"]);
    expect(html).not.toContain("$5.00 – $5.00");
  });

  it("writes a range whose ends differ, and a dash where a scenario lacks a figure", () => {
    expect(assumedRange({ low: 2, high: 4.5 })).toBe("$2.00 – $4.50");
    expect(assumedRange({ low: null, high: 4.5 })).toBe("—");
    // Ends that differ only past the digits shown are the same figure to the reader.
    expect(assumedRange({ low: 3.7500001, high: 3.75 })).toBe("no range: the same in every scenario");
  });

  it("sets RAG calls against the RAG projection's cost per call, says what it is made of, and offers no version when they match", () => {
    // 9,000 RAG calls billed at what the projection assumes ($0.0081 × 1.225) and 1,000 unattributed:
    // the comparison read $0.0081 (a bare call) against them, and offered model prices × 1.22.
    const set = priced({ low: 3, base: 3, high: 3 }, { low: 12, base: 12, high: 12 });
    const observed = { calls: { count: 10_000, cents: 8_931 + 1_000, usdPerCall: 99.31 / 10_000 }, tokens: null };
    const calls = compareCalls(set, [{ approach: "RAG", calls: 9_000, cents: 8_931 }], [{ calls: 1_000, cents: 1_000, why: "not attributed to any use case" }]);
    const unit = { observed, assumed: assumedUnitCosts(set), calls };
    expect(cellsOf(renderToStaticMarkup(UnitCostTable(unit)), "unit-cost-call")).toEqual(["Cost per call", "$0.009923", "$0.009923", "$0.00621 – $0.01755", "9,000 calls"]);
    expect(callsMakeupText(unit)).toBe(
      "Assumed per call: what each use case's projection assumes for the calls the bills attribute to it, weighted by those calls. " +
        "RAG: 9,000 calls at $0.009923 (the model's price plus 22.5% retrieval overhead). A bare call of the model, with no retrieval or fine-tuning, is $0.0081. " +
        "Left out: 1,000 calls ($10.00) not attributed to any use case.",
    );
    expect(proposalText(pricesFromActuals(set, calls))).toBe("The calls compared cost what their projections assume: within 2%, too close for a new assumption version to be worth starting.");
    expect(proposalText(pricesFromActuals(set, compareCalls(set, [{ approach: "RAG", calls: 9_000, cents: 9_000 * 1.2 }])))).toBeNull();
  });
});
