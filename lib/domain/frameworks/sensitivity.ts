/**
 * What would change the answer (PRODUCT.md, "Evidence and honesty").
 *
 * Two kinds of change, each useful only where it is about this case:
 *  - Unanswered deciding questions, ranked by how much each could change the recommendation shown:
 *    every value of the question is tried, and the one whose values lead to the most different
 *    recommendations comes first; one that would move only the frameworks' vote, while a rule holds
 *    the recommendation, is said as such. For a provisional or unassessed score this is what to do
 *    next. The acceptable lag is not asked where the knowledge never changes.
 *  - Changes to answers that were given, nearest first. "Nearest" is how plausible the change is:
 *    one step of change frequency, a number crossing the threshold it is closest to, a baseline
 *    not yet tried being tried, cost less than redefining the need. Turning a case into a different
 *    kind of system (needing tool use, transformation at volume or feedback learning where it said
 *    it does not) is not a change to this case, and is never offered; nor is a change that would
 *    land on prompting alone while a prompted model is known to fall short of the bar (nor, as
 *    scoreUseCase refuses them, one that would leave nothing to recommend, or a deadline the
 *    approach it leads to would miss).
 */
import {
  ANSWER_KEYS, ANSWER_LABELS, APPROACH_LABELS, BASELINE_RESULTS, CHANGE_FREQUENCIES, CORE_NEEDS, changesHow,
  type AnswerKey, type Approach, type Assessment, type ChangeFrequency,
} from "../assessment";
import { formatValue } from "./conditions";
import { DECIDING_KEYS, promptingMeetsBar, questionApplies } from "./evidence";
import { FRAMEWORKS } from "./registry";
import type { AnswerValue, Citation, Condition } from "./types";
import { inSentence, plural } from "../portfolio/format";

/** The rule that would turn the recommendation, and its framework. */
export interface TurningRule {
  framework: string;
  rule: string;
  cite: Citation;
}

export interface Sensitivity {
  answer: AnswerKey;
  from: AnswerValue;
  to: AnswerValue;
  newConsensus: Approach | null;
  sentence: string;
  /**
   * Why it would turn: the rule that reads the changed answer and speaks for the new recommendation.
   * Absent where none does (the sources' default start, a hold), and in sensitivities stored before it.
   */
  because?: TurningRule;
}

export interface UnansweredQuestion {
  answer: AnswerKey;
  label: string;
  /** The different recommendations shown its possible answers lead to (after the evidence rules; since 2.11). */
  outcomes: Approach[];
  /** Whether some answer to it would change the recommendation shown (since 2.11; absent before). */
  changesIt?: boolean;
  /** The different picks of the frameworks' vote its answers lead to, before the evidence rules (since 2.11). */
  leans?: Approach[];
  sentence: string;
}

export interface WhatWouldChange {
  /** The one sentence to read first. */
  sentence: string;
  /** The nearest change to a given answer that changes the recommendation. */
  change: Sensitivity | null;
  /** Up to three such changes, one per answer, nearest first. */
  changes: Sensitivity[];
  /** Unanswered deciding questions, the one that matters most first. */
  unanswered: UnansweredQuestion[];
}

/** Every threshold the frameworks' rules test each numeric answer against. */
function thresholds(): Map<AnswerKey, number[]> {
  const out = new Map<AnswerKey, Set<number>>();
  const add = (k: AnswerKey, n: number) => (out.get(k) ?? out.set(k, new Set()).get(k)!).add(n);
  const walk = (c: Condition) => {
    if ("all" in c) c.all.forEach(walk);
    else if ("any" in c) c.any.forEach(walk);
    else if ("not" in c) walk(c.not);
    else if ("gte" in c) add(c.answer, c.gte);
    else if ("lt" in c) add(c.answer, c.lt);
  };
  for (const fw of FRAMEWORKS) {
    fw.abstain.forEach((x) => walk(x.when));
    fw.rules.forEach((r) => walk(r.when));
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort((a, b) => a - b)]));
}
export const THRESHOLDS = thresholds();

