import "server-only";
import { compareByName, compareText } from "@/lib/domain/title-order";
import type { Approach } from "@/lib/domain/assessment";
import type { Evidence } from "@/lib/domain/frameworks";
import { findSimilarTitles } from "@/lib/domain/similar-titles";
import type { UseCaseFields } from "@/lib/domain/use-case";
import { isStorableText } from "@/lib/domain/text";
import { db, Prisma, type Db, type Role, type Tx } from "../db";
import { EDITABLE_SELECT, rowToFields } from "./mapping";
import { USE_CASE_AUDIT, USE_CASE_ENTITY, USE_CASE_IMPORTED_ACTION as IMPORTED_ACTION } from "./write";

/**
 * Reading use cases: one for its pages, the trash, its history, similar titles. Every query names
 * the organization; deleted use cases are left out except where the trash is asked for. The list
 * is ./list.ts.
 */

/** One use case as the detail and edit pages need it. */
export interface UseCaseDetail {
  id: string;
  version: number;
  fields: UseCaseFields & { ownerId: string };
  owner: { id: string; name: string } | null;
  createdBy: { id: string; name: string } | null;
  chosenApproach: Approach | null;
  decisionNotes: string;
  recommendedApproach: Approach | null;
  evidence: Evidence;
  agreementVotes: number;
  agreementVoters: number;
  /** The recommendation is the sources' default starting approach while key answers are missing (a provisional score's basis and leaning; scoreFactsOf). */
  defaultStart: boolean;
  /**
   * Of a default start, the training prerequisites the answers say are missing (a prompted base
   * model already meets the bar, too few labeled examples, no retraining budget): then it is those
   * answers, not the missing ones, that keep a model from being trained (scoreFactsOf).
   */
  trainingLacks: string[];
  /** Why each framework that did not vote did not (scoreFactsOf); empty where none voted. */
  abstained: string[];
  disagreement: boolean;
  riskFlags: string[];
  scoredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

/** A use case of the organization; null when there is none (or it is deleted, unless asked for). */
export async function getUseCase(organizationId: string, id: string, options: { includeDeleted?: boolean } = {}): Promise<UseCaseDetail | null> {
  // An id from the URL that no row can have (a NUL would fail the query itself) finds nothing.
  if (typeof id !== "string" || id.length === 0 || id.length > 64 || !isStorableText(id)) return null;
  const row = await db.useCase.findFirst({
    where: { id, organizationId, ...(options.includeDeleted ? {} : { deletedAt: null }) },
    select: {
      ...EDITABLE_SELECT,
      createdById: true,
      recommendedApproach: true,
      evidence: true,
      agreementVotes: true,
      agreementVoters: true,
      disagreement: true,
      riskFlags: true,
      scoredAt: true,
      createdAt: true,
    },
  });
  if (!row) return null;
  const [people, facts] = await Promise.all([namesOf([row.ownerId, row.createdById]), scoreFactsOf(organizationId, [row])]);
  const person = (uid: string) => (people.has(uid) ? { id: uid, name: people.get(uid)! } : null);
  return {
    id: row.id,
    version: row.version,
    fields: rowToFields(row),
    owner: person(row.ownerId),
    createdBy: person(row.createdById),
    chosenApproach: row.chosenApproach,
    decisionNotes: row.decisionNotes,
    recommendedApproach: row.recommendedApproach,
    evidence: row.evidence,
    agreementVotes: row.agreementVotes,
    agreementVoters: row.agreementVoters,
    defaultStart: facts.defaultStart.has(row.id),
    trainingLacks: facts.trainingLacks.get(row.id) ?? [],
    abstained: facts.abstained.get(row.id) ?? [],
    disagreement: row.disagreement,
    riskFlags: row.riskFlags,
    scoredAt: row.scoredAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt,
  };
}

/** Display names for user ids (only those asked for). */
export async function namesOf(ids: readonly string[], client: Db | Tx = db): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (unique.length === 0) return new Map();
  const users = await client.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

export interface MemberOption {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/**
 * Whether the organization has a use case outside the trash: a new one has none, and its pages
 * point to the first steps instead (lib/server/first-steps.ts).
 */
export async function hasUseCases(organizationId: string): Promise<boolean> {
  return (await db.useCase.findFirst({ where: { organizationId, deletedAt: null }, select: { id: true } })) !== null;
}

/** The organization's members, for the owner picker and the owner filter. */
export async function listMembers(organizationId: string): Promise<MemberOption[]> {
  const rows = await db.membership.findMany({
    where: { organizationId },
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
  });
  // By name as people read it (ORDER BY "name" put "Zoë" before "adam" on the embedded database).
  return rows.map((r) => ({ id: r.user.id, name: r.user.name, email: r.user.email, role: r.role })).sort(compareByName);
}

/** The business units in use, for the filter (GROUP BY over the [organizationId, businessUnit] index). */
export async function listBusinessUnits(organizationId: string): Promise<string[]> {
  // The live use cases' distinct units, in order, read as a skip scan of the rollup's index by
  // organization and unit (one probe a unit), so that it costs the same at any number of use
  // cases. The rollup row carries its use case's unit and is rebuilt with every write of it.
  const rows = await db.$queryRaw<{ businessUnit: string }[]>`
    WITH RECURSIVE unit AS (
      (SELECT r."businessUnit" FROM "UseCaseRollup" r
        WHERE r."organizationId" = ${organizationId} AND r."deletedAt" IS NULL AND r."businessUnit" <> ''
        ORDER BY r."businessUnit" LIMIT 1)
      UNION ALL
      SELECT (SELECT r."businessUnit" FROM "UseCaseRollup" r
               WHERE r."organizationId" = ${organizationId} AND r."deletedAt" IS NULL AND r."businessUnit" > unit."businessUnit"
               ORDER BY r."businessUnit" LIMIT 1)
        FROM unit WHERE unit."businessUnit" IS NOT NULL
    )
    SELECT "businessUnit" FROM unit WHERE "businessUnit" IS NOT NULL`;
  // The skip scan walks the index in byte order ("Zebra" before "apple", "Émission" last): sorted
  // here as people read them, as the list's business-unit sort does (lib/domain/title-order.ts).
  return rows.map((r) => r.businessUnit).sort(compareText);
}

/**
 * What the pages read of these use cases' stored scores, in one statement:
 *  - `defaultStart`: recommended as the sources' default starting approach while key answers are missing (the
 *    score's basis and its leaning: provisional, the frameworks leaning to training a model whose
 *    prerequisites are unanswered). Only provisional ones can be. A default start that stands in
 *    for picks held back as unable to serve the use case has no leaning, and is not one of these
 *    (labels.ts says it apart).
 *  - `trainingLacks`: of a default start, the training prerequisites its lean names as known to be
 *    missing (the leaning's `missing`), by answer key; none where only unanswered ones hold it.
 *  - `abstained`: why each framework that did not vote did not (the score's agreement.abstained:
 *    it abstained, or the organization's weights turned it off), one entry per framework; only for
 *    use cases some framework voted on (with no voter, no count is shown).
 * Only the use cases that can have either are read.
 */
export async function scoreFactsOf(
  organizationId: string,
  rows: readonly { id: string; evidence: Evidence; agreementVoters: number }[],
): Promise<{ defaultStart: Set<string>; trainingLacks: Map<string, string[]>; abstained: Map<string, string[]> }> {
  const ids = rows.filter((r) => r.evidence === "provisional" || r.agreementVoters > 0).map((r) => r.id);
  if (ids.length === 0) return { defaultStart: new Set(), trainingLacks: new Map(), abstained: new Map() };
  const found = await db.$queryRaw<{ id: string; defaultStart: boolean; lacks: unknown; abstained: unknown }[]>`
    SELECT id,
           ${defaultStartSql(Prisma.sql`evidence`, Prisma.sql`score`)} AS "defaultStart",
           ${TRAINING_LACKS_SQL(Prisma.sql`score`)} AS lacks,
           CASE WHEN "agreementVoters" > 0 THEN score->'agreement'->'abstained' END AS abstained
      FROM "UseCase" WHERE "organizationId" = ${organizationId} AND id = ANY(${ids}::text[])`;
  return {
    defaultStart: new Set(found.filter((r) => r.defaultStart === true).map((r) => r.id)),
    trainingLacks: new Map(found.filter((r) => r.defaultStart === true).map((r) => [r.id, lacksOf(r.lacks)])),
    abstained: new Map(found.filter((r) => r.abstained !== null).map((r) => [r.id, whysOf(r.abstained)])),
  };
}

/** Whether a stored score is a default start while key answers are missing (scoreFactsOf), as SQL over its evidence and score columns. */
export function defaultStartSql(evidence: Prisma.Sql, score: Prisma.Sql): Prisma.Sql {
  // Provisional, or (since judgement 2.14) assessed with no prompted base model tried yet: the lean waits on that answer.
  return Prisma.sql`(${score}->>'basis' = 'default-start' AND jsonb_typeof(${score}->'leaning') = 'object' AND (${evidence} = 'provisional' OR ${score}->'leaning'->'unknowns' @> '["promptedBaselineMeetsBar"]'::jsonb))`;
}

/** A stored score's lean's training prerequisites known to be missing (a JSON array of answer keys, or null), as SQL over its score column. */
export const TRAINING_LACKS_SQL = (score: Prisma.Sql) => Prisma.sql`(CASE WHEN jsonb_typeof(${score}->'leaning'->'missing') = 'array' THEN ${score}->'leaning'->'missing' END)`;

/** The answer keys of TRAINING_LACKS_SQL's array, the strings only. */
export function lacksOf(lacks: unknown): string[] {
  return Array.isArray(lacks) ? lacks.filter((k): k is string => typeof k === "string") : [];
}

/** The number of frameworks that did not vote, as SQL over the use case `u` (the queue's statement). */
export const ABSTAINED_SQL = Prisma.sql`(CASE WHEN jsonb_typeof(u.score->'agreement'->'abstained') = 'array' THEN jsonb_array_length(u.score->'agreement'->'abstained') ELSE 0 END)::int`;

function whysOf(abstained: unknown): string[] {
  if (!Array.isArray(abstained)) return [];
  return abstained.map((a) => (a && typeof a === "object" && typeof (a as { why?: unknown }).why === "string" ? (a as { why: string }).why : ""));
}

export interface TrashRow {
  id: string;
  title: string;
  businessUnit: string;
  ownerId: string;
  ownerName: string | null;
  deletedAt: Date;
  deletedBy: { id: string; name: string } | null;
}

/** The organization's deleted use cases, most recently deleted first. */
export async function listTrash(organizationId: string, options: { page?: number; pageSize?: number } = {}): Promise<{ rows: TrashRow[]; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(Math.max(options.pageSize ?? 50, 1), 100);
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const where: Prisma.UseCaseWhereInput = { organizationId, deletedAt: { not: null } };
  const [total, rows] = await Promise.all([
    db.useCase.count({ where }),
    db.useCase.findMany({
      where,
      orderBy: [{ deletedAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, title: true, businessUnit: true, ownerId: true, deletedAt: true },
    }),
  ]);
  const ids = rows.map((r) => r.id);
  const deletions = ids.length
    ? await db.auditEvent.findMany({
        where: { organizationId, entity: USE_CASE_ENTITY, entityId: { in: ids }, action: "use_case.deleted" },
        orderBy: { at: "desc" },
        select: { entityId: true, actorId: true },
      })
    : [];
  const deleter = new Map<string, string | null>();
  for (const d of deletions) if (!deleter.has(d.entityId)) deleter.set(d.entityId, d.actorId);
  const names = await namesOf([...rows.map((r) => r.ownerId), ...[...deleter.values()].filter((v): v is string => !!v)]);
  return {
    rows: rows.map((r) => {
      const by = deleter.get(r.id);
      return {
        id: r.id,
        title: r.title,
        businessUnit: r.businessUnit,
        ownerId: r.ownerId,
        ownerName: names.get(r.ownerId) ?? null,
        deletedAt: r.deletedAt!,
        deletedBy: by ? { id: by, name: names.get(by) ?? "a former member" } : null,
      };
    }),
    total,
    page,
    pageSize,
  };
}

export interface HistoryEvent {
  id: string;
  action: string;
  at: Date;
  actor: { id: string; name: string } | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** For an import's event: the import it came from, whose record undoes it as one step. */
  importId?: string;
}

/** The import summaries (audit events of entity "UseCaseImport") that name this use case, newest first, with when each wrote its rows. */
async function importsOf(organizationId: string, useCaseId: string): Promise<{ id: string; writtenAt: Date }[]> {
  const rows = await db.$queryRaw<{ id: string; at: Date; writtenAt: string | null }[]>`
    SELECT "entityId" AS id, at, after->>'writtenAt' AS "writtenAt" FROM "AuditEvent"
     WHERE "organizationId" = ${organizationId} AND entity = 'UseCaseImport' AND action = 'use_cases.imported'
       AND after->'useCaseIds' ? ${useCaseId}
     ORDER BY at DESC`;
  return rows.map((r) => ({ id: r.id, writtenAt: r.writtenAt ? new Date(r.writtenAt) : r.at }));
}

/** A use case's audit events, newest first. */
export async function getUseCaseHistory(organizationId: string, useCaseId: string, options: { limit?: number } = {}): Promise<HistoryEvent[]> {
  const events = await db.auditEvent.findMany({
    where: { organizationId, entity: USE_CASE_ENTITY, entityId: useCaseId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: Math.min(options.limit ?? 200, 1000),
    select: { id: true, action: true, at: true, actorId: true, before: true, after: true },
  });
  const names = await namesOf(events.map((e) => e.actorId ?? ""));
  const obj = (v: unknown) => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
  // An import writes each use case's event at the moment it wrote its rows (the summary's writtenAt).
  const imports = events.some((e) => e.action === IMPORTED_ACTION) ? await importsOf(organizationId, useCaseId) : [];
  return events.map((e) => ({
    id: e.id,
    action: e.action,
    at: e.at,
    actor: e.actorId ? { id: e.actorId, name: names.get(e.actorId) ?? "a former member" } : null,
    before: obj(e.before),
    after: obj(e.after),
    ...(e.action === IMPORTED_ACTION ? { importId: imports.find((i) => i.writtenAt.getTime() === e.at.getTime())?.id } : {}),
  }));
}

export interface SimilarUseCase {
  id: string;
  title: string;
  similarity: number;
}

/**
 * Live use cases of the organization whose titles are close to `title` (lib/domain/similar-titles.ts):
 * reads only ids and titles, once.
 */
export async function findSimilarUseCases(
  organizationId: string,
  title: string,
  options: { excludeId?: string; limit?: number; client?: Db | Tx } = {},
): Promise<SimilarUseCase[]> {
  const client = options.client ?? db;
  const candidates = await client.useCase.findMany({
    where: { organizationId, deletedAt: null, ...(options.excludeId ? { id: { not: options.excludeId } } : {}) },
    select: { id: true, title: true },
  });
  return findSimilarTitles(title, candidates, { limit: options.limit ?? 5 }).map((m) => ({ id: m.item.id, title: m.item.title, similarity: m.similarity }));
}

/** Titles of the organization's live use cases among `ids` (for the "possible duplicates" notice). */
export async function getTitles(organizationId: string, ids: readonly string[]): Promise<{ id: string; title: string }[]> {
  const wanted = ids.filter((id) => typeof id === "string" && id.length > 0 && id.length <= 64).slice(0, 10);
  if (wanted.length === 0) return [];
  const rows = await db.useCase.findMany({ where: { organizationId, deletedAt: null, id: { in: wanted } }, select: { id: true, title: true } });
  return rows.sort((a, b) => compareText(a.title, b.title));
}

/** Who recorded the use case's current decision, and when (its newest decision audit event); null when none was ever recorded. */
export async function lastDecision(organizationId: string, useCaseId: string): Promise<{ by: string | null; at: Date } | null> {
  const event = await db.auditEvent.findFirst({
    where: { organizationId, entity: USE_CASE_ENTITY, entityId: useCaseId, action: USE_CASE_AUDIT.decided },
    orderBy: { at: "desc" },
    select: { actorId: true, at: true },
  });
  if (!event) return null;
  const names = event.actorId ? await namesOf([event.actorId]) : new Map<string, string>();
  return { by: event.actorId ? (names.get(event.actorId) ?? "a former member") : null, at: event.at };
}
