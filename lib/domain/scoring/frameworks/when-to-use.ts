/**
 * Framework 5, "When to use" (seed 004): its "When to use RAG" checklist against its "When to use
 * fine-tuning" checklist, each item adding points; hybrid where items from both lists hold; RAG as
 * the recommended starting point. Rules add up.
 */
import type { Condition, Framework } from "../types";
import { OTHER_ARCHITECTURE, PROMPTING_SUFFICES, SEED, TOO_FEW_LABELED } from "./common";

const file = SEED["004"];
const CHANGES_OFTEN: Condition = { answer: "changeFrequency", in: ["realtime", "daily", "weekly", "monthly"] };

export const whenToUse: Framework = {
  id: "when-to-use",
  title: "When to use",
  source: file,
  version: "1.0.0",
  summary:
    "Tick two checklists. RAG: knowledge changes often, sources must be cited, traceability matters more than speed, sensitive data stays out of training, production is needed soon. Fine-tuning: a specific tone, format or reasoning style, very fast inference, a stable dataset, and curated training data to learn from. Items from both lists make a hybrid. RAG is the recommended starting point.",
  covers: ["RAG", "FINE_TUNING", "HYBRID"],
  rules: [
    {
      id: "outside-rag-versus-fine-tuning",
      description: "The case needs tools, a transformation pipeline or continuous feedback learning, which the checklists do not cover.",
      when: OTHER_ARCHITECTURE,
      effects: {},
      abstain: "The checklists compare only RAG and fine-tuning (and their hybrid); tool use, transformation at volume and feedback learning are outside them.",
      citation: { file, quote: "the two most common approaches for customizing LLMs" },
    },
    {
      id: "prompting-already-enough",
      description: "A prompted base model already meets the bar, so no customization is needed.",
      when: PROMPTING_SUFFICES,
      effects: {},
      abstain: "A prompted base model already meets the bar; the checklists choose how to customize a model.",
      citation: { file, quote: "the two most common approaches for customizing LLMs" },
    },
    {
      id: "rag-knowledge-changes",
      description: "RAG checklist: the knowledge base changes frequently (monthly or faster).",
      when: CHANGES_OFTEN,
      effects: { RAG: 20, HYBRID: 10 },
      citation: { file, quote: "RAG is the right choice when your knowledge base changes frequently" },
    },
    {
      id: "rag-cite-sources",
      description: "RAG checklist: answers must cite specific sources.",
      when: { answer: "needsCitations", eq: true },
      effects: { RAG: 15, HYBRID: 5 },
      citation: { file, quote: "you need the AI to cite specific sources" },
    },
    {
      id: "rag-traceability-over-speed",
      description: "RAG checklist: not latency-sensitive, so accuracy and traceability come before speed.",
      when: { answer: "latencySensitive", eq: false },
      effects: { RAG: 5 },
      citation: { file, quote: "accuracy and traceability matter more than speed" },
    },
    {
      id: "rag-sensitive-data",
      description: "RAG checklist: sensitive data must stay out of model training.",
      when: { answer: "sensitiveDataOutOfTraining", eq: true },
      effects: { RAG: 15, FINE_TUNING: -10, HYBRID: -5 },
      citation: { file, quote: "you want to keep sensitive data out of model training" },
    },
    {
      id: "rag-production-quickly",
      description: "RAG checklist: production is needed within four weeks, the time a basic RAG pipeline takes.",
      when: { answer: "weeksToProduction", lte: 4 },
      effects: { RAG: 10 },
      citation: { file, quote: "A basic RAG pipeline can be built in 2-4 weeks" },
    },
    {
      id: "ft-tone-format-style",
      description: "Fine-tuning checklist: the model must adopt a specific tone, format or style.",
      when: { answer: "needsStyleOrFormat", eq: true },
      effects: { FINE_TUNING: 25, HYBRID: 15 },
      citation: { file, quote: "you need the model to adopt a specific tone, format, or reasoning style" },
    },
    {
      id: "ft-reasoning-style",
      description: "Fine-tuning checklist: the core need is a specialized reasoning style.",
      when: { answer: "coreNeed", eq: "reasoning" },
      effects: { FINE_TUNING: 10 },
      citation: { file, quote: "decision patterns, or domain-specific knowledge" },
    },
    {
      id: "ft-fast-inference",
      description: "Fine-tuning checklist: very fast inference without retrieval overhead.",
      when: { answer: "latencySensitive", eq: true },
      effects: { FINE_TUNING: 20 },
      citation: { file, quote: "your use case requires very fast inference without retrieval overhead" },
    },
    {
      id: "ft-stable-dataset",
      description: "Fine-tuning checklist: the dataset is stable and rarely changes (quarterly or slower).",
      when: { answer: "changeFrequency", in: ["quarterly", "annually", "static"] },
      effects: { FINE_TUNING: 15 },
      citation: { file, quote: "you have a well-defined, stable dataset that rarely changes" },
    },
    {
      id: "ft-without-training-data",
      description: "Fine-tuning requires curated training data; with too few examples it is not viable, whatever else favours it.",
      when: TOO_FEW_LABELED,
      effects: { FINE_TUNING: -70, HYBRID: -40 },
      citation: { file, quote: "Fine-tuning requires curated training data" },
    },
    {
      id: "hybrid-both-lists",
      description: "Items from both lists hold (current or cited knowledge, and a behaviour or reasoning style): a fine-tuned model with RAG.",
      when: {
        all: [
          { any: [CHANGES_OFTEN, { answer: "needsCitations", eq: true }] },
          { any: [{ answer: "needsStyleOrFormat", eq: true }, { answer: "coreNeed", eq: "both" }] },
        ],
      },
      effects: { HYBRID: 25 },
      citation: { file, quote: "A fine-tuned model handles the base behavior and reasoning style, while RAG provides access to current, specific information." },
    },
    {
      id: "rag-recommended-start",
      description: "RAG is the recommended starting point for most businesses.",
      when: { always: true },
      effects: { RAG: 10 },
      citation: { file, quote: "RAG is the recommended starting point" },
    },
  ],
};
