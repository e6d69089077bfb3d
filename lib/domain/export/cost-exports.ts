/**
 * The two finance exports' columns and rows, pure: what a row says, never where it comes from.
 * lib/server/export/cost-exports.ts reads the rows; the route handlers stream them.
 */
import { filterToSearchParams, type PortfolioFilter } from "../portfolio/filter";
import { APPROACH_LABELS } from "../assessment";
import { COST_CATEGORY_LABELS } from "../costing/categories";
import { STATUS_LABELS } from "../use-case";
import { compareText } from "../title-order";
import { centsToDecimal, codeCell, CRLF, csvLine, headerLine, integerCell, textCell } from "./csv";
import { benefitDetailCells, benefitUnitCells, VALUE_BU_COLUMNS, VALUE_DETAIL_COLUMNS, type UnitYearBenefit } from "./value-columns";

/**
 * The codes stay for machines (status, approach, category); a label column beside each carries the
 * words people read ("FINE_TUNING" → "Fine-tuning"). An unknown code is its own label.
 */
function label(labels: Readonly<Record<string, string>>, code: string | null): string {
  if (code === null) return "";
  return labels[code] ?? code;
}

/** Every amount is in US dollars (the cost model's currency). */
export const CURRENCY = "USD";

/** A whole number of cents, or null for a missing figure. A string is PostgreSQL's decimal text. */
export type Cents = bigint | number | string | null;
type Whole = number | string;

// ---------------------------------------------------------------------------------------------
// The detail: one row per use case, approach, calendar year and cost category (CostLine).

export const DETAIL_COLUMNS = [
  "organization", "use_case_id", "title", "business_unit", "owner", "status", "recommended_approach", "chosen_approach",
  "approach", "as_chosen", "calendar_year", "lifecycle_year", "category", "low", "base", "high", "currency",
  "assumption_version", "note",
  "status_label", "recommended_label", "chosen_label", "approach_label", "category_label",
  "high_impact", "personal_data", "sourcing", "vendor", "stage", "topic_area", "eu_risk_tier", "additional_fields",
  // Value (issue 20): the use case's expected yearly benefit, low/base/high (empty: none entered).
  ...VALUE_DETAIL_COLUMNS,
  // Actual spend (issue 21): on the as-chosen rows, the spend attributed to the use case in that calendar
  // year's months compared (those that have closed), placed once (ACTUALS_PLACEMENT), and the last month compared.
  "actual", "actual_through",
  // Its bills of a month not over yet (the month the file is made in, or one dated later): kept, placed the
  // same way, not in `actual` (as the portfolio compares only closed months).
  "actual_open_month",
] as const;

/** What every row of one export shares. */
export interface ExportContext {
  /** The organization's name. */
  organization: string;
}

export interface DetailRow {
  useCaseId: string;
  title: string;
  businessUnit: string;
  /** The owner's email (their name when there is no email); null when the owner is gone. */
  owner: string | null;
  status: string;
  recommended: string | null;
  chosen: string | null;
  /** The approach this row projects; on an actual-only row, the approach as chosen (null: none). */
  approach: string | null;
  calendarYear: Whole;
  /** 1 for the first year of the use case's horizon; null on an actual-only row of a year outside it. */
  lifecycleYear: Whole | null;
  category: string;
  low: Cents;
  base: Cents;
  high: Cents;
  /** The organization's assumption version the projection used; null when none is recorded. */
  assumptionVersion: Whole | null;
  /** A manual estimate (agent, pipeline, feedback learning) rather than a modelled cost. */
  manual: boolean;
  /** Governance codes (lib/domain/governance.ts); null when not recorded. */
  highImpact: string | null;
  personalData: boolean | null;
  sourcing: string | null;
  vendor: string;
  stage: string | null;
  topicArea: string;
  euRiskTier: string | null;
  /** The additional fields kept from an import, as JSON text ("{}" when none). */
  additionalFields: unknown;
  /** The expected yearly benefit as stored (JSON or its text; null: none) and the hourly value rate (cents; null: the default). */
  benefit?: unknown;
  valueRateCents?: Whole | null;
  /** Actual spend of the months compared (closed) placed on this row (as-chosen rows only); null or absent: none. */
  actual?: Cents;
  /** "2026-02": the last month compared, the latest month with actual spend that has closed; null when none. */
  actualThrough?: string | null;
  /** Actual spend of months not over yet placed on this row (not in `actual`); null or absent: none. */
  actualOpen?: Cents;
  /**
   * An actual-only row: attributed spend of a year in which the use case has no cost row for its approach
   * as chosen (a pilot billed before its planned start year, a use case not assessed), so no row could carry
   * it (ACTUALS_PLACEMENT). Its projection cells (low, base, high, assumption version) are empty.
   */
  actualOnly?: boolean;
}

