/**
 * Scoring one use case: the five frameworks, their consensus, the evidence behind it, risk flags,
 * and what would change the answer. Total: any partial or empty assessment scores without throwing.
 *
 * The recommendation shown is the frameworks' consensus, held to what can serve the use case
 * (./serves.ts): never an approach the cost panel says misses the lag or cannot reach the use case;
 * and to the evidence (./evidence.ts): none with no deciding answer; the seeds' default start
 * instead of fine-tuning or a hybrid while the answers that would justify training a model are
 * unknown; and never a trained model the answers say lacks what training needs (too few labeled
 * examples, no budget for retraining), whatever the evidence level: then the next approach the
 * frameworks pick that can serve and trains no model, else the default start. An approach the
 * recommendation falls back to is held to every rule, as the first pick is.
 */
import { ANSWER_LABELS, APPROACH_LABELS, type AnswerKey, type Approach, type Assessment } from "../assessment";
import { answersOf } from "./conditions";
import { agreementSentence, consensusOf, rankedPicks, tieOf, tieSentence, weightOf, type Consensus } from "./consensus";
import { ENOUGH_LABELS } from "./data/shared";
import { defaultStart, evidenceOf, missingPrerequisites, TRAINING_PREREQUISITES, trainsAModel, unknownPrerequisites, type Evidence } from "./evidence";
import { runFramework } from "./evaluate";
import { DEFAULT_RETRAIN_LAG_DAYS } from "../costing/retraining";
import { lateForDeadline, riskFlags, type RiskFlag } from "./flags";
import type { TimeToValueFigures } from "../costing/time-to-value";
import { CAPABILITY_RULES, lacksCapability } from "./capabilities";
import { cannotRecommend, heldBackSentence, lagsWhereFineTuningTurns, type HoldReason } from "./serves";
import { DEFAULT_WEIGHTS, FRAMEWORKS, frameworkVersions, type Weights } from "./registry";
import { whatWouldChange, type Rescored, type WhatWouldChange } from "./sensitivity";
import type { Citation, FrameworkResult } from "./types";
import { inSentence } from "../portfolio/format";

/** The answers each framework reads, in FRAMEWORKS order. */
const READS: Set<AnswerKey>[] = FRAMEWORKS.map((fw) => {
  const out = new Set<AnswerKey>();
  fw.abstain.forEach((x) => answersOf(x.when, out));
  fw.rules.forEach((r) => answersOf(r.when, out));
  return out;
});

export interface ScoreOptions {
  chosenApproach?: Approach | null;
  weights?: Weights;
  /** Days one retraining takes (000: two to four weeks); the staleness flag compares it with the acceptable lag. */
  retrainLagDays?: number;
  /**
   * The cost assumptions' time to value per approach (the figures the cost panel shows); the
   * deadline flag compares its base with the weeks until production. The defaults where absent.
   */
  timeToValueWeeks?: TimeToValueFigures;
  /** Skip "what would change the answer" (it re-scores the case many times). */
  skipSensitivity?: boolean;
}

/** Where the recommendation comes from. */
export type Basis = "frameworks" | "default-start";

export interface Leaning {
  /** What the voting frameworks favour, held back for now. */
  approach: Approach;
  /** The unanswered questions that hold it back. */
  unknowns: AnswerKey[];
  /**
   * The training prerequisites the answers say are missing (missingPrerequisites): present only
   * where there are some (since 2.7). With none unknown, the recommendation is then the next
   * approach the frameworks pick that trains no model, else the default start, and the sentence
   * says which; with some unknown, it is the default start, as for any lean.
   */
  missing?: AnswerKey[];
  sentence: string;
}

/** The frameworks' own pick, where it cannot serve the use case and the recommendation went past it. */
export interface HeldBack {
  approach: Approach;
  reason: HoldReason;
  /** Voting frameworks that pick it, of all voting. */
  votes: number;
  voters: number;
  /** What the page says: why it cannot serve, and where the recommendation went instead. */
  sentence: string;
  cite: Citation;
}

export interface Score extends Consensus {
  evidence: Evidence;
  /** null when there is no recommendation. */
  basis: Basis | null;
  /** Where the default start stands in for the frameworks' own pick. */
  basisCite: Citation | null;
  leaning: Leaning | null;
  /** The frameworks' pick held back because it cannot serve the use case (absent in scores stored before 2.3). */
  heldBack?: HeldBack | null;
  /**
   * How many voting frameworks pick the recommendation shown. Equal to the agreement's count,
   * except where the default start stands in for the frameworks' pick (then often 0 of N).
   */
  backing: { votes: number; voters: number };
  /** The agreement in words, abstentions named. */
  agreementText: string;
  frameworks: FrameworkResult[];
  flags: RiskFlag[];
  sensitivity: WhatWouldChange | null;
  frameworkVersions: Record<string, string>;
  /** The version of the judgement on top of the frameworks (JUDGEMENT_VERSION); absent in scores stored before 2.1. */
  judgementVersion?: string;
  weights: Weights;
}

