import "server-only";
import { createAttributor, foldTag, type ActualCategory, type AttributedSpend, type AttributionRule, type RuleField } from "@/lib/domain/actuals";
import type { Tx } from "../db";
import { ConflictError } from "../errors";
import { foldedTagSql, rebuildSpend, refreshSpendYears } from "./attribution";

/**
 * Keeping attributed spend (ActualSpend) right when use cases change after the actuals naming
 * them were imported: a use case created with, or given, the external id a line is tagged with;
 * a use case trashed, restored, or deleted by undoing its import (its tagged spend and its
 * rules' shares go back to the unattributed, or come back from them).
 *
 * At the point of change, in the writer's transaction, holding the organization's actual-spend
 * lock (so an import's rebuild never runs on the use cases as they were): the lines that the
 * change can move are those tagged with one of the external ids involved (before and after) or
 * carrying a resource, SKU or account that one of the use cases has a rule on. They are
 * attributed before the write and again after it, with the same code as the full rebuild
 * (lib/domain/actuals/attribute.ts), and only the difference is written. The sums per month stay
 * what they were: spend moves between a use case and the unattributed, never appears or vanishes.
 *
 * A change touching many use cases (a use-case import, or its undo) rebuilds all the
 * organization's spend instead: the same result, one pass.
 */

/** Above this many external ids, the full rebuild is cheaper than two slices. */
const SLICE_LIMIT = 500;
/** A single save waits this long for an import of actual spend to finish, then says so. */
const SAVE_LOCK_WAIT = "4s";

export interface ReattributionScope {
  /** Use cases about to change (their current external ids and rules are read now). */
  useCaseIds: readonly string[];
  /** External ids they will have after the change (new ones, changed ones). */
  externalIds: readonly (string | null | undefined)[];
}

export interface Reattribution {
  /**
   * After the write, before commit. `gone`: use cases about to be deleted outright (the
   * attribution is computed as if they were already gone, so no spend is deleted with them).
   */
  finish(options?: { gone?: readonly string[] }): Promise<void>;
  /**
   * The other use cases whose spend the change can move (read before it): those holding a tag
   * of the slice, or a rule on one of its lines' resource, SKU or account; "all" when the change
   * rebuilds everything. Their early warnings are watched too (lib/server/actuals/warnings.ts).
   */
  touches: readonly string[] | "all";
}

const NOTHING: Reattribution = { finish: async () => {}, touches: [] };

interface Slice {
  tags: string[];
  resource: string[];
  sku: string[];
  account: string[];
}

/**
 * Takes the organization's actual-spend lock, then reads what the change can move. `wait`:
 * "short" for one person's save (a clear conflict if an import holds the lock longer), "long"
 * for imports and undos, which run in long transactions already.
 */
export async function beginReattribution(tx: Tx, organizationId: string, scope: ReattributionScope, wait: "short" | "long" = "short"): Promise<Reattribution> {
  await lockActuals(tx, organizationId, wait);
  const active = await tx.actualImport.findFirst({ where: { organizationId, undoneAt: null }, select: { id: true } });
  if (!active) return NOTHING;
  const ids = [...new Set(scope.useCaseIds)];
  const [current, rules] = await Promise.all([
    ids.length ? tx.useCase.findMany({ where: { organizationId, id: { in: ids } }, select: { externalId: true } }) : [],
    ids.length ? tx.actualRule.findMany({ where: { organizationId, useCaseId: { in: ids } }, select: { field: true, value: true } }) : [],
  ]);
  const tags = new Set<string>();
  for (const t of [...current.map((u) => u.externalId), ...scope.externalIds]) if (t) tags.add(t);
  if (tags.size > SLICE_LIMIT) return { finish: async (options = {}) => void (await rebuildSpend(tx, organizationId, options)), touches: "all" };
  const slice: Slice = { tags: [...tags], resource: [], sku: [], account: [] };
  for (const r of rules) if (r.value) slice[r.field as RuleField]?.push(r.value);
  if (!slice.tags.length && !slice.resource.length && !slice.sku.length && !slice.account.length) return NOTHING;
  const touches = new Set<string>();
  const before = await attributeSlice(tx, organizationId, slice, [], touches);
  return {
    touches: [...touches],
    async finish(options = {}) {
      const after = await attributeSlice(tx, organizationId, slice, options.gone ?? []);
      await applyDifference(tx, organizationId, before, after);
    },
  };
}

/** For a long writer (an import's undo) that changes use cases one by one: takes the lock once, first. */
export async function holdActualsLock(tx: Tx, organizationId: string): Promise<void> {
  await lockActuals(tx, organizationId, "long");
}

