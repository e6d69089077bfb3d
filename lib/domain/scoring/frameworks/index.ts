/**
 * The framework registry: the five frameworks, one per seed, in seed order. The Frameworks page
 * lists these; scoring applies each of them.
 */
import type { Framework } from "../types";
import { behaviourVersusKnowledge } from "./behaviour-vs-knowledge";
import { decisionTree } from "./decision-tree";
import { startWithRag } from "./start-with-rag";
import { threeQuestions } from "./three-questions";
import { whenToUse } from "./when-to-use";

export { behaviourVersusKnowledge, decisionTree, startWithRag, threeQuestions, whenToUse };
export { MIN_LABELED_EXAMPLES } from "./common";

export const FRAMEWORKS: readonly Framework[] = [threeQuestions, decisionTree, behaviourVersusKnowledge, startWithRag, whenToUse];

export type FrameworkId = "three-questions" | "decision-tree" | "behaviour-vs-knowledge" | "start-with-rag" | "when-to-use";

/** The framework with this id, or undefined. */
export function getFramework(id: string): Framework | undefined {
  return FRAMEWORKS.find((f) => f.id === id);
}
