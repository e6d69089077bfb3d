/** Properties over arbitrary partial assessments (fast-check). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { APPROACHES, BASELINE_RESULTS, CHANGE_FREQUENCIES, CORE_NEEDS, type Approach, type Assessment } from "../assessment";
import { cleanAssessment } from "./answers";
import { compileFramework, recommendFast } from "./evaluate";
import { FRAMEWORKS } from "./frameworks";
import { scoreUseCase } from "./index";
import { seedFiles } from "./test-support";

/** Numbers around the thresholds the rules use, and some anywhere in range. */
const count = (max: number, near: number[]) =>
  fc.oneof(fc.constantFrom(...near.flatMap((n) => [n - 1, n, n + 1]).filter((n) => n >= 0)), fc.integer({ min: 0, max }));

const assessmentArb: fc.Arbitrary<Assessment> = fc.record(
  {
    changeFrequency: fc.constantFrom(...CHANGE_FREQUENCIES),
    maxLagDays: count(3650, [7, 14, 30]),
    coreNeed: fc.constantFrom(...CORE_NEEDS),
    needsStyleOrFormat: fc.boolean(),
    needsCitations: fc.boolean(),
    fitsContextWindow: fc.boolean(),
    corpusDocuments: count(1_000_000_000, [10_000]),
    labeledExamples: count(100_000_000, [200]),
    latencySensitive: fc.boolean(),
    latencyBudgetMs: count(600_000, [100]),
    monthlyCalls: count(10_000_000_000, [1_000_000]),
    yearlyGrowthPct: fc.integer({ min: -90, max: 1000 }),
    sensitiveDataOutOfTraining: fc.boolean(),
    retrainingBudget: fc.boolean(),
    expertiseDocumented: fc.boolean(),
    needsToolUse: fc.boolean(),
    transformationAtVolume: fc.boolean(),
    learnsFromFeedback: fc.boolean(),
    promptedBaselineMeetsBar: fc.constantFrom(...BASELINE_RESULTS),
    evaluationSetExists: fc.boolean(),
    weeksToProduction: count(520, [4, 8]),
  },
  { requiredKeys: [] },
);
const approachArb = fc.option(fc.constantFrom(...APPROACHES), { nil: null });
const ids = FRAMEWORKS.map((f) => f.id);
const weightsArb = fc.dictionary(fc.constantFrom(...ids), fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5, noNaN: true })));

