import "server-only";
import type { Approach } from "@/lib/domain/assessment";
import { MAX_HORIZON_YEARS } from "@/lib/domain/use-case";
import { isEmptyFilter, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import type { CostCell } from "@/lib/domain/portfolio/types";
import { Prisma } from "../../db";
import { scopedQueryRaw } from "../../rls";
import { keptCostRows } from "../cost-sums";
import { asChosenApproach, rollupWhere } from "../filter-sql";
import { int } from "../sql-values";

/** The three approaches every use case is also costed under ("everything RAG", …), and their rollup columns. */
const FIXED = [
  ["RAG", "rag"],
  ["FINE_TUNING", "ft"],
  ["HYBRID", "hy"],
] as const;
const ARRAYS = [
  ["ch", "chosenCents"],
  ["rec", "recommendedCents"],
  ["rag", "ragCents"],
  ["ft", "fineTuningCents"],
  ["hy", "hybridCents"],
] as const;
type Key = (typeof ARRAYS)[number][0];
type Sums = { [K in `${Key}l` | `${Key}b` | `${Key}h` | `${Key}n` | `${Key}u`]: bigint | number };

interface Row extends Sums {
  calendarYear: number;
  ch: Approach | null;
  rec: Approach | null;
}

/**
 * Spend, scenarios and per-approach totals: one pass over the rollup rows of the use cases in view
 * (UseCaseRollup: each use case's yearly totals as chosen, as recommended and under each of the
 * three approaches, rebuilt from CostYear whenever it changes), expanded to one row per use case
 * and year and summed by calendar year × as-chosen approach × recommended approach. (The
 * statement is exported for the benchmark, which runs the same SQL raw.)
 *
 * Each row's years come from a series of constant length, MAX_HORIZON_YEARS (derivation projects
 * no use case over more: lib/domain/costing/retired.ts), cut at the row's longest array. A series
 * ending at a column is estimated at a thousand rows a call: at the bench's 10,000 use cases,
 * filtered to one business unit of 1,091, PostgreSQL 15 expected over a million rows, costed the
 * plan at 572,000 and JIT-compiled it: 1.3–1.7 s, over 2 s of CPU compiling, for a statement that
 * runs in 30 ms. A constant end is estimated exactly and the cut at a third, about three rows a use
 * case (the bench has five). OFFSET 0 keeps the series beside each row: flattened, the planner put
 * the ten years outside and read the rollup rows ten times from a copy, which spilled to disk for
 * the bench's 10,000 (227 ms against 146 ms).
 */
export function costCellsSql(organizationId: string, filter: PortfolioFilter): Prisma.Sql {
  const at = (col: string, k: number) => `r."${col}"[3 * g.i - ${3 - k}]`;
  const sums = ARRAYS.map(
    ([key, col]) =>
      `sum(${at(col, 1)})::bigint AS "${key}l", sum(${at(col, 2)})::bigint AS "${key}b", sum(${at(col, 3)})::bigint AS "${key}h", ` +
      `count(${at(col, 2)}) AS "${key}n", count(*) FILTER (WHERE g.i = 1 AND cardinality(r."${col}") > 0) AS "${key}u"`,
  ).join(",\n           ");
  const longest = `greatest(${ARRAYS.map(([, col]) => `cardinality(r."${col}")`).join(", ")}) / 3`;
  return Prisma.sql`
    SELECT r."startYear" + g.i - 1 AS "calendarYear", ${asChosenApproach("r")}::text AS ch, r."recommendedApproach"::text AS rec,
           ${Prisma.raw(sums)}
      FROM "UseCaseRollup" r
      CROSS JOIN LATERAL (
        SELECT s.i FROM generate_series(1, ${Prisma.raw(String(MAX_HORIZON_YEARS))}) AS s(i) WHERE s.i <= ${Prisma.raw(longest)} OFFSET 0
      ) AS g
     WHERE ${rollupWhere(organizationId, filter, "r")}
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3`;
}

/**
 * The rows as cells of year × approach × (is it the as-chosen approach, the recommended one):
 * per group, one cell for each of the three approaches, and one for the as-chosen and the
 * recommended approach when they are none of the three. Each cell counts once in every scenario
 * it belongs to, so every scenario comes to the cent from the same stored totals.
 */
export function cellsOf(rows: readonly Row[]): CostCell[] {
  const out: CostCell[] = [];
  for (const r of rows) {
    const cell = (approach: Approach, key: Key): CostCell => ({
      calendarYear: r.calendarYear,
      approach,
      asChosen: approach === r.ch,
      asRecommended: approach === r.rec,
      low: int(r[`${key}l`]),
      base: int(r[`${key}b`]),
      high: int(r[`${key}h`]),
      useCases: int(r[`${key}u`]),
      rows: int(r[`${key}n`]),
    });
    for (const [approach, key] of FIXED) out.push(cell(approach, key));
    const fixed = (a: Approach | null) => FIXED.some(([x]) => x === a);
    if (r.ch && !fixed(r.ch)) out.push(cell(r.ch, "ch"));
    if (r.rec && !fixed(r.rec) && r.rec !== r.ch) out.push(cell(r.rec, "rec"));
  }
  return out.filter((c) => c.rows > 0);
}

/**
 * The cells for the use cases in view. Unfiltered, from the sums kept current by every write
 * (../cost-sums.ts), whatever the portfolio's size; filtered, by the statement above. Every way
 * gives its rows by year, as-chosen and recommended approach, so the same portfolio gives the same
 * list whichever plan each statement gets.
 */
export async function costCells(organizationId: string, filter: PortfolioFilter): Promise<CostCell[]> {
  if (isEmptyFilter(filter)) return cellsOf((await keptCostRows(organizationId)) as unknown as Row[]);
  return costCellsFromRollup(organizationId, filter);
}

/** The cells computed from the rollup rows, whatever the filter (the tests compare the two ways). */
export async function costCellsFromRollup(organizationId: string, filter: PortfolioFilter): Promise<CostCell[]> {
  // Read as the organization-scoped role (lib/server/rls.ts): a missing filter could not leak another organization.
  return cellsOf(await scopedQueryRaw<Row[]>(organizationId, costCellsSql(organizationId, filter)));
}
