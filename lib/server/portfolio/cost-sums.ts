import "server-only";
import { Prisma, primaryDb } from "../db";
import { scopedQueryRaw } from "../rls";

/**
 * The portfolio's money for the unfiltered view, kept current in every write's transaction
 * (migration 20261204200000_portfolio_cost_sums; docs/decisions/portfolio-cost-sums.md).
 *
 * "PortfolioCostSum" holds signed contributions, per organization, to the cost statement's groups
 * (calendar year × as-chosen approach × recommended approach, and business unit for the budget
 * panel): triggers on "UseCaseRollup" add each written row's and take away each replaced row's.
 * Their sum, by group, is what the statement in ./panels/costs.ts computes over the live rollup
 * rows; reading it costs the same whatever the number of use cases. The use-case panels' counts
 * ("PortfolioUseCaseSum") and tallies ("PortfolioTally": risk flags, missing figures, costed use
 * cases per unit, not-costed use cases per year and unit) are kept by the same triggers, valid
 * under the same marker, and rewritten by the same two statements below (./panels/use-cases.ts and
 * ../value/read.ts and ../value/budgets-read.ts read them).
 */

/** The five arrays' keys, as in ./panels/costs.ts; per key: low, base and high sums, years with a base, use cases. */
const SUM_KEYS = ["ch", "rec", "rag", "ft", "hy"] as const;
/** Then, for the budget panel: the use cases whose as-chosen array covers the year (cy), and those of them incomplete as chosen (ci). */
const COLUMNS = [...SUM_KEYS.flatMap((k) => ["l", "b", "h", "n", "u"].map((s) => `${k}${s}`)), "cy", "ci"];
const quoted = (c: string) => `"${c}"`;

/**
 * Past this many stored cost rows (and twice the rows they fold into), a read first folds the
 * organization's rows into one per group. A save adds a dozen rows; an import of 10,000 use cases
 * a few thousand.
 */
export const COMPACT_AFTER = 2_000;

export interface CostSumRow {
  calendarYear: number;
  ch: string | null;
  rec: string | null;
  [sum: string]: bigint | number | string | null;
}

/**
 * True in a statement when the organization's kept sums are there (its marker: a cost row with no
 * year). Each reader checks it in the same statement as its sums, so both come from one snapshot.
 */
export function keptSumsReady(organizationId: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "PortfolioCostSum" m WHERE m."organizationId" = ${organizationId} AND m."calendarYear" IS NULL)`;
}

/** Per-organization lock for the two statements that rewrite its rows (a base, a compaction). */
const lock = (organizationId: string) => Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${`PortfolioCostSum:${organizationId}`}, 0))`;

/** The use-case panels' kept counts (migration's "PortfolioUseCaseSum"): group keys, then the counts and sums. */
const COUNT_KEYS = ["rec", "chosen", "ev", "av", "fv", "wv"];
const COUNT_VALUES = ["n", "dis", "flagged", "risky", "i0", "i1", "i2", "i3", "i4", "f0", "f1", "f2", "f3", "f4", "sl", "sb", "sh", "sn", "tl", "tb", "th", "tn", "sc"];
const countColumns = Prisma.raw([...COUNT_KEYS, ...COUNT_VALUES].map(quoted).join(", "));
const countKeys = (alias: string) => Prisma.raw(COUNT_KEYS.map((c) => `${alias}.${quoted(c)}`).join(", "));
const countSums = (alias: string) => Prisma.raw(COUNT_VALUES.map((c) => `coalesce(sum(${alias}.${quoted(c)}), 0)`).join(", "));
const countsNonZero = (alias: string) => Prisma.raw(COUNT_VALUES.map((c) => `sum(${alias}.${quoted(c)}) <> 0`).join(" OR "));

const sums = (alias: string) => Prisma.raw(COLUMNS.map((c) => `coalesce(sum(${alias}.${quoted(c)}), 0)::bigint AS ${quoted(c)}`).join(", "));
const nonZero = (alias: string) => Prisma.raw(COLUMNS.map((c) => `sum(${alias}.${quoted(c)}) <> 0`).join(" OR "));
const columnList = Prisma.raw(COLUMNS.map(quoted).join(", "));

/**
 * The organization's cost rows (as ./panels/costs.ts's statement gives them), from the kept sums.
 * Read as the organization-scoped role (on the replica when the caller reads there). Without the
 * organization's marker (a restored database; an organization made before the sums existed and
 * not yet read), the rows are computed from the rollup and written as its base first.
 */
export async function keptCostRows(organizationId: string): Promise<CostSumRow[]> {
  const rows = await scopedQueryRaw<KeptRow[]>(organizationId, keptRowsSql(organizationId));
  if (!hasMarker(rows)) return writeBase(organizationId);
  // Folded, there is one row per group and business unit.
  const stored = rows.reduce((n, r) => n + r.stored, 0);
  if (stored > Math.max(COMPACT_AFTER, 2 * rows.reduce((n, r) => n + r.keys, 0))) await compact(organizationId);
  return costRowsOf(rows);
}

type KeptRow = Omit<CostSumRow, "calendarYear"> & { calendarYear: number | null; stored: number; keys: number };

/**
 * The kept rows summed by group (year, as chosen, recommended), in that order (as the base and the
 * filtered statement give theirs: panels/costs.ts); the marker is the group with no year.
 */
