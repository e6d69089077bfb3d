/**
 * The decision workflow (issue 20): a decision is proposed (approach, notes, a yearly budget taken
 * from the projection), approved or sent back by an executive, and its budget approved by finance.
 * A material change to the answers after approval puts it back as "to review".
 *
 * Who may take each step, which step may follow which, and the stage a use case is at. Pure: no
 * Next.js, Prisma or I/O.
 */
import type { MemberRole } from "../use-case-permissions";
import { oneOffCost } from "../costing/one-off";
import { missingInWords } from "../costing/missing";
import { dollars } from "../money";
import { APPROACH_LABELS, MANUAL_ESTIMATE_APPROACHES, type Approach } from "../assessment";

export const DECISION_STATES = ["PROPOSED", "SENT_BACK", "APPROVED", "BUDGET_APPROVED", "TO_REVIEW", "SUPERSEDED"] as const;
export type DecisionState = (typeof DECISION_STATES)[number];

export const DECISION_STATE_LABELS: Record<DecisionState, string> = {
  PROPOSED: "Proposed, awaiting approval",
  SENT_BACK: "Sent back",
  APPROVED: "Approved, budget awaiting finance",
  BUDGET_APPROVED: "Budget approved",
  TO_REVIEW: "To review: what it was approved on has changed",
  SUPERSEDED: "Superseded by a decision recorded directly",
};

export type WorkflowStep = "propose" | "approve" | "sendBack" | "approveBudget";

/** Leads propose (their own use cases); executives and admins propose, approve and send back. */
export const PROPOSE_ROLES = ["LEAD", "EXECUTIVE", "ADMIN"] as const satisfies readonly MemberRole[];
export const APPROVE_ROLES = ["EXECUTIVE", "ADMIN"] as const satisfies readonly MemberRole[];
/** Only finance approves a budget, and finance approves nothing else: the decision and its money are two people's. */
export const BUDGET_ROLES = ["FINANCE"] as const satisfies readonly MemberRole[];

const ROLES_FOR: Record<WorkflowStep, readonly MemberRole[]> = {
  propose: PROPOSE_ROLES,
  approve: APPROVE_ROLES,
  sendBack: APPROVE_ROLES,
  approveBudget: BUDGET_ROLES,
};

/** From which states each step may be taken (null: no decision row yet). */
const FROM: Record<WorkflowStep, readonly (DecisionState | null)[]> = {
  // A new proposal replaces a sent-back one, or reopens one to review; a standing approval is not
  // silently replaced (it must be to review first, or decided again by an executive). A decision
  // superseded by one recorded directly is as if there were none: the workflow starts again.
  propose: [null, "SENT_BACK", "TO_REVIEW", "SUPERSEDED"],
  // An executive may approve a proposal, re-approve one to review, or decide at once (no proposal).
  approve: [null, "PROPOSED", "SENT_BACK", "TO_REVIEW", "SUPERSEDED"],
  sendBack: ["PROPOSED", "TO_REVIEW"],
  approveBudget: ["APPROVED"],
};

export const STEP_TO: Record<WorkflowStep, DecisionState> = {
  propose: "PROPOSED",
  approve: "APPROVED",
  sendBack: "SENT_BACK",
  approveBudget: "BUDGET_APPROVED",
};

export interface StepActor {
  userId: string;
  role: MemberRole;
}

/** The decision's yearly budget, as the workflow row holds it (null: no row yet). */
export type StepDecision = { yearlyBudgetCents: bigint | number | null } | null;

/**
 * Whether `actor` may take `step` on a use case now in `state`. Returns null when allowed, else
 * the sentence to show. `ownerId`: a lead proposes only for the use cases they own. `decision`:
 * finance approves a budget only at a figure, never one with NO_BUDGET_FIGURE.
 */