describe("scoring properties", () => {
  it("never throws, on partial assessments or on anything at all", () => {
    fc.assert(
      fc.property(fc.oneof(assessmentArb, fc.anything() as fc.Arbitrary<Assessment>), approachArb, (a, chosen) => {
        scoreUseCase(a, { chosenApproach: chosen });
      }),
      { numRuns: 300 },
    );
    expect(() => scoreUseCase({})).not.toThrow();
    expect(() => scoreUseCase(null as unknown as Assessment)).not.toThrow();
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(assessmentArb, approachArb, weightsArb, (a, chosen, weights) => {
        expect(scoreUseCase({ ...a }, { chosenApproach: chosen, weights: { ...weights } })).toEqual(scoreUseCase(a, { chosenApproach: chosen, weights }));
      }),
      { numRuns: 200 },
    );
  });

  it("gives every fit as an integer in 0..100, and the recommendation the highest fit", () => {
    fc.assert(
      fc.property(assessmentArb, (a) => {
        for (const f of scoreUseCase(a).frameworks) {
          for (const v of Object.values(f.fit)) {
            expect(Number.isInteger(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(100);
          }
          if (f.recommendation) for (const ap of APPROACHES) expect(f.fit[f.recommendation]).toBeGreaterThanOrEqual(f.fit[ap]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never collects more points than the fit scale allows (so fit 100 means the best case)", () => {
    const compiled = FRAMEWORKS.map(compileFramework);
    const raw = new Float64Array(APPROACHES.length);
    fc.assert(
      fc.property(assessmentArb, (a) => {
        for (const cf of compiled) {
          recommendFast(cf, cleanAssessment(a), raw);
          for (const v of raw) expect(v).toBeLessThanOrEqual(cf.maxPoints);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("backs every recommendation with a trace citing real seed files; abstentions say why", () => {
    expect(seedFiles.size).toBeGreaterThanOrEqual(5);
    fc.assert(
      fc.property(assessmentArb, (a) => {
        for (const f of scoreUseCase(a).frameworks) {
          if (f.abstained) {
            expect(f.recommendation).toBeNull();
            expect(f.abstainReason).toBeTruthy();
            continue;
          }
          expect(f.recommendation).not.toBeNull();
          expect(f.trace.length).toBeGreaterThan(0);
          for (const t of f.trace) expect(seedFiles.has(t.citation.file), t.citation.file).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("reports as missing only answers that were not given", () => {
    fc.assert(
      fc.property(assessmentArb, (a) => {
        for (const f of scoreUseCase(a).frameworks) for (const k of f.missing) expect(a[k]).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it("keeps agreement within the voters, and flags disagreement exactly when a voter differs", () => {
    fc.assert(
      fc.property(assessmentArb, weightsArb, (a, weights) => {
        const r = scoreUseCase(a, { weights });
        expect(r.agreement.votes).toBeLessThanOrEqual(r.agreement.voters);
        const voters = r.frameworks.filter((f) => !f.abstained && r.weights[f.frameworkId]! > 0);
        expect(r.agreement.voters).toBe(voters.length);
        expect(r.agreement.votes).toBe(voters.filter((f) => f.recommendation === r.consensus).length);
        expect(r.disagreement).toBe(r.agreement.votes < r.agreement.voters);
        expect(r.consensus === null).toBe(voters.length === 0);
      }),
      { numRuns: 300 },
    );
  });

  it("removes a framework's vote when its weight is 0", () => {
    fc.assert(
      fc.property(assessmentArb, fc.constantFrom(...ids), (a, off) => {
        const on = scoreUseCase(a);
        const offR = scoreUseCase(a, { weights: { [off]: 0 } });
        const voted = !on.frameworks.find((f) => f.frameworkId === off)!.abstained;
        expect(offR.agreement.voters).toBe(on.agreement.voters - (voted ? 1 : 0));
        expect(offR.weights[off]).toBe(0);
        // With only the others voting, the consensus is theirs alone.
        const others = Object.fromEntries(ids.map((id) => [id, id === off ? 0 : 1]));
        expect(offR.consensus).toBe(scoreUseCase(a, { weights: others }).consensus);
      }),
      { numRuns: 200 },
    );
  });

  it("a sensitivity flip really flips the consensus when applied", () => {
    fc.assert(
      fc.property(assessmentArb, (a) => {
        const r = scoreUseCase(a);
        if (!r.sensitivity) return;
        const changed = scoreUseCase({ ...a, [r.sensitivity.answer]: r.sensitivity.to });
        expect(changed.consensus).toBe(r.sensitivity.newConsensus);
        expect(changed.consensus).not.toBe(r.consensus);
        expect(r.sensitivitySentence).toBe(r.sensitivity.sentence);
      }),
      { numRuns: 200 },
    );
  });

  it("records every framework's version and the weights applied", () => {
    fc.assert(
      fc.property(assessmentArb, weightsArb, (a, weights) => {
        const r = scoreUseCase(a, { weights });
        expect(r.frameworkVersions).toEqual(Object.fromEntries(FRAMEWORKS.map((f) => [f.id, f.version])));
        expect(Object.keys(r.weights).sort()).toEqual([...ids].sort());
        for (const f of r.frameworks) expect(f.version).toBe(r.frameworkVersions[f.frameworkId]);
      }),
      { numRuns: 100 },
    );
  });

  it("raises CHOSEN_DIFFERS_FROM_CONSENSUS exactly when the choice and the consensus differ", () => {
    fc.assert(
      fc.property(assessmentArb, approachArb, (a, chosen: Approach | null) => {
        const r = scoreUseCase(a, { chosenApproach: chosen });
        const raised = r.flags.some((f) => f.code === "CHOSEN_DIFFERS_FROM_CONSENSUS");
        expect(raised).toBe(chosen !== null && r.consensus !== null && chosen !== r.consensus);
      }),
      { numRuns: 200 },
    );
  });
});
