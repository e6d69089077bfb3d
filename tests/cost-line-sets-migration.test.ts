/**
 * The migrations that store cost lines and yearly totals as sets (20261205020000_cost_sets), then
 * the lines as one set per use case and approach (20261205220000_cost_line_set_per_approach), each
 * on a database that holds them the way before it: every row is still there through the CostLine
 * and CostYear views, with its figures, its year and its order, and nothing else is.
 */
import type pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { beforeMigration } from "./helpers/before-migration";

const SETS = "20261205020000_cost_sets";
const PER_APPROACH = "20261205220000_cost_line_set_per_approach";
const databases = beforeMigration("tradeoff_sets");

afterAll(() => databases.dropAll());

/**
 * A new database migrated up to (not including) `migration`, holding an organization, a member and
 * the given use cases; `then` runs on it with the migration to apply.
 */
async function justBefore(migration: string, useCases: string[], then: (c: pg.Client, apply: () => Promise<unknown>) => Promise<void>): Promise<void> {
  await databases.justBefore(migration, async (c, apply) => {
    await c.query(`insert into "Organization" (id, name, slug, "updatedAt") values ('org', 'Org', 'org', now())`);
    await c.query(`insert into "User" (id, email, name, "updatedAt") values ('user', 'user@sets.test', 'User', now())`);
    for (const uc of useCases) {
      await c.query(`insert into "UseCase" (id, "organizationId", title, "ownerId", "createdById", "updatedAt") values ($1, 'org', $1, 'user', 'user', now())`, [uc]);
    }
    await then(c, apply);
  });
}

