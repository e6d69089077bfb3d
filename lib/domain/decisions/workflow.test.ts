import { describe, expect, it } from "vitest";
import { approvedText, budgetFromProjection, budgetText, canTakeStep, DECISION_STATE_LABELS, NO_BUDGET_FIGURE, refusalFor, stageOf, stageText, STEP_TO, type DecisionState, type WorkflowStep } from "./workflow";

const lead = { userId: "lead", role: "LEAD" as const };
const otherLead = { userId: "other", role: "LEAD" as const };
const exec = { userId: "cto", role: "EXECUTIVE" as const };
const admin = { userId: "admin", role: "ADMIN" as const };
const finance = { userId: "fin", role: "FINANCE" as const };
const owned = { ownerId: "lead" };
/** A decision whose yearly budget has a figure ($120,000). */
const costed = { yearlyBudgetCents: 120_000_00 };

describe("who may take each step", () => {
  it.each<[string, WorkflowStep, typeof lead | typeof exec | typeof finance | typeof admin, DecisionState | null, boolean]>([
    ["a lead proposes for their own use case", "propose", lead, null, true],
    ["a lead may not propose for another's", "propose", otherLead, null, false],
    ["finance does not propose", "propose", finance, null, false],
    ["a lead cannot approve", "approve", lead, "PROPOSED", false],
    ["finance cannot approve a decision", "approve", finance, "PROPOSED", false],
    ["an executive approves a proposal", "approve", exec, "PROPOSED", true],
    ["an admin approves a proposal", "approve", admin, "PROPOSED", true],
    ["an executive decides at once, with no proposal", "approve", exec, null, true],
    ["an executive sends a proposal back", "sendBack", exec, "PROPOSED", true],
    ["a lead cannot send back", "sendBack", lead, "PROPOSED", false],
    ["finance approves an approved decision's budget", "approveBudget", finance, "APPROVED", true],
    ["an executive does not approve budgets", "approveBudget", exec, "APPROVED", false],
    ["an admin does not approve budgets", "approveBudget", admin, "APPROVED", false],
    ["finance cannot approve the budget of a mere proposal", "approveBudget", finance, "PROPOSED", false],
    ["a budget is approved once", "approveBudget", finance, "BUDGET_APPROVED", false],
    ["a standing approval is not replaced by a new proposal", "propose", lead, "APPROVED", false],
    ["a decision to review can be proposed again", "propose", lead, "TO_REVIEW", true],
    ["a decision to review can be re-approved", "approve", exec, "TO_REVIEW", true],
    ["a sent-back decision cannot be sent back again", "sendBack", exec, "SENT_BACK", false],
    ["a decision superseded by a direct one can be proposed again", "propose", lead, "SUPERSEDED", true],
    ["a decision superseded by a direct one can be decided again through the workflow", "approve", exec, "SUPERSEDED", true],
    ["a superseded decision's budget is not approved", "approveBudget", finance, "SUPERSEDED", false],
    ["a superseded decision is not sent back", "sendBack", exec, "SUPERSEDED", false],
  ])("%s", (_name, step, actor, state, allowed) => {
    expect(canTakeStep(step, actor, state, owned, costed)).toBe(allowed);
  });

  it("says why: forbidden for the role, conflict for the state", () => {
    expect(refusalFor("approve", lead, "PROPOSED", owned, costed)).toEqual({ kind: "forbidden", message: "Only executives and admins approve or send back a decision." });
    expect(refusalFor("approveBudget", exec, "APPROVED", owned, costed)?.message).toBe("Only finance approves a decision's budget.");
    expect(refusalFor("approveBudget", finance, "PROPOSED", owned, costed)).toMatchObject({ kind: "conflict" });
    expect(refusalFor("approveBudget", finance, "PROPOSED", owned, costed)?.message).toContain("proposed, awaiting approval");
  });
});

