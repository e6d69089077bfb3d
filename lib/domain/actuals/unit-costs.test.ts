import { describe, expect, it } from "vitest";
import { DEFAULT_ASSUMPTIONS, type AssumptionSet } from "../costing/assumptions";
import { alignedSentence, assumedMakeup, assumedUnitCosts, callMultiplier, compareCalls, isAligned, observeUnitCosts, pricesFromActuals, unitKind } from "./unit-costs";

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

describe("what the projections assume a call costs, approach by approach", () => {
  // The defaults: 22.5% retrieval overhead (15–30%), a fine-tuned smaller model at 0.3 (0.1–0.5) of the price, hosted by the provider at 1.75 (1.5–2).
  it.each([
    ["PROMPTING", "SMALL_MODEL", { low: 1, base: 1, high: 1 }, "the model's price"],
    ["RAG", "SMALL_MODEL", { low: 1.15, base: 1.225, high: 1.3 }, "the model's price plus 22.5% retrieval overhead"],
    ["FINE_TUNING", "SMALL_MODEL", { low: 0.1, base: 0.3, high: 0.5 }, "a fine-tuned smaller model, at 0.3 × the model's price"],
    ["FINE_TUNING", "API_HOSTED", { low: 1.5, base: 1.75, high: 2 }, "the model fine-tuned and hosted by its provider, at 1.75 × its price"],
    ["HYBRID", "SMALL_MODEL", { low: 0.115, base: 0.3675, high: 0.65 }, "a fine-tuned smaller model, at 0.3 × the model's price, plus 22.5% retrieval overhead"],
  ] as const)("%s (%s)", (approach, ftDeployment, factor, words) => {
    const m = callMultiplier({ ...priced(), ftDeployment }, approach)!;
    expect(m.words).toBe(words);
    for (const s of ["low", "base", "high"] as const) expect(m.factor[s]).toBeCloseTo(factor[s], 12);
  });

  it("has none where calls are not priced from the model's price: a self-hosted fine-tune, a manual estimate", () => {
    expect(callMultiplier({ ...priced(), ftDeployment: "SELF_HOSTED" }, "FINE_TUNING")).toBeNull();
    expect(callMultiplier({ ...priced(), ftDeployment: "SELF_HOSTED" }, "HYBRID")).toBeNull();
    expect(callMultiplier(priced(), "AGENT")).toBeNull();
  });
});

describe("the actual cost per call against what the projections assume for the same calls", () => {
  // A bare call: 1,500 × $3 + 300 × $12 per million = $0.0081; a RAG call $0.0081 × 1.225 = $0.00992250.
  it("weights each approach's assumed cost per call by its calls", () => {
    const c = compareCalls(priced(), [
      { approach: "RAG", calls: 9_000, cents: 9_000 * 0.99225 },
      { approach: "PROMPTING", calls: 1_000, cents: 810 },
    ])!;
    expect(c.actual.count).toBe(10_000);
    expect(c.assumed.base).toBeCloseTo((9_000 * 0.0099225 + 1_000 * 0.0081) / 10_000, 12);
    expect(c.actual.usdPerCall).toBeCloseTo(c.assumed.base!, 12);
    expect(c.assumed.low).toBeCloseTo((9_000 * 0.004 * 1.15 + 1_000 * 0.004) / 10_000, 12);
    expect(c.bare.base).toBeCloseTo(0.0081, 12);
    expect(assumedMakeup(c)).toBe("RAG: 9,000 calls at $0.009923 (the model's price plus 22.5% retrieval overhead); Prompting only: 1,000 calls at $0.0081 (the model's price)");
  });

  it("leaves out calls whose approach is not priced from the model's price, and says so", () => {
    const c = compareCalls(priced(), [
      { approach: "RAG", calls: 100, cents: 100 },
      { approach: "AGENT", calls: 50, cents: 500 },
    ], [{ calls: 30, cents: 90, why: "not attributed to any use case" }, { calls: 0, cents: 0, why: "never shown" }])!;
    expect(c.actual).toEqual({ count: 100, cents: 100, usdPerCall: 0.01 });
    expect(c.leftOut).toEqual([
      { calls: 30, cents: 90, why: "not attributed to any use case" },
      { calls: 50, cents: 500, why: "Agent with tools: its calls are not priced from the model's price" },
    ]);
    expect(compareCalls(priced(), [{ approach: "AGENT", calls: 50, cents: 500 }])).toBeNull();
    expect(compareCalls(priced(), [])).toBeNull();
  });
});

