/** Number formats for the portfolio. Money is written by lib/domain/money.ts, which states the one rule. */
import { upToDays } from "../costing/retraining";
import { dollars } from "../money";
import { SCENARIO_LABELS, SCENARIOS, type Saving, type ScenarioName, type ProvisionalSpend, type ScenarioSummary, type UndatedYear, type LateStartYear } from "./types";
import { CAPABILITY_RULES, type Capability } from "../frameworks/capabilities";

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function count(n: number): string {
  return whole.format(n);
}

/** 12.5 → "12.5"; 3 → "3" */
export function oneDecimal(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** A number of weeks to one decimal: "0.7 weeks", "1 week", "12 weeks". */
export function weeks(n: number): string {
  const text = oneDecimal(n);
  return `${text} ${text === "1" ? "week" : "weeks"}`;
}

/**
 * A base figure with its low–high beside it, "40 (20–60)"; where low and high are written the
 * same there is no range to show, so the figure stands alone: "0", never "0 (0–0)".
 */
export function withRange(r: { low: number; base: number; high: number }, format: (n: number) => string): string {
  const low = format(r.low), high = format(r.high);
  return low === high ? format(r.base) : `${format(r.base)} (${low}–${high})`;
}

/**
 * The size of a percentage difference, to one decimal: "12.5%", "3%", and "under 0.1%" for a
 * real difference that would round to 0 (a $10k saving on a lifecycle of tens of millions);
 * callers say "same" where there is no difference at all.
 */
export function percentSize(p: number): string {
  return Math.abs(p) < 0.05 ? "under 0.1%" : `${oneDecimal(Math.abs(p))}%`;
}

/**
 * A label as it reads inside a sentence: its first letter lowered, the rest as written, so
 * "Budget and ML engineers for ongoing retraining" reads "budget and ML engineers…", never
 * "ml engineers"; a label that starts with an acronym ("EU AI Act risk tier") is left alone.
 */
export function inSentence(label: string): string {
  return /^[A-Z][A-Z]/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/**
 * Under the headline's year figure, what part of it stands on use cases with no planned start
 * date, which the projection counts from the year each was logged: "Of it, $462,681 is from 3 use
 * cases with no planned start date, counted in the year they were logged: a full first year
 * each." Null when none of the year's figure comes from such a use case.
 */
export function undatedText(u: UndatedYear | undefined): string | null {
  if (!u || u.useCases === 0) return null;
  const one = u.useCases === 1;
  const logged = one ? "it was logged" : "they were logged";
  const placed =
    u.firstYear === u.useCases
      ? `counted in the year ${logged}: ${one ? "its full first year" : "a full first year each"}`
      : `${one ? "its lifecycle" : "their lifecycles"} counted from the year ${logged}`;
  return `Of it, ${dollars(u.base)} is from ${plural(u.useCases, "use case")} with no planned start date, ${placed}.`;
}

/**
 * Under the headline's year figure, the part of it that is the first year of use cases starting in
 * the second half of that year, each counted whole in the year it starts (a reviewer found nearly
 * half of "$2.53M in 2026, this year" was full first years of use cases starting in October or
 * later): "Of it, $747,730 is the first year of 3 use cases that start in July or later, counted
 * in full in their start year though half or more of each one's months fall in the next." (A July start has
 * six of its twelve in the next year: "most" was not so.) Null when there is none.
 */
export function lateStartText(l: LateStartYear | undefined, afterUndated = false): string | null {
  if (!l || l.useCases === 0) return null;
  const one = l.useCases === 1;
  // After the undated ones' sentence ("Of it, …"), a second "Of it" read as a list of parts.
  return `${afterUndated ? "And" : "Of it,"} ${dollars(l.base)} is the first year of ${plural(l.useCases, "use case")} that ${one ? "starts" : "start"} in July or later, counted in full in ${one ? "its" : "their"} start year though half or more of ${one ? "its" : "each one's"} months fall in the next.`;
}

/**
 * A part of a whole in whole percent, never rounded to a share it is not: "under 1%" for a real
 * part that would read 0%, "over 99%" for one short of the whole that would read 100%.
 */
export function partPercent(part: number, whole: number): string {
  if (part >= whole) return "100%";
  const p = (part / whole) * 100;
  return p < 1 ? "under 1%" : p > 99 ? "over 99%" : `${Math.round(p)}%`;
}

/**
 * Under the headline's figures, how much of them rests on use cases whose recommendation is
 * provisional: "Of the lifecycle total, $24,528,000 (67%) is from 1 use case whose recommendation
 * is provisional (too few answers to be sure), and $1,200,000 of the 2026 figure", to be followed
 * by a link to check their answers (`check`). The year's part is said only for the year the
 * headline shows, when it has one. Null when none of the lifecycle total rests on them.
 */
export function provisionalText(
  p: ProvisionalSpend | undefined,
  lifecycleTotal: number,
  calendarYear?: number,
): { text: string; check: string } | null {
  if (!p || p.useCases === 0 || p.base <= 0 || lifecycleTotal <= 0) return null;
  const one = p.useCases === 1;
  const ofYear = calendarYear === undefined ? undefined : p.years.find((y) => y.calendarYear === calendarYear);
  const year = ofYear && ofYear.base > 0 ? `, and ${dollars(ofYear.base)} of the ${calendarYear} figure` : "";
  return {
    text:
      `Of the lifecycle total, ${dollars(p.base)} (${partPercent(p.base, lifecycleTotal)}) is from ${plural(p.useCases, "use case")} ` +
      `whose ${one ? "recommendation is" : "recommendations are"} provisional (too few answers to be sure)${year}`,
    check: one ? "check its answers" : "check their answers",
  };
}

/**
 * Axis ticks in cents from $0 to at least `maxCents`, at a round number of dollars (1, 2, 2.5 or
 * 5 times a power of ten), about `count` of them: $0, $250M, $500M… rather than $950M steps.
 */
export function niceTicks(maxCents: number, count = 5): number[] {
  if (!(maxCents > 0)) return [0];
  const rough = maxCents / 100 / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough) ?? 10) * power * 100;
  const ticks: number[] = [];
  for (let t = 0; t < maxCents + step; t += step) {
    ticks.push(Math.round(t));
    if (t >= maxCents) break;
  }
  return ticks;
}

