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
        "These price Prompting only's calls. RAG's calls cost 15%–30% (base 22.5%) more for the retrieved context (000: \"typically 15 to 30 percent more than base model inference\"). " +
        "Fine-tuning's calls go to a fine-tuned smaller model at 0.1–0.5 (base 0.3) times the base model's price (003: \"10x cheaper\"; 002: \"a fraction of the inference cost\"), and the hybrid's at that plus the retrieval overhead.",
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

  it("says why a hybrid's or fine-tuning's calls cost less than RAG's, by deployment, as the inference lines price them", () => {
    // A reviewer read a hybrid 40% cheaper than RAG at five million calls a month with nothing to say why.
    const p = project({ assessment: { changeFrequency: "monthly", monthlyCalls: 5_000_000, corpusDocuments: 5_000 } });
    const inference = (ap: string) => p.lines.filter((l) => l.approach === ap && l.category === "INFERENCE" && l.yearIndex === 1)[0]!.base!;
    // The sentence's factors are the lines': RAG 1.225 times prompting, fine-tuning 0.3, the hybrid 0.3 × 1.225.
    expect(inference("RAG") / inference("PROMPTING")).toBeCloseTo(1.225, 6);
    expect(inference("FINE_TUNING") / inference("PROMPTING")).toBeCloseTo(0.3, 6);
    expect(inference("HYBRID") / inference("PROMPTING")).toBeCloseTo(0.3 * 1.225, 6);
    const hosted = project({ assumptions: { ...DEFAULT_ASSUMPTIONS, ftDeployment: "API_HOSTED" } });
    expect(pricingSentence(hosted.pricing)).toContain("Fine-tuning's calls go to an API-hosted fine-tune of the base model at 1.5–2 (base 1.75) times its price (published price tables), and the hybrid's at that plus the retrieval overhead.");
    const own = project({ assumptions: { ...DEFAULT_ASSUMPTIONS, ftDeployment: "SELF_HOSTED" } });
    expect(pricingSentence(own.pricing)).toContain("Fine-tuning's calls run on a self-hosted open model, priced by the GPU hours its calls take beyond the GPU kept on all year (its hosting line), and the hybrid's at that plus the retrieval overhead.");
  });

  it("says a model the catalogue lacks has no price, and says no figures it does not have", () => {
    const p = project({ model: "acme/house-model" });
    expect(pricingSentence(p.pricing)).toBe("Model acme/house-model: no price (not in the catalogue, none set by hand).");
    // A projection stored before cost engine 2.8 has no figures: named by its source alone.
    const old: Pricing = { model: "openai/gpt-4o", from: "catalogue", catalogueVersion: "0.1.8", pinnedOn: "2026-12-01" };
    expect(pricingSentence(old)).toBe("Model openai/gpt-4o: priced from a public price list (Pydantic's genai-prices, version 0.1.8, which gives no date for its prices; copied into these assumptions on 2026-12-01).");
  });
});
