/**
 * What re-pricing the portfolio did, said after finance saves new assumptions: the portfolio's
 * lifecycle total as chosen (each use case under its decision, else its recommendation, as the
 * portfolio counts it) before and after, how many use cases' lifecycle cost moved, and the few
 * that moved most.
 *
 * Pure: given each live use case's stored as-chosen lifecycle (base, cents; null when it is not
 * costed) as read just before and just after its re-projection.
 */
import { APPROACH_LABELS, type Approach } from "../assessment";
import { shownDollarCents } from "../money";
import { compareText } from "../title-order";
import type { Projection } from "./project";

export interface RepricedUseCase {
  id: string;
  title: string;
  /** As-chosen lifecycle base in cents before and after; null: not costed (left out of the total, never $0). */
  before: number | null;
  after: number | null;
  /**
   * Whether that lifecycle lacks a figure before and after (its total leaves a cost out: it is
   * not $0); absent: complete on both sides.
   */
  incomplete?: { before: boolean; after: boolean };
  /** The frameworks' recommendation before and after (the assumptions' lag and time to value weigh in); absent: not read. */
  recommended?: { before: Approach | null; after: Approach | null };
}

/** A use case whose recommendation the new figures change. */
export interface Rerecommended {
  id: string;
  title: string;
  before: Approach | null;
  after: Approach | null;
}

export interface ReprojectionImpact {
  /** Live use cases re-priced. */
  useCases: number;
  /** The as-chosen lifecycle totals (base, cents) and how many use cases each covers. */
  total: { before: number; after: number; costedBefore: number; costedAfter: number; incompleteBefore: number; incompleteAfter: number };
  /** Use cases costed before, after or both: those whose lifecycle cost can move. */
  costed: number;
  /** Use cases whose as-chosen lifecycle moved (its amount, or whether it is costed at all). */
  moved: number;
  /** The ones that moved most, largest move first (at most MOST_MOVED). */
  most: RepricedUseCase[];
  /** Use cases whose recommendation changed, and the first few of them in title order (at most MOST_MOVED). */
  rerecommended: number;
  rerecommendedFirst: Rerecommended[];
  /** Use cases whose recommendation was compared (read before and after). */
  compared: number;
}

export const MOST_MOVED = 3;

