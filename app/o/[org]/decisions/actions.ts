"use server";
/**
 * The decision workflow's server actions (issue 20): propose, approve (or decide at once), send
 * back, approve the budget. Each is made with orgAction (guard → zod parse → handler), runs in one
 * transaction with its audit event and notifications (lib/server/decisions/workflow.ts), then
 * revalidates the organization's pages. Roles: lib/domain/decisions/workflow.ts.
 */
import { revalidatePath } from "next/cache";
import { APPROVE_ROLES, BUDGET_ROLES, PROPOSE_ROLES } from "@/lib/domain/decisions/workflow";
import { approveSchema, budgetSchema, proposeSchema, sendBackSchema } from "@/lib/domain/decisions/schemas";
import { orgAction } from "@/lib/server/action";
import type { MemberContext } from "@/lib/server/guard";
import { approveBudget, approveDecision as approveInTx, proposeDecision as proposeInTx, sendBackDecision as sendBackInTx } from "@/lib/server/decisions/workflow";
import { inUseCaseTransaction, type WriteContext } from "@/lib/server/use-cases/write";

const writeCtx = (ctx: MemberContext): WriteContext => ({ organizationId: ctx.organization.id, actorId: ctx.user.id, role: ctx.role });
const revalidate = (ctx: MemberContext) => revalidatePath(`/o/${ctx.organization.slug}`, "layout");

/** Proposes a decision: approach, notes, and the yearly budget the projection gives (leads their own use cases). */
export const proposeDecision = orgAction({
  name: "decisions.propose",
  roles: PROPOSE_ROLES,
  input: proposeSchema,
  handler: async (ctx, input) => {
    const done = await inUseCaseTransaction((tx) => proposeInTx(tx, writeCtx(ctx), input));
    revalidate(ctx);
    return done;
  },
});

/** Approves the proposal, or decides an approach at once (executives and admins). */
export const approveDecision = orgAction({
  name: "decisions.approve",
  roles: APPROVE_ROLES,
  input: approveSchema,
  handler: async (ctx, input) => {
    const done = await inUseCaseTransaction((tx) => approveInTx(tx, writeCtx(ctx), input));
    revalidate(ctx);
    return done;
  },
});

/** Sends a proposal back to who proposed it, with the reason (executives and admins). */
export const sendBackDecision = orgAction({
  name: "decisions.sendBack",
  roles: APPROVE_ROLES,
  input: sendBackSchema,
  handler: async (ctx, input) => {
    const done = await inUseCaseTransaction((tx) => sendBackInTx(tx, writeCtx(ctx), input));
    revalidate(ctx);
    return done;
  },
});

/** Approves an approved decision's yearly budget (finance only). */
export const approveDecisionBudget = orgAction({
  name: "decisions.approveBudget",
  roles: BUDGET_ROLES,
  input: budgetSchema,
  handler: async (ctx, input) => {
    const done = await inUseCaseTransaction((tx) => approveBudget(tx, writeCtx(ctx), input));
    revalidate(ctx);
    return done;
  },
});
