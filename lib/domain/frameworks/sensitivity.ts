/**
 * What would change the answer (PRODUCT.md, "Evidence and honesty").
 *
 * Two kinds of change, each useful only where it is about this case:
 *  - Unanswered deciding questions, ranked by how much each could change the recommendation: every
 *    value of the question is tried, and the one whose values lead to the most different outcomes
 *    comes first. For a provisional or unassessed score this is what to do next.
 *  - Changes to answers that were given, nearest first. "Nearest" is how plausible the change is:
 *    one step of change frequency, a number crossing the threshold it is closest to, a baseline
 *    not yet tried being tried, cost less than redefining the need. Turning a case into a different
 *    kind of system (needing tool use, transformation at volume or feedback learning where it said
 *    it does not) is not a change to this case, and is never offered.
 */
import {
  ANSWER_KEYS, ANSWER_LABELS, APPROACH_LABELS, BASELINE_RESULTS, CHANGE_FREQUENCIES, CORE_NEEDS,
  type AnswerKey, type Approach, type Assessment,
} from "../assessment";
import { formatValue } from "./conditions";
import { DECIDING_KEYS } from "./evidence";
import { FRAMEWORKS } from "./registry";
import type { AnswerValue, Condition } from "./types";

export interface Sensitivity {
  answer: AnswerKey;
  from: AnswerValue;
  to: AnswerValue;
  newConsensus: Approach | null;
  sentence: string;
}