/**
 * Where a use case's actual spend of a year goes in the detail: on its as-chosen rows of that year,
 * each actual category on the row of its projection category (inference → Inference, hosting →
 * Fine-tuned model hosting, retrieval → Retrieval infrastructure, other → Manual estimate); a
 * category with no such row goes on the first row of that year. A year with no as-chosen row at all
 * (the use case starts later, is not assessed, or has no projection for that approach) gets
 * actual-only rows of its own, one per category, on the category placed here. Each cent appears
 * once, so the column adds up to the business-unit rollup's actual and the portfolio's.
 */
export const ACTUALS_PLACEMENT: Record<string, string> = { INFERENCE: "INFERENCE", HOSTING: "FT_HOSTING", RETRIEVAL: "RETRIEVAL_INFRA", OTHER: "MANUAL_ESTIMATE" };

export const NOTE_MISSING = "missing figure";
export const NOTE_MANUAL = "manual estimate";
export const NOTE_ACTUAL_ONLY = "actual spend only, no projection for this year";
/** On a row with bills of a month not over yet: they are kept apart from the comparison. */
export const NOTE_OPEN_MONTH = "bills of a month not over yet are in actual_open_month, not in actual";

/** Whether a row carries bills of a month not over yet. */
function hasOpen(cents: Cents | undefined): boolean {
  return cents !== null && cents !== undefined && BigInt(cents) !== BigInt(0);
}

/**
 * The note for a detail row: a missing figure is never written as 0, it is an empty cell and this note.
 * An actual-only row's projection cells are empty because there is no projection, not a missing figure.
 */
export function detailNote(row: Pick<DetailRow, "low" | "base" | "high" | "manual" | "actualOnly" | "actualOpen">): string {
  const notes: string[] = [];
  if (row.actualOnly) notes.push(NOTE_ACTUAL_ONLY);
  else {
    if (row.low === null || row.base === null || row.high === null) notes.push(NOTE_MISSING);
    if (row.manual) notes.push(NOTE_MANUAL);
  }
  if (hasOpen(row.actualOpen)) notes.push(NOTE_OPEN_MONTH);
  return notes.join("; ");
}

/** "As chosen" counts a use case under its decision, else its recommendation (as the dashboard does). */
export function asChosenApproach(row: Pick<DetailRow, "chosen" | "recommended">): string | null {
  return row.chosen ?? row.recommended;
}

export function detailHeader(): string {
  return headerLine(DETAIL_COLUMNS);
}

/**
 * Formats detail rows into CSV lines. The rows of one use case arrive together and read the same
 * use case, so its cells (organization to chosen approach) are encoded once per use case.
 */
