import "server-only";
import { APPROACH_LABELS, MANUAL_ESTIMATE_APPROACHES, type Approach } from "@/lib/domain/assessment";
import { budgetFromProjection, budgetText, lastYearRunning, type DecisionBudget } from "@/lib/domain/decisions/workflow";
import { audit } from "../audit";
import { membersWithRoles, notify } from "../notifications";
import { DECISION_AUDIT } from "./review";
import { useCaseStartYear } from "../use-cases/start-year";
import type { Tx } from "../db";
import { readManualEstimate } from "../use-cases/mapping";

/** A decision's budget as stored: the yearly run rate (null: no figure) and the one-off build. */
export interface StoredBudget {
  yearlyBudgetCents: bigint | null;
  buildCents: bigint;
}

const stored = (b: DecisionBudget | null): StoredBudget => (b ? { yearlyBudgetCents: BigInt(b.yearlyCents), buildCents: BigInt(b.buildCents) } : { yearlyBudgetCents: null, buildCents: 0n });

/**
 * The approach's budget from the stored projection (cents): its first year's base cost, the
 * one-off build apart from the yearly run rate (lib/domain/decisions/workflow.ts,
 * budgetFromProjection); no figure when the first year lacks one. An agent, a pipeline or feedback
 * learning is costed from its owner's yearly estimate, which the stored projection carries only
 * for the approach chosen or recommended (lib/server/use-cases/derive.ts): proposed or decided
 * before that, its budget is the estimate's base a year, nothing to build, as the projection will
 * be once it is chosen; a use case with no deciding answer has no cost, so no budget.
 */
export async function budgetFor(tx: Tx, organizationId: string, useCaseId: string, approach: Approach): Promise<StoredBudget> {
  const years = await tx.costYear.findMany({ where: { organizationId, useCaseId, approach }, select: { yearIndex: true, baseCents: true, complete: true } });
  if (!years.length && (MANUAL_ESTIMATE_APPROACHES as readonly Approach[]).includes(approach)) {
    const uc = await tx.useCase.findFirst({ where: { id: useCaseId, organizationId }, select: { manualEstimate: true, evidence: true } });
    const estimate = uc && uc.evidence !== "none" ? readManualEstimate(uc.manualEstimate) : null;
    return stored(estimate ? { yearlyCents: estimate.base, buildCents: 0 } : null);
  }
  const first = years.length ? Math.min(...years.map((y) => y.yearIndex)) : 1;
  const lines = years.length ? await tx.costLine.findMany({ where: { organizationId, useCaseId, approach, yearIndex: first }, select: { yearIndex: true, category: true, baseCents: true } }) : [];
  return stored(budgetFromProjection(years, lines));
}

/**
 * The last year's run rate (cents, base) of the approach's projection, where it has more than one
 * year; else null: what a budget said in words adds as "rising to …" (budgetText), wherever it is
 * said (the queue, the Decision tab, the approval's confirmation, finance's notifications), so an
 * executive is never told a shorter budget than the one finance is asked to approve.
 */
export async function lastYearRunningFor(tx: Pick<Tx, "costYear" | "costLine">, organizationId: string, useCaseId: string, approach: Approach): Promise<number | null> {
  const years = await tx.costYear.findMany({ where: { organizationId, useCaseId, approach }, select: { yearIndex: true, baseCents: true, complete: true } });
  if (years.length < 2) return null;
  const lastIndex = years.reduce((m, y) => Math.max(m, y.yearIndex), 0);
  const lastLines = await tx.costLine.findMany({ where: { organizationId, useCaseId, approach, yearIndex: lastIndex }, select: { yearIndex: true, category: true, baseCents: true } });
  return lastYearRunning(years, lastLines);
}

/** The states of a decision whose budget still follows its projection, and what refreshing it reads of one. */
export const WAITING = ["PROPOSED", "APPROVED"] as const;
export const WAITING_SELECT = { approach: true, yearlyBudgetCents: true, buildCents: true, state: true } as const;
type WaitingDecision = { approach: Approach; yearlyBudgetCents: bigint | null; buildCents: bigint; state: string };

/**
 * A decision still waiting (proposed, or approved with its budget awaiting finance) keeps the
 * budget the projection gives now: an edit that is not a material change (a volume, say) leaves the
 * decision standing but moves the first year's cost, and finance approves the figure the cost panel
 * shows, not the one of before the edit. A budget finance approved stays as approved.
 */
export async function refreshWaitingBudget(tx: Tx, ref: { organizationId: string; useCaseId: string }, read?: WaitingDecision, actorId: string | null = null): Promise<void> {
  const d = read ?? (await tx.useCaseDecision.findFirst({ where: { useCaseId: ref.useCaseId, organizationId: ref.organizationId, state: { in: [...WAITING] } }, select: WAITING_SELECT }));
  if (!d) return;
  const budget = await budgetFor(tx, ref.organizationId, ref.useCaseId, d.approach);
  if (budget.yearlyBudgetCents === d.yearlyBudgetCents && budget.buildCents === d.buildCents) return;
  await tx.useCaseDecision.update({ where: { useCaseId: ref.useCaseId }, data: budget });
  // On the use case's History tab and its Decision tab: the budget shown is no longer the one proposed
  // (a reviewer found a refreshed figure credited to the original proposal, with no entry saying it moved).
  const uc = await tx.useCase.findFirstOrThrow({ where: { id: ref.useCaseId, organizationId: ref.organizationId }, select: { title: true, startDate: true, createdAt: true } });
  const year = useCaseStartYear(uc);
  await audit(tx, {
    organizationId: ref.organizationId,
    actorId,
    action: DECISION_AUDIT.budgetRefreshed,
    entity: "UseCase",
    entityId: ref.useCaseId,
    before: { yearlyBudget: budgetText(d, year, null) },
    after: { yearlyBudget: budgetText(budget, year, null) },
  });
  if (d.state !== "APPROVED") return;
  const what = `The budget for ${APPROACH_LABELS[d.approach as Approach]} on “${uc.title}”`;
  // An approved decision whose budget had no figure now has one: finance, told before that there was
  // none to approve, is told what it is now (a reviewer found the figure arrive in finance's queue
  // with finance's only notification still saying "no figure yet"). Not "from the use case's
  // answers": the figure may come from finance's own assumptions as well. And one that loses its
  // figure (an answer removed, an assumption blanked): finance, asked to approve a figure, is told
  // there is none now, rather than finding a disabled button in the queue.
  const message =
    d.yearlyBudgetCents === null && budget.yearlyBudgetCents !== null
      ? `${what} now has a figure: ${budgetText(budget, year, await lastYearRunningFor(tx, ref.organizationId, ref.useCaseId, d.approach as Approach))}. It awaits your approval.`
      : d.yearlyBudgetCents !== null && budget.yearlyBudgetCents === null
        ? `${what} has no figure now, as its first year is no longer fully costed (it was ${budgetText(d, year, null)}), so it cannot be approved until it has one again. Its Decision tab says what it lacks.`
        : null;
  if (message) {
    await notify(tx, {
      organizationId: ref.organizationId,
      userIds: await membersWithRoles(tx, ref.organizationId, ["FINANCE"]),
      actorId: null,
      kind: "budget_requested",
      useCaseId: ref.useCaseId,
      message,
    });
  }
}
