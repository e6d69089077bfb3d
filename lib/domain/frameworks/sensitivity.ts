/**
 * What would change the answer: the smallest change to one given answer that flips the consensus.
 *
 * "Smallest" is measured per answer: for how often knowledge changes, the number of steps along
 * realtime … static; for yes/no and other choices, 1; for numbers, 1 plus the change in orders of
 * magnitude. Candidate numbers are the thresholds the rules use (just either side of each).
 * Ties go to the answer that comes first in the assessment.
 */
import { ANSWER_KEYS, ANSWER_LABELS, APPROACH_LABELS, BASELINE_RESULTS, CHANGE_FREQUENCIES, CORE_NEEDS, type AnswerKey, type Approach, type Assessment } from "../assessment";
import { formatValue } from "./conditions";
import type { AnswerValue, Condition } from "./types";
import { FRAMEWORKS } from "./registry";

export interface Sensitivity {
  answer: AnswerKey;
  from: AnswerValue;
  to: AnswerValue;
  newConsensus: Approach | null;
  sentence: string;
}

/** Every threshold the frameworks' rules test each numeric answer against. */
function thresholds(): Map<AnswerKey, number[]> {
  const out = new Map<AnswerKey, Set<number>>();
  const walk = (c: Condition) => {
    if ("all" in c) c.all.forEach(walk);
    else if ("any" in c) c.any.forEach(walk);
    else if ("not" in c) walk(c.not);
    else if ("gte" in c) (out.get(c.answer) ?? out.set(c.answer, new Set()).get(c.answer)!).add(c.gte);
    else if ("lt" in c) (out.get(c.answer) ?? out.set(c.answer, new Set()).get(c.answer)!).add(c.lt);
  };
  for (const fw of FRAMEWORKS) {
    fw.abstain.forEach((x) => walk(x.when));
    fw.rules.forEach((r) => walk(r.when));
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort((a, b) => a - b)]));
}
const THRESHOLDS = thresholds();

function candidates(key: AnswerKey, value: AnswerValue): { to: AnswerValue; cost: number }[] {
  if (typeof value === "boolean") return [{ to: !value, cost: 1 }];
  if (key === "changeFrequency") {
    const i = CHANGE_FREQUENCIES.indexOf(value as (typeof CHANGE_FREQUENCIES)[number]);
    return CHANGE_FREQUENCIES.map((to, j) => ({ to, cost: Math.abs(i - j) })).filter((c) => c.cost > 0);
  }
  if (key === "coreNeed") return CORE_NEEDS.filter((v) => v !== value).map((to) => ({ to, cost: 1 }));
  if (key === "promptedBaselineMeetsBar") return BASELINE_RESULTS.filter((v) => v !== value).map((to) => ({ to, cost: 1 }));
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

function describeValue(key: AnswerKey, v: AnswerValue): string {
  if (key === "changeFrequency") return String(v);
  if (key === "maxLagDays") return `${formatValue(v)} days`;
  return formatValue(v);
}

export function sensitivityOf(
  a: Assessment,
  current: Approach | null,
  consensusFor: (a: Assessment, changed: AnswerKey) => Approach | null,
): { change: Sensitivity | null; sentence: string } {
  let best: (Sensitivity & { cost: number }) | null = null;
  for (const key of ANSWER_KEYS) {
    const value = a[key] as AnswerValue | undefined;
    if (value === undefined || value === null) continue;
    for (const c of candidates(key, value).sort((x, y) => x.cost - y.cost)) {
      if (best && c.cost >= best.cost) break;
      const next = consensusFor({ ...a, [key]: c.to } as Assessment, key);
      if (next === current) continue;
      const label = ANSWER_LABELS[key].toLowerCase();
      const sentence =
        key === "changeFrequency"
          ? `If the knowledge changed ${describeValue(key, c.to)} instead of ${describeValue(key, value)}, the consensus would be ${next ? APPROACH_LABELS[next] : "none"}.`
          : `If “${label}” were ${describeValue(key, c.to)} instead of ${describeValue(key, value)}, the consensus would be ${next ? APPROACH_LABELS[next] : "none"}.`;
      best = { answer: key, from: value, to: c.to, newConsensus: next, sentence, cost: c.cost };
      break;
    }
  }
  if (!best) return { change: null, sentence: "No single answer changes it." };
  const { cost: _cost, ...change } = best;
  return { change, sentence: change.sentence };
}
