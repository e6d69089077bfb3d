/**
 * Variance: a use case's actual spend this year against its projection for the approach as
 * chosen (the decision, else the recommendation), month by month and by category, with a plain
 * sentence, and the early-warning flags (issue 21, items 3 and 4).
 *
 * Like for like: a bill measures what is metered (inference, hosting and training compute,
 * retrieval infrastructure, and manual estimates), not the engineering time or the retraining
 * cycles (mostly people's time, ./fields.ts) a projection also counts, so actuals are compared with
 * the projection of those categories (METERED_CATEGORIES).
 * The year so far is the months up to the latest month any actuals were imported for that has
 * closed (a month with no file yet is not a month of zero spend; one not over yet is not compared:
 * lib/server/actuals/period.ts, actualsPeriod). A month is projected at a twelfth of the year's
 * figure (in whole cents), the months the use case runs that year: all twelve, or, in the year its
 * planned start falls in, those from its start month. Its first year of costs (a full year of
 * calls, lib/domain/costing/drivers/context.ts) is the figure of that calendar year, so a use case
 * starting in September is projected at nothing from January to August and a twelfth of its first
 * year a month from September: four twelfths of it that calendar year. (Spreading the whole first
 * year over September to December projected three times its monthly rate.)
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { dollars, exactDollars } from "../money";
import { ACTUAL_CATEGORIES, ESTIMATE_NOT_COMPARED, PROJECTION_CATEGORY, type ActualCategory } from "./fields";

export const METERED_CATEGORIES = Object.keys(PROJECTION_CATEGORY);
/**
 * The projection's categories of people's time, which the approved budget counts and no bill shows
 * (./fields.ts, UNMETERED_WORDS). Not an owner's yearly estimate: that is the approach's whole cost,
 * what its bills measure included, so adding it to them would count those twice.
 */
export const UNMETERED_CATEGORIES = ["BUILD_ENGINEERING", "DATA_CURATION", "RETRAINING", "MAINTENANCE", "EVALUATION", "EVALUATION_SET"];
export const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export interface Range {
  low: number;
  base: number;
  high: number;
}

export interface ProjectionLine {
  category: string;
  low: number | null;
  base: number | null;
  high: number | null;
}

export interface VarianceInput {
  year: number;
  /** 1–12: the year so far runs to the end of this month. */
  throughMonth: number;
  /** The projection's lines for this calendar year, for the approach as chosen (any categories; the metered ones are used). */
  projection: readonly ProjectionLine[];
  /** Actual spend this year: month 1–12, category, cents. */
  actual: readonly { month: number; category: ActualCategory; cents: number }[];
  /** The yearly budget finance approved (cents; the decision workflow's), or null when none is approved. */
  approvedBudget: number | null;
  /** The part of `approvedBudget` that is the one-off build, counted in the year the use case starts only (cents); 0 or absent: none. */
  approvedBuild?: number;
  /** 1–12: the first month the projection covers this year (its start month in the year it starts); 1 when absent. */
  fromMonth?: number;
  /** The approach as chosen is priced from its owner's yearly estimate (an agent, a structured pipeline, feedback learning): nothing metered is projected, and the sentence says why. */
  estimated?: boolean;
  /**
   * The base of this calendar year's projection that no bill shows (UNMETERED_CATEGORIES: people's
   * time, cents; 0 or absent: none). The approved budget counts it, so the run rate's year end adds
   * it to the bills before comparing: bills alone passing a budget mostly of people's time warned
   * only once they ran several times their projection.
   */
  unmetered?: number;
}

export type Position = "below" | "under-base" | "on-base" | "over-base" | "above";
export type WarningFlag = "outside-range" | "over-budget";
export const WARNING_LABELS: Record<WarningFlag, string> = {
  "outside-range": "Actual spend outside the projected range",
  "over-budget": "On course to pass its approved budget this year",
};

