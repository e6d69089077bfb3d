/**
 * Cost assumptions: every default figure with its source. Figures from the seeds cite the seed
 * file; figures the seeds do not give are marked "not from the seeds", with a public source where
 * one exists, or no value at all (shown as missing until the organization sets it).
 */
import { z } from "../zod";

export interface Range {
  low: number | null;
  base: number | null;
  high: number | null;
}

export type Source =
  | { kind: "seed"; file: string; quote: string }
  | { kind: "public"; name: string; readOn: string }
  | { kind: "none"; note: string };

export interface AssumptionSpec {
  label: string;
  unit: string;
  min: number;
  max: number;
  group: "People" | "Fine-tuning" | "Retrieval" | "Inference" | "Time";
  source: Source;
  /** "lowers": a larger value makes costs smaller (the low scenario takes the high value). */
  direction?: "lowers";
  /** Shown beside the figure when it is kept for reference but not used by a formula. */
  referenceOnly?: boolean;
}

const S000 = "000_2a5380ca2875bd0d.txt";
const S002 = "002_eb871f56c24eca94.txt";
const S003 = "003_cef81cc6bb37c5d4.txt";

export const ASSUMPTION_CATALOG = {
  engineerRate: {
    label: "ML engineer rate", unit: "USD/hour", min: 0, max: 2000, group: "People",
    source: { kind: "seed", file: S000, quote: "machine learning engineer hours at $150 to $250 per hour" },
  },
  ftFirstDeploymentHours: {
    label: "Fine-tuning first deployment effort", unit: "hours", min: 0, max: 20000, group: "Fine-tuning",
    source: { kind: "seed", file: S000, quote: "for 200 to 400 hours" },
  },
  ftFullComputeUsd: {
    label: "Training compute, full fine-tune of a 7B model", unit: "USD", min: 0, max: 10_000_000, group: "Fine-tuning",
    source: { kind: "seed", file: S000, quote: "initial fine-tuning costs range from $5,000 to $50,000 in compute alone" },
  },
  loraComputeSavingPct: {
    label: "LoRA compute saving against a full fine-tune", unit: "percent", min: 0, max: 100, group: "Fine-tuning", direction: "lowers",
    source: { kind: "seed", file: S000, quote: "LoRA reduce compute requirements by 60 to 80 percent compared to full fine-tuning" },
  },
  lora5kExamplesComputeUsd: {
    label: "LoRA compute on 5,000 curated examples", unit: "USD", min: 0, max: 1_000_000, group: "Fine-tuning",
    source: { kind: "seed", file: S002, quote: "LoRA on a well-curated dataset of 5,000 examples runs roughly $50–$200 in GPU compute" },
  },
  dataCurationMultiple: {
    label: "Data curation labour, as a multiple of LoRA training compute", unit: "times", min: 0, max: 1000, group: "Fine-tuning",
    source: { kind: "seed", file: S002, quote: "dataset curation (often 10–50x the training compute cost in human labor)" },
  },
  retrainCostUsd: {
    label: "Retraining per significant change", unit: "USD", min: 0, max: 10_000_000, group: "Fine-tuning",
    source: { kind: "seed", file: S000, quote: "Each iteration adds $10,000 to $30,000" },
  },
  retrainLagDays: {
    label: "Lag of one retraining cycle", unit: "days", min: 0, max: 365, group: "Time",
    source: { kind: "seed", file: S000, quote: "and two to four weeks of lag time" },
  },
  vectorDbMonthlyUsd: {
    label: "Vector database", unit: "USD/month", min: 0, max: 1_000_000, group: "Retrieval",
    source: { kind: "seed", file: S000, quote: "vector databases for embedding storage, costing $500 to $3,000 monthly" },
  },
  retrievalOverheadPct: {
    label: "Retrieval overhead on inference", unit: "percent", min: 0, max: 500, group: "Retrieval",
    source: { kind: "seed", file: S000, quote: "typically 15 to 30 percent more than base model inference" },
  },
  ragBuildWeeks: {
    label: "RAG build (production)", unit: "engineering weeks", min: 0, max: 520, group: "Retrieval",
    source: { kind: "seed", file: S003, quote: "RAG: MVP 2 to 4 weeks; production 6 to 12 weeks of engineering" },
  },
  ragInfraYearlyUsd: {
    label: "RAG infrastructure, production (reference)", unit: "USD/year", min: 0, max: 10_000_000, group: "Retrieval", referenceOnly: true,
    source: { kind: "seed", file: S003, quote: "about $5,000 the first year (MVP); $20,000 to $50,000 a year (production)" },
  },
  ftProductionYearlyUsd: {
    label: "Fine-tuning in production (reference)", unit: "USD/year", min: 0, max: 10_000_000, group: "Fine-tuning", referenceOnly: true,
    source: { kind: "seed", file: S003, quote: "production $100,000+ a year" },
  },
  ftInferencePriceFactor: {
    label: "Fine-tuned small model's inference price against the base model", unit: "times", min: 0, max: 10, group: "Inference",
    source: { kind: "seed", file: S002, quote: "a fine-tuned smaller model can match the quality of a larger model on a specific task at a fraction of the inference cost" },
  },
  ftHostingHourlyUsd: {
    label: "Hosting a deployed fine-tuned model", unit: "USD/hour", min: 0, max: 1000, group: "Inference",
    source: { kind: "public", name: "Azure OpenAI fine-tuning cost documentation (hosting billed hourly whether used or not)", readOn: "2026" },
  },
  embeddingPricePerMTokens: {
    label: "Embeddings (reference)", unit: "USD per million tokens", min: 0, max: 100, group: "Retrieval", referenceOnly: true,
    source: { kind: "public", name: "published embedding model prices", readOn: "2026" },
  },
  modelPricePer1kTokens: {
    label: "Base model price", unit: "USD per 1,000 tokens", min: 0, max: 1000, group: "Inference",
    source: { kind: "none", note: "Not from the seeds: set your model's price." },
  },
  tokensPerCall: {
    label: "Tokens per call (prompt and answer)", unit: "tokens", min: 0, max: 2_000_000, group: "Inference",
    source: { kind: "none", note: "Not from the seeds: set your typical call size." },
  },
  maintenanceHoursPerWeek: {
    label: "Upkeep engineering", unit: "hours/week", min: 0, max: 400, group: "People",
    source: { kind: "none", note: "Not from the seeds: set the hours a week your team spends keeping a system running." },
  },
  ragTimeToValueWeeks: {
    label: "RAG time to value", unit: "weeks", min: 0, max: 520, group: "Time",
    source: { kind: "seed", file: S000, quote: "RAG can be operational in days ... deploy, test, and iterate in one week" },
  },
  ftTimeToValueWeeks: {
    label: "Fine-tuning time to value", unit: "weeks", min: 0, max: 520, group: "Time",
    source: { kind: "seed", file: S000, quote: "faces an eight-week timeline before seeing results" },
  },
} as const satisfies Record<string, AssumptionSpec>;

