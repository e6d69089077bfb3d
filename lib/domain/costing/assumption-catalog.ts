/**
 * The cost assumptions' catalogue: every figure the projection uses, with its unit, bounds, group
 * and source. Figures from the seeds cite the seed file; figures the seeds do not give are marked
 * "not from the seeds", with a public source where one exists, or no value at all (shown as missing
 * until the organization sets it). The default values and the reading of stored sets are in
 * ./assumptions.ts.
 */
import { CATALOGUE_PACKAGE } from "./catalogue";

export interface Range {
  low: number | null;
  base: number | null;
  high: number | null;
}

export type Source =
  /** `note`: what the figure is used for beyond what the quote says (another approach given it, and why). */
  | { kind: "seed"; file: string; quote: string; note?: string }
  | { kind: "public"; name: string; readOn: string }
  | { kind: "none"; note: string }
  /** A default the seeds call for but do not quantify: the seed says why it is needed, the value is an estimate. */
  | { kind: "estimate"; file: string; quote: string; note: string };

export interface AssumptionSpec {
  label: string;
  unit: string;
  min: number;
  max: number;
  group: "People" | "Fine-tuning" | "Retrieval" | "Inference" | "Evaluation" | "Time";
  source: Source;
  /** "lowers": a larger value makes costs smaller (the low scenario takes the high value). */
  direction?: "lowers";
  /**
   * Kept for reference, used by no formula: what the cost model prices instead, shown beside the
   * figure and in the form, so neither the seed's figure set aside nor an edit that changes no cost
   * goes unexplained.
   */
  referenceOnly?: string;
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
    label: "Fine-tuning first deployment effort (reference)", unit: "hours", min: 0, max: 20000, group: "Fine-tuning",
    referenceOnly: "The build is priced from \"Fine-tuning build (production)\" instead, 10-20 engineering weeks (003's MVP plus the weeks to production), so it is measured at the same stage as RAG's production build; 000's 200-400 hours are a first deployment.",
    source: { kind: "seed", file: S000, quote: "for 200 to 400 hours" },
  },
  ftBuildWeeks: {
    label: "Fine-tuning build (production)", unit: "engineering weeks", min: 0, max: 520, group: "Fine-tuning",
    source: {
      kind: "estimate", file: S003,
      quote: "Fine-tuning MVP: 6-12 weeks engineering + ML expertise",
      note: "The source gives the MVP only; the 4–8 weeks that take RAG from its 2–4-week MVP to production (6–12 weeks) are added, so both builds are measured at the same stage: 10–20 weeks.",
    },
  },
  curationMinutesPerExample: {
    label: "Expert curation per labeled example still needed", unit: "minutes", min: 0, max: 600, group: "Fine-tuning",
    source: { kind: "estimate", file: S002, quote: "dataset curation (often 10–50x the training compute cost in human labor)", note: "Minutes of expert review per example are an estimate; the larger of this and 002's multiple is used. Charged only for the examples still needed to reach \"Labeled examples fine-tuning needs\": those a use case already has, curated and validated, are not curated again." },
  },
  ftExamplesNeeded: {
    label: "Labeled examples fine-tuning needs", unit: "examples", min: 0, max: 100_000_000, group: "Fine-tuning",
    source: {
      kind: "seed", file: S002,
      quote: "The minimum viable fine-tuning dataset for a meaningful quality improvement is typically in the hundreds to low thousands of high-quality instruction-response pairs, curated and validated by domain experts",
      note: "The source's words as numbers: hundreds (500, low) to low thousands (3,000, high), base 1,000; 001 says the same (\"typically hundreds to thousands of examples\"). Data curation is charged for the examples a use case still needs to reach it; those it already has are not charged, and more than it needs cost no more.",
    },
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
    label: "Managed vector database (corpora above the pgvector limit)", unit: "USD/month", min: 0, max: 1_000_000, group: "Retrieval",
    source: { kind: "seed", file: S000, quote: "vector databases for embedding storage, costing $500 to $3,000 monthly" },
  },
  retrievalOverheadPct: {
    label: "Retrieval overhead on inference", unit: "percent", min: 0, max: 500, group: "Retrieval",
    source: { kind: "seed", file: S000, quote: "typically 15 to 30 percent more than base model inference" },
  },
  ragBuildWeeks: {
    label: "RAG build (production)", unit: "engineering weeks", min: 0, max: 520, group: "Retrieval",
    source: { kind: "seed", file: S003, quote: "Production RAG: 6-12 weeks engineering" },
  },
  ragInfraYearlyUsd: {
    label: "RAG infrastructure, production (reference)", unit: "USD/year", min: 0, max: 10_000_000, group: "Retrieval",
    referenceOnly: "Retrieval infrastructure is priced from the corpus instead: pgvector in the existing database up to its limit, a managed vector database above it, and embedding and re-indexing at the change frequency.",
    source: { kind: "seed", file: S003, quote: "RAG MVP: 2-4 weeks engineering, ~$5K in infrastructure for the first year ... Production RAG: 6-12 weeks engineering, $20-50K/year in infrastructure depending on volume" },
  },
  ftProductionYearlyUsd: {
    label: "Fine-tuning in production (reference)", unit: "USD/year", min: 0, max: 10_000_000, group: "Fine-tuning",
    referenceOnly: "Fine-tuning in production is priced from its parts instead: inference at the deployment's price, hosting, retraining cycles, upkeep and evaluation.",
    source: { kind: "seed", file: S003, quote: "$100K+/year is realistic" },
  },
  ftInferencePriceFactor: {
    label: "Fine-tuned small model's inference price against the base model", unit: "times", min: 0, max: 10, group: "Inference",
    source: {
      kind: "estimate", file: S003, quote: "A fine-tuned small model can sometimes match a large model's quality on a narrow task — and run 10x cheaper.",
      note: "003's \"10x cheaper\" is the low case (0.1); 002 says only \"a fraction of the inference cost\", so the base (0.3) and high (0.5) are estimates.",
    },
  },
  hostedFtPriceFactor: {
    label: "API-hosted fine-tune's inference price against its base model", unit: "times", min: 0, max: 10, group: "Fine-tuning",
    source: { kind: "public", name: "published price tables for gpt-4o and gpt-4o-mini fine-tunes (1.5 to 2 times the base model)", readOn: "2026" },
  },
  trainingTokensPerExample: {
    label: "Training tokens per labeled example", unit: "tokens", min: 0, max: 1_000_000, group: "Fine-tuning",
    source: { kind: "none", note: "Not from the sources: an estimate of one example's length; set your own." },
  },
  trainingEpochs: {
    label: "Training epochs (API-hosted fine-tune)", unit: "epochs", min: 0, max: 100, group: "Fine-tuning",
    source: { kind: "public", name: "Azure OpenAI fine-tuning cost documentation (training tokens × epochs × price per token)", readOn: "2026" },
  },
  trainingPricePerMTokens: {
    label: "Training price (API-hosted fine-tune)", unit: "USD per million training tokens", min: 0, max: 10_000, group: "Fine-tuning",
    source: { kind: "public", name: "published fine-tuning training prices ($3 for gpt-4o-mini to $25 for gpt-4o per million tokens)", readOn: "2026" },
  },
  gpuHourlyUsd: {
    label: "GPU hour (self-hosted open model)", unit: "USD/hour", min: 0, max: 1000, group: "Fine-tuning",
    source: { kind: "public", name: "cloud on-demand prices for one inference GPU (L4 to A100 class)", readOn: "2026" },
  },
  gpuSecondsPerCall: {
    label: "GPU seconds per call (self-hosted)", unit: "seconds", min: 0, max: 3600, group: "Fine-tuning",
    source: { kind: "none", note: "Not from the sources: an estimate for a small fine-tuned model; set your own." },
  },
  gpuUtilisationPct: {
    label: "GPU utilisation (self-hosted)", unit: "percent", min: 1, max: 100, group: "Fine-tuning", direction: "lowers",
    source: { kind: "none", note: "Not from the sources: the share of paid GPU time that serves calls; set your own." },
  },
  ftHostingHourlyUsd: {
    label: "Hosting a deployed fine-tuned model", unit: "USD/hour", min: 0, max: 1000, group: "Inference",
    source: { kind: "public", name: "Azure OpenAI fine-tuning cost documentation (hosting billed hourly whether used or not)", readOn: "2026" },
  },
  embeddingPricePerMTokens: {
    label: "Embeddings", unit: "USD per million tokens", min: 0, max: 100, group: "Retrieval",
    source: { kind: "public", name: "published embedding model prices", readOn: "2026" },
  },
  pgvectorMaxDocuments: {
    label: "Largest corpus kept in the existing PostgreSQL (pgvector)", unit: "documents", min: 0, max: 1_000_000_000, group: "Retrieval", direction: "lowers",
    source: { kind: "estimate", file: "001_882c99e1fd832846.txt", quote: "millions of documents", note: "Corpora up to this size are indexed with pgvector in the database the product already runs; larger ones (001's millions of documents) need a managed vector database." },
  },
  pgvectorMonthlyUsd: {
    label: "pgvector in the existing database (extra capacity)", unit: "USD/month", min: 0, max: 1_000_000, group: "Retrieval",
    source: { kind: "estimate", file: S000, quote: "vector databases for embedding storage, costing $500 to $3,000 monthly depending on scale", note: "The source's $500 to $3,000 is a vector database of its own. A corpus small enough for pgvector needs none: this is the extra capacity of the database already running, an estimate." },
  },
  tokensPerDocument: {
    label: "Tokens per corpus document (embedding)", unit: "tokens", min: 0, max: 10_000_000, group: "Retrieval",
    source: { kind: "estimate", file: S002, quote: "embedding model selection, chunking experimentation, and ongoing index management", note: "Document length is an estimate; set your own." },
  },
  reindexSharePct: {
    label: "Share of the corpus re-embedded at each knowledge change", unit: "percent", min: 0, max: 100, group: "Retrieval",
    source: {
      kind: "estimate", file: S000, quote: "Updates to your knowledge base happen in real time at zero marginal cost beyond storage",
      note: "A change re-embeds only the documents it touches, not the whole corpus; the share is an estimate (1–10%, 2% in the base case: 000 puts the marginal cost of an update near nothing). Set 100% to re-embed the whole corpus at every change.",
    },
  },
  evalBuildWeeks: {
    label: "Building the evaluation set", unit: "engineering weeks", min: 0, max: 520, group: "Evaluation",
    source: { kind: "estimate", file: S002, quote: "The commonly underestimated cost in both approaches is evaluation: building test sets that reliably measure whether the approach is working", note: "Weeks are an estimate; every approach needs a set, but one is built only where the use case does not say it already has one (then only running it is charged)." },
  },
  evalRunHoursPerMonth: {
    label: "Running the evaluations", unit: "hours/month", min: 0, max: 2000, group: "Evaluation",
    source: { kind: "estimate", file: S002, quote: "and then running those evaluations continuously as the system evolves", note: "Hours are an estimate; every approach needs it." },
  },
  ftUpkeepHoursPerWeek: {
    label: "Fine-tuned model upkeep (versions, new base models)", unit: "hours/week", min: 0, max: 400, group: "Fine-tuning",
    source: { kind: "estimate", file: S002, quote: "managing model versions, evaluating each new base model release against your fine-tuned checkpoints", note: "Hours are an estimate (003: \"Ongoing ML engineering\"). All of fine-tuning's upkeep, as it has no index to keep; a hybrid pays it beside the index upkeep." },
  },
  modelInputPricePerMTokens: {
    label: "Model price, input (by hand)", unit: "USD per million tokens", min: 0, max: 10_000, group: "Inference",
    source: { kind: "none", note: "Not from the sources: left empty, it is the model's price in the catalogue (" + CATALOGUE_PACKAGE + "). Set it only for a model the catalogue lacks, or a negotiated price." },
  },
  modelOutputPricePerMTokens: {
    label: "Model price, output (by hand)", unit: "USD per million tokens", min: 0, max: 10_000, group: "Inference",
    source: { kind: "none", note: "Not from the sources: left empty, it is the model's price in the catalogue (" + CATALOGUE_PACKAGE + "). Set it only for a model the catalogue lacks, or a negotiated price." },
  },
  inputTokensPerCall: {
    label: "Input tokens per call (prompt and context)", unit: "tokens", min: 0, max: 2_000_000, group: "Inference",
    source: { kind: "none", note: "Not from the sources: an estimate of a typical question with its instructions; set your own." },
  },
  outputTokensPerCall: {
    label: "Output tokens per call (answer)", unit: "tokens", min: 0, max: 2_000_000, group: "Inference",
    source: { kind: "none", note: "Not from the sources: an estimate of a typical answer; set your own." },
  },
  maintenanceHoursPerWeek: {
    label: "Index upkeep (RAG and hybrid)", unit: "hours/week", min: 0, max: 400, group: "People",
    source: { kind: "estimate", file: S002, quote: "ongoing index management", note: "Hours are an estimate: set the hours a week your team spends keeping a retrieval index running. Charged only to the approaches that have an index (RAG and the hybrid), not to prompting alone or fine-tuning alone." },
  },
  promptUpkeepHoursPerMonth: {
    label: "Prompt upkeep (prompting alone)", unit: "hours/month", min: 0, max: 2000, group: "People",
    source: { kind: "none", note: "Not from the sources: an assumption, set low (1 to 4 hours a month, base 2), for revisiting the prompt when the model or the task changes. No source gives a figure; prompting alone has no index to manage, so the index upkeep is not charged to it. Set your own." },
  },
  ragTimeToValueWeeks: {
    label: "RAG (and prompting only) time to value", unit: "weeks", min: 0, max: 520, group: "Time",
    source: {
      kind: "seed", file: S000, quote: "RAG can be operational in days ... deploy, test, and iterate in one week",
      note: "The source's figure is RAG's. No source gives one for prompting alone, so prompting is given RAG's: the most it should take, since it builds no index to fill. It is when the approach first serves its users (000's \"operational\"), which is when a benefit starts to count; it is not the production build (003's 6-12 engineering weeks, costed as \"RAG build (production)\"), which goes on while it serves.",
    },
  },
  ftTimeToValueWeeks: {
    label: "Fine-tuning (and hybrid) time to value", unit: "weeks", min: 0, max: 520, group: "Time",
    source: { kind: "estimate", file: S000, quote: "faces an eight-week timeline before seeing results", note: "The source gives eight weeks, the base case; the low (6) and high (12) around it are estimates. A hybrid is given fine-tuning's: it is in production only when its fine-tune is. It is when the fine-tuned model first serves its users, which is when a benefit starts to count, not the end of the production build (costed as \"Fine-tuning build (production)\"), which goes on while it serves." },
  },
} as const satisfies Record<string, AssumptionSpec>;

export type AssumptionKey = keyof typeof ASSUMPTION_CATALOG;
export const ASSUMPTION_KEYS = Object.keys(ASSUMPTION_CATALOG) as AssumptionKey[];