describe("a budget with no figure", () => {
  const unfigured = { yearlyBudgetCents: null };

  it("is not approved by finance, who is told why and what gives it a figure", () => {
    const refusal = refusalFor("approveBudget", finance, "APPROVED", owned, unfigured);
    expect(refusal).toEqual({
      kind: "conflict",
      message:
        "This decision's yearly budget has no figure yet, as its first year is not fully costed, so it cannot be approved: finance approves a figure, never a blank. " +
        "Once its first year is fully costed, the budget is taken from the projection again.",
    });
    expect(refusal?.message).toContain(NO_BUDGET_FIGURE);
    expect(canTakeStep("approveBudget", finance, "APPROVED", owned, unfigured)).toBe(false);
  });

  it("is approved once it has a figure, however small", () => {
    expect(canTakeStep("approveBudget", finance, "APPROVED", owned, { yearlyBudgetCents: 1n })).toBe(true);
    expect(canTakeStep("approveBudget", finance, "APPROVED", owned, { yearlyBudgetCents: 0 })).toBe(true);
  });

  it("still says first who may approve it and where the decision stands", () => {
    expect(refusalFor("approveBudget", exec, "APPROVED", owned, unfigured)?.message).toBe("Only finance approves a decision's budget.");
    expect(refusalFor("approveBudget", finance, "PROPOSED", owned, unfigured)?.message).toContain("proposed, awaiting approval");
  });

  it("does not stop a decision being proposed, approved or sent back", () => {
    expect(canTakeStep("propose", lead, "SENT_BACK", owned, unfigured)).toBe(true);
    expect(canTakeStep("approve", exec, "PROPOSED", owned, unfigured)).toBe(true);
    expect(canTakeStep("sendBack", exec, "PROPOSED", owned, unfigured)).toBe(true);
  });
});

describe("the stage a use case is at", () => {
  it.each<[string, string, DecisionState | null, string | null, string]>([
    ["nothing proposed", "IDEA", null, null, "logged"],
    ["a proposal", "ASSESSING", "PROPOSED", null, "proposed"],
    ["sent back", "IDEA", "SENT_BACK", null, "sent back"],
    ["approved", "IDEA", "APPROVED", "RAG", "approved"],
    ["budget approved", "APPROVED", "BUDGET_APPROVED", "RAG", "budget approved"],
    ["a decision from before the workflow", "APPROVED", null, "RAG", "approved"],
    ["building wins over the workflow", "BUILDING", "BUDGET_APPROVED", "RAG", "building"],
    ["live", "LIVE", null, "RAG", "live"],
    ["retired", "RETIRED", "APPROVED", "RAG", "retired"],
    ["to review, even when live", "LIVE", "TO_REVIEW", "RAG", "to review"],
    ["superseded by a decision recorded directly", "ASSESSING", "SUPERSEDED", "FINE_TUNING", "approved"],
    ["superseded by clearing the decision", "ASSESSING", "SUPERSEDED", null, "logged"],
  ])("%s", (_name, status, state, chosen, stage) => {
    expect(stageOf(status, state, chosen)).toBe(stage);
  });

  it("says, on a queue line, when an approved decision never went through an approval step", () => {
    expect(stageText("APPROVED", null, "RAG")).toBe("approved (recorded directly, no approval step)");
    expect(stageText("ASSESSING", "SUPERSEDED", "FINE_TUNING")).toBe("approved (recorded directly, no approval step)");
    expect(stageText("IDEA", "APPROVED", "RAG")).toBe("approved");
    expect(stageText("LIVE", null, "RAG")).toBe("live");
    expect(stageText("IDEA", null, null)).toBe("logged");
  });
});

describe("the budget taken from the projection", () => {
  it("is the first year's base cost, whole where nothing is built", () => {
    expect(budgetFromProjection([{ yearIndex: 2, baseCents: 50_00n, complete: true }, { yearIndex: 1, baseCents: 120_000_00n, complete: true }])).toEqual({ yearlyCents: 120_000_00, buildCents: 0 });
  });
  it("keeps the first year's one-off lines apart: the yearly budget is the run rate", () => {
    const years = [{ yearIndex: 1, baseCents: 488_000_00n, complete: true }, { yearIndex: 2, baseCents: 198_000_00n, complete: true }];
    const lines = [
      { yearIndex: 1, category: "BUILD_ENGINEERING", baseCents: 250_000_00n },
      { yearIndex: 1, category: "DATA_CURATION", baseCents: 30_000_00n },
      { yearIndex: 1, category: "TRAINING_COMPUTE", baseCents: 10_000_00n },
      { yearIndex: 1, category: "INFERENCE", baseCents: 198_000_00n },
      { yearIndex: 2, category: "INFERENCE", baseCents: 198_000_00n },
    ];
    const budget = budgetFromProjection(years, lines);
    expect(budget).toEqual({ yearlyCents: 198_000_00, buildCents: 290_000_00 });
    expect(budgetText({ yearlyBudgetCents: budget!.yearlyCents, buildCents: budget!.buildCents }, 2027)).toBe("$290,000 to build in 2027, and $198,000 a year to run from 2027");
    expect(budgetText({ yearlyBudgetCents: 60_000_00, buildCents: 0 }, 2027)).toBe("$60,000 a year");
    expect(budgetText({ yearlyBudgetCents: null, buildCents: 0 }, 2027)).toBe(NO_BUDGET_FIGURE);
  });
  it("is none when the first year lacks a figure or nothing is projected", () => {
    expect(budgetFromProjection([{ yearIndex: 1, baseCents: 10n, complete: false }])).toBeNull();
    expect(budgetFromProjection([])).toBeNull();
  });
});

