/**
 * Cost assumptions: the default figures (each with its source in ./assumption-catalog.ts), the
 * schema a stored set is read with, and a use case's model prices and overrides applied to a set.
 */
import { z } from "../zod";
import { CATALOGUE_VERSION as CATALOGUE_INSTALLED, DEFAULT_MODEL, modelPrice, type ModelRef, type PinnedCatalogue } from "./catalogue";
import { ASSUMPTION_CATALOG, ASSUMPTION_KEYS, type AssumptionKey, type AssumptionSpec, type Range } from "./assumption-catalog";
import { halfSetPrices, PRICE_KEYS } from "./hand-prices";
export { HALF_PRICE_MESSAGES, halfSetPrices, PRICE_KEYS } from "./hand-prices";
export { ASSUMPTION_CATALOG, ASSUMPTION_KEYS, type AssumptionKey, type AssumptionSpec, type Range, type Source } from "./assumption-catalog";

export const FINE_TUNE_METHODS = ["FULL", "LORA"] as const;
export type FineTuneMethod = (typeof FINE_TUNE_METHODS)[number];

/**
 * How a fine-tuned model is deployed (after the FinOps Foundation's split): a fine-tuned smaller
 * model at a fraction of the base model's price (002, 003: the default, and what makes
 * fine-tuning cheap at scale); an API-hosted fine-tune of the base model (training tokens × epochs
 * × price; inference 1.5–2 times the base price: dearer, not cheaper); a self-hosted open model
 * (GPU hours at a utilisation, one GPU always on).
 */
export const FT_DEPLOYMENTS = ["SMALL_MODEL", "API_HOSTED", "SELF_HOSTED"] as const;
export type FtDeployment = (typeof FT_DEPLOYMENTS)[number];
export const FT_DEPLOYMENT_LABELS: Record<FtDeployment, string> = {
  SMALL_MODEL: "A fine-tuned smaller model (002, 003)",
  API_HOSTED: "An API-hosted fine-tune of the base model",
  SELF_HOSTED: "A self-hosted open model on GPUs",
};

export interface AssumptionSet {
  fineTuneMethod: FineTuneMethod;
  /** How fine-tuned models are deployed; absent in sets saved before it existed (read as the default). */
  ftDeployment?: FtDeployment;
  values: Record<AssumptionKey, Range>;
  /** The organization's default model ("provider/model"), for use cases that name none. */
  model: ModelRef;
  /** The catalogue's prices as pinned with this version; null: the installed catalogue's (the built-in defaults). */
  catalogue: PinnedCatalogue | null;
}


const r = (low: number | null, base: number | null, high: number | null): Range => ({ low, base, high });

/**
 * The seed defaults. Deeply frozen: they are shared by every organization without a saved
 * version, so a caller that changed one in place would change every projection in the process.
 */
