import { describe, expect, it } from "vitest";
import type { Assessment } from "../assessment";
import { explainCosts } from "../costing/explain";
import { projectCosts } from "../costing/project";
import { COMPLETE } from "../costing/project.fixtures";
import { lacksCapability } from "./capabilities";
import { scoreUseCase } from "./score";

/**
 * Answers that must cite their sources are beyond a fine-tuned model alone (001: "You need source
 * citations. RAG knows which chunks it retrieved … Fine-tuned models hallucinate sources"), since
 * judgement 2.13. A reviewer's use case (knowledge changing monthly, a 30-day lag, citations, a
 * corpus of 5 million documents, 500 million calls a month) read "Fine-tuning is the cheapest
 * approach that meets the 30-day lag", and the portfolio counted choosing it as a saving.
 */
const answers: Assessment = {
  changeFrequency: "monthly",
  maxLagDays: 30,
  coreNeed: "retrieval",
  needsCitations: true,
  corpusDocuments: 5_000_000,
  labeledExamples: 20_000,
  retrainingBudget: true,
  monthlyCalls: 500_000_000,
  yearlyGrowthPct: 50,
  latencyBudgetMs: 800,
};

describe("answers that must cite their sources", () => {
  it("rule out fine-tuning alone, not the hybrid, which retrieves", () => {
    expect(lacksCapability("FINE_TUNING", answers)).toBe("needsCitations");
    expect(lacksCapability("HYBRID", answers)).toBeNull();
    expect(lacksCapability("RAG", answers)).toBeNull();
    expect(lacksCapability("FINE_TUNING", { ...answers, needsCitations: false })).toBeNull();
    expect(lacksCapability("FINE_TUNING", { ...answers, needsCitations: undefined })).toBeNull();
  });

  it("keep fine-tuning from being the cheapest that serves, the cheaper side of a saving or the break-even", () => {
    const p = projectCosts({ assessment: answers, horizonYears: 3, startYear: 2027, assumptions: COMPLETE });
    expect(p.approaches.FINE_TUNING).toMatchObject({ meetsLag: true, lacksCapability: "needsCitations" });
    const told = explainCosts(p);
    expect(told.cheapest).not.toBe("FINE_TUNING");
    expect(told.infeasible).toContain(
      "Fine-tuning cannot cite the sources the use case's answers must cite: 001 says a fine-tuned model hallucinates its sources, where retrieval knows which passages it used, so it is never offered as a saving.",
    );
    expect(p.breakEven.monthlyCalls).toBeNull();
    expect(p.breakEven.reason).toMatch(/^None: fine-tuning cannot cite the sources the use case's answers must cite at any volume/);
    // Without the need, fine-tuning is the cheapest at this volume: the capability is what turns it.
    expect(explainCosts(projectCosts({ assessment: { ...answers, needsCitations: false }, horizonYears: 3, startYear: 2027, assumptions: COMPLETE })).cheapest).toBe("FINE_TUNING");
  });

  it("hold a recommendation of fine-tuning back to what can cite, and say why", () => {
    // Every framework picks fine-tuning for a house style a prompted model fell short of; the
    // answers must cite too. Without the citations, fine-tuning is recommended.
    const styled: Assessment = {
      changeFrequency: "static", coreNeed: "reasoning", needsStyleOrFormat: true, promptedBaselineMeetsBar: "no", labeledExamples: 20_000, retrainingBudget: true,
      monthlyCalls: 5_000_000, latencyBudgetMs: 300, needsCitations: true, expertiseDocumented: false, fitsContextWindow: true, corpusDocuments: 0,
    };
    expect(scoreUseCase({ ...styled, needsCitations: false }).consensus).toBe("FINE_TUNING");
    const s = scoreUseCase(styled);
    expect(s.consensus).not.toBe("FINE_TUNING");
    expect(s.heldBack?.sentence).toMatch(/^Fine-tuning, which 5 of 5 voting frameworks pick, cannot cite the sources the use case's answers must cite: 001 says a fine-tuned model hallucinates its sources, where retrieval knows which passages it used\./);
    // Where retrieval alone serves, the recommendation is RAG, never fine-tuning.
    expect(scoreUseCase(answers).consensus).toBe("RAG");
  });
});
