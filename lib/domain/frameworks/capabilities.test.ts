/**
 * The fourth reason an approach cannot serve a use case: a capability it has answered that it
 * needs (./capabilities.ts, seed 002), through the cost panel, the savings, the break-even, the
 * Monte Carlo, the decision's choices and the recommendation's hold.
 */
import { describe, expect, it } from "vitest";
import { APPROACHES, type Approach, type Assessment } from "../assessment";
import { DEFAULT_ASSUMPTIONS, type AssumptionSet } from "../costing/assumptions";
import { explainCosts } from "../costing/explain";
import { decisionOptionNotes } from "../costing/options";
import { cannotServe } from "../costing/feasibility";
import { projectCosts, type ProjectionInput } from "../costing/project";
import { simulateCosts } from "../costing/simulate";
import { CAPABILITY_RULES, lacksCapability } from "./capabilities";
import { scoreUseCase } from "./score";
import { cannotRecommend } from "./serves";

const COMPLETE: AssumptionSet = {
  ...DEFAULT_ASSUMPTIONS,
  values: { ...DEFAULT_ASSUMPTIONS.values, modelInputPricePerMTokens: { low: 2, base: 5, high: 10 }, modelOutputPricePerMTokens: { low: 2, base: 5, high: 10 }, inputTokensPerCall: { low: 1500, base: 1500, high: 1500 }, outputTokensPerCall: { low: 0, base: 0, high: 0 }, maintenanceHoursPerWeek: { low: 2, base: 4, high: 8 } },
};

// The demo's "Renewal call preparation notes": daily changes, a 1-day lag, and it needs tools.
const RENEWAL: Assessment = { changeFrequency: "daily", maxLagDays: 1, coreNeed: "both", corpusDocuments: 80_000, monthlyCalls: 12_000, needsToolUse: true, promptedBaselineMeetsBar: "untested", evaluationSetExists: false };
const input = (a: Assessment, more: Partial<ProjectionInput> = {}): ProjectionInput => ({ assessment: a, horizonYears: 3, startYear: 2027, assumptions: COMPLETE, ...more });
const unable = (a: Assessment) => APPROACHES.filter((ap) => lacksCapability(ap, a) !== null);

describe("which approaches lack a capability the use case needs (seed 002)", () => {
  it("tool use: every approach but an agent, citing 002's sentence", () => {
    expect(unable({ needsToolUse: true })).toEqual(APPROACHES.filter((ap) => ap !== "AGENT"));
    expect(CAPABILITY_RULES.needsToolUse.cite).toEqual({ file: "002_eb871f56c24eca94.txt", quote: expect.stringContaining("require an agent architecture with tool use, not just better retrieval or behavioral tuning") });
  });

  it("learning from user interactions: the static ones 002 names (RAG, fine-tuning, the hybrid) and prompting alone", () => {
    expect(unable({ learnsFromFeedback: true })).toEqual(["RAG", "FINE_TUNING", "HYBRID", "PROMPTING"]);
    expect(CAPABILITY_RULES.learnsFromFeedback.cite.quote).toContain("go beyond static fine-tuning or static retrieval indexes");
  });

  it("both: only the agent is left, never nothing", () => {
    expect(APPROACHES.filter((ap) => lacksCapability(ap, { needsToolUse: true, learnsFromFeedback: true }) === null)).toEqual(["AGENT"]);
  });

  it("a no, an unanswered question, or a need 002 only says 'often benefits' from a pipeline makes no approach unable", () => {
    for (const a of [{}, { needsToolUse: false, learnsFromFeedback: false }, { transformationAtVolume: true }, { coreNeed: "reasoning", promptedBaselineMeetsBar: "no" }] as Assessment[]) {
      expect(unable(a)).toEqual([]);
    }
  });

  it("is the fourth reason of cannotServe, in the cost table's words, ahead of the other three", () => {
    expect(cannotServe({ lacksCapability: "needsToolUse", meetsLag: false }, 1)).toEqual({ kind: "lacks-capability", text: "cannot call the tools the use case needs" });
    expect(cannotServe({ lacksCapability: "learnsFromFeedback" }, null)).toEqual({ kind: "lacks-capability", text: "cannot learn from user interactions as the use case needs" });
    expect(cannotServe({ lacksCapability: null, meetsLag: true }, 1)).toBeNull();
  });
});