export interface Variance {
  year: number;
  throughMonth: number;
  /** The first month of the year the projection is spread from (1 but in the year the use case starts). */
  fromMonth: number;
  /** Everything billed this year so far (the months to throughMonth). */
  actual: number;
  /**
   * The part of `actual` billed before the use case's planned start month, in the year it starts:
   * nothing is projected for those months, so it is set against nothing (0 otherwise). The
   * position, the percentage and the flags compare `actual − beforeStart` with `projected`.
   */
  beforeStart: number;
  /** Year so far, metered categories; null when nothing of them is projected for the year. */
  projected: Range | null;
  /** The calendar year's metered projection whole (the first year's, in the year the use case starts); null as `projected`. */
  yearly: Range | null;
  /** (actual − base) / base, as a percentage; null without a base. */
  pctVsBase: number | null;
  position: Position | null;
  byCategory: { category: ActualCategory; actual: number; projected: Range | null }[];
  monthly: { month: number; actual: number; projected: Range | null }[];
  /**
   * yearEnd: the bills at the run rate to December; unmetered: the year's people's time the
   * projection counts (input.unmetered); passesBudget: the two together past the budget;
   * passingMonth: the month the bills pass what the budget leaves beside that people's time (null
   * when they have already passed it but not the budget itself: the year's people's time takes it over).
   */
  runRate: { yearEnd: number; unmetered: number; budget: number | null; passesBudget: boolean; passingMonth: number | null };
  flags: WarningFlag[];
  sentence: string;
}

const zero = (): Range => ({ low: 0, base: 0, high: 0 });

/** The ranges added up, scenario by scenario. */
function sumRanges(ranges: Iterable<Range>): Range {
  const sum = zero();
  for (const r of ranges) {
    sum.low += r.low;
    sum.base += r.base;
    sum.high += r.high;
  }
  return sum;
}

/** A month number held to 1–12. */
const monthOf = (m: number | undefined) => Math.min(12, Math.max(1, Math.trunc(m ?? 1)));

/**
 * A yearly figure split into whole-cent months: what apportion(yearly, twelve equal weights) gives
 * (each month the floor of a twelfth, the cents left one each to the earliest months, as equal
 * remainders tie to the earlier part), with the months before `fromMonth` at nothing (the use case
 * had not started). From a later month they add up to less than the year: the rest of its first
 * year falls in the next calendar year. Worked out without BigInt: the portfolio runs it for every
 * use case with actuals (10,000 at the bench).
 */
export function monthlyShares(yearly: number, fromMonth = 1): number[] {
  const from = monthOf(fromMonth);
  const q = Math.floor(yearly / 12);
  const r = yearly - q * 12;
  return Array.from({ length: 12 }, (_, i) => (i + 1 < from ? 0 : i < r ? q + 1 : q));
}

/** Where actual stands against a range. */
export function positionOf(actual: number, r: Range): Position {
  if (actual < r.low) return "below";
  if (actual > r.high) return "above";
  if (actual === r.base) return "on-base";
  return actual > r.base ? "over-base" : "under-base";
}

/** How far outside its range, relative to the nearer bound (0 inside): for ranking. */
export function distanceOutside(actual: number, r: Range): number {
  if (actual > r.high) return r.high > 0 ? (actual - r.high) / r.high : Number.POSITIVE_INFINITY;
  if (actual < r.low) return r.low > 0 ? (r.low - actual) / r.low : 0;
  return 0;
}

export function pct(actual: number, base: number): number | null {
  return base > 0 ? Math.round(((actual - base) / base) * 100) : null;
}

/**
 * The portfolio's "Against base" cell: "+8%", "−67%", "on base", "—" with no base; within half a
 * percent but not on it, "within 1%" (not "−<1%", which read oddly in a sentence), never "on base"
 * for an actual that is not.
 */
export function againstBaseText(actual: number, base: number): string {
  const p = pct(actual, base);
  if (p === null) return "—";
  if (p === 0) return actual === base ? "on base" : "within 1%";
  return `${p > 0 ? "+" : "−"}${Math.abs(p)}%`;
}

function monthsText(through: number): string {
  return through === 1 ? "January" : `January to ${MONTH_NAMES[through - 1]}`;
}

/** Why bills are not compared where a metered line of the year's projection has no figure. */
export const LACKING_FIGURE = "the projection of its metered costs lacks a figure for this year (its cost panel says which), so it is not compared with one";

