/**
 * The portfolio filter, shared by the dashboard, the use-case list's drill-downs and the finance
 * export. It lives in the URL: `?bu=Sales&bu=Ops&status=LIVE&recommended=RAG&flag=NO_EVALUATION_SET`.
 */
import { z } from "../zod";
import { APPROACH_LABELS, APPROACHES } from "../assessment";
import { STATUSES } from "../use-case";
import { FLAG_CODES } from "../frameworks/flags";
import { EU_RISK_TIERS, HIGH_IMPACT, SOURCING, STAGES } from "../governance";
import { EVIDENCE_LEVELS } from "../frameworks/evidence";

/** Governance filters: a value, or NOT_RECORDED for use cases where it is not recorded. */
export const NOT_RECORDED = "NOT_RECORDED" as const;
import { isStorableText } from "../text";

/**
 * What the totals leave out, as chosen (the dashboard's "What the totals leave out"): use cases
 * with no cost for their approach (the not assessed apart), and use cases whose cost lacks a figure.
 */
export const COST_COVERAGE = ["NOT_COSTED", "INCOMPLETE"] as const;
export type CostCoverage = (typeof COST_COVERAGE)[number];
export const COST_COVERAGE_LABELS: Record<CostCoverage, string> = { NOT_COSTED: "Not costed", INCOMPLETE: "Lacking figures" };

/** Every risk flag the frameworks raise (one list: lib/domain/frameworks/flags.ts). */
export const RISK_FLAGS = FLAG_CODES;
export type RiskFlagCode = (typeof RISK_FLAGS)[number];

const many = <T extends z.ZodType>(item: T) => z.array(item).max(50).default([]);

/**
 * "No approach": for `chosen`, use cases with no decision recorded; for `recommended`, those the
 * frameworks could not score. So every cell of the recommended × chosen matrix has a list.
 */
export const NO_APPROACH = "NONE" as const;
/** What the recommended and chosen filters offer: every approach, then "none". */
export const APPROACH_FILTER_VALUES = [...APPROACHES, NO_APPROACH] as const;
export const approachOrNone = z.enum(APPROACH_FILTER_VALUES);
export type ApproachOrNone = z.infer<typeof approachOrNone>;

export const portfolioFilterSchema = z
  .object({
    businessUnit: many(z.string().trim().min(1).max(120).refine(isStorableText)),
    status: many(z.enum(STATUSES)),
    ownerId: many(z.string().min(1).max(64).refine(isStorableText)),
    recommended: many(approachOrNone),
    chosen: many(approachOrNone),
    /** As chosen: the decision where one is recorded, else the recommendation (the dashboard's "as chosen"). */
    asChosen: many(z.enum(APPROACHES)),
    flag: many(z.enum(RISK_FLAGS)),
    /** How much evidence stands behind the recommendation: none (not assessed), provisional, assessed. */
    evidence: many(z.enum(EVIDENCE_LEVELS)),
    /** As chosen: no cost for the approach, or a cost lacking figures. */
    costs: many(z.enum(COST_COVERAGE)),
    /** Whether the voting frameworks split (the dashboard's "Where the frameworks disagree"). */
    disagreement: many(z.enum(["yes", "no"])),
    /**
     * Whether it awaits a decision (the dashboard's "awaiting a decision"): the decision queue's
     * "Recommended, no decision" and "Proposed, awaiting approval" (lib/domain/decisions/queue.ts).
     */
    awaitingDecision: many(z.enum(["yes", "no"])),
    /** Governance (issue 15): OMB high-impact, personal data, sourcing, stage, EU AI Act tier. */
    highImpact: many(z.enum([...HIGH_IMPACT, NOT_RECORDED])),
    personalData: many(z.enum(["yes", "no", NOT_RECORDED])),
    sourcing: many(z.enum([...SOURCING, NOT_RECORDED])),
    stage: many(z.enum([...STAGES, NOT_RECORDED])),
    euRiskTier: many(z.enum([...EU_RISK_TIERS, NOT_RECORDED])),
  })
  .strict();
export type PortfolioFilter = z.infer<typeof portfolioFilterSchema>;

export const EMPTY_FILTER: PortfolioFilter = {
  businessUnit: [],
  status: [],
  ownerId: [],
  recommended: [],
  chosen: [],
  asChosen: [],
  flag: [],
  evidence: [],
  costs: [],
  disagreement: [],
  awaitingDecision: [],
  highImpact: [],
  personalData: [],
  sourcing: [],
  stage: [],
  euRiskTier: [],
};

