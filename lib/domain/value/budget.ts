/**
 * Budgets per business unit and calendar year (issue 20, item 4): what a unit may spend, against
 * what its use cases are projected to spend as chosen (and, once approvals exist, what was
 * approved). Money in integer cents.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { compareText } from "../title-order";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "../text";
import { LIMITS } from "../use-case";
import { z } from "../zod";
import type { Money3 } from "./benefit";
import { readDollars } from "../money";

export const MIN_BUDGET_YEAR = 2000;
export const MAX_BUDGET_YEAR = 2100;
/** $100 billion: far above any unit's budget, well inside exact integers. */
export const MAX_BUDGET_CENTS = 10_000_000_000_000;

export const budgetInputSchema = z
  .object({
    businessUnit: z
      .string()
      .trim()
      .min(1, "Choose a business unit")
      .max(LIMITS.businessUnit, `Business unit must be at most ${LIMITS.businessUnit} characters`)
      .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE),
    year: z.number({ error: "Enter a year" }).int("Enter a year").min(MIN_BUDGET_YEAR, `From ${MIN_BUDGET_YEAR}`).max(MAX_BUDGET_YEAR, `Up to ${MAX_BUDGET_YEAR}`),
    /** Whole cents; null removes the budget. */
    amountCents: z.number({ error: "Enter an amount" }).int("Whole cents").min(0, "Cannot be negative").max(MAX_BUDGET_CENTS, "At most $100 billion").nullable(),
  })
  .strict();
export type BudgetInput = z.infer<typeof budgetInputSchema>;

export type BudgetStatus = "no-budget" | "over" | "at-risk" | "within" | "not-costed";

export const BUDGET_STATUS_LABELS: Record<BudgetStatus, string> = {
  "no-budget": "No budget set",
  over: "Over budget",
  "at-risk": "Within budget, over it in the high case",
  within: "Within budget",
  "not-costed": "Not judged: nothing in the year is costed",
};

/**
 * Over budget when the base projection (or the approved spend, once there is one) exceeds the
 * budget; at risk when only the high projection does. With no projection at all (null: none of
 * the unit's use cases in the year is costed) there is nothing to judge the budget by, unless the
 * approved spend alone exceeds it.
 */
export function budgetStatus(projected: Money3 | null, budgetCents: number | null, approvedCents: number | null): BudgetStatus {
  if (budgetCents === null) return "no-budget";
  if ((projected !== null && projected.base > budgetCents) || (approvedCents !== null && approvedCents > budgetCents)) return "over";
  if (projected === null) return "not-costed";
  if (projected.high > budgetCents) return "at-risk";
  return "within";
}

export interface UnitSpend {
  businessUnit: string;
  /** Projected spend as chosen in the year (sums of the use cases' yearly totals). */
  projected: Money3;
  useCases: number;
  /** Use cases whose year lacks a figure: the projection leaves that cost out. */
  incomplete: number;
}

export interface BudgetRow {
  businessUnit: string;
  budgetCents: number | null;
  projected: Money3 | null;
  useCases: number;
  incomplete: number;
  /**
   * The unit's use cases in the year (their lifecycle covers it) with no cost as chosen at all: not
   * assessed, or an approach the cost model does not price (an agent, a pipeline) with no manual
   * estimate. Outside the projection, and said beside it: never read as spending nothing.
   */
  notCosted: number;
  /** null: no yearly budget with a figure approved on the decision queue (among the use cases in view). */
  approvedCents: number | null;
  /** Budgets finance approved with no figure (the first year not fully costed): outside approvedCents, said beside it. */
  approvedWithoutFigure: number;
  /** Base projection minus the budget (positive: over); null without a budget or a projection. */
  overByCents: number | null;
  status: BudgetStatus;
}

/**
 * One row per business unit that has a budget, projected spend, a use case in the year that is not
 * costed, or an approval, sorted by name ("" for use cases without a unit last). Units with a
 * budget and no use case in the year show $0 projected: none of theirs spends that year, which is a
 * real zero, not a missing figure. A unit whose use cases in the year are all not costed, or there
 * only by an approval, has no projection (null), never $0: "Procurement", whose one use case is an
 * agent the cost model does not price, used to have no row at all, and with a budget it would have
 * read $0 and "Within budget". The rows hold every approval, so they add up to the total.
 */
