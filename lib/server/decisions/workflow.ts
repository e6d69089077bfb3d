import "server-only";
import { APPROACH_LABELS, type Approach } from "@/lib/domain/assessment";
import { cannotServeSentence } from "@/lib/domain/costing/options";
import { dollars } from "@/lib/domain/money";
import type { ProjectionSummary } from "../projections";
import { basisOf } from "@/lib/domain/decisions/material-change";
import { budgetText, noFigureText, refusalFor, whatGivesAFigure, type ApprovalFacts, type DecisionState, type WorkflowStep } from "@/lib/domain/decisions/workflow";
import { watchWarnings } from "../actuals/warnings";
import { useCaseStartYear } from "../use-cases/start-year";
import { audit } from "../audit";
import { Prisma, type Tx } from "../db";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { membersWithRoles, notify, resolveRequests } from "../notifications";
import { readAssessment } from "../use-cases/mapping";
import { budgetFor, lastYearRunningFor, type StoredBudget } from "./budget";
import { DECISION_AUDIT } from "./review";
import { USE_CASE_ENTITY, type WriteContext } from "../use-cases/write";
import { recordUseCaseDecision } from "../use-cases/decision";

/**
 * The decision workflow's writes (issue 20 item 2): propose, approve (or decide at once), send
 * back, approve the budget; and the check after an edit that puts an approved decision back "to
 * review". Each step, in the caller's transaction: lock the use case, check the step with the
 * pure rules (lib/domain/decisions/workflow.ts), write the decision row, one audit event on the
 * use case (so it shows on its History tab), resolve the requests the step answers (an earlier
 * request no longer asks anything once the decision has moved past it: resolveRequests), and
 * notify who must act next.
 *
 * The chosen approach (UseCase.chosenApproach, which drives the portfolio's "as chosen") changes
 * on approval, through the same recordUseCaseDecision as the Decision tab's form, so "Recorded by
 * … on …" names the executive who approved.
 */

export { DECISION_AUDIT } from "./review";

interface LockedUseCase {
  id: string;
  title: string;
  ownerId: string;
  version: number;
  assessment: unknown;
  recommendedApproach: Approach | null;
  chosenApproach: Approach | null;
  decisionNotes: string;
  startDate: Date | null;
  createdAt: Date;
}

/** The calendar year of the use case's first year of costs, when its one-off build is spent. */
const buildYearOf = (uc: Pick<LockedUseCase, "startDate" | "createdAt">) => useCaseStartYear(uc);

async function lockUseCase(tx: Tx, organizationId: string, id: string): Promise<LockedUseCase> {
  const rows = await tx.$queryRaw<(LockedUseCase & { deletedAt: Date | null })[]>(Prisma.sql`
    SELECT id, title, "ownerId", version, assessment, "recommendedApproach", "chosenApproach", "decisionNotes", "startDate", "createdAt", "deletedAt"
      FROM "UseCase" WHERE id = ${id} AND "organizationId" = ${organizationId} FOR UPDATE`);
  const row = rows[0];
  if (!row || row.deletedAt) throw new NotFoundError("This use case does not exist.");
  return row;
}

async function decisionOf(tx: Tx, organizationId: string, useCaseId: string) {
  return tx.useCaseDecision.findFirst({ where: { useCaseId, organizationId } });
}

function check(step: WorkflowStep, ctx: WriteContext, decision: { state: DecisionState; yearlyBudgetCents: bigint | null } | null, uc: LockedUseCase): void {
  const refusal = refusalFor(step, { userId: ctx.actorId, role: ctx.role }, decision?.state ?? null, uc, decision);
  if (!refusal) return;
  if (refusal.kind === "forbidden") throw new ForbiddenError(refusal.message);
  throw new ConflictError(refusal.message);
}

async function nameOf(tx: Tx, userId: string): Promise<string> {
  return (await tx.user.findUnique({ where: { id: userId }, select: { name: true } }))?.name ?? "Someone";
}

/** The budget's figures as the audit keeps them: the yearly run rate and, where there is one, the one-off build. */
const auditBudget = (b: StoredBudget) => ({
  yearlyBudget: b.yearlyBudgetCents === null ? null : Number(b.yearlyBudgetCents),
  ...(b.yearlyBudgetCents !== null && b.buildCents > 0n ? { buildBudget: Number(b.buildCents) } : {}),
});

