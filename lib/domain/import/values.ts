/**
 * Mapping the file's values onto ours for the fields that take a fixed set of values (status,
 * the choice answers, the yes/no answers). A value is recognised, case and punctuation aside, when
 * it is one of ours, its label, or a common spelling ("Pilot" → BUILDING, "Y"/"TRUE"/"1" → yes);
 * the person can map any other value, or choose to leave it empty, and save that with the mapping.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { IMPORT_FIELD_BY_KEY, type ImportFieldKey } from "./fields";
import { normalizeName } from "./columns";

/** field → the file's value (as valueToken gives it) → our value, or "" to leave the field empty. */
export type ValueMap = Partial<Record<ImportFieldKey, Record<string, string>>>;

/** A value as compared: "Pre-deployment", "pre deployment" and "PRE_DEPLOYMENT" agree. */
export function valueToken(raw: string): string {
  const t = normalizeName(raw);
  return t || raw.trim().toLowerCase();
}

const YES = ["yes", "y", "true", "t", "1", "x", "on", "checked"];
const NO = ["no", "n", "false", "f", "0", "off", "unchecked"];
/** Values that mean "not known" anywhere: suggested as "leave empty" (shown, never silent). */
const UNKNOWN = ["n a", "na", "not applicable", "tbd", "to be determined", "unknown", "-", "?", "none given"];

const SYNONYMS: Partial<Record<ImportFieldKey, Record<string, readonly string[]>>> = {
  status: {
    IDEA: ["idea", "proposed", "proposal", "concept", "planned", "planning", "planned not in production", "initiated", "initiation", "backlog", "new", "draft", "under consideration", "exploring"],
    ASSESSING: ["assessing", "assessment", "in assessment", "under assessment", "evaluating", "evaluation", "under evaluation", "under review", "in review", "pre deployment", "predeployment", "analysis", "discovery", "feasibility"],
    APPROVED: ["approved", "approved for development", "funded", "green lit", "greenlit"],
    BUILDING: [
      "building",
      "build",
      "in development",
      "development",
      "developing",
      "development and acquisition",
      "acquisition and or development",
      "acquisition and development",
      "implementation",
      "implementation and assessment",
      "pilot",
      "piloting",
      "in pilot",
      "proof of concept",
      "poc",
      "prototype",
      "prototyping",
      "in progress",
      "testing",
      "in testing",
    ],
    LIVE: ["live", "deployed", "in production", "production", "operation and maintenance", "operations and maintenance", "operational", "in operation", "in use", "in mission", "implemented", "active"],
    UNKNOWN: ["unknown", "not known", "not reported", "unspecified", "not specified"],
    RETIRED: ["retired", "decommissioned", "sunset", "sunsetted", "discontinued", "no longer in use", "cancelled", "canceled", "archived", "inactive"],
  },
  highImpact: {
    HIGH_IMPACT: ["high impact", "yes", "rights impacting", "safety impacting", "both rights and safety impacting", "rights impacting and safety impacting"],
    PRESUMED_NOT_HIGH_IMPACT: ["presumed high impact but determined not high impact", "presumed high impact determined not", "presumed high impact", "determined not high impact"],
    NOT_HIGH_IMPACT: ["not high impact", "no", "neither", "not rights or safety impacting"],
  },
  sourcing: {
    IN_HOUSE: ["developed in house", "in house", "inhouse", "internal", "built"],
    BOUGHT: ["developed with contracting resources", "contracting resources", "contracted", "contractor", "commercial", "commercial off the shelf", "cots", "purchased", "bought", "vendor"],
    BOTH: ["developed with both contracting and in house resources", "both contracting and in house resources", "both", "hybrid"],
  },
  stage: {
    PRE_DEPLOYMENT: ["pre deployment", "predeployment", "initiated", "planned", "development and acquisition", "acquisition and or development"],
    PILOT: ["pilot", "piloting", "implementation and assessment"],
    DEPLOYED: ["deployed", "in production", "operation and maintenance", "operational"],
    RETIRED: ["retired", "decommissioned"],
  },
  euRiskTier: {
    PROHIBITED: ["prohibited", "unacceptable", "unacceptable risk"],
    HIGH: ["high", "high risk"],
    LIMITED: ["limited", "limited risk", "transparency", "transparency risk"],
    MINIMAL: ["minimal", "minimal risk", "low", "low risk", "no risk"],
  },
  changeFrequency: {
    realtime: ["realtime", "real time", "continuous", "continuously", "constantly", "streaming", "hourly", "live"],
    daily: ["daily", "every day", "day", "days"],
    weekly: ["weekly", "every week", "week", "weeks"],
    monthly: ["monthly", "every month", "month", "months"],
    quarterly: ["quarterly", "every quarter", "quarter", "every 3 months", "every three months"],
    annually: ["annually", "annual", "yearly", "every year", "year"],
    static: ["static", "never", "never static", "rarely", "does not change", "unchanging", "fixed"],
  },
  coreNeed: {
    retrieval: ["retrieval", "current information retrieval", "information retrieval", "knowledge", "facts", "lookup"],
    reasoning: ["reasoning", "specialized reasoning", "specialised reasoning", "behavior", "behaviour", "expertise"],
    both: ["both", "retrieval and reasoning", "reasoning and retrieval"],
    neither: ["neither", "none"],
  },
  promptedBaselineMeetsBar: {
    yes: YES,
    no: NO,
    untested: ["untested", "not tested", "not tested yet", "not yet tested", "not yet"],
  },
};

