/**
 * The one evaluator that runs any framework.
 *
 * Rules are tried in order. A rule whose condition is true fires: its points are added to each
 * approach, it joins the trace, and if it has `stop` (ordered decision trees) or `abstain` no later
 * rule is tried. A rule whose condition is unknown (it names an answer not given) does not fire;
 * the answers it needed and lacked are reported as missing.
 *
 * Fit, for the approaches the source covers: 50 (neutral) plus the points scaled so that the most
 * points any approach can reach under this framework's rules gives 100 (fit = 50 + 50 x points /
 * maxPoints), rounded and clamped to 0..100; 0 for approaches the source does not cover.
 * maxPoints is computed from the rules (positive points along the rule order, a stop rule ending a
 * path), so fit never reaches 100 before the best possible case. Recommendation: the covered approach with the most points (unclamped, so
 * clamping never makes a tie), provided it has more than 0. Ties go to the approach listed first in
 * APPROACHES (RAG, fine-tuning, hybrid, prompting, agent, pipeline, feedback learning: RAG first,
 * the default start in 001, 003 and 004). When no covered approach has more than 0 points the
 * framework abstains: its answered rules favour nothing.
 */
import { ANSWER_KEYS, APPROACHES, type AnswerKey, type Approach, type Assessment } from "../assessment";
import { cleanAssessment } from "./answers";
import { compileCondition, conditionAnswers, TRUE, UNKNOWN, type CompiledCondition } from "./condition";
import type { Framework, FrameworkResult, Rule, TraceEntry } from "./types";

export const APPROACH_COUNT = APPROACHES.length;
export const NEUTRAL_FIT = 50;

interface CompiledRule {
  rule: Rule;
  test: CompiledCondition;
  needs: readonly AnswerKey[];
  /** Parallel arrays: approach index and points. */
  effectIdx: Int8Array;
  effectPts: Float64Array;
  stop: boolean;
}

export interface CompiledFramework {
  framework: Framework;
  covered: Uint8Array;
  /** The most points any approach can reach; fit is 50 + 50 x points / maxPoints. */
  maxPoints: number;
  rules: readonly CompiledRule[];
}

const approachIndex = new Map<Approach, number>(APPROACHES.map((a, i) => [a, i]));

const cache = new WeakMap<Framework, CompiledFramework>();

/** Compiles a framework once (cached per framework object). */
export function compileFramework(f: Framework): CompiledFramework {
  const hit = cache.get(f);
  if (hit) return hit;
  const covered = new Uint8Array(APPROACH_COUNT);
  for (const a of f.covers) covered[approachIndex.get(a)!] = 1;
  const rules = f.rules.map((rule): CompiledRule => {
    const entries = (Object.entries(rule.effects) as [Approach, number][]).filter(([, p]) => p !== 0);
    return {
      rule,
      test: compileCondition(rule.when),
      needs: rule.needs ?? conditionAnswers(rule.when),
      effectIdx: Int8Array.from(entries.map(([a]) => approachIndex.get(a)!)),
      effectPts: Float64Array.from(entries.map(([, p]) => p)),
      stop: rule.stop === true || rule.abstain !== undefined,
    };
  });
  const compiled: CompiledFramework = { framework: f, covered, rules, maxPoints: maxPoints(rules) };
  cache.set(f, compiled);
  return compiled;
}

/**
 * An upper bound on the points any approach can collect: positive points summed in rule order,
 * where a stop rule ends one path (its points plus what came before) and the rest continue.
 */
function maxPoints(rules: readonly CompiledRule[]): number {
  const acc = new Float64Array(APPROACH_COUNT);
  let best = 0;
  for (const cr of rules) {
    if (cr.rule.abstain !== undefined) continue;
    for (let e = 0; e < cr.effectIdx.length; e++) {
      const i = cr.effectIdx[e]!;
      const p = Math.max(0, cr.effectPts[e]!);
      if (cr.stop) best = Math.max(best, acc[i]! + p);
      else acc[i]! += p;
    }
  }
  for (const v of acc) best = Math.max(best, v);
  return best > 0 ? best : NEUTRAL_FIT;
}

