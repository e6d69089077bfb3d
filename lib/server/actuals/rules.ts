import "server-only";
import { FULL_SHARE_BP, RULE_FIELD_LABELS, type RuleField } from "@/lib/domain/actuals";
import { audit } from "../audit";
import { NotFoundError, ValidationError } from "../errors";
import { rebuildSpend } from "./attribution";
import { watchWarnings } from "./warnings";
import { assertMayManageActuals, inActualsTransaction, type ActualsActor } from "./import";

/**
 * Finance's attribution rules: a resource, SKU or account → a use case, with a share (basis
 * points) for shared resources. Saving or deleting one re-attributes the organization's spend in
 * the same transaction, audited. The shares given for one resource (or SKU, or account) may not
 * add up to more than 100%; what they leave stays unattributed.
 */
export const RULE_ENTITY = "ActualRule";
export const RULE_SAVED_ACTION = "actuals.rule_saved";
export const RULE_DELETED_ACTION = "actuals.rule_deleted";

export async function saveRule(actor: ActualsActor, input: { field: RuleField; value: string; useCaseId: string; shareBp: number }) {
  assertMayManageActuals(actor);
  const { organizationId } = actor;
  return inActualsTransaction(organizationId, async (tx) => {
    const useCase = await tx.useCase.findFirst({ where: { id: input.useCaseId, organizationId, deletedAt: null }, select: { id: true, title: true } });
    if (!useCase) throw new NotFoundError("That use case does not exist.");
    const existing = await tx.actualRule.findFirst({ where: { organizationId, field: input.field, value: input.value, useCaseId: input.useCaseId } });
    const others = await tx.actualRule.aggregate({ where: { organizationId, field: input.field, value: input.value, NOT: { useCaseId: input.useCaseId } }, _sum: { shareBp: true } });
    const given = others._sum.shareBp ?? 0;
    if (given + input.shareBp > FULL_SHARE_BP) {
      const left = (FULL_SHARE_BP - given) / 100;
      throw new ValidationError(`Other rules already give ${given / 100}% of this ${RULE_FIELD_LABELS[input.field].toLowerCase()}; at most ${left}% is left to give.`, {
        sharePct: [`At most ${left}% is left.`],
      });
    }
    const warnings = await watchWarnings(tx, organizationId, "all");
    const rule = existing
      ? await tx.actualRule.update({ where: { id: existing.id }, data: { shareBp: input.shareBp } })
      : await tx.actualRule.create({ data: { organizationId, field: input.field, value: input.value, useCaseId: input.useCaseId, shareBp: input.shareBp, createdById: actor.userId } });
    await rebuildSpend(tx, organizationId);
    await audit(tx, {
      organizationId,
      actorId: actor.userId,
      action: RULE_SAVED_ACTION,
      entity: RULE_ENTITY,
      entityId: rule.id,
      before: existing ? { field: existing.field, value: existing.value, useCaseId: existing.useCaseId, shareBp: existing.shareBp } : null,
      after: { field: rule.field, value: rule.value, useCaseId: rule.useCaseId, useCase: useCase.title, shareBp: rule.shareBp },
    });
    await warnings.close(actor.userId);
    return { id: rule.id };
  });
}

export async function deleteRule(actor: ActualsActor, input: { id: string }) {
  assertMayManageActuals(actor);
  const { organizationId } = actor;
  return inActualsTransaction(organizationId, async (tx) => {
    const rule = await tx.actualRule.findFirst({ where: { id: input.id, organizationId } });
    if (!rule) throw new NotFoundError("That rule does not exist.");
    const warnings = await watchWarnings(tx, organizationId, "all");
    await tx.actualRule.delete({ where: { id: rule.id } });
    await rebuildSpend(tx, organizationId);
    await audit(tx, {
      organizationId,
      actorId: actor.userId,
      action: RULE_DELETED_ACTION,
      entity: RULE_ENTITY,
      entityId: rule.id,
      before: { field: rule.field, value: rule.value, useCaseId: rule.useCaseId, shareBp: rule.shareBp },
      after: null,
    });
    await warnings.close(actor.userId);
    return { deleted: true };
  });
}