export function varianceSentence(v: Pick<Variance, "actual" | "projected" | "throughMonth" | "pctVsBase" | "position"> & { fromMonth?: number; beforeStart?: number; estimated?: boolean }): string {
  let spent = `Spent ${dollars(v.actual)} so far this year (${monthsText(v.throughMonth)})`;
  if (!v.projected || v.position === null) {
    return v.estimated ? `${spent}; ${ESTIMATE_NOT_COMPARED}.` : `${spent}; there is no projection of metered costs for these months to compare it with.`;
  }
  const from = monthOf(v.fromMonth);
  // Before its planned start nothing is projected: spend then is said as such, not as "no base projection".
  if (v.throughMonth < from) {
    return v.actual === 0
      ? `${spent}; its planned start is in ${MONTH_NAMES[from - 1]}, so nothing was projected for these months.`
      : `${spent}, before its planned start in ${MONTH_NAMES[from - 1]}: nothing was projected for these months.`;
  }
  const p = v.pctVsBase;
  const base = v.projected.base;
  // Spend billed before the start month is set against nothing; what is compared is the rest.
  const before = v.beforeStart ?? 0;
  const compared = v.actual - before;
  // The two parts said so that they add up to the total said (each rounded alone, $501 and $501 read as parts of $1,001).
  if (before !== 0) spent += `: ${dollars(before)} of it before its planned start in ${MONTH_NAMES[from - 1]}, set against nothing, and the ${dollars(Math.round(v.actual / 100) * 100 - Math.round(before / 100) * 100)} since`;
  // A difference that rounds to 0% is still a difference: "on the base projection" only when it is one.
  const vsBase =
    p === null ? "where nothing was projected for these months"
      : compared === base ? "on the base projection"
        : p === 0 ? `less than 1% ${compared > base ? "over" : "under"} the base projection`
          : `${Math.abs(p)}% ${p > 0 ? "over" : "under"} the base projection`;
  switch (v.position) {
    case "above":
      return `${spent}, ${vsBase}, above the high case (${dollars(v.projected.high)}).`;
    case "below":
      return `${spent}, ${vsBase}, below the low case (${dollars(v.projected.low)}).`;
    case "over-base":
      return `${spent}, ${vsBase}, inside the high case.`;
    case "under-base":
      return `${spent}, ${vsBase}, inside the low case.`;
    default:
      return `${spent}, ${vsBase}.`;
  }
}

/**
 * What the base projection the sentence compares with is: "The base projection for January to
 * November is $8,016: eleven twelfths of the year's $8,745 of metered costs." In the year the use
 * case starts, from its start month, each month a twelfth of its first year. Null where the
 * sentence compares with nothing.
 */
export function projectedOverText(v: Pick<Variance, "projected" | "yearly" | "throughMonth" | "fromMonth">): string | null {
  if (!v.projected || !v.yearly) return null;
  const from = monthOf(v.fromMonth);
  const months = v.throughMonth - from + 1;
  if (months < 1) return null;
  const span = months === 1 ? MONTH_NAMES[from - 1] : `${MONTH_NAMES[from - 1]} to ${MONTH_NAMES[v.throughMonth - 1]}`;
  const twelfths = `${months === 12 ? "all twelve" : `${COUNT_WORDS[months]} twelfth${months === 1 ? "" : "s"}`}`;
  if (from === 1) return `The base projection for ${span} is ${dollars(v.projected.base)}: ${twelfths} of the year's ${dollars(v.yearly.base)} of metered costs.`;
  return `It started in ${MONTH_NAMES[from - 1]}: nothing is projected before then, and each month from then is a twelfth of its first year's ${dollars(v.yearly.base)} of metered costs (its first twelve months), so the base projection for ${span} is ${dollars(v.projected.base)}, ${twelfths} of that year.`;
}

const COUNT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

/** The first `through` months of monthlyShares(yearly, fromMonth), summed, without building them. */
export function sharesToDate(yearly: number, through: number, fromMonth = 1): number {
  const from = monthOf(fromMonth);
  const months = Math.max(0, through - from + 1);
  const q = Math.floor(yearly / 12);
  // The odd cents go to months 1 to r; of those, the ones from the start month to `through`.
  return q * months + Math.max(0, Math.min(yearly - q * 12 - from + 1, months));
}

/**
 * `detail: false` (the portfolio's path, for thousands of use cases at once): the same totals,
 * position, run rate, flags and sentence, without the months' and categories' breakdowns
 * (`monthly` and `byCategory` come back empty).
 */
