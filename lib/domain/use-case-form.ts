/**
 * The use-case form's values (what the inputs hold: strings) and their conversion to the input
 * of useCaseFieldsSchema (numbers, booleans, null). The form checks the converted input with the
 * same zod schema the server uses; the server's check is the real one.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { ANSWER_KEYS, assessmentSchema, type AnswerKey, type Assessment } from "./assessment";
import { useCaseFieldsSchema, type UseCaseFields } from "./use-case";
import { DECIMAL_COMMA, THOUSANDS } from "./numbers";
import { readDollars } from "./money";

export type AnswerKind = "enum" | "boolean" | "number";

/** What kind of input each answer takes, read from the schema itself. */
export function answerKind(key: AnswerKey): AnswerKind {
  const field = assessmentSchema.shape[key].unwrap();
  if (field.type === "boolean") return "boolean";
  if (field.type === "number") return "number";
  return "enum";
}

/** The allowed values of an enum answer, from the schema. */
export function answerOptions(key: AnswerKey): readonly string[] {
  const field = assessmentSchema.shape[key].unwrap() as { options?: readonly string[] };
  return field.options ?? [];
}

/** Whether a number answer takes whole numbers only (everything but growth, which may be 2.5%). */
export function answerIsInteger(key: AnswerKey): boolean {
  return key !== "yearlyGrowthPct";
}

export interface UseCaseFormValues {
  title: string;
  description: string;
  businessUnit: string;
  /** "" = the creator (on create) or unchanged (on edit). */
  ownerId: string;
  status: string;
  /** YYYY-MM-DD or "". */
  startDate: string;
  horizonYears: string;
  externalId: string;
  /** Manual yearly estimate in dollars, as typed. */
  manualLow: string;
  manualBase: string;
  manualHigh: string;
  /** Each answer as typed: "" = unanswered; booleans "yes"/"no". */
  assessment: Record<AnswerKey, string>;
  /** "DAY" | "MONTH" | "YEAR": how precise the planned start is. */
  startDatePrecision: string;
  /** Governance (lib/domain/governance.ts): "" = not recorded; personal data "yes"/"no"/"". */
  highImpact: string;
  personalData: string;
  sourcing: string;
  vendor: string;
  stage: string;
  topicArea: string;
  euRiskTier: string;
  /** Kept from an import, shown but not edited in the form: carried through unchanged. */
  additionalFields: Record<string, string>;
}

export function emptyAnswers(): Record<AnswerKey, string> {
  return Object.fromEntries(ANSWER_KEYS.map((k) => [k, ""])) as Record<AnswerKey, string>;
}

export function emptyFormValues(ownerId = ""): UseCaseFormValues {
  return {
    title: "",
    description: "",
    businessUnit: "",
    ownerId,
    status: "IDEA",
    startDate: "",
    horizonYears: "5",
    externalId: "",
    manualLow: "",
    manualBase: "",
    manualHigh: "",
    assessment: emptyAnswers(),
    startDatePrecision: "DAY",
    highImpact: "",
    personalData: "",
    sourcing: "",
    vendor: "",
    stage: "",
    topicArea: "",
    euRiskTier: "",
    additionalFields: {},
  };
}

const centsToDollars = (c: number) => (c / 100).toString();

/** The form's values for a stored use case. */
export function formValuesFromFields(f: UseCaseFields): UseCaseFormValues {
  const assessment = emptyAnswers();
  for (const k of ANSWER_KEYS) {
    const v = f.assessment[k];
    if (v === undefined || v === null) continue;
    assessment[k] = typeof v === "boolean" ? (v ? "yes" : "no") : String(v);
  }
  return {
    title: f.title,
    description: f.description,
    businessUnit: f.businessUnit,
    ownerId: f.ownerId ?? "",
    status: f.status,
    startDate: f.startDate ?? "",
    horizonYears: String(f.horizonYears),
    externalId: f.externalId ?? "",
    manualLow: f.manualEstimate ? centsToDollars(f.manualEstimate.low) : "",
    manualBase: f.manualEstimate ? centsToDollars(f.manualEstimate.base) : "",
    manualHigh: f.manualEstimate ? centsToDollars(f.manualEstimate.high) : "",
    assessment,
    startDatePrecision: f.startDatePrecision ?? "DAY",
    highImpact: f.highImpact ?? "",
    personalData: f.personalData === null || f.personalData === undefined ? "" : f.personalData ? "yes" : "no",
    sourcing: f.sourcing ?? "",
    vendor: f.vendor ?? "",
    stage: f.stage ?? "",
    topicArea: f.topicArea ?? "",
    euRiskTier: f.euRiskTier ?? "",
    additionalFields: { ...(f.additionalFields ?? {}) },
  };
}

