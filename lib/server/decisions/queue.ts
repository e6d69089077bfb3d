import "server-only";
import type { Approach } from "@/lib/domain/assessment";
import { countByReason, queueReasons, sortQueue, type QueueReason } from "@/lib/domain/decisions/queue";
import type { DecisionState } from "@/lib/domain/decisions/workflow";
import { db, Prisma } from "../db";
import { scopedQueryRaw } from "../rls";

/**
 * "Needs a decision" (issue 20 item 1). Two indexed, organization-scoped reads of the portfolio
 * rollup (one narrow row per use case), unioned: the rows matching the partial index
 * UseCaseRollup_decision_queue_idx (a recommendation and no decision, a decision unlike the
 * recommendation, a risk flag), and the use cases whose decision is in the workflow
 * (UseCaseDecision by organization and state). Which panel each belongs to is decided by the pure
 * rule (lib/domain/decisions/queue.ts); the SQL only narrows.
 */

export interface QueueItem {
  id: string;
  title: string;
  status: string;
  recommendedApproach: Approach | null;
  chosenApproach: Approach | null;
  riskFlags: string[];
  evidence: "none" | "provisional" | "assessed";
  agreementVotes: number;
  agreementVoters: number;
  spendCents: number | null;
  decisionState: DecisionState | null;
  proposedApproach: Approach | null;
  yearlyBudgetCents: number | null;
  version: number;
  reasons: QueueReason[];
}

interface Raw {
  id: string;
  title: string;
  status: string;
  recommendedApproach: Approach | null;
  chosenApproach: Approach | null;
  riskFlags: string[];
  evidence: "none" | "provisional" | "assessed";
  agreementVotes: number;
  agreementVoters: number;
  spend: bigint | null;
  state: DecisionState | null;
  proposedApproach: Approach | null;
  budget: bigint | null;
  version: number;
}

export async function readQueue(organizationId: string): Promise<{ items: QueueItem[]; counts: Record<QueueReason, number> }> {
  const rows = await scopedQueryRaw<Raw[]>(
    organizationId,
    Prisma.sql`
    WITH candidates AS (
      SELECT r."useCaseId" FROM "UseCaseRollup" r
       WHERE r."organizationId" = ${organizationId} AND r."deletedAt" IS NULL
         AND ((r."recommendedApproach" IS NOT NULL AND r."chosenApproach" IS NULL) OR r."chosenApproach" <> r."recommendedApproach" OR cardinality(r."riskFlags") > 0)
      UNION
      SELECT d."useCaseId" FROM "UseCaseDecision" d
       WHERE d."organizationId" = ${organizationId} AND d.state IN ('PROPOSED', 'APPROVED', 'TO_REVIEW')
    )
    SELECT r."useCaseId" AS id, u.title, r.status::text AS status, r."recommendedApproach"::text AS "recommendedApproach",
           r."chosenApproach"::text AS "chosenApproach", r."riskFlags", r.evidence::text AS evidence,
           u."agreementVotes", u."agreementVoters", r."chosenBaseCents" AS spend, u.version,
           d.state::text AS state, d.approach::text AS "proposedApproach", d."yearlyBudgetCents" AS budget
      FROM candidates c
      JOIN "UseCaseRollup" r ON r."useCaseId" = c."useCaseId" AND r."organizationId" = ${organizationId} AND r."deletedAt" IS NULL
      JOIN "UseCase" u ON u.id = r."useCaseId" AND u."organizationId" = ${organizationId}
      LEFT JOIN "UseCaseDecision" d ON d."useCaseId" = r."useCaseId" AND d."organizationId" = ${organizationId}`,
  );
  const items = sortQueue(
    rows.map((r) => {
      const facts = { status: r.status, recommendedApproach: r.recommendedApproach, chosenApproach: r.chosenApproach, riskFlags: r.riskFlags ?? [], decisionState: r.state };
      return {
        ...facts,
        id: r.id,
        title: r.title,
        evidence: r.evidence,
        agreementVotes: r.agreementVotes,
        agreementVoters: r.agreementVoters,
        spendCents: r.spend === null ? null : Number(r.spend),
        proposedApproach: r.proposedApproach,
        yearlyBudgetCents: r.budget === null ? null : Number(r.budget),
        version: r.version,
        reasons: queueReasons(facts),
      };
    }),
  ).filter((i) => i.reasons.length > 0);
  return { items, counts: countByReason(items) };
}

/** The workflow row of one use case, with names, for its Decision tab. */
export async function readDecisionWorkflow(organizationId: string, useCaseId: string) {
  const d = await db.useCaseDecision.findFirst({ where: { organizationId, useCaseId } });
  if (!d) return null;
  const ids = [d.proposedById, d.decidedById, d.budgetApprovedById].filter((x): x is string => !!x);
  const users = await db.user.findMany({ where: { id: { in: ids }, memberships: { some: { organizationId } } }, select: { id: true, name: true } });
  const name = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? "a former member") : null);
  return {
    state: d.state as DecisionState,
    approach: d.approach as Approach,
    notes: d.notes,
    yearlyBudgetCents: d.yearlyBudgetCents === null ? null : Number(d.yearlyBudgetCents),
    proposedBy: name(d.proposedById),
    proposedAt: d.proposedAt,
    decidedBy: name(d.decidedById),
    decidedAt: d.decidedAt,
    sentBackReason: d.sentBackReason,
    budgetApprovedBy: name(d.budgetApprovedById),
    budgetApprovedAt: d.budgetApprovedAt,
    reviewReasons: d.reviewReasons,
  };
}
export type DecisionWorkflow = NonNullable<Awaited<ReturnType<typeof readDecisionWorkflow>>>;
