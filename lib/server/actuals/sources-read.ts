import "server-only";
import { db, Prisma } from "../db";
import { withOrganizationScope } from "../rls";

/**
 * What the actual-spend page lists beside the variance (lib/server/actuals/read.ts): the
 * organization's imports of bills, its attribution rules, the sources no rule or tag attributes
 * yet, and the use cases a rule may name.
 */

export interface ImportSummary {
  id: string;
  at: string;
  by: string | null;
  fileName: string;
  feed: string;
  format: string;
  rows: number;
  refusedRows: number;
  totalCents: number;
  months: { month: string; cents: number; replacedBy: string | null }[];
  undoneAt: string | null;
}

/** The organization's imports of actual spend, newest first, with each month and whether a later file replaced it. */
export async function listActualImports(organizationId: string, take = 50): Promise<ImportSummary[]> {
  const rows = await db.actualImport.findMany({ where: { organizationId }, orderBy: { createdAt: "desc" }, take, include: { months: { orderBy: { month: "asc" } } } });
  const users = await db.user.findMany({ where: { id: { in: rows.map((r) => r.createdById).filter((x): x is string => !!x) } }, select: { id: true, name: true } });
  return rows.map((r) => ({
    id: r.id,
    at: r.createdAt.toISOString(),
    by: users.find((u) => u.id === r.createdById)?.name ?? null,
    fileName: r.fileName,
    feed: r.feed,
    format: r.format,
    rows: r.rows,
    refusedRows: r.refusedRows,
    totalCents: Number(r.totalCents),
    months: r.months.map((m) => ({ month: m.month.toISOString().slice(0, 7), cents: Number(m.totalCents), replacedBy: m.supersededById })),
    undoneAt: r.undoneAt?.toISOString() ?? null,
  }));
}

export async function listActualRules(organizationId: string) {
  const rules = await db.actualRule.findMany({ where: { organizationId }, orderBy: [{ field: "asc" }, { value: "asc" }, { shareBp: "desc" }], include: { useCase: { select: { id: true, title: true, deletedAt: true } } } });
  return rules.map((r) => ({ id: r.id, field: r.field, value: r.value, shareBp: r.shareBp, useCase: { id: r.useCase.id, title: r.useCase.title, deleted: !!r.useCase.deletedAt } }));
}

/**
 * Where the unattributed spend comes from: the active lines with no use-case tag (or a tag no use
 * case has) and no rule for their resource, SKU or account, summed per resource, SKU and account,
 * largest first. What finance writes rules for.
 */
export async function unattributedSources(organizationId: string, limit = 20) {
  const rows = await scopedRows<{ resource: string; sku: string; account: string; tag: string | null; cents: string }>(
    organizationId,
    Prisma.sql`
      SELECT l."resource", l."sku", l."account", min(l."tag") AS "tag", sum(l."costCents")::text AS "cents"
        FROM "ActualLine" l
        JOIN "ActualImport" i ON i."id" = l."importId" AND i."organizationId" = ${organizationId} AND i."undoneAt" IS NULL
        JOIN "ActualImportMonth" m ON m."importId" = l."importId" AND m."month" = l."month" AND m."supersededById" IS NULL
       WHERE l."organizationId" = ${organizationId}
         AND (l."tag" IS NULL OR NOT EXISTS (SELECT 1 FROM "UseCase" u WHERE u."organizationId" = ${organizationId} AND u."externalId" = l."tag" AND u."deletedAt" IS NULL))
         AND NOT EXISTS (SELECT 1 FROM "ActualRule" r WHERE r."organizationId" = ${organizationId}
               AND ((r."field" = 'resource' AND r."value" = l."resource") OR (r."field" = 'sku' AND r."value" = l."sku") OR (r."field" = 'account' AND r."value" = l."account")))
       GROUP BY 1, 2, 3
       ORDER BY sum(l."costCents") DESC, 1, 2, 3
       LIMIT ${limit}`,
  );
  return rows.map((r) => ({ ...r, cents: Number(r.cents) }));
}

async function scopedRows<T>(organizationId: string, query: Prisma.Sql): Promise<T[]> {
  return db.$transaction(async (tx) => {
    await withOrganizationScope(tx, organizationId);
    return tx.$queryRaw<T[]>(query);
  });
}

/** Live use cases to choose from in a rule. */
export async function useCaseChoices(organizationId: string) {
  return db.useCase.findMany({ where: { organizationId, deletedAt: null }, orderBy: { title: "asc" }, select: { id: true, title: true, externalId: true }, take: 5_000 });
}