/** Answers that define what kind of system the case is: a change from "no" to "yes" is another case. */
const STRUCTURAL: ReadonlySet<AnswerKey> = new Set(["needsToolUse", "transformationAtVolume", "learnsFromFeedback"]);

/**
 * How far-fetched a change of a yes/no answer is. Things a team can do or fund (an evaluation set,
 * a retraining budget) are nearer than facts about the business (citations required, sensitive data).
 */
const FLIP_COST: Partial<Record<AnswerKey, number>> = {
  evaluationSetExists: 1,
  retrainingBudget: 1.5,
  fitsContextWindow: 2,
  needsStyleOrFormat: 2,
  needsCitations: 2,
  latencySensitive: 2,
  expertiseDocumented: 2,
  sensitiveDataOutOfTraining: 3,
};

/** How far-fetched a change of a number is: one, plus how many tenfolds it moves. */
const numberChangeCost = (from: number, to: number) => 1 + Math.abs(Math.log10(to + 1) - Math.log10(from + 1));

function changesOf(key: AnswerKey, value: AnswerValue): { to: AnswerValue; cost: number }[] {
  if (typeof value === "boolean") {
    if (STRUCTURAL.has(key)) return value ? [{ to: false, cost: 2 }] : [];
    return [{ to: !value, cost: FLIP_COST[key] ?? 2 }];
  }
  if (key === "changeFrequency") {
    const i = CHANGE_FREQUENCIES.indexOf(value as (typeof CHANGE_FREQUENCIES)[number]);
    return CHANGE_FREQUENCIES.map((to, j) => ({ to, cost: Math.abs(i - j) })).filter((c) => c.cost > 0);
  }
  if (key === "coreNeed") return CORE_NEEDS.filter((v) => v !== value).map((to) => ({ to, cost: 2.5 }));
  if (key === "promptedBaselineMeetsBar") {
    // Untested is the cheapest to change: test it. A result already measured is harder to overturn.
    return BASELINE_RESULTS.filter((v) => v !== value && v !== "untested").map((to) => ({ to, cost: value === "untested" ? 1 : 3 }));
  }
  if (typeof value === "number") {
    // The rules only compare a number with thresholds, so every value between two thresholds
    // scores alike: one candidate per other interval, the one nearest the current value (the
    // threshold itself above it, one below the threshold beneath it).
    const out: { to: number; cost: number }[] = [];
    for (const t of THRESHOLDS.get(key) ?? []) {
      const to: number = t > value ? t : t - 1;
      if (to < 0 || to === value) continue;
      out.push({ to, cost: numberChangeCost(value, to) });
    }
    return out;
  }
  return [];
}

/** Every value an unanswered question could take, for ranking it. */
function valuesOf(key: AnswerKey): AnswerValue[] {
  if (key === "changeFrequency") return [...CHANGE_FREQUENCIES];
  if (key === "coreNeed") return [...CORE_NEEDS];
  if (key === "promptedBaselineMeetsBar") return [...BASELINE_RESULTS];
  const t = THRESHOLDS.get(key);
  // One value per interval between thresholds (every value inside one scores alike).
  if (t) return [...new Set([Math.max(0, t[0]! - 1), ...t])];
  return [true, false];
}

/**
 * The changed answer inside "If … (now …)". A lag is a limit: a shorter one is written as the
 * limit it is ("no more than 6 days of lag were acceptable (now 180 days)"), never as if 6 days
 * were a new allowance.
 */
function phrase(key: AnswerKey, v: AnswerValue, from: AnswerValue): string {
  if (key === "changeFrequency") return v === "static" ? "the knowledge were static" : `the knowledge changed ${changesHow(v as ChangeFrequency)}`;
  if (key === "maxLagDays") {
    const stricter = typeof v === "number" && typeof from === "number" && v < from;
    return `${stricter ? "no more than " : ""}${typeof v === "number" ? plural(v, "day") : formatValue(v)} of lag were acceptable`;
  }
  if (key === "labeledExamples") return v === 1 ? "there was 1 labeled example" : `there were ${formatValue(v)} labeled examples`;
  if (key === "promptedBaselineMeetsBar") return v === "yes" ? "a prompted base model met the bar" : v === "no" ? "a prompted base model fell short" : "the prompted baseline were untested";
  if (key === "coreNeed") return `the core need were ${v === "neither" ? "neither retrieval nor reasoning" : v === "both" ? "both retrieval and reasoning" : v}`;
  return `“${inSentence(ANSWER_LABELS[key])}” were ${formatValue(v)}`;
}