export function refusalFor(step: WorkflowStep, actor: StepActor, state: DecisionState | null, useCase: { ownerId: string }, decision: StepDecision): { kind: "forbidden" | "conflict"; message: string } | null {
  if (!ROLES_FOR[step].includes(actor.role)) {
    const message =
      step === "approveBudget"
        ? "Only finance approves a decision's budget."
        : step === "propose"
          ? "Finance approves budgets; leads, executives and admins propose decisions."
          : "Only executives and admins approve or send back a decision.";
    return { kind: "forbidden", message };
  }
  if (step === "propose" && actor.role === "LEAD" && useCase.ownerId !== actor.userId) {
    return { kind: "forbidden", message: "Leads propose decisions only for the use cases they own." };
  }
  if (!FROM[step].includes(state)) {
    const now = state ? DECISION_STATE_LABELS[state].toLowerCase() : "not proposed yet";
    return { kind: "conflict", message: `This decision is ${now}, so it cannot be ${PAST[step]} now. Reload the page to see where it stands.` };
  }
  if (step === "approveBudget" && (decision?.yearlyBudgetCents ?? null) === null) {
    return { kind: "conflict", message: UNFIGURED_BUDGET_REFUSAL };
  }
  return null;
}

const PAST: Record<WorkflowStep, string> = { propose: "proposed", approve: "approved", sendBack: "sent back", approveBudget: "given a budget" };

export function canTakeStep(step: WorkflowStep, actor: StepActor, state: DecisionState | null, useCase: { ownerId: string }, decision: StepDecision): boolean {
  return refusalFor(step, actor, state, useCase, decision) === null;
}

/** The statuses that say more than the workflow does: work has started, is live, or has ended. */
const LATE_STATUSES = ["BUILDING", "LIVE", "RETIRED"] as const;

export type Stage = "logged" | "proposed" | "sent back" | "approved" | "budget approved" | "to review" | "building" | "live" | "retired";

/**
 * The stage a use case is at: the workflow's step until work starts (building, live, retired come
 * from the status). A decision recorded before the workflow existed, or directly over the
 * workflow's (a chosen approach, no row or a superseded one), counts as approved.
 */
export function stageOf(status: string, state: DecisionState | null, chosenApproach: string | null): Stage {
  if (state === "TO_REVIEW") return "to review";
  if ((LATE_STATUSES as readonly string[]).includes(status)) return status.toLowerCase() as Stage;
  switch (state) {
    case "PROPOSED":
      return "proposed";
    case "SENT_BACK":
      return "sent back";
    case "APPROVED":
      return "approved";
    case "BUDGET_APPROVED":
      return "budget approved";
    default:
      return chosenApproach ? "approved" : "logged";
  }
}

/**
 * The stage as a line of the decision queue says it, where the use case's own panel is not beside
 * it to explain: a decision recorded directly counts as approved, and says it was not approved
 * through the workflow ("approved (recorded directly, no approval step)").
 */
export function stageText(status: string, state: DecisionState | null, chosenApproach: string | null): string {
  const stage = stageOf(status, state, chosenApproach);
  const direct = stage === "approved" && chosenApproach !== null && (state === null || state === "SUPERSEDED");
  return direct ? `${stage} (recorded directly, no approval step)` : stage;
}

/**
 * What a decision's budget says when budgetFromProjection gives no figure: the approach has no
 * cost, or its first year lacks a figure (a volume unanswered, say). Never "$0", never "no cost"
 * for an approach whose later years are costed.
 */
export const NO_BUDGET_FIGURE = "no figure yet, as its first year is not fully costed";

/** An approach the cost model prices only from its owner's yearly estimate (an agent, a pipeline, feedback learning). */
const ownerEstimated = (approach: Approach) => (MANUAL_ESTIMATE_APPROACHES as readonly string[]).includes(approach);

/** What gives a budget with no figure one, for its approach: "the owner enters one" (an owner's estimate), else the answers. */
export function whatGivesAFigure(approach: Approach): string {
  return ownerEstimated(approach) ? "the owner enters one" : "the owner's answers give it one";
}

/**
 * Why a decision's budget has no figure, for its approach: an agent, a pipeline or feedback
 * learning is priced only from its owner's yearly estimate, which the use case does not have (a
 * reviewer read "as its first year is not fully costed" of an agent that was never costed at all);
 * any other approach, a first year with a figure missing.
 */
export function noFigureText(approach: Approach): string {
  return ownerEstimated(approach)
    ? `no figure yet, as ${APPROACH_LABELS[approach]} is costed only from its owner's yearly estimate and the use case has none`
    : NO_BUDGET_FIGURE;
}

/**
 * Why finance may not approve a budget with no figure, and what gives it one: while the decision
 * waits for finance, an edit takes its budget from the projection again
 * (lib/server/decisions/budget.ts refreshWaitingBudget), and so does an executive's approval. An
 * agent, a pipeline or feedback learning is costed from its owner's manual yearly estimate.
 */
