/**
 * The portfolio's figures kept current by every write (lib/server/portfolio/cost-sums.ts, migration
 * 20261204200000_portfolio_cost_sums): the unfiltered dashboard's cost cells and use-case panels
 * come from the kept sums (and the lists from their indexes), and must equal what one scan of the
 * rollup rows gives after every kind of write, a rollback, a write in flight while a base is
 * written, rewrites racing each other and writes, and a compaction. (tests/portfolio.test.ts
 * checks the dashboard against CostLine itself.) Also the business units in use, now read by a
 * skip scan of the rollup's index.
 */
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { compareText } from "@/lib/domain/title-order";
import { db, Prisma } from "@/lib/server/db";
import { compact, COMPACT_AFTER, costSumHooks, writeBase } from "@/lib/server/portfolio/cost-sums";
import { costCells, costCellsFromRollup } from "@/lib/server/portfolio/panels/costs";
import { useCasePanels, useCasePanelsFromRollup } from "@/lib/server/portfolio/panels/use-cases";
import { listBusinessUnits } from "@/lib/server/use-cases/read";
import { valueInput } from "@/lib/server/value/read";
import { projectedSpendByUnit } from "@/lib/server/value/budgets-read";
import { inUseCaseTransaction, writeUseCase } from "@/lib/server/use-cases/write";
import { EDITABLE_SELECT, rowToFields } from "@/lib/server/use-cases/mapping";
import { refreshRollups } from "@/lib/server/portfolio/rollup";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";

const stored = async (organizationId: string) => db.portfolioCostSum.count({ where: { organizationId } });
const hasMarker = async (organizationId: string) => (await db.portfolioCostSum.count({ where: { organizationId, calendarYear: null } })) > 0;

/**
 * The kept cells equal the cells computed from the rollup, and there is money in them; the
 * use-case panels from the kept counts and the lists' indexes equal the panels from one scan.
 */
async function expectKeptEqualsRollup(organizationId: string) {
  const kept = await costCells(organizationId, EMPTY_FILTER);
  const fresh = await costCellsFromRollup(organizationId, EMPTY_FILTER);
  const order = (cells: typeof kept) => cells.map((c) => JSON.stringify(c)).sort();
  expect(order(kept)).toEqual(order(fresh));
  expect(fresh.length).toBeGreaterThan(0);
  const panels = await useCasePanels(organizationId, EMPTY_FILTER);
  expect(panels).toEqual(await useCasePanelsFromRollup(organizationId, EMPTY_FILTER));
  expect(panels.useCases).toBeGreaterThan(0);
  const value = async (fromRollup: boolean) => {
    const v = await valueInput(organizationId, EMPTY_FILTER, { fromRollup });
    return { input: v.input.map((r) => JSON.stringify(r)).sort(), noValue: [...v.noValue].sort(), rateCents: v.rateCents };
  };
  expect(await value(false)).toEqual(await value(true));
  // The budget panel's projected spend by business unit, year by year.
  const byUnit = async (year: number, fromRollup: boolean) => (await projectedSpendByUnit(organizationId, EMPTY_FILTER, year, { fromRollup })).sort((a, b) => (a.businessUnit < b.businessUnit ? -1 : 1));
  for (let year = 2026; year <= 2035; year++) expect(await byUnit(year, false), String(year)).toEqual(await byUnit(year, true));
  return kept;
}

/** Raw statements on a connection of their own, so a test can hold a write open. */
async function connection() {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  return c;
}

async function orgWithUseCases(name: string, n = 4): Promise<{ org: TestOrg; ids: string[] }> {
  const org = await createTestOrg(name);
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) {
    ids.push(
      await insertUseCaseWithCosts(org.id, {
        title: `${name} ${i}`, businessUnit: i % 2 ? "Support" : "Legal", ownerId: org.users.LEAD.id,
        recommended: i % 3 ? "RAG" : "AGENT", chosen: i === 2 ? "FINE_TUNING" : null, startYear: 2026 + i,
        riskFlags: i % 2 ? ["NO_EVALUATION_SET"] : i === 4 ? ["CHOSEN_DIFFERS_FROM_CONSENSUS", "FT_ON_FAST_CHANGING_KNOWLEDGE"] : [], disagreement: i === 3,
        yearly: { RAG: { INFERENCE: [i * 100_00, i * 110_00, null] }, FINE_TUNING: { RETRAINING: [i * 900_00, i * 900_00] }, AGENT: { INFERENCE: [i * 7_00] } },
      }),
    );
  }
  // A value on two of them (one costed and complete, one not), none on the rest.
  for (const id of ids.slice(0, 2)) await db.useCase.update({ where: { id }, data: { benefit: { kind: "HOURS", low: 100, base: 200, high: 300 } } });
  return { org, ids };
}

