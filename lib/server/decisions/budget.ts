import "server-only";
import { MANUAL_ESTIMATE_APPROACHES, type Approach } from "@/lib/domain/assessment";
import { budgetFromProjection } from "@/lib/domain/decisions/workflow";
import type { Tx } from "../db";
import { readManualEstimate } from "../use-cases/mapping";

/**
 * The approach's first-year base cost from the stored projection (cents), or null. An agent, a
 * pipeline or feedback learning is costed from its owner's yearly estimate, which the stored
 * projection carries only for the approach chosen or recommended (lib/server/use-cases/derive.ts):
 * proposed or decided before that, its budget is the estimate's base, as the projection will be
 * once it is chosen; a use case with no deciding answer has no cost, so no budget.
 */
export async function budgetFor(tx: Tx, organizationId: string, useCaseId: string, approach: Approach): Promise<bigint | null> {
  const years = await tx.costYear.findMany({ where: { organizationId, useCaseId, approach }, select: { yearIndex: true, baseCents: true, complete: true } });
  if (!years.length && (MANUAL_ESTIMATE_APPROACHES as readonly Approach[]).includes(approach)) {
    const uc = await tx.useCase.findFirst({ where: { id: useCaseId, organizationId }, select: { manualEstimate: true, evidence: true } });
    const estimate = uc && uc.evidence !== "none" ? readManualEstimate(uc.manualEstimate) : null;
    return estimate ? BigInt(estimate.base) : null;
  }
  const cents = budgetFromProjection(years);
  return cents === null ? null : BigInt(cents);
}

/**
 * A decision still waiting (proposed, or approved with its budget awaiting finance) keeps the
 * budget the projection gives now: an edit that is not a material change (a volume, say) leaves the
 * decision standing but moves the first year's cost, and finance approves the figure the cost panel
 * shows, not the one of before the edit. A budget finance approved stays as approved.
 */
export async function refreshWaitingBudget(tx: Tx, ref: { organizationId: string; useCaseId: string }): Promise<void> {
  const d = await tx.useCaseDecision.findFirst({
    where: { useCaseId: ref.useCaseId, organizationId: ref.organizationId, state: { in: ["PROPOSED", "APPROVED"] } },
    select: { approach: true, yearlyBudgetCents: true },
  });
  if (!d) return;
  const budget = await budgetFor(tx, ref.organizationId, ref.useCaseId, d.approach);
  if (budget === d.yearlyBudgetCents) return;
  await tx.useCaseDecision.update({ where: { useCaseId: ref.useCaseId }, data: { yearlyBudgetCents: budget } });
}
