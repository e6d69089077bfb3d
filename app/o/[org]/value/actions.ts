"use server";
/**
 * Issue 20's value and budgets: a use case's expected benefit (whoever may edit the use case),
 * the organization's hourly value rate and the business units' yearly budgets (finance and
 * admins). Each is made with orgAction (guard → zod parse → handler → one error policy), writes
 * in one transaction with its audit entry (lib/server/value/write.ts) and revalidates.
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { versionSchema } from "@/lib/server/parse";
import { benefitSchema, budgetInputSchema, hourlyRateSchema } from "@/lib/domain/value";
import { EDIT_ROLES } from "@/lib/domain/use-case-permissions";
import { orgAction } from "@/lib/server/action";
import { db, Prisma } from "@/lib/server/db";
import { ConflictError } from "@/lib/server/errors";
import type { MemberContext } from "@/lib/server/guard";
import type { WriteContext } from "@/lib/server/use-cases/write";
import { setBusinessUnitBudget, setUseCaseBenefit, setValueHourlyRate } from "@/lib/server/value/write";

const VALUE_ROLES = ["FINANCE", "ADMIN"] as const;

const writeCtx = (ctx: MemberContext): WriteContext => ({ organizationId: ctx.organization.id, actorId: ctx.user.id, role: ctx.role });

function revalidate(ctx: MemberContext) {
  revalidatePath(`/o/${ctx.organization.slug}`, "layout");
}

/** Sets (benefit) or clears (null) a use case's expected yearly benefit, version-checked. */
export const setBenefit = orgAction({
  name: "value.setBenefit",
  roles: EDIT_ROLES,
  input: z.object({ id: z.string().min(1).max(64), expectedVersion: versionSchema(1), benefit: benefitSchema.nullable() }).strict(),
  handler: async (ctx, input) => {
    const saved = await db.$transaction((tx) => setUseCaseBenefit(tx, writeCtx(ctx), input));
    if (saved.changed) revalidate(ctx);
    return saved;
  },
});

/** Sets what an hour saved is worth, in cents (null: the documented default). */
export const setHourlyRate = orgAction({
  name: "value.setHourlyRate",
  roles: VALUE_ROLES,
  input: z.object({ rateCents: hourlyRateSchema.nullable() }).strict(),
  handler: async (ctx, { rateCents }) => {
    const saved = await db.$transaction((tx) => setValueHourlyRate(tx, writeCtx(ctx), rateCents));
    if (saved.changed) revalidate(ctx);
    return saved;
  },
});

/** Sets a business unit's budget for a calendar year (a null amount removes it). */
export const setBudget = orgAction({
  name: "budgets.set",
  roles: VALUE_ROLES,
  input: budgetInputSchema,
  handler: async (ctx, input) => {
    try {
      const saved = await db.$transaction((tx) => setBusinessUnitBudget(tx, writeCtx(ctx), input));
      if (saved.changed) revalidate(ctx);
      return saved;
    } catch (err) {
      // Two people creating the same unit's budget at once: one wins, the other is told.
      if (err instanceof Prisma.PrismaClientKnownRequestError && (err.code === "P2002" || err.code === "P2025")) {
        throw new ConflictError("Someone changed this budget at the same moment. Reload to see it, then try again.");
      }
      throw err;
    }
  },
});
