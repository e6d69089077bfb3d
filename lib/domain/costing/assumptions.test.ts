import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sourcePath } from "../../../tests/helpers/source-files";
import { SEED_FILES } from "../assessment-help";
import {
  ASSUMPTION_CATALOG,
  ASSUMPTION_KEYS,
  assumptionSetSchema,
  changedAssumptions,
  DEFAULT_ASSUMPTIONS,
  FT_DEPLOYMENT_LABELS,
  modelRefSchema,
  overridesSchema,
  halfSetPrices,
  ignoredHandPriceSentence,
  readAssumptionSet,
  upgradeLegacyFigures,
  withModelPrices,
  withOverrides,
  type AssumptionKey,
  type AssumptionSet,
  type AssumptionSpec,
  type Range,
} from "./assumptions";

const SEEDS = sourcePath("seeds");
/** Quotes are compared as a reader would: quotation marks, dash kinds and spacing aside. */
const norm = (s: string) => s.replace(/[“”"’‘']/g, "").replace(/[–—]/g, "-").replace(/\s+/g, " ").trim().toLowerCase();
const spec = (k: AssumptionKey): AssumptionSpec => ASSUMPTION_CATALOG[k];
const fixed = (v: number): Range => ({ low: v, base: v, high: v });
const none: Range = { low: null, base: null, high: null };

describe("every default figure says where it comes from", () => {
  it("a quote from a seed is in that seed, word for word (an elision written as ...)", () => {
    let quoted = 0;
    for (const k of ASSUMPTION_KEYS) {
      const s = spec(k).source;
      if (s.kind !== "seed" && s.kind !== "estimate") continue;
      expect(Object.values(SEED_FILES), k).toContain(s.file);
      const text = norm(readFileSync(path.join(SEEDS, s.file), "utf8"));
      let from = 0;
      for (const part of s.quote.split(/\s*\.\.\.\s*/)) {
        expect(norm(part).length, `${k}: an empty quote`).toBeGreaterThan(8);
        const at = text.indexOf(norm(part), from);
        expect(at, `${k}: "${part}" is not in ${s.file}${from ? " after the part before it" : ""}`).toBeGreaterThanOrEqual(0);
        from = at + norm(part).length;
      }
      quoted++;
    }
    expect(quoted).toBeGreaterThanOrEqual(20);
  });

  it("a time to value says it is when the approach first serves, not its production build (weeks apart in the seeds)", () => {
    for (const [ttv, build] of [["ragTimeToValueWeeks", "ragBuildWeeks"], ["ftTimeToValueWeeks", "ftBuildWeeks"]] as const) {
      const source = spec(ttv).source;
      const note = "note" in source ? (source.note ?? "") : "";
      expect(note, ttv).toContain("first serves its users");
      expect(note, ttv).toContain(`costed as "${spec(build).label}"`);
    }
  });

  /**
   * The seeds' own ranges, read by hand off each quote: the default's low and high are the seed's
   * (days for weeks, dollars for "$5K"). A default that drifts from its quote fails here.
   */
  const READ_OFF_THE_SEEDS: Partial<Record<AssumptionKey, [low: number, high: number]>> = {
    engineerRate: [150, 250], // "$150 to $250 per hour"
    ftFirstDeploymentHours: [200, 400], // "200 to 400 hours"
    ftFullComputeUsd: [5000, 50000], // "$5,000 to $50,000"
    loraComputeSavingPct: [60, 80], // "60 to 80 percent"
    lora5kExamplesComputeUsd: [50, 200], // "$50–$200"
    dataCurationMultiple: [10, 50], // "10–50x"
    retrainCostUsd: [10000, 30000], // "$10,000 to $30,000"
    retrainLagDays: [14, 28], // "two to four weeks"
    vectorDbMonthlyUsd: [500, 3000], // "$500 to $3,000 monthly"
    retrievalOverheadPct: [15, 30], // "15 to 30 percent"
    ragBuildWeeks: [6, 12], // "6-12 weeks"
    ragInfraYearlyUsd: [20000, 50000], // "$20-50K/year"
    ftProductionYearlyUsd: [100000, 100000], // "$100K+/year"
    ftBuildWeeks: [10, 20], // 6-12 weeks + RAG's 4-8 from MVP to production
    ftTimeToValueWeeks: [6, 12], // "an eight-week timeline" is the base
    ragTimeToValueWeeks: [0.4, 1], // "in days ... in one week"
  };

  it("each default from a seed spans the seed's own range", () => {
    for (const [k, [low, high]] of Object.entries(READ_OFF_THE_SEEDS) as [AssumptionKey, [number, number]][]) {
      const v = DEFAULT_ASSUMPTIONS.values[k];
      expect([v.low, v.high], k).toEqual([low, high]);
    }
    expect(DEFAULT_ASSUMPTIONS.values.ftTimeToValueWeeks.base).toBe(8); // "an eight-week timeline"
  });

  it("a figure no seed gives is said to be so, with a public source or a note, never passed off as a quote", () => {
    for (const k of ASSUMPTION_KEYS) {
      const s = spec(k).source;
      if (s.kind === "public") {
        expect(s.name.length, k).toBeGreaterThan(10);
        expect(s.readOn, k).toMatch(/^\d{4}$/);
      }
      if (s.kind === "none" || s.kind === "estimate") expect(s.note.length, k).toBeGreaterThan(10);
    }
    // The model's prices are empty by default: the catalogue fills them.
    expect(DEFAULT_ASSUMPTIONS.values.modelInputPricePerMTokens).toEqual(none);
    expect(DEFAULT_ASSUMPTIONS.values.modelOutputPricePerMTokens).toEqual(none);
    expect((spec("modelInputPricePerMTokens").source as { note: string }).note).toContain("@pydantic/genai-prices");
  });

  it("every figure has its own label and a unit, and every default lies within its bounds, low ≤ base ≤ high", () => {
    const labels = ASSUMPTION_KEYS.map((k) => spec(k).label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const k of ASSUMPTION_KEYS) {
      const s = spec(k);
      expect(s.label.length, k).toBeGreaterThan(3);
      expect(s.unit.length, k).toBeGreaterThan(1);
      expect(s.min, k).toBeLessThan(s.max);
      const v = DEFAULT_ASSUMPTIONS.values[k];
      if (v.base === null) continue;
      expect(v.low! <= v.base && v.base <= v.high!, k).toBe(true);
      expect(v.low!, k).toBeGreaterThanOrEqual(s.min);
      expect(v.high!, k).toBeLessThanOrEqual(s.max);
    }
    // The defaults pass the same schema an edited set must pass.
    expect(assumptionSetSchema.safeParse(DEFAULT_ASSUMPTIONS).success).toBe(true);
  });

  it("only the figures that make costs smaller as they grow are marked so", () => {
    expect(ASSUMPTION_KEYS.filter((k) => spec(k).direction === "lowers").sort()).toEqual(["gpuUtilisationPct", "loraComputeSavingPct", "pgvectorMaxDocuments"]);
    expect(ASSUMPTION_KEYS.filter((k) => spec(k).referenceOnly).sort()).toEqual(["ftFirstDeploymentHours", "ftProductionYearlyUsd", "ragInfraYearlyUsd"]);
    // Each says what is priced instead: the seed's 200-400 hours stood beside a build of 10-20 weeks unexplained.
    expect(spec("ftFirstDeploymentHours").referenceOnly).toContain(`"${spec("ftBuildWeeks").label}"`);
    for (const k of ASSUMPTION_KEYS.filter((k) => spec(k).referenceOnly)) expect(spec(k).referenceOnly, k).toMatch(/ instead/);
  });
});

describe("editing a set: what the form refuses, in words", () => {
  const withValue = (k: AssumptionKey, range: unknown) => ({ ...DEFAULT_ASSUMPTIONS, values: { ...DEFAULT_ASSUMPTIONS.values, [k]: range } });
  const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.error?.issues ?? []).map((i) => i.message);

  it("a figure below its least or above its most, with the bound in the message", () => {
    expect(messages(assumptionSetSchema.safeParse(withValue("engineerRate", { low: -1, base: 200, high: 250 })))).toEqual(["At least 0"]);
    expect(messages(assumptionSetSchema.safeParse(withValue("engineerRate", { low: 150, base: 200, high: 2001 })))).toEqual(["At most 2,000"]);
    expect(messages(assumptionSetSchema.safeParse(withValue("gpuUtilisationPct", { low: 0, base: 50, high: 70 })))).toEqual(["At least 1"]);
    // At the bounds themselves: accepted.
    expect(assumptionSetSchema.safeParse(withValue("engineerRate", { low: 0, base: 0, high: 2000 })).success).toBe(true);
  });
  it("some of the three given but not all, or out of order", () => {
    expect(messages(assumptionSetSchema.safeParse(withValue("engineerRate", { low: 150, base: null, high: 250 })))).toEqual(["Give low, base and high, or none"]);
    expect(messages(assumptionSetSchema.safeParse(withValue("engineerRate", { low: 150, base: null, high: null })))).toEqual(["Give low, base and high, or none"]);
    expect(messages(assumptionSetSchema.safeParse(withValue("engineerRate", { low: null, base: null, high: 250 })))).toEqual(["Give low, base and high, or none"]);
    expect(messages(assumptionSetSchema.safeParse(withValue("engineerRate", { low: 150, base: 200, high: null })))).toEqual(["Give low, base and high, or none"]);
    // Out of order: said at the figure out of order, naming both figures.
    const issues = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) => (r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]);
    expect(issues(assumptionSetSchema.safeParse(withValue("engineerRate", { low: 250, base: 200, high: 300 })))).toEqual([["values.engineerRate.low", "Low (250) is above base (200): low ≤ base ≤ high"]]);
    expect(issues(assumptionSetSchema.safeParse(withValue("engineerRate", { low: 150, base: 300, high: 250 })))).toEqual([["values.engineerRate.base", "Base (300) is above high (250): low ≤ base ≤ high"]]);
    expect(issues(assumptionSetSchema.safeParse(withValue("vectorDbMonthlyUsd", { low: 3500, base: 1200, high: 4000 })))).toEqual([["values.vectorDbMonthlyUsd.low", "Low (3,500) is above base (1,200): low ≤ base ≤ high"]]);
    // A figure out of bounds has its own message, and no order message beside it.
    expect(issues(assumptionSetSchema.safeParse(withValue("engineerRate", { low: 150, base: -5, high: 250 })))).toEqual([["values.engineerRate.base", "At least 0"]]);
    // Not a number (the form sends what it cannot read as NaN): said in words.
    expect(issues(assumptionSetSchema.safeParse(withValue("engineerRate", { low: 150, base: Number.NaN, high: 250 })))).toEqual([["values.engineerRate.base", "Not a number: use digits, with a decimal point if needed"]]);
    // Equal figures and an empty figure are fine.
    expect(assumptionSetSchema.safeParse(withValue("engineerRate", fixed(200))).success).toBe(true);
    expect(assumptionSetSchema.safeParse(withValue("engineerRate", none)).success).toBe(true);
  });
  it("a model price by hand without its pair is refused beside the empty one, in any scenario (a lone one would be ignored)", () => {
    const issues = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) => (r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]);
    const onlyInput = withValue("modelInputPricePerMTokens", fixed(5));
    expect(issues(assumptionSetSchema.safeParse(onlyInput))).toEqual([["values.modelOutputPricePerMTokens", "Set the output price too: hand prices replace the catalogue's only as a pair."]]);
    const onlyOutput = withValue("modelOutputPricePerMTokens", { low: 10, base: 12, high: 15 });
    expect(issues(assumptionSetSchema.safeParse(onlyOutput))).toEqual([["values.modelInputPricePerMTokens", "Set the input price too: hand prices replace the catalogue's only as a pair."]]);
    // The form's own schema for the figures says the same.
    expect(issues(assumptionSetSchema.shape.values.safeParse(onlyInput.values))).toEqual([["modelOutputPricePerMTokens", "Set the output price too: hand prices replace the catalogue's only as a pair."]]);
    // Both, or neither: fine.
    expect(assumptionSetSchema.safeParse({ ...onlyInput, values: { ...onlyInput.values, modelOutputPricePerMTokens: fixed(15) } }).success).toBe(true);
    expect(assumptionSetSchema.safeParse(DEFAULT_ASSUMPTIONS).success).toBe(true);
    expect(halfSetPrices({ modelInputPricePerMTokens: none, modelOutputPricePerMTokens: none })).toEqual([]);
  });
  it("a set saved with a lone hand price says the price is ignored, and what to do", () => {
    expect(ignoredHandPriceSentence({ modelInputPricePerMTokens: fixed(5), modelOutputPricePerMTokens: none })).toBe(
      "The input price by hand is ignored: there is no output price by hand, and hand prices replace the catalogue's only as a pair. Set the output price too, or clear the input price.",
    );
    expect(ignoredHandPriceSentence({ modelInputPricePerMTokens: none, modelOutputPricePerMTokens: fixed(5) })).toContain("The output price by hand is ignored");
    expect(ignoredHandPriceSentence(DEFAULT_ASSUMPTIONS.values)).toBeNull();
    expect(ignoredHandPriceSentence({ modelInputPricePerMTokens: fixed(5), modelOutputPricePerMTokens: fixed(15) })).toBeNull();
  });
  it("an unknown figure, field or method is refused, not ignored", () => {
    expect(assumptionSetSchema.safeParse({ ...DEFAULT_ASSUMPTIONS, values: { ...DEFAULT_ASSUMPTIONS.values, madeUp: fixed(1) } }).success).toBe(false);
    expect(assumptionSetSchema.safeParse({ ...DEFAULT_ASSUMPTIONS, extra: 1 }).success).toBe(false);
    expect(assumptionSetSchema.safeParse({ ...DEFAULT_ASSUMPTIONS, fineTuneMethod: "QLORA" }).success).toBe(false);
    expect(assumptionSetSchema.safeParse(withValue("engineerRate", { low: 1, base: 2, high: 3, mid: 2 })).success).toBe(false);
  });
  it("a model is named provider/model, at most 200 characters", () => {
    expect(modelRefSchema.parse("  openai/gpt-4o  ")).toBe("openai/gpt-4o");
    expect(modelRefSchema.safeParse("anthropic/claude-3-5-haiku@2024.10:beta").success).toBe(true);
    for (const bad of ["gpt-4o", "OpenAI/gpt-4o", "openai/", "/gpt-4o", "openai/gpt 4o", "openai/gpt-4o/x"]) {
      expect(messages(modelRefSchema.safeParse(bad)), bad).toEqual(["Name the model as provider/model, for example openai/gpt-4o"]);
    }
    expect(messages(modelRefSchema.safeParse(`openai/${"x".repeat(200)}`))).toContain("At most 200 characters");
  });
  it("a use case overrides any figures it names, and its model, nothing else", () => {
    expect(overridesSchema.safeParse({}).success).toBe(true);
    expect(overridesSchema.safeParse({ engineerRate: fixed(300), model: "openai/gpt-4o-mini" }).success).toBe(true);
    expect(overridesSchema.safeParse({ engineerRate: { low: 300, base: 200, high: 400 } }).success).toBe(false);
    expect(overridesSchema.safeParse({ model: "gpt-4o" }).success).toBe(false);
    expect(overridesSchema.safeParse({ horizonYears: 3 }).success).toBe(false);
  });
});