describe("the cost panel of a use case that needs tools", () => {
  const p = projectCosts(input(RENEWAL));
  const told = explainCosts({ ...p, simulation: simulateCosts(input(RENEWAL), p, { seed: 11 }), inPlay: { approach: "AGENT", chosen: false } });

  it("offers no approach without tools as the cheapest or a saving, and says why each cannot serve", () => {
    expect(told.cheapest).toBeNull();
    expect(told.savings).toBeNull();
    expect(told.simulation).toBeNull();
    expect(told.infeasible).toContain(
      "RAG cannot call the tools the use case needs (computation, code, database queries or external APIs), which 002 says take an agent with tool use, so it is never offered as a saving.",
    );
    expect(told.infeasible).toHaveLength(4);
    expect(told.inPlayNotCompared).toMatch(/^Agent with tools, the recommendation, is not costed/);
  });

  it("stores no saving, break-even or Monte Carlo pair with an approach without tools on the saving side", () => {
    expect(p.approaches.RAG?.lacksCapability).toBe("needsToolUse");
    expect(p.savings).toEqual([]);
    expect(p.breakEven).toEqual({ monthlyCalls: null, reason: "None: neither fine-tuning nor RAG can call the tools the use case needs at any volume, so neither is an option to break even with." });
    expect(simulateCosts(input(RENEWAL), p, { seed: 11 })?.pairs ?? []).toEqual([]);
  });

  it("says of each what it lacks where fine-tuning and RAG lack different things (the break-even)", () => {
    // A review's contract review: a style a prompted model fell short of (beyond RAG alone) and citations (beyond fine-tuning alone).
    const contract = projectCosts({
      assessment: { changeFrequency: "quarterly", maxLagDays: 120, coreNeed: "both", needsStyleOrFormat: true, needsCitations: true, corpusDocuments: 20_000, labeledExamples: 3_000, monthlyCalls: 20_000, promptedBaselineMeetsBar: "no", retrainingBudget: true },
      horizonYears: 3, startYear: 2027, assumptions: DEFAULT_ASSUMPTIONS,
    });
    // It read "None: neither fine-tuning nor RAG can cite the sources …", where RAG is the one that cites.
    expect(contract.breakEven).toEqual({
      monthlyCalls: null,
      reason: "None: fine-tuning cannot cite the sources the use case's answers must cite and RAG cannot keep the format, style or voice the use case requires, at any volume, so neither is an option to break even with.",
    });
  });

  it("compares only with an agent's manual estimate, which can serve", () => {
    const manual = input(RENEWAL, { manual: { approach: "AGENT", estimate: { low: 1_000_000, base: 2_000_000, high: 3_000_000 } } });
    const q = projectCosts(manual);
    expect(q.approaches.AGENT?.lacksCapability).toBeNull();
    expect(q.savings.every((s) => s.approach === "AGENT")).toBe(true);
  });

  it("the decision's choices say which cannot serve and why", () => {
    const notes = decisionOptionNotes({ ...p });
    expect(notes.RAG).toMatchObject({ cannotServe: true, text: expect.stringMatching(/; cannot call the tools the use case needs$/) });
  });

  it("the decision's choices say it of an approach priced only once chosen (the owner's estimate) too", () => {
    // A review: a pipeline and feedback learning offered at the agent's estimate, "once chosen", able to serve, for a use case that must call tools.
    const manual = input(RENEWAL, { manual: { approach: "AGENT", estimate: { low: 50_000_00, base: 80_000_00, high: 120_000_00 } } });
    const q = projectCosts(manual);
    const owner = { yearly: { low: 50_000_00, base: 80_000_00, high: 120_000_00 }, years: 3 };
    const notes = decisionOptionNotes({ ...q }, owner, RENEWAL);
    expect(notes.PIPELINE).toEqual({ text: "$240,000 over the lifecycle (base) once chosen: the owner's estimate, $80,000 a year × 3 years; cannot call the tools the use case needs", cannotServe: true });
    expect(notes.FEEDBACK_LEARNING?.cannotServe).toBe(true);
    expect(notes.AGENT?.cannotServe).toBe(false);
    // Without the answers (a caller that has none), nothing is claimed either way.
    expect(decisionOptionNotes({ ...q }, owner).PIPELINE?.cannotServe).toBe(false);
  });

  it("a use case that must learn from its users: RAG is not the cheapest that serves, a feedback-learning estimate is compared", () => {
    const a: Assessment = { changeFrequency: "weekly", maxLagDays: 7, coreNeed: "reasoning", monthlyCalls: 2_000, learnsFromFeedback: true, promptedBaselineMeetsBar: "yes" };
    const q = projectCosts(input(a, { manual: { approach: "FEEDBACK_LEARNING", estimate: { low: 2_000_000, base: 3_500_000, high: 6_000_000 } } }));
    const t = explainCosts({ ...q, inPlay: { approach: "FEEDBACK_LEARNING", chosen: true } });
    expect(t.cheapest).toBeNull();
    expect(t.infeasible).toContain("Prompting only cannot learn from user interactions as the use case needs, which 002 says takes RLHF-style feedback learning beyond a static model or index, so it is never offered as a saving.");
    expect(q.savings.map((s) => s.approach)).toEqual(["FEEDBACK_LEARNING", "FEEDBACK_LEARNING", "FEEDBACK_LEARNING", "FEEDBACK_LEARNING"]);
  });
});

describe("the recommendation's hold", () => {
  it("holds back an approach without tools, with the cost panel's words and 002's sentence", () => {
    expect(cannotRecommend("RAG", RENEWAL, 21)).toEqual({
      reason: "lacks-capability",
      why: "cannot call the tools the use case needs (computation, code, database queries or external APIs), which 002 says take an agent with tool use",
      cite: CAPABILITY_RULES.needsToolUse.cite,
    });
    expect(cannotRecommend("AGENT", RENEWAL, 21)).toBeNull();
    expect(cannotRecommend("FEEDBACK_LEARNING", { learnsFromFeedback: true }, 21)).toBeNull();
  });

  it("keeps the agent the frameworks pick for the demo's renewal notes, with nothing held back", () => {
    const s = scoreUseCase(RENEWAL, { skipSensitivity: true });
    expect(s.consensus).toBe("AGENT");
    expect(s.heldBack).toBeNull();
  });

  it("holds back every approach a capability rules out, whichever the frameworks pick", () => {
    for (const ap of ["RAG", "FINE_TUNING", "HYBRID", "PROMPTING", "PIPELINE"] as Approach[]) {
      expect(lacksCapability(ap, RENEWAL)).toBe("needsToolUse");
    }
  });
});