/**
 * The values with a planned start typed or picked in the form: a date input gives a day, so the
 * precision becomes the day's. Kept as it was, an imported "2025" (year only) edited to 2027-06-15
 * was saved and shown as "2027 (year only)". Cleared, the date has no precision to speak of: "DAY".
 */
export function withStartDate(v: UseCaseFormValues, startDate: string): UseCaseFormValues {
  return { ...v, startDate, startDatePrecision: "DAY" };
}

/**
 * What the use case's page says after the form's save (its `saved` parameter): a new one "created",
 * an edit that changed something "updated", one that changed nothing "unchanged" (no new version
 * was written, so "Changes saved." would claim changes that were not there).
 */
export function savedNotice(mode: "create" | "edit", changed?: readonly string[]): "created" | "updated" | "unchanged" {
  if (mode === "create") return "created";
  return changed && changed.length === 0 ? "unchanged" : "updated";
}

/** "1,000,000" → 1000000; "" → undefined; "abc" → NaN. */
export function parseNumberInput(raw: string): number | undefined {
  const spaced = raw.replace(/[\s_]/g, "");
  if (spaced === "") return undefined;
  // A comma only as a thousands separator ("1,000,000"): "2,5" is refused, never read as 25.
  if (spaced.includes(",") && !THOUSANDS.test(spaced)) return Number.NaN;
  const s = spaced.replace(/,/g, "");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return Number.NaN;
  return Number(s);
}

export interface FormConversion {
  /** The input for useCaseFieldsSchema (and the create/update actions). */
  input: Record<string, unknown>;
  /** Problems found while converting (a number that is not a number), by field path. */
  errors: Record<string, string[]>;
}

/** Converts what the inputs hold into the schema's input, noting what cannot be converted. */
export function formValuesToInput(v: UseCaseFormValues): FormConversion {
  const errors: Record<string, string[]> = {};
  const assessment: Record<string, unknown> = {};
  for (const k of ANSWER_KEYS) {
    const raw = (v.assessment[k] ?? "").trim();
    if (raw === "") continue;
    const kind = answerKind(k);
    if (kind === "boolean") {
      if (raw === "yes") assessment[k] = true;
      else if (raw === "no") assessment[k] = false;
      else errors[`assessment.${k}`] = ["Choose yes, no or unanswered"];
    } else if (kind === "number") {
      // A percentage may be written with its sign ("20%", "-5 %"): the field is in percent already.
      const n = parseNumberInput(k === "yearlyGrowthPct" ? raw.replace(/\s*%$/, "") : raw);
      if (n === undefined) continue;
      if (Number.isNaN(n)) errors[`assessment.${k}`] = [DECIMAL_COMMA.test(raw.replace(/[\s_]/g, "")) ? "Write decimals with a point (2.5); a comma only separates thousands" : "Enter a number"];
      // Past 2^53 the schema's first check ("Whole number") would call it a fraction.
      else if (Math.abs(n) > Number.MAX_SAFE_INTEGER) errors[`assessment.${k}`] = ["Far too large a number"];
      else assessment[k] = n;
    } else assessment[k] = raw;
  }

  let horizonYears: unknown = undefined;
  const h = parseNumberInput(v.horizonYears);
  // Left empty, the schema's default (5) would replace a stored horizon unasked: it is required.
  if (h === undefined) errors.horizonYears = ["Enter the number of years, 1 to 10"];
  else if (Number.isNaN(h)) errors.horizonYears = ["Enter a whole number of years"];
  else if (Math.abs(h) > Number.MAX_SAFE_INTEGER) errors.horizonYears = ["Enter the number of years, 1 to 10"];
  else horizonYears = h;

  let manualEstimate: unknown = null;
  const parts = { low: v.manualLow, base: v.manualBase, high: v.manualHigh };
  const given = Object.values(parts).filter((p) => p.trim() !== "").length;
  if (given > 0) {
    const cents: Record<string, number> = {};
    for (const [name, raw] of Object.entries(parts)) {
      // Dollars as people write them ("$1,500", "60k", "1.5M"), exactly to the cent (../money.ts).
      const r = readDollars(raw);
      if (r === null) errors[`manualEstimate.${name}`] = ["Give low, base and high, or none of them"];
      else if (!r.ok) errors[`manualEstimate.${name}`] = [r.message];
      else cents[name] = r.cents;
    }
    manualEstimate = cents;
  }

  const input: Record<string, unknown> = {
    title: v.title,
    description: v.description,
    businessUnit: v.businessUnit,
    status: v.status,
    startDate: v.startDate.trim() === "" ? null : v.startDate.trim(),
    assessment,
    manualEstimate,
    externalId: v.externalId.trim() === "" ? null : v.externalId,
    startDatePrecision: v.startDatePrecision || "DAY",
    highImpact: v.highImpact || null,
    personalData: v.personalData === "yes" ? true : v.personalData === "no" ? false : null,
    sourcing: v.sourcing || null,
    vendor: v.vendor,
    stage: v.stage || null,
    topicArea: v.topicArea,
    euRiskTier: v.euRiskTier || null,
    additionalFields: v.additionalFields,
  };
  if (v.ownerId) input.ownerId = v.ownerId;
  if (horizonYears !== undefined) input.horizonYears = horizonYears;
  return { input, errors };
}

