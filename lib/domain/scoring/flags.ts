/**
 * Risk flags, each with a one-sentence reason and the seed it rests on. Raised in this fixed order.
 *
 * Which approach a flag looks at: "fine-tuning in play" means fine-tuning is the chosen approach
 * or the consensus. Hybrid keeps facts in retrieval, so it does not raise the staleness flags; it
 * does need training data, so it counts for the labeled-data flag.
 */
import { APPROACH_LABELS, type Approach, type Assessment } from "../assessment";
import { formatAnswerValue } from "./answers";
import { MIN_LABELED_EXAMPLES, SEED } from "./frameworks/common";
import type { RiskFlag } from "./types";

/** Days a fine-tuned model stays behind after each change, by default (000: two to four weeks). */
export const DEFAULT_RETRAIN_LAG_DAYS = 14;

const FAST = new Set(["realtime", "daily", "weekly"]);

export interface FlagInput {
  assessment: Assessment;
  consensus: Approach | null;
  chosen: Approach | null;
  retrainLagDays: number;
}

/** Who puts an approach in play: the chosen approach, the consensus, or both. */
function inPlay(approaches: readonly Approach[], chosen: Approach | null, consensus: Approach | null): string | null {
  const c = chosen !== null && approaches.includes(chosen);
  const k = consensus !== null && approaches.includes(consensus);
  if (c && k) return chosen === consensus ? `${APPROACH_LABELS[chosen]} is both chosen and the consensus` : `${APPROACH_LABELS[chosen]} is chosen and ${APPROACH_LABELS[consensus]} is the consensus`;
  if (c) return `${APPROACH_LABELS[chosen]} is the chosen approach`;
  if (k) return `${APPROACH_LABELS[consensus]} is the consensus`;
  return null;
}

export function computeFlags({ assessment: a, consensus, chosen, retrainLagDays }: FlagInput): RiskFlag[] {
  const flags: RiskFlag[] = [];
  const ftInPlay = inPlay(["FINE_TUNING"], chosen, consensus);

  if (ftInPlay && a.changeFrequency !== undefined && FAST.has(a.changeFrequency)) {
    flags.push({
      code: "FT_ON_FAST_CHANGING_KNOWLEDGE",
      reason: `${ftInPlay} while the knowledge changes ${formatAnswerValue(a.changeFrequency)}, so the model's knowledge goes out of date with every change.`,
      citation: { file: SEED["000"], quote: "If the answer is daily or weekly, RAG wins." },
    });
  }

  if (a.labeledExamples !== undefined && a.labeledExamples < MIN_LABELED_EXAMPLES) {
    const why = inPlay(["FINE_TUNING", "HYBRID"], chosen, consensus) ?? (a.needsStyleOrFormat === true ? "The style or format need calls for fine-tuning" : null);
    if (why) {
      flags.push({
        code: "FT_WITHOUT_ENOUGH_LABELED_DATA",
        reason: `${why}, but there are only ${formatAnswerValue(a.labeledExamples)} curated, labeled examples, fewer than the ${MIN_LABELED_EXAMPLES} fine-tuning needs.`,
        citation: { file: SEED["002"], quote: "Fine-tuning on noisy, inconsistent, or low-volume domain data frequently degrades overall model quality" },
      });
    }
  }

  if (a.evaluationSetExists === false) {
    flags.push({
      code: "NO_EVALUATION_SET",
      reason: "There is no evaluation set, so nobody can measure whether the approach works.",
      citation: { file: SEED["002"], quote: "Most enterprise LLM projects fail at evaluation design" },
    });
  }

  if (chosen !== null && consensus !== null && chosen !== consensus) {
    flags.push({
      code: "CHOSEN_DIFFERS_FROM_CONSENSUS",
      reason: `The chosen approach, ${APPROACH_LABELS[chosen]}, differs from the frameworks' consensus, ${APPROACH_LABELS[consensus]}.`,
      citation: { file: SEED["003"], quote: "The second is the opposite. Pick deliberately." },
    });
  }

  if (ftInPlay && a.maxLagDays !== undefined && a.changeFrequency !== "static" && retrainLagDays > a.maxLagDays) {
    flags.push({
      code: "STALENESS_EXCEEDS_ACCEPTABLE_LAG",
      reason: `${ftInPlay}, and each retraining leaves it about ${formatAnswerValue(retrainLagDays)} days behind the business, more than the acceptable ${formatAnswerValue(a.maxLagDays)} days.`,
      citation: { file: SEED["000"], quote: "Each iteration adds $10,000 to $30,000 and two to four weeks of lag time." },
    });
  }
  return flags;
}