export function createDetailFormatter(ctx: ExportContext): (row: DetailRow) => string {
  const organization = textCell(ctx.organization);
  let lastUseCase: string | null = null;
  let prefix = "";
  let suffix = "";
  let asChosen: string | null = null;
  let labels = "";
  const approachCells = new Map<string | null, [string, string]>();
  const categoryCells = new Map<string, [string, string]>();
  return (row) => {
    // A use case's cells are read from its first row only: every row of it comes from one snapshot,
    // and the export's query sends them on that row alone (null after it; lib/server/export/cost-exports.ts).
    if (row.useCaseId !== lastUseCase) {
      lastUseCase = row.useCaseId;
      prefix = [
        organization, codeCell(row.useCaseId), textCell(row.title), textCell(row.businessUnit), textCell(row.owner),
        codeCell(row.status), codeCell(row.recommended), codeCell(row.chosen),
      ].join(",");
      asChosen = asChosenApproach(row);
      labels = [textCell(label(STATUS_LABELS, row.status)), textCell(label(APPROACH_LABELS, row.recommended)), textCell(label(APPROACH_LABELS, row.chosen))].join(",");
      const extra = typeof row.additionalFields === "string" ? row.additionalFields : JSON.stringify(row.additionalFields ?? {});
      suffix = [
        codeCell(row.highImpact), row.personalData === null || row.personalData === undefined ? "" : row.personalData ? "yes" : "no", codeCell(row.sourcing),
        textCell(row.vendor ?? ""), codeCell(row.stage), textCell(row.topicArea ?? ""), codeCell(row.euRiskTier), textCell(extra === "{}" ? "" : extra),
        benefitDetailCells(row.benefit, row.valueRateCents),
      ].join(",");
    }
    // One string, not an array joined (csvLine's shape, written out: a million rows, issue 22); the
    // approach's and category's cells are made once per code. An actual-only row of a use case with no approach
    // has none (empty cells) and counts as chosen: its spend is in the as-chosen totals.
    const approach = approachCells.get(row.approach) ?? remember(approachCells, row.approach, [codeCell(row.approach), textCell(label(APPROACH_LABELS, row.approach))]);
    const category = categoryCells.get(row.category) ?? remember(categoryCells, row.category, [textCell(row.category), textCell(label(COST_CATEGORY_LABELS, row.category))]);
    return `${prefix},${approach[0]},${row.approach === asChosen ? "yes" : "no"},${integerCell(row.calendarYear)},${integerCell(row.lifecycleYear)},${category[0]},${
      centsToDecimal(row.low)},${centsToDecimal(row.base)},${centsToDecimal(row.high)},${CURRENCY},${integerCell(row.assumptionVersion)},${textCell(detailNote(row))},${
      labels},${approach[1]},${category[1]},${suffix},${row.actual === null || row.actual === undefined ? "" : centsToDecimal(row.actual)},${codeCell(row.actualThrough ?? null)},${
      row.actualOpen === null || row.actualOpen === undefined ? "" : centsToDecimal(row.actualOpen)}${CRLF}`;
  };
}

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  cache.set(key, value);
  return value;
}

// ---------------------------------------------------------------------------------------------
// The business-unit rollup: one row per business unit, calendar year, scenario and approach (CostYear).

/**
 * - "as chosen": each use case under its chosen approach, else its recommendation; its rows add up
 *   to the dashboard's as-chosen total.
 * - "as recommended": each use case under its recommendation.
 * - "all": every approach projected for each use case. The row for approach X is what the unit
 *   would spend if every use case took X ("everything X"); rows of different approaches in this
 *   scenario are alternatives and must not be added together.
 */
export const BU_SCENARIOS = ["as chosen", "as recommended", "all"] as const;
export type BuScenario = (typeof BU_SCENARIOS)[number];