function was(key: AnswerKey, v: AnswerValue): string {
  if (key === "changeFrequency") return v === "realtime" ? "in real time" : String(v);
  if (key === "maxLagDays") return typeof v === "number" ? plural(v, "day") : formatValue(v);
  if (key === "promptedBaselineMeetsBar") return v === "untested" ? "untested" : v === "yes" ? "it meets the bar" : "it falls short";
  return formatValue(v);
}

/** A label inside a sentence: first letter in lower case, the rest (acronyms) as written. */

const nameOf = (ap: Approach | null) => (ap ? APPROACH_LABELS[ap] : "no recommendation");

function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** What a changed assessment scores, rescoring only the frameworks that read the changed answer. */
export interface Rescored {
  /** The frameworks' own consensus, before the evidence rules. */
  raw: Approach | null;
  /** The recommendation shown, after the evidence rules. */
  shown: Approach | null;
  /**
   * Where `shown` is not `raw`: what holds the recommendation, after "the recommendation stays RAG"
   * ("while “…” is unanswered", "because a prompted base model already meets the bar"). Optional: a
   * re-scorer that never holds needs none.
   */
  held?: string;
  /** How many voting frameworks pick `approach`. */
  votesFor: (approach: Approach) => { votes: number; voters: number };
  /** Where `shown` is the frameworks' own pick: the rule that read the changed answer and turned it. */
  because?: TurningRule;
}
export type Rescore = (a: Assessment, changed: AnswerKey) => Rescored;

/**
 * Values of a given answer, beyond the frameworks' own thresholds, at which the recommendation may
 * turn: the hold's (./serves.ts: the nearest acceptable lags at which fine-tuning starts or stops
 * meeting the lag). The frameworks' thresholds alone offered "if 6 days of lag were acceptable"
 * where 20 days already turned it.
 */
export type MoreValues = (key: AnswerKey, from: AnswerValue) => AnswerValue[];

/**
 * The unanswered deciding questions that apply (the acceptable lag does not where the knowledge
 * never changes: ./evidence.ts, questionApplies), ranked and worded by what the page would show:
 * a question is said to change the recommendation only if one of its answers would change the
 * recommendation shown (after the evidence rules), never because the frameworks' vote would move
 * while a rule holds the recommendation where it is (judgement 2.11: "depending on it the
 * frameworks favour Hybrid or RAG" was said of a format question that left RAG held back whatever
 * it was). Where only the vote would move, the sentence says so, and what holds the recommendation.
 * First the questions that can change it, those with more outcomes first; then those that move only
 * the vote; each group in the order of the deciding questions.
 */