/**
 * A saving as the scenarios table writes it: "saves $1,200 (12.5%)", "costs …", "same". A
 * lower cost from a scenario that puts use cases on an approach that cannot meet their lag is
 * "not a saving†": cheaper on paper, it does not do the job. "*" marks a difference that is
 * partly coverage: some use case is costed, or has every figure, in one of the two only (the same
 * use cases left out of both are no caveat: sharedCoverageNotes says so).
 */
export function savingText(s: Pick<Saving, "cents" | "percent" | "comparable" | "infeasible"> | undefined): string {
  if (!s) return "—";
  if (s.infeasible > 0 && s.cents > 0) return "not a saving†";
  // Under half a dollar either way it would read "saves $0": the same, to the dollar shown.
  if (Math.round(s.cents / 100) === 0) return "same";
  const verb = s.cents > 0 ? "saves" : "costs";
  return `${verb} ${dollars(Math.abs(s.cents))}${s.percent === null ? "" : ` (${percentSize(s.percent)})`}${s.comparable ? "" : "*"}`;
}

/** The scenarios the table compares every other one against (its two saving columns). */
export const COMPARED_AGAINST: readonly ScenarioName[] = ["chosen", "recommended"];

/**
 * Under a saving marked "*": how many use cases the two scenarios do not cover alike (costed in one
 * only, or lacking a figure in one only), "coverage differs on 3 use cases"; null when none does or
 * the figure carries no "*".
 */
export function differingText(s: Pick<Saving, "cents" | "percent" | "comparable" | "infeasible" | "differing"> | undefined): string | null {
  if (!s || s.differing === 0 || !savingText(s).endsWith("*")) return null;
  return `coverage differs on ${plural(s.differing, "use case")}`;
}

/**
 * Under the scenarios table: for the scenarios like for like with as chosen or as recommended
 * (no use case's status differs between any two of them, so they leave out exactly the same use
 * cases), what they all leave out, when they leave anything out: "As chosen and as recommended
 * both leave out the same 2 use cases (not costed), so the difference is all cost." Like for like
 * is the same status on every use case, so the scenarios alike with one form a group: one
 * sentence per group of two or more.
 */
