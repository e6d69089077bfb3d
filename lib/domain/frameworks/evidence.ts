/**
 * How much evidence stands behind a score (PRODUCT.md, "Evidence and honesty").
 *
 * The seeds agree on what to do when the evidence is thin: 001 "When in doubt, start with RAG";
 * 003 "Start with the cheaper option. Add complexity when the cheaper option clearly fails";
 * 002 "validate that a prompted base model doesn't already meet the bar" before fine-tuning.
 *
 *   none         no deciding answer given: no recommendation at all, and no costs in any total.
 *   provisional  some deciding answers missing: a recommendation marked provisional; fine-tuning
 *                and hybrid are held back while the answers that justify training a model are unknown.
 *   assessed     every deciding answer given that applies (the acceptable lag does not where the
 *                knowledge never changes: questionApplies).
 */
import { answerApplies, type AnswerKey, type Approach, type Assessment } from "../assessment";
import { ENOUGH_LABELS } from "./data/shared";
import type { Citation } from "./types";

export const EVIDENCE_LEVELS = ["none", "provisional", "assessed"] as const;
export type Evidence = (typeof EVIDENCE_LEVELS)[number];

export const EVIDENCE_LABELS: Record<Evidence, string> = {
  none: "Not assessed",
  provisional: "Provisional",
  assessed: "Assessed",
};

/**
 * The deciding answers: the questions every framework turns on. One list, shown on the Frameworks
 * page; the evidence level counts how many of them were answered.
 */
export const DECIDING_ANSWERS: readonly { key: AnswerKey; why: string; cite: Citation }[] = [
  { key: "changeFrequency", why: "Fast-changing knowledge rules out a trained model that falls behind between retrainings.", cite: { file: "000_2a5380ca2875bd0d.txt", quote: "How often does your underlying information change?" } },
  { key: "coreNeed", why: "Knowing things favours retrieval; reasoning or behaving a certain way favours training.", cite: { file: "002_eb871f56c24eca94.txt", quote: "change how the model behaves rather than what it knows" } },
  { key: "maxLagDays", why: "How long answers may lag a business change decides whether retraining cycles can keep up.", cite: { file: "000_2a5380ca2875bd0d.txt", quote: "What is your acceptable lag time between business changes and model accuracy?" } },
  { key: "needsStyleOrFormat", why: "A format, style or voice is what fine-tuning does better than prompting or retrieval.", cite: { file: "001_882c99e1fd832846.txt", quote: "Is the problem about output format, style, or task behavior?" } },
  { key: "labeledExamples", why: "Fine-tuning needs hundreds to low thousands of curated examples; without them it degrades quality.", cite: { file: "002_eb871f56c24eca94.txt", quote: "typically in the hundreds to low thousands of high-quality instruction-response pairs" } },
  { key: "promptedBaselineMeetsBar", why: "If a prompted base model already meets the bar, nothing needs training or retrieval.", cite: { file: "002_eb871f56c24eca94.txt", quote: "validate that ... a prompted base model doesn't already meet the bar" } },
  { key: "retrainingBudget", why: "A trained model needs budget and engineers for every retraining cycle.", cite: { file: "000_2a5380ca2875bd0d.txt", quote: "You have budget for ongoing retraining cycles and machine learning engineering resources." } },
];
export const DECIDING_KEYS: readonly AnswerKey[] = DECIDING_ANSWERS.map((d) => d.key);

/**
 * The answers that justify training a model. While any of them is unknown, a provisional score
 * never recommends fine-tuning or a hybrid.
 */
export const TRAINING_PREREQUISITES: readonly AnswerKey[] = ["labeledExamples", "promptedBaselineMeetsBar", "retrainingBudget"];

const given = (a: Assessment, k: AnswerKey) => a[k] !== undefined && a[k] !== null;

/** Whether a deciding question applies to the use case: all but the lag where the knowledge never changes (../assessment.ts). */
export const questionApplies = answerApplies;

/** The deciding questions that apply to the use case (questionApplies), in DECIDING_KEYS order. */
export function decidingKeysFor(a: Assessment): AnswerKey[] {
  return DECIDING_KEYS.filter((k) => questionApplies(a, k));
}

export function evidenceOf(a: Assessment): Evidence {
  const n = DECIDING_KEYS.filter((k) => given(a, k)).length;
  if (n === 0) return "none";
  return decidingKeysFor(a).every((k) => given(a, k)) ? "assessed" : "provisional";
}

