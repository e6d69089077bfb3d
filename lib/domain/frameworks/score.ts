/**
 * Scoring one use case: the five frameworks, the consensus, risk flags, and what would change
 * the answer. Total: any partial or empty assessment scores without throwing.
 */
import type { AnswerKey, Approach, Assessment } from "../assessment";
import { answersOf } from "./conditions";
import { consensusOf, weightOf, type Consensus } from "./consensus";
import { runFramework } from "./evaluate";
import { riskFlags, type RiskFlag } from "./flags";
import { DEFAULT_WEIGHTS, FRAMEWORKS, frameworkVersions, type Weights } from "./registry";
import { sensitivityOf, type Sensitivity } from "./sensitivity";
import type { FrameworkResult } from "./types";

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
  /** Skip "what would change the answer" (it re-scores the case many times). */
  skipSensitivity?: boolean;
}

export interface Score extends Consensus {
  frameworks: FrameworkResult[];
  flags: RiskFlag[];
  sensitivity: { change: Sensitivity | null; sentence: string } | null;
  frameworkVersions: Record<string, string>;
  weights: Weights;
}

export function scoreUseCase(assessment: Assessment, opts: ScoreOptions = {}): Score {
  const weights = { ...DEFAULT_WEIGHTS, ...(opts.weights ?? {}) };
  const a = assessment ?? {};
  const frameworks = FRAMEWORKS.map((fw) => runFramework(fw, a));
  const c = consensusOf(frameworks, weights);
  // Re-scoring for "what would change it" reruns only the frameworks that read the changed answer.
  const consensusFor = (x: Assessment, changed: AnswerKey) =>
    consensusOf(FRAMEWORKS.map((fw, i) => (READS[i]!.has(changed) ? runFramework(fw, x) : frameworks[i]!)), weights).consensus;
  return {
    ...c,
    frameworks,
    flags: riskFlags(a, c.consensus, opts.chosenApproach ?? null, opts.retrainLagDays ?? 14),
    sensitivity: opts.skipSensitivity ? null : sensitivityOf(a, c.consensus, consensusFor),
    frameworkVersions: frameworkVersions(),
    weights,
  };
}
