/**
 * Judgement 2.11, two findings of a skeptical review of the demo's "what would change it":
 *  A. an unanswered question is named as one that would change the recommendation only where an
 *     answer to it changes the recommendation shown, after the evidence rules; where only the
 *     frameworks' vote would move, the sentence says so and what holds the recommendation;
 *  B. where the knowledge never changes, the acceptable lag does not apply: it is not asked for,
 *     and the case is assessed without it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessmentArb } from "../../../tests/helpers/assessment-arbitrary";
import { APPROACH_LABELS, APPROACHES, BASELINE_RESULTS, CHANGE_FREQUENCIES, CORE_NEEDS, missingAnswers, type AnswerKey, type Approach, type Assessment } from "../assessment";
import { DEFAULT_ASSUMPTIONS } from "../costing/assumptions";
import { projectCosts } from "../costing/project";
import { DECIDING_KEYS } from "./evidence";
import { scoreUseCase } from "./score";

// The demo's "Month-end variance commentary": a prompted base model already meets the bar.
const MONTH_END: Assessment = { changeFrequency: "monthly", coreNeed: "reasoning", needsStyleOrFormat: true, fitsContextWindow: true, monthlyCalls: 200, promptedBaselineMeetsBar: "yes" };
// As the imported "Claims FAQ bot": RAG, provisional, the format question and the training prerequisites unanswered.
const CLAIMS_FAQ: Assessment = { changeFrequency: "monthly", maxLagDays: 30, coreNeed: "both", needsCitations: true, corpusDocuments: 3_000, monthlyCalls: 20_000 };
// A policy explainer whose knowledge never changes; every deciding answer but the lag given.
const POLICY: Assessment = {
  changeFrequency: "static", coreNeed: "retrieval", needsStyleOrFormat: false, needsCitations: true, corpusDocuments: 400, labeledExamples: 0,
  promptedBaselineMeetsBar: "no", retrainingBudget: false, monthlyCalls: 3_000,
};

/** Every answer worth trying for a deciding question (one per interval the frameworks and the hold tell apart). */
const VALUES: Record<string, readonly unknown[]> = {
  changeFrequency: CHANGE_FREQUENCIES,
  coreNeed: CORE_NEEDS,
  promptedBaselineMeetsBar: BASELINE_RESULTS,
  maxLagDays: [0, 6, 7, 20, 21, 29, 30, 60, 400],
  labeledExamples: [0, 199, 200, 5_000],
  needsStyleOrFormat: [true, false],
  retrainingBudget: [true, false],
};

/** The recommendations the answers to `key` lead to, scored as the page scores them. */
function reachable(a: Assessment, key: AnswerKey): Set<Approach | null> {
  return new Set(VALUES[key]!.map((v) => scoreUseCase({ ...a, [key]: v } as Assessment, { skipSensitivity: true }).consensus));
}

/** The approaches a sentence names, in the part before ", but" (what the answer leads to). */
function named(part: string): Approach[] {
  return APPROACHES.filter((ap) => part.includes(APPROACH_LABELS[ap]));
}

describe("2.11 A: an unanswered question is said to change the recommendation only where it would", () => {
  it("the month-end commentary: labeled examples could not bring fine-tuning, since a prompted model already meets the bar", () => {
    const s = scoreUseCase(MONTH_END);
    expect(s.consensus).toBe("PROMPTING");
    const q = s.sensitivity!.unanswered.find((x) => x.answer === "labeledExamples")!;
    expect(q.sentence).toBe(
      "Answer “curated, labeled training examples”: depending on it the frameworks would lean to Prompting only or Fine-tuning, but the recommendation stays Prompting only because a prompted base model already meets the bar.",
    );
    expect(reachable(MONTH_END, "labeledExamples")).toEqual(new Set(["PROMPTING"]));
  });

  it("the claims FAQ: the format question moves the vote to Hybrid, not the recommendation, and says what holds it", () => {
    const s = scoreUseCase(CLAIMS_FAQ);
    expect([s.consensus, s.evidence]).toEqual(["RAG", "provisional"]);
    expect(reachable(CLAIMS_FAQ, "needsStyleOrFormat")).toEqual(new Set(["RAG"]));
    expect(s.sensitivity!.sentence).toBe(
      "Answer “output must follow a format, style or voice”: depending on it the frameworks would lean to Hybrid or RAG, but the recommendation stays RAG while “curated, labeled training examples”, “a prompted base model already meets the bar” and “budget and ML engineers for ongoing retraining” are unanswered.",
    );
  });

  it("across the sample: every recommendation a question is said to lead to is one an answer to it brings, and one said to stay does", () => {
    const sample = fc.sample(assessmentArb, { seed: 20261207, numRuns: 150 });
    let checked = 0, heldOnly = 0;
    for (const a of sample) {
      const s = scoreUseCase(a);
      if (s.evidence !== "provisional") continue;
      for (const q of s.sensitivity!.unanswered) {
        const got = reachable(a, q.answer);
        const [leadsTo, stays] = q.sentence.split(", but ");
        if (stays) {
          // Only the vote moves: the recommendation stays what it is, whatever the answer.
          expect(got, `${q.sentence} (${JSON.stringify(a)})`).toEqual(new Set([s.consensus]));
          if (/would lean/.test(leadsTo!)) heldOnly++;
        } else {
          for (const ap of named(leadsTo!)) expect(got.has(ap), `${q.sentence} (${JSON.stringify(a)})`).toBe(true);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(heldOnly).toBeGreaterThan(5);
  });
});

describe("2.11 B: where the knowledge never changes, the acceptable lag does not apply", () => {
  it("a static case with every other deciding answer is assessed, never told to answer the lag, and nothing says it misses one", () => {
    const s = scoreUseCase(POLICY);
    expect(s.evidence).toBe("assessed");
    expect(s.sensitivity!.unanswered).toEqual([]);
    expect(s.sensitivity!.sentence).not.toMatch(/lag/);
    // No lag to miss: no flag, no hold and no cost figure says one is missed or unknown.
    expect(s.flags.map((f) => f.reason).join(" ")).not.toMatch(/lag/);
    expect(s.heldBack ?? null).toBeNull();
    const p = projectCosts({ assessment: POLICY, assumptions: DEFAULT_ASSUMPTIONS, horizonYears: 3, startYear: 2027 });
    expect(Object.values(p.approaches).some((x) => x?.meetsLag === false)).toBe(false);
    expect(p.breakEven.reason).not.toMatch(/lag/);
  });

  it("a provisional static case does not rank the lag among the questions to answer", () => {
    const a: Assessment = { changeFrequency: "static", coreNeed: "reasoning", needsStyleOrFormat: false, monthlyCalls: 500 };
    const s = scoreUseCase(a);
    expect(s.evidence).toBe("provisional");
    const asked = s.sensitivity!.unanswered.map((q) => q.answer);
    expect(asked).not.toContain("maxLagDays");
    expect(asked.sort()).toEqual(DECIDING_KEYS.filter((k) => a[k] === undefined && k !== "maxLagDays").sort());
    // Knowledge that changes still needs the lag: the policy explainer quarterly is provisional, and asked for it.
    // The assessment's "still unanswered" list leaves it out too.
    expect(missingAnswers(a)).not.toContain("maxLagDays");
    expect(missingAnswers({ changeFrequency: "quarterly" })).toContain("maxLagDays");
    const quarterly = scoreUseCase({ ...POLICY, changeFrequency: "quarterly" });
    expect(quarterly.evidence).toBe("provisional");
    expect(quarterly.sensitivity!.unanswered.map((q) => q.answer)).toEqual(["maxLagDays"]);
  });
});
