import { describe, expect, it } from "vitest";
import { DEFAULT_ASSUMPTIONS, type Pricing } from "./assumptions";
import { projectCosts } from "./project";
import { pricingSentence } from "./pricing-text";

const project = (extra: Partial<Parameters<typeof projectCosts>[0]> = {}) =>
  projectCosts({ assessment: { changeFrequency: "monthly", monthlyCalls: 10_000 }, horizonYears: 3, startYear: 2027, assumptions: DEFAULT_ASSUMPTIONS, ...extra });

describe("what the cost panel says of the model behind inference", () => {
  it("names the default model's catalogue prices and the tokens of a call, the figures inference is made of", () => {
    const p = project();
    expect(pricingSentence(p.pricing)).toBe(
      "Model openai/gpt-4o: priced from a public price list (Pydantic's genai-prices, version 0.1.8, which gives no date for its prices; the list this app ships with) at $2.50 per million input tokens and $10.00 per million output tokens. " +
        "A call is taken as 1,000–2,500 (base 1,500) input and 200–500 (base 300) output tokens (the organization's assumptions). " +
        "These price the base model's calls; a fine-tuned model's calls and retrieval's overhead are priced as the assumptions say.",
    );
    // The sentence's figures are those of the line: prompting's first year is 120,000 calls at base, in cents.
    const year1 = p.lines.filter((l) => l.approach === "PROMPTING" && l.category === "INFERENCE" && l.yearIndex === 1)[0]!;
    expect(year1.base).toBe((120_000 * (1_500 * 2.5 + 300 * 10)) / 1_000_000 * 100); // cents: $810
  });

  it("says the prices were set by hand, as ranges, and when the use case set its own tokens", () => {
    const p = project({
      overrides: {
        modelInputPricePerMTokens: { low: 2, base: 3, high: 4 },
        modelOutputPricePerMTokens: { low: 12, base: 12, high: 12 },
        inputTokensPerCall: { low: 800, base: 800, high: 800 },
      },
    });
    expect(pricingSentence(p.pricing)).toContain(
      "Model openai/gpt-4o: priced by hand at $2.00–$4.00 (base $3.00) per million input tokens and $12.00 per million output tokens. A call is taken as 800 input and 200–500 (base 300) output tokens (this use case's own figures).",
    );
  });

  it("says a model the catalogue lacks has no price, and says no figures it does not have", () => {
    const p = project({ model: "acme/house-model" });
    expect(pricingSentence(p.pricing)).toBe("Model acme/house-model: no price (not in the catalogue, none set by hand).");
    // A projection stored before cost engine 2.8 has no figures: named by its source alone.
    const old: Pricing = { model: "openai/gpt-4o", from: "catalogue", catalogueVersion: "0.1.8", pinnedOn: "2026-12-01" };
    expect(pricingSentence(old)).toBe("Model openai/gpt-4o: priced from a public price list (Pydantic's genai-prices, version 0.1.8, which gives no date for its prices; copied into these assumptions on 2026-12-01).");
  });
});
