/**
 * What a change of framework weights does to an organization's portfolio, said before it is saved:
 * which recommendations flip to another approach, which use cases lose their recommendation (no
 * framework left voting) or gain one, and how the as-chosen lifecycle total moves. A use case
 * counts "as chosen" under its decision, else its recommendation (as the portfolio does), so only
 * undecided use cases whose recommendation changes move the total.
 *
 * Pure: scores each use case under the current and the new weights (without the sensitivity
 * analysis) and prices the new recommendation from the projections already stored.
 */
import { APPROACH_LABELS, type Approach, type Assessment } from "../assessment";
import { compareText } from "../title-order";
import type { Weights } from "./registry";
import { scoreUseCase } from "./score";

export interface ImpactUseCase {
  id: string;
  title: string;
  assessment: Assessment;
  chosen: Approach | null;
  /** Stored lifecycle cost (base, cents) per approach projected; an approach missing here is not costed. */
  lifecycleBase: Partial<Record<Approach, number>>;
}

export interface RecommendationChange {
  id: string;
  title: string;
  from: Approach | null;
  to: Approach | null;
}

/** The use cases of each list, by title as people read them (compareText: case and accents second), then id. */
export interface WeightsImpact {
  useCases: number;
  /** Recommended one approach, would recommend another. */
  flips: RecommendationChange[];
  /** Had a recommendation, would have none. */
  lost: RecommendationChange[];
  /** Had none, would have one. */
  gained: RecommendationChange[];
  /** Use cases with no recommendation, now and after. */
  unscored: { before: number; after: number };
  /** As-chosen lifecycle totals (base, cents) and how many use cases they cover. */
  total: { before: number; after: number; costedBefore: number; costedAfter: number };
}

export function weightsImpact(cases: readonly ImpactUseCase[], current: Weights, next: Weights): WeightsImpact {
  const out: WeightsImpact = { useCases: cases.length, flips: [], lost: [], gained: [], unscored: { before: 0, after: 0 }, total: { before: 0, after: 0, costedBefore: 0, costedAfter: 0 } };
  for (const uc of cases) {
    const from = scoreUseCase(uc.assessment, { weights: current, skipSensitivity: true }).consensus;
    const to = scoreUseCase(uc.assessment, { weights: next, skipSensitivity: true }).consensus;
    const change = { id: uc.id, title: uc.title, from, to };
    if (from && to && from !== to) out.flips.push(change);
    else if (from && !to) out.lost.push(change);
    else if (!from && to) out.gained.push(change);
    if (!from) out.unscored.before++;
    if (!to) out.unscored.after++;
    const before = uc.chosen ?? from;
    const after = uc.chosen ?? to;
    const costBefore = before ? uc.lifecycleBase[before] : undefined;
    const costAfter = after ? uc.lifecycleBase[after] : undefined;
    if (costBefore !== undefined) {
      out.total.before += costBefore;
      out.total.costedBefore++;
    }
    if (costAfter !== undefined) {
      out.total.after += costAfter;
      out.total.costedAfter++;
    }
  }
  // The sentences name the first three of each list: in the order the rest of the app lists titles,
  // never the order the use cases came in (the database's ORDER BY put "Zebra" before "apple" and
  // "Éclair" after both where its collation is byte order).
  const byTitle = (x: RecommendationChange, y: RecommendationChange) => compareText(x.title, y.title) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  out.flips.sort(byTitle);
  out.lost.sort(byTitle);
  out.gained.sort(byTitle);
  return out;
}

const n = (x: number, one: string, many = `${one}s`) => `${x.toLocaleString("en-US")} ${x === 1 ? one : many}`;
const label = (a: Approach | null) => (a ? APPROACH_LABELS[a] : "none");

/** The impact in sentences, for the form (before saving: "would"; after: "did"). `money` formats cents. */
export function impactSentences(impact: WeightsImpact, money: (cents: number) => string, tense: "would" | "did"): string[] {
  const w = tense === "would";
  const out: string[] = [];
  if (impact.flips.length === 0 && impact.lost.length === 0 && impact.gained.length === 0) {
    out.push(
      impact.useCases === 0
        ? "There are no use cases yet: no recommendation to change."
        : impact.useCases === 1
          ? `The one use case's recommendation ${w ? "would not change" : "did not change"}.`
          : `No recommendation ${w ? "would change" : "changed"} among the ${n(impact.useCases, "use case")}.`,
    );
  } else {
    const examples = (xs: RecommendationChange[]) =>
      xs.slice(0, 3).map((c) => `${c.title}: ${label(c.from)} → ${label(c.to)}`).join("; ") + (xs.length > 3 ? `; and ${(xs.length - 3).toLocaleString("en-US")} more` : "");
    if (impact.flips.length) out.push(`${n(impact.flips.length, "recommendation")} ${w ? "would change" : "changed"} to another approach (${examples(impact.flips)}).`);
    if (impact.lost.length)
      out.push(`${n(impact.lost.length, "use case")} ${w ? "would lose" : "lost"} ${impact.lost.length === 1 ? "its" : "their"} recommendation: no framework left voting (${examples(impact.lost)}).`);
    if (impact.gained.length) out.push(`${n(impact.gained.length, "use case")} ${w ? "would gain" : "gained"} a recommendation.`);
  }
  out.push(`Use cases with no recommendation: ${impact.unscored.before.toLocaleString("en-US")} ${w ? "now" : "before"}, ${impact.unscored.after.toLocaleString("en-US")} ${w ? "after saving" : "now"}.`);
  const t = impact.total;
  out.push(
    t.before === t.after && t.costedBefore === t.costedAfter
      ? `The as-chosen lifecycle total ${w ? "would stay" : "stayed"} at ${money(t.before)}.`
      : `The as-chosen lifecycle total ${w ? "would move" : "moved"} from ${money(t.before)} (${n(t.costedBefore, "use case")} costed) to ${money(t.after)} (${n(t.costedAfter, "use case")} costed).`,
  );
  return out;
}