export const DEFAULT_ASSUMPTIONS: AssumptionSet = deepFreeze({
  fineTuneMethod: "LORA",
  ftDeployment: "SMALL_MODEL",
  model: DEFAULT_MODEL,
  catalogue: null,
  values: {
    engineerRate: r(150, 200, 250),
    ftFirstDeploymentHours: r(200, 300, 400),
    ftBuildWeeks: r(10, 15, 20),
    curationMinutesPerExample: r(1, 2, 5),
    ftExamplesNeeded: r(500, 1000, 3000),
    ftFullComputeUsd: r(5000, 27500, 50000),
    loraComputeSavingPct: r(60, 70, 80),
    lora5kExamplesComputeUsd: r(50, 125, 200),
    dataCurationMultiple: r(10, 30, 50),
    retrainCostUsd: r(10000, 20000, 30000),
    retrainLagDays: r(14, 21, 28),
    vectorDbMonthlyUsd: r(500, 1750, 3000),
    retrievalOverheadPct: r(15, 22.5, 30),
    ragBuildWeeks: r(6, 9, 12),
    ragInfraYearlyUsd: r(20000, 35000, 50000),
    ftProductionYearlyUsd: r(100000, 100000, 100000),
    ftInferencePriceFactor: r(0.1, 0.3, 0.5),
    ftHostingHourlyUsd: r(1.7, 1.7, 1.7),
    hostedFtPriceFactor: r(1.5, 1.75, 2),
    trainingTokensPerExample: r(500, 1000, 2000),
    trainingEpochs: r(2, 3, 4),
    trainingPricePerMTokens: r(3, 12.5, 25),
    gpuHourlyUsd: r(1.5, 2.5, 4),
    gpuSecondsPerCall: r(0.2, 0.5, 1),
    gpuUtilisationPct: r(30, 50, 70),
    embeddingPricePerMTokens: r(0.02, 0.075, 0.13),
    pgvectorMaxDocuments: r(100_000, 100_000, 100_000),
    pgvectorMonthlyUsd: r(0, 50, 150),
    tokensPerDocument: r(500, 1000, 2000),
    reindexSharePct: r(1, 2, 10),
    evalBuildWeeks: r(1, 2, 4),
    evalRunHoursPerMonth: r(2, 4, 8),
    ftUpkeepHoursPerWeek: r(4, 8, 16),
    modelInputPricePerMTokens: r(null, null, null),
    modelOutputPricePerMTokens: r(null, null, null),
    inputTokensPerCall: r(1000, 1500, 2500),
    outputTokensPerCall: r(200, 300, 500),
    maintenanceHoursPerWeek: r(2, 4, 8),
    promptUpkeepHoursPerMonth: r(1, 2, 4),
    ragTimeToValueWeeks: r(0.4, 0.7, 1),
    ftTimeToValueWeeks: r(6, 8, 12),
  },
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** A range as edited: all three given or none, each within the figure's bounds, low ≤ base ≤ high. */
function buildRangeSchema(key: AssumptionKey) {
  const spec: AssumptionSpec = ASSUMPTION_CATALOG[key];
  const n = z
    .number({ error: "Not a number: use digits, with a decimal point if needed" })
    .min(spec.min, `At least ${spec.min}`)
    .max(spec.max, `At most ${spec.max.toLocaleString("en-US")}`)
    .nullable();
  const within = (x: number) => x >= spec.min && x <= spec.max;
  const shown = (x: number) => x.toLocaleString("en-US").replace("-", "−");
  return z
    .object({ low: n, base: n, high: n })
    .strict()
    .refine((v) => (v.low === null) === (v.base === null) && (v.base === null) === (v.high === null), { message: "Give low, base and high, or none" })
    // Order is judged only on a whole range of figures within bounds (a partial one, or one out of
    // bounds, already has its message), and said at the figure out of order, naming both.
    .superRefine((v, ctx) => {
      if (v.low === null || v.base === null || v.high === null || ![v.low, v.base, v.high].every(within)) return;
      if (v.low > v.base) ctx.addIssue({ code: "custom", path: ["low"], message: `Low (${shown(v.low)}) is above base (${shown(v.base)}): low ≤ base ≤ high` });
      else if (v.base > v.high) ctx.addIssue({ code: "custom", path: ["base"], message: `Base (${shown(v.base)}) is above high (${shown(v.high)}): low ≤ base ≤ high` });
    });
}

/**
 * Each figure's schema, built once: zod compiles an object schema on its first parse, so a schema
 * built per call is compiled per call (that was ~15 ms of every save, reading the stored set).
 */
const RANGE_SCHEMAS = Object.fromEntries(ASSUMPTION_KEYS.map((k) => [k, buildRangeSchema(k)])) as Record<AssumptionKey, ReturnType<typeof buildRangeSchema>>;
const rangeSchema = (key: AssumptionKey) => RANGE_SCHEMAS[key];

/** "provider/model", as the catalogue names them (a model it lacks may be named too, and priced by hand). */
export const modelRefSchema = z
  .string()
  .trim()
  .max(200, "At most 200 characters")
  .regex(/^[a-z0-9-]+\/[A-Za-z0-9._:@-]+$/, "Name the model as provider/model, for example openai/gpt-4o");

const priceSchema = z.object({ inputPerM: z.number().min(0), outputPerM: z.number().min(0), cachedInputPerM: z.number().min(0).nullable() }).strict();
export const pinnedCatalogueSchema = z
  .object({ package: z.string().max(200), version: z.string().max(50), pinnedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), prices: z.record(z.string().max(200), priceSchema) })
  .strict();


/**
 * What a page says of a set saved before a lone hand price was refused: the price it shows is
 * ignored, and the catalogue's pair prices the model. null when the hand prices are a pair or none.
 */
export function ignoredHandPriceSentence(values: Partial<Record<AssumptionKey, Range>>): string | null {
  const [half] = halfSetPrices(values);
  if (!half) return null;
  const [set, empty] = half.key === "modelOutputPricePerMTokens" ? ["input", "output"] : ["output", "input"];
  return `The ${set} price by hand is ignored: there is no ${empty} price by hand, and hand prices replace the catalogue's only as a pair. Set the ${empty} price too, or clear the ${set} price.`;
}

/** Every figure of a set, and the model's hand prices given both or neither. */
const valuesSchema = z
  .object(Object.fromEntries(ASSUMPTION_KEYS.map((k) => [k, rangeSchema(k)])) as Record<AssumptionKey, ReturnType<typeof rangeSchema>>)
  .strict()
  .superRefine((values, ctx) => {
    for (const { key, message } of halfSetPrices(values)) ctx.addIssue({ code: "custom", path: [key], message });
  });

export const assumptionSetSchema = z
  .object({
    fineTuneMethod: z.enum(FINE_TUNE_METHODS),
    ftDeployment: z.enum(FT_DEPLOYMENTS).optional(),
    model: modelRefSchema,
    catalogue: pinnedCatalogueSchema.nullable(),
    values: valuesSchema,
  })
  .strict();

/**
 * Per-use-case overrides: any subset of figures, and the model the use case runs on
 * ("provider/model", priced from the catalogue; absent: the organization's default model).
 */
export const overridesSchema = z
  .object({
    ...(Object.fromEntries(ASSUMPTION_KEYS.map((k) => [k, rangeSchema(k).optional()])) as Record<AssumptionKey, z.ZodOptional<ReturnType<typeof rangeSchema>>>),
    model: z.lazy(() => modelRefSchema).optional(),
  })
  .strict();
export type Overrides = Partial<Record<AssumptionKey, Range>> & { model?: ModelRef };

/**
 * Figures saved before model prices were split into input and output (one price per 1,000
 * tokens of the whole call, and tokens per call) read as the same cost: every token priced as
 * input at the old price per million, none as output. Returns the figures with the new keys.
 */
export function upgradeLegacyFigures(values: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!values || !("modelPricePer1kTokens" in values || "tokensPerCall" in values)) return values;
  const { modelPricePer1kTokens: price, tokensPerCall: tokens, ...rest } = values as Record<string, Range | undefined>;
  const scale = (r: Range | undefined, f: number): Range | undefined =>
    r && typeof r === "object" ? { low: r.low === null ? null : r.low * f, base: r.base === null ? null : r.base * f, high: r.high === null ? null : r.high * f } : undefined;
  const out: Record<string, unknown> = { ...rest };
  const unset = (k: string) => !(k in rest) || (rest[k] as Range | undefined)?.base === null;
  const wholeCall = !!price && price.base !== null && unset("modelInputPricePerMTokens") && unset("modelOutputPricePerMTokens");
  if (wholeCall) {
    out.modelInputPricePerMTokens = scale(price, 1000);
    out.modelOutputPricePerMTokens = scale(price, 1000);
  }
  // The old price covered the whole call, so its tokens are all priced as input.
  if (wholeCall && tokens && tokens.base !== null) {
    out.inputTokensPerCall = tokens;
    out.outputTokensPerCall = { low: tokens.low === null ? null : 0, base: tokens.base === null ? null : 0, high: tokens.high === null ? null : 0 };
  }
  return out;
}

