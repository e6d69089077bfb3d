/**
 * The holds on the frameworks' consensus: what keeps the recommendation to what can serve the use
 * case (./serves.ts) and to the evidence (./evidence.ts), the lean said in its place, and the
 * sentence that says what holds it. ./score.ts applies them to the consensus, and again to every
 * re-scored answer for "what would change it".
 */
import { ANSWER_LABELS, APPROACH_LABELS, type AnswerKey, type Approach, type Assessment } from "../assessment";
import { consensusOf, rankedPicks, tieOf, weightOf, type Consensus } from "./consensus";
import { ENOUGH_LABELS } from "./data/shared";
import { defaultStart, evidenceOf, hasKnowledgeToRetrieve, missingPrerequisites, retrievesNothing, TRAINING_PREREQUISITES, trainsAModel, unknownPrerequisites, waitsOnUnknowns, type Evidence } from "./evidence";
import { CAPABILITY_RULES, lacksCapability } from "./capabilities";
import { cannotRecommend, heldBackSentence } from "./serves";
import { FRAMEWORKS, type Weights } from "./registry";
import type { Citation, FrameworkResult } from "./types";
import { runFramework } from "./evaluate";
import { inSentence } from "../portfolio/format";
import type { Basis, HeldBack, Leaning } from "./score";

/** What each unknown prerequisite would have to be for a trained model to be recommended. */
const FAVOURS_TRAINING: Partial<Record<AnswerKey, string>> = {
  labeledExamples: `there are at least ${ENOUGH_LABELS} curated, labeled examples`,
  promptedBaselineMeetsBar: "a prompted base model is tried and falls short",
  retrainingBudget: "there is budget and engineering for retraining",
};

/** What the answers say now, where a prerequisite is known to be missing. */
const SAYS: Partial<Record<AnswerKey, (a: Assessment) => string>> = {
  labeledExamples: (a) => `the assessment says ${a.labeledExamples ? a.labeledExamples.toLocaleString("en-US") : "none"}`,
  retrainingBudget: () => "the assessment says there is none",
  promptedBaselineMeetsBar: () => "the assessment says one already meets it, and 002 checks that before any training",
};

/** A lean to training where sensitive data must stay out of model training (004) says it is a condition too. */
const SENSITIVE_KEPT_OUT = ", with the sensitive data kept out of what it is trained on";

