/**
 * Framework 4, "Start with RAG" (seed 003). Its questions, in order:
 *   1. Does the answer come from a specific corpus that updates over time? RAG.
 *   2. Must the model write in a specific style or format? Fine-tuning, once the cheaper option
 *      (prompting) has clearly failed.
 *   3. Both? Hybrid: RAG first, fine-tuning layered on.
 *   4. Neither? Probably just prompting.
 * "Both" is checked first so that question 1 cannot hide it. Otherwise: start with RAG.
 */
import type { Condition, Framework } from "../types";
import { OTHER_ARCHITECTURE, SEED } from "./common";

const file = SEED["003"];
/** The answer must come from a corpus (retrieval is a core need) that changes at all. */
const UPDATING_CORPUS: Condition = {
  all: [
    { answer: "coreNeed", in: ["retrieval", "both"] },
    { answer: "changeFrequency", in: ["realtime", "daily", "weekly", "monthly", "quarterly", "annually"] },
  ],
};
const STYLE: Condition = { answer: "needsStyleOrFormat", eq: true };

export const startWithRag: Framework = {
  id: "start-with-rag",
  title: "Start with RAG",
  source: file,
  version: "1.0.0",
  summary:
    "Almost always start with RAG. A corpus that updates over time means RAG; a required style or format means fine-tuning, once cheaper prompting has clearly failed; both means a hybrid that starts with RAG; neither means a well-prompted chatbot is probably enough.",
  covers: ["RAG", "FINE_TUNING", "HYBRID", "PROMPTING"],
  rules: [
    {
      id: "outside-rag-fine-tuning-prompting",
      description: "The case needs tools, a transformation pipeline or continuous feedback learning, which these four questions do not cover.",
      when: OTHER_ARCHITECTURE,
      effects: {},
      abstain: "These questions choose between RAG, fine-tuning, both or prompting; tool use, transformation at volume and feedback learning are outside them.",
      citation: { file, quote: "Should we fine-tune a model or use RAG?" },
    },
    {
      id: "q3-both-corpus-and-style",
      description: "Questions 1 and 2 both hold: an updating corpus and a required style. Hybrid, starting with RAG.",
      when: { all: [UPDATING_CORPUS, STYLE] },
      effects: { HYBRID: 40, RAG: 15 },
      stop: true,
      citation: { file, quote: "Both? → Hybrid. Start with RAG, layer fine-tuning when the style gap matters." },
    },
    {
      id: "q1-updating-corpus",
      description: "Question 1: the answer must come from a specific corpus that updates over time: RAG.",
      when: UPDATING_CORPUS,
      effects: { RAG: 40 },
      stop: true,
      citation: { file, quote: "Does the answer need to come from a specific corpus that updates over time? → RAG." },
    },
    {
      id: "q2-style-cheaper-option-first",
      description: "Question 2 holds, but prompting has not clearly failed (untested, or it meets the bar): try the cheaper option first.",
      when: { all: [STYLE, { answer: "promptedBaselineMeetsBar", in: ["yes", "untested"] }] },
      effects: { PROMPTING: 30, FINE_TUNING: 10 },
      stop: true,
      citation: { file, quote: "Start with the cheaper option. Add complexity when the cheaper option clearly fails." },
    },
    {
      id: "q2-style-or-format",
      description: "Question 2: the model must write in a specific style or format: fine-tuning.",
      when: STYLE,
      effects: { FINE_TUNING: 40 },
      stop: true,
      citation: { file, quote: "Does the model need to write in a specific style or format? → Fine-tuning." },
    },
    {
      id: "q4-neither",
      description: "Question 4: neither an updating corpus nor a required style: probably just prompting.",
      when: { all: [{ not: UPDATING_CORPUS }, { answer: "needsStyleOrFormat", eq: false }] },
      effects: { PROMPTING: 40 },
      stop: true,
      citation: { file, quote: "Neither — you just need a good chatbot? → Probably just prompting." },
    },
    {
      id: "start-with-rag",
      description: "Not settled by the questions: start with RAG.",
      when: { always: true },
      effects: { RAG: 10 },
      citation: { file, quote: "Start with RAG. Almost always." },
    },
  ],
};