export function rankUnanswered(a: Assessment, rescore: Rescore, current: Approach | null): UnansweredQuestion[] {
  const out: (UnansweredQuestion & { changesIt: boolean; leans: Approach[]; order: number })[] = [];
  DECIDING_KEYS.forEach((key, order) => {
    if (a[key] !== undefined && a[key] !== null) return;
    if (!questionApplies(a, key)) return;
    const shown: (Approach | null)[] = [];
    const leans: Approach[] = [];
    const holds: string[] = [];
    for (const v of valuesOf(key)) {
      const r = rescore({ ...a, [key]: v } as Assessment, key);
      if (!shown.includes(r.shown)) shown.push(r.shown);
      if (r.raw && !leans.includes(r.raw)) leans.push(r.raw);
      // What holds the recommendation where the vote would take it elsewhere.
      if (r.raw !== r.shown && r.raw !== current && r.held && !holds.includes(r.held)) holds.push(r.held);
    }
    const changesIt = shown.some((x) => x !== current);
    const outcomes = shown.filter((x): x is Approach => x !== null);
    const label = ANSWER_LABELS[key];
    const ask = `Answer “${inSentence(label)}”`;
    const names = (xs: (Approach | null)[]) => listOf(xs.map(nameOf));
    let sentence: string;
    if (changesIt && shown.length === 1) {
      sentence = shown[0] ? `${ask}: whatever the answer, the recommendation would be ${nameOf(shown[0])}.` : `${ask}: whatever the answer, there would be no recommendation.`;
    } else if (changesIt && current !== null && shown.includes(current)) {
      // The recommendation now first: "stays RAG or becomes Hybrid", "stays RAG or there would be none".
      const others = shown.filter((x): x is Approach => x !== current && x !== null);
      const none = shown.includes(null);
      sentence = `${ask}: depending on it the recommendation stays ${nameOf(current)}${others.length ? ` or becomes ${names(others)}` : ""}${none ? `${others.length ? "," : ""} or there would be none` : ""}.`;
    } else if (changesIt && current === null && shown.includes(null)) {
      // No recommendation now: "there stays none or it becomes Hybrid".
      sentence = `${ask}: depending on it there stays no recommendation or it becomes ${names(shown.filter((x) => x !== null))}.`;
    } else if (changesIt) {
      sentence = `${ask}: depending on it the recommendation would be ${names(shown)}.`;
    } else if (leans.some((x) => x !== current)) {
      // Only the vote would move: said as such, with what holds the recommendation where it is.
      const lean = leans.length > 1 ? `depending on it the frameworks would lean to ${names(leans)}` : `whatever the answer, the frameworks would lean to ${nameOf(leans[0]!)}`;
      const stays = current ? `the recommendation stays ${nameOf(current)}` : "there stays no recommendation";
      // "whatever the answer" once: the lean already says it where it is one approach.
      sentence = `${ask}: ${lean}, but ${stays}${holds.length ? ` ${holds[0]}` : leans.length > 1 ? " whatever the answer" : ""}.`;
    } else if (leans.length === 1) {
      sentence = `${ask}: on its own it keeps the frameworks at ${APPROACH_LABELS[leans[0]!]}, but the evidence stays incomplete without it.`;
    } else {
      sentence = `${ask}.`;
    }
    out.push({ answer: key, label, outcomes, changesIt, leans, sentence, order });
  });
  return out
    .sort((x, y) => Number(y.changesIt) - Number(x.changesIt) || y.outcomes.length - x.outcomes.length || y.leans.length - x.leans.length || x.order - y.order)
    .map(({ order: _o, ...q }) => q);
}

/**
 * One pass over every change to a given answer, nearest first across all answers: the first three
 * that change the recommendation (one per answer), and, while none has, the nearest that weakens
 * it (fewer voting frameworks behind it). Each change is scored once; the pass ends at the third.
 */
/**
 * A change the page must not offer though it turns the recommendation (scoreUseCase's: a deadline
 * at which the approach it leads to would not be in production yet, which TIME_TO_VALUE_PAST_DEADLINE
 * would call out; or one that leaves nothing to recommend).
 */
export type Refuse = (changed: Assessment, key: AnswerKey, shown: Approach | null) => boolean;

