import { behaviourKnowledge } from "./data/behaviour-knowledge";
import { decisionTree } from "./data/decision-tree";
import { startWithRag } from "./data/start-with-rag";
import { threeQuestions } from "./data/three-questions";
import { whenToUse } from "./data/when-to-use";
import type { Framework } from "./types";

/** The five frameworks, one per seed document, in seed order. */
export const FRAMEWORKS: readonly Framework[] = [threeQuestions, decisionTree, behaviourKnowledge, startWithRag, whenToUse];

export type Weights = Record<string, number>;
export const DEFAULT_WEIGHTS: Weights = Object.fromEntries(FRAMEWORKS.map((f) => [f.id, 1]));

export function frameworkVersions(): Record<string, string> {
  return Object.fromEntries(FRAMEWORKS.map((f) => [f.id, f.version]));
}