/** token → our value, per field (values, labels and synonyms; then "not known" spellings → ""). */
const SUGGESTIONS: ReadonlyMap<ImportFieldKey, ReadonlyMap<string, string>> = (() => {
  const out = new Map<ImportFieldKey, Map<string, string>>();
  for (const field of Object.values(IMPORT_FIELD_BY_KEY)) {
    if (!field.options) continue;
    const m = new Map<string, string>();
    const add = (spelling: string, value: string) => {
      const t = valueToken(spelling);
      if (t && !m.has(t)) m.set(t, value);
    };
    for (const o of field.options) {
      add(o.value, o.value);
      add(o.label, o.value);
    }
    const syn = field.kind === "boolean" ? { yes: YES, no: NO } : (SYNONYMS[field.key] ?? {});
    for (const [value, spellings] of Object.entries(syn)) for (const s of spellings) add(s, value);
    for (const s of UNKNOWN) add(s, "");
    out.set(field.key, m);
  }
  return out;
})();

/**
 * The leading words of a long answer, as public inventories write their choices: "a) Pre-deployment
 * – The use case is in development…" → "pre deployment"; "Yes – the system uses PII" → "yes". The
 * code before a parenthesis or dot ("a)", "(b)", "3.") is dropped, then the text before the first
 * dash, colon, semicolon or full stop is taken; then its first six, five … one words.
 */
export function leadingTokens(raw: string): string[] {
  const s = raw.trim().replace(/^\(?[a-z0-9]{1,2}[.)]\s+/i, "");
  const head = s.split(/\s[–—-]\s|[:;.,(]|\s[–—]/)[0] ?? s;
  const words = valueToken(head).split(" ").filter(Boolean);
  const out: string[] = [];
  for (let n = Math.min(6, words.length); n >= 1; n--) out.push(words.slice(0, n).join(" "));
  return out;
}

/** Our value for a file's value: a value, "" (leave empty) or undefined (not recognised). A long answer is read by its leading words. */
export function suggestValue(key: ImportFieldKey, raw: string): string | undefined {
  const known = SUGGESTIONS.get(key);
  if (!known) return undefined;
  const exact = known.get(valueToken(raw));
  if (exact !== undefined) return exact;
  const tokens = leadingTokens(raw);
  for (const [i, t] of tokens.entries()) {
    // "No information", "No determination yet", "No answer": a "no" opening a longer phrase negates what
    // follows; it is not the answer "no" (an unknown must stay missing). The value is left to be mapped.
    if (i > 0 && NEGATIONS.has(t)) continue;
    const v = known.get(t);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Words that, opening a longer answer, negate its rest rather than answer no. */
const NEGATIONS: ReadonlySet<string> = new Set(["no", "n"]);

/** The value chosen for a file's value, looking at own keys only (a cell "constructor" is just a word). */
function mappedValue(values: ValueMap | undefined, key: ImportFieldKey, token: string): string | undefined {
  const forField = values && Object.hasOwn(values, key) ? values[key] : undefined;
  return forField && Object.hasOwn(forField, token) ? forField[token] : undefined;
}

export function allowedValues(key: ImportFieldKey): readonly string[] {
  return IMPORT_FIELD_BY_KEY[key].options?.map((o) => o.value) ?? [];
}

export type ResolvedValue = { ok: true; value: string | null } | { ok: false; message: string };

/**
 * The value a cell gives a field with a value mapping: null for an empty cell (or one mapped to
 * "leave empty"), else our value; a value neither mapped nor recognised is an error.
 */
export function resolveValue(key: ImportFieldKey, raw: string, values: ValueMap | undefined): ResolvedValue {
  if (raw.trim() === "") return { ok: true, value: null };
  const token = valueToken(raw);
  const chosen = mappedValue(values, key, token);
  const value = chosen !== undefined ? chosen : suggestValue(key, raw);
  if (value === undefined) {
    const field = IMPORT_FIELD_BY_KEY[key];
    const shown = raw.trim().length > 60 ? `${raw.trim().slice(0, 60)}…` : raw.trim();
    return {
      ok: false,
      message: `“${shown}” is not a value of ${field.label}. Map it to one of ${allowedValues(key).join(", ")} (or to “leave empty”) in the value mapping.`,
    };
  }
  if (value === "") return { ok: true, value: null };
  if (!allowedValues(key).includes(value)) return { ok: false, message: `“${value}” is not one of ${allowedValues(key).join(", ")}.` };
  return { ok: true, value };
}

export interface DistinctValue {
  token: string;
  /** The first spelling seen in the file. */
  example: string;
  count: number;
  /** What it maps to now: a value, "" (leave empty) or undefined (not mapped yet: rows with it will fail). */
  mapped: string | undefined;
}

/** The distinct non-empty values of a column, most frequent first, with what each maps to. */
export function distinctValues(key: ImportFieldKey, cells: Iterable<string>, values: ValueMap | undefined, limit = 100): { values: DistinctValue[]; more: number } {
  const m = new Map<string, DistinctValue>();
  for (const raw of cells) {
    if (raw.trim() === "") continue;
    const token = valueToken(raw);
    const d = m.get(token);
    if (d) d.count++;
    else m.set(token, { token, example: raw.trim(), count: 1, mapped: undefined });
  }
  const all = [...m.values()].sort((a, b) => b.count - a.count || a.example.localeCompare(b.example));
  for (const d of all) d.mapped = mappedValue(values, key, d.token) ?? suggestValue(key, d.example);
  return { values: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}
