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
 * recommendation falls back to is held to every rule, as the first pick is. The holds are in
 * ./hold.ts; the judgement's version and its history in ./judgement-version.ts.
 */
import { APPROACH_LABELS, type AnswerKey, type Approach, type Assessment } from "../assessment";
import { answersOf } from "./conditions";
import { agreementSentence, consensusOf, tieOf, tieSentence, type Consensus } from "./consensus";
import { evidenceOf, type Evidence } from "./evidence";
import { runFramework } from "./evaluate";
import { DEFAULT_RETRAIN_LAG_DAYS } from "../costing/retraining";
import { lateForDeadline, riskFlags, type RiskFlag } from "./flags";
import type { TimeToValueFigures } from "../costing/time-to-value";
import { lagsWhereFineTuningTurns, type HoldReason } from "./serves";
import { DEFAULT_WEIGHTS, FRAMEWORKS, frameworkVersions, type Weights } from "./registry";
import { whatWouldChange, type Rescored, type WhatWouldChange } from "./sensitivity";
import type { Citation, FrameworkResult } from "./types";
import { holdRecommendation, holdsIt, keepLeanTrue, rulesFor, votesFor, type Votes } from "./hold";
import { JUDGEMENT_VERSION } from "./judgement-version";

export { JUDGEMENT_VERSION };

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
  /**
   * "knowledge" (since 2.14): a provisional lean to RAG where nothing answered says there is
   * knowledge to retrieve, held to the sources' default start for that case, prompting (PRODUCT.md:
   * "RAG where there is knowledge to retrieve, else prompting"); `unknowns` are then the knowledge
   * questions unanswered. Absent: a lean to training a model.
   */
  about?: "knowledge";
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

/** Each rule's answers, by framework and rule id. */
const RULE_READS = new Map(FRAMEWORKS.flatMap((fw) => fw.rules.map((r) => [`${fw.id}/${r.id}`, answersOf(r.when, new Set<AnswerKey>())] as const)));

/**
 * Where a changed answer turns the recommendation to `to`: a rule that the changed answer newly
 * fires (it reads that answer, and did not fire before) and that speaks for `to` above any other
 * approach, in a framework that counts (weight above 0) and votes for `to` after the change. A
 * framework whose vote the change turned comes first, then the one weighted most, then the rule
 * giving `to` most. What the page gives as the reason for "if …, the recommendation would be …".
 * A reviewer saw "Why: Three questions, “Consistent tone … is the primary need”" (a rule that
 * favours fine-tuning) for a change to Hybrid that left Three questions' pick where it was, and a
 * rule quoted from a framework the organization had turned off.
 */
/** Whether `x` ranks ahead of `y`, compared term by term. */
function ahead(x: readonly number[], y: readonly number[]): boolean {
  const k = x.findIndex((v, j) => v !== y[j]);
  return k >= 0 && x[k]! > y[k]!;
}

function turningRule(before: readonly FrameworkResult[], after: readonly FrameworkResult[], changed: AnswerKey, to: Approach | null, weights: Weights): Rescored["because"] {
  if (!to) return undefined;
  let best: { rank: number[]; because: NonNullable<Rescored["because"]> } | undefined;
  for (const [i, f] of after.entries()) {
    const weight = weights[f.frameworkId] ?? 0;
    if (weight <= 0 || f.recommendation !== to) continue;
    const fired = new Set(before[i]!.trace.map((t) => t.ruleId));
    for (const t of f.trace) {
      const mine = t.effects[to] ?? 0;
      if (mine <= 0 || fired.has(t.ruleId) || !Object.values(t.effects).every((e) => (e ?? 0) <= mine) || !RULE_READS.get(`${f.frameworkId}/${t.ruleId}`)?.has(changed)) continue;
      const rank = [before[i]!.recommendation !== to ? 1 : 0, weight, mine];
      if (!best || ahead(rank, best.rank)) best = { rank, because: { framework: f.title, rule: t.text, cite: t.cite } };
    }
  }
  return best?.because;
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
    return {
      raw: r.consensus, shown: h.consensus, held: r.consensus !== h.consensus ? holdsIt(x, h, retrainLagDays, changed) : undefined, votesFor: votesIn(results),
      because: r.consensus === h.consensus && h.basis === "frameworks" ? turningRule(frameworks, results, changed, h.consensus, weights) : undefined,
    };
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
            // The pick set aside is said, so that a list showing this alone (the portfolio's disagreements)
            // does not read as two votes beating three (judgement 2.16).
            ? `${withTie(agreementSentence({ ...c.agreement, votes: backing.votes }), tieOf(frameworks, weights, held.consensus, recommendable), held.consensus)}; ${APPROACH_LABELS[held.heldBack.approach]}, which ${held.heldBack.votes} pick, is set aside as it cannot serve the use case`
            : held.cheaperFirst
              ? `${agreementSentence(c.agreement)}; tied with ${APPROACH_LABELS[held.cheaperFirst.over]} on ${tieOf(frameworks, weights, c.consensus)?.weighted ? "weighted votes" : "votes"}; ${APPROACH_LABELS[held.consensus!]} comes first as the cheaper option that can serve it (003: “Start with the cheaper option. Add complexity when the cheaper option clearly fails.”)`
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
