import "server-only";
import {
  assumedMakeup,
  assumedUnitCosts,
  alignedSentence,
  isAligned,
  CALL_PRICE_KEYS,
  compareCalls,
  createSplitter,
  foldTag,
  observeUnitCosts,
  pricesFromActuals,
  unitKind,
  type AttributionRule,
  type CallComparison,
  type CallsOfApproach,
  type Observed,
  type RuleField,
} from "@/lib/domain/actuals";
import { unitPrice } from "@/lib/domain/money";
import { currentAssumptions } from "../assumptions";
import { saveAssumptions, type SaveAssumptionsResult } from "../assumption-versions";
import { db, Prisma, type Approach } from "../db";
import { ConflictError, ValidationError } from "../errors";
import type { MemberContext } from "../guard";
import { withOrganizationScope } from "../rls";
import { foldedTagSql } from "./attribution";

/**
 * Learning from actuals: the inference lines of the imports that count, summed per unit, as
 * actual unit costs; the calls among them attributed to use cases (as their spend is: tag, else
 * finance's rules) and set against what those use cases' projections assume a call costs
 * (lib/domain/actuals/unit-costs.ts, compareCalls); and a new version started from that (through
 * the one save path: versioned, audited, every use case re-projected).
 */
export interface UnitCostComparison {
  version: number;
  /** The months the inference lines measured over span ("2026-01" to "2026-11"); null with none. */
  months: { from: string; to: string } | null;
  /** Every inference line the bills count, whoever it belongs to. */
  observed: Observed;
  /** The bare model call and blended token price of the current version. */
  assumed: ReturnType<typeof assumedUnitCosts>;
  /** The calls compared like for like with what their use cases' projections assume. */
  calls: CallComparison | null;
  proposal: ReturnType<typeof pricesFromActuals>;
}

type Line = { tag: string | null; resource: string; sku: string; account: string; unit: string; quantity: number; cents: string; from: string; to: string };

export async function loadUnitCosts(organizationId: string): Promise<UnitCostComparison> {
  const { lines, rules, useCases } = await db.$transaction(async (tx) => {
    await withOrganizationScope(tx, organizationId);
    const lines = await tx.$queryRaw<Line[]>(Prisma.sql`
      SELECT l."tag", l."resource", l."sku", l."account", l."unit", sum(l."quantity")::float8 AS "quantity", sum(l."costCents")::text AS "cents",
             to_char(min(l."month"), 'YYYY-MM') AS "from", to_char(max(l."month"), 'YYYY-MM') AS "to"
        FROM "ActualLine" l
        JOIN "ActualImport" i ON i."id" = l."importId" AND i."organizationId" = ${organizationId} AND i."undoneAt" IS NULL
        JOIN "ActualImportMonth" m ON m."importId" = l."importId" AND m."month" = l."month" AND m."supersededById" IS NULL
       WHERE l."organizationId" = ${organizationId} AND l."category" = 'INFERENCE'
       GROUP BY 1, 2, 3, 4, 5`);
    const rules = await tx.actualRule.findMany({ where: { organizationId, useCase: { deletedAt: null } }, select: { field: true, value: true, useCaseId: true, shareBp: true } });
    // Only the use cases a line can reach: those its tag names (any spelling of it, letter case and
    // surrounding spaces aside, as the attribution matches them), and those finance's rules share it among.
    const tags = [...new Set(lines.flatMap((l) => (l.tag === null ? [] : [foldTag(l.tag)])))];
    const ruled = [...new Set(rules.map((r) => r.useCaseId))];
    const tagged = tags.length
      ? (await tx.$queryRawUnsafe<{ id: string }[]>(
          `SELECT u."id" FROM "UseCase" u WHERE u."organizationId" = $1 AND u."deletedAt" IS NULL AND u."externalId" IS NOT NULL AND ${foldedTagSql(`u."externalId"`)} = ANY($2::text[])`,
          organizationId, tags,
        )).map((u) => u.id)
      : [];
    const ids = [...new Set([...tagged, ...ruled])];
    const useCases = ids.length === 0 ? [] : await tx.useCase.findMany({
      where: { organizationId, deletedAt: null, id: { in: ids } },
      select: { id: true, externalId: true, chosenApproach: true, recommendedApproach: true, overrides: true },
    });
    return { lines, rules, useCases };
  });
  const observed = observeUnitCosts(lines.map((l) => ({ unit: l.unit, quantity: Number(l.quantity), cents: Number(l.cents) })));
  const current = await currentAssumptions(db, organizationId);
  const months = lines.length ? { from: lines.map((l) => l.from).sort()[0]!, to: lines.map((l) => l.to).sort().at(-1)! } : null;
  const calls = compareCalls(current.set, ...callsByApproach(lines, rules, useCases));
  return { version: current.version, months, observed, assumed: assumedUnitCosts(current.set), calls, proposal: pricesFromActuals(current.set, calls) };
}

