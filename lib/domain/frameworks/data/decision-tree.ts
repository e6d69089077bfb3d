import type { Framework } from "../types";
import { ENOUGH_LABELS, ENOUGH_LABELS_QUOTE, FREQUENT_CHANGE, STYLE, outsideItsSource } from "./shared";

const file = "001_882c99e1fd832846.txt";

/**
 * Seed 001: four questions answered in order; the first that decides ends the walk. Both answers
 * to the third end it ("Yes → RAG", "No → Consider multi-step retrieval or summarization
 * pipelines"), so the fourth speaks only where the third is unanswered. Until 2.1.0 a "No" walked
 * on to the fourth, and hundreds of labeled examples turned the pipeline's leaf into a vote for
 * fine-tuning (35 against RAG's 30), over answers that must cite their sources.
 */
export const decisionTree: Framework = {
  id: "ordered-decision-tree",
  title: "Ordered decision tree",
  source: file,
  version: "2.1.0",
  summary:
    "Answers four questions in order: does the answer depend on frequently updated data (RAG, or RAG plus fine-tuning); is the problem about format, style or task behaviour (fine-tuning, given the labeled data it needs); does the context fit a window (RAG; if not, multi-step retrieval or a summarization pipeline); is there labeled data (fine-tuning is viable; if not, RAG is the lower barrier).",
  scope: ["RAG", "FINE_TUNING", "HYBRID", "PIPELINE"],
  abstain: [...outsideItsSource("its four questions")],
  rules: [
    { id: "q1-frequent-data-and-style", text: "Frequently updated data, and a format or style to keep: RAG plus fine-tuning.", when: { all: [FREQUENT_CHANGE, STYLE] }, effects: { HYBRID: 60, RAG: 30 }, stop: true, cite: { file, quote: "Does the answer depend on frequently updated data? Yes → RAG (or RAG + fine-tuning)" } },
    { id: "q1-frequent-data", text: "The answer depends on frequently updated data: RAG.", when: FREQUENT_CHANGE, effects: { RAG: 60 }, stop: true, cite: { file, quote: "Does the answer depend on frequently updated data? Yes → RAG" } },
    { id: "q2-style-without-data", text: "A format or style problem, but fewer than a few hundred labeled examples: RAG is the lower barrier for now.", when: { all: [STYLE, { answer: "labeledExamples", lt: ENOUGH_LABELS }] }, effects: { RAG: 40, FINE_TUNING: 10 }, stop: true, cite: { file, quote: "you need a curated, labeled dataset (typically hundreds to thousands of examples)" } },
    { id: "q2-style", text: "The problem is output format, style or task behaviour: fine-tuning.", when: STYLE, effects: { FINE_TUNING: 60 }, stop: true, cite: { file, quote: "Is the problem about output format, style, or task behavior? Yes → Fine-tuning" } },
    { id: "q3-fits-window", text: "The answer fits in a context window: RAG.", when: { answer: "fitsContextWindow", in: [true] }, effects: { RAG: 50 }, stop: true, cite: { file, quote: "Can the answer fit in a context window? Yes → RAG" } },
    { id: "q3-too-large", text: "It does not fit: multi-step retrieval or a summarization pipeline.", when: { answer: "fitsContextWindow", in: [false] }, effects: { RAG: 30, PIPELINE: 25 }, stop: true, cite: { file, quote: "No → Consider multi-step retrieval or summarization pipelines" } },
    { id: "q4-labeled-data", text: "Hundreds of labeled examples exist: fine-tuning is viable.", when: { answer: "labeledExamples", gte: ENOUGH_LABELS }, effects: { FINE_TUNING: 35 }, cite: { file, quote: ENOUGH_LABELS_QUOTE } },
    { id: "q4-no-labeled-data", text: "No labeled data to speak of: RAG is lower-barrier to start.", when: { answer: "labeledExamples", lt: ENOUGH_LABELS }, effects: { RAG: 20 }, cite: { file, quote: "No → RAG is lower-barrier to start" } },
  ],
};