const UNFIGURED_HEAD = `This decision's yearly budget has ${NO_BUDGET_FIGURE}, so it cannot be approved: finance approves a figure, never a blank.`;
export const UNFIGURED_BUDGET_REFUSAL = `${UNFIGURED_HEAD} Once its first year is fully costed, the budget is taken from the projection again.`;

/**
 * UNFIGURED_BUDGET_REFUSAL as the Decision tab and the queue say it, with what the projection lacks
 * now (`missing`, as the projection keeps it) and who can give it: the use case's owner for an
 * answer, finance itself for a cost assumption the organization left blank (set on the Assumptions
 * page, whose save re-projects and takes waiting budgets from the projection again). It told
 * finance to ask the owner for a figure that was finance's own to set.
 */
export function unfiguredBudgetText(missing: readonly string[] | null | undefined): string {
  const keys = [...new Set(missing ?? [])];
  const answers = keys.some((k) => k.startsWith("answer:"));
  const assumptions = keys.filter((k) => !k.startsWith("answer:") && !k.startsWith("limit:")).length;
  const them = assumptions === 1 ? "the missing cost assumption" : "the missing cost assumptions";
  const ask =
    answers && assumptions
      ? `Ask the use case's owner for the missing answers, and set ${them} on the Assumptions page`
      : assumptions
        ? `What is missing is ${assumptions === 1 ? "a cost assumption" : "cost assumptions"} of the organization's own, not an answer of the use case: set ${assumptions === 1 ? "it" : "them"} on the Assumptions page`
        : answers
          ? "Ask the use case's owner to answer what its first year's cost is missing"
          : "Ask the use case's owner to answer what its first year's cost is missing (or, for an agent, a pipeline or feedback learning, to enter its manual yearly estimate)";
  return [UNFIGURED_HEAD, `${ask}: the budget is then taken from the projection again.`, lacksText(missing)].filter(Boolean).join(" ");
}

/**
 * Beside UNFIGURED_BUDGET_REFUSAL, what the use case's projection lacks now, in words ("What it
 * lacks now: the answer "Monthly LLM calls now"."), so finance can say what to ask for: the refusal
 * alone said "what its first year's cost is missing", and the missing answer was on another tab.
 * Null when the projection names nothing (an agent with no owner's estimate: the refusal says it).
 */
export function lacksText(missing: readonly string[] | null | undefined): string | null {
  const words = [...new Set((missing ?? []).map(missingInWords))];
  return words.length ? `What it lacks now: ${words.join("; ")}.` : null;
}

/**
 * A decision's budget, as taken from the projection of its approach: the one-off build (the
 * categories priced once, in the first year only: build engineering, data curation, training
 * compute) apart from the yearly run rate (the first year's other costs, which run every year).
 * A first year of $488,000 is "$290,000 to build, then $198,000 a year", never "$488,000 a year":
 * that read as a run rate the later years never cost, and counted the build again in each of them
 * as approved spend. An owner's yearly estimate (an agent, a pipeline) has no build part.
 */
export interface DecisionBudget {
  /** The yearly budget: the run rate (cents). */
  yearlyCents: number;
  /** The one-off build, spent in the first year only (cents); 0 when the approach has none. */
  buildCents: number;
}

/**
 * The budget a proposal starts from: the approach's projected base cost in its first year (cents),
 * its one-off lines apart; null when the first year has no whole figure.
 */
export function budgetFromProjection(
  years: readonly { yearIndex: number; baseCents: bigint | number; complete: boolean }[],
  lines: readonly { yearIndex: number; category: string; baseCents: bigint | number | null }[] = [],
): DecisionBudget | null {
  const first = [...years].sort((a, b) => a.yearIndex - b.yearIndex)[0];
  if (!first || !first.complete) return null;
  const total = Number(first.baseCents);
  const buildCents = oneOffCost(lines.filter((l) => l.yearIndex === first.yearIndex).map((l) => ({ category: l.category, base: l.baseCents }))).base;
  return { yearlyCents: total - buildCents, buildCents };
}

