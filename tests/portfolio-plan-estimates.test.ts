/**
 * The filtered portfolio's statements expand each use case into its years. PostgreSQL estimates a
 * set-returning function whose bounds are columns (generate_series(1, cardinality(…))) at a
 * thousand rows a call, whatever the data: at 10,000 use cases it then expected millions of rows,
 * crossed jit_above_cost and JIT-compiled the cost statement, over a second for one business unit
 * where the statement runs in tens of milliseconds (docs/benchmarks.md). A plan's estimate is what
 * decides that, so this checks the estimate: no expansion may be planned at more rows a use case
 * than a lifecycle's figures can give (three a year, MAX_HORIZON_YEARS years), and no step of the
 * plan at more rows than the use cases in view times the years. It also checks that the longest
 * horizon is expanded in full, as the unfiltered page's kept sums have it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_HORIZON_YEARS } from "@/lib/domain/use-case";
import { db, Prisma } from "@/lib/server/db";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import { costCells, costCellsFromRollup, costCellsSql } from "@/lib/server/portfolio/panels/costs";
import { provisionalSql } from "@/lib/server/portfolio/panels/provisional";
import { undatedSql } from "@/lib/server/portfolio/panels/undated";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { filterWith } from "./helpers/portfolio-reference";

let org: TestOrg;
const USE_CASES = 12;

interface PlanNode {
  "Node Type": string;
  "Function Name"?: string;
  "Plan Rows": number;
  Plans?: PlanNode[];
}
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

async function plan(sql: Prisma.Sql): Promise<PlanNode[]> {
  const rows = await db.$queryRaw<{ "QUERY PLAN": unknown }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${sql}`);
  const json = rows[0]!["QUERY PLAN"];
  const parsed = (typeof json === "string" ? JSON.parse(json) : json) as { Plan: PlanNode }[];
  return nodes(parsed[0]!.Plan);
}

beforeAll(async () => {
  org = await createTestOrg("planestimates");
  const lead = org.users.LEAD.id;
  for (let i = 0; i < USE_CASES; i++) {
    const years = 3 + (i % 3) * 2;
    const figures = Array.from({ length: years }, (_, y) => 1_000_00 * (i + 1) + y);
    await insertUseCaseWithCosts(org.id, {
      title: `Use case ${i}`,
      businessUnit: i % 2 ? "Sales" : "Support",
      ownerId: lead,
      status: i % 3 ? "LIVE" : "IDEA",
      recommended: "RAG",
      undated: i % 4 === 0,
      evidence: i % 2 ? "provisional" : "assessed",
      horizonYears: years,
      yearly: { RAG: { INFERENCE: figures }, FINE_TUNING: { RETRAINING: figures.slice(0, years - 1) } },
    });
  }
  // One over the longest horizon there is, in a unit of its own.
  const longest = Array.from({ length: MAX_HORIZON_YEARS }, (_, y) => 10_00 + y);
  await insertUseCaseWithCosts(org.id, { title: "Longest", businessUnit: "Legal", ownerId: lead, recommended: "RAG", undated: true, horizonYears: MAX_HORIZON_YEARS, startYear: 2030, yearly: { RAG: { INFERENCE: longest } } });
  // What autovacuum would have gathered by the time a portfolio is this size.
  await db.$executeRawUnsafe(`ANALYZE "UseCaseRollup", "UseCase"`);
}, 120_000);

describe("the filtered portfolio's statements are planned at a few rows a use case, not a thousand", () => {
  const filters = {
    "one business unit": filterWith({ businessUnit: ["Sales"] }),
    "two statuses": filterWith({ status: ["LIVE", "IDEA"] }),
    "provisional evidence": filterWith({ evidence: ["provisional"] }),
  };
  const statements = { costs: costCellsSql, undated: undatedSql, provisional: provisionalSql };
  for (const [statement, sqlOf] of Object.entries(statements)) {
    for (const [label, filter] of Object.entries(filters)) {
      it(`${statement}, filtered to ${label}`, async () => {
        const planned = await plan(sqlOf(org.id, filter));
        const expansions = planned.filter((n) => n["Node Type"] === "Function Scan");
        expect(expansions.length, "the statement expands the rows with a set-returning function").toBeGreaterThan(0);
        for (const n of expansions) {
          expect(n["Plan Rows"], `${n["Function Name"]}: rows a use case`).toBeLessThanOrEqual(3 * MAX_HORIZON_YEARS);
        }
        const most = Math.max(...planned.map((n) => n["Plan Rows"]));
        expect(most, "rows at any step of the plan").toBeLessThanOrEqual((USE_CASES + 1) * MAX_HORIZON_YEARS);
      });
    }
  }
});

describe("the kept sums' expansions are planned at a few rows a use case too", () => {
  // The statements that read every rollup row of an organization through them: the base written
  // when the sums are missing (lib/server/portfolio/cost-sums.ts) and the triggers over a write's
  // rows (an import's 10,000 at once), as those statements call them.
  const through = {
    "PortfolioCostSum_expand": (id: string) => Prisma.sql`SELECT e."calendarYear", e.ch, e.rec, e."businessUnit", sum(e.chb) FROM "UseCaseRollup" r CROSS JOIN LATERAL "PortfolioCostSum_expand"(r, 1) e WHERE r."organizationId" = ${id} GROUP BY 1, 2, 3, 4`,
    "PortfolioTally_of": (id: string) => Prisma.sql`SELECT e.kind, e.key, sum(e.n) FROM "UseCaseRollup" r CROSS JOIN LATERAL "PortfolioTally_of"(r, 1) e WHERE r."organizationId" = ${id} GROUP BY 1, 2`,
  };
  for (const [fn, sqlOf] of Object.entries(through)) {
    it(fn, async () => {
      const planned = await plan(sqlOf(org.id));
      const expansions = planned.filter((n) => n["Node Type"] === "Function Scan");
      expect(expansions.length).toBeGreaterThan(0);
      for (const n of expansions) expect(n["Plan Rows"], `${n["Function Name"]}: rows a use case`).toBeLessThanOrEqual(3 * MAX_HORIZON_YEARS);
      const most = Math.max(...planned.map((n) => n["Plan Rows"]));
      // The tally gives a handful of rows a use case besides its years (flags, missing figures, …).
      expect(most, "rows at any step of the plan").toBeLessThanOrEqual((USE_CASES + 1) * 3 * MAX_HORIZON_YEARS);
    });
  }
});

describe("the longest horizon is expanded in full", () => {
  it("filtered, every one of its years is in the spend and in the undated part, as in the kept sums", async () => {
    const legal = filterWith({ businessUnit: ["Legal"] });
    const d = await loadDashboard(org.id, legal);
    const lastYear = 2030 + MAX_HORIZON_YEARS - 1;
    expect(d.spend.find((y) => y.calendarYear === lastYear)?.base).toBe(10_00 + MAX_HORIZON_YEARS - 1);
    expect(d.undated.map((u) => u.calendarYear)).toEqual(Array.from({ length: MAX_HORIZON_YEARS }, (_, y) => 2030 + y));
    expect(d.undated.at(-1)).toEqual({ calendarYear: lastYear, base: 10_00 + MAX_HORIZON_YEARS - 1, useCases: 1, firstYear: 0 });
    // The whole organization: the statement and the kept sums give the same cells, to the cent.
    const sort = (cs: Awaited<ReturnType<typeof costCells>>) => [...cs].sort((a, b) => a.calendarYear - b.calendarYear || a.approach.localeCompare(b.approach) || Number(a.asChosen) - Number(b.asChosen) || Number(a.asRecommended) - Number(b.asRecommended));
    expect(sort(await costCellsFromRollup(org.id, filterWith({})))).toEqual(sort(await costCells(org.id, filterWith({}))));
  });
});
