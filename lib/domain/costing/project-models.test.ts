/**
 * Costs v2, what the model costs: its prices read from the catalogue for the use case's own model
 * (or typed by hand), and how a fine-tuned model is deployed (a smaller model, an API-hosted
 * fine-tune, a self-hosted open model). The rest of the projection: project.test.ts.
 */
import { describe, expect, it } from "vitest";
import type { Assessment } from "../assessment";
import { DEFAULT_ASSUMPTIONS, readAssumptionSet, type AssumptionSet } from "./assumptions";
import { projectCosts } from "./project";
import { COMPLETE, fixed } from "./project.fixtures";

describe("model prices from the catalogue (Costs v2)", () => {
  it("a new use case on the built-in defaults is fully costed without anyone typing a price", () => {
    const p = projectCosts({ assessment: { monthlyCalls: 10_000, changeFrequency: "monthly", corpusDocuments: 3000 }, horizonYears: 3, startYear: 2027, assumptions: DEFAULT_ASSUMPTIONS });
    expect(p.complete).toBe(true);
    expect(p.pricing).toMatchObject({ model: "openai/gpt-4o", from: "catalogue" });
    // 120,000 calls × (1,500 input × $2.50 + 300 output × $10.00) per million = $810
    expect(p.lines.find((l) => l.approach === "PROMPTING" && l.category === "INFERENCE")!.base).toBe(810_00);
  });
  it("prices input and output tokens apart, at the use case's own model", () => {
    const p = projectCosts({ assessment: { monthlyCalls: 10_000 }, horizonYears: 1, startYear: 2027, assumptions: DEFAULT_ASSUMPTIONS, model: "openai/gpt-4o-mini" });
    // 120,000 × (1,500 × $0.15 + 300 × $0.60) per million = $48.60
    expect(p.lines.find((l) => l.approach === "PROMPTING" && l.category === "INFERENCE")!.base).toBe(48_60);
    expect(p.pricing.model).toBe("openai/gpt-4o-mini");
  });
  it("an organization's price by hand stands for its default model, and a pinned snapshot beats the installed catalogue", () => {
    const byHand = { ...DEFAULT_ASSUMPTIONS, values: { ...DEFAULT_ASSUMPTIONS.values, modelInputPricePerMTokens: fixed(1), modelOutputPricePerMTokens: fixed(1) } };
    expect(projectCosts({ assessment: { monthlyCalls: 10_000 }, horizonYears: 1, startYear: 2027, assumptions: byHand }).pricing.from).toBe("hand");
    const pinned = { ...DEFAULT_ASSUMPTIONS, catalogue: { package: "@pydantic/genai-prices", version: "0.1.0", pinnedOn: "2026-06-01", prices: { "openai/gpt-4o": { inputPerM: 5, outputPerM: 15, cachedInputPerM: null } } } };
    const p = projectCosts({ assessment: { monthlyCalls: 10_000 }, horizonYears: 1, startYear: 2027, assumptions: pinned });
    expect(p.pricing).toMatchObject({ model: "openai/gpt-4o", from: "catalogue", catalogueVersion: "0.1.0", pinnedOn: "2026-06-01", perMillionTokens: { input: fixed(5), output: fixed(15) } });
    // 120,000 × (1,500 × $5 + 300 × $15) per million = $1,440
    expect(p.lines.find((l) => l.approach === "PROMPTING" && l.category === "INFERENCE")!.base).toBe(1440_00);
  });
  it("a use case names its own model: catalogued, it is priced from the catalogue; not, it must be priced by hand", () => {
    const byHand = { ...DEFAULT_ASSUMPTIONS, values: { ...DEFAULT_ASSUMPTIONS.values, modelInputPricePerMTokens: fixed(1), modelOutputPricePerMTokens: fixed(1) } };
    const own = projectCosts({ assessment: { monthlyCalls: 10_000 }, horizonYears: 1, startYear: 2027, assumptions: byHand, overrides: { model: "anthropic/claude-3-5-haiku-latest" } });
    expect(own.pricing).toMatchObject({ model: "anthropic/claude-3-5-haiku-latest", from: "catalogue" });
    const unknown = projectCosts({ assessment: { monthlyCalls: 10_000 }, horizonYears: 1, startYear: 2027, assumptions: byHand, model: "acme/in-house-7b" });
    expect(unknown.pricing.from).toBe("missing");
    expect(unknown.missing).toContain("assumption:modelInputPricePerMTokens");
  });
  it("reads figures saved before the split at the same cost: every token as input at the old price", () => {
    const old = readAssumptionSet({ fineTuneMethod: "LORA", values: { modelPricePer1kTokens: fixed(0.01), tokensPerCall: fixed(1000) } });
    expect(old.values.modelInputPricePerMTokens).toEqual(fixed(10));
    expect(old.values.inputTokensPerCall).toEqual(fixed(1000));
    expect(old.values.outputTokensPerCall).toEqual(fixed(0));
    const p = projectCosts({ assessment: { monthlyCalls: 1000 }, horizonYears: 1, startYear: 2027, assumptions: old });
    // as before the split: 12,000 calls × 1,000 tokens × $0.01 per 1,000 = $120
    expect(p.lines.find((l) => l.approach === "PROMPTING" && l.category === "INFERENCE")!.base).toBe(120_00);
  });
});