export function sharedCoverageNotes(summaries: readonly ScenarioSummary[], savings: readonly Saving[]): string[] {
  const groups: ScenarioName[][] = [];
  for (const anchor of COMPARED_AGAINST) {
    if (groups.some((g) => g.includes(anchor))) continue;
    const alike = SCENARIOS.filter((x) => x === anchor || savings.some((s) => s.scenario === x && s.against === anchor && s.comparable));
    if (alike.length > 1) groups.push(alike);
  }
  return groups.flatMap((group) => {
    const s = summaries.find((x) => x.scenario === group[0]);
    if (!s || (s.notCosted === 0 && s.incomplete === 0)) return [];
    const names = group.map((x, i) => (i === 0 ? SCENARIO_LABELS[x] : inSentence(SCENARIO_LABELS[x])));
    const who = `${names.slice(0, -1).join(", ")} and ${names.at(-1)} ${group.length === 2 ? "both" : "all"}`;
    const left = [
      s.notCosted ? `leave out the same ${plural(s.notCosted, "use case")} (not costed)` : null,
      s.incomplete ? `lack figures for the same ${s.notCosted ? count(s.incomplete) : plural(s.incomplete, "use case")}` : null,
    ].filter(Boolean);
    const difference = group.length === 2 ? "the difference" : "the difference between any two of them";
    // A figure missing in both is no coverage gap, but it is missing: said, so "all cost" is not read as every cost counted.
    const missing = s.incomplete ? ` (the missing figures are left out of ${group.length === 2 ? "both totals" : "every total"})` : "";
    return [`${who} ${left.join(" and ")}, so ${difference} is all cost, not coverage${missing}.`];
  });
}

/**
 * How far a use case's approach, as chosen, is from its acceptable lag: "a change waits up to 40
 * days, against a 1-day lag". An approach that is never brought up to date is prompting alone on
 * knowledge it never sees (costing/project.ts, reachesKnowledge); a use case that gives no lag is
 * listed only for that, so it is said as such, not against a lag it never gave. One whose approach
 * lacks a capability it needs says that instead (no wait would make it serve).
 */
export function lagWait(worstDelayDays: number | null, maxLagDays: number | null, lacksCapability?: Capability | null): string {
  const lacking = lacksCapability ? CAPABILITY_RULES[lacksCapability] : undefined;
  // Where it is listed for keeping its answers current, that is the reason said first: a review read
  // "cannot keep them current … cannot cite the sources" of a fine-tuned model never retrained
  // against a 14-day lag. A capability it lacks is said where the wait is within the lag.
  const outOfDate = maxLagDays !== null && (worstDelayDays === null || worstDelayDays > maxLagDays);
  if (lacking && !outOfDate) return lacking.cannot;
  if (maxLagDays === null) return worstDelayDays === null ? "never sees the use case's own knowledge" : `a change waits up to ${plural(upToDays(worstDelayDays), "day")}`;
  const lag = `a ${count(maxLagDays)}-day lag`;
  return worstDelayDays === null ? `never brought up to date, against ${lag}` : `a change waits up to ${plural(upToDays(worstDelayDays), "day")}, against ${lag}`;
}

/**
 * How many use cases an average is over, said beside it: "over every one of the 14 use cases",
 * "over both use cases", "over the one use case", "over 12 of 14 use cases; 2 not costed", and
 * with no figure at all "all 3 use cases are not costed", "both use cases are not costed", "the
 * one use case is not costed" (never "all 2", nor "over all 14", which reads as "overall").
 * `without` names why the rest have no figure. An unknown is left out of an average, never
 * counted as 0.
 */
export function averageOver(over: number, of: number, without: string): string {
  const rest = of - over;
  const them = of === 1 ? "the one use case" : of === 2 ? "both use cases" : null;
  if (over === 0) return them ? `${them} ${of === 1 ? "is" : "are"} ${without}` : `all ${plural(of, "use case")} are ${without}`;
  if (rest === 0) return them ? `over ${them}` : `over every one of the ${plural(of, "use case")}`;
  return `over ${count(over)} of ${plural(of, "use case")}; ${count(rest)} ${without}`;
}

/**
 * Whole percentages of a total that add up to 100 (largest remainder): rounding each share on its
 * own gives three equal thirds as 33% + 33% + 33% and 12.5% + 87.5% as 13% + 88% = 101%. Each
 * share is its exact value rounded down, and the points left go to the largest remainders (ties
 * to the earlier part). All zeros when the total is 0.
 */
export function wholeShares(parts: readonly number[]): number[] {
  const total = parts.reduce((s, p) => s + p, 0);
  if (!(total > 0)) return parts.map(() => 0);
  const exact = parts.map((p) => (p / total) * 100);
  const out = exact.map((e) => Math.floor(e));
  let left = 100 - out.reduce((s, p) => s + p, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  return out;
}