describe("reading a stored set", () => {
  it("keeps what is valid and falls back to the default, figure by figure, for what is not", () => {
    const set = readAssumptionSet({
      fineTuneMethod: "FULL",
      ftDeployment: "SELF_HOSTED",
      model: "openai/gpt-4o-mini",
      values: { engineerRate: fixed(300), retrainCostUsd: { low: 5, base: 1, high: 9 }, vectorDbMonthlyUsd: "a lot", madeUp: fixed(1) },
    });
    expect(set.fineTuneMethod).toBe("FULL");
    expect(set.ftDeployment).toBe("SELF_HOSTED");
    expect(set.model).toBe("openai/gpt-4o-mini");
    expect(set.values.engineerRate).toEqual(fixed(300));
    expect(set.values.retrainCostUsd).toEqual(DEFAULT_ASSUMPTIONS.values.retrainCostUsd);
    expect(set.values.vectorDbMonthlyUsd).toEqual(DEFAULT_ASSUMPTIONS.values.vectorDbMonthlyUsd);
    expect(set.values).not.toHaveProperty("madeUp");
    expect(set.catalogue).toBeNull();
  });
  it("reads anything unreadable as the defaults, never throwing", () => {
    for (const junk of [null, undefined, 42, "text", [], { values: null }, { fineTuneMethod: "QLORA", ftDeployment: "MOON", model: "nope", catalogue: { package: 1 } }]) {
      expect(readAssumptionSet(junk), JSON.stringify(junk)).toEqual({ ...DEFAULT_ASSUMPTIONS, values: { ...DEFAULT_ASSUMPTIONS.values } });
    }
  });
  it("keeps a pinned catalogue snapshot, and only a well-formed one", () => {
    const catalogue = { package: "@pydantic/genai-prices", version: "0.1.0", pinnedOn: "2026-06-01", prices: { "openai/gpt-4o": { inputPerM: 5, outputPerM: 15, cachedInputPerM: null } } };
    expect(readAssumptionSet({ catalogue }).catalogue).toEqual(catalogue);
    for (const pinnedOn of ["June 2026", "x2026-06-01", "2026-06-01x"]) expect(readAssumptionSet({ catalogue: { ...catalogue, pinnedOn } }).catalogue, pinnedOn).toBeNull();
    expect(readAssumptionSet({ catalogue: { ...catalogue, prices: { "openai/gpt-4o": { inputPerM: -1, outputPerM: 15, cachedInputPerM: null } } } }).catalogue).toBeNull();
    expect(FT_DEPLOYMENT_LABELS).toEqual({ SMALL_MODEL: "A fine-tuned smaller model (002, 003)", API_HOSTED: "An API-hosted fine-tune of the base model", SELF_HOSTED: "A self-hosted open model on GPUs" });
  });

  describe("figures saved before model prices were split into input and output", () => {
    it("a set without the old figures is read as it is", () => {
      const values = { engineerRate: fixed(1) };
      expect(upgradeLegacyFigures(values)).toBe(values);
      expect(upgradeLegacyFigures(undefined)).toBeUndefined();
    });
    it("the old price per 1,000 tokens of the whole call becomes the price per million of input and of output", () => {
      const out = upgradeLegacyFigures({ modelPricePer1kTokens: { low: 0.002, base: 0.005, high: 0.01 }, tokensPerCall: { low: 1000, base: 1500, high: 2500 } })!;
      expect(out.modelInputPricePerMTokens).toEqual({ low: 2, base: 5, high: 10 });
      expect(out.modelOutputPricePerMTokens).toEqual({ low: 2, base: 5, high: 10 });
      expect(out.inputTokensPerCall).toEqual({ low: 1000, base: 1500, high: 2500 });
      expect(out.outputTokensPerCall).toEqual(fixed(0));
      expect(out).not.toHaveProperty("modelPricePer1kTokens");
      expect(out).not.toHaveProperty("tokensPerCall");
    });
    it("an empty old price converts nothing, and new prices already set are kept as they are", () => {
      expect(upgradeLegacyFigures({ modelPricePer1kTokens: none, tokensPerCall: fixed(1000) })).toEqual({});
      const newer = { modelPricePer1kTokens: fixed(0.01), modelInputPricePerMTokens: fixed(3), modelOutputPricePerMTokens: fixed(4), inputTokensPerCall: fixed(900) };
      expect(upgradeLegacyFigures(newer)).toEqual({ modelInputPricePerMTokens: fixed(3), modelOutputPricePerMTokens: fixed(4), inputTokensPerCall: fixed(900) });
      // Only one of the new prices set and the other empty: still the newer figures' set, kept.
      const half = { modelPricePer1kTokens: fixed(0.01), modelInputPricePerMTokens: fixed(3) };
      expect(upgradeLegacyFigures(half)).toEqual({ modelInputPricePerMTokens: fixed(3) });
      // The new prices present but empty: the old price fills them.
      expect(upgradeLegacyFigures({ modelPricePer1kTokens: fixed(0.01), modelInputPricePerMTokens: none, modelOutputPricePerMTokens: none })).toEqual({
        modelInputPricePerMTokens: fixed(10),
        modelOutputPricePerMTokens: fixed(10),
      });
    });
    it("either new price already set keeps the old price out; a new price present but undefined counts as set", () => {
      expect(upgradeLegacyFigures({ modelPricePer1kTokens: fixed(0.01), modelOutputPricePerMTokens: fixed(4) })).toEqual({ modelOutputPricePerMTokens: fixed(4) });
      expect(upgradeLegacyFigures({ modelPricePer1kTokens: fixed(0.01), modelInputPricePerMTokens: undefined })).toEqual({ modelInputPricePerMTokens: undefined });
      // An old price that is not a range at all converts to nothing (the defaults stand).
      expect(upgradeLegacyFigures({ modelPricePer1kTokens: "0.01" })).toEqual({ modelInputPricePerMTokens: undefined, modelOutputPricePerMTokens: undefined });
      expect(readAssumptionSet({ values: { modelPricePer1kTokens: "0.01" } }).values.modelInputPricePerMTokens).toEqual(none);
      // Old tokens with an empty low or high keep them empty in the output tokens too.
      const partial = upgradeLegacyFigures({ modelPricePer1kTokens: fixed(0.01), tokensPerCall: { low: null, base: 1000, high: null } })!;
      expect(partial.outputTokensPerCall).toEqual({ low: null, base: 0, high: null });
      expect(partial.modelInputPricePerMTokens).toEqual(fixed(10));
      expect(upgradeLegacyFigures({ modelPricePer1kTokens: { low: null, base: 0.01, high: null } })!.modelInputPricePerMTokens).toEqual({ low: null, base: 10, high: null });
    });
    it("an old price alone converts the price and leaves the tokens to the defaults; old tokens alone are dropped", () => {
      expect(upgradeLegacyFigures({ modelPricePer1kTokens: fixed(0.01) })).toEqual({ modelInputPricePerMTokens: fixed(10), modelOutputPricePerMTokens: fixed(10) });
      expect(upgradeLegacyFigures({ tokensPerCall: fixed(1000) })).toEqual({});
      expect(upgradeLegacyFigures({ modelPricePer1kTokens: fixed(0.01), tokensPerCall: none })).toEqual({ modelInputPricePerMTokens: fixed(10), modelOutputPricePerMTokens: fixed(10) });
    });
  });
});

