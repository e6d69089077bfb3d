/**
 * The decision workflow on a use case's Decision tab (issue 20 item 2): where it stands, who took
 * each step and when, the yearly budget, and the step the viewer may take next.
 */
import type { Approach } from "@/lib/domain/assessment";
import { budgetText, DECISION_STATE_LABELS, NO_BUDGET_FIGURE, UNFIGURED_BUDGET_REFUSAL, canTakeStep, refusalFor, stageOf, unfiguredBudgetText } from "@/lib/domain/decisions/workflow";
import { buttonClass } from "@/components/button";
import type { MemberRole } from "@/lib/domain/use-case-permissions";
import { readDecisionWorkflow, type DecisionWorkflow } from "@/lib/server/decisions/queue";
import type { OptionNotes } from "@/lib/domain/costing/options";
import { approachLabel, formatDateTime } from "../../_components/labels";
import { ApproveBudgetButton, ApproveOrSendBack, ProposeForm, WorkflowMessages } from "./workflow-forms";

/**
 * "Superseded on 6 Dec 2026, 11:02 by Dana, who recorded Fine-tuning directly as the decision: the
 * budget finance approved for RAG ($40,000 to build in 2027, and $120,000 a year to run from 2027) no longer counts
 * as approved spend."
 */
function supersededText(w: Pick<DecisionWorkflow, "approach" | "budgetApprovedBy" | "supersededByApproach" | "supersededBy" | "supersededAt">, budget: string): string {
  const what = w.supersededByApproach ? `recorded ${approachLabel(w.supersededByApproach)} directly as the decision` : "cleared the decision directly";
  const old = approachLabel(w.approach);
  const money = w.budgetApprovedBy
    ? `the budget finance approved for ${old} (${budget}) no longer counts as approved spend`
    : `the budget for ${old} (${budget}) is no longer asked of finance`;
  // A decision recorded directly before supersession existed was superseded by the migration that
  // found it, from its audit event; a decision recorded by no one known says so.
  const when = w.supersededAt ? ` on ${formatDateTime(w.supersededAt)}` : "";
  return `Superseded${when} by ${w.supersededBy ?? "the system"}, who ${what}: ${money}. A new proposal starts the approval again.`;
}

/**
 * Whether the decision row's notes are still the proposer's, shown with the proposal so whoever
 * approves reads them: while it is proposed or sent back. Once approved they are the decision's
 * notes (the approver may have amended them) and show under "Decision notes" instead.
 */
function proposalNotesShown(w: Pick<DecisionWorkflow, "state" | "notes">): boolean {
  return (w.state === "PROPOSED" || w.state === "SENT_BACK") && w.notes.trim() !== "";
}