export interface UnansweredQuestion {
  answer: AnswerKey;
  label: string;
  /** The different recommendations its possible answers lead to. */
  outcomes: Approach[];
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
const THRESHOLDS = thresholds();

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
    const out: { to: number; cost: number }[] = [];
    for (const t of THRESHOLDS.get(key) ?? []) {
      for (const to of [t - 1, t]) {
        if (to < 0 || to === value) continue;
        out.push({ to, cost: 1 + Math.abs(Math.log10(to + 1) - Math.log10(value + 1)) });
      }
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
  if (t) return [...new Set([0, ...t.flatMap((x) => [Math.max(0, x - 1), x]), t[t.length - 1]! * 10])];
  return [true, false];
}

function phrase(key: AnswerKey, v: AnswerValue): string {
  if (key === "changeFrequency") return `the knowledge changed ${v}`;
  if (key === "maxLagDays") return `${formatValue(v)} days of lag were acceptable`;
  if (key === "labeledExamples") return `there were ${formatValue(v)} labeled examples`;
  if (key === "promptedBaselineMeetsBar") return v === "yes" ? "a prompted base model met the bar" : v === "no" ? "a prompted base model fell short" : "the prompted baseline were untested";
  if (key === "coreNeed") return `the core need were ${v === "neither" ? "neither retrieval nor reasoning" : v === "both" ? "both retrieval and reasoning" : v}`;
  return `“${lower(ANSWER_LABELS[key])}” were ${formatValue(v)}`;
}

function was(key: AnswerKey, v: AnswerValue): string {
  if (key === "changeFrequency") return String(v);
  if (key === "maxLagDays") return `${formatValue(v)} days`;
  if (key === "promptedBaselineMeetsBar") return v === "untested" ? "untested" : v === "yes" ? "it does" : "it falls short";
  return formatValue(v);
}

/** A label inside a sentence: first letter in lower case, the rest (acronyms) as written. */
const lower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

const nameOf = (ap: Approach | null) => (ap ? APPROACH_LABELS[ap] : "no recommendation");

function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

export interface Deciders {
  /** The recommendation shown for an assessment (after the evidence rules), rescoring only what `changed` touches. */
  shown: (a: Assessment, changed: AnswerKey) => Approach | null;
  /** The frameworks' own consensus, before the evidence rules. */
  raw: (a: Assessment, changed: AnswerKey) => Approach | null;
  /** How many voting frameworks pick `approach` for an assessment. */
  votesFor: (a: Assessment, changed: AnswerKey, approach: Approach) => { votes: number; voters: number };
}

export function rankUnanswered(a: Assessment, raw: Deciders["raw"]): UnansweredQuestion[] {
  const out: (UnansweredQuestion & { order: number })[] = [];
  DECIDING_KEYS.forEach((key, order) => {
    if (a[key] !== undefined && a[key] !== null) return;
    const outcomes = new Set<Approach>();
    for (const v of valuesOf(key)) {
      const c = raw({ ...a, [key]: v } as Assessment, key);
      if (c) outcomes.add(c);
    }
    const list = [...outcomes];
    const label = ANSWER_LABELS[key];
    const sentence =
      list.length > 1
        ? `Answer “${lower(label)}”: depending on it the frameworks favour ${listOf(list.map((x) => APPROACH_LABELS[x]))}.`
        : list.length === 1
          ? `Answer “${lower(label)}”: on its own it keeps the frameworks at ${APPROACH_LABELS[list[0]!]}, but the evidence stays incomplete without it.`
          : `Answer “${lower(label)}”.`;
    out.push({ answer: key, label, outcomes: list, sentence, order });
  });
  return out.sort((x, y) => y.outcomes.length - x.outcomes.length || x.order - y.order).map(({ order: _o, ...q }) => q);
}

export function nearestChanges(a: Assessment, current: Approach | null, shown: Deciders["shown"], max = 3): Sensitivity[] {
  const found: (Sensitivity & { cost: number; order: number })[] = [];
  ANSWER_KEYS.forEach((key, order) => {
    const value = a[key] as AnswerValue | undefined;
    if (value === undefined || value === null) return;
    for (const c of changesOf(key, value).sort((x, y) => x.cost - y.cost)) {
      const next = shown({ ...a, [key]: c.to } as Assessment, key);
      if (next === current) continue;
      const sentence = `If ${phrase(key, c.to)} (now ${was(key, value)}), the recommendation would be ${nameOf(next)}.`;
      found.push({ answer: key, from: value, to: c.to, newConsensus: next, sentence, cost: c.cost, order });
      break;
    }
  });
  return found
    .sort((x, y) => x.cost - y.cost || x.order - y.order)
    .slice(0, max)
    .map(({ cost: _c, order: _o, ...s }) => s);
}

/**
 * Where no single change moves the recommendation: the nearest change that at least weakens it
 * (fewer frameworks behind it), so the sentence still says something about this case.
 */
function nearestWeakening(a: Assessment, current: Approach, d: Deciders, now: { votes: number; voters: number }): string | null {
  let best: { cost: number; sentence: string } | null = null;
  for (const key of ANSWER_KEYS) {
    const value = a[key] as AnswerValue | undefined;
    if (value === undefined || value === null) continue;
    for (const c of changesOf(key, value).sort((x, y) => x.cost - y.cost)) {
      if (best && c.cost >= best.cost) break;
      const after = d.votesFor({ ...a, [key]: c.to } as Assessment, key, current);
      if (after.votes >= now.votes) continue;
      best = { cost: c.cost, sentence: `No single answer changes it. The nearest that weakens it: if ${phrase(key, c.to)} (now ${was(key, value)}), ${after.votes} of ${after.voters} voting frameworks would pick ${nameOf(current)}.` };
      break;
    }
  }
  return best?.sentence ?? null;
}

export function whatWouldChange(a: Assessment, current: Approach | null, d: Deciders, evidence: "none" | "provisional" | "assessed"): WhatWouldChange {
  const unanswered = evidence === "assessed" ? [] : rankUnanswered(a, d.raw);
  const changes = evidence === "none" ? [] : nearestChanges(a, current, d.shown);
  const change = changes[0] ?? null;
  let sentence: string;
  if (evidence === "none") {
    sentence = `Not assessed yet. Answer these first: ${unanswered.slice(0, 3).map((q) => `“${lower(q.label)}”`).join(", ")}.`;
  } else if (evidence === "provisional") {
    sentence = unanswered[0]!.sentence;
  } else if (change) {
    sentence = change.sentence;
  } else {
    const now = current ? d.votesFor(a, ANSWER_KEYS[0]!, current) : null;
    sentence =
      (current && now && nearestWeakening(a, current, d, now)) ??
      `No single answer changes it, nor weakens it: every nearby answer keeps ${nameOf(current)}.`;
  }
  return { sentence, change, changes, unanswered };
}
