import { describe, expect, it } from "vitest";
import { DEFAULT_ASSUMPTIONS, type AssumptionSet } from "../costing/assumptions";
import { assumedUnitCosts, observeUnitCosts, pricesFromActuals, unitKind } from "./unit-costs";

/** The defaults (1,000 / 1,500 / 2,500 input and 200 / 300 / 500 output tokens a call) with hand-set prices. */
const priced = (over: Partial<AssumptionSet["values"]> = {}): AssumptionSet => ({
  ...DEFAULT_ASSUMPTIONS,
  values: {
    ...DEFAULT_ASSUMPTIONS.values,
    modelInputPricePerMTokens: { low: 2, base: 3, high: 4 },
    modelOutputPricePerMTokens: { low: 10, base: 12, high: 15 },
    ...over,
  },
});

describe("what a bill's line counts", () => {
  it.each([
    ["Requests", { kind: "calls", scale: 1 }],
    ["request", { kind: "calls", scale: 1 }],
    ["API calls", { kind: "calls", scale: 1 }],
    ["api_requests", { kind: "calls", scale: 1 }],
    ["Invocations", { kind: "calls", scale: 1 }],
    ["tokens", { kind: "tokens", scale: 1 }],
    ["Total Tokens", { kind: "tokens", scale: 1 }],
    ["1K tokens", { kind: "tokens", scale: 1_000 }],
    ["1000 tokens", { kind: "tokens", scale: 1_000 }],
    ["thousand tokens", { kind: "tokens", scale: 1_000 }],
    ["1M tokens", { kind: "tokens", scale: 1_000_000 }],
    ["Million Tokens", { kind: "tokens", scale: 1_000_000 }],
    ["GB-month", null],
    ["requests per second", null],
    ["prompt tokens saved", null],
    ["10M tokens", null],
  ])("%s", (unit, kind) => {
    expect(unitKind(unit)).toEqual(kind);
  });
});

describe("the actual cost of a call and of a million tokens", () => {
  it("divides the spend of call lines by the calls, and of token lines by the tokens (scaled), leaving other lines out", () => {
    const observed = observeUnitCosts([
      { unit: "requests", quantity: 1_000, cents: 900 },
      { unit: "1K tokens", quantity: 2_000, cents: 400 },
      { unit: "1M tokens", quantity: 1, cents: 100 },
      { unit: "GB", quantity: 5, cents: 999 },
      { unit: "calls", quantity: 0, cents: 50 },
      { unit: "calls", quantity: -3, cents: 70 },
    ]);
    expect(observed.calls).toEqual({ count: 1_000, cents: 900, usdPerCall: 0.009 });
    expect(observed.tokens).toMatchObject({ count: 3_000_000, cents: 500 });
    expect(observed.tokens!.usdPerMTokens).toBeCloseTo(5 / 3, 12);
  });

  it("has no figure for what the bills do not count", () => {
    expect(observeUnitCosts([{ unit: "tokens", quantity: 10, cents: 1 }]).calls).toBeNull();
    expect(observeUnitCosts([{ unit: "calls", quantity: 10, cents: 1 }]).tokens).toBeNull();
    expect(observeUnitCosts([])).toEqual({ calls: null, tokens: null });
  });
});

describe("the assumed cost of a call and of a million tokens", () => {
  it("is tokens × price per scenario, and that over the tokens of a call", () => {
    const a = assumedUnitCosts(priced());
    expect(a.usdPerCall.low).toBeCloseTo(0.004, 12);
    expect(a.usdPerCall.base).toBeCloseTo(0.0081, 12);
    expect(a.usdPerCall.high).toBeCloseTo(0.0175, 12);
    expect(a.usdPerMTokens.low).toBeCloseTo(4_000 / 1_200, 9);
    expect(a.usdPerMTokens.base).toBeCloseTo(4.5, 9);
    expect(a.usdPerMTokens.high).toBeCloseTo(17_500 / 3_000, 9);
  });

  it.each([
    ["an input token count", { inputTokensPerCall: { low: null, base: 1_500, high: 2_500 } }],
    ["an output token count", { outputTokensPerCall: { low: null, base: 300, high: 500 } }],
    ["an input price", { modelInputPricePerMTokens: { low: null, base: 3, high: 4 } }],
    ["an output price", { modelOutputPricePerMTokens: { low: null, base: 12, high: 15 } }],
  ])("is missing in a scenario that lacks %s", (_n, over) => {
    const a = assumedUnitCosts(priced(over));
    expect(a.usdPerCall.low).toBeNull();
    expect(a.usdPerMTokens.low).toBeNull();
    expect(a.usdPerCall.base).toBeCloseTo(0.0081, 12);
  });

  it("has no price per million tokens for calls of no tokens", () => {
    const a = assumedUnitCosts(priced({ inputTokensPerCall: { low: 0, base: 1_500, high: 2_500 }, outputTokensPerCall: { low: 0, base: 300, high: 500 } }));
    expect(a.usdPerCall.low).toBe(0);
    expect(a.usdPerMTokens.low).toBeNull();
  });
});

describe("prices a new version would take from the actuals", () => {
  const observed = observeUnitCosts([{ unit: "requests", quantity: 1_000, cents: 900 }]);

  it("scales every price by actual ÷ assumed cost per call (base), to six decimals", () => {
    const p = pricesFromActuals(priced(), observed)!;
    expect(p.ratio).toBeCloseTo(0.009 / 0.0081, 12);
    expect(p.values).toEqual({
      modelInputPricePerMTokens: { low: 2.222222, base: 3.333333, high: 4.444444 },
      modelOutputPricePerMTokens: { low: 11.111111, base: 13.333333, high: 16.666667 },
    });
  });

  it("keeps an empty end of a range empty", () => {
    const p = pricesFromActuals(priced({ modelInputPricePerMTokens: { low: null, base: 3, high: null } }), observed)!;
    expect(p.values.modelInputPricePerMTokens).toEqual({ low: null, base: 3.333333, high: null });
  });

  it("proposes nothing without an actual cost per call or an assumed one above zero", () => {
    expect(pricesFromActuals(priced(), observeUnitCosts([{ unit: "tokens", quantity: 5, cents: 1 }]))).toBeNull();
    expect(pricesFromActuals(priced({ inputTokensPerCall: { low: 1, base: null, high: 1 } }), observed)).toBeNull();
    expect(pricesFromActuals(priced({ inputTokensPerCall: { low: 0, base: 0, high: 0 }, outputTokensPerCall: { low: 0, base: 0, high: 0 } }), observed)).toBeNull();
  });
});