describe("prices a new version would take from the actuals", () => {
  const compared = compareCalls(priced(), [{ approach: "PROMPTING", calls: 1_000, cents: 900 }]);

  it("scales every price by actual ÷ assumed cost per call (base), to six decimals", () => {
    const p = pricesFromActuals(priced(), compared)!;
    expect(p.ratio).toBeCloseTo(0.009 / 0.0081, 12);
    expect(p.values).toEqual({
      modelInputPricePerMTokens: { low: 2.222222, base: 3.333333, high: 4.444444 },
      modelOutputPricePerMTokens: { low: 11.111111, base: 13.333333, high: 16.666667 },
    });
  });

  it("does not read a RAG call's retrieval overhead as the model costing more", () => {
    // 1,000 RAG calls billed at exactly what the projection assumes ($0.0081 × 1.225). Set against
    // the bare call, as before, they proposed model prices × 1.225: the overhead counted twice.
    const rag = compareCalls(priced(), [{ approach: "RAG", calls: 1_000, cents: 1_000 * 0.99225 }]);
    const p = pricesFromActuals(priced(), rag)!;
    expect(p.ratio).toBeCloseTo(1, 12);
    expect(isAligned(p.ratio)).toBe(true);
    expect(p.values.modelInputPricePerMTokens).toEqual({ low: 2, base: 3, high: 4 });
    // A fine-tuned smaller model's calls at a tenth more than assumed: prices × 1.1, not × 0.33.
    const ft = compareCalls(priced(), [{ approach: "FINE_TUNING", calls: 1_000, cents: 1_000 * 0.0081 * 0.3 * 1.1 * 100 }]);
    expect(pricesFromActuals(priced(), ft)!.ratio).toBeCloseTo(1.1, 12);
    expect(isAligned(1.1)).toBe(false);
  });

  it("says how far from the projections aligned calls are, in percent, not as a multiplier", () => {
    expect(alignedSentence(1)).toBe("The calls compared cost what their projections assume: within 2%, too close for a new assumption version to be worth starting.");
    expect(alignedSentence(1.013)).toBe("The calls compared cost 1.3% more than what their projections assume: within 2%, too close for a new assumption version to be worth starting.");
    expect(alignedSentence(0.985)).toMatch(/^The calls compared cost 1\.5% less than what their projections assume/);
    expect(alignedSentence(1.0004)).toMatch(/cost what their/);
  });

  it("keeps an empty end of a range empty", () => {
    const p = pricesFromActuals(priced({ modelInputPricePerMTokens: { low: null, base: 3, high: null } }), compared)!;
    expect(p.values.modelInputPricePerMTokens).toEqual({ low: null, base: 3.333333, high: null });
  });

  it("proposes nothing without calls compared or an assumed cost above zero", () => {
    expect(pricesFromActuals(priced(), null)).toBeNull();
    expect(pricesFromActuals(priced({ inputTokensPerCall: { low: 1, base: null, high: 1 } }), compareCalls(priced({ inputTokensPerCall: { low: 1, base: null, high: 1 } }), [{ approach: "PROMPTING", calls: 1_000, cents: 900 }]))).toBeNull();
    const free = priced({ inputTokensPerCall: { low: 0, base: 0, high: 0 }, outputTokensPerCall: { low: 0, base: 0, high: 0 } });
    expect(pricesFromActuals(free, compareCalls(free, [{ approach: "PROMPTING", calls: 1_000, cents: 900 }]))).toBeNull();
  });
});
