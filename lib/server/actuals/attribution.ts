import "server-only";
import { createAttributor, type ActualCategory, type AttributionRule, type RuleField } from "@/lib/domain/actuals";
import type { Tx } from "../db";

/**
 * Rebuilds an organization's attributed spend (ActualSpend) from its active lines (imports not
 * undone, months not superseded) and its rules, inside the caller's transaction. The lines are
 * summed per month and key in SQL first, then attributed in memory (lib/domain/actuals/attribute.ts)
 * and written in batches. Run after every import, undo and rule change, and after a use-case
 * import or its undo (lib/server/actuals/reattribute.ts; single use-case changes re-attribute
 * only the lines they can move), so the spend always follows the current rules and external ids.
 */

const ACTIVE_KEYS = `
  SELECT to_char(l."month", 'YYYY-MM') AS "month", l."category", l."tag", l."resource", l."sku", l."account", sum(l."costCents")::text AS "cents"
    FROM "ActualLine" l
    JOIN "ActualImport" i ON i."id" = l."importId" AND i."organizationId" = $1 AND i."undoneAt" IS NULL
    JOIN "ActualImportMonth" m ON m."importId" = l."importId" AND m."month" = l."month" AND m."supersededById" IS NULL
   WHERE l."organizationId" = $1
   GROUP BY 1, 2, 3, 4, 5, 6`;

const INSERT_SPEND = `INSERT INTO "ActualSpend" ("organizationId", "useCaseId", "month", "category", "reason", "cents")
  SELECT $2, v."useCaseId", v."month", v."category", v."reason", v."cents"
  FROM jsonb_to_recordset($1::jsonb) AS v("useCaseId" text, "month" date, "category" text, "reason" text, "cents" bigint)`;

const CHUNK = 5_000;

/** foldTag (lib/domain/actuals/attribute.ts) in SQL, over a column or expression: surrounding spaces off, A–Z lower-cased. */
export function foldedTagSql(expression: string): string {
  return `translate(btrim(${expression}), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;
}

/**
 * Rewrites the yearly summary the portfolio reads (ActualSpendYear: a use case's months in one
 * row) from ActualSpend, for these use cases or (null) all of the organization's. Called wherever
 * ActualSpend changes, in the same transaction.
 */
export async function refreshSpendYears(tx: Tx, organizationId: string, useCaseIds: readonly string[] | null): Promise<void> {
  if (useCaseIds && !useCaseIds.length) return;
  await tx.$executeRawUnsafe(`SELECT "ActualSpendYear_refresh"($1, $2::text[])`, organizationId, useCaseIds ? [...useCaseIds] : null);
  // A whole organization's rows rewritten: the planner learns of them now, inside the transaction
  // (ANALYZE counts the transaction's own uncommitted rows), not when autovacuum gets round to it.
  // Without it the early warnings read in the same transaction (lib/server/actuals/warnings.ts)
  // were planned on the table's stale statistics: in the bench's first import (1,000 use cases)
  // that one statement ran 18 minutes before it was cancelled; with it the whole import took 18.6 s.
  // (A role that does not own the table: PostgreSQL warns and skips it; nothing fails.)
  if (!useCaseIds) await tx.$executeRawUnsafe(`ANALYZE "ActualSpendYear"`);
}

export async function rebuildSpend(tx: Tx, organizationId: string, options: { gone?: readonly string[] } = {}): Promise<{ rows: number }> {
  // `gone`: use cases about to be deleted outright, attributed nothing (their spend is not deleted with them).
  const notGone = options.gone?.length ? { id: { notIn: [...options.gone] } } : {};
  const [rules, useCases] = await Promise.all([
    tx.actualRule.findMany({ where: { organizationId, useCase: { deletedAt: null, ...notGone } }, select: { field: true, value: true, useCaseId: true, shareBp: true } }),
    tx.useCase.findMany({ where: { organizationId, deletedAt: null, externalId: { not: null }, ...notGone }, select: { id: true, externalId: true } }),
  ]);
  const byExternalId = new Map(useCases.map((u) => [u.externalId!, u.id]));
  const attributor = createAttributor(rules.map((r) => ({ ...r, field: r.field as RuleField })) as AttributionRule[], byExternalId);
  const keys = await tx.$queryRawUnsafe<{ month: string; category: ActualCategory; tag: string | null; resource: string; sku: string; account: string; cents: string }[]>(ACTIVE_KEYS, organizationId);
  for (const k of keys) attributor.add({ ...k, cents: BigInt(k.cents) });
  const spend = attributor.result();
  await tx.actualSpend.deleteMany({ where: { organizationId } });
  for (let i = 0; i < spend.length; i += CHUNK) {
    const chunk = spend.slice(i, i + CHUNK).map((s) => ({ useCaseId: s.useCaseId, month: `${s.month}-01`, category: s.category, reason: s.reason, cents: s.cents.toString() }));
    await tx.$executeRawUnsafe(INSERT_SPEND, JSON.stringify(chunk), organizationId);
  }
  await refreshSpendYears(tx, organizationId, null);
  return { rows: spend.length };
}