let shared: { org: TestOrg; ids: string[] };
beforeAll(async () => {
  shared = await orgWithUseCases("sums");
});

describe("the kept sums follow every write, in its transaction", () => {
  it("an organization without them gets its base (and marker) on its first read", async () => {
    await db.portfolioCostSum.deleteMany({ where: { organizationId: shared.org.id } });
    expect(await hasMarker(shared.org.id)).toBe(false);
    await expectKeptEqualsRollup(shared.org.id);
    expect(await hasMarker(shared.org.id)).toBe(true);
  });

  it("a save through the app's write path adds its contributions, and the cells stay exact", async () => {
    const ctx = { organizationId: shared.org.id, actorId: shared.org.users.ADMIN.id, role: "ADMIN" as const };
    await expectKeptEqualsRollup(shared.org.id);
    const before = await stored(shared.org.id);
    const row = await db.useCase.findUniqueOrThrow({ where: { id: shared.ids[0]! }, select: { ...EDITABLE_SELECT, version: true } });
    const fields = rowToFields(row);
    await inUseCaseTransaction((tx) => writeUseCase(tx, ctx, { id: shared.ids[0]!, expectedVersion: row.version, fields: { ...fields, horizonYears: 4, assessment: { ...fields.assessment, monthlyCalls: 250_000 } } }));
    expect(await stored(shared.org.id)).toBeGreaterThan(before);
    await expectKeptEqualsRollup(shared.org.id);
    // A new use case, and one deleted outright.
    const id = await insertUseCaseWithCosts(shared.org.id, { title: "sums new", ownerId: shared.org.users.LEAD.id, recommended: "HYBRID", yearly: { HYBRID: { INFERENCE: [3_00, 4_00, 5_00] } } });
    await expectKeptEqualsRollup(shared.org.id);
    await db.useCase.delete({ where: { id } });
    await expectKeptEqualsRollup(shared.org.id);
  });

  it("a rolled-back write leaves the sums as they were", async () => {
    await expectKeptEqualsRollup(shared.org.id);
    const before = await stored(shared.org.id);
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE "UseCaseRollup" SET "ragCents" = array[1, 2, 3]::bigint[] WHERE "useCaseId" = ${shared.ids[1]!}`;
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await stored(shared.org.id)).toBe(before);
    await expectKeptEqualsRollup(shared.org.id);
  });

  it("once written, the cells come from the kept sums, not from the rollup rows", async () => {
    const kept = await expectKeptEqualsRollup(shared.org.id);
    const one = kept.find((c) => c.approach === "RAG")!;
    // A contribution no rollup row has (the test's own): the read shows it, so it read the sums.
    const [row] = await db.$queryRaw<{ id: bigint }[]>`
      INSERT INTO "PortfolioCostSum" ("organizationId", "calendarYear", ch, rec, "ragb", "ragn")
      SELECT ${shared.org.id}, ${one.calendarYear}, ch, rec, 1, 0 FROM "PortfolioCostSum"
       WHERE "organizationId" = ${shared.org.id} AND "calendarYear" = ${one.calendarYear}
       GROUP BY ch, rec HAVING sum("ragn") > 0 LIMIT 1
      RETURNING id`;
    const read = await costCells(shared.org.id, EMPTY_FILTER);
    expect(read.reduce((s, c) => s + c.base, 0)).toBe(kept.reduce((s, c) => s + c.base, 0) + 1);
    await db.portfolioCostSum.delete({ where: { id: row!.id } });
    await expectKeptEqualsRollup(shared.org.id);
  });

  it("once written, the use-case counts come from the kept sums too", async () => {
    const before = await useCasePanels(shared.org.id, EMPTY_FILTER);
    const [group] = await db.$queryRaw<{ id: bigint }[]>`
      INSERT INTO "PortfolioUseCaseSum" ("organizationId", rec, chosen, ev, av, fv, wv, n)
      SELECT "organizationId", rec, chosen, ev, av, fv, wv, 1 FROM "PortfolioUseCaseSum" WHERE "organizationId" = ${shared.org.id} AND n > 0 LIMIT 1
      RETURNING id`;
    expect((await useCasePanels(shared.org.id, EMPTY_FILTER)).useCases).toBe(before.useCases + 1);
    await db.portfolioUseCaseSum.delete({ where: { id: group!.id } });
    await expectKeptEqualsRollup(shared.org.id);
  });

  it("the scenarios' coverage (each use case's status per scenario) is a kept tally too, and follows a write", async () => {
    await expectKeptEqualsRollup(shared.org.id);
    const before = await useCasePanels(shared.org.id, EMPTY_FILTER);
    // Every use case once, under several words (RAG lacks a figure for all; an agent is costed as an agent).
    expect(before.coverage.reduce((n, g) => n + g.useCases, 0)).toBe(before.useCases);
    expect(before.coverage.length).toBeGreaterThan(1);
    const of = (p: typeof before, statuses: string) => p.coverage.find((g) => g.statuses === statuses)?.useCases ?? 0;
    // A contribution no rollup row has (the test's own): the read shows it, so it read the tally.
    const [row] = await db.$queryRaw<{ id: bigint }[]>`
      INSERT INTO "PortfolioTally" ("organizationId", kind, key, n) VALUES (${shared.org.id}, 'coverage', 'nncnn', 1) RETURNING id`;
    expect(of(await useCasePanels(shared.org.id, EMPTY_FILTER), "nncnn")).toBe(of(before, "nncnn") + 1);
    await db.portfolioTally.delete({ where: { id: row!.id } });
    // A use case no longer costed on fine-tuning (its rollup row written by hand, as a write would): it moves to another word.
    const [was] = await db.$queryRaw<{ id: string; cov: string }[]>`
      SELECT r."useCaseId" AS id, "UseCaseRollup_coverage"(r) AS cov FROM "UseCaseRollup" r
       WHERE r."organizationId" = ${shared.org.id} AND r."deletedAt" IS NULL AND cardinality(r."fineTuningCents") > 0 ORDER BY 1 LIMIT 1`;
    const target = was!.id;
    expect(was!.cov[3]).not.toBe("n");
    await db.$executeRaw`UPDATE "UseCaseRollup" SET "fineTuningCents" = '{}', incomplete = incomplete & ~8 WHERE "useCaseId" = ${target}`;
    const [now] = await db.$queryRaw<{ cov: string }[]>`SELECT "UseCaseRollup_coverage"(r) AS cov FROM "UseCaseRollup" r WHERE r."useCaseId" = ${target}`;
    const moved = now!.cov;
    expect(moved[3]).toBe("n");
    const after = await useCasePanels(shared.org.id, EMPTY_FILTER);
    expect([of(after, was!.cov), of(after, moved)]).toEqual([of(before, was!.cov) - 1, of(before, moved) + 1]);
    await expectKeptEqualsRollup(shared.org.id);
    await refreshRollups(db, shared.org.id, [target]);
    expect(await useCasePanels(shared.org.id, EMPTY_FILTER)).toEqual(before);
    await expectKeptEqualsRollup(shared.org.id);
  });

  it("the value panel counts the costed use cases without a value from the kept tally, less those given one", async () => {
    const before = await valueInput(shared.org.id, EMPTY_FILTER);
    const unvalued = [...before.noValue.values()].reduce((a, b) => a + b, 0);
    expect(unvalued).toBeGreaterThan(0);
    const candidates = await db.useCaseRollup.findMany({ where: { organizationId: shared.org.id, deletedAt: null, chosenBaseCents: { not: null }, useCaseId: { notIn: shared.ids.slice(0, 2) } } });
    const target = candidates.find((r) => (r.incomplete & 1) === 0)!.useCaseId;
    await db.useCase.update({ where: { id: target }, data: { benefit: { kind: "HOURS", low: 10, base: 20, high: 30 } } });
    const after = await valueInput(shared.org.id, EMPTY_FILTER);
    expect([...after.noValue.values()].reduce((a, b) => a + b, 0)).toBe(unvalued - 1);
    expect(after.input.length).toBe(before.input.length + 1);
    await expectKeptEqualsRollup(shared.org.id);
    await db.useCase.update({ where: { id: target }, data: { benefit: Prisma.DbNull } });
    await expectKeptEqualsRollup(shared.org.id);
  });

  it("a soft delete takes a use case's money away, a restore brings it back", async () => {
    const id = shared.ids[2]!;
    await db.$executeRaw`UPDATE "UseCaseRollup" SET "deletedAt" = now() WHERE "useCaseId" = ${id}`;
    await expectKeptEqualsRollup(shared.org.id);
    await db.$executeRaw`UPDATE "UseCaseRollup" SET "deletedAt" = NULL WHERE "useCaseId" = ${id}`;
    await expectKeptEqualsRollup(shared.org.id);
  });
});

describe("concurrency", () => {
  it("a write in flight while the base is written is counted once, after it commits", async () => {
    const { org, ids } = await orgWithUseCases("sums-inflight", 3);
    await db.portfolioCostSum.deleteMany({ where: { organizationId: org.id } });
    const writer = await connection();
    try {
      await writer.query("BEGIN");
      await writer.query(`UPDATE "UseCaseRollup" SET "ragCents" = array[10, 20, 30, 40, 50, 60]::bigint[] WHERE "useCaseId" = $1`, [ids[0]]);
      // The base is written from what is committed; the writer's rows are not among those it replaces.
      await writeBase(org.id);
      await writer.query("COMMIT");
    } finally {
      await writer.end();
    }
    // Neither lost (the base did not see it) nor counted twice (its rows were not replaced).
    await expectKeptEqualsRollup(org.id);
  });

  it("bases, compactions and writes at once leave the sums exact", async () => {
    const { org, ids } = await orgWithUseCases("sums-race", 4);
    await expectKeptEqualsRollup(org.id);
    const write = async (i: number) => {
      const c = await connection();
      try {
        await c.query("BEGIN");
        await c.query(`UPDATE "UseCaseRollup" SET "ragCents" = array[$2::bigint, $2::bigint + 1, $2::bigint + 2]::bigint[] WHERE "useCaseId" = $1`, [ids[i % ids.length], 1000 * (i + 1)]);
        await new Promise((r) => setTimeout(r, 5 * (i % 3)));
        await c.query("COMMIT");
      } finally {
        await c.end();
      }
    };
    await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => write(i)),
      writeBase(org.id, { rewrite: true }), compact(org.id), writeBase(org.id, { rewrite: true }), compact(org.id), writeBase(org.id, { rewrite: true }),
    ]);
    await expectKeptEqualsRollup(org.id);
  });

  it("readers that all find the sums missing (after a restore) write the base once, and all read it", async () => {
    const { org } = await orgWithUseCases("sums-once", 3);
    const expected = await expectKeptEqualsRollup(org.id);
    // As after a restore: the kept tables are not backed up, so the organization has no sums.
    await db.$transaction([
      db.portfolioCostSum.deleteMany({ where: { organizationId: org.id } }),
      db.portfolioUseCaseSum.deleteMany({ where: { organizationId: org.id } }),
      db.portfolioTally.deleteMany({ where: { organizationId: org.id } }),
    ]);
    // Hold the base's lock until every reader has found the sums missing and waits for it.
    const holder = await connection();
    const bases: string[] = [];
    costSumHooks.onBase = (id) => bases.push(id);
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [`PortfolioCostSum:${org.id}`]);
      const readers = [costCells(org.id, EMPTY_FILTER), useCasePanels(org.id, EMPTY_FILTER), costCells(org.id, EMPTY_FILTER), useCasePanels(org.id, EMPTY_FILTER)];
      for (let waiting = 0, tries = 0; waiting < readers.length; tries++) {
        if (tries > 200) throw new Error(`only ${waiting} readers waited for the lock`);
        await new Promise((r) => setTimeout(r, 25));
        const { rows } = await holder.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks w JOIN pg_locks h ON h.locktype = 'advisory' AND h.granted AND h.pid = pg_backend_pid()
             AND w.classid = h.classid AND w.objid = h.objid AND w.objsubid = h.objsubid
            WHERE w.locktype = 'advisory' AND NOT w.granted`,
        );
        waiting = rows[0]!.n;
      }
      await holder.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [`PortfolioCostSum:${org.id}`]);
      const [cells1, panels1, cells2, panels2] = await Promise.all(readers);
      expect(bases).toEqual([org.id]);
      const order = (cells: typeof expected) => cells.map((c) => JSON.stringify(c)).sort();
      expect(order(cells1 as typeof expected)).toEqual(order(expected));
      expect(order(cells2 as typeof expected)).toEqual(order(expected));
      expect(panels2).toEqual(panels1);
      expect(panels1).toEqual(await useCasePanelsFromRollup(org.id, EMPTY_FILTER));
    } finally {
      costSumHooks.onBase = undefined;
      await holder.end();
    }
    await expectKeptEqualsRollup(org.id);
  });
});

