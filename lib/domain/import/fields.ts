/**
 * The columns a use-case CSV can fill: the fields around the assessment, the owner's email and
 * every assessment answer. What each accepts is read from the real schemas (useCaseFieldsSchema,
 * assessmentSchema), never restated: allowed values, bounds and lengths come from them.
 * Spec: PRODUCT.md, "The use case and its assessment"; issue 3 (import).
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { ANSWER_KEYS, ANSWER_LABELS, assessmentSchema, type AnswerKey } from "../assessment";
import { ANSWER_HELP } from "../assessment-help";
import { LIMITS, STATUSES, STATUS_LABELS, useCaseFieldsSchema } from "../use-case";
import { GOVERNANCE_KEYS, GOVERNANCE_LABELS, GOVERNANCE_LIMITS, GOVERNANCE_OPTIONS, type GovernanceKey } from "../governance";
import { answerIsInteger, answerKind, answerOptions } from "../use-case-form";
import { LAST_TWO_DIGIT_YEAR, SERIAL_FIRST, SERIAL_LAST } from "./dates";

export const BASE_FIELD_KEYS = ["title", "description", "businessUnit", "ownerEmail", "status", "startDate", "horizonYears", "externalId"] as const;
export type BaseFieldKey = (typeof BASE_FIELD_KEYS)[number];
export type ImportFieldKey = BaseFieldKey | GovernanceKey | AnswerKey;
/** Every column of the template, in its order. */
export const IMPORT_FIELD_KEYS = [...BASE_FIELD_KEYS, ...GOVERNANCE_KEYS, ...ANSWER_KEYS] as readonly ImportFieldKey[] as [ImportFieldKey, ...ImportFieldKey[]];

export type FieldKind = "text" | "email" | "enum" | "boolean" | "integer" | "number" | "date";

export interface ImportField {
  key: ImportFieldKey;
  label: string;
  kind: FieldKind;
  /** For enum and yes/no fields: the values we store, with their labels. */
  options?: readonly { value: string; label: string }[];
  required: boolean;
  /** What the cell must hold, in words ("Whole number from 1 to 10"). */
  format: string;
  /** A value that imports cleanly, for the example file and the field guide. */
  example: string;
  /** One line of help. */
  help: string;
}

/** Yes/no answers are mapped onto these two values, then stored as booleans. */
export const YES_NO_OPTIONS = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
] as const;

const fmt = (n: number) => n.toLocaleString("en-US");

interface NumberBounds {
  minValue: number | null;
  maxValue: number | null;
}
function boundsOf(schema: unknown): NumberBounds {
  const s = schema as { minValue?: number | null; maxValue?: number | null };
  return { minValue: s.minValue ?? null, maxValue: s.maxValue ?? null };
}

function numberFormat(integer: boolean, b: NumberBounds, unit?: string): string {
  const what = integer ? "Whole number" : "Number";
  const range = b.minValue !== null && b.maxValue !== null ? ` from ${fmt(b.minValue)} to ${fmt(b.maxValue)}` : "";
  return `${what}${range}${unit ? ` (${unit})` : ""}; thousands separators allowed`;
}

const ANSWER_EXAMPLES: Record<AnswerKey, string> = {
  changeFrequency: "weekly",
  maxLagDays: "3",
  coreNeed: "retrieval",
  needsStyleOrFormat: "no",
  needsCitations: "yes",
  fitsContextWindow: "no",
  corpusDocuments: "12000",
  labeledExamples: "150",
  latencySensitive: "no",
  latencyBudgetMs: "3000",
  monthlyCalls: "1000000",
  yearlyGrowthPct: "20",
  sensitiveDataOutOfTraining: "yes",
  retrainingBudget: "no",
  expertiseDocumented: "yes",
  needsToolUse: "no",
  transformationAtVolume: "no",
  learnsFromFeedback: "no",
  promptedBaselineMeetsBar: "untested",
  evaluationSetExists: "yes",
  weeksToProduction: "8",
};

