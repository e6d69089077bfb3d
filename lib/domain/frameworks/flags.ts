/**
 * Risk flags, each with a one-sentence reason and its citation. Codes match
 * ../shared/acceptance/vignettes.json and vignettes-v2.json.
 *
 * "The approach in play" is the chosen approach when one is chosen, else the recommendation.
 */
import { changesHow, type Approach, type Assessment } from "../assessment";
import { DEFAULT_RETRAIN_LAG_DAYS, retrainingUnbudgeted, retrainLagShown, upToDays } from "../costing/retraining";
import { CAPABILITY_RULES } from "./capabilities";
import { ENOUGH_LABELS } from "./data/shared";
import { NOTHING_TO_RETRIEVE, ownKnowledgeSign, promptingMeetsBar, promptingReachesKnowledge, retrievesNothing, trainsAModel } from "./evidence";
import { oneDecimal, plural, weeks } from "../portfolio/format";
import { timeToValueFigures, timeToValueKey, type TimeToValueFigures } from "../costing/time-to-value";
import { fineTunedWait } from "./serves";
import type { Citation } from "./types";

export const FLAG_CODES = [
  "FT_ON_FAST_CHANGING_KNOWLEDGE",
  "FT_WITHOUT_ENOUGH_LABELED_DATA",
  "FT_WITHOUT_RETRAINING_BUDGET",
  "FT_BEFORE_PROMPTED_BASELINE",
  "FT_THOUGH_PROMPTING_MEETS_BAR",
  "SENSITIVE_DATA_IN_TRAINING",
  "NO_EVALUATION_SET",
  "CHOSEN_DIFFERS_FROM_CONSENSUS",
  "STALENESS_EXCEEDS_ACCEPTABLE_LAG",
  "PROMPTING_WITHOUT_ITS_KNOWLEDGE",
  "PROMPTING_BELOW_BAR",
  "NOTHING_TO_RETRIEVE",
  "LEARNING_WITHOUT_FEEDBACK_LOOP",
  "TIME_TO_VALUE_PAST_DEADLINE",
  "CONTRADICTORY_ANSWERS",
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export const FLAG_LABELS: Record<FlagCode, string> = {
  FT_ON_FAST_CHANGING_KNOWLEDGE: "Fine-tuning on fast-changing knowledge",
  FT_WITHOUT_ENOUGH_LABELED_DATA: "Fine-tuning without enough labeled data",
  FT_WITHOUT_RETRAINING_BUDGET: "Fine-tuning without a retraining budget",
  FT_BEFORE_PROMPTED_BASELINE: "Fine-tuning before a prompted baseline was tried",
  FT_THOUGH_PROMPTING_MEETS_BAR: "Fine-tuning though a prompted base model meets the bar",
  SENSITIVE_DATA_IN_TRAINING: "Sensitive data would go into model training",
  NO_EVALUATION_SET: "No evaluation set",
  CHOSEN_DIFFERS_FROM_CONSENSUS: "Chosen approach differs from the recommendation",
  STALENESS_EXCEEDS_ACCEPTABLE_LAG: "Staleness beyond the acceptable lag",
  PROMPTING_WITHOUT_ITS_KNOWLEDGE: "Prompting alone on knowledge it never sees",
  PROMPTING_BELOW_BAR: "Prompting alone though a prompted base model falls short",
  NOTHING_TO_RETRIEVE: "Retrieval with nothing to retrieve",
  LEARNING_WITHOUT_FEEDBACK_LOOP: "Learning from users without a feedback loop",
  TIME_TO_VALUE_PAST_DEADLINE: "Not in production by the deadline",
  CONTRADICTORY_ANSWERS: "Answers that contradict each other",
};

/** Where each flag comes from, shown beside it like a rule's citation. */
export const FLAG_CITES: Record<FlagCode, Citation> = {
  FT_ON_FAST_CHANGING_KNOWLEDGE: { file: "000_2a5380ca2875bd0d.txt", quote: "If the answer is daily or weekly, RAG wins." },
  FT_WITHOUT_ENOUGH_LABELED_DATA: { file: "002_eb871f56c24eca94.txt", quote: "typically in the hundreds to low thousands of high-quality instruction-response pairs" },
  FT_WITHOUT_RETRAINING_BUDGET: { file: "000_2a5380ca2875bd0d.txt", quote: "You have budget for ongoing retraining cycles and machine learning engineering resources." },
  FT_BEFORE_PROMPTED_BASELINE: { file: "002_eb871f56c24eca94.txt", quote: "validate that ... a prompted base model doesn't already meet the bar" },
  FT_THOUGH_PROMPTING_MEETS_BAR: { file: "002_eb871f56c24eca94.txt", quote: "validate that ... a prompted base model doesn't already meet the bar" },
  SENSITIVE_DATA_IN_TRAINING: { file: "004_b4720be0fbd1a961.txt", quote: "you want to keep sensitive data out of model training" },
  NO_EVALUATION_SET: { file: "002_eb871f56c24eca94.txt", quote: "Most enterprise LLM projects fail at evaluation design, not at the model selection stage." },
  CHOSEN_DIFFERS_FROM_CONSENSUS: { file: "003_cef81cc6bb37c5d4.txt", quote: "The most expensive AI mistake we see is fine-tuning when RAG would have worked. The second is the opposite." },
  STALENESS_EXCEEDS_ACCEPTABLE_LAG: { file: "000_2a5380ca2875bd0d.txt", quote: "Each iteration adds $10,000 to $30,000 and two to four weeks of lag time." },
  PROMPTING_WITHOUT_ITS_KNOWLEDGE: { file: "002_eb871f56c24eca94.txt", quote: "grounding answers in specific, up-to-date documents rather than relying on potentially stale or hallucinated parametric knowledge" },
  PROMPTING_BELOW_BAR: { file: "003_cef81cc6bb37c5d4.txt", quote: "Start with the cheaper option. Add complexity when the cheaper option clearly fails." },
  NOTHING_TO_RETRIEVE: { file: "000_2a5380ca2875bd0d.txt", quote: "Your domain expertise cannot be easily documented or retrieved, requiring internalized understanding." },
  LEARNING_WITHOUT_FEEDBACK_LOOP: CAPABILITY_RULES.learnsFromFeedback.cite,
  TIME_TO_VALUE_PAST_DEADLINE: { file: "000_2a5380ca2875bd0d.txt", quote: "RAG can be operational in days. ... The same company choosing fine-tuning faces an eight-week timeline before seeing results." },
  CONTRADICTORY_ANSWERS: { file: "001_882c99e1fd832846.txt", quote: "Here’s how to think through the decision." },
};

export interface RiskFlag {
  code: FlagCode;
  reason: string;
  cite: Citation;
}

/**
 * Pairs of answers that cannot both hold. Each names what is wrong in one sentence, and cites the
 * seed whose question the pair breaks.
 */
export const CONTRADICTIONS: readonly { id: string; holds: (a: Assessment) => boolean; sentence: string; cite: Citation }[] = [
  {
    id: "static-but-no-lag",
    holds: (a) => a.changeFrequency === "static" && a.maxLagDays === 0,
    sentence: "The knowledge is said never to change, yet no lag at all is acceptable after a change: one of the two answers is wrong.",
    cite: { file: "000_2a5380ca2875bd0d.txt", quote: "What is your acceptable lag time between business changes and model accuracy?" },
  },
  {
    id: "retrieval-without-a-corpus",
    holds: (a) => (a.coreNeed === "retrieval" || a.coreNeed === "both") && a.corpusDocuments === 0,
    sentence: "The need is to retrieve information, but the corpus to retrieve it from has no documents.",
    cite: { file: "001_882c99e1fd832846.txt", quote: "build a RAG pipeline that retrieves the right context at query time" },
  },
  {
    id: "citations-without-a-corpus",
    holds: (a) => a.needsCitations === true && a.corpusDocuments === 0 && a.coreNeed !== "retrieval" && a.coreNeed !== "both",
    sentence: "Answers must cite their sources, but there are no documents to cite.",
    cite: { file: "002_eb871f56c24eca94.txt", quote: "RAG systems can cite their sources" },
  },
  {
    id: "neither-but-citations",
    holds: (a) => a.coreNeed === "neither" && a.needsCitations === true,
    sentence: "The core need is said to be neither retrieval nor reasoning, yet answers must cite sources, which is retrieval.",
    cite: { file: "002_eb871f56c24eca94.txt", quote: "because the answer is grounded in retrieved documents, RAG systems can cite their sources" },
  },
  {
    id: "neither-but-large-corpus",
    holds: (a) => a.coreNeed === "neither" && (a.corpusDocuments ?? 0) >= 1_000_000,
    sentence: "The core need is said to be neither retrieval nor reasoning, yet the answers draw on a corpus of a million documents or more.",
    cite: { file: "001_882c99e1fd832846.txt", quote: "millions of documents" },
  },
  {
    // Since judgement 2.13: a review's daily-changing corpus of 50,000 documents, cited in every answer and too large
    // for a prompt, read "Prompting only is the cheapest approach that meets the 1-day lag" on a "yes" here, unflagged.
    id: "prompted-baseline-cannot-cite",
    holds: (a) => a.promptedBaselineMeetsBar === "yes" && a.needsCitations === true && a.fitsContextWindow === false && (a.corpusDocuments ?? 0) > 0,
    sentence: "A prompted base model is said to meet the bar, yet its answers must cite a corpus too large to fit in a prompt: with nothing retrieved, it has none of those documents to cite.",
    cite: { file: "001_882c99e1fd832846.txt", quote: "RAG knows which chunks it retrieved, so it can say “according to policy document v3.2, section 4…”" },
  },
  {
    // A second review (judgement 2.15): real-time knowledge, no lag, no documents: the default start, prompting, unflagged.
    id: "realtime-with-nothing-to-draw-on",
    holds: (a) => a.changeFrequency === "realtime" && a.corpusDocuments === 0 && a.expertiseDocumented === false && a.needsToolUse !== true,
    sentence: "The knowledge changes in real time, but there are no documents to retrieve it from, the expertise cannot be documented and no tools are called: nothing would bring the changes into the answers.",
    cite: { file: "000_2a5380ca2875bd0d.txt", quote: "Updates to your knowledge base happen in real time at zero marginal cost beyond storage." },
  },
  {
    id: "volume-without-calls",
    holds: (a) => a.transformationAtVolume === true && a.monthlyCalls === 0,
    sentence: "Documents are to be transformed at volume, but no calls a month are expected.",
    cite: { file: "002_eb871f56c24eca94.txt", quote: "medical record summarization at volume" },
  },
];

const APPROACH_NAMES: Record<Approach, string> = {
  RAG: "RAG", FINE_TUNING: "fine-tuning", HYBRID: "a hybrid", PROMPTING: "prompting", AGENT: "an agent", PIPELINE: "a pipeline", FEEDBACK_LEARNING: "feedback learning",
};

export interface FlagContext {
  /** The recommendation shown (after the evidence rules), or null. */
  consensus: Approach | null;
  chosen: Approach | null | undefined;
  /** Days one retraining takes: the cost assumptions' base figure (000: two to four weeks; 21 by default). */
  retrainLagDays?: number;
  /** The agreement behind the recommendation, for the "differs" sentence. */
  agreement?: { votes: number; voters: number };
  /**
   * The cost assumptions' time to value, the figures the cost panel shows (the organization's, with
   * the use case's own laid over them); the defaults where not given (000: RAG days to a week,
   * fine-tuning about eight weeks).
   */
  timeToValueWeeks?: TimeToValueFigures;
}

/** Why the use case must know things of its own (ownKnowledgeSign in frameworks/evidence.ts), in a clause. */
function ownKnowledge(a: Assessment): string {
  switch (ownKnowledgeSign(a)) {
    case "citations": return "its answers must cite sources";
    case "retrieval": return "its core need is to know documented things";
    case "both": return "its core need includes knowing documented things";
    case "corpus": return `it answers from ${plural(a.corpusDocuments ?? 0, "document")} of its own`;
    case "expertise": return "it answers from documented expertise of its own";
    default: return a.changeFrequency ? `it answers from knowledge that changes ${changesHow(a.changeFrequency)}` : "it answers from knowledge that changes";
  }
}


export function riskFlags(a: Assessment, ctx: FlagContext): RiskFlag[] {
  const { consensus, chosen } = ctx;
  const retrainLagDays = ctx.retrainLagDays ?? DEFAULT_RETRAIN_LAG_DAYS;
  const flags: RiskFlag[] = [];
  const add = (code: FlagCode, reason: string) => flags.push({ code, reason, cite: FLAG_CITES[code] });
  const inPlay = chosen ?? consensus;
  const ftInPlay = inPlay === "FINE_TUNING";
  const trainsModel = trainsAModel(inPlay);
  const who = chosen ? "The chosen approach" : "The recommendation";
  const what = inPlay === "HYBRID" ? "a hybrid, which fine-tunes a model" : "fine-tuning";
  const fast = a.changeFrequency === "realtime" || a.changeFrequency === "daily" || a.changeFrequency === "weekly";

  const ft = fineTunedWait(a, retrainLagDays);
  if (ftInPlay && fast) {
    // Where retraining keeps within the lag the business accepts, the flag says what that takes,
    // so it does not read as contradicting a recommendation the lag allows.
    const within = ft && ft.waitDays <= ft.maxLagDays
      ? ` It stays within the ${plural(ft.maxLagDays, "day")} of lag the business accepts only by retraining ${plural(ft.cycles, "time")} a year (a change waits up to ${plural(upToDays(ft.waitDays), "day")}), each retraining a cost of its own.`
      : "";
    add("FT_ON_FAST_CHANGING_KNOWLEDGE", `${who} is fine-tuning, but the knowledge changes ${changesHow(a.changeFrequency!)}, so a trained model falls behind between retrainings.${within}`);
  }
  if (trainsModel && a.labeledExamples !== undefined && a.labeledExamples < ENOUGH_LABELS) {
    add("FT_WITHOUT_ENOUGH_LABELED_DATA", `${who} trains a model on ${plural(a.labeledExamples, "labeled example")}; fine-tuning needs hundreds to low thousands of curated pairs.`);
  }
  // Knowledge that never changes needs no retraining (the cost panel plans none), so no budget for it is missing.
  if (trainsModel && a.retrainingBudget === false && a.changeFrequency !== "static") {
    add("FT_WITHOUT_RETRAINING_BUDGET", `${who} is ${what}, but there is no budget or engineering team for the retraining cycles a trained model needs.`);
  }
  if (trainsModel && a.promptedBaselineMeetsBar !== "no" && a.promptedBaselineMeetsBar !== "yes") {
    const state = a.promptedBaselineMeetsBar === "untested" ? "nobody has tried a prompted base model yet" : "whether a prompted base model meets the bar is not known";
    add("FT_BEFORE_PROMPTED_BASELINE", `${who} is ${what}, but ${state}; try that first, it may already be enough.`);
  }
  if (trainsModel && a.promptedBaselineMeetsBar === "yes") {
    add("FT_THOUGH_PROMPTING_MEETS_BAR", `${who} is ${what}, but a prompted base model already meets the bar; 002 puts that check before any training, and training adds cost and retraining for no gain it has shown.`);
  }
  if (trainsModel && a.sensitiveDataOutOfTraining === true) {
    add("SENSITIVE_DATA_IN_TRAINING", `${who} is ${what}, which puts the training data into the model, but sensitive data must stay out of model training.`);
  }
  if (a.evaluationSetExists === false) add("NO_EVALUATION_SET", "There is no evaluation set, so nobody can tell whether the approach works or a change made it worse.");
  if (chosen && consensus && chosen !== consensus) {
    const backing = ctx.agreement && ctx.agreement.voters > 0 ? ` (${ctx.agreement.votes} of ${ctx.agreement.voters} voting frameworks pick it)` : "";
    add("CHOSEN_DIFFERS_FROM_CONSENSUS", `The organization chose ${APPROACH_NAMES[chosen]}, but the recommendation is ${APPROACH_NAMES[consensus]}${backing}.`);
  }
  // The cost panel's own rule (costing/retraining.ts): retraining as often as the lag allows, how
  // long does a change wait? Over the lag, the panel says fine-tuning "does not meet the lag", and so does this flag.
  // Without a budget for retraining the cost panel counts the model trained once and never brought
  // up to date (costing/drivers/training.ts, cyclesFor): the flag says the same, not how long a
  // retraining it will never have would take (a review found both on one page).
  const neverRetrained = retrainingUnbudgeted(a);
  if (ftInPlay && ft && neverRetrained && a.maxLagDays !== undefined) {
    add("STALENESS_EXCEEDS_ACCEPTABLE_LAG", `Trained once and never brought up to date (there is no budget for retraining), the fine-tuned model never learns a change to its knowledge, where the business accepts ${plural(a.maxLagDays, "day")} of lag.`);
  } else if (ftInPlay && ft && ft.waitDays > ft.maxLagDays) {
    add(
      "STALENESS_EXCEEDS_ACCEPTABLE_LAG",
      ft.maxLagDays < retrainLagDays
        ? `Each retraining takes about ${retrainLagShown(retrainLagDays)}, longer than the ${plural(ft.maxLagDays, "day")} of lag the business accepts.`
        : `Retraining as often as it can (${plural(ft.cycles, "time")} a year), a change still waits up to ${plural(upToDays(ft.waitDays), "day")} for the fine-tuned model, longer than the ${plural(ft.maxLagDays, "day")} of lag the business accepts.`,
    );
  }
  if (inPlay === "PROMPTING" && !promptingReachesKnowledge(a)) {
    add("PROMPTING_WITHOUT_ITS_KNOWLEDGE", `${who} is prompting alone, but ${ownKnowledge(a)}, which a prompted model never sees: nothing is retrieved or trained, and no prompted base model has been shown to meet the bar.`);
  }
  if (inPlay === "PROMPTING" && !promptingMeetsBar(a)) {
    add("PROMPTING_BELOW_BAR", `${who} is prompting alone, but a prompted base model was tried and falls short of the bar; 003 adds complexity when the cheaper option clearly fails, and the cost panel never offers it as a saving.`);
  }
  // An index with nothing in it (./evidence.ts, retrievesNothing): RAG is a prompted base model, the hybrid fine-tuning.
  if ((inPlay === "RAG" || inPlay === "HYBRID") && retrievesNothing(a)) {
    const as = inPlay === "RAG" ? "a prompted base model" : "fine-tuning";
    add("NOTHING_TO_RETRIEVE", `${who} is ${inPlay === "RAG" ? "RAG" : "a hybrid"}, but there is nothing to retrieve (${NOTHING_TO_RETRIEVE}): its index would be empty, so it answers as ${as} does, and the cost panel never offers it as a saving.`);
  }
  // The capability rule (./capabilities.ts) rules out the static approaches and prompting where
  // the use case must learn from its users, so those never serve it; it leaves an agent and a
  // structured pipeline, of which 002 says nothing. Neither learns by itself: the flag says a
  // feedback loop has to be built into it (and costed), or feedback learning considered.
  if (a.learnsFromFeedback === true && inPlay && inPlay !== "FEEDBACK_LEARNING" && !CAPABILITY_RULES.learnsFromFeedback.unable.includes(inPlay)) {
    const name = inPlay === "PIPELINE" ? "a structured pipeline" : APPROACH_NAMES[inPlay];
    add(
      "LEARNING_WITHOUT_FEEDBACK_LOOP",
      `${who} is ${name}, but the use case must learn from its users' interactions, which 002 says takes RLHF or a similar feedback loop; ${name} learns only if such a loop is built into it, so plan and cost one, or consider feedback learning.`,
    );
  }
  // 000: RAG is "operational in days", fine-tuning "faces an eight-week timeline before seeing
  // results". The approach's time to value is the cost panel's own figure (a hybrid is given
  // fine-tuning's; an agent, a pipeline or feedback learning has none): where its base is later
  // than the weeks until the use case must be in production, it will not be ready in time.
  const late = lateForDeadline(inPlay, a, ctx.timeToValueWeeks);
  if (late) {
    const hybrid = inPlay === "HYBRID" ? ", in production only once its fine-tuned model is" : "";
    add(
      "TIME_TO_VALUE_PAST_DEADLINE",
      `${who} is ${APPROACH_NAMES[inPlay!]}${hybrid}, which typically takes ${weeks(late.base)} to first serve its users${late.spread}, but the use case must be in production in ${plural(a.weeksToProduction!, "week")}: it would not be ready in time.`,
    );
  }
  const broken = CONTRADICTIONS.filter((c) => c.holds(a));
  if (broken.length) flags.push({ code: "CONTRADICTORY_ANSWERS", reason: broken.map((c) => c.sentence).join(" "), cite: broken[0]!.cite });
  return flags;
}

/**
 * Where the approach's typical time to value (the cost assumptions' base figure) is later than the
 * weeks until the use case must be in production: that base, and its low to high in words; else
 * null (no deadline answered, or an approach with no time to value).
 */
export function lateForDeadline(approach: Approach | null | undefined, a: Assessment, figures?: TimeToValueFigures): { base: number; spread: string } | null {
  const key = approach ? timeToValueKey(approach) : null;
  if (!key || a.weeksToProduction === undefined || a.weeksToProduction === null) return null;
  const r = (figures ?? timeToValueFigures())[key];
  if (r.base === null || !(r.base > a.weeksToProduction)) return null;
  const spread = r.low !== null && r.high !== null && oneDecimal(r.low) !== oneDecimal(r.high) ? ` (${oneDecimal(r.low)} to ${weeks(r.high)} in the cost estimate)` : "";
  return { base: r.base, spread };
}