/** URL parameter name for each filter field. */
export const FILTER_PARAMS: Record<keyof PortfolioFilter, string> = {
  businessUnit: "bu",
  status: "status",
  ownerId: "owner",
  recommended: "recommended",
  chosen: "chosen",
  asChosen: "as",
  flag: "flag",
  evidence: "evidence",
  costs: "costs",
  disagreement: "split",
  awaitingDecision: "awaiting",
  highImpact: "impact",
  personalData: "pii",
  sourcing: "sourcing",
  stage: "stage",
  euRiskTier: "eurisk",
};

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function getAll(params: ParamSource, key: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(key);
  const v = params[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** One filter field's schema for a single value (the field itself is a list of them). */
function fieldSchema(key: keyof PortfolioFilter): z.ZodType<string> {
  return portfolioFilterSchema.shape[key].unwrap().element as z.ZodType<string>;
}

/** The values a filter field accepts, or null for free text (business units, owners). */
export function acceptedValues(key: keyof PortfolioFilter): readonly string[] | null {
  return (fieldSchema(key) as unknown as { options?: readonly string[] }).options ?? null;
}

/**
 * Reads a filter from URL parameters. Values that are not allowed are dropped rather than
 * failing the page (a stale link still opens); the result is always a valid filter.
 */
export function parsePortfolioFilter(params: ParamSource): PortfolioFilter {
  const out: PortfolioFilter = { ...EMPTY_FILTER };
  for (const key of Object.keys(FILTER_PARAMS) as (keyof PortfolioFilter)[]) {
    const field = fieldSchema(key);
    const values = getAll(params, FILTER_PARAMS[key]).filter((v) => field.safeParse(v).success);
    (out[key] as string[]) = [...new Set(values)].slice(0, 50);
  }
  return out;
}

export function filterToSearchParams(filter: PortfolioFilter): URLSearchParams {
  const sp = new URLSearchParams();
  for (const key of Object.keys(FILTER_PARAMS) as (keyof PortfolioFilter)[]) {
    for (const v of filter[key]) sp.append(FILTER_PARAMS[key], v);
  }
  return sp;
}

export function isEmptyFilter(filter: PortfolioFilter): boolean {
  return Object.values(filter).every((v) => v.length === 0);
}

/** Splits an approach filter into named approaches and whether "none" is included. */
export function splitApproaches(values: readonly ApproachOrNone[]): { named: Exclude<ApproachOrNone, typeof NO_APPROACH>[]; none: boolean } {
  return { named: values.filter((v): v is Exclude<ApproachOrNone, typeof NO_APPROACH> => v !== NO_APPROACH), none: values.includes(NO_APPROACH) };
}

/** An approach filter value in words: "none chosen" and "not scored" for NO_APPROACH. */
export function approachFilterLabel(value: ApproachOrNone, field: "recommended" | "chosen"): string {
  if (value !== NO_APPROACH) return APPROACH_LABELS[value];
  return field === "chosen" ? "None chosen" : "Not scored";
}

/**
 * The list behind a count of the portfolio: the view's filter narrowed by `extra` (the count's own
 * condition), or null when no list shows exactly those use cases. A key's values in the URL are
 * alternatives (any of them), so the count's condition and the view's are both kept: a use case
 * has one status, one decision, one recommendation…, so for those keys the two sets intersect
 * (nothing in common: the count is 0, and no list has it). A use case has several risk flags: "any
 * of these" within "any of those" is one list only when one set holds the other (the smaller
 * one); "flag B among the view's flag A" has none. (Before, `extra` replaced the view's values:
 * "0 awaiting a decision" in a view of chosen=RAG opened every undecided use case.)
 */
export function drillDown(filter: PortfolioFilter, extra: Partial<PortfolioFilter>): PortfolioFilter | null {
  const out: PortfolioFilter = { ...filter };
  for (const key of Object.keys(extra) as (keyof PortfolioFilter)[]) {
    const asked = extra[key] as readonly string[] | undefined;
    if (!asked || asked.length === 0) continue;
    const view = filter[key] as readonly string[];
    if (view.length === 0) {
      (out[key] as string[]) = [...asked];
      continue;
    }
    const both = asked.filter((v) => view.includes(v));
    if (key === "flag" && both.length !== asked.length && both.length !== view.length) return null;
    if (both.length === 0) return null;
    (out[key] as string[]) = both;
  }
  return out;
}