export function unknownPrerequisites(a: Assessment): AnswerKey[] {
  // "Untested" is an answer, but says nothing of whether a prompted base model meets the bar (since 2.14).
  return TRAINING_PREREQUISITES.filter((k) => !given(a, k) || (k === "promptedBaselineMeetsBar" && a.promptedBaselineMeetsBar === "untested"));
}

/**
 * Whether a trained model waits on the unknown prerequisites: on provisional evidence, and, since
 * judgement 2.14, wherever no prompted base model has been tried (002: "validate that ... a prompted
 * base model doesn't already meet the bar" first). A reviewer's assessed case recommended
 * fine-tuning, 4 of 5, beside its own FT_BEFORE_PROMPTED_BASELINE: "try that first".
 */
export function waitsOnUnknowns(a: Assessment, evidence: Evidence): boolean {
  return evidence === "provisional" || a.promptedBaselineMeetsBar === "untested";
}

/**
 * The training prerequisites the answers say are missing, whatever the evidence level: fewer
 * labeled examples than fine-tuning needs (002: "typically in the hundreds to low thousands of
 * high-quality instruction-response pairs"), or no budget for retraining where the knowledge
 * changes (000: "You have budget for ongoing retraining cycles and machine learning engineering
 * resources"; static knowledge needs no retraining, as FT_WITHOUT_RETRAINING_BUDGET reads it), or
 * a prompted base model that already meets the bar (002: "validate that ... a prompted base model
 * doesn't already meet the bar" before any training; since judgement 2.8).
 * A trained model is never recommended while one is.
 */
export function missingPrerequisites(a: Assessment): AnswerKey[] {
  return TRAINING_PREREQUISITES.filter((k) =>
    k === "labeledExamples"
      ? given(a, k) && a.labeledExamples! < ENOUGH_LABELS
      : k === "retrainingBudget"
        ? a.retrainingBudget === false && a.changeFrequency !== "static"
        : a.promptedBaselineMeetsBar === "yes",
  );
}

const LACKING: Partial<Record<AnswerKey, string>> = {
  labeledExamples: "there are too few labeled examples",
  retrainingBudget: "there is no budget for retraining",
  promptedBaselineMeetsBar: "a prompted base model already meets the bar",
};

/**
 * The training prerequisites known to be missing (missingPrerequisites, as a stored lean keeps
 * them), as a clause: "a prompted base model already meets the bar", "there are too few labeled
 * examples and there is no budget for retraining"; "" for none (keys it does not know are left out).
 */