describe("compaction", () => {
  it(`folds an organization's rows into one per group once there are more than ${COMPACT_AFTER}`, async () => {
    const { org } = await orgWithUseCases("sums-compact", 3);
    const before = await expectKeptEqualsRollup(org.id);
    const groups = await stored(org.id);
    // Many contributions that cancel out, as a long day of saves leaves.
    await db.$executeRaw`
      INSERT INTO "PortfolioCostSum" ("organizationId", "calendarYear", ch, rec, "ragb", "ragn")
      SELECT s."organizationId", s."calendarYear", s.ch, s.rec, 12345 * (g % 2 * 2 - 1), 0
        FROM (SELECT * FROM "PortfolioCostSum" WHERE "organizationId" = ${org.id} AND "calendarYear" IS NOT NULL LIMIT 1) s,
             generate_series(1, ${COMPACT_AFTER + 2}) AS g`;
    expect(await stored(org.id)).toBeGreaterThan(COMPACT_AFTER);
    // The read that finds them still gives the same cells, and leaves one row per group.
    expect((await costCells(org.id, EMPTY_FILTER)).map((c) => JSON.stringify(c)).sort()).toEqual(before.map((c) => JSON.stringify(c)).sort());
    expect(await stored(org.id)).toBeLessThanOrEqual(groups);
    expect(await hasMarker(org.id)).toBe(true);
    await expectKeptEqualsRollup(org.id);
  });
});

