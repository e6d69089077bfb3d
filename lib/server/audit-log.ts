import "server-only";
import { UTF8_BOM } from "@/lib/domain/export/csv";
import { endOfDay, PAGE_SIZE, startOfDay, type AuditCursor, type AuditFilter } from "@/lib/domain/audit/filter";
import { auditCsvHeader, auditCsvLine, type AuditRow, type AuditUseCase } from "@/lib/domain/audit/present";
import { db, Prisma } from "./db";
import { cursorCsvStream } from "./export/cursor-stream";
import { scopedQueryRaw } from "./rls";
import { USE_CASE_ENTITY } from "./use-cases/write";
import { compareByName } from "@/lib/domain/title-order";

/**
 * The organization's audit log as one list: its changes (AuditEvent) and its security events
 * (SecurityEvent), newest first, filtered by person, action, entity and days.
 *
 * Pages are read by keyset, never OFFSET: each branch reads, through its index on
 * (organizationId, time), only the rows before (or after) the last one shown, LIMIT n + 1, and the
 * two are merged; so page 1,000 costs what page 1 costs. Every read runs as the
 * organization-scoped database role (lib/server/rls.ts), like the dashboard and the exports.
 */
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

type Direction = "older" | "newer";

function branch(source: "change" | "security", organizationId: string, filter: AuditFilter, cursor: AuditCursor | undefined, direction: Direction, limit: number | null): Prisma.Sql {
  const change = source === "change";
  const t = Prisma.raw(change ? `e."at"` : `e."firstAt"`);
  const person = Prisma.raw(change ? `e."actorId"` : `e."userId"`);
  const conditions: Prisma.Sql[] = [Prisma.sql`e."organizationId" = ${organizationId}`];
  if (filter.person) conditions.push(Prisma.sql`${person} = ${filter.person}`);
  if (filter.action) conditions.push(Prisma.sql`starts_with(e."action", ${filter.action})`);
  if (filter.entity) conditions.push(Prisma.sql`e."entity" = ${filter.entity}`);
  if (filter.from) conditions.push(Prisma.sql`${t} >= ${startOfDay(filter.from).toISOString()}::timestamp`);
  if (filter.to) conditions.push(Prisma.sql`${t} < ${endOfDay(filter.to).toISOString()}::timestamp`);
  if (cursor) {
    conditions.push(
      direction === "older"
        ? Prisma.sql`(${t}, e."id") < (${cursor.at}::timestamp, ${cursor.id})`
        : Prisma.sql`(${t}, e."id") > (${cursor.at}::timestamp, ${cursor.id})`,
    );
  }
  const order = Prisma.raw(direction === "older" ? "DESC" : "ASC");
  const select = change
    ? Prisma.sql`SELECT 'change' AS source, e."id", to_char(e."at", ${Prisma.raw(ISO)}) AS "at", to_char(e."at", ${Prisma.raw(ISO)}) AS "lastAt", e."at" AS t,
         1 AS "count", e."actorId" AS "personId", u."name" AS "personName", u."email" AS "personEmail", e."action", NULL::text AS "outcome",
         e."entity", e."entityId", NULL::text AS "ip", e."before"::text AS "before", e."after"::text AS "after"
       FROM "AuditEvent" e LEFT JOIN "User" u ON u."id" = e."actorId"`
    : Prisma.sql`SELECT 'security' AS source, e."id", to_char(e."firstAt", ${Prisma.raw(ISO)}) AS "at", to_char(e."lastAt", ${Prisma.raw(ISO)}) AS "lastAt", e."firstAt" AS t,
         e."count", e."userId" AS "personId", u."name" AS "personName", e."email" AS "personEmail", e."action", e."outcome",
         e."entity", e."entityId", e."ip", NULL::text AS "before", NULL::text AS "after"
       FROM "SecurityEvent" e LEFT JOIN "User" u ON u."id" = e."userId"`;
  return Prisma.sql`(${select} WHERE ${Prisma.join(conditions, " AND ")} ORDER BY ${t} ${order}, e."id" ${order}${limit === null ? Prisma.empty : Prisma.sql` LIMIT ${limit}`})`;
}

/** The log's rows for a filter, in `direction` from `cursor`, at most `limit` (all when null). */
export function auditLogQuery(organizationId: string, filter: AuditFilter, opts: { cursor?: AuditCursor; direction?: Direction; limit?: number | null } = {}): Prisma.Sql {
  const direction = opts.direction ?? "older";
  const limit = opts.limit ?? null;
  const branches: Prisma.Sql[] = [];
  if (filter.kind !== "security") branches.push(branch("change", organizationId, filter, opts.cursor, direction, limit));
  if (filter.kind !== "changes") branches.push(branch("security", organizationId, filter, opts.cursor, direction, limit));
  const order = Prisma.raw(direction === "older" ? "DESC" : "ASC");
  return Prisma.sql`SELECT source, "id", "at", "lastAt", "count", "personId", "personName", "personEmail", "action", "outcome", "entity", "entityId", "ip", "before", "after"
    FROM (${Prisma.join(branches, " UNION ALL ")}) x
    ORDER BY t ${order}, "id" ${order}${limit === null ? Prisma.empty : Prisma.sql` LIMIT ${limit}`}`;
}