/**
 * The call-counted lines split among use cases as their spend is (createSplitter: the tag, else
 * finance's rules and shares), the calls in the same shares as the cents; summed per approach as
 * chosen for the use cases the organization's figures price, the rest left out with the reason.
 */
function callsByApproach(
  lines: readonly Line[],
  rules: readonly { field: string; value: string; useCaseId: string; shareBp: number }[],
  useCases: readonly { id: string; externalId: string | null; chosenApproach: Approach | null; recommendedApproach: Approach | null; overrides: unknown }[],
): [CallsOfApproach[], CallComparison["leftOut"]] {
  const byExternalId = new Map(useCases.filter((u) => u.externalId).map((u) => [u.externalId!, u.id]));
  const split = createSplitter(rules.map((r) => ({ ...r, field: r.field as RuleField })) as AttributionRule[], byExternalId);
  const per = new Map<string | null, { calls: number; cents: number }>();
  const add = (id: string | null, k: "calls" | "cents", n: bigint) => {
    const t = per.get(id) ?? { calls: 0, cents: 0 };
    t[k] += Number(n);
    per.set(id, t);
  };
  for (const l of lines) {
    const kind = unitKind(l.unit);
    if (kind?.kind !== "calls" || !(Number(l.quantity) > 0)) continue;
    for (const p of split({ ...l, cents: BigInt(l.cents) })) add(p.useCaseId, "cents", p.cents);
    for (const p of split({ ...l, cents: BigInt(Math.round(Number(l.quantity) * kind.scale)) })) add(p.useCaseId, "calls", p.cents);
  }
  const byId = new Map(useCases.map((u) => [u.id, u]));
  const groups: CallsOfApproach[] = [];
  const unattributed = { calls: 0, cents: 0, why: "not attributed to any use case" };
  const ownFigures = { calls: 0, cents: 0, why: "their use cases are priced with figures of their own (a model or overrides of the tokens, prices or factors)" };
  const noApproach = { calls: 0, cents: 0, why: "their use cases have no approach, chosen or recommended" };
  for (const [id, t] of per) {
    const u = id ? byId.get(id) : undefined;
    const approach = u ? (u.chosenApproach ?? u.recommendedApproach) : null;
    const target = !u ? unattributed : !approach ? noApproach : hasOwnCallFigures(u.overrides) ? ownFigures : null;
    if (target) {
      target.calls += t.calls;
      target.cents += t.cents;
    } else groups.push({ approach: approach!, ...t });
  }
  return [groups, [unattributed, ownFigures, noApproach]];
}

/** A use case's overrides touch what a call is priced at (or name its own model, or hold the figures of before the token split). */
function hasOwnCallFigures(overrides: unknown): boolean {
  if (!overrides || typeof overrides !== "object") return false;
  const o = overrides as Record<string, unknown>;
  return [...CALL_PRICE_KEYS, "model", "modelPricePer1kTokens", "tokensPerCall"].some((k) => o[k] !== undefined && o[k] !== null);
}

export async function startVersionFromActuals(ctx: MemberContext, input: { expectedVersion: number }): Promise<SaveAssumptionsResult> {
  const { version, calls, proposal } = await loadUnitCosts(ctx.organization.id);
  const current = await currentAssumptions(db, ctx.organization.id);
  // A page opened on another version showed figures against it: that is said first (saveAssumptions says it again under its lock).
  if (current.version !== input.expectedVersion) {
    throw new ConflictError(`Someone saved version ${current.version} of the assumptions since you opened this page (you were looking at version ${input.expectedVersion}). Reload to see the comparison against it.`, { currentVersion: current.version });
  }
  if (!proposal || !calls) throw new ValidationError("There is no actual cost per call to start from: import inference spend counted in requests or calls, attributed to use cases whose projections price their calls.");
  if (isAligned(proposal.ratio)) throw new ValidationError(alignedSentence(proposal.ratio));
  const note = `From actual spend: ${unitPrice(calls.actual.usdPerCall)} a call over ${Math.round(calls.actual.count).toLocaleString("en-US")} calls attributed to use cases, against ${unitPrice(calls.assumed.base ?? 0)} their projections assume in version ${version} (${assumedMakeup(calls)}); model prices scaled by ${proposal.ratio.toFixed(3)}.`;
  return saveAssumptions(ctx, {
    expectedVersion: input.expectedVersion,
    fineTuneMethod: current.set.fineTuneMethod,
    ftDeployment: current.set.ftDeployment,
    model: current.set.model,
    values: { ...current.set.values, ...proposal.values },
    note: note.slice(0, 500),
  });
}
