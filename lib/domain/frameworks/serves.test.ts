/**
 * The recommendation held to what can serve the use case (./serves.ts, score.ts): never an
 * approach the cost panel says misses the lag, never sees the use case's knowledge, or was tried
 * and falls short of the bar.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FINE_TUNING_CASE } from "../../../tests/helpers/answers";
import { assessmentArb } from "../../../tests/helpers/assessment-arbitrary";
import { BASELINE_RESULTS, CHANGE_FREQUENCIES, CORE_NEEDS, PROJECTED_APPROACHES, type Approach, type Assessment } from "../assessment";
import { DEFAULT_ASSUMPTIONS } from "../costing/assumptions";
import { explainCosts } from "../costing/explain";
import { cannotServe } from "../costing/feasibility";
import { projectCosts } from "../costing/project";
import { consensusOf, rankedPicks } from "./consensus";
import { runFramework } from "./evaluate";
import { DEFAULT_WEIGHTS, FRAMEWORKS } from "./registry";
import { trainsAModel } from "./evidence";
import { riskFlags } from "./flags";
import { scoreUseCase } from "./score";
import { cannotRecommend, lagsWhereFineTuningTurns } from "./serves";

/**
 * FINE_TUNING_CASE is a classifier with no documents: since 2.15 a hybrid has nothing to retrieve
 * there (it is fine-tuning with an empty index). These cases are about knowledge that changes, which
 * a hybrid's retrieval keeps current: the same answers, with 500 documents to retrieve (the
 * frameworks pick as before).
 */
const FT_DOCS: Assessment = { ...FINE_TUNING_CASE, corpusDocuments: 500 };
const picks = (a: Assessment) => scoreUseCase(a, { skipSensitivity: true }).frameworks.map((f) => f.recommendation);
const UNSERVED_FLAGS = ["STALENESS_EXCEEDS_ACCEPTABLE_LAG", "PROMPTING_BELOW_BAR", "PROMPTING_WITHOUT_ITS_KNOWLEDGE"];

