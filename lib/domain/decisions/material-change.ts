/**
 * What counts as a material change to a use case after its decision was approved: a deciding
 * answer changed (frameworks/evidence.ts DECIDING_ANSWERS, the answers that move a recommendation
 * and its evidence level), or the recommendation itself changed (which a re-weighting or another
 * answer can do). Anything else (a title, a description, a non-deciding answer that leaves the
 * recommendation where it was) is not: the decision stands.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { ANSWER_LABELS, APPROACH_LABELS, type Approach, type Assessment } from "../assessment";
import { DECIDING_KEYS } from "../frameworks/evidence";

/** What an approval rested on, stored with it. */
export interface DecisionBasis {
  recommendedApproach: Approach | null;
  /** The deciding answers as they were (a missing answer is absent). */
  answers: Partial<Record<string, unknown>>;
}

export function basisOf(assessment: Assessment, recommendedApproach: Approach | null): DecisionBasis {
  const answers: Record<string, unknown> = {};
  for (const k of DECIDING_KEYS) {
    const v = assessment[k];
    if (v !== undefined && v !== null) answers[k] = v;
  }
  return { recommendedApproach, answers };
}

/** Reads a stored basis back (null when it is not one). */
export function readBasis(json: unknown): DecisionBasis | null {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return null;
  const o = json as Record<string, unknown>;
  const answers = typeof o.answers === "object" && o.answers !== null && !Array.isArray(o.answers) ? (o.answers as Record<string, unknown>) : {};
  const rec = typeof o.recommendedApproach === "string" && o.recommendedApproach in APPROACH_LABELS ? (o.recommendedApproach as Approach) : null;
  return { recommendedApproach: rec, answers };
}

/**
 * The material changes between the basis of an approval and the use case now, one sentence each
 * ("Recommendation: RAG → Fine-tuning"; "How often the knowledge changes: monthly → weekly");
 * empty when there is none.
 */
export function materialChanges(basis: DecisionBasis, now: DecisionBasis): string[] {
  const out: string[] = [];
  if (basis.recommendedApproach !== now.recommendedApproach) {
    out.push(`Recommendation: ${label(basis.recommendedApproach)} → ${label(now.recommendedApproach)}`);
  }
  for (const k of DECIDING_KEYS) {
    const was = basis.answers[k];
    const is = now.answers[k];
    if (!sameValue(was, is)) out.push(`${ANSWER_LABELS[k]}: ${show(was)} → ${show(is)}`);
  }
  return out;
}

const label = (a: Approach | null) => (a ? APPROACH_LABELS[a] : "none");
const show = (v: unknown) => (v === undefined || v === null ? "unanswered" : typeof v === "boolean" ? (v ? "yes" : "no") : String(v));
const sameValue = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);
