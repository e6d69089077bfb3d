import type { Framework } from "../types";
import { FAST_CHANGE, STABLE, STYLE, outsideItsSource } from "./shared";

const file = "000_2a5380ca2875bd0d.txt";

/** Seed 000: three questions, then its "Use fine-tuning when" and "Use RAG when" lists; hybrid where both sides hold. */
export const threeQuestions: Framework = {
  id: "three-questions",
  title: "Three questions",
  source: file,
  version: "2.1.0",
  summary:
    "Asks how often the knowledge changes, whether the need is specialized reasoning or accurate retrieval, and how much lag between a business change and correct answers is acceptable; then weighs its lists of when fine-tuning and when RAG win. Where both sides hold, it lands on a hybrid.",
  scope: ["RAG", "FINE_TUNING", "HYBRID"],
  abstain: [
    ...outsideItsSource("the three questions"),
    { when: { all: [{ answer: "coreNeed", in: ["neither"] }, { answer: "needsStyleOrFormat", in: [false] }] }, reason: "The case needs neither retrieval nor specialized reasoning nor a style, so the three questions do not apply.", short: "nothing to retrieve, reason about or style" },
  ],
  rules: [
    { id: "q1-daily-or-weekly", text: "Knowledge changes daily or weekly: RAG wins.", when: FAST_CHANGE, effects: { RAG: 30 }, cite: { file, quote: "If the answer is daily or weekly, RAG wins." } },
    { id: "q1-monthly", text: "Knowledge changes monthly: leans to RAG.", when: { answer: "changeFrequency", in: ["monthly"] }, effects: { RAG: 10 }, cite: { file, quote: "How often does your underlying information change?" } },
    { id: "q1-quarterly-or-slower", text: "Knowledge changes quarterly or more slowly: fine-tuning becomes viable.", when: STABLE, effects: { FINE_TUNING: 20 }, cite: { file, quote: "If the answer is quarterly or annually, fine-tuning becomes viable." } },
    { id: "q2-reasoning", text: "The need is specialized reasoning: fine-tune.", when: { answer: "coreNeed", in: ["reasoning"] }, effects: { FINE_TUNING: 30 }, cite: { file, quote: "If you need the model to think like a domain expert with nuanced judgment, fine-tune." } },
    { id: "q2-retrieval", text: "The need is accurate retrieval: use RAG.", when: { answer: "coreNeed", in: ["retrieval"] }, effects: { RAG: 30 }, cite: { file, quote: "If you need it to find and present correct information, use RAG." } },
    { id: "q2-both", text: "The need is both: most businesses land on a hybrid.", when: { answer: "coreNeed", in: ["both"] }, effects: { HYBRID: 40 }, cite: { file, quote: "Most businesses will land on hybrid implementations" } },
    { id: "q3-under-a-week", text: "Less than a week of lag is acceptable: RAG is mandatory.", when: { answer: "maxLagDays", lt: 7 }, effects: { RAG: 25, FINE_TUNING: -20 }, cite: { file, quote: "If you cannot tolerate even one-week gaps between updates and model knowledge, RAG is mandatory." } },
    { id: "q3-monthly-suffices", text: "A month of lag is acceptable: fine-tuning works.", when: { answer: "maxLagDays", gte: 30 }, effects: { FINE_TUNING: 15 }, cite: { file, quote: "If monthly accuracy updates suffice, fine-tuning works." } },
    { id: "ft-style", text: "Consistent tone, style or language patterns are the primary need.", when: STYLE, effects: { FINE_TUNING: 15, HYBRID: 10 }, cite: { file, quote: "Use Fine-Tuning When: Your primary need is consistent tone, style, or specialized language patterns." } },
    { id: "ft-expertise-undocumented", text: "Domain expertise cannot be documented or retrieved.", when: { answer: "expertiseDocumented", in: [false] }, effects: { FINE_TUNING: 10 }, cite: { file, quote: "Your domain expertise cannot be easily documented or retrieved" } },
    { id: "ft-no-retraining-budget", text: "No budget or engineers for ongoing retraining.", when: { answer: "retrainingBudget", in: [false] }, effects: { FINE_TUNING: -30, HYBRID: -10 }, cite: { file, quote: "You have budget for ongoing retraining cycles and machine learning engineering resources." } },
    { id: "rag-citations", text: "Answers must be verifiable, with source citations.", when: { answer: "needsCitations", in: [true] }, effects: { RAG: 10, HYBRID: 5 }, cite: { file, quote: "You need verifiable, traceable answers with source citations." } },
    { id: "rag-large-corpus", text: "The knowledge base is large.", when: { answer: "corpusDocuments", gte: 10000 }, effects: { RAG: 10 }, cite: { file, quote: "Your knowledge base is large, diverse, and constantly expanding." } },
    // Against weeks of training, not for RAG over what needs no build at all (since 2.1.0: as { RAG: 10 } it voted RAG on a deadline alone, over prompting).
    { id: "rag-rapid-deployment", text: "It must be live within a month: no weeks of model training.", when: { answer: "weeksToProduction", lt: 5 }, effects: { FINE_TUNING: -10, HYBRID: -10 }, cite: { file, quote: "You want rapid deployment without weeks of model training." } },
    { id: "hybrid-style-and-current-facts", text: "Style is needed and the facts change fast: fine-tune for style, RAG for facts.", when: { all: [STYLE, FAST_CHANGE] }, effects: { HYBRID: 25 }, cite: { file, quote: "fine-tune for domain expertise and communication style, use RAG for factual grounding and current information" } },
  ],
};