/**
 * A decision's budget in words, the build apart: "$290,000 to build in 2027, and $198,000 a year
 * to run from 2027"; "$60,000 a year" where there is nothing to build; NO_BUDGET_FIGURE without a
 * figure. The build is every one-off line of the first year (one-off.ts: build, curation,
 * training, the evaluation set, the corpus's first embedding), so the run rate is what every year
 * costs to run, the first included: "then $74,681 a year" after "$88,000 to build in 2026" was read
 * as the years after 2026 (a reviewer made the first year $88,000 where it is $162,681).
 * `lastYearCents`, where known: the last year's run rate; where it differs from the first's (a
 * volume that grows), ", rising to $260,000", never one figure the later years do not cost.
 */
export function budgetText(budget: { yearlyBudgetCents: number | bigint | null; buildCents: number | bigint }, buildYear: number, lastYearCents?: number | null): string {
  if (budget.yearlyBudgetCents === null) return NO_BUDGET_FIGURE;
  const first = dollars(budget.yearlyBudgetCents);
  const last = lastYearCents === null || lastYearCents === undefined ? first : dollars(lastYearCents);
  const moves = last === first ? "" : `, ${Number(lastYearCents) > Number(budget.yearlyBudgetCents) ? "rising" : "falling"} to ${last}`;
  return Number(budget.buildCents) > 0 ? `${dollars(budget.buildCents)} to build in ${buildYear}, and ${first} a year to run from ${buildYear}${moves}` : `${first} a year${moves}`;
}

/**
 * The run rate of the last year of a projection (cents): its base less its one-off lines (none
 * after the first year, but a one-year horizon's only year has them); null without a whole figure.
 */
export function lastYearRunning(
  years: readonly { yearIndex: number; baseCents: bigint | number; complete: boolean }[],
  lines: readonly { yearIndex: number; category: string; baseCents: bigint | number | null }[] = [],
): number | null {
  const last = [...years].sort((a, b) => b.yearIndex - a.yearIndex)[0];
  if (!last || !last.complete) return null;
  return Number(last.baseCents) - oneOffCost(lines.filter((l) => l.yearIndex === last.yearIndex).map((l) => ({ category: l.category, base: l.baseCents }))).base;
}

/**
 * What an approval did, said where it was taken ("Needs a decision"), since the approved line
 * leaves the list or changes in place: the approach and the use case, the budget that now waits
 * for finance, and what it means for the portfolio's total "as chosen", which counts a use case's
 * decision, else its recommendation (lib/domain/portfolio, lib/server/portfolio/filter-sql.ts).
 * Approving what was counted already (the recommendation of an undecided use case, or a decision
 * approved again as it was) leaves that total as it was, and says so; another approach moves it.
 */
export interface ApprovalFacts {
  approach: Approach;
  /** The use case's title. */
  title: string;
  /** The budget now waiting for finance (cents). */
  budget: { yearlyBudgetCents: number | null; buildCents: number };
  /** The year it is built in. */
  buildYear: number;
  /** The last year's run rate (cents) where the projection has more than one year, for "rising to …"; null or absent: none said. */
  lastYearCents?: number | null;
  /** The approach counted "as chosen" before the approval: the decision, else the recommendation (null: neither). */
  asChosenBefore: Approach | null;
  /** Whether a decision was recorded before (else asChosenBefore was the recommendation). */
  decidedBefore: boolean;
}

export function approvedText(a: ApprovalFacts): string {
  const name = APPROACH_LABELS[a.approach];
  const unestimated = a.budget.yearlyBudgetCents === null && ownerEstimated(a.approach);
  const budget =
    a.budget.yearlyBudgetCents === null
      ? `Its yearly budget has ${noFigureText(a.approach)}: finance can approve it once ${whatGivesAFigure(a.approach)}.`
      : `Its budget of ${budgetText(a.budget, a.buildYear, a.lastYearCents)} now awaits finance.`;
  const total = unestimated
    ? `The portfolio's as-chosen total counts nothing for it until then: an approach with no figure is in no total.`
    : a.asChosenBefore === a.approach
      ? `The portfolio's as-chosen total does not change: it already counted ${name} for it, ${a.decidedBefore ? "as decided before" : "as recommended"}.`
      : a.asChosenBefore
        ? `The portfolio's as-chosen total now counts ${name} for it, instead of ${APPROACH_LABELS[a.asChosenBefore]}.`
        : `The portfolio's as-chosen total now counts ${name} for it.`;
  return `Approved ${name} for “${a.title}”. ${budget} ${total}`;
}
