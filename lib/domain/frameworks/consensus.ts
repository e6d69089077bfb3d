/**
 * Consensus across frameworks, with an organization's weights (weight 0 turns one off).
 *
 * The rule: each framework that neither abstained nor has weight 0 and made a recommendation
 * votes for it with its weight. The approach with the most weighted votes wins. Ties go to the
 * approach with the larger weighted sum of fits across the voters, then to TIE_ORDER.
 * Agreement counts the voters that picked the winner against all voters ("4 of 5").
 */
import type { Approach } from "../assessment";
import { TIE_ORDER } from "./evaluate";
import type { Weights } from "./registry";
import type { FrameworkResult } from "./types";

export interface Consensus {
  consensus: Approach | null;
  agreement: { votes: number; voters: number };
  disagreement: boolean;
}

export function weightOf(weights: Weights, id: string): number {
  const w = weights[id];
  return typeof w === "number" && Number.isFinite(w) && w >= 0 ? w : 1;
}

export function consensusOf(results: readonly FrameworkResult[], weights: Weights): Consensus {
  const voters = results.filter((r) => !r.abstained && r.recommendation && weightOf(weights, r.frameworkId) > 0);
  if (voters.length === 0) return { consensus: null, agreement: { votes: 0, voters: 0 }, disagreement: false };
  const tally = new Map<Approach, { votes: number; fit: number }>();
  for (const ap of TIE_ORDER) tally.set(ap, { votes: 0, fit: 0 });
  for (const r of voters) {
    const w = weightOf(weights, r.frameworkId);
    tally.get(r.recommendation!)!.votes += w;
    for (const ap of TIE_ORDER) tally.get(ap)!.fit += w * r.fit[ap];
  }
  let best: Approach = TIE_ORDER[0]!;
  for (const ap of TIE_ORDER) {
    const t = tally.get(ap)!, b = tally.get(best)!;
    if (t.votes > b.votes || (t.votes === b.votes && t.fit > b.fit)) best = ap;
  }
  const votes = voters.filter((r) => r.recommendation === best).length;
  return { consensus: best, agreement: { votes, voters: voters.length }, disagreement: votes < voters.length };
}
