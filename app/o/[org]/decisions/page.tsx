import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { EVIDENCE_LABELS } from "@/lib/domain/frameworks";
import { dollars } from "@/lib/domain/money";
import { QUEUE_REASON_LABELS, QUEUE_REASONS, QUEUE_REASONS_FOR, type QueueReason } from "@/lib/domain/decisions/queue";
import { budgetText, canTakeStep, refusalFor, stageText, UNFIGURED_BUDGET_REFUSAL, unfiguredBudgetText } from "@/lib/domain/decisions/workflow";
import { buttonClass } from "@/components/button";
import { readQueue, type QueueItem } from "@/lib/server/decisions/queue";
import { loadUnbilled } from "@/lib/server/actuals/portfolio";
import { earlyWarningGapText } from "@/lib/domain/actuals";
import { guardPage } from "@/lib/server/page-guard";
import { OwnerEstimateMark } from "@/components/owner-estimate";
import { approachSpendText, proposalSpendText } from "@/lib/domain/costing/options";
import type { Approach } from "@/lib/domain/assessment";
import { approachLabel, backingClause, riskFlagLabel, useCasePath } from "../use-cases/_components/labels";
import { StepButton } from "./_components/step-button";
import { QueueStatus } from "./_components/queue-status";
import { FirstSteps } from "@/components/first-steps";
import { firstSteps } from "@/lib/server/first-steps";
import { hasUseCases } from "@/lib/server/use-cases/read";

export const metadata: Metadata = { title: "Needs a decision" };

const PAGE_SIZE = 50;
type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * "Needs a decision" (issue 20 item 1): where executives and admins land. Each panel counts the use
 * cases needing one kind of attention; the list below (one panel, or all) is sorted by projected
 * spend, one line each, with a way to decide from there.
 */
export default async function DecisionQueuePage(props: { params: Promise<{ org: string }>; searchParams: Promise<SearchParams> }) {
  const { org } = await props.params;
  const ctx = await guardPage(org, undefined, `/o/${org}/decisions`);
  const sp = await props.searchParams;
  const mine = QUEUE_REASONS_FOR[ctx.role];
  const asked = one(sp.reason);
  const reason = (mine as readonly string[]).includes(asked ?? "") ? (asked as QueueReason) : null;
  // Early warnings come from bills: what has none cannot raise one, and the list says so, with the figure.
  const warningsShown = mine.includes("early-warning") && (reason === null || reason === "early-warning");
  const [{ items: visible, total, counts }, unbilled] = await Promise.all([
    readQueue(ctx.organization.id, { reasons: reason ? [reason] : mine, limit: PAGE_SIZE }),
    warningsShown ? loadUnbilled(ctx.organization.id, { limit: 0 }) : null,
  ]);
  const base = `/o/${ctx.organization.slug}/decisions`;
  // A new organization: nothing to decide, and no use case to decide on. Say so, and what comes first.
  const isNew = total === 0 && !(await hasUseCases(ctx.organization.id));
  const header = (
    <PageHeader
      title="Needs a decision"
      description={
        ctx.role === "FINANCE"
          ? "Approved decisions whose yearly budget awaits finance, largest projected spend first."
          : "Use cases waiting on a decision, a review or a budget, largest projected spend first."
      }
    />
  );
  if (isNew) {
    return (
      <div>
        {header}
        <FirstSteps organization={ctx.organization.name} steps={firstSteps(ctx.role, ctx.organization.slug)}>
          What waits on a decision, a review or a budget is listed here once the organization has use cases.
        </FirstSteps>
      </div>
    );
  }

  return (
    <div>
      {header}
      <nav aria-label="Queue panels" className="mb-6 grid gap-3 sm:grid-cols-3 lg:grid-cols-7" data-testid="queue-panels">
        {QUEUE_REASONS.filter((r) => mine.includes(r)).map((r) => (
          <Link
            key={r}
            href={reason === r ? base : `${base}?reason=${r}`}
            aria-current={reason === r ? "page" : undefined}
            className={`rounded border p-3 hover:bg-zinc-50 ${reason === r ? "border-brand-600 ring-1 ring-brand-600" : "border-zinc-200"}`}
            data-testid={`panel-${r}`}
          >
            <span className="block text-2xl font-semibold tabular-nums" data-testid="panel-count">
              {counts[r]}
            </span>
            <span className="block text-sm text-zinc-700">{QUEUE_REASON_LABELS[r]}</span>
          </Link>
        ))}
      </nav>
      {unbilled && unbilled.count > 0 ? (
        <p className="-mt-3 mb-4 text-sm text-zinc-700" data-testid="queue-unbilled">
          {earlyWarningGapText(unbilled)}{" "}
          <Link href={`/o/${ctx.organization.slug}/actuals#unbilled`} className="text-brand-700 underline">
            See which
          </Link>
          .
        </p>
      ) : null}
      <QueueStatus>
        <h2 className="mb-2 text-base font-semibold">
          {reason ? QUEUE_REASON_LABELS[reason] : "Everything that needs you"}: {total} {total === 1 ? "use case" : "use cases"}
          {total > PAGE_SIZE ? ` (the ${PAGE_SIZE} with the largest projected spend shown)` : ""}
        </h2>
        {total === 0 ? (
          <p className="text-sm text-zinc-600">Nothing here needs a decision today.</p>
        ) : (
          <ol className="divide-y divide-zinc-200 rounded border border-zinc-200" data-testid="queue">
            {visible.map((i) => (
              <QueueLine key={i.id} item={i} orgSlug={ctx.organization.slug} actor={{ userId: ctx.user.id, role: ctx.role }} />
            ))}
          </ol>
        )}
      </QueueStatus>
    </div>
  );
}

