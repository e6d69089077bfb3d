import type { Framework } from "../types";
import { ENOUGH_LABELS, FAST_CHANGE, FREQUENT_CHANGE, STABLE, STYLE, outsideItsSource } from "./shared";

const file = "004_b4720be0fbd1a961.txt";

/** Seed 004: the RAG checklist against the fine-tuning checklist; RAG is the default start. */
export const whenToUse: Framework = {
  id: "when-to-use",
  title: "When to use",
  source: file,
  version: "2.1.0",
  summary:
    "Counts the case against two checklists: RAG when knowledge changes often, sources must be cited, sensitive data must stay out of training or production is near; fine-tuning for a tone, format or reasoning style, very fast inference, and a stable, well-defined dataset. Both together make a hybrid; RAG is the recommended start.",
  scope: ["RAG", "FINE_TUNING", "HYBRID"],
  abstain: [
    ...outsideItsSource("its two checklists"),
    { when: { all: [{ answer: "coreNeed", in: ["neither"] }, { answer: "needsStyleOrFormat", in: [false] }] }, reason: "Nothing in the case calls for customizing a model, so neither checklist applies.", short: "nothing to retrieve, reason about or style" },
  ],
  rules: [
    { id: "default-rag", text: "RAG is the recommended starting point.", when: { always: true }, effects: { RAG: 10 }, cite: { file, quote: "For most businesses starting their AI journey, RAG is the recommended starting point." } },
    { id: "rag-changing-knowledge", text: "The knowledge base changes frequently.", when: FREQUENT_CHANGE, effects: { RAG: 15 }, cite: { file, quote: "RAG is the right choice when your knowledge base changes frequently" } },
    { id: "rag-citations", text: "The AI must cite specific sources.", when: { answer: "needsCitations", in: [true] }, effects: { RAG: 15 }, cite: { file, quote: "you need the AI to cite specific sources" } },
    { id: "rag-sensitive-data", text: "Sensitive data must stay out of model training.", when: { answer: "sensitiveDataOutOfTraining", in: [true] }, effects: { RAG: 15, FINE_TUNING: -10 }, cite: { file, quote: "you want to keep sensitive data out of model training" } },
    // Against training, as its checklist weighs RAG against fine-tuning (since 2.1.0; as { RAG: 15 } it voted RAG on a deadline alone, over prompting).
    { id: "rag-fast-to-production", text: "It must reach production quickly: not fine-tuning.", when: { answer: "weeksToProduction", lt: 5 }, effects: { FINE_TUNING: -15, HYBRID: -15 }, cite: { file, quote: "or you need to get to production quickly" } },
    { id: "ft-style", text: "The model must adopt a specific tone, format or style.", when: STYLE, effects: { FINE_TUNING: 15 }, cite: { file, quote: "Fine-tuning is better when you need the model to adopt a specific tone, format, or reasoning style" } },
    { id: "ft-reasoning", text: "A reasoning style is the need.", when: { answer: "coreNeed", in: ["reasoning"] }, effects: { FINE_TUNING: 15 }, cite: { file, quote: "adopt a specific tone, format, or reasoning style" } },
    { id: "ft-fast-inference", text: "Very fast inference without retrieval overhead.", when: { answer: "latencySensitive", in: [true] }, effects: { FINE_TUNING: 15 }, cite: { file, quote: "your use case requires very fast inference without retrieval overhead" } },
    { id: "ft-stable-dataset", text: "A well-defined, stable dataset that rarely changes.", when: { all: [STABLE, { answer: "labeledExamples", gte: ENOUGH_LABELS }] }, effects: { FINE_TUNING: 15 }, cite: { file, quote: "you have a well-defined, stable dataset that rarely changes" } },
    { id: "ft-needs-curated-data", text: "Too little curated training data to fine-tune.", when: { answer: "labeledExamples", lt: ENOUGH_LABELS }, effects: { FINE_TUNING: -30, HYBRID: -15 }, cite: { file, quote: "Fine-tuning requires curated training data, compute resources for training, and ongoing model management." } },
    { id: "hybrid", text: "Behaviour to customize and current information to reach: both.", when: { all: [STYLE, FAST_CHANGE] }, effects: { HYBRID: 35 }, cite: { file, quote: "A fine-tuned model handles the base behavior and reasoning style, while RAG provides access to current, specific information." } },
  ],
};
