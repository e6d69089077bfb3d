/**
 * Which of the file's columns fills which field. Suggested by the column's name, normalised
 * (case, accents, punctuation and spacing ignored), against each field's key, its label and
 * common names other inventories use ("Use Case Name" → title, "Bureau" → business unit,
 * "Stage of Development" → status). Each field takes at most one column; where several fit, the
 * more specific name wins (the list below is in order of preference).
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { ANSWER_KEYS, ANSWER_LABELS } from "../assessment";
import { IMPORT_FIELD_BY_KEY, IMPORT_FIELD_KEYS, type ImportFieldKey } from "./fields";

/** Lower case, accents and punctuation dropped, single spaces. "Stage of Development:" → "stage of development". */
export function normalizeName(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The name with the spaces removed as well: "Business Unit", "business_unit" and "businessUnit" agree. */
export function compactName(s: string): string {
  return normalizeName(s).replace(/ /g, "");
}

/**
 * Other names for each field, most specific first. Inventories seen in the wild: the US federal
 * agency AI use-case inventories ("Use Case Name", "Agency", "Bureau", "Stage of Development",
 * "Summary of Use Case", "Use Case ID"), and spreadsheets kept by hand.
 */
export const COLUMN_SYNONYMS: Readonly<Record<ImportFieldKey, readonly string[]>> = {
  title: ["use case name", "use case title", "name of use case", "use case", "title", "name", "project name", "project", "initiative", "ai use case"],
  description: [
    "summary of use case",
    "what is the intended purpose and expected benefits of the ai",
    "intended purpose and expected benefits",
    "use case summary",
    "description",
    "summary",
    "use case description",
    "purpose",
    "intended purpose",
    "purpose and benefits",
    "details",
    "problem statement",
  ],
  businessUnit: [
    "business unit",
    "business unit cost center",
    "cost center",
    "cost centre",
    "bureau",
    "bureau component",
    "component",
    "sub agency",
    "division",
    "department",
    "agency",
    "office",
    "unit",
    "team",
    "business area",
    "org unit",
    "organizational unit",
    "dept",
    "owning department",
    "owning team",
    "line of business",
    "business line",
    "lob",
  ],
  ownerEmail: [
    "owner email",
    "owner e mail",
    "owner s email",
    "owner",
    "email",
    "e mail",
    "contact email",
    "point of contact email",
    "poc email",
    "lead email",
    "project lead email",
  ],
  status: ["status", "stage of development", "development stage", "lifecycle stage", "lifecycle status", "lifecycle", "phase", "current status", "project status", "current stage"],
  startDate: [
    "start date",
    "planned start",
    "planned start date",
    "start",
    "date initiated",
    "initiation date",
    "date started",
    "expected start",
    "expected start date",
    "kickoff date",
    "kick off date",
    "go live",
    "go live date",
    "planned go live",
    "launch date",
    "planned launch",
    "target date",
    "target start date",
    "deployment date",
  ],
  horizonYears: ["horizon years", "horizon in years", "horizon", "planning horizon", "time horizon", "projection years", "lifespan years", "years"],
  externalId: ["external id", "use case id", "use case identifier", "inventory id", "id", "identifier", "reference", "ref", "key"],
  highImpact: ["is the ai use case high impact", "high impact", "high impact determination", "is this use case high impact", "rights impacting or safety impacting", "high impact status"],
  personalData: ["does the ai use case involve personally identifiable information pii", "involves pii", "pii", "personal data", "personally identifiable information", "personal data involved", "does this ai use case involve personally identifiable information pii that is maintained by the agency"],
  sourcing: ["developed in house or contracted", "in house or bought", "development method", "was the ai system involved in this use case developed or is it to be developed under contract s or in house",
    "was the ai system developed under contract s or in house", "sourcing", "build or buy"],
  vendor: ["vendor name", "vendor", "supplier", "contractor", "provider"],
  stage: ["omb stage", "inventory stage", "deployment stage"],
  topicArea: ["use case topic area", "topic area", "topic", "category"],
  euRiskTier: ["eu ai act risk tier", "eu ai act risk", "ai act risk", "risk tier", "eu risk tier", "risk classification"],
  ...(Object.fromEntries(ANSWER_KEYS.map((k) => [k, [] as string[]])) as Record<(typeof ANSWER_KEYS)[number], string[]>),
  changeFrequency: ["change frequency", "how often the knowledge changes", "update frequency", "data update frequency", "knowledge change frequency"],
  maxLagDays: ["max lag days", "acceptable lag", "acceptable lag days", "maximum lag days"],
  monthlyCalls: [
    "monthly calls",
    "monthly llm calls",
    "calls per month",
    "llm calls per month",
    "calls month",
    "monthly api calls",
    "api calls per month",
    "monthly requests",
    "requests per month",
    "requests month",
    "monthly queries",
    "queries per month",
    "queries month",
    "monthly transactions",
    "transactions per month",
    "monthly volume",
    "volume per month",
  ],
  yearlyGrowthPct: ["yearly growth", "yearly growth pct", "annual growth", "annual growth rate", "yearly growth rate", "growth per year", "yoy growth", "year over year growth", "volume growth", "growth rate", "growth"],
  weeksToProduction: ["weeks to production", "weeks until production", "weeks to launch", "weeks to go live"],
  corpusDocuments: ["corpus documents", "corpus size", "number of documents", "document count", "documents"],
  labeledExamples: ["labeled examples", "labelled examples", "training examples"],
  latencyBudgetMs: ["latency budget", "latency budget ms", "latency ms", "latency target ms", "max latency ms"],
  promptedBaselineMeetsBar: ["prompted baseline", "baseline meets bar", "prompted base model meets the bar"],
};

/** Every name a field answers to, best first: its key, its label, then its synonyms. */
function namesOf(key: ImportFieldKey): string[] {
  const label = IMPORT_FIELD_BY_KEY[key].label;
  const extra = (ANSWER_KEYS as readonly string[]).includes(key) ? [ANSWER_LABELS[key as (typeof ANSWER_KEYS)[number]]] : [];
  return [key, label, ...extra, ...COLUMN_SYNONYMS[key]];
}

/** compact name → the keys that answer to it, with their rank (0 = the key's first name). */
export type NameIndex<K extends string> = ReadonlyMap<string, { key: K; rank: number }[]>;

/** An index of the names each key answers to (best first), for suggestColumnsBy. */
export function buildNameIndex<K extends string>(names: ReadonlyArray<readonly [K, readonly string[]]>): NameIndex<K> {
  const m = new Map<string, { key: K; rank: number }[]>();
  for (const [key, list] of names) {
    list.forEach((name, rank) => {
      const c = compactName(name);
      if (!c) return;
      const entries = m.get(c) ?? [];
      if (!entries.some((e) => e.key === key)) entries.push({ key, rank });
      m.set(c, entries);
    });
  }
  return m;
}

/**
 * Suggests a key for each column by its name (normalised): each key takes at most one column,
 * the better-ranked name first, then the earlier column; columns that fit nothing get "". Shared
 * by the use-case import and the actual-spend import.
 */
export function suggestColumnsBy<K extends string>(headers: readonly string[], index: NameIndex<K>): Record<string, K | ""> {
  const candidates: { header: string; key: K; rank: number; order: number }[] = [];
  headers.forEach((header, order) => {
    for (const c of index.get(compactName(header)) ?? []) candidates.push({ header, key: c.key, rank: c.rank, order });
  });
  candidates.sort((a, b) => a.rank - b.rank || a.order - b.order);
  const out: Record<string, K | ""> = Object.fromEntries(headers.map((h) => [h, ""]));
  const taken = new Set<K>();
  const placed = new Set<string>();
  for (const c of candidates) {
    if (taken.has(c.key) || placed.has(c.header)) continue;
    out[c.header] = c.key;
    taken.add(c.key);
    placed.add(c.header);
  }
  return out;
}

const NAME_INDEX = buildNameIndex(IMPORT_FIELD_KEYS.map((key) => [key, namesOf(key)] as const));

/** file column → our field, or "" for a column that is ignored. */
export type ColumnMap = Record<string, ImportFieldKey | "">;

/** Suggests a field for each column by its name; columns that fit nothing are ignored (""). */
export function suggestColumns(headers: readonly string[]): ColumnMap {
  return suggestColumnsBy(headers, NAME_INDEX);
}

/**
 * The column map for this file from a saved mapping: columns the saved mapping names take its
 * choice (matched by normalised name), the file's other columns get a suggestion for the fields
 * still free.
 */
export function applySavedColumns(headers: readonly string[], saved: Readonly<ColumnMap>): ColumnMap {
  const savedByName = new Map<string, ImportFieldKey | "">();
  for (const [h, k] of Object.entries(saved)) savedByName.set(compactName(h), k);
  const out: ColumnMap = {};
  const taken = new Set<ImportFieldKey>();
  const rest: string[] = [];
  for (const h of headers) {
    const k = savedByName.get(compactName(h));
    if (k === undefined) {
      rest.push(h);
      continue;
    }
    if (k && taken.has(k)) out[h] = "";
    else {
      out[h] = k;
      if (k) taken.add(k);
    }
  }
  const suggested = suggestColumns(rest);
  for (const h of rest) {
    const k = suggested[h] ?? "";
    out[h] = k && !taken.has(k) ? k : "";
    if (out[h]) taken.add(k as ImportFieldKey);
  }
  return Object.fromEntries(headers.map((h) => [h, out[h] ?? ""]));
}

export interface SavedMappingSummary {
  id: string;
  name: string;
  columns: Readonly<ColumnMap>;
  updatedAt: string;
}

/**
 * The saved mapping that fits this file: every column it maps is in the file. Of those that fit,
 * the one that maps the most columns, then the most recently saved. Null when none fits.
 */
export function pickSavedMapping<T extends SavedMappingSummary>(headers: readonly string[], saved: readonly T[]): T | null {
  const inFile = new Set(headers.map(compactName));
  let best: { m: T; mapped: number } | null = null;
  for (const m of saved) {
    const mapped = Object.entries(m.columns).filter(([, k]) => k);
    if (mapped.length === 0) continue;
    if (!mapped.every(([h]) => inFile.has(compactName(h)))) continue;
    if (!best || mapped.length > best.mapped || (mapped.length === best.mapped && m.updatedAt > best.m.updatedAt)) best = { m, mapped: mapped.length };
  }
  return best?.m ?? null;
}

/** Fields that two or more columns are mapped to (each field takes one column). */
export function doublyMappedFields(columns: Readonly<ColumnMap>): ImportFieldKey[] {
  const count = new Map<ImportFieldKey, number>();
  for (const k of Object.values(columns)) if (k) count.set(k, (count.get(k) ?? 0) + 1);
  return [...count].filter(([, n]) => n > 1).map(([k]) => k);
}