export function budgetRows(
  spend: readonly UnitSpend[],
  budgets: ReadonlyMap<string, number>,
  approved: ReadonlyMap<string, number> | null,
  approvedWithoutFigure: ReadonlyMap<string, number> = new Map(),
  notCosted: ReadonlyMap<string, number> = new Map(),
): BudgetRow[] {
  const uncosted = (bu: string) => notCosted.get(bu) ?? 0;
  const units = new Set<string>([
    ...spend.map((s) => s.businessUnit),
    ...budgets.keys(),
    ...(approved?.keys() ?? []),
    ...approvedWithoutFigure.keys(),
    ...[...notCosted.keys()].filter((bu) => uncosted(bu) > 0),
  ]);
  const byUnit = new Map(spend.map((s) => [s.businessUnit, s]));
  return [...units]
    .sort((a, b) => (a === "" ? 1 : b === "" ? -1 : compareText(a, b)))
    .map((businessUnit) => {
      const s = byUnit.get(businessUnit);
      const projected = s ? s.projected : budgets.has(businessUnit) && uncosted(businessUnit) === 0 ? { low: 0, base: 0, high: 0 } : null;
      const budgetCents = budgets.get(businessUnit) ?? null;
      const approvedCents = approved?.get(businessUnit) ?? null;
      return {
        businessUnit,
        budgetCents,
        projected,
        useCases: s?.useCases ?? 0,
        incomplete: s?.incomplete ?? 0,
        notCosted: uncosted(businessUnit),
        approvedCents,
        approvedWithoutFigure: approvedWithoutFigure.get(businessUnit) ?? 0,
        overByCents: budgetCents === null || projected === null ? null : projected.base - budgetCents,
        status: budgetStatus(projected, budgetCents, approvedCents),
      };
    });
}

type LeftOut = Partial<Pick<BudgetRow, "notCosted" | "incomplete">>;

/**
 * What a row's projection leaves out, in a phrase, or "" when nothing: "1 not costed (left out)",
 * "2 with a missing figure (left out)", "1 not costed and 1 with a missing figure (left out)".
 */
export function leftOutText(row: LeftOut): string {
  const parts = [row.notCosted ? `${row.notCosted} not costed` : "", row.incomplete ? `${row.incomplete} with a missing figure` : ""].filter(Boolean);
  return parts.length ? `${parts.join(" and ")} (left out)` : "";
}

/**
 * A row's status as the budget table says it. Over the budget at base, by how much, and, where the
 * low case stays within it, that too: the range straddles the budget, so "over" is the base's
 * verdict, not a certainty. Over only because the approved spend exceeds the budget (the base
 * within it), the overrun is the approved spend's, never a negative "over by". Within it (or at
 * risk) while some of the unit's use cases in the year are not costed or lack a figure, it is
 * within it for what is costed, and says what is left out: never a plain "Within budget" over a
 * projection that leaves spend out. With nothing costed, it is not judged, and says how many.
 */
export function budgetStatusText(row: Pick<BudgetRow, "status" | "budgetCents" | "projected" | "approvedCents"> & LeftOut, dollars: (cents: number) => string): string {
  const { budgetCents: budget, projected } = row;
  const leftOut = leftOutText(row);
  if (row.status === "not-costed" && row.notCosted) {
    return `Not judged: ${row.notCosted === 1 ? "its 1 use case in the year is" : `its ${row.notCosted} use cases in the year are`} not costed`;
  }
  if (leftOut && row.status === "within") return `Within budget for what is costed; ${leftOut}`;
  if (leftOut && row.status === "at-risk") return `Within budget for what is costed, over it in the high case; ${leftOut}`;
  if (row.status !== "over" || budget === null) return BUDGET_STATUS_LABELS[row.status];
  if (projected && projected.base > budget) {
    // Under half a dollar over read "Over budget by $0".
    const by = dollars(projected.base - budget) === dollars(0) ? "under $1" : dollars(projected.base - budget);
    return `Over budget by ${by}${projected.low <= budget ? " at base; within it in the low case" : ""}`;
  }
  return row.approvedCents !== null && row.approvedCents > budget ? `Over budget: approved spend exceeds it by ${dollars(row.approvedCents - budget)}` : BUDGET_STATUS_LABELS.over;
}

/**
 * A row's approved spend as the budget panel says it: "$120,000.00"; "$120,000.00 + 1 approved with
 * no figure"; "2 approved with no figure"; or "no approvals yet". A budget approved with no figure
 * is never $0 and never "no approvals".
 */
export function approvedText(row: Pick<BudgetRow, "approvedCents" | "approvedWithoutFigure">, dollars: (cents: number) => string): string {
  const unfigured = row.approvedWithoutFigure > 0 ? `${row.approvedWithoutFigure} approved with no figure` : "";
  if (row.approvedCents === null) return unfigured || "no approvals yet";
  return unfigured ? `${dollars(row.approvedCents)} + ${unfigured}` : dollars(row.approvedCents);
}