export interface AuditPage {
  rows: AuditRow[];
  /** Where the next (older) page starts, when there is one. */
  older?: AuditCursor;
  /** Where the previous (newer) page starts, when there is one. */
  newer?: AuditCursor;
  /** The owners the page's changes name (a use case's ownerId), by id: each member's name or email (describeChange). */
  names: Record<string, string>;
}

/** One page of the log (PAGE_SIZE rows): the newest, or older than `after`, or newer than `before`. */
export async function readAuditPage(organizationId: string, filter: AuditFilter, position: { after?: AuditCursor; before?: AuditCursor } = {}, pageSize = PAGE_SIZE): Promise<AuditPage> {
  const direction: Direction = position.before ? "newer" : "older";
  const cursor = position.before ?? position.after;
  const raw = await scopedQueryRaw<(Omit<AuditRow, "count"> & { count: number | bigint })[]>(
    organizationId,
    auditLogQuery(organizationId, filter, { cursor, direction, limit: pageSize + 1 }),
  );
  const more = raw.length > pageSize;
  let rows = raw.slice(0, pageSize).map((r) => ({ ...r, count: Number(r.count) }) as AuditRow);
  if (direction === "newer") rows = rows.reverse();
  const [withTitles, names] = await Promise.all([withUseCases(organizationId, rows), ownerNames(organizationId, rows)]);
  rows = withTitles;
  const edge = (r: AuditRow | undefined) => (r ? { at: r.at, id: r.id } : undefined);
  if (direction === "older") return { rows, names, older: more ? edge(rows.at(-1)) : undefined, newer: cursor ? edge(rows[0]) : undefined };
  return { rows, names, newer: more ? edge(rows[0]) : undefined, older: edge(rows.at(-1)) };
}

/**
 * Each change to a use case with the use case's title as it is now (in the trash or not; null
 * once it is gone), read for the whole page in one query, within the organization: an id another
 * organization's use case holds reads as gone.
 */
async function withUseCases(organizationId: string, rows: AuditRow[]): Promise<AuditRow[]> {
  const ids = [...new Set(rows.filter((r) => r.source === "change" && r.entity === USE_CASE_ENTITY && r.entityId).map((r) => r.entityId))];
  if (ids.length === 0) return rows;
  const found = await db.useCase.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, title: true, deletedAt: true } });
  const byId = new Map<string, AuditUseCase>(found.map((u) => [u.id, { title: u.title, deleted: u.deletedAt !== null }]));
  return rows.map((r) => (r.source === "change" && r.entity === USE_CASE_ENTITY && r.entityId ? { ...r, useCase: byId.get(r.entityId) ?? null } : r));
}

/**
 * The owners the page's changes name (ownerId, before or after), each by the member's name (else
 * email), read for the whole page in one query, within the organization: someone who is not a
 * member of it (any more) is left out, and reads as "a former member".
 */
async function ownerNames(organizationId: string, rows: AuditRow[]): Promise<Record<string, string>> {
  const ids = new Set<string>();
  for (const r of rows) {
    if (r.source !== "change") continue;
    for (const text of [r.before, r.after]) {
      if (!text?.includes('"ownerId"')) continue;
      try {
        const owner = (JSON.parse(text) as { ownerId?: unknown } | null)?.ownerId;
        if (typeof owner === "string" && owner) ids.add(owner);
      } catch {
        // Not JSON: nothing to name.
      }
    }
  }
  if (ids.size === 0) return {};
  const users = await db.user.findMany({ where: { id: { in: [...ids] }, memberships: { some: { organizationId } } }, select: { id: true, name: true, email: true } });
  return Object.fromEntries(users.map((u) => [u.id, u.name.trim() || u.email]));
}

/** The whole filtered log as a CSV download, streamed through a cursor as the finance exports are. */
export function auditLogStream(organizationId: string, filter: AuditFilter): ReadableStream<Uint8Array> {
  return cursorCsvStream<AuditRow & Record<string, unknown>>({
    name: "audit log",
    organizationId,
    head: UTF8_BOM + auditCsvHeader(),
    query: auditLogQuery(organizationId, filter),
    createFormatter: () => auditCsvLine,
  });
}

/** The people the person filter offers: the organization's members, by name. */
export async function auditPeople(organizationId: string): Promise<{ id: string; name: string; email: string }[]> {
  const rows = await db.membership.findMany({
    where: { organizationId },
    select: { user: { select: { id: true, name: true, email: true } } },
  });
  return rows.map((r) => r.user).sort(compareByName);
}
