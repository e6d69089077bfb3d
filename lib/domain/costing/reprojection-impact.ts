/**
 * What re-pricing the portfolio did, said after finance saves new assumptions: the portfolio's
 * lifecycle total as chosen (each use case under its decision, else its recommendation, as the
 * portfolio counts it) before and after, how many use cases' lifecycle cost moved, and the few
 * that moved most.
 *
 * Pure: given each live use case's stored as-chosen lifecycle (base, cents; null when it is not
 * costed) as read just before and just after its re-projection.
 */
import { compareText } from "../title-order";

export interface RepricedUseCase {
  id: string;
  title: string;
  /** As-chosen lifecycle base in cents before and after; null: not costed (left out of the total, never $0). */
  before: number | null;
  after: number | null;
}

export interface ReprojectionImpact {
  /** Live use cases re-priced. */
  useCases: number;
  /** The as-chosen lifecycle totals (base, cents) and how many use cases each covers. */
  total: { before: number; after: number; costedBefore: number; costedAfter: number };
  /** Use cases whose as-chosen lifecycle moved (its amount, or whether it is costed at all). */
  moved: number;
  /** The ones that moved most, largest move first (at most MOST_MOVED). */
  most: RepricedUseCase[];
}

export const MOST_MOVED = 3;

export function reprojectionImpact(cases: readonly RepricedUseCase[]): ReprojectionImpact {
  const total = { before: 0, after: 0, costedBefore: 0, costedAfter: 0 };
  const moved: RepricedUseCase[] = [];
  for (const uc of cases) {
    if (uc.before !== null) {
      total.before += uc.before;
      total.costedBefore++;
    }
    if (uc.after !== null) {
      total.after += uc.after;
      total.costedAfter++;
    }
    if (uc.before !== uc.after) moved.push(uc);
  }
  const size = (uc: RepricedUseCase) => Math.abs((uc.after ?? 0) - (uc.before ?? 0));
  // Largest move first; equal moves in the order the rest of the app lists titles, then by id.
  moved.sort((x, y) => size(y) - size(x) || compareText(x.title, y.title) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return { useCases: cases.length, total, moved: moved.length, most: moved.slice(0, MOST_MOVED).map((uc) => ({ ...uc })) };
}

const n = (x: number, one: string, many = `${one}s`) => `${x.toLocaleString("en-US")} ${x === 1 ? one : many}`;

/** A change with its sign: "+$2,200,000", "−$300", "no change" (`money` formats cents, e.g. dollars). */
export function signedChange(cents: number, money: (cents: number) => string): string {
  const text = money(cents);
  if (text === money(0)) return "no change";
  return cents > 0 ? `+${text}` : text;
}

/** The impact in words for the success message; `money` formats cents (whole dollars in the app). */
export function reprojectionSentences(impact: ReprojectionImpact, money: (cents: number) => string): { total: string; moved: string } {
  const t = impact.total;
  if (impact.useCases === 0) return { total: "There are no use cases yet: nothing moved.", moved: "" };
  const costed = t.costedBefore === t.costedAfter ? `${n(t.costedAfter, "use case")} costed` : `${n(t.costedBefore, "use case")} costed before, ${t.costedAfter.toLocaleString("en-US")} now`;
  if (impact.moved === 0) {
    return {
      total: `Nothing moved: the lifecycle total as chosen stays at ${money(t.after)} (${costed}).`,
      moved: `No use case's lifecycle cost changed among the ${n(impact.useCases, "use case")}.`,
    };
  }
  const total =
    t.before === t.after && t.costedBefore === t.costedAfter
      ? `The lifecycle total as chosen stays at ${money(t.after)} (${costed}).`
      : `The lifecycle total as chosen moved from ${money(t.before)} to ${money(t.after)} (${signedChange(t.after - t.before, money)}; ${costed}).`;
  const of = `${impact.moved.toLocaleString("en-US")} of ${n(impact.useCases, "use case")} ${impact.moved === 1 ? "has" : "have"} a new lifecycle cost`;
  const moved = impact.most.length < impact.moved ? `${of}; the ${impact.most.length} that moved most:` : `${of}:`;
  return { total, moved };
}

/** One use case's move: "$1,000 → $1,500 (+$500)"; "not costed" on a side without a figure. */
export function moveText(uc: Pick<RepricedUseCase, "before" | "after">, money: (cents: number) => string): string {
  const side = (c: number | null) => (c === null ? "not costed" : money(c));
  const change = uc.before !== null && uc.after !== null ? ` (${signedChange(uc.after - uc.before, money)})` : "";
  return `${side(uc.before)} → ${side(uc.after)}${change}`;
}