export async function WorkflowPanel(props: {
  orgSlug: string;
  organizationId: string;
  useCase: { id: string; ownerId: string; status: string; chosenApproach: Approach | null; recommendedApproach: Approach | null };
  actor: { userId: string; role: MemberRole };
  /** Each approach's cost and whether it can serve (lib/domain/costing/options.ts), read once by the tab. */
  optionNotes: OptionNotes;
}) {
  const { useCase: uc, actor } = props;
  const w = await readDecisionWorkflow(props.organizationId, uc.id);
  const { optionNotes } = props;
  const state = w?.state ?? null;
  // The one-off build apart from the yearly run rate: "$290,000 to build in 2027, and $198,000 a year to run from 2027".
  const budget = w ? budgetText(w, w.buildYear, w.lastYearCents) : NO_BUDGET_FIGURE;
  // Finance is shown the step even when it cannot be taken yet for want of a figure, with why.
  const budgetRefusal = w && state === "APPROVED" ? refusalFor("approveBudget", actor, state, uc, w) : null;
  return (
    <section aria-labelledby="workflow-heading" className="space-y-3 rounded border border-zinc-200 p-4" data-testid="workflow">
      <h2 id="workflow-heading" className="text-base font-semibold">
        Approval
      </h2>
      <p className="text-sm">
        Approval stage: <span className="font-medium" data-testid="stage">{stageOf(uc.status, state, uc.chosenApproach)}</span>
        {w ? ` · ${DECISION_STATE_LABELS[w.state]}` : ""}
      </p>
      {w && (
        <ul className="space-y-1 text-sm" data-testid="workflow-steps">
          <li>
            {w.budgetRefreshed ? (
              <>
                Proposed {approachLabel(w.approach)} by {w.proposedBy} on {formatDateTime(w.proposedAt)}
                {w.budgetRefreshed.proposed === NO_BUDGET_FIGURE ? ", when its budget had no figure" : w.budgetRefreshed.proposed ? `, with a budget of ${w.budgetRefreshed.proposed}` : ""}. Budget now:{" "}
                <span data-testid="workflow-budget">{budget}</span>
                <span data-testid="budget-refreshed">
                  , taken from the projection again on {formatDateTime(w.budgetRefreshed.at)}, after {w.budgetRefreshed.by ? `${w.budgetRefreshed.by}'s change` : "a change of the figures it rests on"}
                </span>
                .
              </>
            ) : (
              <>
                Proposed {approachLabel(w.approach)} by {w.proposedBy} on {formatDateTime(w.proposedAt)}; budget: <span data-testid="workflow-budget">{budget}</span>.
              </>
            )}
          </li>
          {proposalNotesShown(w) && (
            <li data-testid="proposal-notes">
              {w.proposedBy}&rsquo;s notes with the proposal:
              <blockquote className="mt-1 whitespace-pre-wrap border-l-2 border-zinc-300 pl-3 text-zinc-800">&ldquo;{w.notes}&rdquo;</blockquote>
            </li>
          )}
          {w.decidedBy && w.decidedAt && (
            <li>
              {w.state === "SENT_BACK" ? "Sent back" : "Approved"} by {w.decidedBy} on {formatDateTime(w.decidedAt)}
              {w.state === "SENT_BACK" && w.sentBackReason ? `: ${w.sentBackReason}` : "."}
            </li>
          )}
          {w.budgetApprovedBy && w.budgetApprovedAt && (
            <li>
              Budget approved by {w.budgetApprovedBy} on {formatDateTime(w.budgetApprovedAt)}.
            </li>
          )}
          {w.state === "TO_REVIEW" && w.reviewReasons.length > 0 && <li className="text-amber-900">Changed since approval: {w.reviewReasons.join("; ")}.</li>}
          {w.state === "SUPERSEDED" && (
            <li className="text-amber-900" data-testid="workflow-superseded">
              {supersededText(w, budget)}
            </li>
          )}
        </ul>
      )}
      {!w && (
        <p className="text-sm text-zinc-600" data-testid="workflow-none">
          {uc.chosenApproach
            ? `${approachLabel(uc.chosenApproach)} was recorded as the decision before decisions went through the approval workflow, with no budget asked of finance; it counts as approved.`
            : "No decision has been proposed through the approval workflow yet."}
        </p>
      )}
      {/* Always rendered, so the last step's confirmation stays when the refreshed panel drops its form. */}
      <WorkflowMessages>
        {canTakeStep("propose", actor, state, uc, w) && <ProposeForm orgSlug={props.orgSlug} id={uc.id} recommended={uc.recommendedApproach} optionNotes={optionNotes} />}
        {w && (state === "PROPOSED" || state === "TO_REVIEW") && canTakeStep("approve", actor, state, uc, w) && (
          <ApproveOrSendBack orgSlug={props.orgSlug} id={uc.id} approach={w.approach} again={state === "TO_REVIEW"} optionNotes={optionNotes} />
        )}
        {w && state === "APPROVED" && !budgetRefusal && <ApproveBudgetButton orgSlug={props.orgSlug} id={uc.id} label={`Approve the budget (${budget})`} />}
        {budgetRefusal?.message === UNFIGURED_BUDGET_REFUSAL && (
          <div className="space-y-2" data-testid="budget-unfigured">
            <button type="button" disabled aria-describedby="budget-unfigured-reason" className={buttonClass("primary")}>
              Approve the budget
            </button>
            <p id="budget-unfigured-reason" className="text-sm text-amber-900">
              {unfiguredBudgetText(w?.missing)}
            </p>
          </div>
        )}
      </WorkflowMessages>
    </section>
  );
}