export const BU_COLUMNS = [
  "organization", "business_unit", "calendar_year", "scenario", "approach", "low", "base", "high", "currency",
  "use_cases", "incomplete_use_cases", "note", "approach_label",
  // Governance (issue 15): how many of the row's use cases are high-impact (OMB M-25-21) and involve personal data.
  "high_impact_use_cases", "personal_data_use_cases",
  // Value (issue 20), on "as chosen" rows: the benefit the row's valued use cases realise that year.
  ...VALUE_BU_COLUMNS,
  // Actual spend (issue 21), on the "as chosen" rows: attributed spend in the year's months compared (those that
  // have closed, as the portfolio compares them), the metered part of the base projection (inference, hosting and
  // training compute, retrieval; not engineering or retraining, nor an owner's estimate) for the same months, the
  // spend of the use cases with such a projection less that, and the last month compared. Unattributed spend is in
  // no business unit.
  "actual", "metered_base_to_date", "variance_to_date", "actual_through",
  // The bills of a month not over yet (the month the file is made in, or one dated later): kept, not compared.
  "actual_open_month",
] as const;

export interface BusinessUnitRow {
  businessUnit: string;
  calendarYear: Whole;
  scenario: BuScenario;
  /** Null only on an "as chosen" row of use cases with no approach (their actual spend alone). */
  approach: string | null;
  /** Sums of the use cases' known figures; a missing figure adds nothing and is counted in incompleteUseCases. */
  low: Exclude<Cents, null>;
  base: Exclude<Cents, null>;
  high: Exclude<Cents, null>;
  /** The use cases whose projections the amounts sum (not those counted in actualOnlyUseCases). */
  useCases: Whole;
  /**
   * "as chosen" only: use cases whose actual spend of the year is in `actual` though they have no projection
   * for it under their approach as chosen (a pilot billed before its planned start year, a use case not
   * assessed). They add nothing to low/base/high (0 on a row of such use cases alone) and are in the note.
   */
  actualOnlyUseCases?: Whole;
  /** Use cases whose year has a missing figure: the amounts leave that cost out. */
  incompleteUseCases: Whole;
  /** Some of the amounts are manual estimates. */
  manual: boolean;
  highImpactUseCases: Whole;
  personalDataUseCases: Whole;
  /** "as chosen" rows: the benefit realised in the year (lib/server/value/export.ts); absent elsewhere. */
  benefit?: UnitYearBenefit | null;
  /**
   * As chosen only (else null/absent): actual spend of the months compared (those that have closed), the metered
   * base for the same months, the last month compared, and the bills of months not over yet (not in `actual`).
   */
  actual?: Cents;
  meteredBaseToDate?: Cents;
  /**
   * The part of `actual` that the variance sets against `meteredBaseToDate`, as the portfolio does:
   * the spend of the use cases with a metered projection for those months (not of one priced from
   * its owner's estimate, nor of a year before its start). Absent: all of `actual`.
   */
  comparedActual?: Cents;
  actualThrough?: string | null;
  actualOpen?: Cents;
}

export function businessUnitNote(row: Pick<BusinessUnitRow, "incompleteUseCases" | "manual" | "actualOnlyUseCases" | "actualOpen">): string {
  const notes: string[] = [];
  if (Number(row.incompleteUseCases) > 0) notes.push("missing figures left out");
  if (row.manual) notes.push("includes manual estimates");
  const actualOnly = Number(row.actualOnlyUseCases ?? 0);
  if (actualOnly > 0) notes.push(`actual includes ${actualOnly} use case${actualOnly === 1 ? "" : "s"} with no projection for this year`);
  if (hasOpen(row.actualOpen)) notes.push(NOTE_OPEN_MONTH);
  return notes.join("; ");
}

export function businessUnitHeader(): string {
  return headerLine(BU_COLUMNS);
}

export function createBusinessUnitFormatter(ctx: ExportContext): (row: BusinessUnitRow) => string {
  const organization = textCell(ctx.organization);
  return (row) => csvLine([
    organization, textCell(row.businessUnit), integerCell(row.calendarYear), codeCell(row.scenario), codeCell(row.approach),
    centsToDecimal(row.low), centsToDecimal(row.base), centsToDecimal(row.high), CURRENCY,
    integerCell(row.useCases), integerCell(row.incompleteUseCases), textCell(businessUnitNote(row)), textCell(label(APPROACH_LABELS, row.approach)),
    integerCell(row.highImpactUseCases), integerCell(row.personalDataUseCases),
    benefitUnitCells(row.scenario, row.benefit),
    ...actualCells(row),
  ]);
}