async function lockActuals(tx: Tx, organizationId: string, wait: "short" | "long"): Promise<void> {
  if (wait === "long") {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`actuals:${organizationId}`}))`;
    return;
  }
  await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${SAVE_LOCK_WAIT}'`);
  try {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`actuals:${organizationId}`}))`;
  } catch (err) {
    if (/lock timeout|55P03/i.test(String((err as { message?: string })?.message ?? err))) {
      throw new ConflictError("Actual spend is being imported for this organization right now; nothing was saved. Please try again in a minute.");
    }
    throw err;
  }
  await tx.$executeRawUnsafe("SET LOCAL lock_timeout = DEFAULT");
}

/** The slice's active lines, summed per month and key (as the full rebuild sums them), attributed. */
async function attributeSlice(tx: Tx, organizationId: string, slice: Slice, gone: readonly string[], holders?: Set<string>): Promise<AttributedSpend[]> {
  const conditions: string[] = [];
  const params: unknown[] = [organizationId];
  const add = (column: string, values: string[]) => {
    if (!values.length) return;
    params.push(values);
    conditions.push(`l."${column}" = ANY($${params.length}::text[])`);
  };
  // Tags are matched ignoring letter case and surrounding spaces (createTagResolver): the lines
  // tagged with any spelling of the ids involved can move, and the use cases holding any spelling
  // of the lines' tags decide where (two ids of one spelling make a tag ambiguous).
  if (slice.tags.length) {
    params.push([...new Set(slice.tags.map(foldTag))]);
    conditions.push(`${foldedTagSql(`l."tag"`)} = ANY($${params.length}::text[])`);
  }
  add("resource", slice.resource);
  add("sku", slice.sku);
  add("account", slice.account);
  const keys = await tx.$queryRawUnsafe<{ month: string; category: ActualCategory; tag: string | null; resource: string; sku: string; account: string; cents: string }[]>(
    `SELECT to_char(l."month", 'YYYY-MM') AS "month", l."category", l."tag", l."resource", l."sku", l."account", sum(l."costCents")::text AS "cents"
       FROM "ActualLine" l
       JOIN "ActualImport" i ON i."id" = l."importId" AND i."organizationId" = $1 AND i."undoneAt" IS NULL
       JOIN "ActualImportMonth" m ON m."importId" = l."importId" AND m."month" = l."month" AND m."supersededById" IS NULL
      WHERE l."organizationId" = $1 AND (${conditions.join(" OR ")})
      GROUP BY 1, 2, 3, 4, 5, 6`,
    ...params,
  );
  if (!keys.length) return [];
  const tags = [...new Set(keys.map((k) => k.tag).filter((t): t is string => t !== null))];
  const values = (field: RuleField) => [...new Set(keys.map((k) => k[field]).filter(Boolean))];
  const notGone = gone.length ? { notIn: [...gone] } : undefined;
  const [useCases, rules] = await Promise.all([
    tags.length
      ? tx.$queryRawUnsafe<{ id: string; externalId: string }[]>(
          `SELECT u."id", u."externalId" FROM "UseCase" u
            WHERE u."organizationId" = $1 AND u."deletedAt" IS NULL AND u."externalId" IS NOT NULL
              AND ${foldedTagSql(`u."externalId"`)} = ANY($2::text[]) AND NOT (u."id" = ANY($3::text[]))`,
          organizationId, [...new Set(tags.map(foldTag))], [...gone],
        )
      : [],
    tx.actualRule.findMany({
      where: {
        organizationId,
        useCase: { deletedAt: null },
        ...(notGone ? { useCaseId: notGone } : {}),
        OR: [{ field: "resource", value: { in: values("resource") } }, { field: "sku", value: { in: values("sku") } }, { field: "account", value: { in: values("account") } }],
      },
      select: { field: true, value: true, useCaseId: true, shareBp: true },
    }),
  ]);
  if (holders) for (const id of [...useCases.map((u) => u.id), ...rules.map((r) => r.useCaseId)]) holders.add(id);
  const attributor = createAttributor(rules.map((r) => ({ ...r, field: r.field as RuleField })) as AttributionRule[], new Map(useCases.map((u) => [u.externalId!, u.id])));
  for (const k of keys) attributor.add({ ...k, cents: BigInt(k.cents) });
  return attributor.result();
}

const keyOf = (s: AttributedSpend) => `${s.useCaseId ?? ""}\u0001${s.reason ?? ""}\u0001${s.month}\u0001${s.category}`;

/** Writes after − before into ActualSpend: each changed (use case or reason, month, category) row merged with what is stored. */
async function applyDifference(tx: Tx, organizationId: string, before: readonly AttributedSpend[], after: readonly AttributedSpend[]): Promise<void> {
  const diff = new Map<string, AttributedSpend>();
  for (const [list, sign] of [[before, -1n], [after, 1n]] as const) {
    for (const s of list) {
      const k = keyOf(s);
      const d = diff.get(k);
      if (d) d.cents += sign * s.cents;
      else diff.set(k, { ...s, cents: sign * s.cents });
    }
  }
  const changed = [...diff.values()].filter((d) => d.cents !== 0n);
  if (!changed.length) return;
  const rows = (attributed: boolean) =>
    JSON.stringify(changed.filter((d) => (d.useCaseId !== null) === attributed).map((d) => ({ useCaseId: d.useCaseId, reason: d.reason, month: `${d.month}-01`, category: d.category, cents: d.cents.toString() })));
  await tx.$executeRawUnsafe(merge(`s."useCaseId" = d."useCaseId"`), rows(true), organizationId);
  await tx.$executeRawUnsafe(merge(`s."useCaseId" IS NULL AND d."useCaseId" IS NULL AND s."reason" = d."reason"`), rows(false), organizationId);
  await refreshSpendYears(tx, organizationId, [...new Set(changed.flatMap((d) => (d.useCaseId ? [d.useCaseId] : [])))]);
}

/** Deletes the stored rows of the changed keys and inserts each key's new sum (none when it comes to zero). */
const merge = (match: string) => `
  WITH d AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS v("useCaseId" text, "reason" text, "month" date, "category" text, "cents" bigint)),
  old AS (
    DELETE FROM "ActualSpend" s USING d
     WHERE s."organizationId" = $2 AND ${match} AND s."month" = d."month" AND s."category" = d."category"
    RETURNING s."useCaseId", s."reason", s."month", s."category", s."cents")
  INSERT INTO "ActualSpend" ("organizationId", "useCaseId", "month", "category", "reason", "cents")
  SELECT $2, x."useCaseId", x."month", x."category", x."reason", sum(x."cents")
    FROM (SELECT "useCaseId", "reason", "month", "category", "cents" FROM old UNION ALL SELECT "useCaseId", "reason", "month", "category", "cents" FROM d) x
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(x."cents") <> 0`;
