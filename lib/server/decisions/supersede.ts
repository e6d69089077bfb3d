import "server-only";
import { APPROACH_LABELS, type Approach } from "@/lib/domain/assessment";
import { budgetText, NO_BUDGET_FIGURE } from "@/lib/domain/decisions/workflow";
import { audit } from "../audit";
import type { Tx } from "../db";
import { useCaseStartYear } from "../use-cases/start-year";
import { notify, resolveRequests } from "../notifications";
import { DECISION_AUDIT } from "./review";

/**
 * A decision recorded directly (the Decision tab's form, not the workflow) for another approach
 * than the workflow's standing decision supersedes it (docs/decisions/decision-workflow.md): the
 * workflow row becomes SUPERSEDED, naming who recorded the direct decision, when and which
 * approach, so its yearly budget is no longer approved spend (only BUDGET_APPROVED counts: the
 * budget panel, lib/server/value/budgets-read.ts, and the early warnings, lib/server/actuals/read.ts),
 * nor awaits finance, nor is to review. One audit event on the use case, and whoever took the
 * workflow's steps is told; all in the caller's transaction, after the use case's row is locked by
 * its update. Recording the same approach leaves the workflow as it stands; a proposal still
 * awaiting approval (or sent back) is not a decision, and stays.
 */

const STANDING = ["APPROVED", "BUDGET_APPROVED", "TO_REVIEW"] as const;
const quote = (title: string) => `“${title}”`;

export async function supersedeByDirectDecision(
  tx: Tx,
  ctx: { organizationId: string; actorId: string },
  ref: { useCaseId: string; chosenApproach: Approach | null },
): Promise<boolean> {
  const { organizationId, actorId } = ctx;
  const d = await tx.useCaseDecision.findFirst({ where: { useCaseId: ref.useCaseId, organizationId, state: { in: [...STANDING] } } });
  if (!d || d.approach === ref.chosenApproach) return false;
  const now = new Date();
  await tx.useCaseDecision.update({
    where: { useCaseId: ref.useCaseId },
    data: { state: "SUPERSEDED", supersededById: actorId, supersededAt: now, supersededByApproach: ref.chosenApproach, version: { increment: 1 } },
  });
  const budget = d.yearlyBudgetCents === null ? null : Number(d.yearlyBudgetCents);
  const build = budget !== null && d.buildCents > 0n ? { buildBudget: Number(d.buildCents) } : {};
  await audit(tx, {
    organizationId,
    actorId,
    action: DECISION_AUDIT.superseded,
    entity: "UseCase",
    entityId: ref.useCaseId,
    // On the History tab: "Decision: Budget approved → Superseded…", "Chosen approach: RAG → Fine-tuning",
    // and the yearly budget that no longer stands.
    before: { decisionState: d.state, chosenApproach: d.approach, yearlyBudget: budget, ...build },
    after: { decisionState: "SUPERSEDED", chosenApproach: ref.chosenApproach, yearlyBudget: null },
  });
  const [who, uc] = await Promise.all([
    tx.user.findUnique({ where: { id: actorId }, select: { name: true } }),
    tx.useCase.findFirstOrThrow({ where: { id: ref.useCaseId, organizationId }, select: { title: true, startDate: true, createdAt: true } }),
  ]);
  const old = APPROACH_LABELS[d.approach];
  const recorded = ref.chosenApproach ? `recorded ${APPROACH_LABELS[ref.chosenApproach]} directly as the decision on ${quote(uc.title)}` : `cleared the decision on ${quote(uc.title)}`;
  const done = ref.chosenApproach ? `recorded ${APPROACH_LABELS[ref.chosenApproach]} directly, superseding it` : "cleared the decision, superseding it";
  await resolveRequests(tx, { organizationId, useCaseId: ref.useCaseId }, { actorId, others: `${who?.name ?? "Someone"} ${done}`, self: `you ${done}` });
  await notify(tx, {
    organizationId,
    userIds: [d.proposedById, d.decidedById, d.budgetApprovedById],
    actorId,
    kind: "superseded",
    useCaseId: ref.useCaseId,
    message: `${who?.name ?? "Someone"} ${recorded}, superseding the approved ${old}: ${consequence(d.state, budget === null ? null : budgetText({ yearlyBudgetCents: budget, buildCents: d.buildCents }, useCaseStartYear(uc)))}.`,
  });
  return true;
}

/** What superseding undoes, by where the workflow stood. */
function consequence(state: string, budget: string | null): string {
  const figure = budget === null ? `with ${NO_BUDGET_FIGURE}` : `(${budget})`;
  if (state === "BUDGET_APPROVED") return `its budget ${figure}, which finance approved, no longer counts as approved spend`;
  if (state === "APPROVED") return `its budget ${figure} no longer awaits finance`;
  return "it is no longer to review";
}
