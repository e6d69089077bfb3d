import type { Condition, Framework } from "../types";
import { ENOUGH_LABELS, STYLE, outsideItsSource } from "./shared";

const file = "003_cef81cc6bb37c5d4.txt";

/** "A specific corpus that updates over time": knowledge that changes, and answers that must come from it. */
const UPDATING_CORPUS: Condition = {
  all: [
    { answer: "changeFrequency", in: ["realtime", "daily", "weekly", "monthly", "quarterly"] },
    { any: [{ answer: "coreNeed", in: ["retrieval", "both"] }, { answer: "needsCitations", in: [true] }] },
  ],
};

/** A prompted base model was tried and falls short of the bar: prompting alone, the cheaper option, clearly failed. */
const PROMPTING_FELL_SHORT: Condition = { answer: "promptedBaselineMeetsBar", in: ["no"] };
const CHEAPER_FIRST = "Start with the cheaper option. Add complexity when the cheaper option clearly fails.";

/**
 * Seed 003: start with RAG; four questions in order. Prompting is never its answer where a prompted
 * base model was tried and falls short (since 2.1.0): the cheaper option clearly failed, so the
 * walk adds complexity instead (fine-tuning for a style, RAG for a plain chatbot).
 */
export const startWithRag: Framework = {
  id: "start-with-rag",
  title: "Start with RAG",
  source: file,
  version: "2.1.0",
  summary:
    "RAG is the starting point almost always. In order: answers from a corpus that updates over time → RAG; a specific style or format → fine-tuning; both → hybrid; neither → probably just prompting.",
  scope: ["RAG", "FINE_TUNING", "HYBRID", "PROMPTING"],
  abstain: [...outsideItsSource("its four questions")],
  rules: [
    { id: "default-rag", text: "Start with RAG, almost always.", when: { always: true }, effects: { RAG: 20 }, cite: { file, quote: "Start with RAG. Almost always." } },
    { id: "q3-both", text: "An updating corpus and a style to keep: hybrid.", when: { all: [UPDATING_CORPUS, STYLE] }, effects: { HYBRID: 60 }, stop: true, cite: { file, quote: "Both? → Hybrid. Start with RAG, layer fine-tuning when the style gap matters." } },
    { id: "q1-updating-corpus", text: "The answer comes from a corpus that updates over time: RAG.", when: UPDATING_CORPUS, effects: { RAG: 60 }, stop: true, cite: { file, quote: "Does the answer need to come from a specific corpus that updates over time? → RAG." } },
    { id: "q2-style-prompting-fell-short", text: "A style or format, too few examples yet to train it, and a prompted base model was tried and falls short: fine-tuning, the next step up.", when: { all: [STYLE, { answer: "labeledExamples", lt: ENOUGH_LABELS }, PROMPTING_FELL_SHORT] }, effects: { FINE_TUNING: 60 }, stop: true, cite: { file, quote: CHEAPER_FIRST } },
    { id: "q2-style-without-examples", text: "A style or format, but too few examples to train it: prompting first.", when: { all: [STYLE, { answer: "labeledExamples", lt: ENOUGH_LABELS }] }, effects: { PROMPTING: 40, FINE_TUNING: 10 }, stop: true, cite: { file, quote: "Fine-tuning on thousands of examples of perfectly-formatted JSON or SQL outputs produces more reliable structured generation than prompting." } },
    { id: "q2-style", text: "The model must write in a specific style or format: fine-tuning.", when: STYLE, effects: { FINE_TUNING: 60 }, stop: true, cite: { file, quote: "Does the model need to write in a specific style or format? → Fine-tuning." } },
    { id: "domain-reasoning", text: "Highly specialised reasoning the base model lacks: fine-tuning.", when: { all: [{ answer: "coreNeed", in: ["reasoning"] }, { answer: "expertiseDocumented", in: [false] }] }, effects: { FINE_TUNING: 40 }, stop: true, cite: { file, quote: "Domain-specific reasoning. Highly specialised domains ... benefit from training on domain corpora." } },
    { id: "q4-neither-prompting-fell-short", text: "Neither, but a prompted base model was tried and falls short of the bar: not just prompting, RAG.", when: { all: [{ answer: "needsStyleOrFormat", in: [false] }, { not: UPDATING_CORPUS }, PROMPTING_FELL_SHORT] }, effects: { RAG: 40 }, stop: true, cite: { file, quote: CHEAPER_FIRST } },
    { id: "q4-neither", text: "Neither: you just need a good chatbot, so prompting.", when: { all: [{ answer: "needsStyleOrFormat", in: [false] }, { not: UPDATING_CORPUS }] }, effects: { PROMPTING: 60 }, stop: true, cite: { file, quote: "Neither — you just need a good chatbot? → Probably just prompting. Don't over-engineer." } },
  ],
};