/** Reads a stored set leniently: unknown or invalid figures fall back to the defaults. */
export function readAssumptionSet(json: unknown): AssumptionSet {
  const obj = (typeof json === "object" && json !== null ? json : {}) as { fineTuneMethod?: unknown; values?: Record<string, unknown>; model?: unknown; catalogue?: unknown };
  const stored = upgradeLegacyFigures(obj.values);
  const values = { ...DEFAULT_ASSUMPTIONS.values };
  for (const k of ASSUMPTION_KEYS) {
    const parsed = rangeSchema(k).safeParse(stored?.[k]);
    if (parsed.success) values[k] = parsed.data;
  }
  const method = FINE_TUNE_METHODS.includes(obj.fineTuneMethod as FineTuneMethod) ? (obj.fineTuneMethod as FineTuneMethod) : DEFAULT_ASSUMPTIONS.fineTuneMethod;
  const model = modelRefSchema.safeParse(obj.model);
  const catalogue = pinnedCatalogueSchema.safeParse(obj.catalogue);
  const deployment = FT_DEPLOYMENTS.includes((obj as { ftDeployment?: unknown }).ftDeployment as FtDeployment) ? ((obj as { ftDeployment: FtDeployment }).ftDeployment) : "SMALL_MODEL";
  return { fineTuneMethod: method, ftDeployment: deployment, values, model: model.success ? model.data : DEFAULT_MODEL, catalogue: catalogue.success ? catalogue.data : null };
}

