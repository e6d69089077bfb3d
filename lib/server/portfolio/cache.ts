import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { db, Prisma } from "../db";
import { scopedQueryRaw } from "../rls";

/**
 * An exact, per-organization invalidated cache in PostgreSQL (issue 22; docs/decisions/portfolio-cache.md).
 *
 * - Every write to a table a cached loader reads records (organization, its transaction id) in
 *   "PortfolioChange", by trigger, in the writing transaction (migration 20261203140000_portfolio_cache).
 * - A computation takes a snapshot S (pg_current_snapshot()) before any of its reads; its reads
 *   then run in later snapshots, which see at least what S sees. The result is stored with S.
 * - A stored result is served only while every change record of its organization is visible in
 *   S (and S is not older than the pruning horizon): then no committed write the reader can see is
 *   missing from S, so the reads the computation made saw exactly the reader's data.
 *
 * The lookup is one statement, read as the organization-scoped role; the store and the pruning run
 * as the application's own role (the scoped role may write nothing).
 */

const g = globalThis as unknown as { tradeoffPortfolioCacheInflight?: Map<string, Promise<unknown>>; tradeoffPortfolioCacheBuild?: string };

/**
 * Part of every key: results computed by another build of the code are never served (a deploy
 * that changes a loader starts afresh). The production build's id, shared by every server of one
 * build; elsewhere (dev, tests) one id per process.
 */
