/**
 * Consensus across frameworks, with an organization's weights (weight 0 turns one off).
 *
 * The rule: each framework that neither abstained nor has weight 0 and made a recommendation
 * votes for it with its weight. The approach with the most weighted votes wins. Ties go to the
 * approach with the larger weighted sum of fits across the voters, then to TIE_ORDER.
 * Agreement counts the voters that picked the winner against all voters, and names every
 * framework that did not vote and why ("3 of 3 voting agree; 2 abstained (tool use is outside
 * their source)"): a count that hides four abstentions behind "1 of 1" says more than it knows.
 */
import type { Approach } from "../assessment";
import { TIE_ORDER } from "./evaluate";
import type { Weights } from "./registry";
import type { FrameworkResult } from "./types";

export interface Abstainer {
  frameworkId: string;
  title: string;
  /** A few words: "tool use is outside their source", "turned off by the organization's weights". */
  why: string;
}

export interface Agreement {
  votes: number;
  voters: number;
  abstained: Abstainer[];
}

export interface Consensus {
  consensus: Approach | null;
  agreement: Agreement;
  disagreement: boolean;
}

export function weightOf(weights: Weights, id: string): number {
  const w = weights[id];
  return typeof w === "number" && Number.isFinite(w) && w >= 0 ? w : 1;
}

function abstainerOf(r: FrameworkResult, weights: Weights): Abstainer | null {
  const base = { frameworkId: r.frameworkId, title: r.title };
  if (weightOf(weights, r.frameworkId) === 0) return { ...base, why: "turned off by the organization's weights" };
  if (r.abstained) return { ...base, why: r.abstainShort ?? "the case is outside their source" };
  // Judged fresh (this runs when a score is made): `unanswered` is set wherever none of its questions is.
  if (!r.recommendation) return { ...base, why: r.unanswered ? "none of their questions is answered yet" : "nothing they weigh points to an approach" };
  return null;
}

const isVoter = (r: FrameworkResult, weights: Weights) => !r.abstained && r.recommendation !== null && weightOf(weights, r.frameworkId) > 0;

/** Each approach's weighted votes, and its weighted sum of fits across the voters. */
function tallyOf(voters: readonly FrameworkResult[], weights: Weights): Map<Approach, { votes: number; fit: number }> {
  const tally = new Map<Approach, { votes: number; fit: number }>();
  for (const ap of TIE_ORDER) tally.set(ap, { votes: 0, fit: 0 });
  for (const r of voters) {
    const w = weightOf(weights, r.frameworkId);
    tally.get(r.recommendation!)!.votes += w;
    for (const ap of TIE_ORDER) tally.get(ap)!.fit += w * r.fit[ap];
  }
  return tally;
}

/** `lean`: the abstentions are not named (re-scoring inside "what would change it" needs only the winner and the counts). */
export function consensusOf(results: readonly FrameworkResult[], weights: Weights, lean = false): Consensus {
  const abstained = lean ? [] : results.map((r) => abstainerOf(r, weights)).filter((x): x is Abstainer => x !== null);
  const voters = results.filter((r) => isVoter(r, weights));
  if (voters.length === 0) return { consensus: null, agreement: { votes: 0, voters: 0, abstained }, disagreement: false };
  const tally = tallyOf(voters, weights);
  let best: Approach = TIE_ORDER[0]!;
  for (const ap of TIE_ORDER) {
    const t = tally.get(ap)!, b = tally.get(best)!;
    if (t.votes > b.votes || (t.votes === b.votes && t.fit > b.fit)) best = ap;
  }
  const votes = voters.filter((r) => r.recommendation === best).length;
  return { consensus: best, agreement: { votes, voters: voters.length, abstained }, disagreement: votes < voters.length };
}

/**
 * Every approach some voter picks, in the order the consensus ranks them: the most weighted votes,
 * then the larger weighted fit, then TIE_ORDER. The first is the consensus; the rest are where the
 * recommendation goes when the first cannot serve the use case (score.ts).
 */
export function rankedPicks(results: readonly FrameworkResult[], weights: Weights): Approach[] {
  const tally = tallyOf(results.filter((r) => isVoter(r, weights)), weights);
  const order = new Map(TIE_ORDER.map((ap, i) => [ap, i]));
  return TIE_ORDER.filter((ap) => tally.get(ap)!.votes > 0).sort((x, y) => {
    const a = tally.get(x)!, b = tally.get(y)!;
    return b.votes - a.votes || b.fit - a.fit || order.get(x)! - order.get(y)!;
  });
}