export function lackingPrerequisitesText(keys: readonly string[]): string {
  const words = TRAINING_PREREQUISITES.filter((k) => keys.includes(k) && LACKING[k]).map((k) => LACKING[k]!);
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} and ${words.at(-1)}` : (words[0] ?? "");
}

export const trainsAModel = (ap: Approach | null | undefined) => ap === "FINE_TUNING" || ap === "HYBRID";

/**
 * Why no model may be trained yet, by the judgement's rule (frameworks/hold.ts, rulesFor): the
 * prerequisites known to be missing, else those that are unknown where a trained model waits on
 * them ("no prompted base model has been tried yet"); "" where a model may be trained. For the
 * cost panel, which names a trained approach the cheapest beside a recommendation that trains none.
 */
export function untrainedBecause(a: Assessment, evidence: Evidence): string {
  const missing = lackingPrerequisitesText(missingPrerequisites(a));
  if (missing) return missing;
  const unknowns = waitsOnUnknowns(a, evidence) ? unknownPrerequisites(a) : [];
  if (unknowns.length === 0) return "";
  if (unknowns.length === 1 && unknowns[0] === "promptedBaselineMeetsBar" && a.promptedBaselineMeetsBar === "untested") return "no prompted base model has been tried yet";
  const names = unknowns.map((k) => UNKNOWN_WORDS[k] ?? k);
  return `${names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0]} ${names.length > 1 ? "are" : "is"} not yet known`;
}

const UNKNOWN_WORDS: Partial<Record<AnswerKey, string>> = {
  labeledExamples: "how many labeled examples there are",
  retrainingBudget: "whether there is budget for retraining",
  promptedBaselineMeetsBar: "whether a prompted base model meets the bar",
};

/**
 * Whether the case has knowledge to retrieve: the need is to know documented things, answers cite
 * sources, there is a corpus, or the expertise can be documented and retrieved.
 */
export function hasKnowledgeToRetrieve(a: Assessment): boolean {
  return (
    a.coreNeed === "retrieval" ||
    a.coreNeed === "both" ||
    a.needsCitations === true ||
    (a.corpusDocuments ?? 0) > 0 ||
    a.expertiseDocumented === true
  );
}

/** What retrievesNothing reads, as the page says it. */
export const NOTHING_TO_RETRIEVE = "the assessment gives a corpus of 0 documents and expertise that cannot be documented";

/**
 * Whether the answers say there is nothing at all to retrieve: no documents (a corpus of 0) and
 * expertise that cannot be documented, whatever the use case is said to need (a retrieval need or
 * citations over no documents are contradictions, flagged as such: ./flags.ts, CONTRADICTIONS; a
 * second review read "Hybrid, 3 of 5" priced on an empty index where the answers must cite sources,
 * beside the flag "there are no documents to cite"). RAG then retrieves nothing: it is a prompted base model with an empty index, and a hybrid is
 * fine-tuning with one (its retrieval keeps nothing current), so neither is an option of its own
 * (the "empty-index" reason, costing/feasibility.ts). A reviewer read "RAG is the cheapest approach
 * that can serve it: against Fine-tuning (the recommendation) it saves 65.7%" of a reasoning task
 * with no documents whose prompted base model had fallen short. Unanswered is not nothing: only
 * answers given say so.
 */
export function retrievesNothing(a: Assessment): boolean {
  return a.corpusDocuments === 0 && a.expertiseDocumented === false;
}

/**
 * Whether the use case must know or cite things of its own: its core need is retrieval (or both),
 * or its answers must cite sources. A core need of reasoning or neither says it does not, whatever
 * documents exist; only when the core need is unanswered do the other signs stand in for it (a
 * corpus, documented expertise, or knowledge that changes). Seed 003 reads knowledge the same way:
 * "a specific corpus that updates over time" is knowledge that changes *and* answers that must come
 * from it (UPDATING_CORPUS in data/start-with-rag.ts).
 */
export function needsOwnKnowledge(a: Assessment): boolean {
  return ownKnowledgeSign(a) !== null;
}

/** The answer that says a use case must know things of its own, first found; null: none does. */
export type OwnKnowledgeSign = "citations" | "retrieval" | "both" | "corpus" | "expertise" | "changing";

export function ownKnowledgeSign(a: Assessment): OwnKnowledgeSign | null {
  if (a.needsCitations === true) return "citations";
  if (a.coreNeed === "retrieval" || a.coreNeed === "both") return a.coreNeed;
  if (a.coreNeed !== undefined) return null;
  if ((a.corpusDocuments ?? 0) > 0) return "corpus";
  if (a.expertiseDocumented === true) return "expertise";
  if (a.changeFrequency !== undefined && a.changeFrequency !== "static") return "changing";
  return null;
}

/**
 * Whether prompting alone (nothing retrieved, nothing trained) can serve the use case: it needs no
 * knowledge of its own, or a prompted base model has been tried and meets the bar (002: "validate
 * that ... a prompted base model doesn't already meet the bar"), which settles it. The cost
 * engine's feasibility (costing/project.ts) and the default start below both read this, so the
 * app never recommends by default what its own cost panel calls unable to serve the use case.
 */
export function promptingReachesKnowledge(a: Assessment): boolean {
  return !needsOwnKnowledge(a) || a.promptedBaselineMeetsBar === "yes";
}

/**
 * The seeds' default start: RAG where there is knowledge to retrieve (001, 003, 004) or where
 * prompting alone cannot reach what the use case needs; RAG too where a prompted base model was
 * tried and falls short (003: the cheaper option clearly failed, so the next step up); else
 * prompting (002, 003).
 */
export function defaultStart(a: Assessment): { approach: Approach; cite: Citation } {
  if (hasKnowledgeToRetrieve(a) || !promptingReachesKnowledge(a)) return { approach: "RAG", cite: { file: "001_882c99e1fd832846.txt", quote: "When in doubt, start with RAG." } };
  const cheaperFirst = { file: "003_cef81cc6bb37c5d4.txt", quote: "Start with the cheaper option. Add complexity when the cheaper option clearly fails." };
  return { approach: promptingMeetsBar(a) ? "PROMPTING" : "RAG", cite: cheaperFirst };
}

/**
 * False where a prompted base model was tried and falls short of the bar: prompting alone is then
 * known not to serve, whatever it costs (the cost panel never offers it as a saving, and
 * PROMPTING_BELOW_BAR is raised where it is in play). Untested or unanswered is not known to fail.
 */
export function promptingMeetsBar(a: Assessment): boolean {
  return a.promptedBaselineMeetsBar !== "no";
}