/** How a projection's model was priced, for the page to say. */
export interface Pricing {
  model: ModelRef;
  /** "catalogue": both prices from the catalogue; "hand": set by the organization or the use case; "missing": neither. */
  from: "catalogue" | "hand" | "missing";
  catalogueVersion: string | null;
  pinnedOn: string | null;
  /**
   * The base model's prices per million tokens the projection used, and the tokens of a call (each
   * low, base, high), so the page can say what an inference line is made of. `ownTokens`: the use
   * case set its own tokens per call. Absent from projections stored before cost engine 2.8.
   */
  perMillionTokens?: { input: Range; output: Range };
  tokensPerCall?: { input: Range; output: Range; ownTokens: boolean };
  /**
   * What turns the base model's calls into each approach's (cost engine 2.17 on; absent before):
   * RAG's retrieval overhead on every call, and how a fine-tuned model's calls are priced, by its
   * deployment (a factor of the base price for a smaller model or an API-hosted fine-tune; GPU
   * hours when self-hosted). A reviewer read a hybrid 40% cheaper than RAG with nothing to say why.
   */
  inference?: { retrievalOverheadPct: Range; ftDeployment: FtDeployment; ftPriceFactor: Range | null };
}

/**
 * The set with its model's prices filled in. A use case that names a model the catalogue has is
 * priced at the catalogue's price (pinned snapshot first); otherwise the organization's hand
 * prices stand, and where they are empty, its default model's catalogue price. A use case's own
 * overrides (laid on afterwards) beat all of these.
 */
export function withModelPrices(set: AssumptionSet, useCaseModel?: ModelRef | null): { set: AssumptionSet; pricing: Pricing } {
  const fromCatalogue = (ref: ModelRef) => modelPrice(ref, set.catalogue);
  const version = set.catalogue?.version ?? null;
  const pinnedOn = set.catalogue?.pinnedOn ?? null;
  const fill = (ref: ModelRef, price: NonNullable<ReturnType<typeof fromCatalogue>>) => ({
    set: { ...set, values: { ...set.values, modelInputPricePerMTokens: fixedRange(price.inputPerM), modelOutputPricePerMTokens: fixedRange(price.outputPerM) } },
    pricing: { model: ref, from: "catalogue" as const, catalogueVersion: version ?? CATALOGUE_INSTALLED, pinnedOn },
  });
  if (useCaseModel && useCaseModel !== set.model) {
    const price = fromCatalogue(useCaseModel);
    if (price) return fill(useCaseModel, price);
    // A model the catalogue lacks: the organization's hand prices are for its own model, so the
    // use case must price this one itself (its overrides); until then the price is missing.
    const none: Range = { low: null, base: null, high: null };
    return {
      set: { ...set, values: { ...set.values, modelInputPricePerMTokens: none, modelOutputPricePerMTokens: none } },
      pricing: { model: useCaseModel, from: "missing", catalogueVersion: null, pinnedOn: null },
    };
  }
  const model = set.model;
  const hand = PRICE_KEYS.every((k) => set.values[k].base !== null);
  if (hand) return { set, pricing: { model, from: "hand", catalogueVersion: null, pinnedOn: null } };
  const price = fromCatalogue(set.model);
  if (price) return fill(set.model, price);
  return { set, pricing: { model, from: "missing", catalogueVersion: null, pinnedOn: null } };
}

const fixedRange = (v: number): Range => ({ low: v, base: v, high: v });

/** The organization's set with a use case's overrides laid over it. */
export function withOverrides(set: AssumptionSet, overrides: Overrides | undefined): AssumptionSet {
  if (!overrides) return set;
  const values = { ...set.values };
  for (const k of ASSUMPTION_KEYS) {
    const o = overrides[k];
    if (o) values[k] = o;
  }
  return { ...set, values };
}

/** Keys whose values differ between two sets (for comparing versions). */
export function changedAssumptions(a: AssumptionSet, b: AssumptionSet): AssumptionKey[] {
  return ASSUMPTION_KEYS.filter((k) => JSON.stringify(a.values[k]) !== JSON.stringify(b.values[k]));
}
