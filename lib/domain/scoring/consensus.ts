/**
 * Consensus across frameworks, with organization weights.
 *
 * A framework votes when it does not abstain and its weight is above 0; its vote counts its weight.
 * The consensus is the approach with the most weighted votes. Ties, in order:
 *   1. the higher sum over voting frameworks of weight x that approach's fit;
 *   2. the approach listed first in APPROACHES (RAG, fine-tuning, hybrid, prompting, agent,
 *      pipeline, feedback learning).
 * Agreement counts frameworks, not weights: how many voters picked the consensus, out of how many
 * voted. Disagreement: at least one voter picked something else. No voters: no consensus.
 */
import { APPROACHES, type Approach } from "../assessment";
import type { Agreement, Framework, FrameworkResult, FrameworkWeights } from "./types";

const N = APPROACHES.length;
const EPS = 1e-9;
const votes = new Float64Array(N);
const fitSums = new Float64Array(N);

/**
 * The weights applied: one per framework; a missing or non-finite weight is 1, a negative one 0.
 */
export function effectiveWeights(frameworks: readonly Framework[], weights?: FrameworkWeights): FrameworkWeights {
  const out: FrameworkWeights = {};
  for (const f of frameworks) {
    const w = weights?.[f.id];
    out[f.id] = typeof w === "number" && Number.isFinite(w) ? Math.max(0, w) : 1;
  }
  return out;
}

/**
 * The index-based core, shared with the sensitivity hot loop (no allocation).
 * recs[i]: framework i's approach index, or -1 when it abstains. fits: framework i's fit for
 * approach j at fits[i * N + j]. weights[i]: its weight. Returns the consensus index, or -1.
 */
export function consensusIndex(recs: ArrayLike<number>, fits: ArrayLike<number>, weights: ArrayLike<number>): number {
  votes.fill(0);
  fitSums.fill(0);
  let any = false;
  for (let i = 0; i < recs.length; i++) {
    const r = recs[i]!;
    const w = weights[i]!;
    if (r < 0 || !(w > 0)) continue;
    any = true;
    votes[r]! += w;
    for (let j = 0; j < N; j++) fitSums[j]! += w * fits[i * N + j]!;
  }
  if (!any) return -1;
  let best = -1;
  for (let j = 0; j < N; j++) {
    if (votes[j]! <= 0) continue;
    if (best < 0) {
      best = j;
      continue;
    }
    const dv = votes[j]! - votes[best]!;
    if (dv > EPS || (Math.abs(dv) <= EPS && fitSums[j]! - fitSums[best]! > EPS)) best = j;
  }
  return best;
}

export interface ConsensusResult {
  consensus: Approach | null;
  agreement: Agreement;
  disagreement: boolean;
}

/** Consensus of framework results under weights keyed by framework id (missing ids weigh 1). */
export function computeConsensus(results: readonly FrameworkResult[], weights: FrameworkWeights = {}): ConsensusResult {
  const recs = results.map((r) => (r.recommendation === null ? -1 : APPROACHES.indexOf(r.recommendation)));
  const fits = results.flatMap((r) => APPROACHES.map((a) => r.fit[a]));
  const ws = results.map((r) => {
    const w = weights[r.frameworkId];
    return typeof w === "number" && Number.isFinite(w) ? Math.max(0, w) : 1;
  });
  const idx = consensusIndex(recs, fits, ws);
  const consensus = idx < 0 ? null : APPROACHES[idx]!;
  let voters = 0;
  let agreeing = 0;
  recs.forEach((r, i) => {
    if (r < 0 || !(ws[i]! > 0)) return;
    voters++;
    if (r === idx) agreeing++;
  });
  return { consensus, agreement: { votes: agreeing, voters }, disagreement: agreeing < voters };
}