export function nearestChanges(a: Assessment, current: Approach | null, rescore: Rescore, now: { votes: number } | null, max = 3, more?: MoreValues, refuse?: Refuse): { changes: Sensitivity[]; weakening: string | null } {
  const candidates: { key: AnswerKey; from: AnswerValue; to: AnswerValue; cost: number; order: number }[] = [];
  ANSWER_KEYS.forEach((key, order) => {
    const from = a[key] as AnswerValue | undefined;
    // A lag given for knowledge that never changes is no lag anything could miss: not offered.
    if (from === undefined || from === null || !questionApplies(a, key)) return;
    const own = changesOf(key, from);
    for (const c of own) candidates.push({ key, from, to: c.to, cost: c.cost, order });
    for (const to of more?.(key, from) ?? []) {
      if (typeof to !== "number" || typeof from !== "number" || to < 0 || to === from || own.some((c) => c.to === to)) continue;
      candidates.push({ key, from, to, cost: numberChangeCost(from, to), order });
    }
  });
  candidates.sort((x, y) => x.cost - y.cost || x.order - y.order);
  const changes: Sensitivity[] = [];
  let weakening: string | null = null;
  let firstCost: number | null = null;
  for (const c of candidates) {
    if (changes.length >= max) break;
    // Past the first change that flips it, only those about as near are worth listing.
    if (firstCost !== null && c.cost > firstCost + 1.5) break;
    if (changes.some((x) => x.answer === c.key)) continue;
    const changed = { ...a, [c.key]: c.to } as Assessment;
    const r = rescore(changed, c.key);
    // Prompting alone where a prompted model was tried and fell short is no way this case could
    // go (PROMPTING_BELOW_BAR). scoreUseCase's rescore already holds what it shows to what can
    // serve (./serves.ts); this function keeps the rule for any rescore it is given.
    if (r.shown === "PROMPTING" && !promptingMeetsBar(changed)) continue;
    if (r.shown !== current && refuse?.(changed, c.key, r.shown)) continue;
    if (r.shown !== current) {
      firstCost ??= c.cost;
      changes.push({
        answer: c.key, from: c.from, to: c.to, newConsensus: r.shown,
        // Where a hold, not the vote, puts it there, the hold says why (a reviewer read "If there were 200 labeled
        // examples (now 40), the recommendation would be RAG" with no reason: the frameworks would all pick fine-tuning, held back).
        sentence: `If ${phrase(c.key, c.to, c.from)} (now ${was(c.key, c.from)}), the recommendation would be ${nameOf(r.shown)}${r.raw && r.raw !== r.shown && r.held && r.shown !== null ? `: the frameworks would pick ${nameOf(r.raw)}, held back ${r.held.replace(`because ${nameOf(r.raw)} `, "because it ")}` : ""}.`,
        ...(r.because ? { because: r.because } : {}),
      });
      continue;
    }
    if (weakening === null && changes.length === 0 && current && now) {
      const after = r.votesFor(current);
      // Fewer votes only because a framework stops voting (it abstains there) is no weakening: "3 of 3" is still all of them.
      if (after.votes < now.votes && after.votes < after.voters) {
        weakening = `No single answer changes it. The nearest that weakens it: if ${phrase(c.key, c.to, c.from)} (now ${was(c.key, c.from)}), ${after.votes} of ${after.voters} voting frameworks would pick ${nameOf(current)}.`;
      }
    }
  }
  return { changes, weakening };
}

export function whatWouldChange(
  a: Assessment,
  current: Approach | null,
  rescore: Rescore,
  now: { votes: number } | null,
  evidence: "none" | "provisional" | "assessed",
  more?: MoreValues,
  refuse?: Refuse,
): WhatWouldChange {
  const unanswered = evidence === "assessed" ? [] : rankUnanswered(a, rescore, current);
  const { changes, weakening } = evidence === "none" ? { changes: [], weakening: null } : nearestChanges(a, current, rescore, now, 3, more, refuse);
  const change = changes[0] ?? null;
  let sentence: string;
  if (evidence === "none") {
    sentence = `Not assessed yet. Answer these first: ${unanswered.slice(0, 3).map((q) => `“${inSentence(q.label)}”`).join(", ")}.`;
  } else if (evidence === "provisional" && (!current || unanswered.some((q) => q.changesIt !== false || (q.leans ?? []).some((l) => l !== current)))) {
    sentence = unanswered[0]!.sentence;
  } else if (evidence === "provisional") {
    // No unanswered question would change it, nor even move the vote: "What would change it: Answer
    // “…”: on its own it keeps the frameworks at RAG" named a question that changes nothing. An answer
    // already given that would change it is said first; else that none would, and which to answer first.
    sentence = change
      ? change.sentence
      : `No single answer changes it: each unanswered deciding question keeps ${nameOf(current)}. Answering them makes it assessed, “${inSentence(unanswered[0]!.label)}” first.`;
  } else if (change) {
    sentence = change.sentence;
  } else {
    sentence = weakening ?? `No single answer changes it, nor weakens it: every nearby answer keeps ${nameOf(current)}.`;
  }
  return { sentence, change, changes, unanswered };
}