/**
 * The version of the judgement on top of the frameworks' rules: evidence levels, the default start,
 * the consensus's words, the risk flags. Stored with every score; start-up re-scores the use cases
 * whose score came from another (lib/server/rescore.ts), as it does for framework versions.
 * 2.0: evidence levels, the default start, flags of version 2 (with the frameworks' 2.0.0).
 * 2.1: the default start and the cost panel agree on what prompting can serve; a tie on votes is
 *      said; FT_THOUGH_PROMPTING_MEETS_BAR and PROMPTING_WITHOUT_ITS_KNOWLEDGE; the staleness flag
 *      follows the cost panel's rule.
 * 2.2: a provisional lean to training says when a prompted base model already meets the bar; the
 *      default start is RAG, not prompting, where a prompted base model was tried and falls short;
 *      PROMPTING_BELOW_BAR.
 * 2.3: the recommendation is held to what can serve the use case (./serves.ts, the cost panel's
 *      rules): where the frameworks' pick misses the acceptable lag or is prompting that never sees
 *      the use case's knowledge or was found short of the bar, the recommendation is the next
 *      approach they pick that can, else the seeds' default start. FT_WITHOUT_RETRAINING_BUDGET is
 *      not raised where the knowledge is static (no retraining is planned).
 * 2.4: one hold for the first pick and the fallback (never a trained model on a provisional score
 *      whose prerequisites are unknown; no lean to an approach that misses the lag); waits said
 *      "up to N days" rounded up; a tie after a hold is said; knowledge "changes in real time"; a
 *      lean whose named answers lead elsewhere says where (then "Fine-tuning leans, but if …, the
 *      recommendation would be Hybrid").
 * 2.5: fine-tuning on fast-changing knowledge within the acceptable lag says what keeping within
 *      it takes (the retrainings a year, the longest wait), so the flag does not read as
 *      contradicting the recommendation; the recommendations are 2.4's.
 * 2.6: the words only, so stored scores say them: a lean reads "The frameworks lean to
 *      Fine-tuning, which would be recommended once …" (it read "Fine-tuning leans if …"), and a
 *      tie broken on fit says what its figures are (the voting frameworks' scores, summed); the
 *      recommendations are 2.5's.
 * 2.7: never a trained model where a prerequisite is known to be missing (fewer labeled examples
 *      than ENOUGH_LABELS; no retraining budget for knowledge that changes), whatever the evidence:
 *      the recommendation is the next approach the frameworks pick that can serve and trains no
 *      model, else the default start (the default start while others are unknown, as in 2.4),
 *      with "The frameworks lean to Hybrid, which would be
 *      recommended once there is budget and engineering for retraining (the assessment says there
 *      is none)"; a lean to training names sensitive data that must stay out of it.
 * 2.8: a prompted base model that already meets the bar is a third prerequisite known to be
 *      missing (002 checks it before any training): no fine-tuning or hybrid is recommended over
 *      it, where 2.7 recommended one and raised FT_THOUGH_PROMPTING_MEETS_BAR against itself; a
 *      hold says "the sources' default starting approach", not "the seeds' default start".
 * 2.9: LEARNING_WITHOUT_FEEDBACK_LOOP: where the use case must learn from its users and the
 *      approach in play is an agent or a structured pipeline (which the capability rule leaves
 *      able), the flag says neither learns unless a feedback loop is built in; the
 *      recommendations are 2.8's.
 * 2.10: TIME_TO_VALUE_PAST_DEADLINE: where the approach in play typically takes longer to first
 *      serve its users (the cost assumptions' time to value, base: 000's "days" for RAG, "eight
 *      weeks" for fine-tuning and the hybrid) than the weeks until it must be in production, and
 *      "what would change it" offers no deadline the approach it leads to would miss; RAG alone
 *      cannot serve a use case that needs a format, style or voice a prompted base model was tried
 *      on and fell short of (./capabilities.ts; 001, 003), so it is never the cheapest that serves
 *      or a saving there, and where nothing else serves without training a model the answers do
 *      not yet justify, there is no recommendation (the lean says what would bring one); "Start
 *      with RAG" (2.1.0) and "Behaviour versus knowledge" (2.1.0) never vote or score prompting
 *      where a prompted base model was tried and falls short, and 002's thin-data rule only warns
 *      against fine-tuning, as its sentence does.
 * 2.11: "what would change it" ranks and words the unanswered questions by the recommendation the
 *      page would show, after the evidence rules, not by the frameworks' vote before them: a
 *      question is said to change the recommendation only where an answer to it would; where only
 *      the vote would move, it says so and what holds the recommendation ("the frameworks would
 *      lean to Hybrid or RAG, but the recommendation stays RAG while … are unanswered", "… because
 *      a prompted base model already meets the bar"). Where the knowledge never changes, the
 *      acceptable lag does not apply (./evidence.ts, questionApplies): it is not asked for nor
 *      offered as a change, and a case missing only the lag is assessed, not provisional; the
 *      recommendations are 2.10's.
 */
