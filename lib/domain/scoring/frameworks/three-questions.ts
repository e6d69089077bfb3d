/**
 * Framework 1, "Three questions" (seed 000): how often the information changes, reasoning versus
 * retrieval, and the acceptable lag; then the seed's "Use fine-tuning when" and "Use RAG when"
 * lists, and hybrid where both sides hold. Rules add up; none stops the others.
 */
import type { Condition, Framework } from "../types";
import { OTHER_ARCHITECTURE, PROMPTING_SUFFICES, SEED, TOO_FEW_LABELED } from "./common";

const file = SEED["000"];
const FAST: Condition = { answer: "changeFrequency", in: ["realtime", "daily", "weekly"] };

export const threeQuestions: Framework = {
  id: "three-questions",
  title: "Three questions",
  source: file,
  version: "1.0.0",
  summary:
    "Ask how often the information changes, whether the job is expert reasoning or finding the right facts, and how long answers may lag behind the business. Fast change, retrieval and a short lag point to RAG; stable knowledge, expert judgement and a consistent voice point to fine-tuning; when both sides hold, combine them.",
  covers: ["RAG", "FINE_TUNING", "HYBRID"],
  rules: [
    {
      id: "outside-rag-versus-fine-tuning",
      description: "The case needs tools, a transformation pipeline or continuous feedback learning, which this framework does not weigh.",
      when: OTHER_ARCHITECTURE,
      effects: {},
      abstain: "This framework only weighs fine-tuning, RAG and their hybrid; tool use, transformation pipelines and feedback learning are outside it.",
      citation: { file, quote: "Map whether the core requirement is specialized reasoning or current information retrieval." },
    },
    {
      id: "prompting-already-enough",
      description: "A prompted base model already meets the bar, so there is no model to customize.",
      when: PROMPTING_SUFFICES,
      effects: {},
      abstain: "A prompted base model already meets the bar; this framework only chooses how to adapt a model to the business.",
      citation: { file, quote: "making language models work for their specific business" },
    },
    {
      id: "q1-changes-daily-or-weekly",
      description: "Question 1: the information changes daily or weekly (or in real time), so RAG wins.",
      when: FAST,
      effects: { RAG: 25, HYBRID: 10, FINE_TUNING: -20 },
      citation: { file, quote: "If the answer is daily or weekly, RAG wins." },
    },
    {
      id: "q1-changes-quarterly-or-slower",
      description: "Question 1: the information changes quarterly, annually or never, so fine-tuning becomes viable.",
      when: { answer: "changeFrequency", in: ["quarterly", "annually", "static"] },
      effects: { FINE_TUNING: 15 },
      citation: { file, quote: "If the answer is quarterly or annually, fine-tuning becomes viable." },
    },
    {
      id: "q2-specialized-reasoning",
      description: "Question 2: the model must think like a domain expert, so fine-tune.",
      when: { answer: "coreNeed", eq: "reasoning" },
      effects: { FINE_TUNING: 20 },
      citation: { file, quote: "If you need the model to think like a domain expert with nuanced judgment, fine-tune." },
    },
    {
      id: "q2-accurate-retrieval",
      description: "Question 2: the model must find and present correct information, so use RAG.",
      when: { answer: "coreNeed", eq: "retrieval" },
      effects: { RAG: 20 },
      citation: { file, quote: "If you need it to find and present correct information, use RAG." },
    },
    {
      id: "q2-reasoning-and-retrieval",
      description: "Question 2: both expert reasoning and current facts are needed: fine-tune for expertise, retrieve the facts.",
      when: { answer: "coreNeed", eq: "both" },
      effects: { HYBRID: 25, RAG: 5, FINE_TUNING: 5 },
      citation: { file, quote: "fine-tune for domain expertise and communication style, use RAG for factual grounding and current information" },
    },
    {
      id: "q3-lag-under-a-week",
      description: "Question 3: answers may not lag the business by even a week, so retrieval is required.",
      when: { answer: "maxLagDays", lt: 7 },
      effects: { RAG: 20, HYBRID: 5, FINE_TUNING: -20 },
      citation: { file, quote: "If you cannot tolerate even one-week gaps between updates and model knowledge, RAG is mandatory." },
    },
    {
      id: "q3-monthly-updates-suffice",
      description: "Question 3: a lag of a month or more is acceptable, so fine-tuning works.",
      when: { answer: "maxLagDays", gte: 30 },
      effects: { FINE_TUNING: 10 },
      citation: { file, quote: "If monthly accuracy updates suffice, fine-tuning works." },
    },
    {
      id: "ft-consistent-tone-or-style",
      description: "Fine-tuning list: the output must keep a consistent tone, style or format.",
      when: { answer: "needsStyleOrFormat", eq: true },
      effects: { FINE_TUNING: 15, HYBRID: 10 },
      citation: { file, quote: "Your primary need is consistent tone, style, or specialized language patterns." },
    },
    {
      id: "ft-expertise-not-documentable",
      description: "Fine-tuning list: the domain expertise cannot be documented and retrieved, so it must be internalized.",
      when: { answer: "expertiseDocumented", eq: false },
      effects: { FINE_TUNING: 10, HYBRID: 5 },
      citation: { file, quote: "Your domain expertise cannot be easily documented or retrieved, requiring internalized understanding." },
    },
    {
      id: "ft-no-retraining-budget",
      description: "Fine-tuning list: it assumes budget and ML engineers for retraining; without them fine-tuning loses ground.",
      when: { answer: "retrainingBudget", eq: false },
      effects: { FINE_TUNING: -15, HYBRID: -10 },
      citation: { file, quote: "You have budget for ongoing retraining cycles and machine learning engineering resources." },
    },
    {
      id: "ft-no-training-examples",
      description: "Fine-tuning starts from a collected set of training examples; with only a handful it is not an option yet.",
      when: TOO_FEW_LABELED,
      effects: { FINE_TUNING: -20, HYBRID: -10 },
      citation: { file, quote: "You collect thousands of examples, spend weeks preparing training data" },
    },
    {
      id: "rag-source-citations",
      description: "RAG list: answers must be verifiable and cite their sources.",
      when: { answer: "needsCitations", eq: true },
      effects: { RAG: 10, HYBRID: 5 },
      citation: { file, quote: "You need verifiable, traceable answers with source citations." },
    },
    {
      id: "rag-large-knowledge-base",
      description: "RAG list: the knowledge base is large (ten thousand documents or more).",
      when: { answer: "corpusDocuments", gte: 10_000 },
      effects: { RAG: 5, HYBRID: 5 },
      citation: { file, quote: "Your knowledge base is large, diverse, and constantly expanding." },
    },
    {
      id: "rag-rapid-deployment",
      description: "RAG list: it must ship sooner than fine-tuning's eight-week timeline.",
      when: { answer: "weeksToProduction", lt: 8 },
      effects: { RAG: 10 },
      citation: { file, quote: "You want rapid deployment without weeks of model training." },
    },
    {
      id: "rag-controlled-access",
      description: "RAG list: what the model may see must be controlled for compliance or security.",
      when: { answer: "sensitiveDataOutOfTraining", eq: true },
      effects: { RAG: 5 },
      citation: { file, quote: "You need to control exactly what information the model can access for compliance or security reasons." },
    },
    {
      id: "hybrid-both-sides-hold",
      description: "Both sides hold: current or cited facts, and expert reasoning or a set style. Fine-tune for the behaviour, retrieve the facts.",
      when: {
        all: [
          { any: [FAST, { answer: "needsCitations", eq: true }] },
          { any: [{ answer: "needsStyleOrFormat", eq: true }, { answer: "coreNeed", in: ["reasoning", "both"] }] },
        ],
      },
      effects: { HYBRID: 15 },
      citation: { file, quote: "Most businesses will land on hybrid implementations" },
    },
  ],
};