/** Field errors from a zod error, keyed by path ("title", "assessment.maxLagDays"). */
export function issuesToFieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * The client-side hint: converts and checks with the server's schema. Returns the parsed fields
 * when they pass, and every problem by field otherwise.
 */
export function checkFormValues(v: UseCaseFormValues): { ok: true; fields: UseCaseFields; input: Record<string, unknown> } | { ok: false; errors: Record<string, string[]>; input: Record<string, unknown> } {
  const { input, errors } = formValuesToInput(v);
  const parsed = useCaseFieldsSchema.safeParse(input);
  const all: Record<string, string[]> = { ...errors };
  if (!parsed.success) {
    for (const [k, msgs] of Object.entries(issuesToFieldErrors(parsed.error.issues))) {
      if (all[k]) continue; // the conversion's message is the clearer one
      // manualEstimate's cross-field rule lands on the object itself
      all[k] = msgs;
    }
  }
  if (Object.keys(all).length || !parsed.success) return { ok: false, errors: all, input };
  return { ok: true, fields: parsed.data, input };
}

/** The answers given so far, for the "still missing" list (invalid ones count as missing). */
export function answersFromFormValues(v: UseCaseFormValues): Assessment {
  const { input } = formValuesToInput(v);
  const out: Record<string, unknown> = {};
  const a = input.assessment as Record<string, unknown>;
  for (const k of ANSWER_KEYS) {
    if (a[k] !== undefined && assessmentSchema.shape[k].safeParse(a[k]).success) out[k] = a[k];
  }
  return out as Assessment;
}

/**
 * Reapplying an edit on top of someone else's save: every field (and answer) you changed from the
 * version you opened takes your value; every other field takes theirs. Where you both changed a
 * field, yours wins: the conflict panel shows those side by side before you choose.
 */
export function mergeFormValues(base: UseCaseFormValues, mine: UseCaseFormValues, theirs: UseCaseFormValues): UseCaseFormValues {
  const merged: UseCaseFormValues = { ...theirs, assessment: { ...theirs.assessment } };
  for (const key of Object.keys(mine) as (keyof UseCaseFormValues)[]) {
    if (key === "assessment") continue;
    // additionalFields is an object: compared by value, since mine and the base are never the same copy.
    const changed = key === "additionalFields" ? !sameEntries(mine.additionalFields, base.additionalFields) : mine[key] !== base[key];
    if (changed) (merged as unknown as Record<string, unknown>)[key] = mine[key];
  }
  for (const k of ANSWER_KEYS) {
    if ((mine.assessment[k] ?? "") !== (base.assessment[k] ?? "")) merged.assessment[k] = mine.assessment[k];
  }
  return merged;
}

function sameEntries(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}
