/**
 * The migration 20261206212000_decision_build_budget, on a database that holds what the code
 * before it left: decisions whose yearly budget is their approach's first year whole, the one-off
 * build included. Each is split by its approach's first-year one-off lines (build engineering,
 * data curation, training compute): exactly where the figure is that first year, in its shares
 * where the projection has moved since; the two always sum to the figure stored.
 */
import { afterAll, describe, expect, it } from "vitest";
import { beforeMigration } from "./helpers/before-migration";

const MIGRATION = "20261206212000_decision_build_budget";
const databases = beforeMigration("tradeoff_build_budget");

afterAll(() => databases.dropAll());

describe("keeping a decision's one-off build apart from its yearly budget", () => {
  it("splits the stored first year into the build and the run rate, and leaves the rest whole", async () => {
    await databases.justBefore(MIGRATION, async (c, apply) => {
      await c.query(`insert into "Organization" (id, name, slug, "updatedAt") values ('org', 'Org', 'org', now())`);
      await c.query(`insert into "User" (id, email, name, "updatedAt") values ('lead', 'lead@m.test', 'Lead', now())`);
      // [use case, approach, stored yearly budget]
      const rows: [string, string, number | null][] = [
        ["hybrid", "HYBRID", 488_000_00], // $290,000 of build in its first year
        ["prompting", "PROMPTING", 60_000_00], // nothing to build
        ["unfigured", "RAG", null], // no figure: stays none
        ["moved", "RAG", 50_000_00], // approved before the projection grew: split in the shares of its first year now
      ];
      for (const [id, approach, budget] of rows) {
        await c.query(`insert into "UseCase" (id, "organizationId", title, "ownerId", "createdById", "updatedAt") values ($1, 'org', $1, 'lead', 'lead', now())`, [id]);
        await c.query(
          `insert into "UseCaseDecision" ("useCaseId", "organizationId", state, approach, "yearlyBudgetCents", "proposedById", "proposedAt", "updatedAt")
           values ($1, 'org', 'BUDGET_APPROVED', $2, $3, 'lead', now(), now())`,
          [id, approach, budget],
        );
      }
      const lines = async (id: string, approach: string, categories: string[], base: number[]) =>
        c.query(
          `insert into "CostLineSet" ("organizationId", "useCaseId", approach, category, "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents")
           values ('org', $1, $2, $3::text[], $4::int[], $5::int[], $6::bigint[], $6::bigint[], $6::bigint[])`,
          [id, approach, categories, categories.map((_, i) => (i < categories.length - 1 ? 1 : 2)), categories.map((_, i) => (i < categories.length - 1 ? 2027 : 2028)), base],
        );
      await lines("hybrid", "HYBRID", ["BUILD_ENGINEERING", "DATA_CURATION", "TRAINING_COMPUTE", "INFERENCE", "INFERENCE"], [250_000_00, 30_000_00, 10_000_00, 198_000_00, 198_000_00]);
      // Another approach's build is not this decision's.
      await lines("prompting", "RAG", ["BUILD_ENGINEERING", "INFERENCE", "INFERENCE"], [40_000_00, 20_000_00, 20_000_00]);
      await lines("prompting", "PROMPTING", ["INFERENCE", "INFERENCE"], [60_000_00, 60_000_00]);
      await lines("unfigured", "RAG", ["BUILD_ENGINEERING", "INFERENCE", "INFERENCE"], [40_000_00, 20_000_00, 20_000_00]);
      await lines("moved", "RAG", ["BUILD_ENGINEERING", "INFERENCE", "INFERENCE"], [70_000_00, 20_000_00, 20_000_00]);
      await apply();
      const after = await c.query<{ useCaseId: string; yearly: string | null; build: string }>(
        `select "useCaseId", "yearlyBudgetCents"::text as yearly, "buildCents"::text as build from "UseCaseDecision" order by "useCaseId"`,
      );
      expect(Object.fromEntries(after.rows.map((r) => [r.useCaseId, [r.yearly, r.build]]))).toEqual({
        hybrid: [String(198_000_00), String(290_000_00)],
        prompting: [String(60_000_00), "0"],
        unfigured: [null, "0"],
        // First year now $90,000, of which $70,000 build: seven ninths of $50,000 ($38,888.89).
        moved: [String(50_000_00 - 38_888_89), String(38_888_89)],
      });
    });
  });
});
