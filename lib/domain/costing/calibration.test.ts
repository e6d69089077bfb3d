/**
 * Calibration: the seeds' own claims, computed by the engine on the seeds' own kinds of case
 * (PRODUCT.md, "Costs v2": calibration). Each test names the sentence it checks. Every figure is
 * the built-in default, the model's price included (the default model, from the catalogue).
 */
import { describe, expect, it } from "vitest";
import type { Assessment } from "../assessment";
import { ASSUMPTION_KEYS, DEFAULT_ASSUMPTIONS, type AssumptionSet, type Range } from "./assumptions";
import { projectCosts, type ProjectionInput } from "./project";

const fixed = (v: number): Range => ({ low: v, base: v, high: v });
/** The built-in defaults as they are: the default model priced from the catalogue, nothing typed. */
const DEFAULTS: AssumptionSet = DEFAULT_ASSUMPTIONS;
const project = (assessment: Assessment, horizonYears = 3, assumptions = DEFAULTS) =>
  projectCosts({ assessment, horizonYears, startYear: 2027, assumptions } satisfies ProjectionInput);

/** An ordinary knowledge-base assistant: 5,000 documents that change quarterly, 10,000 calls a month, three years. */
const KNOWLEDGE_BASE: Assessment = { monthlyCalls: 10_000, changeFrequency: "quarterly", corpusDocuments: 5000 };

describe("calibration against the seeds", () => {
  it("000: \"RAG delivers 70 to 85 percent cost savings\" on 1M calls a month against quarterly $40,000 cycles: the engine computes 62.5 to 85", () => {
    const zero = Object.fromEntries(ASSUMPTION_KEYS.map((k) => [k, fixed(0)])) as AssumptionSet["values"];
    const p = project({ monthlyCalls: 1_000_000, changeFrequency: "quarterly" }, 1, {
      fineTuneMethod: "LORA", model: "openai/gpt-4o", catalogue: null,
      values: { ...zero, vectorDbMonthlyUsd: { low: 2000, base: 3500, high: 5000 }, retrainCostUsd: fixed(40_000), retrainLagDays: fixed(14) },
    });
    const s = p.savings.find((x) => x.approach === "RAG" && x.against === "FINE_TUNING")!;
    expect([s.pct!.high, s.pct!.low]).toEqual([62.5, 85]);
  });

  it("004: \"RAG is typically 60-80% cheaper to implement and maintain than fine-tuning\" on an ordinary knowledge base", () => {
    const p = project(KNOWLEDGE_BASE);
    const s = p.savings.find((x) => x.approach === "RAG" && x.against === "FINE_TUNING")!;
    expect(s.pct!.base).toBeGreaterThanOrEqual(60);
    expect(s.pct!.base).toBeLessThanOrEqual(80);
  });

  it("003: \"Fine-tuning is roughly an order of magnitude more expensive across its lifecycle\": the engine computes 2.9 times, short of the claim", () => {
    const p = project(KNOWLEDGE_BASE);
    const ratio = p.approaches.FINE_TUNING!.lifecycle.base / p.approaches.RAG!.lifecycle.base;
    // 3.5 times before engine 2.13, which charged fine-tuning the upkeep of a retrieval index it
    // does not have ($124,800 here) and the curation of 5,000 examples rather than the 1,000 it
    // needs. As with 000's worked example, the app shows the computed figure, not the claim: well
    // dearer, not ten times.
    expect(Math.round(ratio * 10) / 10).toBe(2.9);
    expect(ratio).toBeGreaterThan(2.5);
  });

  it("003: \"A fine-tuned small model can ... run 10x cheaper\": its inference is a tenth of the base model's at best", () => {
    const p = project({ ...KNOWLEDGE_BASE, monthlyCalls: 5_000_000 }, 1);
    const inference = (ap: string) => p.lines.find((l) => l.approach === ap && l.category === "INFERENCE")!;
    expect(inference("FINE_TUNING").low! * 10).toBe(inference("PROMPTING").low!);
    expect(inference("FINE_TUNING").base!).toBeLessThan(inference("PROMPTING").base!);
  });

  it("so a break-even volume exists for a stable, high-volume case, and fine-tuning wins above it", () => {
    const stable: Assessment = { monthlyCalls: 100_000_000, changeFrequency: "static", corpusDocuments: 5000 };
    const p = project(stable);
    // 989,734 calls a month since engine 2.13 (fine-tuning pays no index upkeep): high volume still.
    expect(p.breakEven.monthlyCalls).toBeGreaterThan(500_000);
    expect(p.breakEven.monthlyCalls).toBeLessThan(100_000_000);
    expect(p.approaches.FINE_TUNING!.lifecycle.base).toBeLessThan(p.approaches.RAG!.lifecycle.base);
  });

  it("and at ordinary volume fine-tuning does not cost \"no more than RAG at any volume\" (the old absurdity)", () => {
    const p = project({ monthlyCalls: 10_000, changeFrequency: "static", corpusDocuments: 5000 });
    expect(p.breakEven.reason).not.toMatch(/at any volume/);
    expect(p.approaches.RAG!.lifecycle.base).toBeLessThan(p.approaches.FINE_TUNING!.lifecycle.base);
  });
});