/**
 * The actual-spend cells. variance_to_date is the compared spend less the metered base, empty
 * where nothing is compared (spend with no metered projection: an owner's estimate, a year before
 * the start), as the portfolio shows "—": so the column adds up to the portfolio's variance, where
 * setting every dollar of spend against the metered base made it read +$33,220 beside the page's
 * +$14,768.
 */
function actualCells(row: Pick<BusinessUnitRow, "actual" | "meteredBaseToDate" | "comparedActual" | "actualThrough" | "actualOpen">): string[] {
  const none = (v: Cents | undefined) => v === null || v === undefined;
  if (none(row.actual) && none(row.meteredBaseToDate) && none(row.actualOpen)) return ["", "", "", codeCell(row.actualThrough ?? null), ""];
  const actual = BigInt(row.actual ?? 0);
  const base = BigInt(row.meteredBaseToDate ?? 0);
  const compared = none(row.comparedActual) ? actual : BigInt(row.comparedActual!);
  const variance = compared === 0n && base === 0n ? "" : centsToDecimal(compared - base);
  return [centsToDecimal(actual), centsToDecimal(base), variance, codeCell(row.actualThrough ?? null), centsToDecimal(BigInt(row.actualOpen ?? 0))];
}

// ---------------------------------------------------------------------------------------------
// Where the files are, and what they are called.

export const EXPORTS = {
  detail: { path: "detail.csv", fileLabel: "cost-detail", title: "Detail cost rollup", description: "One row per use case, approach, year and cost category, with low, base and high amounts." },
  businessUnits: { path: "business-units.csv", fileLabel: "cost-by-business-unit", title: "Business-unit rollup", description: "One row per business unit, year, scenario (as chosen, as recommended, all) and approach." },
} as const;
export type ExportKind = keyof typeof EXPORTS;

/** The download URL of an export for a filter: `/o/<org>/export/detail.csv?bu=Sales`. */
export function exportUrl(orgSlug: string, kind: ExportKind, filter: PortfolioFilter): string {
  const query = filterToSearchParams(filter).toString();
  return `/o/${encodeURIComponent(orgSlug)}/export/${EXPORTS[kind].path}${query ? `?${query}` : ""}`;
}

// ---------------------------------------------------------------------------------------------
// What the Exports page says the files leave out.

/**
 * The Exports page's sentence on the use cases with no cost as chosen (not assessed, or an approach
 * the cost model prices only from a manual estimate, with none entered) in view: they add nothing
 * to the business-unit rollup's "as chosen" rows, and a unit of only such use cases has no such row
 * of projected spend at all (the demo's Procurement, whose one use case is an agent). How many, and
 * which units, so a spreadsheet missing a unit is explained where the files are.
 */
export function notCostedExportSentence(notCosted: { useCases: number; units: readonly string[] }): string {
  const n = notCosted.useCases;
  const head = "Use cases with no cost as chosen (not assessed, with no recommendation and no decision, or an approach the cost model prices only from a manual estimate, with none entered) add nothing to the “as chosen” rows";
  if (n === 0) return `${head}: none in this view.`;
  const named = [...notCosted.units].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : compareText(a, b))).map((u) => u || "No business unit");
  const shown = named.length > 5 ? [...named.slice(0, 5), `${named.length - 5} more`] : named;
  const list = shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}` : (shown[0] ?? "");
  const units = named.length === 0
    ? ""
    : ` ${named.length === 1 ? `${list} has` : `${list} have`} only such use cases, so ${named.length === 1 ? "it has" : "they have"} no “as chosen” row of projected spend (only one of actual spend, where there is some).`;
  return `${head}: ${n === 1 ? "1 use case" : `${n.toLocaleString("en-US")} use cases`} in this view.${units} The portfolio's budget panel counts them per business unit and year.`;
}