/**
 * " Fine-tuning cannot serve this use case: it does not meet the 14-day lag." when the approach
 * cannot serve it (what the Decision tab shows in red beside it), else "": the sentence ends the
 * message asking someone to approve it, so an approver is never asked to approve it silently.
 */
async function cannotServeWarning(tx: Tx, organizationId: string, useCaseId: string, approach: Approach): Promise<string> {
  const row = await tx.useCase.findFirst({ where: { id: useCaseId, organizationId }, select: { projectionSummary: true } });
  const sentence = cannotServeSentence(approach, (row?.projectionSummary as ProjectionSummary | null) ?? null);
  return sentence ? ` ${sentence}` : "";
}
const quote = (title: string) => `“${title}”`;
/**
 * The budget in a proposal's message: "budget: $290,000 to build in 2027, and $198,000 a year to run from 2027"
 * where there is a build; else "yearly budget: $60,000", or its want of a figure.
 */
const budgetClause = (b: StoredBudget, buildYear: number, approach: Approach) =>
  b.yearlyBudgetCents !== null && b.buildCents > 0n ? `budget: ${budgetText(b, buildYear)}` : `yearly budget: ${b.yearlyBudgetCents === null ? noFigureText(approach) : dollars(b.yearlyBudgetCents)}`;
const numbers = (b: StoredBudget) => ({ yearlyBudgetCents: b.yearlyBudgetCents === null ? null : Number(b.yearlyBudgetCents), buildCents: Number(b.buildCents) });

export interface ProposeInput {
  id: string;
  approach: Approach;
  notes: string;
}

export async function proposeDecision(tx: Tx, ctx: WriteContext, input: ProposeInput): Promise<{ state: DecisionState; yearlyBudgetCents: number | null; buildCents: number }> {
  const { organizationId } = ctx;
  const uc = await lockUseCase(tx, organizationId, input.id);
  const existing = await decisionOf(tx, organizationId, uc.id);
  check("propose", ctx, existing, uc);
  const budget = await budgetFor(tx, organizationId, uc.id, input.approach);
  const now = new Date();
  const data = {
    state: "PROPOSED" as const,
    approach: input.approach,
    notes: input.notes,
    ...budget,
    proposedById: ctx.actorId,
    proposedAt: now,
    decidedById: null,
    decidedAt: null,
    sentBackReason: "",
    budgetApprovedById: null,
    budgetApprovedAt: null,
    basis: Prisma.DbNull,
    reviewReasons: [],
    ...NOT_SUPERSEDED,
  };
  await writeDecision(tx, organizationId, uc.id, data);
  await audit(tx, {
    organizationId,
    actorId: ctx.actorId,
    action: DECISION_AUDIT.proposed,
    entity: USE_CASE_ENTITY,
    entityId: uc.id,
    before: existing ? { decisionState: existing.state } : null,
    after: { decisionState: "PROPOSED", proposedApproach: input.approach, decisionNotes: input.notes, ...auditBudget(budget) },
  });
  const who = await nameOf(tx, ctx.actorId);
  await resolveRequests(tx, { organizationId, useCaseId: uc.id }, { actorId: ctx.actorId, others: `${who} made a new proposal`, self: "you made a new proposal" });
  await notify(tx, {
    organizationId,
    userIds: await membersWithRoles(tx, organizationId, ["EXECUTIVE", "ADMIN"]),
    actorId: ctx.actorId,
    kind: "approval_requested",
    useCaseId: uc.id,
    message: `${who} proposed ${APPROACH_LABELS[input.approach]} for ${quote(uc.title)} (${budgetClause(budget, buildYearOf(uc), input.approach)}): it awaits your approval.${await cannotServeWarning(tx, organizationId, uc.id, input.approach)}`,
  });
  return { state: "PROPOSED", ...numbers(budget) };
}

export interface ApproveInput {
  id: string;
  /** Absent: approve the proposal as proposed. Present: decide this approach (at once, or amending the proposal). */
  approach?: Approach;
  notes?: string;
}

/**
 * What an approval returns: the state and approach, and for saying what it did (approvedText):
 * the budget now waiting for finance (cents), the year it is built in, the use case's title, and
 * the approach the portfolio counted "as chosen" before (the decision, else the recommendation).
 */
export interface Approved extends ApprovalFacts {
  state: "APPROVED";
}

