import "server-only";
import { basisOf, materialChanges, readBasis } from "@/lib/domain/decisions/material-change";
import { audit } from "../audit";
import type { Tx } from "../db";
import { notify, resolveRequests } from "../notifications";
import { readAssessment } from "../use-cases/mapping";

/**
 * The workflow's audit actions. Every step is an audit event on the use case itself (entity
 * "UseCase", as lib/server/use-cases/write.ts writes), so the use case's History tab shows it.
 */
export const DECISION_AUDIT = {
  proposed: "decision.proposed",
  approved: "decision.approved",
  sentBack: "decision.sent_back",
  budgetApproved: "decision.budget_approved",
  toReview: "decision.to_review",
  superseded: "decision.superseded",
  /** A waiting decision's budget taken from the projection again after an edit or a re-projection (./budget.ts). */
  budgetRefreshed: "decision.budget_refreshed",
} as const;

const USE_CASE_ENTITY = "UseCase";
const quote = (title: string) => `“${title}”`;

/**
 * After a use case's answers or recommendation changed: an approved decision whose basis no longer
 * holds (lib/domain/decisions/material-change.ts) becomes "to review", back in the queue, and the
 * executive who approved it is told. Returns the material changes (empty: nothing happened).
 */
export async function reviewAfterChange(tx: Tx, ref: { organizationId: string; useCaseId: string; actorId: string | null }): Promise<string[]> {
  const d = await tx.useCaseDecision.findFirst({
    where: { useCaseId: ref.useCaseId, organizationId: ref.organizationId, state: { in: ["APPROVED", "BUDGET_APPROVED"] } },
    select: { state: true, basis: true, decidedById: true, proposedById: true, budgetApprovedById: true },
  });
  if (!d) return [];
  const basis = readBasis(d.basis);
  if (!basis) return [];
  const uc = await tx.useCase.findFirstOrThrow({ where: { id: ref.useCaseId, organizationId: ref.organizationId }, select: { title: true, assessment: true, recommendedApproach: true } });
  const changes = materialChanges(basis, basisOf(readAssessment(uc.assessment), uc.recommendedApproach));
  if (changes.length === 0) return [];
  await tx.useCaseDecision.update({ where: { useCaseId: ref.useCaseId }, data: { state: "TO_REVIEW", reviewReasons: changes, version: { increment: 1 } } });
  await audit(tx, {
    organizationId: ref.organizationId,
    actorId: ref.actorId,
    action: DECISION_AUDIT.toReview,
    entity: USE_CASE_ENTITY,
    entityId: ref.useCaseId,
    before: { decisionState: d.state },
    after: { decisionState: "TO_REVIEW", reviewReasons: changes.join("; ") },
  });
  // Its budget no longer awaits finance: what it was approved on has changed.
  await resolveRequests(tx, { organizationId: ref.organizationId, useCaseId: ref.useCaseId }, { actorId: null, others: `it went back to review, as what it rested on changed (${changes.join("; ")})` });
  // Finance who approved its budget is told too: that budget stops counting as approved spend (a
  // reviewer watched a unit's approved figure vanish with no word to finance).
  const budget = d.state === "BUDGET_APPROVED" ? " Its budget, which finance approved, no longer counts as approved spend until the decision is approved again." : "";
  await notify(tx, {
    organizationId: ref.organizationId,
    userIds: [d.decidedById, d.proposedById, d.budgetApprovedById],
    actorId: ref.actorId,
    kind: "to_review",
    useCaseId: ref.useCaseId,
    // The change may be an answer, or a recommendation a weights change or new framework rules flipped.
    message: `What the decision on ${quote(uc.title)} rested on has changed since it was approved (${changes.join("; ")}): it is back in the queue to review.${budget}`,
  });
  return changes;
}

/**
 * The same check over many use cases at once, for the writes that do not go through writeUseCase:
 * the CSV import's updates, and re-scoring after a weights change or a new framework version
 * (which can change a recommendation). One read of the approved decisions concerned with their
 * use cases; each one whose basis no longer holds goes through reviewAfterChange. Returns how many
 * went to review.
 */
export async function reviewDecisions(tx: Tx, organizationId: string, actorId: string | null, useCaseIds?: readonly string[]): Promise<number> {
  if (useCaseIds && useCaseIds.length === 0) return 0;
  const rows = await tx.useCaseDecision.findMany({
    where: { organizationId, state: { in: ["APPROVED", "BUDGET_APPROVED"] }, ...(useCaseIds ? { useCaseId: { in: [...useCaseIds] } } : {}) },
    select: { useCaseId: true, basis: true, useCase: { select: { assessment: true, recommendedApproach: true } } },
  });
  let n = 0;
  for (const r of rows) {
    const basis = readBasis(r.basis);
    if (!basis) continue;
    if (materialChanges(basis, basisOf(readAssessment(r.useCase.assessment), r.useCase.recommendedApproach)).length === 0) continue;
    if ((await reviewAfterChange(tx, { organizationId, useCaseId: r.useCaseId, actorId })).length > 0) n += 1;
  }
  return n;
}
