/**
 * Scoring a use case with a set of frameworks: every framework, the weighted consensus, risk flags
 * and what would change the answer. Frameworks are compiled once per engine; the sensitivity loop
 * reuses preallocated buffers and builds no traces.
 */
import { APPROACHES, type AnswerKey, type Approach, type Assessment } from "../assessment";
import { cleanAssessment } from "./answers";
import { computeConsensus, consensusIndex, effectiveWeights } from "./consensus";
import { compileFramework, evaluateCompiled, fitFromPoints, recommendFast } from "./evaluate";
import { computeFlags, DEFAULT_RETRAIN_LAG_DAYS } from "./flags";
import { buildPlan, findFlip, NO_FLIP_SENTENCE } from "./sensitivity";
import type { Framework, ScoreOptions, ScoreResult } from "./types";

const N = APPROACHES.length;

export interface ScoringEngine {
  frameworks: readonly Framework[];
  score(assessment: Assessment, options?: ScoreOptions | null): ScoreResult;
}

export function createEngine(frameworks: readonly Framework[]): ScoringEngine {
  const compiled = frameworks.map(compileFramework);
  const plan = buildPlan(frameworks);
  const nf = frameworks.length;
  const raw = new Float64Array(N);
  const recs = new Int8Array(nf);
  const fits = new Float64Array(nf * N);
  const ws = new Float64Array(nf);
  const versions = Object.fromEntries(frameworks.map((f) => [f.id, f.version]));

  /** Consensus index for a probe, under the weights in `ws`. */
  const probeConsensus = (probe: Assessment): number => {
    for (let i = 0; i < nf; i++) {
      if (!(ws[i]! > 0)) {
        recs[i] = -1;
        continue;
      }
      const cf = compiled[i]!;
      recs[i] = recommendFast(cf, probe, raw);
      if (recs[i]! < 0) continue;
      for (let j = 0; j < N; j++) fits[i * N + j] = fitFromPoints(raw[j]!, cf.covered[j] === 1, cf.maxPoints);
    }
    return consensusIndex(recs, fits, ws);
  };

  function score(input: Assessment, opts?: ScoreOptions | null): ScoreResult {
    const options: ScoreOptions = opts ?? {};
    const a = cleanAssessment(input);
    const weights = effectiveWeights(frameworks, options.weights);
    const chosen: Approach | null = options.chosenApproach && APPROACHES.includes(options.chosenApproach) ? options.chosenApproach : null;
    const lag = options.retrainLagDays;
    const retrainLagDays = typeof lag === "number" && Number.isFinite(lag) && lag >= 0 ? lag : DEFAULT_RETRAIN_LAG_DAYS;

    const results = compiled.map((cf) => evaluateCompiled(cf, a));
    const { consensus, agreement, disagreement } = computeConsensus(results, weights);

    const keys = new Set<AnswerKey>();
    frameworks.forEach((f, i) => {
      ws[i] = weights[f.id]!;
      if (ws[i]! > 0) plan.keysByFramework[i]!.forEach((k) => keys.add(k));
    });
    const current = consensus === null ? -1 : APPROACHES.indexOf(consensus);
    const sensitivity = findFlip(a, current, keys, plan, probeConsensus, APPROACHES);

    return {
      frameworks: results,
      consensus,
      agreement,
      disagreement,
      flags: computeFlags({ assessment: a, consensus, chosen, retrainLagDays }),
      sensitivity,
      sensitivitySentence: sensitivity?.sentence ?? NO_FLIP_SENTENCE,
      frameworkVersions: { ...versions },
      weights,
    };
  }

  return { frameworks, score };
}