/** Integer fit 0..100 for raw points (see the file comment). */
export function fitFromPoints(points: number, covered: boolean, maxPts: number): number {
  if (!covered) return 0;
  const v = Math.round(NEUTRAL_FIT + (NEUTRAL_FIT * points) / maxPts);
  return v < 0 ? 0 : v > 100 ? 100 : v;
}

/**
 * The hot path (sensitivity): points into `raw` (length APPROACH_COUNT), no trace, no allocation.
 * Returns the recommended approach's index, or -1 when the framework abstains.
 */
export function recommendFast(cf: CompiledFramework, a: Assessment, raw: Float64Array): number {
  raw.fill(0);
  const rules = cf.rules;
  for (let r = 0; r < rules.length; r++) {
    const cr = rules[r]!;
    if (cr.test(a) !== TRUE) continue;
    if (cr.rule.abstain !== undefined) return -1;
    for (let e = 0; e < cr.effectIdx.length; e++) raw[cr.effectIdx[e]!]! += cr.effectPts[e]!;
    if (cr.stop) break;
  }
  return pickApproach(cf.covered, raw);
}

/** Highest points among covered approaches, first in APPROACHES on a tie; -1 unless above 0. */
function pickApproach(covered: Uint8Array, raw: Float64Array): number {
  let best = -1;
  let bestPts = 0;
  for (let i = 0; i < APPROACH_COUNT; i++) {
    if (covered[i] === 1 && raw[i]! > bestPts) {
      best = i;
      bestPts = raw[i]!;
    }
  }
  return best;
}

function emptyFit(): Record<Approach, number> {
  const fit = {} as Record<Approach, number>;
  for (const a of APPROACHES) fit[a] = 0;
  return fit;
}

/** Runs one framework on an assessment (any input; badly formed answers count as not given). */
export function evaluateFramework(f: Framework, input: Assessment): FrameworkResult {
  return evaluateCompiled(compileFramework(f), cleanAssessment(input));
}

/** As evaluateFramework, for an already compiled framework and a cleaned assessment. */
export function evaluateCompiled(cf: CompiledFramework, a: Assessment): FrameworkResult {
  const f = cf.framework;
  const raw = new Float64Array(APPROACH_COUNT);
  const trace: TraceEntry[] = [];
  const missing = new Set<AnswerKey>();
  let abstainReason: string | undefined;
  for (const cr of cf.rules) {
    const t = cr.test(a);
    if (t === UNKNOWN) {
      for (const k of cr.needs) if (a[k] === undefined || a[k] === null) missing.add(k);
      continue;
    }
    if (t !== TRUE) continue;
    const { rule } = cr;
    trace.push({ ruleId: rule.id, description: rule.description, citation: rule.citation, effects: rule.effects });
    if (rule.abstain !== undefined) {
      abstainReason = rule.abstain;
      break;
    }
    for (let e = 0; e < cr.effectIdx.length; e++) raw[cr.effectIdx[e]!]! += cr.effectPts[e]!;
    if (cr.stop) break;
  }
  const missingList = ANSWER_KEYS.filter((k) => missing.has(k));
  const base = {
    frameworkId: f.id,
    title: f.title,
    source: f.source,
    version: f.version,
    missing: missingList,
    trace,
  };
  if (abstainReason !== undefined) {
    return { ...base, abstained: true, abstainReason, recommendation: null, fit: emptyFit() };
  }
  const best = pickApproach(cf.covered, raw);
  const fit = emptyFit();
  APPROACHES.forEach((ap, i) => (fit[ap] = fitFromPoints(raw[i]!, cf.covered[i] === 1, cf.maxPoints)));
  if (best < 0) {
    const reason =
      missingList.length > 0
        ? "Too few answers for this framework to favour any approach."
        : "None of this framework's rules favours an approach for these answers.";
    return { ...base, abstained: true, abstainReason: reason, recommendation: null, fit: emptyFit() };
  }
  return { ...base, abstained: false, recommendation: APPROACHES[best]!, fit };
}