/**
 * A proposal's line prices what is proposed, named, for that is what the approver approves: the
 * one-off build apart from the yearly run rate, as approving stores them ("Hybrid: $290,000 to
 * build in 2027, and $198,000 a year to run from 2027 (lifecycle $1,300,000 over 5 years)"), or the owner's
 * estimate ("Agent with tools: lifecycle $300,000 (owner's estimate, $60,000 a year × 5 years)"); the figure of the
 * approach chosen or recommended now follows, named too, where it is another approach. Unnamed, the
 * recommendation's figure read as the proposal's.
 */
function ProposalSpend({ item, proposed }: { item: QueueItem; proposed: Approach }) {
  const current = item.chosenApproach ?? item.recommendedApproach;
  const currentFigure = item.spendCents === null ? null : { base: item.spendCents, complete: !item.spendIncomplete, manual: item.spendManual, estimate: null, onceChosen: false };
  return (
    <>
      <span className="tabular-nums text-zinc-900" data-testid="queue-spend" title="Budget and lifecycle cost of the proposed approach, base scenario, each figure rounded to the dollar">
        {proposalSpendText(proposed, item.proposedSpend, item, item.buildYear, item.lifecycleYears, item.lastYearCents)}
      </span>
      {current && current !== proposed ? (
        <span className="tabular-nums text-xs text-zinc-600" data-testid="queue-spend-other">
          {approachSpendText(current, currentFigure, item.chosenApproach ? "chosen" : "recommended")}
        </span>
      ) : null}
    </>
  );
}

/** A reason with its particulars: which risk flags, what changed since approval, which early warnings. */
function reasonText(r: QueueReason, item: QueueItem): string {
  const details = r === "risk" ? item.riskFlags.map(riskFlagLabel) : r === "to-review" ? item.reviewReasons : r === "early-warning" ? item.warnings : [];
  return details.length ? `${QUEUE_REASON_LABELS[r]} (${details.join(r === "risk" ? ", " : "; ")})` : QUEUE_REASON_LABELS[r];
}

