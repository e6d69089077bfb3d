/**
 * "What would change the answer": the smallest change to a single answer that flips the consensus
 * to another approach.
 *
 * Candidate changes, per answer that some rule reads:
 *   - change frequency (a scale): every other value, `steps` = how many places it moves;
 *   - core need, prompted baseline: every other value, 1 step;
 *   - yes/no answers: the opposite, 1 step;
 *   - numbers: for each threshold a rule draws, the nearest value across it (the threshold itself
 *     from below, one less from above); `steps` = how many thresholds the change crosses;
 *   - an answer not given yet: each of its values (numbers: one value per band between
 *     thresholds), 1 step.
 * "Smallest", in order:
 *   1. answers about the knowledge and the behaviour before SYSTEM_KIND_ANSWERS (a prompted model
 *      is enough, tools, transformation at volume, feedback learning), which make it another kind
 *      of system and would otherwise flip almost every case to an agent;
 *   2. fewer steps;
 *   3. changing a given answer before filling in a missing one;
 *   4. the answer's place in SENSITIVITY_PRIORITY (the seeds' own questions first);
 *   5. the value's place (scale order for enums, ascending for numbers, true before false). The first candidate in that order whose
 * consensus is a different approach (not "none") is the flip.
 */
import { APPROACH_LABELS, assessmentSchema, type AnswerKey, type Approach, type Assessment } from "../assessment";
import { ANSWER_KINDS } from "./answers";
import { conditionAnswers, conditionBoundaries } from "./condition";
import { changeClause } from "./phrases";
import type { AnswerValue, Condition, Framework, SensitivityFlip } from "./types";

export const NO_FLIP_SENTENCE = "No single answer changes it.";

/**
 * Which answer's change is reported first when several are equally small: the questions the seeds
 * ask in their decision frameworks (000's three, 001's four), then their checklist items, then the
 * answers that make it another kind of system.
 */
export const SENSITIVITY_PRIORITY: readonly AnswerKey[] = [
  "changeFrequency",
  "coreNeed",
  "maxLagDays",
  "needsStyleOrFormat",
  "fitsContextWindow",
  "labeledExamples",
  "needsCitations",
  "latencySensitive",
  "latencyBudgetMs",
  "corpusDocuments",
  "expertiseDocumented",
  "retrainingBudget",
  "sensitiveDataOutOfTraining",
  "weeksToProduction",
  "evaluationSetExists",
  "monthlyCalls",
  "yearlyGrowthPct",
  "promptedBaselineMeetsBar",
  "needsToolUse",
  "transformationAtVolume",
  "learnsFromFeedback",
];

/** Answers that decide what kind of system it is rather than how it should learn or look up. */
export const SYSTEM_KIND_ANSWERS: ReadonlySet<AnswerKey> = new Set<AnswerKey>([
  "promptedBaselineMeetsBar",
  "needsToolUse",
  "transformationAtVolume",
  "learnsFromFeedback",
]);

interface Boundary {
  at: number;
  /** `at` is a valid answer (a candidate from below). */
  aboveOk: boolean;
  /** `at - 1` is a valid answer (a candidate from above). */
  belowOk: boolean;
}

export interface SensitivityPlan {
  /** Per framework, the answers its rules read. */
  keysByFramework: readonly ReadonlySet<AnswerKey>[];
  /** Thresholds per numeric answer, ascending, over all frameworks. */
  boundaries: ReadonlyMap<AnswerKey, readonly Boundary[]>;
}

const validValue = (key: AnswerKey, v: number) => assessmentSchema.shape[key].safeParse(v).success;

export function buildPlan(frameworks: readonly Framework[]): SensitivityPlan {
  const raw = new Map<AnswerKey, Set<number>>();
  const keysByFramework = frameworks.map((f) => {
    const keys = new Set<AnswerKey>();
    for (const r of f.rules) {
      conditionAnswers(r.when).forEach((k) => keys.add(k));
      conditionBoundaries(r.when as Condition, raw);
    }
    return keys;
  });
  const boundaries = new Map<AnswerKey, Boundary[]>();
  for (const [key, set] of raw) {
    const list = [...set].sort((x, y) => x - y).map((at) => ({ at, aboveOk: validValue(key, at), belowOk: validValue(key, at - 1) }));
    boundaries.set(key, list);
  }
  return { keysByFramework, boundaries };
}

