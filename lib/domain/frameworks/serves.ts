/**
 * Whether an approach the frameworks pick can serve the use case, by the rules the cost panel uses
 * (costing/project.ts: lacksCapability, meetsLag, reachesKnowledge, meetsBar; cannotServe). The recommendation is
 * held to this (score.ts), so the page never recommends what its own cost panel and risk flags say
 * cannot serve the use case. Where a prompted base model already meets the bar, a trained model
 * still can serve; FT_THOUGH_PROMPTING_MEETS_BAR says what it adds, and the recommendation stands.
 */
import { APPROACH_LABELS, type Approach, type Assessment } from "../assessment";
import { INFEASIBLE } from "../costing/explain";
import { lagText, type cannotServe } from "../costing/feasibility";
import { retrainingCyclesPerYear, retrainLagShown, upToDays, worstDelayDays } from "../costing/retraining";
import { promptingMeetsBar, promptingReachesKnowledge, retrievesNothing } from "./evidence";
import { CAPABILITY_RULES, lacksCapability } from "./capabilities";
import { plural } from "../portfolio/format";
import type { Citation } from "./types";

/**
 * Retraining as often as the lag allows, how long a change waits for a fine-tuned model, and how
 * many cycles a year that takes; null when the use case has not said how often its knowledge
 * changes or how long a lag it accepts. The staleness flag and the hold below both read this.
 */
export function fineTunedWait(a: Assessment, retrainLagDays: number): { cycles: number; waitDays: number; maxLagDays: number } | null {
  if (a.changeFrequency === undefined || a.maxLagDays === undefined) return null;
  const cycles = retrainingCyclesPerYear(a.changeFrequency, a.maxLagDays, retrainLagDays);
  return { cycles, waitDays: worstDelayDays(a.changeFrequency, cycles, retrainLagDays), maxLagDays: a.maxLagDays };
}

/** The cost panel's reasons (cannotServe in costing/project.ts). */
export type HoldReason = NonNullable<ReturnType<typeof cannotServe>>["kind"];

export interface CannotRecommend {
  reason: HoldReason;
  /** After the approach's name: "does not meet the 14-day lag: each retraining takes about 21 days". */
  why: string;
  cite: Citation;
}

const CHEAPER_FIRST: Citation = { file: "003_cef81cc6bb37c5d4.txt", quote: "Start with the cheaper option. Add complexity when the cheaper option clearly fails." };
const NOT_DOCUMENTED: Citation = { file: "000_2a5380ca2875bd0d.txt", quote: "Your domain expertise cannot be easily documented or retrieved, requiring internalized understanding." };
const LAG: Citation = { file: "000_2a5380ca2875bd0d.txt", quote: "Each iteration adds $10,000 to $30,000 and two to four weeks of lag time." };
const GROUNDING: Citation = { file: "002_eb871f56c24eca94.txt", quote: "grounding answers in specific, up-to-date documents rather than relying on potentially stale or hallucinated parametric knowledge" };

/** Why the approach is not to be recommended for this use case, or null where it can be. */
export function cannotRecommend(approach: Approach, a: Assessment, retrainLagDays: number): CannotRecommend | null {
  const lacking = lacksCapability(approach, a);
  if (lacking) return { reason: "lacks-capability", why: INFEASIBLE["lacks-capability"]({ lacksCapability: lacking }, null), cite: CAPABILITY_RULES[lacking].cite };
  if (approach === "PROMPTING") {
    if (!promptingReachesKnowledge(a)) {
      return { reason: "lacks-knowledge", why: INFEASIBLE["lacks-knowledge"]({}, null), cite: GROUNDING };
    }
    if (!promptingMeetsBar(a)) {
      return { reason: "below-bar", why: `${INFEASIBLE["below-bar"]({}, null)}, and 003 adds complexity when the cheaper option clearly fails`, cite: CHEAPER_FIRST };
    }
    return null;
  }
  if ((approach === "RAG" || approach === "HYBRID") && retrievesNothing(a)) {
    const short = approach === "RAG" && !promptingMeetsBar(a) ? ", and one was tried and falls short of the bar" : "";
    return { reason: "empty-index", why: `${INFEASIBLE["empty-index"]({ approach }, null)}${short}`, cite: NOT_DOCUMENTED };
  }
  if (approach === "FINE_TUNING") {
    const w = fineTunedWait(a, retrainLagDays);
    if (w && w.waitDays > w.maxLagDays) {
      const wait = w.maxLagDays < retrainLagDays
        ? `each retraining takes about ${retrainLagShown(retrainLagDays)}`
        : Number.isFinite(w.waitDays)
          ? `retraining as often as it can (${plural(w.cycles, "time")} a year), a change still waits up to ${plural(upToDays(w.waitDays), "day")}`
          : "it is never brought up to date";
      return { reason: "fails-lag", why: `does not meet the ${lagText(w.maxLagDays)} lag: ${wait}`, cite: LAG };
    }
  }
  return null;
}

/**
 * The nearest acceptable lags, above and below the one answered, at which fine-tuning turns from
 * missing the lag to meeting it or back (the rule of `cannotRecommend`): where the recommendation
 * may turn, which the frameworks' own thresholds (7 and 30 days) do not show. Empty where the use
 * case has not said how often its knowledge changes or how long a lag it accepts.
 */
export function lagsWhereFineTuningTurns(a: Assessment, retrainLagDays: number, longest = 3650): number[] {
  const freq = a.changeFrequency, now = a.maxLagDays;
  if (freq === undefined || now === undefined) return [];
  // The rule of fineTunedWait, without building an assessment per lag (this runs on every page view).
  const meets = (lag: number) => worstDelayDays(freq, retrainingCyclesPerYear(freq, lag, retrainLagDays), retrainLagDays) <= lag;
  // From a year past one retraining on, one cycle a year keeps every change within the lag, whatever
  // the lag: nothing turns above that, so neither scan needs to go further.
  const settled = Math.min(longest, Math.ceil(retrainLagDays) + 366);
  const here = meets(now);
  const out: number[] = [];
  for (let lag = now + 1; lag <= settled; lag++) if (meets(lag) !== here) { out.push(lag); break; }
  for (let lag = Math.min(now - 1, settled); lag >= 0; lag--) if (meets(lag) !== here) { out.push(lag); break; }
  return out;
}

/** "Fine-tuning, which 4 of 5 voting frameworks pick, does not meet the 14-day lag: …. The recommendation is …". */
export function heldBackSentence(approach: Approach, votes: number, voters: number, why: string, instead: string): string {
  const pick = `${votes} of ${voters} voting framework${voters === 1 ? "" : "s"} pick${votes === 1 ? "s" : ""}`;
  return `${APPROACH_LABELS[approach]}, which ${pick}, ${why}. ${instead}`;
}
