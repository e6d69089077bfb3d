import type { Framework } from "../types";
import { ENOUGH_LABELS, FEEDBACK, FREQUENT_CHANGE, STYLE, TOOLS, TRANSFORM } from "./shared";

const file = "002_eb871f56c24eca94.txt";
const BEHAVIOUR = { any: [STYLE, { answer: "latencySensitive", in: [true] }] } as const;
/** What 002 says fine-tuning is for: behaviour or format, latency, or domain-specific reasoning. */
const FINE_TUNING_IN_QUESTION = { any: [STYLE, { answer: "latencySensitive", in: [true] }, { answer: "coreNeed", in: ["reasoning"] }] } as const;

/**
 * Seed 002: behaviour versus knowledge, with "neither" architectures and a prompted baseline first.
 * Since 2.1.0, prompting scores nothing where a prompted base model was tried and falls short (the
 * baseline 002 checks first did not meet the bar), and thin curated data only warns against
 * fine-tuning, as the sentence it cites does (it scored prompting too, and said "behaviour" of a
 * use case that is only latency-sensitive). 2.1.1 (words only): the latency rule fires on a tight
 * budget *or* high volume, and says so; it read "High volume under a tight latency budget" of a use
 * case of 200 calls a month.
 */
export const behaviourKnowledge: Framework = {
  id: "behaviour-vs-knowledge",
  title: "Behaviour versus knowledge",
  source: file,
  version: "2.1.1",
  summary:
    "Validate a prompted base model first. Dynamic knowledge and attribution favour RAG; behaviour, format and latency favour fine-tuning, but only with hundreds to low thousands of curated examples (noisy or thin data degrades quality). Tool use calls for an agent, document transformation at volume for a pipeline, and learning from interactions for feedback learning.",
  scope: ["RAG", "FINE_TUNING", "HYBRID", "PROMPTING", "AGENT", "PIPELINE", "FEEDBACK_LEARNING"],
  abstain: [],
  rules: [
    { id: "tool-use", text: "Computation, code, database queries or external APIs: an agent with tool use.", when: TOOLS, effects: { AGENT: 80 }, stop: true, cite: { file, quote: "require an agent architecture with tool use, not just better retrieval or behavioral tuning" } },
    { id: "transformation-at-volume", text: "Document transformation at volume: a structured pipeline.", when: TRANSFORM, effects: { PIPELINE: 80 }, stop: true, cite: { file, quote: "document transformation ... often benefit from structured pipeline architectures" } },
    { id: "continuous-feedback", text: "Must learn from user interactions: feedback learning.", when: FEEDBACK, effects: { FEEDBACK_LEARNING: 80 }, stop: true, cite: { file, quote: "systems that need to learn from user interactions on an ongoing basis — require reinforcement learning from human feedback (RLHF)" } },
    { id: "prompted-baseline-meets-bar", text: "A prompted base model already meets the bar: stop there.", when: { answer: "promptedBaselineMeetsBar", in: ["yes"] }, effects: { PROMPTING: 70 }, stop: true, cite: { file, quote: "validate that ... a prompted base model doesn't already meet the bar" } },
    { id: "dynamic-knowledge", text: "Knowledge is dynamic: RAG keeps it current without retraining.", when: FREQUENT_CHANGE, effects: { RAG: 35 }, cite: { file, quote: "RAG wins decisively when knowledge is dynamic and needs to stay current without model retraining." } },
    { id: "attribution", text: "Answers must cite their sources.", when: { answer: "needsCitations", in: [true] }, effects: { RAG: 20, HYBRID: 10 }, cite: { file, quote: "RAG systems can cite their sources — a critical capability ... where auditability is required" } },
    { id: "behaviour-with-data", text: "Behaviour, format or latency matter and there is enough curated data: fine-tuning.", when: { all: [BEHAVIOUR, { answer: "labeledExamples", gte: ENOUGH_LABELS }] }, effects: { FINE_TUNING: 40, HYBRID: 20 }, cite: { file, quote: "Fine-tuning wins when you need to change how the model behaves rather than what it knows." } },
    { id: "thin-data-for-fine-tuning", text: "Fine-tuning is in question (a format or style, latency, or domain reasoning), but the curated data is thin: fine-tuning on it would degrade quality.", when: { all: [FINE_TUNING_IN_QUESTION, { answer: "labeledExamples", lt: ENOUGH_LABELS }] }, effects: { FINE_TUNING: -20 }, cite: { file, quote: "Fine-tuning on noisy, inconsistent, or low-volume domain data frequently degrades overall model quality" } },
    { id: "both-layers", text: "Both how it responds and what it responds with matter: fine-tune plus RAG.", when: { all: [{ any: [{ answer: "coreNeed", in: ["both"] }, { all: [STYLE, FREQUENT_CHANGE] }] }, { answer: "labeledExamples", gte: ENOUGH_LABELS }] }, effects: { HYBRID: 45 }, cite: { file, quote: "The fine-tuning handles the \"how the model should respond\" layer ... The RAG layer handles the \"what the model should respond with\" layer" } },
    { id: "latency-constrained-at-volume", text: "Latency-sensitive, under a tight latency budget or at high volume, with the data to train: a fine-tuned smaller model.", when: { all: [{ answer: "latencySensitive", in: [true] }, { any: [{ answer: "latencyBudgetMs", lt: 1000 }, { answer: "monthlyCalls", gte: 1_000_000 }] }, { answer: "labeledExamples", gte: ENOUGH_LABELS }] }, effects: { FINE_TUNING: 15 }, cite: { file, quote: "For high-volume, latency-constrained production applications — real-time classification, document routing, code completion in an IDE — this tradeoff is often compelling." } },
    { id: "domain-reasoning", text: "Domain-specific reasoning, with high-quality data to teach it.", when: { all: [{ answer: "coreNeed", in: ["reasoning"] }, { answer: "labeledExamples", gte: ENOUGH_LABELS }] }, effects: { FINE_TUNING: 15 }, cite: { file, quote: "Fine-tuning on high-quality domain-specific data can genuinely improve model performance on these narrow tasks" } },
    { id: "documented-knowledge", text: "The need is to know documented things.", when: { answer: "coreNeed", in: ["retrieval"] }, effects: { RAG: 15 }, cite: { file, quote: "any application where the ground truth is documented and changes over time" } },
    { id: "baseline-untested", text: "Nobody has tried a prompted base model yet: try that first.", when: { answer: "promptedBaselineMeetsBar", in: ["untested"] }, effects: { PROMPTING: 25 }, cite: { file, quote: "Before investing in fine-tuning or complex RAG architecture, validate ... a prompted base model doesn't already meet the bar." } },
    { id: "prompted-baseline-falls-short", text: "A prompted base model was tried and falls short of the bar: not prompting alone.", when: { answer: "promptedBaselineMeetsBar", in: ["no"] }, effects: { PROMPTING: -20 }, cite: { file, quote: "validate that ... a prompted base model doesn't already meet the bar" } },
    { id: "no-knowledge-or-behaviour-need", text: "Neither knowledge nor behaviour needs changing: prompting.", when: { answer: "coreNeed", in: ["neither"] }, effects: { PROMPTING: 20 }, cite: { file, quote: "The most expensive mistake in enterprise AI is optimizing the wrong layer." } },
  ],
};