export function computeVariance(input: VarianceInput, options: { detail?: boolean } = {}): Variance {
  const detail = options.detail !== false;
  const through = Math.min(12, Math.max(1, input.throughMonth));
  const from = monthOf(input.fromMonth);
  // Projection per actual category, for the year.
  const yearly = new Map<ActualCategory, Range>();
  let anyProjected = false;
  // A metered line with no figure (an unanswered volume, a missing price): what is projected is not
  // the year's metered cost, so nothing is compared with it (a review read "5892% over the base
  // projection" of a year whose inference line had no figure, against retrieval alone).
  const lacking = input.projection.some((l) => PROJECTION_CATEGORY[l.category] && l.base === null);
  for (const l of input.projection) {
    const cat = PROJECTION_CATEGORY[l.category];
    if (!cat || l.base === null || lacking) continue;
    anyProjected = true;
    const r = yearly.get(cat) ?? zero();
    r.low += l.low ?? l.base;
    r.base += l.base;
    r.high += l.high ?? l.base;
    yearly.set(cat, r);
  }
  // Each category's months (whole cents adding up to its year), and the year so far.
  const perMonth = new Map<ActualCategory, { low: number[]; base: number[]; high: number[] }>();
  const toDate = new Map<ActualCategory, Range>();
  for (const [c, r] of yearly) {
    if (!detail) {
      toDate.set(c, { low: sharesToDate(r.low, through, from), base: sharesToDate(r.base, through, from), high: sharesToDate(r.high, through, from) });
      continue;
    }
    const m = { low: monthlyShares(r.low, from), base: monthlyShares(r.base, from), high: monthlyShares(r.high, from) };
    perMonth.set(c, m);
    const s = zero();
    for (let i = 0; i < through; i++) {
      s.low += m.low[i]!;
      s.base += m.base[i]!;
      s.high += m.high[i]!;
    }
    toDate.set(c, s);
  }
  // Actual per month and per category, within the year so far.
  const actualMonth = new Array<number>(through).fill(0);
  const actualCategory = new Map<ActualCategory, number>();
  for (const a of input.actual) {
    if (a.month < 1 || a.month > through) continue;
    actualMonth[a.month - 1] = actualMonth[a.month - 1]! + a.cents;
    // By category, as compared: from the start month (the months before it are set against nothing).
    if (a.month >= from) actualCategory.set(a.category, (actualCategory.get(a.category) ?? 0) + a.cents);
  }

  const byCategory = !detail ? [] : ACTUAL_CATEGORIES.map((category) => ({ category, actual: actualCategory.get(category) ?? 0, projected: toDate.get(category) ?? null })).filter(
    (c) => c.actual !== 0 || c.projected !== null,
  );
  const monthly = !detail ? [] : actualMonth.map((actual, i) => {
    if (!anyProjected) return { month: i + 1, actual, projected: null };
    const p = zero();
    for (const m of perMonth.values()) {
      p.low += m.low[i]!;
      p.base += m.base[i]!;
      p.high += m.high[i]!;
    }
    return { month: i + 1, actual, projected: p };
  });
  const actual = actualMonth.reduce((n, c) => n + c, 0);
  // Billed before the planned start month: set against nothing (a review's September bill of a use
  // case starting in October was held against October and November's projection, 31% over base).
  const beforeStart = actualMonth.slice(0, from - 1).reduce((n, c) => n + c, 0);
  const compared = actual - beforeStart;
  const projected = anyProjected ? sumRanges(toDate.values()) : null;
  const yearTotal = anyProjected ? sumRanges(yearly.values()) : null;
  // Credits beyond the bills (a refund, a correction): no percentage of a projection is "133% under" it.
  const credits = compared < 0;
  const position = projected && !credits ? positionOf(compared, projected) : null;
  const pctVsBase = projected && !credits ? pct(compared, projected.base) : null;

  // Run rate: the last three months' average (fewer early in the year, and none before the use
  // case's start month, when it has not run yet) for each month left; never below zero, as a
  // month of credits does not foretell months of negative spend.
  const recent = actualMonth.slice(Math.max(through - 3, from - 1));
  const perMonthRate = recent.length ? Math.max(0, recent.reduce((n, c) => n + c, 0) / recent.length) : 0;
  const yearEnd = Math.round(actual + perMonthRate * (12 - through));
  const unmetered = Math.max(0, Math.round(input.unmetered ?? 0));
  const budget = input.approvedBudget;
  let passingMonth: number | null = null;
  if (budget !== null && budget >= 0) {
    // What the budget leaves the bills once the year's people's time is counted.
    const room = budget - unmetered;
    if (actual > budget) {
      let sum = 0;
      passingMonth = actualMonth.findIndex((c) => (sum += c) > budget) + 1;
    }
    else if (actual <= room && perMonthRate > 0) {
      const m = through + Math.floor((room - actual) / perMonthRate) + 1;
      passingMonth = m <= 12 ? m : null;
    }
  }
  const passesBudget = budget !== null && yearEnd + unmetered > budget;
  const flags: WarningFlag[] = [];
  if (projected && (position === "above" || position === "below")) flags.push("outside-range");
  if (passesBudget) flags.push("over-budget");

  const base = { year: input.year, throughMonth: through, fromMonth: from, actual, beforeStart, projected, pctVsBase, position };
  let sentence = lacking
    ? `Spent ${dollars(actual)} so far this year (${monthsText(through)}); ${LACKING_FIGURE}.`
    : credits && projected
      ? `Spent ${dollars(actual)} so far this year (${monthsText(through)}): its credits exceed its bills${beforeStart ? " since its planned start" : ""}, so it is not compared with the projection.`
      : varianceSentence({ ...base, estimated: input.estimated });
  if (passesBudget && budget !== null) {
    const build = input.approvedBuild ?? 0;
    // In the year it starts, the budget is the yearly run rate and the one-off build on top: say both, never "$X yearly budget" of a figure no later year is held to.
    const what = build > 0
      ? `${dollars(budget)} finance approved for ${input.year}, the ${dollars(build)} build and the ${dollars(budget - build)} yearly budget`
      : `${dollars(budget)} yearly budget finance approved`;
    const when = passingMonth ? ` (in ${MONTH_NAMES[passingMonth - 1]})` : "";
    sentence += unmetered > 0
      ? ` At this rate the year ends near ${dollars(Math.round(yearEnd / 100) * 100 + Math.round(unmetered / 100) * 100)}, past the ${what}${when}: ${dollars(yearEnd)} of bills and the ${dollars(unmetered)} of people's time its projection counts for ${input.year} (engineering, evaluation, retraining), which no bill shows.`
      : ` At this rate the year ends near ${dollars(yearEnd)}, past the ${what}${when}.`;
  }
  return { ...base, yearly: yearTotal, byCategory, monthly, runRate: { yearEnd, unmetered, budget, passesBudget, passingMonth }, flags, sentence };
}

