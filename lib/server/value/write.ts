import "server-only";
import type { Benefit, BudgetInput } from "@/lib/domain/value";
import { canEditUseCase } from "@/lib/domain/use-case-permissions";
import { audit } from "../audit";
import { Prisma, type Tx } from "../db";
import { ForbiddenError } from "../errors";
import { refreshRollups } from "../portfolio/rollup";
import { conflictFor, loadLive, USE_CASE_ENTITY, type WriteContext } from "../use-cases/write";

/**
 * The writes of issue 20's value and budgets, each in the caller's transaction with its audit
 * entry. The organization comes from the member's context, never from the input.
 */

export const VALUE_AUDIT = {
  benefitSet: "use_case.benefit_set",
  rateSet: "organization.value_rate_set",
  budgetSet: "business_unit_budget.set",
  budgetCleared: "business_unit_budget.cleared",
} as const;

/**
 * Sets (or, with null, clears) a use case's expected yearly benefit. The edit rule of the use case
 * applies (leads their own, executives and admins any, finance none), it is version-checked like
 * every other edit (a stale page gets the conflict), and the use case's history shows it.
 */
export async function setUseCaseBenefit(
  tx: Tx,
  ctx: WriteContext,
  input: { id: string; expectedVersion: number; benefit: Benefit | null },
): Promise<{ id: string; version: number; changed: boolean }> {
  const { organizationId } = ctx;
  const row = await loadLive(tx, organizationId, input.id);
  if (!canEditUseCase({ userId: ctx.actorId, role: ctx.role }, row)) throw new ForbiddenError("You can change the expected benefit only of use cases you may edit.");
  const before = await tx.useCase.findUniqueOrThrow({ where: { id: row.id }, select: { benefit: true, version: true } });
  if (before.version !== input.expectedVersion) throw await conflictFor(tx, organizationId, row.id);
  if (JSON.stringify(before.benefit ?? null) === JSON.stringify(input.benefit)) return { id: row.id, version: before.version, changed: false };
  const { count } = await tx.useCase.updateMany({
    where: { id: row.id, organizationId, version: input.expectedVersion, deletedAt: null },
    data: { benefit: input.benefit === null ? Prisma.DbNull : (input.benefit as unknown as Prisma.InputJsonValue), version: { increment: 1 } },
  });
  if (count === 0) throw await conflictFor(tx, organizationId, row.id);
  // The rollup copies the use case's updatedAt (the portfolio's freshness); keep it in step.
  await refreshRollups(tx, organizationId, [row.id]);
  await audit(tx, {
    organizationId,
    actorId: ctx.actorId,
    action: VALUE_AUDIT.benefitSet,
    entity: USE_CASE_ENTITY,
    entityId: row.id,
    before: { benefit: before.benefit ?? null },
    after: { benefit: input.benefit },
  });
  return { id: row.id, version: input.expectedVersion + 1, changed: true };
}

/** Finance or an admin sets what an hour saved is worth (null: back to the documented default). */
export async function setValueHourlyRate(tx: Tx, ctx: WriteContext, rateCents: number | null): Promise<{ rateCents: number | null; changed: boolean }> {
  const { organizationId } = ctx;
  const before = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { valueHourlyRateCents: true } });
  if (before.valueHourlyRateCents === rateCents) return { rateCents, changed: false };
  await tx.organization.update({ where: { id: organizationId }, data: { valueHourlyRateCents: rateCents } });
  await audit(tx, {
    organizationId,
    actorId: ctx.actorId,
    action: VALUE_AUDIT.rateSet,
    entity: "Organization",
    entityId: organizationId,
    before: { valueHourlyRateCents: before.valueHourlyRateCents },
    after: { valueHourlyRateCents: rateCents },
  });
  return { rateCents, changed: true };
}

/** Finance or an admin sets (or, with a null amount, removes) a business unit's budget for a year. */
export async function setBusinessUnitBudget(tx: Tx, ctx: WriteContext, input: BudgetInput): Promise<{ changed: boolean }> {
  const { organizationId } = ctx;
  const key = { organizationId_year_businessUnit: { organizationId, year: input.year, businessUnit: input.businessUnit } };
  const before = await tx.businessUnitBudget.findUnique({ where: key, select: { id: true, amountCents: true } });
  const beforeCents = before ? Number(before.amountCents) : null;
  if (beforeCents === input.amountCents) return { changed: false };
  let id: string;
  if (input.amountCents === null) {
    await tx.businessUnitBudget.delete({ where: key });
    id = before!.id;
  } else {
    const saved = await tx.businessUnitBudget.upsert({
      where: key,
      create: { organizationId, businessUnit: input.businessUnit, year: input.year, amountCents: BigInt(input.amountCents), updatedById: ctx.actorId },
      update: { amountCents: BigInt(input.amountCents), updatedById: ctx.actorId },
      select: { id: true },
    });
    id = saved.id;
  }
  await audit(tx, {
    organizationId,
    actorId: ctx.actorId,
    action: input.amountCents === null ? VALUE_AUDIT.budgetCleared : VALUE_AUDIT.budgetSet,
    entity: "BusinessUnitBudget",
    entityId: id,
    before: before ? { businessUnit: input.businessUnit, year: input.year, amountCents: beforeCents } : null,
    after: input.amountCents === null ? null : { businessUnit: input.businessUnit, year: input.year, amountCents: input.amountCents },
  });
  return { changed: true };
}