describe("deployment models for a fine-tuned model (Costs v2)", () => {
  const a: Assessment = { monthlyCalls: 100_000, changeFrequency: "static", labeledExamples: 10_000 };
  const at = (ftDeployment: AssumptionSet["ftDeployment"]) => {
    const p = projectCosts({ assessment: a, horizonYears: 1, startYear: 2027, assumptions: { ...COMPLETE, ftDeployment } });
    return (category: string) => p.lines.find((l) => l.approach === "FINE_TUNING" && l.category === category)!;
  };
  const prompting = projectCosts({ assessment: a, horizonYears: 1, startYear: 2027, assumptions: COMPLETE }).lines.find((l) => l.approach === "PROMPTING" && l.category === "INFERENCE")!;
  it("by default a fine-tuned smaller model, at a fraction of the base model's price (002, 003)", () => {
    expect(at("SMALL_MODEL")("INFERENCE").base).toBe(Math.round(prompting.base! * 0.3));
    expect(at(undefined)("INFERENCE").base).toBe(at("SMALL_MODEL")("INFERENCE").base);
  });
  it("an API-hosted fine-tune of the same model costs more per call (1.5–2×) and trains at tokens × epochs × price", () => {
    const line = at("API_HOSTED");
    expect(line("INFERENCE").base).toBe(Math.round(prompting.base! * 1.75));
    expect(line("INFERENCE").base).toBeGreaterThan(prompting.base!);
    // 10,000 examples × 1,000 tokens × 3 epochs × $12.50 per million = $375
    expect(line("TRAINING_COMPUTE")).toMatchObject({ base: 375_00 });
  });
  it("a self-hosted open model: one GPU always on, and GPU seconds per call over the utilisation beyond its hours", () => {
    const line = at("SELF_HOSTED");
    // 1.2M calls × 0.5 s / 3,600 / 50% = 333 paid GPU hours: the GPU kept on all year (8,760 hours,
    // the hosting line) serves them, so inference adds nothing. Before, it added $833.33 on top:
    // a year of GPU time billed twice.
    expect(line("FT_HOSTING")).toMatchObject({ base: 2.5 * 8760 * 100 });
    expect(line("INFERENCE")).toMatchObject({ low: 0, base: 0, high: 0 });
    // 5M calls a month: 60M × 0.5 s / 3,600 / 50% = 16,666.67 hours, 7,906.67 beyond the GPU kept on,
    // at $2.50: $19,766.67 (it was $41,666.67, all of them).
    const busy = projectCosts({ assessment: { ...a, monthlyCalls: 5_000_000 }, horizonYears: 1, startYear: 2027, assumptions: { ...COMPLETE, ftDeployment: "SELF_HOSTED" } });
    expect(busy.lines.find((l) => l.approach === "FINE_TUNING" && l.category === "INFERENCE")).toMatchObject({ base: 19_766_67 });
  });
  it("a self-hosted model flat until its GPU is full and dearer per call after breaks even with RAG only between two volumes", () => {
    // A slow GPU (20 s a call: 65,700 calls a month fill it) and a dear vector database ($15,300 a
    // month): fine-tuning is dearer with no calls (its fixed costs and the GPU), cheaper while its
    // always-on GPU has room and RAG's calls add up, and dearer again once it needs more GPUs, each
    // call costing $0.028 against RAG's $0.009. Before, two points (0 and 1M calls) gave a line
    // through that bend: "RAG stays cheaper at every volume".
    const set: AssumptionSet = {
      ...COMPLETE, ftDeployment: "SELF_HOSTED",
      values: {
        ...COMPLETE.values, gpuSecondsPerCall: fixed(20), gpuUtilisationPct: fixed(50), vectorDbMonthlyUsd: fixed(15_300),
        // Fine-tuning's fixed costs as engine 2.12 had them: the index upkeep it was charged then
        // (4 hours a week) on top of its own 8, and 5,000 examples to curate.
        ftUpkeepHoursPerWeek: fixed(12), ftExamplesNeeded: fixed(5000),
      },
    };
    const base = { assessment: { changeFrequency: "static" as const, labeledExamples: 0, monthlyCalls: 100_000 }, horizonYears: 1, startYear: 2027, assumptions: set };
    const be = projectCosts(base).breakEven;
    const m = /^Between ([\d,.]+( million)?) and ([\d,.]+( million)?) calls a month, fine-tuning costs less than RAG over the lifecycle; below and above that range RAG does/.exec(be.reason);
    expect(be.reason, be.reason).toMatch(/^Between /);
    const num = (t: string) => (t.endsWith(" million") ? Number(t.replace(" million", "").replace(/,/g, "")) * 1_000_000 : Number(t.replace(/,/g, "")));
    const lo = num(m![1]!), hi = num(m![3]!);
    const life = (calls: number) => projectCosts({ ...base, assessment: { ...base.assessment, monthlyCalls: calls } }).approaches;
    const cheaper = (calls: number) => life(calls).FINE_TUNING!.lifecycle.base < life(calls).RAG!.lifecycle.base;
    expect([cheaper(Math.floor(lo * 0.9)), cheaper(Math.ceil(lo * 1.1)), cheaper(Math.floor(hi * 0.9)), cheaper(Math.ceil(hi * 1.1))]).toEqual([false, true, true, false]);
  });
});