export async function approveDecision(tx: Tx, ctx: WriteContext, input: ApproveInput): Promise<Approved> {
  const { organizationId } = ctx;
  const uc = await lockUseCase(tx, organizationId, input.id);
  const existing = await decisionOf(tx, organizationId, uc.id);
  const state = existing?.state ?? null;
  check("approve", ctx, existing, uc);
  const approach = input.approach ?? (state === "PROPOSED" ? existing!.approach : undefined);
  if (!approach) throw new ConflictError("There is no proposal to approve: choose the approach to decide.");
  const notes = input.notes ?? (existing && state === "PROPOSED" ? existing.notes : uc.decisionNotes);
  // The budget is the projection's first year as it stands now (its build apart from its run rate): the use case may have been edited
  // (a volume, say) or re-projected since the proposal, and finance approves what the cost panel shows.
  const budget = await budgetFor(tx, organizationId, uc.id, approach);

  // The chosen approach follows the approval (the portfolio's "as chosen").
  await recordUseCaseDecision(tx, ctx, { id: uc.id, expectedVersion: uc.version, chosenApproach: approach, decisionNotes: notes }, { viaWorkflow: true });
  const after = await tx.useCase.findFirstOrThrow({ where: { id: uc.id, organizationId }, select: { assessment: true, recommendedApproach: true } });
  const basis = basisOf(readAssessment(after.assessment), after.recommendedApproach);
  const now = new Date();
  const proposedById = existing && state === "PROPOSED" ? existing.proposedById : ctx.actorId;
  const data = {
    state: "APPROVED" as const,
    approach,
    notes,
    ...budget,
    proposedById,
    proposedAt: existing && state === "PROPOSED" ? existing.proposedAt : now,
    decidedById: ctx.actorId,
    decidedAt: now,
    sentBackReason: "",
    budgetApprovedById: null,
    budgetApprovedAt: null,
    basis: JSON.parse(JSON.stringify(basis)) as Prisma.InputJsonValue,
    reviewReasons: [],
    ...NOT_SUPERSEDED,
  };
  await writeDecision(tx, organizationId, uc.id, data);
  await audit(tx, {
    organizationId,
    actorId: ctx.actorId,
    action: DECISION_AUDIT.approved,
    entity: USE_CASE_ENTITY,
    entityId: uc.id,
    before: { decisionState: state },
    after: { decisionState: "APPROVED", chosenApproach: approach, ...auditBudget(budget) },
  });
  const lastYear = budget.yearlyBudgetCents === null ? null : await lastYearRunningFor(tx, organizationId, uc.id, approach);
  const who = await nameOf(tx, ctx.actorId);
  await resolveRequests(tx, { organizationId, useCaseId: uc.id }, { actorId: ctx.actorId, others: `${who} approved ${APPROACH_LABELS[approach]}`, self: `you approved ${APPROACH_LABELS[approach]}` });
  await notify(tx, {
    organizationId,
    userIds: await membersWithRoles(tx, organizationId, ["FINANCE"]),
    actorId: ctx.actorId,
    kind: "budget_requested",
    useCaseId: uc.id,
    message: `${who} approved ${APPROACH_LABELS[approach]} for ${quote(uc.title)}: ${budget.yearlyBudgetCents === null ? `its yearly budget has ${noFigureText(approach)}: you can approve it once ${whatGivesAFigure(approach)}` : budget.buildCents > 0n
          ? `its budget, ${budgetText(budget, buildYearOf(uc), lastYear)}, awaits your approval`
          : `its yearly budget of ${dollars(budget.yearlyBudgetCents)} awaits your approval`}.${await cannotServeWarning(tx, organizationId, uc.id, approach)}`,
  });
  if (proposedById !== ctx.actorId) {
    await notify(tx, {
      organizationId,
      userIds: [proposedById],
      actorId: ctx.actorId,
      kind: "approved",
      useCaseId: uc.id,
      message: `${who} approved your decision on ${quote(uc.title)} (${APPROACH_LABELS[approach]}); finance approves its budget next.`,
    });
  }
  return {
    state: "APPROVED",
    approach,
    title: uc.title,
    budget: { yearlyBudgetCents: budget.yearlyBudgetCents === null ? null : Number(budget.yearlyBudgetCents), buildCents: Number(budget.buildCents) },
    buildYear: buildYearOf(uc),
    lastYearCents: lastYear,
    asChosenBefore: uc.chosenApproach ?? uc.recommendedApproach,
    decidedBefore: uc.chosenApproach !== null,
  };
}