function QueueLine({ item, orgSlug, actor }: { item: QueueItem; orgSlug: string; actor: { userId: string; role: "ADMIN" | "EXECUTIVE" | "LEAD" | "FINANCE" } }) {
  const agreement = backingClause(item);
  const path = useCasePath(orgSlug, item.id);
  // Owner is irrelevant to approving and to budgets; proposing is not offered here.
  const useCase = { ownerId: "" };
  const canApprove = canTakeStep("approve", actor, item.decisionState, useCase, item);
  // Finance is shown the budget's step even when it cannot be taken yet for want of a figure, with why.
  const budgetRefusal = item.decisionState === "APPROVED" ? refusalFor("approveBudget", actor, item.decisionState, useCase, item) : null;
  const unfigured = budgetRefusal?.message === UNFIGURED_BUDGET_REFUSAL;
  // A proposal, or a decision to review, is approved as it stands; an undecided use case as recommended.
  const approveWhat =
    item.decisionState === "PROPOSED" || item.decisionState === "TO_REVIEW" ? item.proposedApproach : item.reasons.includes("undecided") ? item.recommendedApproach : null;
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2 text-sm" data-testid="queue-row">
      <Link href={`${path}?tab=decision`} className="min-w-0 flex-1 basis-64 font-medium text-brand-800 underline">
        {item.title}
      </Link>
      <span className="text-zinc-700" data-testid="queue-recommendation">
        {/* Assessed with no recommendation: the frameworks' picks were held back (the matrix's "assessed, held back"); "No recommendation · assessed" read as a contradiction. */}
        {item.recommendedApproach ? `${approachLabel(item.recommendedApproach)} · ${EVIDENCE_LABELS[item.evidence].toLowerCase()}` : item.evidence === "none" ? "Not assessed" : `No recommendation: ${EVIDENCE_LABELS[item.evidence].toLowerCase()}, the frameworks' picks held back`}
        {agreement ? ` · ${agreement}` : ""}
      </span>
      {item.decisionState === "PROPOSED" && item.proposedApproach ? (
        <ProposalSpend item={item} proposed={item.proposedApproach} />
      ) : (
        <span className="tabular-nums text-zinc-900" data-testid="queue-spend" title="Lifecycle cost as chosen (the decision, else the recommendation), base scenario">
          {/* Named for what it is: beside a yearly budget (or its want of a figure), a bare figure read as that budget. */}
          {item.spendCents === null ? "not costed" : `lifecycle ${dollars(item.spendCents)}`}
          {item.spendIncomplete ? <span className="ml-1 text-xs text-amber-800">{" "}+ missing</span> : null}
          {item.spendManual ? <OwnerEstimateMark /> : null}
          {/* The line names the recommendation; where the decision is another approach, the spend is that one's. */}
          {item.chosenApproach && item.chosenApproach !== item.recommendedApproach ? (
            <span className="ml-1 text-xs text-zinc-600" data-testid="queue-spend-approach">
              {" "}for {approachLabel(item.chosenApproach)}, as chosen
            </span>
          ) : null}
        </span>
      )}
      <span className="text-xs text-zinc-600" data-testid="queue-reasons">
        {stageText(item.status, item.decisionState, item.chosenApproach)} · {item.reasons.map((r) => reasonText(r, item)).join("; ")}
      </span>
      {item.proposal ? (
        <span className="basis-full whitespace-pre-wrap text-xs text-zinc-800" data-testid="queue-proposal-notes">
          {item.proposal.by}&rsquo;s notes with the proposal: &ldquo;{item.proposal.notes}&rdquo;
        </span>
      ) : null}
      {approveWhat && item.optionNotes[approveWhat] ? (
        <span className={`basis-full text-xs ${item.optionNotes[approveWhat].cannotServe ? "text-red-800" : "text-zinc-700"}`} data-testid="queue-option-note">
          {approachLabel(approveWhat)}: {item.optionNotes[approveWhat].text}
        </span>
      ) : null}
      {unfigured ? (
        <span id={`budget-unfigured-${item.id}`} className="basis-full text-xs text-amber-900" data-testid="queue-budget-unfigured">
          {unfiguredBudgetText(item.missing)}
        </span>
      ) : null}
      {/* Centred on one line: the "Open" link level with the Approve buttons beside it. */}
      <span className="ml-auto flex flex-wrap items-center gap-2">
        {canApprove && approveWhat && (
          <StepButton orgSlug={orgSlug} id={item.id} step="approve" approach={approveWhat} label={`Approve ${approachLabel(approveWhat)}`} subject={item.title} done="Approved." />
        )}
        {item.decisionState === "APPROVED" && !budgetRefusal && item.yearlyBudgetCents !== null && (
          <StepButton orgSlug={orgSlug} id={item.id} step="approveBudget" label={`Approve budget: ${budgetText(item, item.buildYear, item.lastYearCents)}`} subject={item.title} done={`Approved the budget for “${item.title}”: ${budgetText(item, item.buildYear, item.lastYearCents)}.`} />
        )}
        {unfigured && (
          <button type="button" disabled aria-describedby={`budget-unfigured-${item.id}`} className={buttonClass("primary", "px-2 py-1 text-xs")}>
            Approve budget
          </button>
        )}
        <Link href={`${path}?tab=decision`} className="text-xs text-brand-700 underline">
          Open<span className="sr-only"> “{item.title}”</span>
        </Link>
      </span>
    </li>
  );
}
