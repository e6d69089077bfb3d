/**
 * How the assessment form is laid out and explained: the answers grouped in sections, each with
 * a short help text that names the seed question behind it, so a lead can see why it is asked.
 * Spec: PRODUCT.md, "The use case and its assessment" (the table's "seeds that ask it" column).
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import type { AnswerKey } from "./assessment";
import { sourceOf } from "./sources";

/** The seed documents, by their three-digit prefix (in /work/shared/seeds, PRODUCT.md's `seeds/`). */
export const SEED_FILES = {
  "000": "000_2a5380ca2875bd0d.txt",
  "001": "001_882c99e1fd832846.txt",
  "002": "002_eb871f56c24eca94.txt",
  "003": "003_cef81cc6bb37c5d4.txt",
  "004": "004_b4720be0fbd1a961.txt",
} as const;
export type SeedId = keyof typeof SEED_FILES;

export interface SeedReference {
  seed: SeedId;
  /** Where in the seed: "question 1", or a short quote. */
  where?: string;
}

export interface AnswerHelp {
  /** One or two sentences in plain words. */
  help: string;
  /** The seeds that ask it, as in PRODUCT.md's table. */
  sources: readonly SeedReference[];
  /** Unit shown after a number input. */
  unit?: string;
  /** The unit after the number 1, where it differs ("day" for "days"). */
  unitOne?: string;
  /** Labels for enum values. */
  options?: Readonly<Record<string, string>>;
}

export const ANSWER_HELP: Record<AnswerKey, AnswerHelp> = {
  changeFrequency: {
    help: "How often the facts the answers depend on (prices, policies, documents) change. Daily or weekly change favours retrieval; quarterly or slower makes fine-tuning viable.",
    sources: [
      { seed: "000", where: "question 1: “How often does your underlying information change?”" },
      { seed: "001", where: "question 1: “Does the answer depend on frequently updated data?”" },
      { seed: "003", where: "question 1: “a specific corpus that updates over time”" },
      { seed: "004", where: "“your knowledge base changes frequently”" },
    ],
    options: {
      realtime: "Real time",
      daily: "Daily",
      weekly: "Weekly",
      monthly: "Monthly",
      quarterly: "Quarterly",
      annually: "Annually",
      static: "Never (static)",
    },
  },
  maxLagDays: {
    help: "The longest the system may keep giving outdated answers after something changes in the business.",
    sources: [{ seed: "000", where: "question 3: “What is your acceptable lag time between business changes and model accuracy?”" }],
    unit: "days",
    unitOne: "day",
  },
  coreNeed: {
    help: "Whether it mostly has to find current information, reason like a domain expert, both, or neither.",
    sources: [
      { seed: "000", where: "question 2: “Do you need specialized reasoning or just accurate retrieval?”" },
      { seed: "002", where: "how the model behaves versus what it knows" },
    ],
    options: { retrieval: "Current information retrieval", reasoning: "Specialized reasoning", both: "Both", neither: "Neither" },
  },
  needsStyleOrFormat: {
    help: "Every answer must follow a fixed format (for example a JSON schema), a house style, a tone or a brand voice.",
    sources: [
      { seed: "001", where: "question 2: “Is the problem about output format, style, or task behavior?”" },
      { seed: "002", where: "“consistent output format”" },
      { seed: "003", where: "question 2: “write in a specific style or format”" },
      { seed: "004", where: "“a specific tone, format, or reasoning style”" },
    ],
  },
  needsCitations: {
    help: "Answers must cite the documents they come from, or be auditable after the fact.",
    sources: [
      { seed: "000", where: "“verifiable, traceable answers with source citations”" },
      { seed: "001", where: "“You need source citations”" },
      { seed: "002", where: "attribution and auditability" },
      { seed: "003", where: "“It's auditable”" },
      { seed: "004", where: "“cite specific sources”" },
    ],
  },
  fitsContextWindow: {
    help: "Everything needed to answer one question fits in one model prompt. If not, multi-step retrieval or a summarization pipeline is needed.",
    sources: [{ seed: "001", where: "question 3: “Can the answer fit in a context window?”" }],
  },
  corpusDocuments: {
    help: "How many documents the answers may be drawn from. Retrieval scales to millions; fine-tuning cannot “know” them all.",
    sources: [{ seed: "001", where: "“scales to millions of documents”" }],
    unit: "documents",
    unitOne: "document",
  },
  labeledExamples: {
    help: "Curated, labeled examples (question and ideal answer) available for training, validated by domain experts.",
    sources: [
      { seed: "001", where: "question 4: “Do you have labeled training data (hundreds of examples)?”" },
      { seed: "002", where: "“hundreds to low thousands of high-quality instruction-response pairs”" },
    ],
    unit: "examples",
    unitOne: "example",
  },
  latencySensitive: {
    help: "Answers must come back fast or at very high volume (real-time classification, routing, completion).",
    sources: [
      { seed: "001", where: "“Reduce latency and cost”" },
      { seed: "002", where: "“latency-sensitive applications”" },
      { seed: "004", where: "“very fast inference without retrieval overhead”" },
    ],
  },
  latencyBudgetMs: {
    help: "The slowest acceptable response, in milliseconds.",
    sources: [{ seed: "002", where: "“lower per-call latency”" }],
    unit: "ms",
  },
  monthlyCalls: {
    help: "How many model calls a month it makes today. Volume drives inference cost and the break-even between approaches.",
    sources: [{ seed: "000", where: "“a company making 1 million LLM calls monthly”" }],
    unit: "calls a month",
    unitOne: "call a month",
  },
  yearlyGrowthPct: {
    help: "Expected growth in calls from one year to the next (negative for decline).",
    sources: [{ seed: "000", where: "the cost comparison at 1 million calls a month" }],
    unit: "% a year",
  },
  sensitiveDataOutOfTraining: {
    help: "Sensitive data must never be baked into model weights (it may still be retrieved under access control).",
    sources: [
      { seed: "004", where: "“keep sensitive data out of model training”" },
      { seed: "000", where: "“on-premises vector databases”" },
    ],
  },
  retrainingBudget: {
    help: "There is budget and machine-learning engineering time for retraining every time the domain changes.",
    sources: [{ seed: "000", where: "“You have budget for ongoing retraining cycles”" }],
  },
  expertiseDocumented: {
    help: "The domain expertise is written down (or could be) so that it can be retrieved rather than trained in.",
    sources: [{ seed: "000", where: "“Your domain expertise cannot be easily documented or retrieved”" }],
  },
  needsToolUse: {
    help: "Answering requires computation, running code, querying databases or calling external APIs.",
    sources: [{ seed: "002", where: "“require an agent architecture with tool use”" }],
  },
  transformationAtVolume: {
    help: "The work is transforming documents at volume: redlining, normalization, summarization.",
    sources: [{ seed: "002", where: "“structured pipeline architectures”" }],
  },
  learnsFromFeedback: {
    help: "The system must keep learning from its users' interactions.",
    sources: [{ seed: "002", where: "“real-time feedback loops … reinforcement learning from human feedback (RLHF) or similar approaches”" }],
  },
  promptedBaselineMeetsBar: {
    help: "Whether a well-prompted base model, with no retrieval or training, is already good enough.",
    sources: [
      { seed: "002", where: "“a prompted base model doesn't already meet the bar”" },
      { seed: "003", where: "question 4: “Neither — you just need a good chatbot?”" },
    ],
    options: { yes: "Yes", no: "No", untested: "Not tested yet" },
  },
  evaluationSetExists: {
    help: "A test set exists that measures whether the approach works, and can be rerun as the system evolves.",
    sources: [{ seed: "002", where: "“Most enterprise LLM projects fail at evaluation design”" }],
  },
  weeksToProduction: {
    help: "How many weeks until it must be in production. Retrieval can ship in days; fine-tuning takes about eight weeks.",
    sources: [
      { seed: "000", where: "“RAG can be operational in days … an eight-week timeline”" },
      { seed: "004", where: "“you need to get to production quickly”" },
    ],
    unit: "weeks",
    unitOne: "week",
  },
};