describe("a step refused for the state the decision is in says where it stands", () => {
  it.each<[WorkflowStep, typeof lead | typeof exec | typeof finance, DecisionState | null, string]>([
    ["propose", lead, "APPROVED", "This decision is approved, budget awaiting finance, so it cannot be proposed now. Reload the page to see where it stands."],
    ["propose", lead, "PROPOSED", "This decision is proposed, awaiting approval, so it cannot be proposed now. Reload the page to see where it stands."],
    ["approve", exec, "BUDGET_APPROVED", "This decision is budget approved, so it cannot be approved now. Reload the page to see where it stands."],
    ["sendBack", exec, "SENT_BACK", "This decision is sent back, so it cannot be sent back now. Reload the page to see where it stands."],
    ["sendBack", exec, null, "This decision is not proposed yet, so it cannot be sent back now. Reload the page to see where it stands."],
    ["approveBudget", finance, "TO_REVIEW", "This decision is to review: what it was approved on has changed, so it cannot be given a budget now. Reload the page to see where it stands."],
  ])("%s from %s", (step, actor, state, message) => {
    expect(refusalFor(step, actor, state, owned, costed)).toEqual({ kind: "conflict", message });
  });

  it.each<[WorkflowStep, typeof lead | typeof exec, DecisionState]>([
    ["propose", lead, "SENT_BACK"],
    ["approve", exec, "SENT_BACK"],
    ["sendBack", exec, "TO_REVIEW"],
  ])("%s is allowed from %s", (step, actor, state) => {
    expect(refusalFor(step, actor, state, owned, costed)).toBeNull();
  });

  it("each step leads to its state", () => {
    expect(STEP_TO).toEqual({ propose: "PROPOSED", approve: "APPROVED", sendBack: "SENT_BACK", approveBudget: "BUDGET_APPROVED" });
  });

  it("an approved decision is at the approved stage even with no approach recorded on the use case", () => {
    expect(stageOf("IDEA", "APPROVED", null)).toBe("approved");
  });
});

describe("a step refused for the role says who may take it", () => {
  it("finance proposing is told who proposes", () => {
    expect(refusalFor("propose", finance, null, owned, costed)).toEqual({ kind: "forbidden", message: "Finance approves budgets; leads, executives and admins propose decisions." });
  });

  it("a lead proposing for another's use case is told leads propose only for their own", () => {
    expect(refusalFor("propose", otherLead, null, owned, costed)).toEqual({ kind: "forbidden", message: "Leads propose decisions only for the use cases they own." });
  });

  it("executives and admins propose for any use case, not only their own", () => {
    expect(refusalFor("propose", exec, null, owned, costed)).toBeNull();
    expect(refusalFor("propose", admin, "SENT_BACK", owned, costed)).toBeNull();
  });
});

describe("what a decision to review says", () => {
  it("does not claim the answers changed: a weights change or new framework rules can flip the recommendation alone", () => {
    // reviewAfterChange's reasons may be only "Recommendation: RAG → Hybrid", with every answer as approved.
    expect(DECISION_STATE_LABELS.TO_REVIEW).not.toMatch(/answers/);
    expect(DECISION_STATE_LABELS.TO_REVIEW).toBe("To review: what it was approved on has changed");
  });
});

