import { describe, expect, it } from "vitest";
import type { Assessment } from "../assessment";
import { explainCosts } from "./explain";
import { projectCosts, type ProjectionInput } from "./project";
import { retrainingNote } from "./retraining-note";
import { COMPLETE } from "./project.fixtures";

/**
 * No budget for retraining (000: "You have budget for ongoing retraining cycles" is a prerequisite
 * of fine-tuning): the projection prices none, and counts the fine-tuned model as trained once and
 * left as it is. A reviewer's use case (knowledge changing monthly, a 30-day lag, no retraining
 * budget; its answers must cite their sources too, which lib/domain/frameworks/citations.test.ts
 * holds apart) read "Fine-tuning is the cheapest approach that meets the 30-day lag", priced on twelve
 * retrainings a year the organization had said it could not pay for.
 */
const answers: Assessment = {
  changeFrequency: "monthly",
  maxLagDays: 30,
  coreNeed: "retrieval",
  corpusDocuments: 5_000_000,
  labeledExamples: 0,
  monthlyCalls: 500_000_000,
  yearlyGrowthPct: 50,
  latencyBudgetMs: 800,
};
const projected = (retrainingBudget: boolean) => {
  const input: ProjectionInput = { assessment: { ...answers, retrainingBudget }, horizonYears: 3, startYear: 2027, assumptions: COMPLETE };
  return projectCosts(input);
};

describe("fine-tuning where there is no budget for retraining", () => {
  it("with a budget, retrains monthly, meets the 30-day lag and is the cheapest that serves", () => {
    const p = projected(true);
    expect(p.approaches.FINE_TUNING).toMatchObject({ retrainingCyclesPerYear: 12, meetsLag: true });
    expect(p.lines.some((l) => l.approach === "FINE_TUNING" && l.category === "RETRAINING" && (l.base ?? 0) > 0)).toBe(true);
    expect(explainCosts(p).cheapest).toBe("FINE_TUNING");
  });

  it("without one, prices no retraining, is stale all year, misses the lag and is never offered as the cheaper side", () => {
    const p = projected(false);
    const ft = p.approaches.FINE_TUNING!;
    expect(ft).toMatchObject({ retrainingCyclesPerYear: 0, meetsLag: false, worstDelayDays: null, staleDaysPerYear: { low: 365, base: 365, high: 365 } });
    expect(p.lines.filter((l) => l.approach === "FINE_TUNING" && l.category === "RETRAINING" && (l.base ?? 0) > 0)).toEqual([]);
    // The hybrid keeps its facts in retrieval: it still serves, with no retraining priced either.
    expect(p.approaches.HYBRID).toMatchObject({ retrainingCyclesPerYear: 0 });
    const told = explainCosts(p);
    expect(told.cheapest).not.toBe("FINE_TUNING");
    expect(told.runnerUp).not.toBe("FINE_TUNING");
    expect(told.infeasible.join(" ")).toMatch(/^Fine-tuning does not meet the 30-day lag/);
    expect(told.savings ?? "").not.toMatch(/^Fine-tuning/);
  });

  it("says why it is never retrained, under the cost table", () => {
    const p = projected(false);
    const ft = p.approaches.FINE_TUNING!;
    const note = retrainingNote({
      changeFrequency: "monthly",
      shown: ["RAG", "FINE_TUNING", "HYBRID"],
      fineTuning: { cycles: ft.retrainingCyclesPerYear, staleDays: ft.staleDaysPerYear, worstDelayDays: ft.worstDelayDays },
      maxLagDays: 30,
      lag: p.retraining,
    });
    expect(note).toBe(
      "The knowledge changes monthly (the assessment's answer: about 12 changes a year), but the assessment says there is no budget for retraining " +
        "(000 asks for “budget for ongoing retraining cycles” before fine-tuning), so none is priced: fine-tuning is counted as trained once and answers " +
        "from what it was trained on, never brought up to date, against the 30 days this use case accepts: 365 stale days a year. " +
        "A hybrid would retrain once a year for its behaviour; without a budget for it none is priced, and its facts come from retrieval, so it is never stale.",
    );
    // With a budget the note is as before.
    const withBudget = projected(true);
    expect(withBudget.retraining?.noBudget).toBeUndefined();
  });
});