export async function sendBackDecision(tx: Tx, ctx: WriteContext, input: { id: string; reason: string }): Promise<{ state: DecisionState }> {
  const { organizationId } = ctx;
  const uc = await lockUseCase(tx, organizationId, input.id);
  const existing = await decisionOf(tx, organizationId, uc.id);
  check("sendBack", ctx, existing, uc);
  await tx.useCaseDecision.update({
    where: { useCaseId: uc.id },
    data: { state: "SENT_BACK", sentBackReason: input.reason, decidedById: ctx.actorId, decidedAt: new Date(), version: { increment: 1 } },
  });
  await audit(tx, {
    organizationId,
    actorId: ctx.actorId,
    action: DECISION_AUDIT.sentBack,
    entity: USE_CASE_ENTITY,
    entityId: uc.id,
    before: { decisionState: existing!.state },
    after: { decisionState: "SENT_BACK", sentBackReason: input.reason },
  });
  const who = await nameOf(tx, ctx.actorId);
  await resolveRequests(tx, { organizationId, useCaseId: uc.id }, { actorId: ctx.actorId, others: `${who} sent it back`, self: "you sent it back" });
  await notify(tx, {
    organizationId,
    // The lead who owns it proposes again: told too, even when an executive had decided it at once.
    userIds: [existing!.proposedById, existing!.decidedById, uc.ownerId],
    actorId: ctx.actorId,
    kind: "sent_back",
    useCaseId: uc.id,
    message: `${who} sent back the decision on ${quote(uc.title)}: ${input.reason}`,
  });
  return { state: "SENT_BACK" };
}

export async function approveBudget(tx: Tx, ctx: WriteContext, input: { id: string }): Promise<{ state: DecisionState }> {
  const { organizationId } = ctx;
  const uc = await lockUseCase(tx, organizationId, input.id);
  const existing = await decisionOf(tx, organizationId, uc.id);
  check("approveBudget", ctx, existing, uc);
  // The approved budget is what the early warning's run rate is held to (lib/server/actuals/approved-budget-sql.ts).
  const warnings = await watchWarnings(tx, organizationId, [uc.id]);
  await tx.useCaseDecision.update({
    where: { useCaseId: uc.id },
    data: { state: "BUDGET_APPROVED", budgetApprovedById: ctx.actorId, budgetApprovedAt: new Date(), version: { increment: 1 } },
  });
  // check() refused a budget with no figure: finance approves a figure, never a blank.
  const budget = { yearlyBudgetCents: existing!.yearlyBudgetCents!, buildCents: existing!.buildCents };
  await audit(tx, {
    organizationId,
    actorId: ctx.actorId,
    action: DECISION_AUDIT.budgetApproved,
    entity: USE_CASE_ENTITY,
    entityId: uc.id,
    before: { decisionState: "APPROVED" },
    after: { decisionState: "BUDGET_APPROVED", ...auditBudget(budget) },
  });
  const who = await nameOf(tx, ctx.actorId);
  await resolveRequests(tx, { organizationId, useCaseId: uc.id }, { actorId: ctx.actorId, others: `${who} approved its budget`, self: "you approved its budget" });
  await notify(tx, {
    organizationId,
    userIds: [existing!.proposedById, existing!.decidedById],
    actorId: ctx.actorId,
    kind: "budget_approved",
    useCaseId: uc.id,
    message:
      budget.buildCents > 0n
        ? `${who} approved the budget for ${quote(uc.title)}: ${budgetText(budget, buildYearOf(uc), await lastYearRunningFor(tx, organizationId, uc.id, existing!.approach as Approach))}.`
        : `${who} approved the yearly budget of ${dollars(budget.yearlyBudgetCents)} for ${quote(uc.title)}.`,
  });
  await warnings.close(ctx.actorId);
  return { state: "BUDGET_APPROVED" };
}

/** A new step starts the workflow again: whatever superseded an earlier decision no longer applies. */
const NOT_SUPERSEDED = { supersededById: null, supersededAt: null, supersededByApproach: null };

/** Writes a use case's workflow row whole: the first step creates it, later ones replace it (its version counts the steps). */
async function writeDecision(tx: Tx, organizationId: string, useCaseId: string, data: Omit<Prisma.UseCaseDecisionUncheckedCreateInput, "useCaseId" | "organizationId">): Promise<void> {
  await tx.useCaseDecision.upsert({
    where: { useCaseId },
    create: { useCaseId, organizationId, ...data },
    update: { ...data, version: { increment: 1 } },
  });
}