describe("migrating stored cost lines to sets", () => {
  it("keeps every line, its figures (missing ones missing), its year and its order; a year with no line stays without one", async () => {
    await justBefore(SETS, ["uc-a", "uc-b"], async (c, apply) => {
      // Lines as the old table held them, inserted in the projection's order: a year at a time,
      // categories in their order; BUILD only in year 1; a missing figure in year 2 of uc-a.
      const lines: [string, string, number, string, number | null, boolean][] = [
        ["uc-a", "RAG", 1, "BUILD", 900, false], ["uc-a", "RAG", 1, "INFERENCE", 100, false], ["uc-a", "RAG", 1, "HOSTING", 50, false],
        ["uc-a", "RAG", 2, "INFERENCE", null, false], ["uc-a", "RAG", 2, "HOSTING", 55, false],
        ["uc-a", "PROMPTING", 1, "MANUAL_ESTIMATE", 7, true], ["uc-a", "PROMPTING", 2, "MANUAL_ESTIMATE", 8, true],
        ["uc-b", "FINE_TUNING", 1, "TRAINING", 5000, false], ["uc-b", "FINE_TUNING", 1, "INFERENCE", 20, false],
      ];
      for (const [uc, approach, year, category, base, manual] of lines) {
        await c.query(
          `insert into "CostLine" ("organizationId", "useCaseId", approach, "yearIndex", "calendarYear", category, "lowCents", "baseCents", "highCents", manual)
           values ('org', $1, $2, $3, 2026 + $3, $4, $5::bigint - 1, $5, $5::bigint + 1, $6)`,
          [uc, approach, year, category, base, manual],
        );
      }
      const read = `select "useCaseId", approach::text, "yearIndex", "calendarYear", category, "lowCents"::text, "baseCents"::text, "highCents"::text, manual
                      from "CostLine" order by "useCaseId", approach, "yearIndex", id`;
      const before = (await c.query(read)).rows;
      expect(before).toHaveLength(lines.length);

      await apply();

      expect((await c.query(read)).rows).toEqual(before);
      const { rows: sets } = await c.query(`select "useCaseId", approach::text, category, manual, "yearIndex", "baseCents"::text[] from "CostLineSet" order by id`);
      expect(sets).toEqual([
        { useCaseId: "uc-a", approach: "RAG", category: "BUILD", manual: false, yearIndex: [1], baseCents: ["900"] },
        { useCaseId: "uc-a", approach: "RAG", category: "INFERENCE", manual: false, yearIndex: [1, 2], baseCents: ["100", null] },
        { useCaseId: "uc-a", approach: "RAG", category: "HOSTING", manual: false, yearIndex: [1, 2], baseCents: ["50", "55"] },
        { useCaseId: "uc-a", approach: "PROMPTING", category: "MANUAL_ESTIMATE", manual: true, yearIndex: [1, 2], baseCents: ["7", "8"] },
        { useCaseId: "uc-b", approach: "FINE_TUNING", category: "TRAINING", manual: false, yearIndex: [1], baseCents: ["5000"] },
        { useCaseId: "uc-b", approach: "FINE_TUNING", category: "INFERENCE", manual: false, yearIndex: [1], baseCents: ["20"] },
      ]);
      // A new set is numbered after the migrated ones.
      await c.query(`insert into "CostLineSet" ("organizationId", "useCaseId", approach, category, "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents")
                     values ('org', 'uc-b', 'FINE_TUNING', 'HOSTING', '{1}', '{2027}', '{1}', '{1}', '{1}')`);
      const { rows: last } = await c.query(`select category from "CostLine" where "useCaseId" = 'uc-b' order by id desc limit 1`);
      expect(last).toEqual([{ category: "HOSTING" }]);
      // Deleting the use case deletes its lines, as the table's foreign key did.
      await c.query(`delete from "UseCase" where id = 'uc-a'`);
      expect((await c.query(`select count(*)::int as n from "CostLine" where "useCaseId" = 'uc-a'`)).rows[0].n).toBe(0);
    });
  });

  it("keeps every yearly total, its figures, completeness and order, one set per use case and approach", async () => {
    await justBefore(SETS, ["uc"], async (c, apply) => {
      const years: [string, number, number, boolean, boolean][] = [
        ["RAG", 2, 220, false, false], ["RAG", 1, 110, true, false], ["PROMPTING", 1, 7, true, true], ["RAG", 3, 330, true, false],
      ];
      for (const [approach, year, base, complete, manual] of years) {
        await c.query(
          `insert into "CostYear" ("organizationId", "useCaseId", approach, "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents", complete, manual)
           values ('org', 'uc', $1, $2, 2026 + $2, $3::bigint - 1, $3, $3::bigint + 1, $4, $5)`,
          [approach, year, base, complete, manual],
        );
      }
      const read = `select approach::text, "yearIndex", "calendarYear", "lowCents"::text, "baseCents"::text, "highCents"::text, complete, manual
                      from "CostYear" order by approach, "yearIndex"`;
      const before = (await c.query(read)).rows;
      expect(before).toHaveLength(years.length);

      await apply();

      expect((await c.query(read)).rows).toEqual(before);
      const { rows: sets } = await c.query(`select approach::text, manual, "yearIndex", "baseCents"::text[], complete from "CostYearSet" order by id`);
      expect(sets).toEqual([
        { approach: "RAG", manual: false, yearIndex: [1, 2, 3], baseCents: ["110", "220", "330"], complete: [true, false, true] },
        { approach: "PROMPTING", manual: true, yearIndex: [1], baseCents: ["7"], complete: [true] },
      ]);
      // A total is never missing: the table refuses a null amount, as the old columns did.
      await expect(c.query(`insert into "CostYearSet" ("organizationId", "useCaseId", approach, "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents", complete)
                             values ('org', 'uc', 'HYBRID', '{1}', '{2027}', '{1}', '{NULL}', '{1}', '{t}')`)).rejects.toThrow(/CostYearSet_arrays_check/);
    });
  });
});