export function reprojectionImpact(cases: readonly RepricedUseCase[]): ReprojectionImpact {
  const total = { before: 0, after: 0, costedBefore: 0, costedAfter: 0, incompleteBefore: 0, incompleteAfter: 0 };
  const moved: RepricedUseCase[] = [];
  const rerecommended: Rerecommended[] = [];
  let costed = 0;
  let compared = 0;
  for (const uc of cases) {
    if (uc.before !== null || uc.after !== null) costed++;
    if (uc.recommended) compared++;
    if (uc.recommended && uc.recommended.before !== uc.recommended.after) rerecommended.push({ id: uc.id, title: uc.title, ...uc.recommended });
    if (uc.before !== null) {
      total.before += uc.before;
      total.costedBefore++;
      if (uc.incomplete?.before) total.incompleteBefore++;
    }
    if (uc.after !== null) {
      total.after += uc.after;
      total.costedAfter++;
      if (uc.incomplete?.after) total.incompleteAfter++;
    }
    if (uc.before !== uc.after || uc.incomplete?.before !== uc.incomplete?.after) moved.push(uc);
  }
  const size = (uc: RepricedUseCase) => Math.abs((uc.after ?? 0) - (uc.before ?? 0));
  // Largest move first; equal moves in the order the rest of the app lists titles, then by id.
  moved.sort((x, y) => size(y) - size(x) || compareText(x.title, y.title) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  rerecommended.sort((x, y) => compareText(x.title, y.title) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return {
    useCases: cases.length,
    total,
    costed,
    moved: moved.length,
    most: moved.slice(0, MOST_MOVED).map((uc) => ({ ...uc })),
    rerecommended: rerecommended.length,
    rerecommendedFirst: rerecommended.slice(0, MOST_MOVED),
    compared,
  };
}

const n = (x: number, one: string, many = `${one}s`) => `${x.toLocaleString("en-US")} ${x === 1 ? one : many}`;

/** A change with its sign: "+$2,200,000", "−$300", "no change" (`money` formats cents, e.g. dollars). */
export function signedChange(cents: number, money: (cents: number) => string): string {
  const text = money(cents);
  if (text === money(0)) return "no change";
  return cents > 0 ? `+${text}` : text;
}

/**
 * The change between two figures as a reader can check it against the two shown: the difference
 * of the whole dollars shown, not of the cents behind them ("$1,885,702 → $2,007,036" is
 * +$121,334, though the cents differ by $121,333.49).
 */
export function shownChange(before: number, after: number): number {
  return shownDollarCents(after) - shownDollarCents(before);
}

/**
 * "done": what a save did, said in its success message. "preview": what saving would do, said
 * before anything is saved.
 */
export type ImpactMood = "done" | "preview";

/** The impact in words for the success message (or the preview); `money` formats cents (whole dollars in the app). */
export function reprojectionSentences(impact: ReprojectionImpact, money: (cents: number) => string, mood: ImpactMood = "done"): { total: string; moved: string; rerecommended: string; missing: string } {
  const t = impact.total;
  const done = mood === "done";
  const rerecommended = rerecommendedText(impact, mood);
  const missing = missingText(impact, mood);
  if (impact.useCases === 0) return { total: `There are no use cases yet: nothing ${done ? "moved" : "would move"}.`, moved: "", rerecommended, missing };
  const costed = t.costedBefore === t.costedAfter
    ? `${n(t.costedAfter, "use case")} costed`
    : `${n(t.costedBefore, "use case")} costed ${done ? "before" : "now"}, ${t.costedAfter.toLocaleString("en-US")} ${done ? "now" : "after"}`;
  // Nothing moved: the total's sentence says so; a second one would only repeat it.
  if (impact.moved === 0) {
    return {
      total: done
        ? `Nothing moved: the lifecycle total as chosen stays at ${money(t.after)} (${costed}).`
        : `Nothing would move: the lifecycle total as chosen would stay at ${money(t.after)} (${costed}).`,
      moved: "",
      rerecommended,
      missing,
    };
  }
  const total =
    t.before === t.after && t.costedBefore === t.costedAfter
      ? `The lifecycle total as chosen ${done ? "stays" : "would stay"} at ${money(t.after)} (${costed}).`
      : `The lifecycle total as chosen ${done ? "moved" : "would move"} from ${money(t.before)} to ${money(t.after)} (${signedChange(shownChange(t.before, t.after), money)}; ${costed}).`;
  // Counted among the use cases that have a cost to move, not among every one.
  const verb = done ? (impact.moved === 1 ? "has" : "have") : "would have";
  const of =
    impact.moved !== impact.costed
      ? `${impact.moved.toLocaleString("en-US")} of the ${n(impact.costed, "use case")} costed ${verb} a new lifecycle cost`
      : impact.costed === 1
        ? `The one use case costed ${verb} a new lifecycle cost`
        : `All ${n(impact.costed, "use case")} costed ${verb} a new lifecycle cost`;
  const moved = impact.most.length < impact.moved ? `${of}; the ${impact.most.length} that ${done ? "moved" : "would move"} most:` : `${of}:`;
  return { total, moved, rerecommended, missing };
}

/**
 * The use cases whose lifecycle as chosen lacks a figure, where any does: their totals leave that
 * cost out, so a total that falls because a figure was blanked is no saving. A review blanked
 * "Retraining per significant change" and the preview said the total would fall by $2,760,000,
 * with nothing to say that seven use cases would then lack that cost.
 */
export function missingText(impact: Pick<ReprojectionImpact, "total">, mood: ImpactMood = "done"): string {
  const { incompleteBefore: was, incompleteAfter: will } = impact.total;
  if (was === 0 && will === 0) return "";
  const done = mood === "done";
  const leftOut = "their totals leave out the cost whose figure is missing (it is not $0)";
  if (was === will) return `${n(will, "use case")} costed ${will === 1 ? "lacks" : "lack"} a figure, as before: ${leftOut}.`;
  if (will === 0) return done ? `No use case costed lacks a figure now (${was.toLocaleString("en-US")} did before).` : `No use case costed would lack a figure (${was.toLocaleString("en-US")} ${was === 1 ? "does" : "do"} now).`;
  const side = done ? `${will.toLocaleString("en-US")} now, ${was.toLocaleString("en-US")} before` : `${was.toLocaleString("en-US")} now`;
  const head = done
    ? `${n(will, "use case")} costed ${will === 1 ? "lacks" : "lack"} a figure (${side})`
    : `${n(will, "use case")} costed would lack a figure (${side})`;
  const warn = will > was ? `, so part of any fall in the total above is cost no longer counted, not a saving` : "";
  return `${head}: ${leftOut}${warn}.`;
}

/**
 * The first line of a save's message: "Saved version 2; 30 use cases re-projected, 1 of them in
 * the trash and not counted below." Use cases in the trash are re-projected too (a restore brings
 * them back current) but counted in no total, so the figures below cover the rest.
 */
export function savedHeadline(version: number, reprojected: number, impact: Pick<ReprojectionImpact, "useCases">): string {
  const trashed = reprojected - impact.useCases;
  const inTrash = trashed <= 0 ? "" : `, ${trashed === 1 ? "1 of them" : `${trashed.toLocaleString("en-US")} of them`} in the trash and not counted below`;
  return `Saved version ${version}; ${n(reprojected, "use case")} re-projected${inTrash}.`;
}

const approachText = (a: Approach | null) => (a ? APPROACH_LABELS[a] : "no recommendation");

/**
 * Which recommendations the figures change (the retraining lag and the time to value weigh in the
 * frameworks' verdicts): "The recommendation would change for 2 use cases: Support bot (RAG →
 * Hybrid), Contract search (Fine-tuning → RAG)."; "No recommendation would change." Empty when
 * no recommendation was compared.
 */
export function rerecommendedText(impact: ReprojectionImpact, mood: ImpactMood = "done"): string {
  if (impact.rerecommended === 0) return impact.compared > 0 ? `No recommendation ${mood === "done" ? "changed" : "would change"}.` : "";
  const list = impact.rerecommendedFirst.map((r) => `${r.title} (${approachText(r.before)} → ${approachText(r.after)})`).join(", ");
  const more = impact.rerecommended - impact.rerecommendedFirst.length;
  const tail = more > 0 ? `, and ${n(more, "other")}` : "";
  return `The recommendation ${mood === "done" ? "changed" : "would change"} for ${n(impact.rerecommended, "use case")}: ${list}${tail}.`;
}

/**
 * A use case's lifecycle cost as chosen (base, cents) as its portfolio rollup row stores it: the
 * sum of the yearly base totals of the approach it counts under (the decision, else the
 * recommendation); null when that approach is not projected (not costed, never $0).
 */
export function asChosenBaseCents(projection: Pick<Projection, "approaches">, approach: Approach | null): number | null {
  const ap = approach ? projection.approaches[approach] : undefined;
  if (!ap || ap.yearly.length === 0) return null;
  return ap.yearly.reduce((sum, y) => sum + y.base, 0);
}

/** Whether that lifecycle lacks a figure (as the rollup's "as chosen" incomplete bit reads it). */
export function asChosenIncomplete(projection: Pick<Projection, "approaches">, approach: Approach | null): boolean {
  const ap = approach ? projection.approaches[approach] : undefined;
  return !!ap && ap.yearly.length > 0 && !ap.yearly.every((y) => y.complete);
}

/**
 * One use case's move: "$1,000 → $1,500 (+$500)"; "not costed" on a side without a figure; "+
 * missing" on a side that lacks one, with no change worked out between them (the difference would
 * read as a saving of what is only left out).
 */
export function moveText(uc: Pick<RepricedUseCase, "before" | "after" | "incomplete">, money: (cents: number) => string): string {
  const side = (c: number | null, incomplete: boolean | undefined) => (c === null ? "not costed" : `${money(c)}${incomplete ? " + missing" : ""}`);
  const partial = uc.incomplete?.before || uc.incomplete?.after;
  const change = uc.before !== null && uc.after !== null && !partial ? ` (${signedChange(shownChange(uc.before, uc.after), money)})` : "";
  return `${side(uc.before, uc.incomplete?.before)} → ${side(uc.after, uc.incomplete?.after)}${change}`;
}