function join(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export interface Held {
  consensus: Approach | null;
  basis: Basis | null;
  basisCite: Citation | null;
  leaning: Leaning | null;
  heldBack: HeldBack | null;
  /** After a lean held for a missing prerequisite: where the recommendation went instead. */
  instead?: string;
  /** Prompting recommended over RAG it tied with on votes, as the cheaper option that can serve (cheaperOnTie). */
  cheaperFirst?: { over: Approach };
}

/** What would have to hold for the lean to be recommended: each unknown prerequisite, and each known missing one with what the answers say. */
function conditionsOf(a: Assessment, unknowns: readonly AnswerKey[], missing: readonly AnswerKey[]): string {
  const keys = [...TRAINING_PREREQUISITES.filter((k) => unknowns.includes(k) || missing.includes(k)), ...unknowns.filter((k) => !TRAINING_PREREQUISITES.includes(k))];
  return join(keys.map((k) => {
    const want = FAVOURS_TRAINING[k] ?? inSentence(ANSWER_LABELS[k]);
    return missing.includes(k) && SAYS[k] ? `${want} (${SAYS[k](a)})` : want;
  }));
}

/**
 * "The frameworks lean to Hybrid, which would be recommended once …", or where those answers would
 * bring another approach, "…, but if …, the recommendation would be Fine-tuning"; then where the
 * recommendation went, for a lean held for a missing prerequisite.
 */
function leanSentence(a: Assessment, lean: Leaning, then: Approach | null | "itself", instead: string | undefined): string {
  const name = APPROACH_LABELS[lean.approach];
  const conditions = conditionsOf(a, lean.unknowns, lean.missing ?? []);
  const head = then === "itself"
    ? `The frameworks lean to ${name}, which would be recommended once ${conditions}${a.sensitiveDataOutOfTraining === true ? SENSITIVE_KEPT_OUT : ""}`
    : `The frameworks lean to ${name}, but if ${conditions}, the recommendation would be ${then ? APPROACH_LABELS[then] : "none"}`;
  return `${head}.${instead ? ` ${instead}` : ""}`;
}

/** How the frameworks voted, for holding their pick to what can serve the use case. */
export interface Votes {
  results: readonly FrameworkResult[];
  weights: Weights;
  retrainLagDays: number;
}

export const votesFor = (v: Votes, ap: Approach) => {
  const voting = v.results.filter((f) => f.recommendation && !f.abstained && weightOf(v.weights, f.frameworkId) > 0);
  return { votes: voting.filter((f) => f.recommendation === ap).length, voters: voting.length };
};

/**
 * Whether an approach may be recommended at all: it can serve the use case (./serves.ts, the cost
 * panel's rules); it trains no model the answers say lacks what training needs (too few labeled
 * examples, no retraining budget: ./evidence.ts, missingPrerequisites); and, on a provisional score,
 * none while the answers that would justify training one are unknown. The frameworks' first pick
 * and any approach the recommendation falls back to are held to the same rules.
 */
export interface Rules {
  cannot: (ap: Approach) => ReturnType<typeof cannotRecommend>;
  /** Trains a model a prerequisite is known to be missing for, or on a provisional score whose training prerequisites are unknown. */
  untrained: (ap: Approach) => boolean;
  /** The training prerequisites known to be missing. */
  missing: AnswerKey[];
}

export function rulesFor(a: Assessment, evidence: Evidence, v: Votes): Rules {
  const missing = missingPrerequisites(a);
  const held = missing.length > 0 || (waitsOnUnknowns(a, evidence) && unknownPrerequisites(a).length > 0);
  return { cannot: (ap) => cannotRecommend(ap, a, v.retrainLagDays), untrained: (ap) => held && trainsAModel(ap), missing };
}

/** Why a model may not be trained: what the answers say is missing, else that they are unknown. */
function whyNotTrained(a: Assessment, missing: readonly AnswerKey[]): string {
  if (missing.length === 0) return "while the answers that would justify it are missing";
  const why = (k: AnswerKey) =>
    k === "labeledExamples"
      ? `there ${a.labeledExamples === 1 ? "is" : "are"} ${a.labeledExamples ? `only ${a.labeledExamples.toLocaleString("en-US")}` : "no"} labeled example${a.labeledExamples === 1 ? "" : "s"} (at least ${ENOUGH_LABELS} needed)`
      : k === "retrainingBudget"
        ? "there is no budget or engineering for retraining"
        : "a prompted base model already meets the bar";
  return `though ${join(missing.map(why))}`;
}

const names = (aps: Approach[]) => join(aps.map((ap) => APPROACH_LABELS[ap]));

/**
 * The frameworks' pick where it cannot serve the use case: the next approach they pick that can and
 * that the evidence allows (no model trained while the answers that would justify it are missing);
 * else the seeds' default start, which always can. A pick passed over for the evidence is named.
 */
function holdToWhatServes(a: Assessment, pick: Approach, cannot: NonNullable<ReturnType<typeof cannotRecommend>>, v: Votes, rules: Rules): Held {
  const { votes, voters } = votesFor(v, pick);
  const serving = rankedPicks(v.results, v.weights).filter((ap) => ap !== pick && rules.cannot(ap) === null);
  const next = cheaperOf(a, serving.find((ap) => !rules.untrained(ap)), v, rules);
  // Those passed over for training (a RAG passed over for the cheaper prompting it tied with is said by the count).
  const passed = serving.slice(0, next ? serving.indexOf(next) : serving.length).filter((ap) => rules.untrained(ap));
  const start = defaultStart(a);
  const startCannot = next ? null : rules.cannot(start.approach);
  const to = next ?? (startCannot ? null : start.approach);
  const backing = to ? votesFor(v, to) : { votes: 0, voters: 0 };
  const unjustified = passed.length
    ? `${names(passed)}, which they pick next, ${passed.length === 1 ? "trains" : "train"} a model ${whyNotTrained(a, rules.missing)}. `
    : "";
  const instead = next
    ? `${unjustified}The recommendation is the next approach they pick that can, ${APPROACH_LABELS[next]} (${backing.votes} of ${backing.voters}).`
    : startCannot
      ? `${unjustified}${noneServes(a, start.approach, pick, passed.length > 0)}`
      : passed.length
        ? `${unjustified}So the recommendation is the sources' default starting approach, ${APPROACH_LABELS[start.approach]}.`
        : `No other approach they pick can, so the recommendation is the sources' default starting approach, ${APPROACH_LABELS[start.approach]}.`;
  const heldBack: HeldBack = { approach: pick, reason: cannot.reason, votes, voters, sentence: heldBackSentence(pick, votes, voters, cannot.why, instead), cite: cannot.cite };
  return next
    ? { consensus: next, basis: "frameworks", basisCite: null, leaning: null, heldBack }
    : to
      ? { consensus: to, basis: "default-start", basisCite: start.cite, leaning: null, heldBack }
      : { consensus: null, basis: null, basisCite: null, leaning: null, heldBack };
}

/**
 * Where not even the sources' default start can serve the use case (since judgement 2.10: RAG alone
 * cannot keep a style a prompted base model fell short of, frameworks/capabilities.ts) and every
 * approach that could trains a model the answers do not justify yet: no recommendation, and why.
 */
function noneServes(a: Assessment, start: Approach, pick: Approach | null, training: boolean): string {
  const lacking = lacksCapability(start, a);
  const cannot = lacking
    ? `${CAPABILITY_RULES[lacking].cannot}${lacking === "needsStyleOrFormat" ? " (a prompted base model was tried on it and fell short)" : ""}`
    : start === "RAG" && retrievesNothing(a)
      ? `has nothing to retrieve, so it would be a prompted base model with an empty index${a.promptedBaselineMeetsBar === "no" ? ", which was tried and falls short" : ""}`
      : "cannot serve it either";
  // The pick's own reason was just said: not again.
  if (start === pick) return `${APPROACH_LABELS[start]} is also the sources' default starting approach, and nothing else they pick serves it without training a model, so there is no recommendation${training ? " until a model can be trained" : ""}.`;
  const who = `The sources' default starting approach, ${APPROACH_LABELS[start]},`;
  return `${who} ${cannot}, and nothing else they pick serves it without training a model, so there is no recommendation${training ? " until a model can be trained" : ""}.`;
}

/**
 * The frameworks' consensus held to the evidence behind it and to what can serve the use case.
 * What cannot serve is held back first: a lean to training promises only an approach the answers
 * it names would bring, never one that misses the lag whatever they are.
 */
export function holdRecommendation(a: Assessment, evidence: Evidence, c: Consensus, v: Votes): Held {
  if (evidence === "none") return { consensus: null, basis: null, basisCite: null, leaning: null, heldBack: null };
  const rules = rulesFor(a, evidence, v);
  if (c.consensus === null) {
    // Some deciding answer given, but no framework votes (none reads what is answered, since 2.12):
    // the seeds' default start, as while the evidence is thin, where it can serve the use case.
    // Not where the organization turned every framework off: that leaves nothing to recommend.
    const start = defaultStart(a);
    const anyOn = v.results.some((r) => weightOf(v.weights, r.frameworkId) > 0);
    if (!anyOn || rules.cannot(start.approach) || rules.untrained(start.approach)) return { consensus: null, basis: null, basisCite: null, leaning: null, heldBack: null };
    return { consensus: start.approach, basis: "default-start", basisCite: start.cite, leaning: null, heldBack: null };
  }
  const cannot = rules.cannot(c.consensus);
  if (cannot) return holdToWhatServes(a, c.consensus, cannot, v, rules);
  if (!rules.untrained(c.consensus)) return holdToKnowledge(a, evidence, c.consensus, rules) ?? cheaperOnTie(a, evidence, c.consensus, v, rules) ?? { consensus: c.consensus, basis: "frameworks", basisCite: null, leaning: null, heldBack: null };
  const unknowns = waitsOnUnknowns(a, evidence) ? unknownPrerequisites(a) : [];
  const start = defaultStart(a);
  const missing = rules.missing.length ? { missing: rules.missing } : {};
  // Not even the default start may serve it (RAG alone and a style a prompted model fell short of): then no recommendation.
  const startCannot = rules.cannot(start.approach);
  if (unknowns.length > 0) {
    // Answers that would justify training are unknown: in doubt, the seeds' default start (and the
    // lean names any prerequisite known to be missing too).
    const leaning: Leaning = { approach: c.consensus, unknowns, ...missing, sentence: "" };
    if (startCannot) {
      const none = noneServes(a, start.approach, null, true);
      return { consensus: null, basis: null, basisCite: null, leaning: { ...leaning, sentence: leanSentence(a, leaning, "itself", none) }, heldBack: null, instead: none };
    }
    return { consensus: start.approach, basis: "default-start", basisCite: start.cite, leaning: { ...leaning, sentence: leanSentence(a, leaning, "itself", undefined) }, heldBack: null };
  }
  // Every prerequisite answered, one known to be missing: the frameworks' next pick that can be recommended, as after any hold.
  const next = cheaperOf(a, rankedPicks(v.results, v.weights).find((ap) => ap !== c.consensus && rules.cannot(ap) === null && !rules.untrained(ap)), v, rules, evidence);
  const to = next ?? (startCannot ? null : start.approach);
  const backing = to ? votesFor(v, to) : { votes: 0, voters: 0 };
  const instead = next
    ? `The recommendation is the next approach they pick that trains no model, ${APPROACH_LABELS[next]} (${backing.votes} of ${backing.voters}).`
    : startCannot
      ? noneServes(a, start.approach, null, true)
      : `No other approach they pick can serve it without training a model, so the recommendation is the sources' default starting approach, ${APPROACH_LABELS[start.approach]}.`;
  const leaning: Leaning = { approach: c.consensus, unknowns, missing: rules.missing, sentence: "" };
  return {
    consensus: to,
    basis: next ? "frameworks" : to ? "default-start" : null,
    basisCite: next || !to ? null : start.cite,
    leaning: { ...leaning, sentence: leanSentence(a, leaning, "itself", instead) },
    heldBack: null,
    instead,
  };
}

/**
 * 003: "Start with the cheaper option. Add complexity when the cheaper option clearly fails." Where
 * the frameworks' RAG ties on votes with prompting alone and prompting can serve the use case (it
 * reaches the knowledge, and no prompted base model was found short), the recommendation is
 * prompting: the voters' fit, which breaks other ties, counts points that some frameworks can give
 * RAG and not prompting (their scope is RAG, fine-tuning and hybrid), so a two-week deadline, which
 * 000 and 004 read as "no weeks of model training", turned prompting into RAG, a heavier build, in
 * 42 of 6,000 generated cases (a review's finding). Not on a provisional score with knowledge to
 * retrieve, which starts on RAG (PRODUCT.md). Null where the rule does not apply.
 */
function cheaperOnTie(a: Assessment, evidence: Evidence, pick: Approach, v: Votes, rules: Rules): Held | null {
  return cheaperOf(a, pick, v, rules, evidence) === pick ? null : { consensus: "PROMPTING", basis: "frameworks", basisCite: null, leaning: null, heldBack: null, cheaperFirst: { over: "RAG" } };
}

/** RAG, unless prompting ties with it on votes and may be recommended in its place (cheaperOnTie); the same rule for the next pick after a hold. */
function cheaperOf<T extends Approach | undefined>(a: Assessment, pick: T, v: Votes, rules: Rules, evidence: Evidence = evidenceOf(a)): T | "PROMPTING" {
  if (pick !== "RAG" || rules.cannot("PROMPTING") !== null) return pick;
  // PRODUCT.md: a provisional score starts on RAG where there is knowledge to retrieve.
  if (evidence === "provisional" && hasKnowledgeToRetrieve(a)) return pick;
  return tieOf(v.results, v.weights, "RAG", (ap) => ap === "PROMPTING") ? "PROMPTING" : pick;
}

/** The answers that say there is knowledge to retrieve (./evidence.ts, hasKnowledgeToRetrieve), as a knowledge lean names them. */
const KNOWLEDGE_QUESTIONS = ["coreNeed", "needsCitations", "corpusDocuments", "expertiseDocumented"] as const satisfies readonly AnswerKey[];

/** What the answers say against knowledge to retrieve, in a knowledge lean's words. */
const SAYS_NO_KNOWLEDGE: Record<(typeof KNOWLEDGE_QUESTIONS)[number], (a: Assessment) => string | null> = {
  coreNeed: (a) => (a.coreNeed === "reasoning" ? "the core need is reasoning" : a.coreNeed === "neither" ? "the core need is neither retrieval nor reasoning" : null),
  needsCitations: (a) => (a.needsCitations === false ? "the answers need not cite sources" : null),
  corpusDocuments: (a) => (a.corpusDocuments === 0 ? "there are no documents" : null),
  expertiseDocumented: (a) => (a.expertiseDocumented === false ? "the expertise is not documented" : null),
};

/**
 * PRODUCT.md's provisional rule: "the seeds' default start (RAG where there is knowledge to
 * retrieve, else prompting)". Where the evidence is provisional and the frameworks pick RAG, but no
 * answer says there is anything to retrieve and prompting can serve (./evidence.ts, defaultStart),
 * the recommendation is that default start, with the frameworks' RAG said as a lean. A reviewer met
 * a provisional RAG on nothing to retrieve that turned to prompting and back as the labeled
 * examples went from 199 to 200, an answer that has nothing to do with retrieval.
 * Null where the rule does not apply.
 */
function holdToKnowledge(a: Assessment, evidence: Evidence, pick: Approach, rules: Rules): Held | null {
  if (evidence !== "provisional" || pick !== "RAG" || hasKnowledgeToRetrieve(a)) return null;
  const start = defaultStart(a);
  if (start.approach !== "PROMPTING" || rules.cannot(start.approach)) return null;
  const unknowns: AnswerKey[] = KNOWLEDGE_QUESTIONS.filter((k) => a[k] === undefined);
  const said = KNOWLEDGE_QUESTIONS.map((k) => SAYS_NO_KNOWLEDGE[k](a)).filter((x): x is string => x !== null);
  const open = unknowns.length ? `${join(unknowns.map((k) => `“${inSentence(ANSWER_LABELS[k])}”`))} ${unknowns.length === 1 ? "is" : "are"} unanswered` : "";
  const why = [said.length ? join(said) : "", open].filter(Boolean).join("; ");
  const baseline = a.promptedBaselineMeetsBar === "yes" ? ", as a prompted base model already meets the bar" : "";
  const sentence = `The frameworks lean to RAG, but no answer says there is knowledge to retrieve (${why}). While the evidence is provisional, the recommendation is the sources' default start where there is nothing to retrieve, ${APPROACH_LABELS[start.approach]}${baseline}.`;
  return { consensus: start.approach, basis: "default-start", basisCite: start.cite, leaning: { approach: pick, unknowns, about: "knowledge", sentence }, heldBack: null };
}

/** The answers a lean names, as it names them: what would let a trained model be recommended. */
const FAVOURING: Partial<Record<AnswerKey, Assessment[AnswerKey]>> = { labeledExamples: ENOUGH_LABELS, promptedBaselineMeetsBar: "no", retrainingBudget: true };

/**
 * "The frameworks lean to Fine-tuning, which would be recommended once there are at least 200
 * curated, labeled examples" is a promise: given those
 * answers, the recommendation is fine-tuning. Answering them can change how the frameworks vote,
 * so the lean is scored with them (once, for the use case itself, not in each re-score of "what
 * would change it"); where they lead elsewhere, the sentence says where (a reviewer found 0.7% of
 * leans promising an approach those answers did not bring).
 */
export function keepLeanTrue(a: Assessment, weights: Weights, held: Held, votesOf: (results: readonly FrameworkResult[]) => Votes): Held {
  const lean = held.leaning;
  // A knowledge lean promises nothing (its sentence names no answer that would bring RAG).
  if (!lean || lean.about === "knowledge") return held;
  const answered = { ...a } as Record<AnswerKey, unknown>;
  for (const k of [...lean.unknowns, ...(lean.missing ?? [])]) if (k in FAVOURING) answered[k] = FAVOURING[k];
  const x = answered as Assessment;
  const results = FRAMEWORKS.map((fw) => runFramework(fw, x));
  const then = holdRecommendation(x, evidenceOf(x), consensusOf(results, weights), votesOf(results)).consensus;
  if (then === lean.approach) return held;
  return { ...held, leaning: { ...lean, sentence: leanSentence(a, lean, then, held.instead) } };
}

/**
 * What holds the recommendation away from the frameworks' pick, as said after "the recommendation
 * stays RAG" in "what would change it" (./sensitivity.ts): "because …" for a prerequisite known to
 * be missing (whatever the unknown ones are), "while “…” is unanswered" for a lean held while the
 * answers that would justify training are unknown, "because …" for a pick that cannot serve the use
 * case.
 */
export function holdsIt(a: Assessment, h: Held, retrainLagDays: number, changed?: AnswerKey): string | undefined {
  if (h.leaning?.about === "knowledge") return "because no answer says there is knowledge to retrieve";
  // Never the changed answer's own value as the reason: re-scored for an unanswered question, it is
  // a value tried, not one given ("because there are only 199 labeled examples" of a question left
  // unanswered; "because Fine-tuning does not meet the 6-day lag" of a lag not given).
  const missing = (h.leaning?.missing ?? []).filter((k) => k !== changed);
  // A prerequisite known to be missing holds it whatever the unknown ones turn out to be: said first.
  if (missing.length) return `because ${whyNotTrained(a, missing).replace(/^though /, "")}`;
  if (h.leaning && h.leaning.unknowns.length === 1 && h.leaning.unknowns[0] === "promptedBaselineMeetsBar" && a.promptedBaselineMeetsBar === "untested") {
    return "while no prompted base model has been tried";
  }
  if (h.leaning && h.leaning.unknowns.length > 0) {
    const n = h.leaning.unknowns.length;
    return `while ${join(h.leaning.unknowns.map((k) => `“${inSentence(ANSWER_LABELS[k])}”`))} ${n === 1 ? "is" : "are"} unanswered`;
  }
  if (h.heldBack) {
    if (changed === "maxLagDays" && h.heldBack.reason === "fails-lag") return undefined;
    const why = cannotRecommend(h.heldBack.approach, a, retrainLagDays)?.why;
    // The reason alone: "does not meet the 7-day lag", not how long a change waits nor what is retrieved.
    return why ? `because ${APPROACH_LABELS[h.heldBack.approach]} ${why.split(/:| \(/)[0]}` : undefined;
  }
  return undefined;
}