function answerField(key: AnswerKey): ImportField {
  const help = ANSWER_HELP[key];
  const kind = answerKind(key);
  const base = { key, label: ANSWER_LABELS[key], required: false, example: ANSWER_EXAMPLES[key], help: help.help };
  if (kind === "boolean") return { ...base, kind: "boolean", options: YES_NO_OPTIONS, format: "yes or no (also Y/N, true/false, 1/0)" };
  if (kind === "enum") {
    const options = answerOptions(key).map((value) => ({ value, label: help.options?.[value] ?? value }));
    return { ...base, kind: "enum", options, format: `One of: ${options.map((o) => o.value).join(", ")}` };
  }
  const integer = answerIsInteger(key);
  const schema = assessmentSchema.shape[key].unwrap();
  const format = numberFormat(integer, boundsOf(schema), help.unit) + (key === "yearlyGrowthPct" ? "; a % sign is allowed" : "");
  return { ...base, kind: integer ? "integer" : "number", format };
}

const horizon = boundsOf(useCaseFieldsSchema.shape.horizonYears.unwrap());

/**
 * What a number cell must hold, in words for a refusal: "a whole number from 0 to 10,000,000,000
 * (e.g. 1000000)". Bounds from the same schemas as the field's format.
 */
export function numberExpected(key: ImportFieldKey): string {
  const field = IMPORT_FIELD_BY_KEY[key];
  const b = key === "horizonYears" ? horizon : isAnswerKey(key) ? boundsOf(assessmentSchema.shape[key].unwrap()) : { minValue: null, maxValue: null };
  const range = b.minValue !== null && b.maxValue !== null ? ` from ${fmt(b.minValue)} to ${fmt(b.maxValue)}` : "";
  const sign = key === "yearlyGrowthPct" ? ", with or without a % sign" : "";
  return `${field.kind === "integer" ? "a whole number" : "a number"}${range}${sign} (e.g. ${field.example || "10"})`;
}

const BASE_FIELDS: Record<BaseFieldKey, ImportField> = {
  title: {
    key: "title",
    label: "Title",
    kind: "text",
    required: true,
    format: `Text, at most ${LIMITS.title} characters; required for a new use case`,
    example: "Support assistant over the product catalog",
    help: "The use case's name.",
  },
  description: {
    key: "description",
    label: "Description",
    kind: "text",
    required: false,
    format: `Text, at most ${fmt(LIMITS.description)} characters; may span several lines inside quotes`,
    example: "Answers customer questions about prices and policies.",
    help: "What it does and for whom.",
  },
  businessUnit: {
    key: "businessUnit",
    label: "Business unit / cost center",
    kind: "text",
    required: false,
    format: `Text, at most ${LIMITS.businessUnit} characters`,
    example: "Customer Support",
    help: "Who pays for it.",
  },
  ownerEmail: {
    key: "ownerEmail",
    label: "Owner's email",
    kind: "email",
    required: false,
    format: "The email of a member of this organization; empty: you (new use cases) or unchanged (updates)",
    example: "",
    help: "Leads import use cases they own: leave it empty or give your own email.",
  },
  status: {
    key: "status",
    label: "Status",
    kind: "enum",
    options: STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] })),
    required: false,
    format: `One of: ${STATUSES.join(", ")} (or their names, e.g. Live); empty: IDEA for a new use case, unchanged in an update`,
    example: "ASSESSING",
    help: "Where it is in its lifecycle.",
  },
  startDate: {
    key: "startDate",
    label: "Planned start",
    kind: "date",
    required: false,
    format:
      "A date from 1950 to 2100: YYYY-MM-DD is best; 31/12/2027, 12/31/2027 (the order is detected or chosen), 5 Jan 2027, Jan 5, 2027, a month alone (2027-01, Jan 2027, its first day), a calendar quarter (Q3 2027, 2027-Q3: its first day, 2027-07-01) and a year alone (2027, as 1 January) are read too; fiscal quarters (FY27 Q3) are not, as they depend on the fiscal year. " +
      `A spreadsheet's day number is read only from ${SERIAL_FIRST} to ${SERIAL_LAST} (2000-01-01 to 2100-12-31), and a two-digit year after a month name (Jan-24) only as 2000 to 20${LAST_TWO_DIGIT_YEAR}: write an earlier date with its year in full (Sep 1998)`,
    example: "2027-01-01",
    help: "When work starts; the cost projection's first year.",
  },
  horizonYears: {
    key: "horizonYears",
    label: "Horizon (years)",
    kind: "integer",
    required: false,
    format: `${numberFormat(true, horizon)}; empty: 5 for a new use case, unchanged in an update`,
    example: "5",
    help: "How many years the cost projection covers.",
  },
  externalId: {
    key: "externalId",
    label: "External id",
    kind: "text",
    required: false,
    format: `Text, at most ${LIMITS.externalId} characters, unique in the organization`,
    example: "INV-2027-001",
    help: "Your inventory's id. A row whose external id is already in the registry updates that use case instead of adding another.",
  },
};

