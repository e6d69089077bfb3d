/**
 * Framework 3, "Behaviour versus knowledge" (seed 002). First check whether a prompted base model
 * already meets the bar. Dynamic knowledge and attribution favour RAG; behaviour, format, latency
 * and domain reasoning favour fine-tuning only with enough curated data (too little data degrades
 * quality). Tool use calls for an agent, transformation at volume for a structured pipeline, and
 * continuous learning from users for feedback learning. Rules add up.
 */
import type { Condition, Framework } from "../types";
import { ENOUGH_LABELED, SEED, TOO_FEW_LABELED } from "./common";

const file = SEED["002"];
const BEHAVIOUR_NEED: Condition = {
  any: [
    { answer: "needsStyleOrFormat", eq: true },
    { answer: "latencySensitive", eq: true },
    { answer: "coreNeed", in: ["reasoning", "both"] },
  ],
};

export const behaviourVersusKnowledge: Framework = {
  id: "behaviour-vs-knowledge",
  title: "Behaviour versus knowledge",
  source: file,
  version: "1.0.0",
  summary:
    "First make sure a prompted base model does not already do the job. Then: what the model must know, when it changes or must be cited, belongs in retrieval; how it must behave (format, style, latency, domain reasoning) belongs in fine-tuning, but only with enough curated, expert-checked examples. Some problems need another architecture: an agent for tool use, a pipeline for transformation at volume, feedback learning for systems that learn from their users.",
  covers: ["RAG", "FINE_TUNING", "HYBRID", "PROMPTING", "AGENT", "PIPELINE", "FEEDBACK_LEARNING"],
  rules: [
    {
      id: "prompted-baseline-meets-bar",
      description: "A prompted base model already meets the bar: do not optimize a layer that needs no work.",
      when: { answer: "promptedBaselineMeetsBar", eq: "yes" },
      effects: { PROMPTING: 50 },
      citation: { file, quote: "a prompted base model doesn't already meet the bar" },
    },
    {
      id: "prompted-baseline-untested",
      description: "Nobody has tested a prompted base model yet: validate it before investing in fine-tuning or RAG.",
      when: { answer: "promptedBaselineMeetsBar", eq: "untested" },
      effects: { PROMPTING: 15 },
      citation: { file, quote: "Before investing in fine-tuning or complex RAG architecture, validate" },
    },
    {
      id: "prompted-baseline-falls-short",
      description: "A prompted base model was tested and falls short, so prompting alone is not enough.",
      when: { answer: "promptedBaselineMeetsBar", eq: "no" },
      effects: { PROMPTING: -20 },
      citation: { file, quote: "The most expensive mistake in enterprise AI is optimizing the wrong layer." },
    },
    {
      id: "dynamic-knowledge",
      description: "The knowledge changes (monthly or faster) and must stay current without retraining: RAG.",
      when: { answer: "changeFrequency", in: ["realtime", "daily", "weekly", "monthly"] },
      effects: { RAG: 30, HYBRID: 10 },
      citation: { file, quote: "RAG wins decisively when knowledge is dynamic and needs to stay current without model retraining." },
    },
    {
      id: "knowledge-need",
      description: "The core need is what the model responds with (current information), which the retrieval layer supplies.",
      when: { answer: "coreNeed", eq: "retrieval" },
      effects: { RAG: 15 },
      citation: { file, quote: 'The RAG layer handles the "what the model should respond with" layer' },
    },
    {
      id: "attribution",
      description: "Answers must cite their sources, which retrieval grounds and auditors can check.",
      when: { answer: "needsCitations", eq: true },
      effects: { RAG: 15, HYBRID: 5 },
      citation: { file, quote: "RAG systems can cite their sources" },
    },
    {
      id: "behaviour-and-knowledge",
      description: "Both behaviour (reasoning) and current knowledge are needed: a fine-tuned model combined with RAG.",
      when: { answer: "coreNeed", eq: "both" },
      effects: { HYBRID: 25 },
      citation: { file, quote: "Many production enterprise AI systems benefit from both" },
    },
    {
      id: "behaviour-or-format-with-data",
      description: "The output's format or style must change and there are enough curated examples: fine-tuning.",
      when: { all: [{ answer: "needsStyleOrFormat", eq: true }, ENOUGH_LABELED] },
      effects: { FINE_TUNING: 25, HYBRID: 15 },
      citation: { file, quote: "Fine-tuning wins when you need to change how the model behaves rather than what it knows." },
    },
    {
      id: "latency-with-data",
      description: "Latency-sensitive or high-volume, with enough curated examples: a fine-tuned smaller model.",
      when: { all: [{ answer: "latencySensitive", eq: true }, ENOUGH_LABELED] },
      effects: { FINE_TUNING: 20 },
      citation: { file, quote: "Fine-tuning also wins for latency-sensitive applications" },
    },
    {
      id: "domain-reasoning-with-data",
      description: "Domain-specific reasoning with enough curated examples: fine-tuning can improve the narrow task.",
      when: { all: [{ answer: "coreNeed", in: ["reasoning", "both"] }, ENOUGH_LABELED] },
      effects: { FINE_TUNING: 15, HYBRID: 5 },
      citation: { file, quote: "Fine-tuning on high-quality domain-specific data can genuinely improve model performance on these narrow tasks" },
    },
    {
      id: "behaviour-need-without-data",
      description: "Fine-tuning would serve the behaviour, but there are too few curated examples: low-volume data degrades quality.",
      when: { all: [BEHAVIOUR_NEED, TOO_FEW_LABELED] },
      effects: { FINE_TUNING: -25, HYBRID: -15 },
      citation: { file, quote: "Fine-tuning on noisy, inconsistent, or low-volume domain data frequently degrades overall model quality" },
    },
    {
      id: "tool-use",
      description: "It must compute, run code, query databases or call APIs: an agent with tool use.",
      when: { answer: "needsToolUse", eq: true },
      effects: { AGENT: 70 },
      citation: { file, quote: "require an agent architecture with tool use" },
    },
    {
      id: "transformation-at-volume",
      description: "It transforms documents at volume: a structured pipeline for parsing, extraction and validation.",
      when: { answer: "transformationAtVolume", eq: true },
      effects: { PIPELINE: 70 },
      citation: { file, quote: "often benefit from structured pipeline architectures" },
    },
    {
      id: "continuous-feedback",
      description: "It must learn from user interactions as they happen: RLHF or similar feedback learning.",
      when: { answer: "learnsFromFeedback", eq: true },
      effects: { FEEDBACK_LEARNING: 70 },
      citation: { file, quote: "require reinforcement learning from human feedback (RLHF) or similar approaches" },
    },
  ],
};