describe("organizations", () => {
  it("each organization's sums are its own, and go with it", async () => {
    const other = await orgWithUseCases("sums-other", 2);
    await expectKeptEqualsRollup(other.org.id);
    await expectKeptEqualsRollup(shared.org.id);
    expect(await stored(other.org.id)).toBeGreaterThan(0);
    await db.organization.delete({ where: { id: other.org.id } });
    expect(await stored(other.org.id)).toBe(0);
    await expectKeptEqualsRollup(shared.org.id);
  });
});

describe("the business units in use", () => {
  it("are the live use cases' distinct units, whatever their case and spelling, as people read them", async () => {
    const org = await createTestOrg("sums-units");
    const units = ["Support", "legal", "Légal", "Zeta", "support ", "Ops", "Ops", ""];
    for (const [i, businessUnit] of units.entries()) {
      await insertUseCaseWithCosts(org.id, { title: `unit ${i}`, businessUnit, ownerId: org.users.LEAD.id, deleted: businessUnit === "Zeta", yearly: {} });
    }
    const grouped = await db.useCase.groupBy({ by: ["businessUnit"], where: { organizationId: org.id, deletedAt: null, businessUnit: { not: "" } }, orderBy: { businessUnit: "asc" } });
    expect(grouped.map((g) => g.businessUnit)).not.toContain("Zeta");
    // Sorted as people read them (ICU's root order), not in the index's byte order ("Ops" before "legal" on a C-locale database).
    expect(await listBusinessUnits(org.id)).toEqual(grouped.map((g) => g.businessUnit).sort(compareText));
    expect((await listBusinessUnits(org.id)).slice(0, 3)).toEqual(["legal", "Légal", "Ops"]);
    expect(await listBusinessUnits(org.id)).toHaveLength(5);
  });
});
