/**
 * Pieces several frameworks share. Each framework still reads its own seed: only what the seeds
 * agree on is shared here.
 */
import { SEED_FILES } from "../../assessment-help";
import type { Condition } from "../types";

export const SEED = SEED_FILES;

/**
 * Fewest curated, labeled examples that make fine-tuning viable. 001 asks for "hundreds of
 * examples"; 002 puts the minimum viable dataset at "hundreds to low thousands". Read here as at
 * least two hundred.
 */
export const MIN_LABELED_EXAMPLES = 200;

/** Problem classes 002 sends to other architectures: tool use, transformation at volume, feedback. */
export const OTHER_ARCHITECTURE: Condition = {
  any: [
    { answer: "needsToolUse", eq: true },
    { answer: "transformationAtVolume", eq: true },
    { answer: "learnsFromFeedback", eq: true },
  ],
};

/** A prompted base model already meets the bar (002's first check). */
export const PROMPTING_SUFFICES: Condition = { answer: "promptedBaselineMeetsBar", eq: "yes" };

export const ENOUGH_LABELED: Condition = { answer: "labeledExamples", gte: MIN_LABELED_EXAMPLES };
export const TOO_FEW_LABELED: Condition = { answer: "labeledExamples", lt: MIN_LABELED_EXAMPLES };
