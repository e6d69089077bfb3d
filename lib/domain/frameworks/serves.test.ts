/**
 * The recommendation held to what can serve the use case (./serves.ts, score.ts): never an
 * approach the cost panel says misses the lag, never sees the use case's knowledge, or was tried
 * and falls short of the bar.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FINE_TUNING_CASE } from "../../../tests/helpers/answers";
import { assessmentArb } from "../../../tests/helpers/assessment-arbitrary";
import { CHANGE_FREQUENCIES, PROJECTED_APPROACHES, type Approach, type Assessment } from "../assessment";
import { DEFAULT_ASSUMPTIONS } from "../costing/assumptions";
import { explainCosts } from "../costing/explain";
import { cannotServe, projectCosts } from "../costing/project";
import { consensusOf, rankedPicks } from "./consensus";
import { runFramework } from "./evaluate";
import { DEFAULT_WEIGHTS, FRAMEWORKS } from "./registry";
import { riskFlags } from "./flags";
import { scoreUseCase } from "./score";
import { cannotRecommend } from "./serves";

const picks = (a: Assessment) => scoreUseCase(a, { skipSensitivity: true }).frameworks.map((f) => f.recommendation);
const UNSERVED_FLAGS = ["STALENESS_EXCEEDS_ACCEPTABLE_LAG", "PROMPTING_BELOW_BAR", "PROMPTING_WITHOUT_ITS_KNOWLEDGE"];

describe("fine-tuning that cannot meet the acceptable lag", () => {
  // The worked fine-tuning case, its knowledge changing monthly and two weeks of lag accepted: four
  // frameworks pick fine-tuning, one a hybrid; a retraining takes 21 days.
  const monthly14: Assessment = { ...FINE_TUNING_CASE, changeFrequency: "monthly", maxLagDays: 14 };

  it("is not recommended: the next approach the frameworks pick that can serve is, with why", () => {
    expect(picks(monthly14)).toEqual(["FINE_TUNING", "HYBRID", "FINE_TUNING", "FINE_TUNING", "FINE_TUNING"]);
    const s = scoreUseCase(monthly14);
    expect(s).toMatchObject({ evidence: "assessed", consensus: "HYBRID", basis: "frameworks", backing: { votes: 1, voters: 5 } });
    expect(s.heldBack).toMatchObject({ approach: "FINE_TUNING", reason: "fails-lag", votes: 4, voters: 5, cite: { file: "000_2a5380ca2875bd0d.txt" } });
    expect(s.heldBack?.sentence).toBe(
      "Fine-tuning, which 4 of 5 voting frameworks pick, does not meet the 14-day lag: each retraining takes about 21 days. The recommendation is the next approach they pick that can, Hybrid (1 of 5).",
    );
    expect(s.agreementText).toBe("1 of 5 voting agree, four differ");
    // The frameworks' own agreement is kept as it is (the portfolio's "where the frameworks split").
    expect(s.agreement.votes).toBe(4);
    expect(s.flags.map((f) => f.code)).not.toContain("STALENESS_EXCEEDS_ACCEPTABLE_LAG");
  });

  it("says how long a change waits where retraining is quicker than the lag but not often enough", () => {
    const s = scoreUseCase({ ...FINE_TUNING_CASE, changeFrequency: "weekly", maxLagDays: 30 });
    expect(s.consensus).toBe("HYBRID");
    expect(s.heldBack?.sentence).toContain("does not meet the 30-day lag: retraining as often as it can (17 times a year), a change still waits up to 43 days.");
  });

  it("never says a wait that contradicts the lag it misses: 42.47 days against a 42-day lag is up to 43, in the hold, the flag and the cost panel", () => {
    const weekly42: Assessment = { ...FINE_TUNING_CASE, changeFrequency: "weekly", maxLagDays: 42 };
    expect(scoreUseCase(weekly42).heldBack?.sentence).toContain("does not meet the 42-day lag: retraining as often as it can (17 times a year), a change still waits up to 43 days.");
    expect(scoreUseCase(weekly42, { chosenApproach: "FINE_TUNING" }).flags.find((f) => f.code === "STALENESS_EXCEEDS_ACCEPTABLE_LAG")?.reason).toBe(
      "Retraining as often as it can (17 times a year), a change still waits up to 43 days for the fine-tuned model, longer than the 42 days of lag the business accepts.",
    );
    const p = projectCosts({ assessment: weekly42, horizonYears: 5, startYear: 2027, assumptions: DEFAULT_ASSUMPTIONS });
    expect(p.approaches.FINE_TUNING).toMatchObject({ meetsLag: false, worstDelayDays: 43 });
    expect(explainCosts({ ...p }).infeasible).toContain(
      "Fine-tuning does not meet the 42-day lag: it leaves a change uncorrected for up to 43 days even retraining as often as it can, so it is never offered as a saving.",
    );
  });

  it("says every wait it holds fine-tuning back for as longer than the lag, for every frequency, lag and retraining lag", () => {
    for (const retrainLag of [7, 14, 21, 28]) {
      for (const changeFrequency of CHANGE_FREQUENCIES) {
        for (let maxLagDays = 0; maxLagDays <= 400; maxLagDays++) {
          const a: Assessment = { changeFrequency, maxLagDays };
          const why = cannotRecommend("FINE_TUNING", a, retrainLag)?.why ?? "";
          const said = /waits up to (\d+) day/.exec(why) ?? /takes about (\d+) day/.exec(why);
          if (why) expect(Number(said?.[1]), `${changeFrequency}, ${maxLagDays}-day lag, ${retrainLag}-day retraining: ${why}`).toBeGreaterThan(maxLagDays);
          const flag = riskFlags(a, { consensus: "FINE_TUNING", chosen: null, retrainLagDays: retrainLag }).find((f) => f.code === "STALENESS_EXCEEDS_ACCEPTABLE_LAG");
          expect(flag?.reason.match(/(?:waits up to|takes about) (\d+) day/)?.slice(1).map(Number).every((n) => n > maxLagDays) ?? true).toBe(true);
          expect(Boolean(flag)).toBe(Boolean(why));
        }
      }
    }
  });

  it("goes to the seeds' default start when every voter picks fine-tuning", () => {
    const s = scoreUseCase({ ...FINE_TUNING_CASE, maxLagDays: 14 });
    expect(picks({ ...FINE_TUNING_CASE, maxLagDays: 14 })).toEqual(Array(5).fill("FINE_TUNING"));
    expect(s).toMatchObject({ consensus: "RAG", basis: "default-start", basisCite: { file: "003_cef81cc6bb37c5d4.txt" }, leaning: null, backing: { votes: 0, voters: 5 } });
    expect(s.heldBack?.sentence).toBe(
      "Fine-tuning, which 5 of 5 voting frameworks pick, does not meet the 14-day lag: each retraining takes about 21 days. No other approach they pick can, so the recommendation is the seeds' default start, RAG.",
    );
    expect(s.agreementText).toBe("Held back: 5 of 5 voting pick Fine-tuning");
  });

  it("is recommended as before once the lag can be met, and the organization's retraining lag decides", () => {
    expect(scoreUseCase({ ...FINE_TUNING_CASE, changeFrequency: "monthly", maxLagDays: 30 })).toMatchObject({ consensus: "FINE_TUNING", heldBack: null });
    // Retraining in 7 days meets a 14-day lag on monthly knowledge.
    expect(scoreUseCase(monthly14, { retrainLagDays: 7 })).toMatchObject({ consensus: "FINE_TUNING", heldBack: null });
  });

  it("a chosen fine-tuning is still the organization's to choose, with its flags", () => {
    const s = scoreUseCase(monthly14, { chosenApproach: "FINE_TUNING" });
    expect(s.consensus).toBe("HYBRID");
    expect(s.flags.map((f) => f.code)).toEqual(expect.arrayContaining(["STALENESS_EXCEEDS_ACCEPTABLE_LAG", "CHOSEN_DIFFERS_FROM_CONSENSUS"]));
    expect(s.flags.find((f) => f.code === "CHOSEN_DIFFERS_FROM_CONSENSUS")?.reason).toBe(
      "The organization chose fine-tuning, but the recommendation is a hybrid (1 of 5 voting frameworks pick it).",
    );
  });

  it("what would change it: a longer lag brings fine-tuning back", () => {
    const s = scoreUseCase(monthly14);
    expect(s.sensitivity?.changes?.map((c) => c.sentence)).toContain("If 30 days of lag were acceptable (now 14 days), the recommendation would be Fine-tuning.");
    // A lag of one day, in the singular.
    const oneDay = scoreUseCase({ ...monthly14, maxLagDays: 1 });
    expect(oneDay.sensitivity?.changes?.map((c) => c.sentence)).toContain("If 7 days of lag were acceptable (now 1 day), the recommendation would be Hybrid.");
  });
});

describe("prompting alone that cannot serve", () => {
  it("tried and falling short of the bar: the next approach they pick", () => {
    const a: Assessment = { changeFrequency: "annually", maxLagDays: 1216, coreNeed: "neither", needsStyleOrFormat: false, labeledExamples: 100, retrainingBudget: false, promptedBaselineMeetsBar: "no" };
    const s = scoreUseCase(a);
    expect(s).toMatchObject({ consensus: "RAG", basis: "frameworks", heldBack: { approach: "PROMPTING", reason: "below-bar", votes: 2, voters: 3 } });
    expect(s.heldBack?.sentence).toBe(
      "Prompting only, which 2 of 3 voting frameworks pick, falls short of the bar: a prompted base model was tried and does not meet it, and 003 adds complexity when the cheaper option clearly fails. The recommendation is the next approach they pick that can, RAG (1 of 3).",
    );
    expect(s.flags.map((f) => f.code)).not.toContain("PROMPTING_BELOW_BAR");
    // Untested is not known to fail: prompting stands.
    expect(scoreUseCase({ ...a, promptedBaselineMeetsBar: "untested" })).toMatchObject({ consensus: "PROMPTING", heldBack: null });
  });
});

describe("every recommendation can serve its use case, by the cost panel's own rules", () => {
  const lags = fc.constantFrom(0, 7, 21, 30, 60);
  it("no recommended approach is one the projection calls unable to serve, nor raises a flag that says so", () => {
    fc.assert(
      fc.property(assessmentArb, lags, (a, lag) => {
        const s = scoreUseCase(a, { retrainLagDays: lag, skipSensitivity: true });
        if (s.consensus === null) return;
        expect(s.flags.map((f) => f.code).filter((c) => UNSERVED_FLAGS.includes(c))).toEqual([]);
        if (!(PROJECTED_APPROACHES as readonly Approach[]).includes(s.consensus)) return;
        const assumptions = { ...DEFAULT_ASSUMPTIONS, values: { ...DEFAULT_ASSUMPTIONS.values, retrainLagDays: { low: lag, base: lag, high: lag } } };
        const p = projectCosts({ assessment: a, horizonYears: 1, startYear: 2027, assumptions });
        expect(cannotServe(p.approaches[s.consensus]!, p.maxLagDays)).toBeNull();
      }),
      { numRuns: 600 },
    );
  });

  it("where the frameworks' pick can serve, it is the recommendation, untouched", () => {
    fc.assert(
      fc.property(assessmentArb, (a) => {
        const s = scoreUseCase(a, { skipSensitivity: true });
        if (s.heldBack) expect(s.heldBack.approach).not.toBe(s.consensus);
        else if (s.basis === "frameworks") expect(s.consensus).toBe(consensusOf(s.frameworks, DEFAULT_WEIGHTS).consensus);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the frameworks' picks in order", () => {
  it("the first is the consensus, whatever the weights", () => {
    const weight = fc.constantFrom(0, 0.5, 1, 2);
    fc.assert(
      fc.property(assessmentArb, fc.tuple(weight, weight, weight, weight, weight), (a, ws) => {
        const weights = Object.fromEntries(FRAMEWORKS.map((f, i) => [f.id, ws[i]!]));
        const results = FRAMEWORKS.map((fw) => runFramework(fw, a));
        expect(rankedPicks(results, weights)[0] ?? null).toBe(consensusOf(results, weights).consensus);
      }),
      { numRuns: 300 },
    );
  });
});