export type AssumptionKey = keyof typeof ASSUMPTION_CATALOG;
export const ASSUMPTION_KEYS = Object.keys(ASSUMPTION_CATALOG) as AssumptionKey[];
export const FINE_TUNE_METHODS = ["FULL", "LORA"] as const;
export type FineTuneMethod = (typeof FINE_TUNE_METHODS)[number];

export interface AssumptionSet {
  fineTuneMethod: FineTuneMethod;
  values: Record<AssumptionKey, Range>;
}

const r = (low: number | null, base: number | null, high: number | null): Range => ({ low, base, high });

/**
 * The seed defaults. Deeply frozen: they are shared by every organization without a saved
 * version, so a caller that changed one in place would change every projection in the process.
 */
export const DEFAULT_ASSUMPTIONS: AssumptionSet = deepFreeze({
  fineTuneMethod: "LORA",
  values: {
    engineerRate: r(150, 200, 250),
    ftFirstDeploymentHours: r(200, 300, 400),
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
    embeddingPricePerMTokens: r(0.02, 0.075, 0.13),
    modelPricePer1kTokens: r(null, null, null),
    tokensPerCall: r(null, null, null),
    maintenanceHoursPerWeek: r(null, null, null),
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
function rangeSchema(key: AssumptionKey) {
  const spec: AssumptionSpec = ASSUMPTION_CATALOG[key];
  const n = z.number().min(spec.min, `At least ${spec.min}`).max(spec.max, `At most ${spec.max.toLocaleString("en-US")}`).nullable();
  return z
    .object({ low: n, base: n, high: n })
    .strict()
    .refine((v) => (v.low === null) === (v.base === null) && (v.base === null) === (v.high === null), { message: "Give low, base and high, or none" })
    .refine((v) => v.low === null || (v.low <= v.base! && v.base! <= v.high!), { message: "Low must not exceed base, nor base exceed high" });
}

export const assumptionSetSchema = z
  .object({
    fineTuneMethod: z.enum(FINE_TUNE_METHODS),
    values: z.object(Object.fromEntries(ASSUMPTION_KEYS.map((k) => [k, rangeSchema(k)])) as Record<AssumptionKey, ReturnType<typeof rangeSchema>>).strict(),
  })
  .strict();

/** Per-use-case overrides: any subset of figures. */
export const overridesSchema = z
  .object(Object.fromEntries(ASSUMPTION_KEYS.map((k) => [k, rangeSchema(k).optional()])) as Record<AssumptionKey, z.ZodOptional<ReturnType<typeof rangeSchema>>>)
  .strict();
export type Overrides = Partial<Record<AssumptionKey, Range>>;

/** Reads a stored set leniently: unknown or invalid figures fall back to the defaults. */
export function readAssumptionSet(json: unknown): AssumptionSet {
  const obj = (typeof json === "object" && json !== null ? json : {}) as { fineTuneMethod?: unknown; values?: Record<string, unknown> };
  const values = { ...DEFAULT_ASSUMPTIONS.values };
  for (const k of ASSUMPTION_KEYS) {
    const parsed = rangeSchema(k).safeParse(obj.values?.[k]);
    if (parsed.success) values[k] = parsed.data;
  }
  const method = FINE_TUNE_METHODS.includes(obj.fineTuneMethod as FineTuneMethod) ? (obj.fineTuneMethod as FineTuneMethod) : DEFAULT_ASSUMPTIONS.fineTuneMethod;
  return { fineTuneMethod: method, values };
}

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