describe("what the seeds say a change to the knowledge costs, and what LoRA training costs", () => {
  /** A large corpus (001's "millions of documents") whose knowledge changes every day. */
  const retrieval = (assumptions = DEFAULTS) =>
    project({ monthlyCalls: 1_000_000, changeFrequency: "daily", corpusDocuments: 10_000_000 }, 3, assumptions)
      .lines.filter((l) => l.approach === "RAG" && l.category === "RETRIEVAL_INFRA");

  it("000: \"Updates to your knowledge base happen in real time at zero marginal cost beyond storage\": a daily change re-embeds the documents it touches, not 10M every day", () => {
    // Year 2: the vector database ($500/1,750/3,000 a month) and 365 re-indexings of 1/2/10% of
    // 10M documents × 500/1,000/2,000 tokens at $0.02/0.075/0.13 per million tokens ($100/750/2,600
    // for the whole corpus): $6,000 + $365; $21,000 + $5,475; $36,000 + $94,900. Re-embedding
    // all of it every day gave $294,750 base (thirteen times the vector database) and $985,000 high.
    expect(retrieval()[1]).toMatchObject({ low: 6_365_00, base: 26_475_00, high: 130_900_00 });
    // Year 1 embeds the whole corpus once as well: $100/750/2,600 more, a one-off line of its own.
    expect(retrieval()[0]).toMatchObject({ low: 6_365_00, base: 26_475_00, high: 130_900_00 });
    const first = project({ monthlyCalls: 1_000_000, changeFrequency: "daily", corpusDocuments: 10_000_000 }, 3, DEFAULTS).lines.filter((l) => l.approach === "RAG" && l.category === "CORPUS_EMBEDDING");
    expect(first).toMatchObject([{ yearIndex: 1, low: 100_00, base: 750_00, high: 2_600_00 }]);
  });

  it("re-embedding the whole corpus at every change stays possible: the share set to 100%", () => {
    const everything = { ...DEFAULTS, values: { ...DEFAULTS.values, reindexSharePct: { low: 100, base: 100, high: 100 } } };
    expect(retrieval(everything)[1]).toMatchObject({ low: 42_500_00, base: 294_750_00, high: 985_000_00 });
  });

  /** A fine-tune (LoRA, a fine-tuned smaller model: the defaults) on so many labeled examples. */
  const loraCompute = (labeledExamples: number) =>
    project({ monthlyCalls: 100_000, changeFrequency: "static", corpusDocuments: 5000, labeledExamples }, 1)
      .lines.find((l) => l.approach === "FINE_TUNING" && l.category === "TRAINING_COMPUTE")!;

  it("002: \"LoRA on a well-curated dataset of 5,000 examples runs roughly $50–$200 in GPU compute\": 5,000 examples cost that", () => {
    // 000's full fine-tune less LoRA's saving gave $1,000 / $8,250 / $20,000 here.
    expect(loraCompute(5000)).toMatchObject({ low: 50_00, base: 125_00, high: 200_00 });
  });

  it("LoRA compute grows with the examples, up to 000's full fine-tune ($5k–50k) less LoRA's 60–80% saving", () => {
    // 50,000 examples: ten times 002's figure, still under the ceiling.
    expect(loraCompute(50_000)).toMatchObject({ low: 500_00, base: 1_250_00, high: 2_000_00 });
    // 1,000,000 examples: two hundred times 002's figure would be $10k–40k; 000's LoRA figure caps it.
    expect(loraCompute(1_000_000)).toMatchObject({ low: 1_000_00, base: 8_250_00, high: 20_000_00 });
  });
});