export function cacheBuildId(): string {
  if (g.tradeoffPortfolioCacheBuild) return g.tradeoffPortfolioCacheBuild;
  let id: string;
  try {
    // The build this server runs: NEXT_DIST_DIR's (next.config.mjs), as `npm test` and the bench
    // serve their own builds, never another build's id left in .next.
    id = readFileSync(path.resolve(process.cwd(), process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"), "utf8").trim();
    if (process.env.NODE_ENV !== "production" || !id) throw new Error("not a production build");
  } catch {
    id = `process-${randomUUID()}`;
  }
  return (g.tradeoffPortfolioCacheBuild = id);
}

interface Lookup {
  snapshot: string;
  result: unknown;
  hit: boolean;
}

/**
 * The stored result for (organization, key) if it is still valid, and in any case the current
 * snapshot (taken by this same statement, so before whatever the caller reads next).
 */
async function lookup(organizationId: string, key: string): Promise<Lookup> {
  const rows = await scopedQueryRaw<{ snapshot: string; result: unknown; hit: boolean }[]>(
    organizationId,
    Prisma.sql`
      SELECT pg_current_snapshot()::text AS snapshot, c.result, c.result IS NOT NULL AS hit
        FROM (SELECT 1) one
        LEFT JOIN LATERAL (
          SELECT c.result FROM "PortfolioCache" c
           WHERE c."organizationId" = ${organizationId} AND c."key" = ${key}
             AND c."snapshotXmin" >= COALESCE((SELECT h."prunedBelow" FROM "PortfolioCacheHorizon" h WHERE h."organizationId" = ${organizationId}), 0)
             AND NOT EXISTS (
               SELECT 1 FROM "PortfolioChange" x
                WHERE x."organizationId" = ${organizationId} AND x."xid" >= c."snapshotXmin"
                  AND NOT pg_visible_in_snapshot(x."xid"::text::xid8, c."snapshot"::pg_snapshot))
        ) c ON true`,
  );
  const r = rows[0]!;
  return { snapshot: r.snapshot, result: r.result, hit: r.hit };
}

/**
 * Stores a result computed from `snapshot` (replacing the stored one only when this snapshot is
 * not older), then prunes: deletes the organization's results that are no longer valid (or a week
 * old), raises the horizon to the lowest snapshot xmin still stored, and deletes the change records
 * below it (every stored snapshot sees them: they completed before its xmin).
 */
async function store(organizationId: string, key: string, snapshot: string, result: unknown): Promise<void> {
  const json = JSON.stringify(result);
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`
        INSERT INTO "PortfolioCache" ("organizationId", "key", "snapshot", "snapshotXmin", "snapshotXmax", "result", "computedAt")
        VALUES (${organizationId}, ${key}, ${snapshot}, pg_snapshot_xmin(${snapshot}::pg_snapshot)::text::bigint, pg_snapshot_xmax(${snapshot}::pg_snapshot)::text::bigint, ${json}::jsonb, now())
        ON CONFLICT ("organizationId", "key") DO UPDATE
          SET "snapshot" = EXCLUDED."snapshot", "snapshotXmin" = EXCLUDED."snapshotXmin", "snapshotXmax" = EXCLUDED."snapshotXmax", "result" = EXCLUDED."result", "computedAt" = EXCLUDED."computedAt"
          WHERE EXCLUDED."snapshotXmax" >= "PortfolioCache"."snapshotXmax"`;
      await tx.$executeRaw`
        DELETE FROM "PortfolioCache" c
         WHERE c."organizationId" = ${organizationId}
           AND (c."computedAt" < now() - interval '7 days'
                OR c."snapshotXmin" < COALESCE((SELECT h."prunedBelow" FROM "PortfolioCacheHorizon" h WHERE h."organizationId" = ${organizationId}), 0)
                OR EXISTS (SELECT 1 FROM "PortfolioChange" x
                            WHERE x."organizationId" = ${organizationId} AND x."xid" >= c."snapshotXmin"
                              AND NOT pg_visible_in_snapshot(x."xid"::text::xid8, c."snapshot"::pg_snapshot)))`;
      await tx.$executeRaw`
        INSERT INTO "PortfolioCacheHorizon" ("organizationId", "prunedBelow")
        SELECT ${organizationId}, min(c."snapshotXmin") FROM "PortfolioCache" c WHERE c."organizationId" = ${organizationId} HAVING count(*) > 0
        ON CONFLICT ("organizationId") DO UPDATE SET "prunedBelow" = GREATEST("PortfolioCacheHorizon"."prunedBelow", EXCLUDED."prunedBelow")`;
      await tx.$executeRaw`
        DELETE FROM "PortfolioChange" x
         WHERE x."organizationId" = ${organizationId}
           AND x."xid" < (SELECT h."prunedBelow" FROM "PortfolioCacheHorizon" h WHERE h."organizationId" = ${organizationId})`;
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
}

/** Test seams: run between the computation's reads and its store (the concurrency test commits a write there). */
export const cacheHooks: { beforeStore?: () => Promise<void> } = {};

/**
 * The result of `compute` for (organization, key), from the cache when a stored one is still
 * valid, else computed now and stored. `compute` must read only tables that have the change
 * triggers (PORTFOLIO_CACHE_TABLES) and return plain JSON (checked: see assertPlainJson).
 *
 * In one process, a miss while the same key is being computed waits for that computation, then
 * looks again (it does not take that result: it may predate a write this request must see).
 */
export async function cached<T>(organizationId: string, key: string, compute: () => Promise<T>): Promise<{ value: T; hit: boolean }> {
  const inflight = (g.tradeoffPortfolioCacheInflight ??= new Map());
  const slot = `${organizationId}\u0000${key}`;
  let found = await lookup(organizationId, key);
  if (found.hit) return { value: found.result as T, hit: true };
  const running = inflight.get(slot);
  if (running) {
    await running.catch(() => undefined);
    found = await lookup(organizationId, key);
    if (found.hit) return { value: found.result as T, hit: true };
  }
  const work = (async () => {
    const value = await compute();
    assertPlainJson(value);
    if (cacheHooks.beforeStore) await cacheHooks.beforeStore();
    await store(organizationId, key, found.snapshot, value);
    return value;
  })();
  inflight.set(slot, work);
  try {
    return { value: await work, hit: false };
  } finally {
    if (inflight.get(slot) === work) inflight.delete(slot);
  }
}

/**
 * A cached value must come back from JSON as it went in: no Date, BigInt, Map, class instance,
 * undefined in an array, NaN or Infinity (JSON.stringify would change each silently).
 */
export function assertPlainJson(value: unknown, at = "result"): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`${at} is ${value}, which JSON cannot carry`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      if (v === undefined) throw new TypeError(`${at}[${i}] is undefined, which JSON turns into null`);
      assertPlainJson(v, `${at}[${i}]`);
    });
    return;
  }
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new TypeError(`${at} is a ${proto?.constructor?.name ?? "non-plain object"}, which JSON does not carry back`);
    // Undefined properties are dropped by JSON and read back as undefined: the same to the reader.
    for (const [k, v] of Object.entries(value)) if (v !== undefined) assertPlainJson(v, `${at}.${k}`);
    return;
  }
  throw new TypeError(`${at} is a ${typeof value}, which JSON does not carry`);
}
