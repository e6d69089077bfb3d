/**
 * What a missing figure or answer is called in a sentence ("the answer “Monthly LLM calls now”",
 * "model price per 1k tokens"), from the keys the projection records (ProjectedApproach.missing).
 */
import { ANSWER_LABELS, type AnswerKey } from "../assessment";
import { inSentence } from "../portfolio/format";
import { ASSUMPTION_CATALOG } from "./assumption-catalog";

export function missingInWords(key: string): string {
  if (key.startsWith("answer:")) {
    const answer = key.slice("answer:".length) as AnswerKey;
    return `the answer "${ANSWER_LABELS[answer] ?? answer}"`;
  }
  if (key.startsWith("limit:")) return "amounts within what the engine projects";
  const name = key.startsWith("assumption:") ? key.slice("assumption:".length) : key;
  const spec = (ASSUMPTION_CATALOG as Record<string, { label: string } | undefined>)[name];
  return spec ? inSentence(spec.label) : name;
}
