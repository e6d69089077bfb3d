/** Risk flags, each with a one-sentence reason and its citation. Codes match ../shared/acceptance/vignettes.json. */
import type { Approach, Assessment } from "../assessment";
import { ENOUGH_LABELS } from "./data/shared";
import type { Citation } from "./types";

export const FLAG_CODES = [
  "FT_ON_FAST_CHANGING_KNOWLEDGE",
  "FT_WITHOUT_ENOUGH_LABELED_DATA",
  "NO_EVALUATION_SET",
  "CHOSEN_DIFFERS_FROM_CONSENSUS",
  "STALENESS_EXCEEDS_ACCEPTABLE_LAG",
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export const FLAG_LABELS: Record<FlagCode, string> = {
  FT_ON_FAST_CHANGING_KNOWLEDGE: "Fine-tuning on fast-changing knowledge",
  FT_WITHOUT_ENOUGH_LABELED_DATA: "Fine-tuning without enough labeled data",
  NO_EVALUATION_SET: "No evaluation set",
  CHOSEN_DIFFERS_FROM_CONSENSUS: "Chosen approach differs from the consensus",
  STALENESS_EXCEEDS_ACCEPTABLE_LAG: "Staleness beyond the acceptable lag",
};

export interface RiskFlag {
  code: FlagCode;
  reason: string;
  cite: Citation;
}

const APPROACH_NAMES: Record<Approach, string> = {
  RAG: "RAG", FINE_TUNING: "fine-tuning", HYBRID: "a hybrid", PROMPTING: "prompting", AGENT: "an agent", PIPELINE: "a pipeline", FEEDBACK_LEARNING: "feedback learning",
};

export function riskFlags(a: Assessment, consensus: Approach | null, chosen: Approach | null | undefined, retrainLagDays = 14): RiskFlag[] {
  const flags: RiskFlag[] = [];
  const ftInPlay = chosen === "FINE_TUNING" || (!chosen && consensus === "FINE_TUNING");
  const trainsModel = ftInPlay || chosen === "HYBRID" || (!chosen && consensus === "HYBRID");
  const who = chosen === "FINE_TUNING" || chosen === "HYBRID" ? "The chosen approach" : "The consensus";
  const fast = a.changeFrequency === "realtime" || a.changeFrequency === "daily" || a.changeFrequency === "weekly";

  if (ftInPlay && fast) {
    flags.push({
      code: "FT_ON_FAST_CHANGING_KNOWLEDGE",
      reason: `${who} is fine-tuning, but the knowledge changes ${a.changeFrequency}, so a trained model falls behind between retrainings.`,
      cite: { file: "000_2a5380ca2875bd0d.txt", quote: "If the answer is daily or weekly, RAG wins." },
    });
  }
  if (trainsModel && a.labeledExamples !== undefined && a.labeledExamples < ENOUGH_LABELS) {
    flags.push({
      code: "FT_WITHOUT_ENOUGH_LABELED_DATA",
      reason: `${who} trains a model on ${a.labeledExamples.toLocaleString("en-US")} labeled examples; fine-tuning needs hundreds to low thousands of curated pairs.`,
      cite: { file: "002_eb871f56c24eca94.txt", quote: "typically in the hundreds to low thousands of high-quality instruction-response pairs" },
    });
  }
  if (a.evaluationSetExists === false) {
    flags.push({
      code: "NO_EVALUATION_SET",
      reason: "There is no evaluation set, so nobody can tell whether the approach works or a change made it worse.",
      cite: { file: "002_eb871f56c24eca94.txt", quote: "Most enterprise LLM projects fail at evaluation design, not at the model selection stage." },
    });
  }
  if (chosen && consensus && chosen !== consensus) {
    flags.push({
      code: "CHOSEN_DIFFERS_FROM_CONSENSUS",
      reason: `The organization chose ${APPROACH_NAMES[chosen]}, but most frameworks recommend ${APPROACH_NAMES[consensus]}.`,
      cite: { file: "003_cef81cc6bb37c5d4.txt", quote: "The most expensive AI mistake we see is fine-tuning when RAG would have worked. The second is the opposite." },
    });
  }
  if (ftInPlay && a.maxLagDays !== undefined && a.changeFrequency !== undefined && a.changeFrequency !== "static" && a.maxLagDays < retrainLagDays) {
    flags.push({
      code: "STALENESS_EXCEEDS_ACCEPTABLE_LAG",
      reason: `Each retraining takes about ${retrainLagDays} days, longer than the ${a.maxLagDays} days of lag the business accepts.`,
      cite: { file: "000_2a5380ca2875bd0d.txt", quote: "Each iteration adds $10,000 to $30,000 and two to four weeks of lag time." },
    });
  }
  return flags;
}