describe("fine-tuning that cannot meet the acceptable lag", () => {
  // The worked fine-tuning case, its knowledge changing monthly and two weeks of lag accepted: four
  // frameworks pick fine-tuning, one a hybrid; a retraining takes 21 days.
  const monthly14: Assessment = { ...FT_DOCS, changeFrequency: "monthly", maxLagDays: 14 };

  it("is not recommended: the next approach the frameworks pick that can serve is, with why", () => {
    expect(picks(monthly14)).toEqual(["FINE_TUNING", "HYBRID", "FINE_TUNING", "FINE_TUNING", "FINE_TUNING"]);
    const s = scoreUseCase(monthly14);
    expect(s).toMatchObject({ evidence: "assessed", consensus: "HYBRID", basis: "frameworks", backing: { votes: 1, voters: 5 } });
    expect(s.heldBack).toMatchObject({ approach: "FINE_TUNING", reason: "fails-lag", votes: 4, voters: 5, cite: { file: "000_2a5380ca2875bd0d.txt" } });
    expect(s.heldBack?.sentence).toBe(
      "Fine-tuning, which 4 of 5 voting frameworks pick, does not meet the 14-day lag: each retraining takes about 21 days. The recommendation is the next approach they pick that can, Hybrid (1 of 5).",
    );
    // The pick set aside is said with the count, so that it never reads as one vote beating four.
    expect(s.agreementText).toBe("1 of 5 voting agree, four differ; Fine-tuning, which 4 pick, is set aside as it cannot serve the use case");
    // The frameworks' own agreement is kept as it is (the portfolio's "where the frameworks split").
    expect(s.agreement.votes).toBe(4);
    expect(s.flags.map((f) => f.code)).not.toContain("STALENESS_EXCEEDS_ACCEPTABLE_LAG");
  });

  it("says how long a change waits where retraining is quicker than the lag but not often enough", () => {
    const s = scoreUseCase({ ...FT_DOCS, changeFrequency: "weekly", maxLagDays: 30 });
    expect(s.consensus).toBe("HYBRID");
    expect(s.heldBack?.sentence).toContain("does not meet the 30-day lag: retraining as often as it can (17 times a year), a change still waits up to 43 days.");
  });

  it("never says a wait that contradicts the lag it misses: 42.47 days against a 42-day lag is up to 43, in the hold, the flag and the cost panel", () => {
    const weekly42: Assessment = { ...FT_DOCS, changeFrequency: "weekly", maxLagDays: 42 };
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

  it("says a retraining lag that is not a whole number of days as longer than the lag it misses (7.2 days was \"about 7 days, longer than the 7 days\")", () => {
    const weekly7: Assessment = { ...FT_DOCS, changeFrequency: "weekly", maxLagDays: 7 };
    expect(scoreUseCase(weekly7, { retrainLagDays: 7.2 }).heldBack?.sentence).toContain("does not meet the 7-day lag: each retraining takes about 7.2 days.");
    expect(scoreUseCase(weekly7, { retrainLagDays: 7.04, chosenApproach: "FINE_TUNING" }).flags.find((f) => f.code === "STALENESS_EXCEEDS_ACCEPTABLE_LAG")?.reason).toBe(
      "Each retraining takes about 7.1 days, longer than the 7 days of lag the business accepts.",
    );
    expect(scoreUseCase({ ...weekly7, maxLagDays: 14 }).heldBack?.sentence).toContain("each retraining takes about 21 days.");
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

  it("recommends nothing when every voter picks fine-tuning and the default start cannot keep the style either (since 2.10)", () => {
    // A style a prompted base model fell short of is beyond RAG alone (001, 003): the sources'
    // default start cannot serve it, so nothing is recommended rather than what the cost panel rules out.
    const s = scoreUseCase({ ...FT_DOCS, maxLagDays: 14 });
    expect(picks({ ...FT_DOCS, maxLagDays: 14 })).toEqual(Array(5).fill("FINE_TUNING"));
    expect(s).toMatchObject({ consensus: null, basis: null, basisCite: null, leaning: null, backing: { votes: 0, voters: 5 } });
    expect(s.heldBack?.sentence).toBe(
      "Fine-tuning, which 5 of 5 voting frameworks pick, does not meet the 14-day lag: each retraining takes about 21 days. The sources' default starting approach, RAG, cannot keep the format, style or voice the use case requires (a prompted base model was tried on it and fell short), and nothing else they pick serves it without training a model, so there is no recommendation.",
    );
    expect(s.agreementText).toBe("Held back: 5 of 5 voting pick Fine-tuning");
    // Where the style is not needed and there are documents to retrieve, the default start is RAG, as before.
    expect(scoreUseCase({ ...FT_DOCS, maxLagDays: 14, needsStyleOrFormat: false }, { skipSensitivity: true }).consensus).not.toBeNull();
  });

  it("is recommended as before once the lag can be met, and the organization's retraining lag decides", () => {
    expect(scoreUseCase({ ...FT_DOCS, changeFrequency: "monthly", maxLagDays: 30 })).toMatchObject({ consensus: "FINE_TUNING", heldBack: null });
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

  it("what would change it: a longer lag brings fine-tuning back, at the nearest lag that does", () => {
    const s = scoreUseCase(monthly14);
    // 21 days, the retraining lag (the frameworks' own threshold, 30 days, was offered before).
    expect(s.sensitivity?.changes?.map((c) => c.sentence)).toContain("If 21 days of lag were acceptable (now 14 days), the recommendation would be Fine-tuning.");
    // A lag of one day, in the singular.
    const oneDay = scoreUseCase({ ...monthly14, maxLagDays: 1 });
    expect(oneDay.sensitivity?.changes?.map((c) => c.sentence)).toContain("If 21 days of lag were acceptable (now 1 day), the recommendation would be Fine-tuning.");
  });
});

describe("the lag that would change it is the nearest one", () => {
  const lagSentence = (a: Assessment) => scoreUseCase(a).sensitivity?.changes.find((c) => c.answer === "maxLagDays")?.sentence;
  it("names the lag where fine-tuning starts or stops meeting it, not only the frameworks' 7 and 30 days", () => {
    // Before: "If 6 days…" (quarterly, 60) and "If 29 days…" (weekly, 90), where 20 and 42 days already turned it.
    // Since 2.10 a shorter lag leaves nothing to recommend there (RAG alone cannot keep the style), so no lag is offered.
    expect(lagSentence(FT_DOCS)).toBeUndefined();
    expect(lagSentence({ ...FT_DOCS, needsStyleOrFormat: false })).toBe("If no more than 20 days of lag were acceptable (now 60 days), the recommendation would be RAG.");
    expect(lagSentence({ ...FT_DOCS, changeFrequency: "weekly", maxLagDays: 90 })).toBe("If no more than 42 days of lag were acceptable (now 90 days), the recommendation would be Hybrid.");
  });
  it("finds the same turning lags as trying every lag from 0 to 3,650 days (it stops a year past one retraining, where nothing turns)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...CHANGE_FREQUENCIES), fc.integer({ min: 0, max: 3650 }), fc.constantFrom(0.5, 7, 14, 21, 28, 60, 400), (changeFrequency, maxLagDays, retrainLagDays) => {
        const a: Assessment = { changeFrequency, maxLagDays };
        const meets = (lag: number) => cannotRecommend("FINE_TUNING", { ...a, maxLagDays: lag }, retrainLagDays) === null;
        const expected: number[] = [];
        for (let lag = maxLagDays + 1; lag <= 3650; lag++) if (meets(lag) !== meets(maxLagDays)) { expected.push(lag); break; }
        for (let lag = maxLagDays - 1; lag >= 0; lag--) if (meets(lag) !== meets(maxLagDays)) { expected.push(lag); break; }
        expect(lagsWhereFineTuningTurns(a, retrainLagDays)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
  it("no lag between the one answered and the one offered changes the recommendation", () => {
    fc.assert(
      fc.property(assessmentArb, fc.constantFrom(7, 14, 21, 28), (raw, retrainLagDays) => {
        const a = { ...raw, changeFrequency: raw.changeFrequency ?? "monthly", maxLagDays: raw.maxLagDays ?? 30 };
        const s = scoreUseCase(a, { retrainLagDays });
        const offered = s.sensitivity?.changes.find((c) => c.answer === "maxLagDays");
        if (!offered) return;
        const from = a.maxLagDays, to = offered.to as number;
        const between: number[] = [];
        const step = Math.max(1, Math.floor(Math.abs(to - from) / 60));
        for (let lag = Math.min(from, to) + 1; lag < Math.max(from, to); lag += step) between.push(lag);
        between.push(to > from ? to - 1 : to + 1);
        for (const lag of between) {
          if (lag === from || lag === to) continue;
          expect(scoreUseCase({ ...a, maxLagDays: lag }, { retrainLagDays, skipSensitivity: true }).consensus, `${lag} days, between ${from} and ${to}`).toBe(s.consensus);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("prompting alone that cannot serve", () => {
  it("tried and falling short of the bar: no framework picks it (since 2.10), so nothing is held back", () => {
    const a: Assessment = { changeFrequency: "annually", maxLagDays: 1216, coreNeed: "neither", needsStyleOrFormat: false, labeledExamples: 100, retrainingBudget: false, promptedBaselineMeetsBar: "no" };
    const s = scoreUseCase(a);
    // Before 2.10, "Behaviour versus knowledge" and "Start with RAG" picked prompting here, and the hold went past it.
    expect(picks(a)).toEqual([null, "RAG", null, "RAG", null]);
    expect(s).toMatchObject({ consensus: "RAG", basis: "frameworks", heldBack: null });
    expect(s.flags.map((f) => f.code)).not.toContain("PROMPTING_BELOW_BAR");
    // Untested is not known to fail: prompting stands.
    expect(scoreUseCase({ ...a, promptedBaselineMeetsBar: "untested" })).toMatchObject({ consensus: "PROMPTING", heldBack: null });
  });
});

describe("the approach a hold falls back to, on a provisional score", () => {
  it("never trains a model while the answers that would justify it are missing: it goes past such a pick, and says so", () => {
    // Knowledge of its own (core need both), the labeled examples unanswered: prompting cannot reach
    // the knowledge; the hybrid next in line would train a model; RAG, picked too, can.
    // Since 2.12 "When to use" casts no vote on its unconditional rule alone ("RAG is the recommended
    // starting point", with none of its checklist met): nobody picks RAG, and it is the sources'
    // default start, which asks first whether there is knowledge to retrieve (core need both: yes).
    const a: Assessment = { changeFrequency: "static", coreNeed: "both", needsStyleOrFormat: false };
    expect(picks(a)).toEqual(["HYBRID", null, null, "PROMPTING", null]);
    const s = scoreUseCase(a);
    expect(s).toMatchObject({ evidence: "provisional", consensus: "RAG", basis: "default-start", leaning: null, backing: { votes: 0, voters: 2 }, heldBack: { approach: "PROMPTING", reason: "lacks-knowledge" } });
    expect(s.heldBack?.sentence).toBe(
      "Prompting only, which 1 of 2 voting frameworks picks, does not reach the use case's own knowledge (nothing is retrieved, nothing is trained, and no prompted base model has been shown to meet the bar). Hybrid, which they pick next, trains a model while the answers that would justify it are missing. So the recommendation is the sources' default starting approach, RAG.",
    );
  });

  it("is the seeds' default start where every other pick would train a model", () => {
    const a: Assessment = { changeFrequency: "annually", needsStyleOrFormat: false, latencySensitive: true, promptedBaselineMeetsBar: "untested" };
    expect(picks(a)).toEqual(["FINE_TUNING", null, "PROMPTING", "PROMPTING", "FINE_TUNING"]);
    const s = scoreUseCase(a);
    expect(s).toMatchObject({ evidence: "provisional", consensus: "RAG", basis: "default-start", leaning: null, backing: { votes: 0, voters: 4 }, heldBack: { approach: "PROMPTING" } });
    expect(s.heldBack?.sentence).toMatch(/\. Fine-tuning, which they pick next, trains a model while the answers that would justify it are missing\. So the recommendation is the sources' default starting approach, RAG\.$/);
    // Once the answers are in and favour training, fine-tuning is the recommendation.
    expect(scoreUseCase({ ...a, labeledExamples: 1_000, retrainingBudget: true, promptedBaselineMeetsBar: "no" }).consensus).toBe("FINE_TUNING");
  });

  it("no provisional score recommends fine-tuning or a hybrid while labeled data, the prompted baseline or the retraining budget is unknown (PRODUCT.md)", () => {
    // Every combination of seven answers, each possibly unanswered; the labeled examples never are answered.
    const opt = <T,>(xs: readonly T[]) => [undefined, ...xs];
    let provisional = 0;
    for (const changeFrequency of opt(CHANGE_FREQUENCIES)) for (const coreNeed of opt(CORE_NEEDS)) for (const needsStyleOrFormat of opt([true, false]))
      for (const promptedBaselineMeetsBar of opt(BASELINE_RESULTS)) for (const maxLagDays of opt([7, 45])) for (const latencySensitive of opt([true, false])) for (const needsCitations of opt([true, false])) {
        const answers = { changeFrequency, coreNeed, needsStyleOrFormat, promptedBaselineMeetsBar, maxLagDays, latencySensitive, needsCitations };
        const a = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined)) as Assessment;
        const s = scoreUseCase(a, { skipSensitivity: true });
        if (s.evidence !== "provisional") continue;
        provisional++;
        expect(trainsAModel(s.consensus), JSON.stringify(a)).toBe(false);
      }
    expect(provisional).toBeGreaterThan(10_000);
  });
});

describe("a tie on votes after a hold", () => {
  it("goes to the one of two tied approaches that can serve (since 2.10 the style rules RAG out here)", () => {
    // Fine-tuning (three votes) misses the 1-day lag; RAG and Hybrid have one vote each. Until 2.10
    // both could serve and the voters' fit gave it to RAG ("tied with Hybrid on votes; RAG fits
    // better"); RAG alone cannot keep a style a prompted model fell short of, so it is Hybrid.
    const a: Assessment = { ...FT_DOCS, changeFrequency: "quarterly", maxLagDays: 1, coreNeed: "retrieval", corpusDocuments: 500, promptedBaselineMeetsBar: "no" };
    expect(picks(a)).toEqual(["RAG", "FINE_TUNING", "FINE_TUNING", "HYBRID", "FINE_TUNING"]);
    expect(scoreUseCase(a)).toMatchObject({ consensus: "HYBRID", basis: "frameworks", heldBack: { approach: "FINE_TUNING" }, agreementText: expect.stringMatching(/^1 of 5 voting agree, four differ; Fine-tuning, which \d pick, is set aside as it cannot serve the use case$/) });
  });
  it("names no tie with an approach that trains a model over a prompted base model that meets the bar", () => {
    // The case above before 2.8: Hybrid and Prompting only had one vote each; Hybrid now cannot be recommended.
    const a: Assessment = { ...FT_DOCS, changeFrequency: "monthly", maxLagDays: 14, coreNeed: "neither", promptedBaselineMeetsBar: "yes" };
    expect(picks(a)).toEqual(["FINE_TUNING", "HYBRID", "PROMPTING", "FINE_TUNING", "FINE_TUNING"]);
    expect(scoreUseCase(a)).toMatchObject({ consensus: "PROMPTING", agreementText: expect.stringMatching(/^1 of 5 voting agree, four differ; Fine-tuning, which \d pick, is set aside as it cannot serve the use case$/) });
  });
  it("names no tie with the approach held back, nor with one passed over while the answers to train it are missing", () => {
    // Fine-tuning held back for the lag, Hybrid the only other pick: no tie.
    expect(scoreUseCase({ ...FT_DOCS, changeFrequency: "monthly", maxLagDays: 14 }).agreementText).toMatch(/^1 of 5 voting agree, four differ; Fine-tuning, which \d pick, is set aside as it cannot serve the use case$/);
    // One vote each for fine-tuning and prompting on a provisional score (since 2.12 "When to use",
    // none of whose checklist is met, casts no vote on its unconditional RAG rule): prompting cannot
    // reach the knowledge, fine-tuning waits on the labeled examples, and RAG, which nobody picks, is
    // the sources' default start. The tie named is the vote's own, between the two picks held back.
    const a: Assessment = { changeFrequency: "annually", maxLagDays: 365, needsStyleOrFormat: false, needsCitations: false, latencySensitive: false, needsToolUse: false, evaluationSetExists: true, weeksToProduction: 5 };
    expect(picks(a)).toEqual(["FINE_TUNING", null, null, "PROMPTING", null]);
    expect(scoreUseCase(a)).toMatchObject({
      consensus: "RAG",
      basis: "default-start",
      agreementText:
        "Held back: 1 of 2 voting pick Prompting only, one differs; 3 abstained (nothing they weigh points to an approach); tied with Fine-tuning on votes; Prompting only fits better across the voters (their scores for it add up to 60, against 35 for Fine-tuning)",
    });
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
        // A lean to training held for a prerequisite known to be missing goes to the next pick (2.7).
        else if (s.leaning) expect(s.leaning.approach).not.toBe(s.consensus);
        // Prompting in place of a RAG it tied with, as the cheaper option that can serve (2.15).
        else if (s.basis === "frameworks") expect(s.consensus).toBe(s.agreementText.includes("comes first as the cheaper option") ? "PROMPTING" : consensusOf(s.frameworks, DEFAULT_WEIGHTS).consensus);
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
