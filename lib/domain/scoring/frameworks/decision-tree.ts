/**
 * Framework 2, "Ordered decision tree" (seed 001). Its questions, in order:
 *   1. Does the answer depend on frequently updated data? Yes: RAG (or RAG plus fine-tuning when
 *      the output's behaviour must change too). The tree stops.
 *   2. Is the problem about output format, style or task behaviour? Yes: fine-tuning, then only
 *      question 4 (is there labeled data?) is left to ask.
 *   3. Can the answer fit in a context window? Yes: RAG; no: multi-step retrieval or a
 *      summarization pipeline. The tree stops.
 *   4. Labeled data (hundreds of examples)? Yes: fine-tuning is viable; no: RAG is lower-barrier.
 * "When in doubt, start with RAG" closes the tree.
 */
import type { Condition, Framework } from "../types";
import { ENOUGH_LABELED, OTHER_ARCHITECTURE, PROMPTING_SUFFICES, SEED, TOO_FEW_LABELED } from "./common";

const file = SEED["001"];
/** 001 lists legal documents, product catalogs, internal wikis and support articles: monthly counts. */
const FREQUENTLY_UPDATED: Condition = { answer: "changeFrequency", in: ["realtime", "daily", "weekly", "monthly"] };

export const decisionTree: Framework = {
  id: "decision-tree",
  title: "Ordered decision tree",
  source: file,
  version: "1.0.0",
  summary:
    "Four questions in a fixed order. Frequently updated data settles it for RAG (with fine-tuning on top when behaviour must change too). Otherwise a format, style or behaviour need points to fine-tuning, provided there are hundreds of labeled examples. Otherwise RAG, or a multi-step retrieval or summarization pipeline when the context does not fit. When in doubt, RAG.",
  covers: ["RAG", "FINE_TUNING", "HYBRID", "PIPELINE"],
  rules: [
    {
      id: "outside-rag-versus-fine-tuning",
      description: "The case needs tools, a transformation pipeline or continuous feedback learning, which the tree does not ask about.",
      when: OTHER_ARCHITECTURE,
      effects: {},
      abstain: "This tree only chooses between fine-tuning and RAG; tool use, transformation at volume and feedback learning are outside it.",
      citation: { file, quote: "you have two main options: fine-tune the model on your data, or build a RAG pipeline" },
    },
    {
      id: "prompting-already-enough",
      description: "A prompted base model already meets the bar, so the model need not be adapted to the domain.",
      when: PROMPTING_SUFFICES,
      effects: {},
      abstain: "A prompted base model already meets the bar; this tree is for adapting a model to a domain.",
      citation: { file, quote: "When you need an LLM to work with your domain" },
    },
    {
      id: "q1-frequently-updated-and-behaviour",
      description: "Question 1: the answer depends on frequently updated data and the output's behaviour must change too, with labeled data to train it: RAG plus fine-tuning.",
      when: { all: [FREQUENTLY_UPDATED, { answer: "needsStyleOrFormat", eq: true }, ENOUGH_LABELED] },
      effects: { HYBRID: 40, RAG: 20 },
      stop: true,
      citation: { file, quote: "Yes → RAG (or RAG + fine-tuning)" },
    },
    {
      id: "q1-frequently-updated",
      description: "Question 1: the answer depends on frequently updated data: RAG.",
      when: FREQUENTLY_UPDATED,
      effects: { RAG: 40 },
      stop: true,
      citation: { file, quote: "Does the answer depend on frequently updated data?" },
    },
    {
      id: "q2-format-style-or-behaviour",
      description: "Question 2: the problem is about output format, style or task behaviour: fine-tuning.",
      when: { answer: "needsStyleOrFormat", eq: true },
      effects: { FINE_TUNING: 40 },
      citation: { file, quote: "Is the problem about output format, style, or task behavior?" },
    },
    {
      id: "q3-fits-context-window",
      description: "Question 3: no behaviour change is needed and the answer fits in a context window: RAG.",
      when: { all: [{ answer: "needsStyleOrFormat", eq: false }, { answer: "fitsContextWindow", eq: true }] },
      effects: { RAG: 30 },
      stop: true,
      citation: { file, quote: "Can the answer fit in a context window?" },
    },
    {
      id: "q3-exceeds-context-window",
      description: "Question 3: no behaviour change is needed but the answer does not fit in a context window: multi-step retrieval or a summarization pipeline.",
      when: { all: [{ answer: "needsStyleOrFormat", eq: false }, { answer: "fitsContextWindow", eq: false }] },
      effects: { RAG: 20, PIPELINE: 15 },
      stop: true,
      citation: { file, quote: "No → Consider multi-step retrieval or summarization pipelines" },
    },
    {
      id: "q4-labeled-data",
      description: "Question 4: there are hundreds of labeled examples, so fine-tuning is viable.",
      when: ENOUGH_LABELED,
      effects: { FINE_TUNING: 15 },
      citation: { file, quote: "Do you have labeled training data (hundreds of examples)?" },
    },
    {
      id: "q4-no-labeled-data",
      description: "Question 4: there are not hundreds of labeled examples, so RAG is the lower barrier.",
      when: TOO_FEW_LABELED,
      effects: { RAG: 35, FINE_TUNING: -30 },
      citation: { file, quote: "No → RAG is lower-barrier to start" },
    },
    {
      id: "when-in-doubt-rag",
      description: "When in doubt, start with RAG.",
      when: { always: true },
      effects: { RAG: 5 },
      citation: { file, quote: "When in doubt, start with RAG" },
    },
  ],
};