const governanceEnum = (key: "highImpact" | "sourcing" | "stage" | "euRiskTier", example: string, help: string): ImportField => ({
  key,
  label: GOVERNANCE_LABELS[key],
  kind: "enum",
  options: GOVERNANCE_OPTIONS[key],
  required: false,
  format: `One of: ${GOVERNANCE_OPTIONS[key].map((o) => o.value).join(", ")} (or their names; a long answer is read by its leading words); empty: not recorded (a new use case) or unchanged (an update)`,
  example,
  help,
});

/** The governance fields (lib/domain/governance.ts; issue 15). */
const GOVERNANCE_FIELDS: Record<GovernanceKey, ImportField> = {
  highImpact: governanceEnum("highImpact", "NOT_HIGH_IMPACT", "The OMB M-25-21 high-impact determination."),
  personalData: { key: "personalData", label: GOVERNANCE_LABELS.personalData, kind: "boolean", options: YES_NO_OPTIONS, required: false, format: "yes or no; empty: not recorded (a new use case) or unchanged (an update)", example: "no", help: "Whether personal data (PII) is involved." },
  sourcing: governanceEnum("sourcing", "IN_HOUSE", "Developed in-house, bought (contracted), or both."),
  vendor: { key: "vendor", label: GOVERNANCE_LABELS.vendor, kind: "text", required: false, format: `Text, at most ${GOVERNANCE_LIMITS.vendor} characters`, example: "", help: "Who supplies it, if bought." },
  stage: governanceEnum("stage", "PRE_DEPLOYMENT", "The OMB inventory's stage."),
  topicArea: { key: "topicArea", label: GOVERNANCE_LABELS.topicArea, kind: "text", required: false, format: `Text, at most ${GOVERNANCE_LIMITS.topicArea} characters`, example: "Mission-Enabling", help: "The inventory's topic area." },
  euRiskTier: governanceEnum("euRiskTier", "MINIMAL", "The EU AI Act risk tier."),
};

/** Every importable field, in template order. */
export const IMPORT_FIELDS: readonly ImportField[] = [...BASE_FIELD_KEYS.map((k) => BASE_FIELDS[k]), ...GOVERNANCE_KEYS.map((k) => GOVERNANCE_FIELDS[k]), ...ANSWER_KEYS.map(answerField)];

export const IMPORT_FIELD_BY_KEY: Readonly<Record<ImportFieldKey, ImportField>> = Object.fromEntries(IMPORT_FIELDS.map((f) => [f.key, f])) as Record<
  ImportFieldKey,
  ImportField
>;

export function isImportFieldKey(s: string): s is ImportFieldKey {
  return Object.prototype.hasOwnProperty.call(IMPORT_FIELD_BY_KEY, s);
}

export function isAnswerKey(key: ImportFieldKey): key is AnswerKey {
  return (ANSWER_KEYS as readonly string[]).includes(key);
}

/** Fields whose cell values are mapped onto our values (enums and yes/no). */
export const VALUE_FIELD_KEYS = IMPORT_FIELDS.filter((f) => f.kind === "enum" || f.kind === "boolean").map((f) => f.key) as [
  ImportFieldKey,
  ...ImportFieldKey[],
];

export function hasValueMapping(key: ImportFieldKey): boolean {
  const kind = IMPORT_FIELD_BY_KEY[key].kind;
  return kind === "enum" || kind === "boolean";
}