function keptRowsSql(organizationId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT s."calendarYear", s.ch, s.rec, ${sums("s")}, count(*)::int AS stored, count(DISTINCT coalesce(s."businessUnit", ''))::int AS keys
      FROM "PortfolioCostSum" s
     WHERE s."organizationId" = ${organizationId}
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3`;
}
const hasMarker = (rows: readonly KeptRow[]) => rows.some((r) => r.calendarYear === null);
const costRowsOf = (rows: readonly KeptRow[]) => rows.filter((r): r is KeptRow & CostSumRow => r.calendarYear !== null);

/** For tests: told each time a base is written (not when a reader finds one written meanwhile). */
export const costSumHooks: { onBase?: (organizationId: string) => void } = {};

/**
 * Replaces the organization's rows with its base: the sums over its live rollup rows, and the
 * marker. One statement, so one snapshot: a write committed before it is in the rollup it reads
 * and its contributions are among the rows it deletes; a write committed after it keeps its
 * contributions, and its rollup rows are not in the base. Returns the base's cost rows (by year,
 * as chosen and recommended, as the cost statement gives them).
 *
 * Unless the base is already there when the lock is ours (`rewrite` writes it anyway): the readers
 * that find it missing (the cost cells and the use-case panels of one page, every executive's
 * first load after a restore) queue on the lock, and the first writes it for all of them. Each base
 * reads every use case of the organization (the migration's took 3.8 s for 100,000), so once per
 * queue matters.
 */
export async function writeBase(organizationId: string, opts: { rewrite?: boolean } = {}): Promise<CostSumRow[]> {
  return primaryDb().$transaction(async (tx) => {
    await tx.$executeRaw(lock(organizationId));
    if (!opts.rewrite) {
      // A new statement under READ COMMITTED: it sees a base committed while this one waited.
      const rows = await tx.$queryRaw<KeptRow[]>(keptRowsSql(organizationId));
      if (hasMarker(rows)) return costRowsOf(rows);
    }
    costSumHooks.onBase?.(organizationId);
    return tx.$queryRaw<CostSumRow[]>(Prisma.sql`
      WITH gone AS (
        DELETE FROM "PortfolioCostSum" WHERE "organizationId" = ${organizationId}
      ), base AS (
        SELECT e."calendarYear", e.ch, e.rec, e."businessUnit", ${sums("e")}
          FROM "UseCaseRollup" r
          CROSS JOIN LATERAL "PortfolioCostSum_expand"(r, 1) e
         WHERE r."organizationId" = ${organizationId} AND r."deletedAt" IS NULL
         GROUP BY 1, 2, 3, 4
        HAVING ${nonZero("e")}
      ), marker AS (
        INSERT INTO "PortfolioCostSum" ("organizationId") VALUES (${organizationId})
      ), written AS (
        INSERT INTO "PortfolioCostSum" ("organizationId", "calendarYear", ch, rec, "businessUnit", ${columnList})
        SELECT ${organizationId}, b.* FROM base b
      ), counts_gone AS (
        DELETE FROM "PortfolioUseCaseSum" WHERE "organizationId" = ${organizationId}
      ), counts AS (
        INSERT INTO "PortfolioUseCaseSum" ("organizationId", ${countColumns})
        SELECT ${organizationId}, ${countKeys("e")}, ${countSums("e")}
          FROM "UseCaseRollup" r
          CROSS JOIN LATERAL "PortfolioUseCaseSum_of"(r, 1) e
         WHERE r."organizationId" = ${organizationId} AND r."deletedAt" IS NULL
         GROUP BY ${countKeys("e")}
      ), tallies_gone AS (
        DELETE FROM "PortfolioTally" WHERE "organizationId" = ${organizationId}
      ), tallies AS (
        INSERT INTO "PortfolioTally" ("organizationId", kind, key, n)
        SELECT ${organizationId}, e.kind, e.key, sum(e.n)
          FROM "UseCaseRollup" r
          CROSS JOIN LATERAL "PortfolioTally_of"(r, 1) e
         WHERE r."organizationId" = ${organizationId} AND r."deletedAt" IS NULL
         GROUP BY e.kind, e.key
      )
      SELECT b."calendarYear", b.ch, b.rec, ${sums("b")} FROM base b GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
  }, { maxWait: 30_000, timeout: 120_000 });
}

/**
 * Folds the organization's rows into one per group (and one marker). One statement: the rows it
 * deletes are exactly those whose sums it inserts; rows written meanwhile are not among them.
 */
export async function compact(organizationId: string): Promise<void> {
  await primaryDb().$transaction(async (tx) => {
    await tx.$executeRaw(lock(organizationId));
    await tx.$executeRaw(Prisma.sql`
      WITH gone AS (
        DELETE FROM "PortfolioCostSum" WHERE "organizationId" = ${organizationId} RETURNING *
      ), folded AS (
        INSERT INTO "PortfolioCostSum" ("organizationId", "calendarYear", ch, rec, "businessUnit", ${columnList})
        SELECT ${organizationId}, g."calendarYear", g.ch, g.rec, g."businessUnit", ${sums("g")}
          FROM gone g
         GROUP BY 2, 3, 4, 5
        HAVING g."calendarYear" IS NULL OR ${nonZero("g")}
      ), counts_gone AS (
        DELETE FROM "PortfolioUseCaseSum" WHERE "organizationId" = ${organizationId} RETURNING *
      ), counts AS (
        INSERT INTO "PortfolioUseCaseSum" ("organizationId", ${countColumns})
        SELECT ${organizationId}, ${countKeys("g")}, ${countSums("g")}
          FROM counts_gone g
         GROUP BY ${countKeys("g")}
        HAVING ${countsNonZero("g")}
      ), tallies_gone AS (
        DELETE FROM "PortfolioTally" WHERE "organizationId" = ${organizationId} RETURNING *
      )
      INSERT INTO "PortfolioTally" ("organizationId", kind, key, n)
      SELECT ${organizationId}, g.kind, g.key, sum(g.n)
        FROM tallies_gone g
       GROUP BY g.kind, g.key
      HAVING sum(g.n) <> 0`);
  }, { maxWait: 30_000, timeout: 120_000 });
}