export const JUDGEMENT_VERSION = "2.11";

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

interface Held {
  consensus: Approach | null;
  basis: Basis | null;
  basisCite: Citation | null;
  leaning: Leaning | null;
  heldBack: HeldBack | null;
  /** After a lean held for a missing prerequisite: where the recommendation went instead. */
  instead?: string;
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
interface Votes {
  results: readonly FrameworkResult[];
  weights: Weights;
  retrainLagDays: number;
}

const votesFor = (v: Votes, ap: Approach) => {
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
interface Rules {
  cannot: (ap: Approach) => ReturnType<typeof cannotRecommend>;
  /** Trains a model a prerequisite is known to be missing for, or on a provisional score whose training prerequisites are unknown. */
  untrained: (ap: Approach) => boolean;
  /** The training prerequisites known to be missing. */
  missing: AnswerKey[];
}

function rulesFor(a: Assessment, evidence: Evidence, v: Votes): Rules {
  const missing = missingPrerequisites(a);
  const held = missing.length > 0 || (evidence === "provisional" && unknownPrerequisites(a).length > 0);
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
  const next = serving.find((ap) => !rules.untrained(ap));
  const passed = serving.slice(0, next ? serving.indexOf(next) : serving.length);
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
  const cannot = lacking ? `${CAPABILITY_RULES[lacking].cannot}${lacking === "needsStyleOrFormat" ? ", which a prompted base model was tried on and fell short of" : ""}` : "cannot serve it either";
  const who = start === pick ? `${APPROACH_LABELS[start]}, also the sources' default starting approach,` : `The sources' default starting approach, ${APPROACH_LABELS[start]},`;
  return `${who} ${cannot}, and nothing else they pick serves it without training a model, so there is no recommendation${training ? " until a model can be trained" : ""}.`;
}

/**
 * The frameworks' consensus held to the evidence behind it and to what can serve the use case.
 * What cannot serve is held back first: a lean to training promises only an approach the answers
 * it names would bring, never one that misses the lag whatever they are.
 */
function holdRecommendation(a: Assessment, evidence: Evidence, c: Consensus, v: Votes): Held {
  if (evidence === "none" || c.consensus === null) return { consensus: null, basis: null, basisCite: null, leaning: null, heldBack: null };
  const rules = rulesFor(a, evidence, v);
  const cannot = rules.cannot(c.consensus);
  if (cannot) return holdToWhatServes(a, c.consensus, cannot, v, rules);
  if (!rules.untrained(c.consensus)) return { consensus: c.consensus, basis: "frameworks", basisCite: null, leaning: null, heldBack: null };
  const unknowns = evidence === "provisional" ? unknownPrerequisites(a) : [];
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
  const next = rankedPicks(v.results, v.weights).find((ap) => ap !== c.consensus && rules.cannot(ap) === null && !rules.untrained(ap));
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
function keepLeanTrue(a: Assessment, weights: Weights, held: Held, votesOf: (results: readonly FrameworkResult[]) => Votes): Held {
  const lean = held.leaning;
  if (!lean) return held;
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
function holdsIt(a: Assessment, h: Held, retrainLagDays: number): string | undefined {
  // A prerequisite known to be missing holds it whatever the unknown ones turn out to be: said first.
  if (h.leaning?.missing?.length) return `because ${whyNotTrained(a, h.leaning.missing).replace(/^though /, "")}`;
  if (h.leaning && h.leaning.unknowns.length > 0) {
    const n = h.leaning.unknowns.length;
    return `while ${join(h.leaning.unknowns.map((k) => `“${inSentence(ANSWER_LABELS[k])}”`))} ${n === 1 ? "is" : "are"} unanswered`;
  }
  if (h.heldBack) {
    const why = cannotRecommend(h.heldBack.approach, a, retrainLagDays)?.why;
    // The reason alone: "does not meet the 7-day lag", not how long a change waits nor what is retrieved.
    return why ? `because ${APPROACH_LABELS[h.heldBack.approach]} ${why.split(/:| \(/)[0]}` : undefined;
  }
  return undefined;
}

/** The agreement, and where the votes tied, what decided it. */
function withTie(sentence: string, tie: ReturnType<typeof tieOf>, winner: Approach | null): string {
  return tie && winner ? `${sentence}; ${tieSentence(APPROACH_LABELS[winner], APPROACH_LABELS[tie.with], tie)}` : sentence;
}

export function scoreUseCase(assessment: Assessment, opts: ScoreOptions = {}): Score {
  const weights = { ...DEFAULT_WEIGHTS, ...(opts.weights ?? {}) };
  const a = assessment ?? {};
  const evidence = evidenceOf(a);
  const frameworks = FRAMEWORKS.map((fw) => runFramework(fw, a));
  const raw = consensusOf(frameworks, weights);
  const retrainLagDays = opts.retrainLagDays ?? DEFAULT_RETRAIN_LAG_DAYS;
  const votesOf = (results: readonly FrameworkResult[]): Votes => ({ results, weights, retrainLagDays });
  const held = keepLeanTrue(a, weights, holdRecommendation(a, evidence, raw, votesOf(frameworks)), votesOf);
  // With no deciding answer there is nothing to agree on: no count at all.
  const c: Consensus = evidence === "none" ? { consensus: null, agreement: { votes: 0, voters: 0, abstained: [] }, disagreement: false } : raw;

  // Re-scoring for "what would change it" reruns only the frameworks that read the changed answer.
  const votesIn = (results: readonly FrameworkResult[]) => (ap: Approach) => votesFor(votesOf(results), ap);
  const rescore = (x: Assessment, changed: AnswerKey): Rescored => {
    const results = FRAMEWORKS.map((fw, i) => (READS[i]!.has(changed) ? runFramework(fw, x, true) : frameworks[i]!));
    const r = consensusOf(results, weights, true);
    const h = holdRecommendation(x, evidenceOf(x), r, votesOf(results));
    return { raw: r.consensus, shown: h.consensus, held: r.consensus !== h.consensus ? holdsIt(x, h, retrainLagDays) : undefined, votesFor: votesIn(results) };
  };
  const now = held.consensus ? votesIn(frameworks)(held.consensus) : null;
  // After a hold, the recommendation was chosen among the approaches that can be recommended: a tie on votes among those is said too.
  const rules = rulesFor(a, evidence, votesOf(frameworks));
  const recommendable = (ap: Approach) => rules.cannot(ap) === null && !rules.untrained(ap);
  const backing =
    held.basis === "default-start"
      ? { votes: frameworks.filter((f) => f.recommendation === held.consensus && !c.agreement.abstained.some((x) => x.frameworkId === f.frameworkId)).length, voters: c.agreement.voters }
      : held.heldBack || held.leaning
        ? { votes: now?.votes ?? 0, voters: c.agreement.voters }
        : { votes: c.agreement.votes, voters: c.agreement.voters };
  const agreementText =
    evidence === "none"
      ? "Not assessed: no deciding question is answered yet."
      : held.leaning
        ? withTie(`Held back${held.leaning.missing ? "" : " for now"}: ${agreementSentence(c.agreement).replace(/ agree/, ` lean to ${APPROACH_LABELS[held.leaning.approach]}`)}`, tieOf(frameworks, weights, held.leaning.approach), held.leaning.approach)
        : held.heldBack && held.basis !== "frameworks"
          ? withTie(`Held back: ${agreementSentence(c.agreement).replace(/ agree/, ` pick ${APPROACH_LABELS[held.heldBack.approach]}`)}`, tieOf(frameworks, weights, held.heldBack.approach), held.heldBack.approach)
          : held.heldBack
            ? withTie(agreementSentence({ ...c.agreement, votes: backing.votes }), tieOf(frameworks, weights, held.consensus, recommendable), held.consensus)
            : withTie(agreementSentence(c.agreement), tieOf(frameworks, weights, c.consensus), c.consensus);
  return {
    ...c,
    consensus: held.consensus,
    backing,
    evidence,
    basis: held.basis,
    basisCite: held.basisCite,
    leaning: held.leaning,
    heldBack: held.heldBack,
    agreementText,
    frameworks,
    flags: riskFlags(a, { consensus: held.consensus, chosen: opts.chosenApproach ?? null, retrainLagDays, agreement: held.basis === "frameworks" ? backing : undefined, timeToValueWeeks: opts.timeToValueWeeks }),
    // A deadline is never offered at which the approach it leads to would not be in production yet;
    // nor, since 2.10, a change that would leave nothing to recommend (a style RAG alone cannot keep,
    // where training is not yet justified): it names no way the case could go.
    sensitivity: opts.skipSensitivity
      ? null
      : whatWouldChange(
          a, held.consensus, rescore, now, evidence,
          (key) => (key === "maxLagDays" ? lagsWhereFineTuningTurns(a, retrainLagDays) : []),
          (x, key, shown) => (shown === null && held.consensus !== null) || (key === "weeksToProduction" && lateForDeadline(shown, x, opts.timeToValueWeeks) !== null),
        ),
    frameworkVersions: frameworkVersions(),
    judgementVersion: JUDGEMENT_VERSION,
    weights,
  };
}