/** A winner that tied on (weighted) votes with another approach, and what broke the tie. */
export interface Tie {
  with: Approach;
  /** Weighted sums of fits across the voters: the winner's and the other's. */
  fit: number;
  withFit: number;
  /** Some voter's weight is not 1, so the votes and fits are weighted. */
  weighted: boolean;
  /** The winner is what the seeds say to try first (prompting, then RAG), which is why the fixed order puts it first. */
  seedsFirst: boolean;
}

/**
 * Whether the winner tied on votes with another approach: the tie-break (the larger weighted fit
 * across the voters, then TIE_ORDER) decided it, and the page must say so, or "2 of 5 agree" reads
 * as a choice the votes made. The other is the best of those it tied with. `among`: only the
 * approaches the winner was chosen from count (after a hold, those that can be recommended).
 */
export function tieOf(results: readonly FrameworkResult[], weights: Weights, winner: Approach | null, among: (ap: Approach) => boolean = () => true): Tie | null {
  if (!winner) return null;
  const voters = results.filter((r) => isVoter(r, weights));
  const tally = tallyOf(voters, weights);
  const at = (ap: Approach) => tally.get(ap)!;
  const tied = TIE_ORDER.filter((ap) => ap !== winner && at(ap).votes > 0 && at(ap).votes === at(winner).votes && among(ap));
  if (tied.length === 0) return null;
  const other = tied.reduce((b, ap) => (at(ap).fit > at(b).fit ? ap : b));
  return { with: other, fit: at(winner).fit, withFit: at(other).fit, weighted: voters.some((r) => weightOf(weights, r.frameworkId) !== 1), seedsFirst: winner === "PROMPTING" || winner === "RAG" };
}

const oneDecimal = (n: number) => String(Math.round(n * 10) / 10);

/**
 * "tied with RAG on votes; Prompting only fits better across the voters (their scores for it add
 * up to 130, against 80 for RAG)": the scores each framework's card shows, summed over the
 * voting frameworks (weighted where a weight is not 1), so the figures can be checked on the page.
 */
export function tieSentence(winner: string, other: string, t: Tie): string {
  const on = t.weighted ? "weighted votes" : "votes";
  if (t.fit > t.withFit) return `tied with ${other} on ${on}; ${winner} fits better across the voters (their ${t.weighted ? "weighted " : ""}scores for it add up to ${oneDecimal(t.fit)}, against ${oneDecimal(t.withFit)} for ${other})`;
  if (t.seedsFirst) return `tied with ${other} on ${on} and fit; ${winner} comes first as the simpler to undo (002: validate a prompted base model first; 003, 004: start with RAG)`;
  // Past prompting and RAG the seeds give no order (a hybrid is no simpler to undo than fine-tuning, which it contains): the order is only a rule.
  return `tied with ${other} on ${on} and fit; ${winner} comes first by the fixed order that settles such ties (prompting, RAG, hybrid, fine-tuning, then the rest)`;
}

const NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven"];
const words = (n: number) => NUMBER_WORDS[n] ?? String(n);

/**
 * The agreement in words a CTO reads without help: "3 of 3 voting agree; 2 abstained (tool use is
 * outside their source)". Never "most frameworks" when most did not vote.
 */
/**
 * Why frameworks did not vote, each reason once: "none of their questions is answered yet"; where
 * the reasons differ, how many each ("3: none of their questions is answered yet; 1: nothing they
 * weigh points to an approach"), so "4 abstained" is not read as four of each.
 */
export function abstentionReasons(whys: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const w of whys) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
  if (counts.size <= 1) return [...counts.keys()].join("");
  return [...counts].map(([why, n]) => `${n}: ${why}`).join("; ");
}

export function agreementSentence(a: Agreement): string {
  const reasons = abstentionReasons(a.abstained.map((x) => x.why));
  const abstained = a.abstained.length ? `${a.abstained.length} abstained (${reasons})` : "";
  if (a.voters === 0) return reasons ? `No framework voted (${reasons}).` : "No framework voted.";
  const head = a.votes === a.voters ? `${a.votes} of ${a.voters} voting agree` : `${a.votes} of ${a.voters} voting agree, ${words(a.voters - a.votes)} ${a.voters - a.votes === 1 ? "differs" : "differ"}`;
  return abstained ? `${head}; ${abstained}` : head;
}
