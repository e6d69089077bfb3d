/**
 * The fields of an actual-spend row, the names each answers to in FOCUS, LiteLLM and other
 * exports, and how a file's format is recognised. The column map works as the use-case import's
 * does (lib/domain/import/columns.ts: the same name normalisation and suggestion).
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { buildNameIndex, compactName, suggestColumnsBy } from "../import/columns";
import { inSentence } from "../portfolio/format";

export const ACTUAL_FIELD_KEYS = ["date", "periodEnd", "cost", "currency", "category", "sku", "quantity", "unit", "resource", "account", "tags", "useCase"] as const;
export type ActualFieldKey = (typeof ACTUAL_FIELD_KEYS)[number];
export type ActualColumnMap = Record<string, ActualFieldKey | "">;

export const ACTUAL_FIELD_LABELS: Record<ActualFieldKey, string> = {
  date: "Date (or charge period start)",
  periodEnd: "Charge period end",
  cost: "Cost",
  currency: "Currency",
  category: "Service category",
  sku: "SKU or model",
  quantity: "Consumed quantity",
  unit: "Consumed unit",
  resource: "Resource",
  account: "Account",
  tags: "Tags",
  useCase: "Use case (external id)",
};

/** Names per field, best first. FOCUS 1.x column names first, then LiteLLM's, then common ones. */
export const ACTUAL_COLUMN_NAMES: Readonly<Record<ActualFieldKey, readonly string[]>> = {
  date: ["ChargePeriodStart", "date", "startTime", "start_time", "usage date", "day", "period start", "billing period start", "UsageStartDate"],
  periodEnd: ["ChargePeriodEnd", "endTime", "end_time", "period end", "UsageEndDate"],
  cost: ["BilledCost", "EffectiveCost", "spend", "cost", "amount", "total cost", "cost usd", "spend usd", "PreTaxCost", "CostInBillingCurrency"],
  currency: ["BillingCurrency", "currency", "currency code"],
  category: ["ServiceCategory", "category", "service category", "call_type"],
  sku: ["SkuId", "model", "model_group", "sku", "sku id", "MeterName", "product", "service name", "ServiceName"],
  quantity: ["ConsumedQuantity", "api_requests", "requests", "total_tokens", "quantity", "usage quantity"],
  unit: ["ConsumedUnit", "unit", "usage unit", "unit of measure"],
  resource: ["ResourceId", "api_key", "resource", "resource id", "ResourceName", "deployment"],
  account: ["SubAccountId", "BillingAccountId", "team_id", "team_alias", "team", "account", "account id", "project", "subscription"],
  tags: ["Tags", "request_tags", "tags", "labels"],
  useCase: ["use case id", "usecase", "use_case", "external id"],
};

const INDEX = buildNameIndex(ACTUAL_FIELD_KEYS.map((k) => [k, [k, ...ACTUAL_COLUMN_NAMES[k]]] as const));

export const ACTUAL_FORMATS = ["FOCUS", "LITELLM", "CSV"] as const;
export type ActualFormat = (typeof ACTUAL_FORMATS)[number];
export const ACTUAL_FORMAT_LABELS: Record<ActualFormat, string> = { FOCUS: "FOCUS (FinOps cost and usage)", LITELLM: "LiteLLM spend export", CSV: "Other CSV" };

/** FOCUS files have these columns; LiteLLM's spend exports have "spend" and a model. */
export function detectFormat(headers: readonly string[]): ActualFormat {
  const has = (n: string) => headers.some((h) => compactName(h) === compactName(n));
  if (has("ChargePeriodStart") && (has("BilledCost") || has("EffectiveCost"))) return "FOCUS";
  if (has("spend") && (has("model") || has("model_group") || has("api_key"))) return "LITELLM";
  return "CSV";
}

/**
 * The suggested column map. FOCUS: BilledCost, unless `costColumn` says EffectiveCost (the
 * amortised cost; only one of the two may count, else spend doubles).
 */
export function suggestActualColumns(headers: readonly string[], options: { costColumn?: "BilledCost" | "EffectiveCost" } = {}): ActualColumnMap {
  const preferred = options.costColumn ?? "BilledCost";
  const map = suggestColumnsBy(headers, INDEX) as ActualColumnMap;
  const preferredHeader = headers.find((h) => compactName(h) === compactName(preferred));
  if (preferredHeader && map[preferredHeader] !== "cost") {
    for (const h of headers) if (map[h] === "cost") map[h] = "";
    map[preferredHeader] = "cost";
  }
  // The SubAccount is the finer account; the billing account is used only when there is none.
  return map;
}

/** The fields the import form lets a person point at a column of their own: the two it needs, and the use case's id. */
export const CHOSEN_ACTUAL_FIELDS = ["date", "cost", "useCase"] as const;
export type ChosenActualField = (typeof CHOSEN_ACTUAL_FIELDS)[number];

/**
 * The suggested column map with the person's choices laid over it: each chosen field takes the
 * header named (and no other header keeps it); "" leaves the field without a column. A header
 * the file does not have is ignored. Pure: the form builds the map it sends with this.
 */