export interface Candidate {
  key: AnswerKey;
  from: AnswerValue | null;
  to: AnswerValue;
  steps: number;
  given: boolean;
  keyRank: number;
  valueRank: number;
}

function numberCandidates(key: AnswerKey, cur: number | null, bounds: readonly Boundary[], rank: number, out: Candidate[]) {
  if (cur === null) {
    const seen = new Set<number>();
    const push = (v: number) => {
      if (seen.has(v)) return;
      seen.add(v);
      out.push({ key, from: null, to: v, steps: 1, given: false, keyRank: rank, valueRank: v });
    };
    const first = bounds[0];
    if (first?.belowOk) push(first.at - 1);
    for (const b of bounds) if (b.aboveOk) push(b.at);
    return;
  }
  const seen = new Set<number>();
  for (const b of bounds) {
    const up: boolean = cur < b.at;
    if (up ? !b.aboveOk : !b.belowOk) continue;
    const to: number = up ? b.at : b.at - 1;
    if (to === cur || seen.has(to)) continue;
    seen.add(to);
    const lo = Math.min(cur, to);
    const hi = Math.max(cur, to);
    let steps = 0;
    for (const c of bounds) if (c.at > lo && c.at <= hi) steps++;
    out.push({ key, from: cur, to, steps, given: true, keyRank: rank, valueRank: to });
  }
}

/** Every candidate change for the answers in `keys`, smallest first. */
export function candidateChanges(a: Assessment, keys: ReadonlySet<AnswerKey>, plan: SensitivityPlan): Candidate[] {
  const out: Candidate[] = [];
  SENSITIVITY_PRIORITY.forEach((key, rank) => {
    if (!keys.has(key)) return;
    const cur = (a[key] ?? null) as AnswerValue | null;
    const kind = ANSWER_KINDS[key];
    if (kind.kind === "boolean") {
      if (cur === null) {
        out.push({ key, from: null, to: true, steps: 1, given: false, keyRank: rank, valueRank: 0 });
        out.push({ key, from: null, to: false, steps: 1, given: false, keyRank: rank, valueRank: 1 });
      } else out.push({ key, from: cur, to: !cur, steps: 1, given: true, keyRank: rank, valueRank: 0 });
    } else if (kind.kind === "enum") {
      const at = cur === null ? -1 : kind.values.indexOf(cur as string);
      kind.values.forEach((v, i) => {
        if (i === at) return;
        const steps = cur === null || !kind.ordered ? 1 : Math.abs(i - at);
        out.push({ key, from: cur, to: v as AnswerValue, steps, given: cur !== null, keyRank: rank, valueRank: i });
      });
    } else {
      numberCandidates(key, typeof cur === "number" ? cur : null, plan.boundaries.get(key) ?? [], rank, out);
    }
  });
  return out.sort(
    (x, y) =>
      Number(SYSTEM_KIND_ANSWERS.has(x.key)) - Number(SYSTEM_KIND_ANSWERS.has(y.key)) ||
      x.steps - y.steps ||
      Number(y.given) - Number(x.given) ||
      x.keyRank - y.keyRank ||
      x.valueRank - y.valueRank,
  );
}

export function flipSentence(key: AnswerKey, from: AnswerValue | null, to: AnswerValue, consensus: Approach): string {
  return `If ${changeClause(key, from, to)}, the consensus would be ${APPROACH_LABELS[consensus]}.`;
}

/**
 * The smallest single-answer change that makes `consensusOf` give an approach other than
 * `current` (an index into APPROACHES, -1 for none), or null. `consensusOf` receives a probe
 * object that is changed in place between calls and must not keep it.
 */
export function findFlip(
  a: Assessment,
  current: number,
  keys: ReadonlySet<AnswerKey>,
  plan: SensitivityPlan,
  consensusOf: (probe: Assessment) => number,
  approaches: readonly Approach[],
): SensitivityFlip | null {
  const probe: Record<string, unknown> = { ...a };
  for (const c of candidateChanges(a, keys, plan)) {
    const before = probe[c.key];
    probe[c.key] = c.to;
    const idx = consensusOf(probe as Assessment);
    probe[c.key] = before;
    if (idx >= 0 && idx !== current) {
      const newConsensus = approaches[idx]!;
      return { answer: c.key, from: c.from, to: c.to, newConsensus, steps: c.steps, sentence: flipSentence(c.key, c.from, c.to, newConsensus) };
    }
  }
  return null;
}