describe("what an approval says it did", () => {
  const base = { title: "Complaint letter drafting", budget: { yearlyBudgetCents: 48_000_00, buildCents: 120_000_00 }, buildYear: 2027 };
  it("names the approach and use case, the budget now awaiting finance, and the as-chosen total counting the approach instead", () => {
    expect(approvedText({ ...base, approach: "FINE_TUNING", asChosenBefore: "RAG", decidedBefore: false })).toBe(
      "Approved Fine-tuning for “Complaint letter drafting”. Its budget of $120,000 to build in 2027, and $48,000 a year to run from 2027 now awaits finance. " +
        "The portfolio's as-chosen total now counts Fine-tuning for it, instead of RAG.",
    );
  });
  it("says the as-chosen total does not change when it already counted the recommendation of an undecided use case", () => {
    expect(approvedText({ ...base, approach: "RAG", asChosenBefore: "RAG", decidedBefore: false })).toContain(
      "The portfolio's as-chosen total does not change: it already counted RAG for it, as recommended.",
    );
    expect(approvedText({ ...base, approach: "RAG", asChosenBefore: "RAG", decidedBefore: true })).toContain("already counted RAG for it, as decided before.");
  });
  it("says a budget with no figure as such, never $0, and a use case counted as nothing before", () => {
    const text = approvedText({ ...base, budget: { yearlyBudgetCents: null, buildCents: 0 }, approach: "HYBRID", asChosenBefore: null, decidedBefore: false });
    expect(text).toContain(`Its yearly budget has ${NO_BUDGET_FIGURE}: finance can approve it once the owner's answers give it one.`);
    expect(text).toContain("The portfolio's as-chosen total now counts Hybrid for it.");
    expect(text).not.toContain("$0");
  });
  it("says why an agent with no owner's estimate has no figure, and that no total counts it, never 'not fully costed' nor 'already counted'", () => {
    // A reviewer read "as its first year is not fully costed … it already counted Agent with tools for it" of an agent never costed at all.
    const text = approvedText({ ...base, budget: { yearlyBudgetCents: null, buildCents: 0 }, approach: "AGENT", asChosenBefore: "AGENT", decidedBefore: false });
    expect(text).toBe(
      "Approved Agent with tools for “Complaint letter drafting”. Its yearly budget has no figure yet, as Agent with tools is costed only from its owner's yearly estimate and the use case has none: finance can approve it once the owner enters one. " +
        "The portfolio's as-chosen total counts nothing for it until then: an approach with no figure is in no total.",
    );
  });
});

describe("what a budget with no figure lacks", () => {
  it("names the projection's missing answers and figures once each, or nothing", async () => {
    const { lacksText } = await import("./workflow");
    expect(lacksText(["answer:monthlyCalls", "answer:monthlyCalls"])).toBe('What it lacks now: the answer "Monthly LLM calls now".');
    expect(lacksText([])).toBeNull();
    expect(lacksText(undefined)).toBeNull();
  });

  it("says who can give the figure: the owner for an answer, finance itself for the organization's own cost assumption", async () => {
    const { unfiguredBudgetText } = await import("./workflow");
    const head = "This decision's yearly budget has no figure yet, as its first year is not fully costed, so it cannot be approved: finance approves a figure, never a blank.";
    expect(unfiguredBudgetText(["answer:monthlyCalls"])).toBe(
      `${head} Ask the use case's owner to answer what its first year's cost is missing: the budget is then taken from the projection again. What it lacks now: the answer "Monthly LLM calls now".`,
    );
    // A reviewer blanked an assumption and was told to ask the owner for it.
    const own = unfiguredBudgetText(["assumption:engineerRate"]);
    expect(own).toMatch(/What is missing is a cost assumption of the organization's own, not an answer of the use case: set it on the Assumptions page: the budget is then taken from the projection again\. What it lacks now: /);
    expect(own).not.toContain("owner");
    expect(unfiguredBudgetText(["assumption:engineerRate", "reindexSharePct"])).toContain("cost assumptions of the organization's own, not an answer of the use case: set them on the Assumptions page");
    expect(unfiguredBudgetText(["answer:monthlyCalls", "assumption:engineerRate"])).toContain("Ask the use case's owner for the missing answers, and set the missing cost assumption on the Assumptions page: ");
    // Nothing named (an agent with no owner's estimate): the owner's estimate.
    expect(unfiguredBudgetText([])).toBe(`${head} Ask the use case's owner to answer what its first year's cost is missing (or, for an agent, a pipeline or feedback learning, to enter its manual yearly estimate): the budget is then taken from the projection again.`);
  });
});