export function withChosenColumns(headers: readonly string[], suggested: Readonly<ActualColumnMap>, chosen: Partial<Record<ChosenActualField, string>>): ActualColumnMap {
  const map: ActualColumnMap = Object.fromEntries(headers.map((h) => [h, suggested[h] ?? ""]));
  for (const field of CHOSEN_ACTUAL_FIELDS) {
    const header = chosenHeader(headers, chosen[field]);
    if (header === undefined) continue;
    for (const h of headers) if (map[h] === field) map[h] = "";
    if (header !== "") map[header] = field;
  }
  return map;
}

/**
 * The file's header a choice names: the browser offers its headers trimmed, so " Amount USD " in
 * the file is chosen as "Amount USD"; "" for none; undefined where the file has no such column.
 */
export function chosenHeader(headers: readonly string[], chosen: string | undefined): string | undefined {
  if (chosen === undefined || chosen === "") return chosen;
  return headers.includes(chosen) ? chosen : headers.find((h) => h.trim() === chosen.trim());
}

/** What a column map lacks: a date and a cost are required, and each field takes one column. */
export function actualMappingProblems(headers: readonly string[], columns: Readonly<ActualColumnMap>): string[] {
  const problems: string[] = [];
  const mapped = Object.entries(columns).filter(([h, k]) => k && headers.includes(h));
  const keys = mapped.map(([, k]) => k);
  if (!keys.includes("date")) problems.push("Choose the column that holds each row's date, under Columns (in FOCUS, ChargePeriodStart).");
  if (!keys.includes("cost")) problems.push("Choose the column that holds each row's cost, under Columns (in FOCUS, BilledCost or EffectiveCost; in LiteLLM, spend).");
  for (const k of new Set(keys)) if (keys.filter((x) => x === k).length > 1) problems.push(`Only one column can be the ${inSentence(ACTUAL_FIELD_LABELS[k as ActualFieldKey])}.`);
  for (const h of Object.keys(columns)) if (columns[h] && !headers.includes(h)) problems.push(`The mapping names a column “${h}” that the file does not have.`);
  return problems;
}

/** Our categories of actual spend, compared with the projection's (see PROJECTION_CATEGORY). */
export const ACTUAL_CATEGORIES = ["INFERENCE", "HOSTING", "RETRIEVAL", "OTHER"] as const;
export type ActualCategory = (typeof ACTUAL_CATEGORIES)[number];
export const ACTUAL_CATEGORY_LABELS: Record<ActualCategory, string> = { INFERENCE: "Inference", HOSTING: "Hosting", RETRIEVAL: "Retrieval", OTHER: "Other" };

/**
 * Which projection categories each actual category stands against (lib/domain/costing/categories.ts):
 * what a bill measures. Not the engineering time (build, curation, maintenance, evaluation), and not
 * retraining: the cost model prices a cycle at the assumption "Retraining per significant change",
 * $10,000–$30,000 (source 000: data preparation, engineering and evaluation on top of compute),
 * where the compute of a LoRA retrain is $50–200 (002). Set against the GPU hours of a bill, a
 * fine-tuned use case's retraining made its hosting projection six times what a cloud bill holds.
 * Nor an owner's yearly estimate (an agent's, a structured pipeline's, feedback learning's): it is
 * the approach's whole yearly cost as its owner sees it, people's time with it, so a bill set
 * against it read under whatever was spent (the demo's campaign testing was flagged "below the
 * low case" for a vendor bill inside its estimate). Its bills are counted, and held to the budget
 * finance approved, but not compared with it (ESTIMATE_NOT_COMPARED).
 */
export const PROJECTION_CATEGORY: Record<string, ActualCategory> = {
  INFERENCE: "INFERENCE",
  FT_HOSTING: "HOSTING",
  TRAINING_COMPUTE: "HOSTING",
  RETRIEVAL_INFRA: "RETRIEVAL",
  // The corpus's first embedding, a line of its own from engine 2.14 (it was in RETRIEVAL_INFRA): an embedding bill too.
  CORPUS_EMBEDDING: "RETRIEVAL",
};

/** What the comparison with a bill counts, and what it leaves out, in the words the pages use. */
export const METERED_WORDS = "inference, hosting and training compute, retrieval";
export const UNMETERED_WORDS = "not engineering time or retraining cycles, which are mostly people's time rather than a cloud bill";
/** Why an approach priced from its owner's yearly estimate has no projection a bill is compared with. */
export const ESTIMATE_NOT_COMPARED =
  "it is costed from its owner's yearly estimate, the whole yearly cost with people's time in it, which a bill does not measure, so the bill is not set against it";

/**
 * A row's category from its ServiceCategory (FOCUS 1.x values), LiteLLM call type or a plain
 * word. Anything unknown is OTHER; a LiteLLM row with no category is inference (every row is a call).
 */
export function categoryOf(value: string, format: ActualFormat): ActualCategory {
  const v = compactName(value);
  if (!v) return format === "LITELLM" ? "INFERENCE" : "OTHER";
  if (/^(aiandmachinelearning|ai|ml|machinelearning|inference|completion|acompletion|chatcompletion|embedding|aembedding|textcompletion|llm|generativeai|genai)$/.test(v)) return "INFERENCE";
  if (/^(compute|hosting|containers|serverless|gpu|training|finetuning)$/.test(v)) return "HOSTING";
  if (/^(databases|database|storage|search|retrieval|vectordatabase|vectorsearch|analytics)$/.test(v)) return "RETRIEVAL";
  return format === "LITELLM" && /completion|embedding|call/.test(v) ? "INFERENCE" : "OTHER";
}
