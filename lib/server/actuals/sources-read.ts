import "server-only";
import { createSplitter, createTagResolver, type RuleField } from "@/lib/domain/actuals";
import { db, Prisma } from "../db";
import { titleOrderSql } from "../use-cases/title-order";
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

export interface UnattributedSource {
  resource: string;
  sku: string;
  account: string;
  tag: string | null;
  /** The tag is the external id of a use case in the trash (restoring it gives it this spend back), not of no use case at all. */
  tagInTrash: boolean;
  /**
   * The external ids the tag matches but for letter case or surrounding spaces, when there are
   * several ("AI-006" and "Ai-006"): it could be either, so it is given to neither.
   */
  tagAmbiguous: string[];
  cents: number;
}

/**
 * Where the unattributed spend of `year` (January to `throughMonth`, the months compared) comes from, summed per resource, SKU and account, largest
 * first: every active line (imports not undone, months not superseded) split as the attribution
 * splits it (createSplitter: a tag naming a live use case, else the rules of live use cases, the
 * share they leave unattributed), so the sources add up to the year's unattributed total to the
 * cent. Before, the list was every month imported (other years too) and left out any line a rule
 * named, so what a 60% share leaves, and what a trashed use case's rule gives back, was in the
 * total and in no source. Beyond `limit` sources, the rest is one sum (`others`).
 */
export async function unattributedSources(organizationId: string, year: number, limit = 20, throughMonth = 12): Promise<{ sources: UnattributedSource[]; others: { count: number; cents: number } }> {
  const { lines, rules, useCases, trashed } = await db.$transaction(async (tx) => {
    await withOrganizationScope(tx, organizationId);
    const [rules, useCases, trashed] = await Promise.all([
      tx.actualRule.findMany({ where: { organizationId, useCase: { deletedAt: null } }, select: { field: true, value: true, useCaseId: true, shareBp: true } }),
      tx.useCase.findMany({ where: { organizationId, deletedAt: null, externalId: { not: null } }, select: { id: true, externalId: true } }),
      tx.useCase.findMany({ where: { organizationId, deletedAt: { not: null }, externalId: { not: null } }, select: { id: true, externalId: true } }),
    ]);
    // Only lines that can leave anything unattributed: no tag, or one no live use case has.
    const lines = await tx.$queryRaw<{ tag: string | null; resource: string; sku: string; account: string; cents: string }[]>(Prisma.sql`
      SELECT l."tag", l."resource", l."sku", l."account", sum(l."costCents")::text AS "cents"
        FROM "ActualLine" l
        JOIN "ActualImport" i ON i."id" = l."importId" AND i."organizationId" = ${organizationId} AND i."undoneAt" IS NULL
        JOIN "ActualImportMonth" m ON m."importId" = l."importId" AND m."month" = l."month" AND m."supersededById" IS NULL
       WHERE l."organizationId" = ${organizationId}
         AND l."month" >= ${new Date(Date.UTC(year, 0, 1))} AND l."month" < ${new Date(Date.UTC(year, Math.min(12, Math.max(1, Math.trunc(throughMonth))), 1))}
         AND (l."tag" IS NULL OR NOT EXISTS (SELECT 1 FROM "UseCase" u WHERE u."organizationId" = ${organizationId} AND u."externalId" = l."tag" AND u."deletedAt" IS NULL))
       GROUP BY l."month", l."category", l."tag", l."resource", l."sku", l."account"`);
    return { lines, rules, useCases, trashed };
  });
  // Grouped per month, category and key exactly as rebuildSpend groups them, so each split is the one attribution made.
  const live = new Map(useCases.map((u) => [u.externalId!, u.id]));
  const split = createSplitter(rules.map((r) => ({ ...r, field: r.field as RuleField })), live);
  // A tag is matched as the attribution matches it (exactly, else ignoring letter case and surrounding spaces).
  const resolveLive = createTagResolver(live);
  const resolveTrashed = createTagResolver(new Map(trashed.map((u) => [u.externalId!, u.id])));
  const bySource = new Map<string, UnattributedSource & { exact: bigint }>();
  for (const l of lines) {
    const left = split({ ...l, cents: BigInt(l.cents) }).filter((p) => p.useCaseId === null).reduce((n, p) => n + p.cents, 0n);
    if (left === 0n) continue;
    const k = [l.resource, l.sku, l.account].join("\u0001");
    const s = bySource.get(k);
    if (s) {
      s.exact += left;
      if (l.tag !== null && (s.tag === null || l.tag < s.tag)) s.tag = l.tag;
    } else bySource.set(k, { resource: l.resource, sku: l.sku, account: l.account, tag: l.tag, tagInTrash: false, tagAmbiguous: [], cents: 0, exact: left });
  }
  for (const s of bySource.values()) {
    if (s.tag === null) continue;
    s.tagAmbiguous = resolveLive(s.tag).ambiguous;
    s.tagInTrash = !s.tagAmbiguous.length && resolveTrashed(s.tag).useCaseId !== null;
  }
  const all = [...bySource.values()]
    .filter((s) => s.exact !== 0n)
    .map(({ exact, ...s }) => ({ ...s, cents: Number(exact) }))
    .sort((a, b) => b.cents - a.cents || a.resource.localeCompare(b.resource) || a.sku.localeCompare(b.sku) || a.account.localeCompare(b.account));
  const rest = all.slice(limit);
  return { sources: all.slice(0, limit), others: { count: rest.length, cents: rest.reduce((n, s) => n + s.cents, 0) } };
}

/** Live use cases to choose from in a rule, by title as people read them (the list's order, not byte order). */
export async function useCaseChoices(organizationId: string): Promise<{ id: string; title: string; externalId: string | null }[]> {
  return db.$queryRaw`SELECT u."id", u."title", u."externalId" FROM "UseCase" u
    WHERE u."organizationId" = ${organizationId} AND u."deletedAt" IS NULL ORDER BY ${titleOrderSql("asc")} LIMIT 5000`;
}
