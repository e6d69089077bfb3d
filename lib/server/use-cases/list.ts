import "server-only";
import type { Approach } from "@/lib/domain/assessment";
import type { Evidence } from "@/lib/domain/frameworks";
import { NOT_RECORDED, splitApproaches, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import type { UseCaseFields } from "@/lib/domain/use-case";
import type { SortColumn, UseCaseListQuery } from "@/lib/domain/use-case-list";
import { db, Prisma } from "../db";
import { useCaseWhere } from "../portfolio/filter-sql";
import { textOrderSql, titleOrderSql } from "./title-order";
import { namesOf, scoreFactsOf } from "./read";

/**
 * The use-case list: one page of the organization's use cases, filtered, searched, sorted and
 * paged by the database, with only what its columns show. Every query names the organization;
 * deleted use cases are left out (the trash is ./read.ts's).
 */

/** One row of the list: only what its columns show. */
export interface UseCaseListRow {
  id: string;
  title: string;
  businessUnit: string;
  ownerId: string;
  ownerName: string | null;
  status: UseCaseFields["status"];
  recommendedApproach: Approach | null;
  evidence: Evidence;
  agreementVotes: number;
  agreementVoters: number;
  /** How many frameworks did not vote (abstained, or turned off by the weights). */
  abstained: number;
  /** As on the use case (UseCaseDetail.defaultStart). */
  defaultStart: boolean;
  /** As on the use case (UseCaseDetail.trainingLacks). */
  trainingLacks: string[];
  chosenApproach: Approach | null;
  riskFlagCount: number;
  updatedAt: Date;
  /** Lifecycle cost as chosen (the decision, else the recommendation), base, in cents; null when not costed. */
  lifecycleBaseCents: number | null;
  /** That cost leaves out a figure that is missing. */
  lifecycleIncomplete: boolean;
  /** That cost is the owner's manual yearly estimate times the years, not the cost model's projection. */
  lifecycleManual: boolean;
}

export interface UseCaseListPage {
  rows: UseCaseListRow[];
  total: number;
  /** The page actually shown (a page past the end shows the last one). */
  page: number;
  pageSize: number;
}

/**
 * The rollup's `incomplete` values with the "as chosen" bit (1) set. The column holds five bits
 * (as chosen, as recommended, RAG, fine-tuning, hybrid: prisma/schema.prisma), and Prisma has no
 * bitwise filter, so the list names the odd values below 32; the raw statements test the bit.
 */
const INCOMPLETE_AS_CHOSEN = Array.from({ length: 16 }, (_, i) => 2 * i + 1);

/** Escapes LIKE's wildcards so that a search for "100%" means the text "100%". */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** What the search box searches (its label says so: SEARCH_LABEL in lib/domain/use-case-list.ts). */
const SEARCHED_COLUMNS = ["title", "description", "vendor", "topicArea", "additionalText"] as const;

/** The WHERE for a list view: organization, not deleted, the filter and the search. */
/** The column is one of the named approaches, or empty when NONE is among them. */
function approachIn(column: "recommendedApproach" | "chosenApproach", values: PortfolioFilter["chosen"]): Prisma.UseCaseWhereInput {
  const { named, none } = splitApproaches(values);
  return { OR: [...(named.length ? [{ [column]: { in: named } }] : []), ...(none ? [{ [column]: null }] : [])] };
}

export function listWhere(organizationId: string, filter: PortfolioFilter, q: string): Prisma.UseCaseWhereInput {
  const and: Prisma.UseCaseWhereInput[] = [];
  if (filter.businessUnit.length) and.push({ businessUnit: { in: filter.businessUnit } });
  if (filter.status.length) and.push({ status: { in: filter.status } });
  if (filter.ownerId.length) and.push({ ownerId: { in: filter.ownerId } });
  if (filter.recommended.length) and.push(approachIn("recommendedApproach", filter.recommended));
  if (filter.chosen.length) and.push(approachIn("chosenApproach", filter.chosen));
  if (filter.asChosen.length) and.push({ OR: [{ chosenApproach: { in: filter.asChosen } }, { chosenApproach: null, recommendedApproach: { in: filter.asChosen } }] });
  if (filter.flag.length) and.push({ riskFlags: { hasSome: filter.flag } });
  if (filter.evidence.length) and.push({ evidence: { in: filter.evidence } });
  if (filter.disagreement.length) and.push({ OR: filter.disagreement.map((v) => ({ disagreement: v === "yes" })) });
  // Awaiting a decision, as the queue counts it (lib/domain/decisions/queue.ts, awaitsDecision): Prisma's where cannot call
  // its SQL function ("UseCase_awaitsDecision", which ../portfolio/filter-sql.ts calls for the sorts by text), so here it is again.
  if (filter.awaitingDecision.length === 1) {
    const awaiting: Prisma.UseCaseWhereInput = {
      OR: [
        { status: { not: "RETIRED" }, recommendedApproach: { not: null }, OR: [{ chosenApproach: null }, { decision: { is: { state: "SENT_BACK" } } }] },
        { decision: { is: { state: "PROPOSED" } } },
      ],
    };
    and.push(filter.awaitingDecision[0] === "yes" ? awaiting : { NOT: awaiting });
  }
  // As chosen, from the use case's rollup row: the tests the dashboard's coverage counts by (lib/server/portfolio/filter-sql.ts).
  if (filter.costs.length) {
    and.push({
      OR: filter.costs.map((c): Prisma.UseCaseWhereInput =>
        c === "NOT_COSTED" ? { rollup: { is: { chosenBaseCents: null, evidence: { not: "none" } } } } : { rollup: { is: { incomplete: { in: INCOMPLETE_AS_CHOSEN } } } },
      ),
    });
  }
  for (const key of ["highImpact", "sourcing", "stage", "euRiskTier"] as const) {
    const values = filter[key] as readonly string[];
    if (!values.length) continue;
    const named = values.filter((v) => v !== NOT_RECORDED);
    and.push({ OR: [...(named.length ? [{ [key]: { in: named } }] : []), ...(values.includes(NOT_RECORDED) ? [{ [key]: null }] : [])] });
  }
  if (filter.personalData.length) {
    const ors: Prisma.UseCaseWhereInput[] = filter.personalData.map((v) => ({ personalData: v === NOT_RECORDED ? null : v === "yes" }));
    and.push({ OR: ors });
  }
  if (q) {
    const pattern = escapeLike(q);
    // Search: title, description, the vendor, the topic area and the additional fields kept from an import.
    and.push({
      OR: SEARCHED_COLUMNS.map((column) => ({ [column]: { contains: pattern, mode: "insensitive" } })),
    });
  }
  return { organizationId, deletedAt: null, ...(and.length ? { AND: and } : {}) };
}

/** The search as SQL over `"UseCase" u`: the same columns and the same case-insensitive match as listWhere's. */
function searchSql(q: string): Prisma.Sql {
  if (!q) return Prisma.empty;
  const pattern = `%${escapeLike(q)}%`;
  const ors = SEARCHED_COLUMNS.map((c) => Prisma.sql`u.${Prisma.raw(`"${c}"`)} ILIKE ${pattern}`);
  return Prisma.sql` AND (${Prisma.join(ors, " OR ")})`;
}

/**
 * One page of ids sorted by title or business unit as people read them (Prisma cannot order by an
 * expression): by the unit, ties as the other sorts break them (latest change first, then id).
 */
async function idsByText(organizationId: string, query: UseCaseListQuery, skip: number, take: number): Promise<string[]> {
  const order = query.sort === "businessUnit" ? Prisma.sql`${textOrderSql("businessUnit", query.dir)}, u."updatedAt" DESC, u."id" ASC` : titleOrderSql(query.dir);
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT u."id" FROM "UseCase" u
    WHERE ${useCaseWhere(organizationId, query.filter, "u")}${searchSql(query.q)}
    ORDER BY ${order} LIMIT ${take} OFFSET ${skip}`;
  return rows.map((r) => r.id);
}

const SORT_FIELD: Record<SortColumn, "title" | "businessUnit" | "status" | "recommendedApproach" | "chosenApproach" | "updatedAt"> = {
  title: "title",
  businessUnit: "businessUnit",
  status: "status",
  recommended: "recommendedApproach",
  chosen: "chosenApproach",
  updatedAt: "updatedAt",
};

function listOrderBy(sort: SortColumn, dir: "asc" | "desc"): Prisma.UseCaseOrderByWithRelationInput[] {
  const field = SORT_FIELD[sort];
  const primary: Prisma.UseCaseOrderByWithRelationInput =
    field === "recommendedApproach" || field === "chosenApproach" ? { [field]: { sort: dir, nulls: "last" } } : { [field]: dir };
  // A unique tie-breaker, so that paging never repeats or skips a row.
  return field === "updatedAt" ? [primary, { id: dir }] : [primary, { updatedAt: "desc" }, { id: "asc" }];
}

const LIST_SELECT = {
  id: true,
  title: true,
  businessUnit: true,
  ownerId: true,
  status: true,
  recommendedApproach: true,
  evidence: true,
  agreementVotes: true,
  agreementVoters: true,
  chosenApproach: true,
  riskFlags: true,
  updatedAt: true,
} as const satisfies Prisma.UseCaseSelect;

/**
 * One page of the organization's use cases for a list view: filter, search (SEARCHED_COLUMNS,
 * case-insensitive), sort and page all done by the database; only the page's rows are read, with
 * a count beside them. A page past the end gives the last page.
 */
export async function listUseCases(organizationId: string, query: UseCaseListQuery): Promise<UseCaseListPage> {
  const where = listWhere(organizationId, query.filter, query.q);
  const orderBy = listOrderBy(query.sort, query.dir);
  const take = query.pageSize;
  let page = query.page;
  const pageRows = async (n: number) => {
    if (query.sort !== "title" && query.sort !== "businessUnit") return db.useCase.findMany({ where, orderBy, skip: (n - 1) * take, take, select: LIST_SELECT });
    const ids = await idsByText(organizationId, query, (n - 1) * take, take);
    const found = new Map((await db.useCase.findMany({ where: { organizationId, id: { in: ids } }, select: LIST_SELECT })).map((r) => [r.id, r]));
    return ids.flatMap((id) => found.get(id) ?? []);
  };
  let [total, rows] = await Promise.all([db.useCase.count({ where }), pageRows(page)]);
  if (rows.length === 0 && total > 0 && page > 1) {
    page = Math.max(1, Math.ceil(total / take));
    rows = await pageRows(page);
  }
  const ids = rows.map((r) => r.id);
  const [names, costs, facts, manualSets] = await Promise.all([
    namesOf(rows.map((r) => r.ownerId)),
    db.useCaseRollup.findMany({ where: { organizationId, useCaseId: { in: ids } }, select: { useCaseId: true, chosenBaseCents: true, incomplete: true } }),
    scoreFactsOf(organizationId, rows),
    // Which approaches of these use cases are priced by their owner's manual estimate, not the model.
    db.costYearSet.findMany({ where: { organizationId, useCaseId: { in: ids }, manual: true }, select: { useCaseId: true, approach: true } }),
  ]);
  const costOf = new Map(costs.map((c) => [c.useCaseId, c]));
  const manual = new Set(manualSets.map((m) => `${m.useCaseId}|${m.approach}`));
  return {
    rows: rows.map((r) => ({
      id: r.id,
      title: r.title,
      businessUnit: r.businessUnit,
      ownerId: r.ownerId,
      ownerName: names.get(r.ownerId) ?? null,
      status: r.status,
      recommendedApproach: r.recommendedApproach,
      evidence: r.evidence,
      agreementVotes: r.agreementVotes,
      agreementVoters: r.agreementVoters,
      abstained: facts.abstained.get(r.id)?.length ?? 0,
      defaultStart: facts.defaultStart.has(r.id),
      trainingLacks: facts.trainingLacks.get(r.id) ?? [],
      chosenApproach: r.chosenApproach,
      riskFlagCount: r.riskFlags.length,
      updatedAt: r.updatedAt,
      lifecycleBaseCents: costOf.get(r.id)?.chosenBaseCents == null ? null : Number(costOf.get(r.id)!.chosenBaseCents),
      lifecycleIncomplete: ((costOf.get(r.id)?.incomplete ?? 0) & 1) === 1,
      // As chosen, as the rollup's cost is: the decision, else the recommendation.
      lifecycleManual: costOf.get(r.id)?.chosenBaseCents != null && manual.has(`${r.id}|${r.chosenApproach ?? r.recommendedApproach}`),
    })),
    total,
    page,
    pageSize: take,
  };
}