describe("migrating cost-line sets to one set per use case and approach", () => {
  it("keeps every line, its figures (missing ones missing), its year and its order within an approach and year", async () => {
    await justBefore(PER_APPROACH, ["uc-a", "uc-b"], async (c, apply) => {
      // Sets as the table held them: one per use case, approach and category, numbered in the
      // order of each category's first line.
      const sets: [string, string, string, boolean, number[], (number | null)[]][] = [
        ["uc-a", "RAG", "BUILD", false, [1], [900]],
        ["uc-a", "RAG", "INFERENCE", false, [1, 2], [100, null]],
        ["uc-a", "PROMPTING", "MANUAL_ESTIMATE", true, [1, 2], [7, 8]],
        ["uc-a", "RAG", "HOSTING", false, [1, 2], [50, 55]],
        ["uc-b", "FINE_TUNING", "TRAINING", false, [1], [5000]],
        ["uc-b", "FINE_TUNING", "INFERENCE", false, [1], [20]],
      ];
      for (const [uc, approach, category, manual, years, base] of sets) {
        await c.query(
          `insert into "CostLineSet" ("organizationId", "useCaseId", approach, category, manual, "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents")
           values ('org', $1, $2, $3, $4, $5::int[], (select array_agg(y + 2026) from unnest($5::int[]) y), $6::bigint[], $6::bigint[], $6::bigint[])`,
          [uc, approach, category, manual, years, base],
        );
      }
      const read = `select "useCaseId", approach::text, "yearIndex", "calendarYear", category, "lowCents"::text, "baseCents"::text, "highCents"::text, manual
                      from "CostLine" order by "useCaseId", approach, "yearIndex", id`;
      const before = (await c.query(read)).rows;
      expect(before).toHaveLength(9);
      // RAG's year 1 in the projection's order of categories: build, inference, hosting.
      expect(before.filter((r) => r.useCaseId === "uc-a" && r.approach === "RAG" && r.yearIndex === 1).map((r) => r.category)).toEqual(["BUILD", "INFERENCE", "HOSTING"]);

      await apply();

      expect((await c.query(read)).rows).toEqual(before);
      const { rows: after } = await c.query(`select "useCaseId", approach::text, manual, category, "yearIndex", "baseCents"::text[] from "CostLineSet" order by id`);
      expect(after).toEqual([
        { useCaseId: "uc-a", approach: "RAG", manual: false, category: ["BUILD", "INFERENCE", "INFERENCE", "HOSTING", "HOSTING"], yearIndex: [1, 1, 2, 1, 2], baseCents: ["900", "100", null, "50", "55"] },
        { useCaseId: "uc-a", approach: "PROMPTING", manual: true, category: ["MANUAL_ESTIMATE", "MANUAL_ESTIMATE"], yearIndex: [1, 2], baseCents: ["7", "8"] },
        { useCaseId: "uc-b", approach: "FINE_TUNING", manual: false, category: ["TRAINING", "INFERENCE"], yearIndex: [1, 1], baseCents: ["5000", "20"] },
      ]);
      // One set per use case and approach: a second is refused by the key; a new one is numbered after the migrated ones.
      await expect(c.query(`insert into "CostLineSet" ("organizationId", "useCaseId", approach, category, "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents")
                             values ('org', 'uc-b', 'FINE_TUNING', '{HOSTING}', '{1}', '{2027}', '{1}', '{1}', '{1}')`)).rejects.toThrow(/CostLineSet_useCaseId_approach_key/);
      await c.query(`insert into "CostLineSet" ("organizationId", "useCaseId", approach, category, "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents")
                     values ('org', 'uc-b', 'RAG', '{HOSTING}', '{1}', '{2027}', '{1}', '{1}', '{1}')`);
      const { rows: last } = await c.query(`select approach::text, category from "CostLine" where "useCaseId" = 'uc-b' order by id desc limit 1`);
      expect(last).toEqual([{ approach: "RAG", category: "HOSTING" }]);
      // Every line names its category, and the arrays run in parallel.
      await expect(c.query(`insert into "CostLineSet" ("organizationId", "useCaseId", approach, category, "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents")
                             values ('org', 'uc-b', 'HYBRID', '{NULL}', '{1}', '{2027}', '{1}', '{1}', '{1}')`)).rejects.toThrow(/CostLineSet_arrays_check/);
      await expect(c.query(`insert into "CostLineSet" ("organizationId", "useCaseId", approach, category, "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents")
                             values ('org', 'uc-b', 'HYBRID', '{A,B}', '{1}', '{2027}', '{1}', '{1}', '{1}')`)).rejects.toThrow(/CostLineSet_arrays_check/);
      // Deleting the use case deletes its lines, as before.
      await c.query(`delete from "UseCase" where id = 'uc-a'`);
      expect((await c.query(`select count(*)::int as n from "CostLine" where "useCaseId" = 'uc-a'`)).rows[0].n).toBe(0);
    });
  });
});