/** Whether any row shows an approval (a figure or one approved with no figure): the summary says "no approvals yet" only when none does. */
export function anyApproval(rows: readonly Pick<BudgetRow, "approvedCents" | "approvedWithoutFigure">[]): boolean {
  return rows.some((r) => r.approvedCents !== null || r.approvedWithoutFigure > 0);
}

/**
 * What the panel says under its summary of the budgets approved with no figure, or "" when none:
 * "Approved spend leaves out 1 budget finance approved with no figure yet, as its first year is not
 * fully costed."
 */
export function unfiguredApprovalsSentence(rows: readonly Pick<BudgetRow, "approvedWithoutFigure">[]): string {
  const n = rows.reduce((a, r) => a + r.approvedWithoutFigure, 0);
  if (n === 0) return "";
  return n === 1
    ? "Approved spend leaves out 1 budget finance approved with no figure yet, as its first year is not fully costed."
    : `Approved spend leaves out ${n} budgets finance approved with no figure yet, as their first year is not fully costed.`;
}

/**
 * What the panel says under its summary of the use cases the projections leave out, or "" when
 * none: "Projected spend leaves out 1 use case in the year that is not costed (not assessed, or an
 * approach the cost model does not price with no manual estimate) and the missing figures of 2
 * more use cases; a unit with any of them is judged only on what is costed."
 */
export function leftOutSentence(rows: readonly LeftOut[]): string {
  const notCosted = rows.reduce((a, r) => a + (r.notCosted ?? 0), 0);
  const incomplete = rows.reduce((a, r) => a + (r.incomplete ?? 0), 0);
  if (notCosted === 0 && incomplete === 0) return "";
  const uncosted = notCosted
    ? `${notCosted === 1 ? "1 use case in the year that is" : `${notCosted} use cases in the year that are`} not costed (not assessed, nothing recommended or decided, or an approach the cost model does not price with no manual estimate)`
    : "";
  const missing = incomplete ? `the missing figures of ${incomplete} ${notCosted ? "more " : ""}${incomplete === 1 ? "use case" : "use cases"}` : "";
  return `Projected spend leaves out ${[uncosted, missing].filter(Boolean).join(" and ")}; a unit with any of them is judged only on what is costed.`;
}

/**
 * "$1,250,000.00" → 125000000, "1.25M" → 125000000; null for anything else (readDollars in
 * ../money.ts says why, for a form to show).
 */
export function parseDollarsToCents(text: string): number | null {
  const r = readDollars(text);
  return r && r.ok ? r.cents : null;
}

/**
 * The year a budget view shows: `?budgetYear=2027` when it is a plausible year; else the current
 * calendar year when it has budgets, else the next year that has, else the latest that has, else
 * the current year (so a portfolio whose budgets start next year opens on them).
 */
export function parseBudgetYear(raw: string | string[] | undefined, now: Date, budgeted: readonly number[] = []): number {
  const asked = askedBudgetYear(raw);
  if (asked !== null) return asked;
  const current = now.getUTCFullYear();
  if (budgeted.length === 0 || budgeted.includes(current)) return current;
  const later = budgeted.filter((y) => y > current);
  return later.length ? Math.min(...later) : Math.max(...budgeted);
}

/** The year `?budgetYear=` asks for, when it is a plausible one; else null (the page chooses). */
export function askedBudgetYear(raw: string | string[] | undefined): number | null {
  const v = Array.isArray(raw) ? raw[0] : raw;
  const n = v !== undefined && /^\d{4}$/.test(v) ? Number(v) : Number.NaN;
  return n >= MIN_BUDGET_YEAR && n <= MAX_BUDGET_YEAR ? n : null;
}

/**
 * Why the budget panel shows a year other than this one when nobody asked for it, in a sentence;
 * null when it shows this year or the year asked for. Beside the headline's spend "in 2026", a panel
 * that opened on 2027's budgets without saying why read as the same year's figures.
 */
export function budgetYearReason(shown: number, thisYear: number, asked: number | null): string | null {
  if (asked !== null || shown === thisYear) return null;
  return shown > thisYear
    ? `Showing ${shown}: no budget is set for ${thisYear} (this year), and ${shown} is the next year with one.`
    : `Showing ${shown}: no budget is set for ${thisYear} (this year) or later, and ${shown} is the latest year with one.`;
}

/** The years to offer: the portfolio's, those with a budget, and the one shown, in order. */
export function budgetYearChoices(portfolioYears: readonly number[], withBudgets: readonly number[], shown: number): number[] {
  return [...new Set([...portfolioYears, ...withBudgets, shown])].sort((a, b) => a - b);
}