/**
 * Statuses that say a use case is not running, whatever its planned start says: an idea, one still
 * being assessed, one retired. The unbilled (lib/server/actuals/portfolio.ts) leave them out.
 */
export const NOT_STARTED_STATUSES = ["IDEA", "ASSESSING", "RETIRED"] as const;
/** What "started" means in the unbilled sentences' list, said beside it. */
export const STARTED_DEFINITION =
  "Started: its planned start has passed and its status is Approved, Building, Live or Unknown; an Idea or one being assessed has not started, whatever its planned start says, and a Retired one is switched off. One priced from its owner's yearly estimate (an agent, a structured pipeline, feedback learning) has no metered projection for a bill to be missing against, so it is not counted here, billed or not.";

/**
 * What the portfolio's comparison leaves out, with the figure: the started use cases with a
 * projection for the months so far and no bill (lib/server/actuals/portfolio.ts, unbilled). Not counted
 * as $0 spent (their spend may be untagged, in the unattributed), and not left unsaid either.
 * `none`: no use case has spend, so there is no comparison to be left out of.
 */
export function unbilledText(u: { count: number; base: number }, none = false): string {
  const one = u.count === 1;
  return `${u.count.toLocaleString("en-US")} started use case${one ? "" : "s"} with a base projection of ${dollars(u.base)} so far ${one ? "has" : "have"} no bills yet (untagged, or not yet running)${none ? "" : `, and ${one ? "is" : "are"} left out of this comparison`}.`;
}

/**
 * The early warnings' gap: they are raised from bills, so a started use case with none can raise
 * none, however far its spend runs from its projection. Said beside the list, with the figure.
 */
export function earlyWarningGapText(u: { count: number; base: number }): string {
  const one = u.count === 1;
  return `Early warnings are raised from bills: ${u.count.toLocaleString("en-US")} started use case${one ? "" : "s"} with a base projection of ${dollars(u.base)} so far ${one ? "has" : "have"} no bills yet (untagged, or not yet running), so none can be raised on ${one ? "it" : "them"}.`;
}

/**
 * The bills of months not over yet (lib/server/actuals/period.ts, openMonths): kept, and shown with
 * the imports, but not compared until the month closes; a part of a month set against a whole
 * month's projection reads as under plan. "December 2026 is not over: its bills ($1,234.56) are
 * kept and shown with the imports, and compared once the month closes." `whose`: " of this use
 * case", say. Null with none.
 */
export function openMonthsText(open: readonly { month: string; cents: number }[], whose = ""): string | null {
  if (!open.length) return null;
  const label = (m: string) => `${MONTH_NAMES[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;
  const names = open.map((o) => label(o.month));
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  const one = open.length === 1;
  const cents = open.reduce((n, o) => n + o.cents, 0);
  return `${list} ${one ? "is" : "are"} not over: ${one ? "its" : "their"} bills${whose} (${exactDollars(cents)}) are kept and shown with the imports, and compared once ${one ? "the month closes" : "each month closes"}.`;
}