describe("laying figures over a set", () => {
  const byHand: AssumptionSet = { ...DEFAULT_ASSUMPTIONS, values: { ...DEFAULT_ASSUMPTIONS.values, modelInputPricePerMTokens: fixed(1), modelOutputPricePerMTokens: fixed(2) } };

  it("a use case's overrides replace just the figures they name", () => {
    expect(withOverrides(DEFAULT_ASSUMPTIONS, undefined)).toBe(DEFAULT_ASSUMPTIONS);
    const over = withOverrides(DEFAULT_ASSUMPTIONS, { engineerRate: fixed(99), model: "openai/gpt-4o-mini" });
    expect(over.values.engineerRate).toEqual(fixed(99));
    expect(changedAssumptions(DEFAULT_ASSUMPTIONS, over)).toEqual(["engineerRate"]);
    expect(over.model).toBe(DEFAULT_ASSUMPTIONS.model); // the model is chosen by withModelPrices, not here
    expect(DEFAULT_ASSUMPTIONS.values.engineerRate).toEqual({ low: 150, base: 200, high: 250 }); // the shared defaults untouched
  });
  it("names the figures two versions differ in, in the catalogue's order", () => {
    expect(changedAssumptions(DEFAULT_ASSUMPTIONS, DEFAULT_ASSUMPTIONS)).toEqual([]);
    const b = { ...DEFAULT_ASSUMPTIONS, values: { ...DEFAULT_ASSUMPTIONS.values, retrainCostUsd: fixed(1), engineerRate: { low: 150, base: 201, high: 250 } } };
    expect(changedAssumptions(DEFAULT_ASSUMPTIONS, b)).toEqual(["engineerRate", "retrainCostUsd"]);
  });

  it("the organization's own model: prices by hand win over the catalogue", () => {
    const { set, pricing } = withModelPrices(byHand);
    expect(pricing).toEqual({ model: "openai/gpt-4o", from: "hand", catalogueVersion: null, pinnedOn: null });
    expect(set).toBe(byHand);
  });
  it("the organization's own model with one hand price empty: both prices from the catalogue", () => {
    const half = { ...DEFAULT_ASSUMPTIONS, values: { ...DEFAULT_ASSUMPTIONS.values, modelInputPricePerMTokens: fixed(1) } };
    const { set, pricing } = withModelPrices(half);
    expect(pricing).toEqual({ model: "openai/gpt-4o", from: "catalogue", catalogueVersion: "0.1.8", pinnedOn: null });
    expect(set.values.modelInputPricePerMTokens).toEqual(fixed(2.5));
    expect(set.values.modelOutputPricePerMTokens).toEqual(fixed(10));
  });
  it("a use case naming the organization's own model is priced like the organization", () => {
    expect(withModelPrices(byHand, "openai/gpt-4o").pricing.from).toBe("hand");
    expect(withModelPrices(byHand, null).pricing.from).toBe("hand");
  });
  it("an organization whose default model the catalogue lacks and which set no price: the price is missing", () => {
    const { set, pricing } = withModelPrices({ ...DEFAULT_ASSUMPTIONS, model: "acme/in-house-7b" });
    expect(pricing).toEqual({ model: "acme/in-house-7b", from: "missing", catalogueVersion: null, pinnedOn: null });
    expect(set.values.modelInputPricePerMTokens).toEqual(none);
  });
  it("a use case's own model the catalogue lacks drops the organization's hand prices (they are for another model)", () => {
    const { set, pricing } = withModelPrices(byHand, "acme/in-house-7b");
    expect(pricing).toEqual({ model: "acme/in-house-7b", from: "missing", catalogueVersion: null, pinnedOn: null });
    expect(set.values.modelInputPricePerMTokens).toEqual(none);
    expect(set.values.modelOutputPricePerMTokens).toEqual(none);
    expect(set.values.engineerRate).toEqual(byHand.values.engineerRate);
  });
  it("a pinned snapshot is used, with its version and day, before the installed catalogue", () => {
    const pinned = { ...DEFAULT_ASSUMPTIONS, catalogue: { package: "@pydantic/genai-prices", version: "0.1.0", pinnedOn: "2026-06-01", prices: { "openai/gpt-4o-mini": { inputPerM: 7, outputPerM: 9, cachedInputPerM: null } } } };
    const { set, pricing } = withModelPrices(pinned, "openai/gpt-4o-mini");
    expect(pricing).toEqual({ model: "openai/gpt-4o-mini", from: "catalogue", catalogueVersion: "0.1.0", pinnedOn: "2026-06-01" });
    expect([set.values.modelInputPricePerMTokens, set.values.modelOutputPricePerMTokens]).toEqual([fixed(7), fixed(9)]);
  });
});