export interface AssessmentSection {
  id: string;
  title: string;
  keys: readonly AnswerKey[];
}

/** The form's sections, in order. Every answer appears in exactly one. */
export const ASSESSMENT_SECTIONS: readonly AssessmentSection[] = [
  { id: "knowledge", title: "Knowledge & freshness", keys: ["changeFrequency", "maxLagDays"] },
  { id: "need", title: "Need & output", keys: ["coreNeed", "needsStyleOrFormat", "needsCitations"] },
  { id: "data", title: "Data", keys: ["fitsContextWindow", "corpusDocuments", "labeledExamples", "expertiseDocumented"] },
  { id: "volume", title: "Volume & latency", keys: ["latencySensitive", "latencyBudgetMs", "monthlyCalls", "yearlyGrowthPct"] },
  {
    id: "constraints",
    title: "Constraints & capabilities",
    keys: ["sensitiveDataOutOfTraining", "retrainingBudget", "needsToolUse", "transformationAtVolume", "learnsFromFeedback"],
  },
  { id: "readiness", title: "Readiness", keys: ["promptedBaselineMeetsBar", "evaluationSetExists", "weeksToProduction"] },
];

/** "Right for your business? (question 1), When to use which (question 1)": the short citation shown under an answer, by the sources' short names. */
export function shortCitation(sources: readonly SeedReference[]): string {
  return sources
    .map((s) => {
      const q = s.where?.match(/^question \d+/)?.[0];
      const name = sourceOf(s.seed)?.short ?? s.seed;
      return q ? `${name} (${q})` : name;
    })
    .join(", ");
}
