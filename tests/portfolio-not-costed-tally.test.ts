/**
 * The budget panel's use cases "not costed" per business unit and calendar year, on the
 * unfiltered portfolio, come from a tally kept in every write's transaction (kind 'notCosted' of
 * "PortfolioTally", migration 20261206211500_portfolio_not_costed_tally), not from a scan of the
 * uncosted use cases. Here the kept count is compared, for every business unit and each of 25
 * years, with the count the panel made before (its statement, copied below as the oracle: the
 * uncosted rollup rows joined with their use cases' start, horizon and retirement) after each kind
 * of write; and the migration's backfill is compared with it on rows written before it.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ASSUMPTIONS } from "@/lib/domain/costing/assumptions";
import { suggestColumns } from "@/lib/domain/import";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { db } from "@/lib/server/db";
import { importFile } from "@/lib/server/import/run";
import { compact, writeBase } from "@/lib/server/portfolio/cost-sums";
import { recordUseCaseDecision } from "@/lib/server/use-cases/decision";
import { rederiveOrganization } from "@/lib/server/use-cases/derive";
import { EDITABLE_SELECT, rowToFields } from "@/lib/server/use-cases/mapping";
import { restoreUseCase, softDeleteUseCase } from "@/lib/server/use-cases/trash";
import { inUseCaseTransaction, writeUseCase } from "@/lib/server/use-cases/write";
import { budgetOverview, notCostedByUnit } from "@/lib/server/value/budgets-read";
import { readMigrations } from "../scripts/lib/migrate";
import { generateUseCases } from "../scripts/bench/generate";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { withClient } from "./helpers/pg-client";

/** The count as the panel made it before the tally (notCostedByUnit, unfiltered), word for word: $1 organization, $2 year. */
const ORACLE = `
  SELECT r."businessUnit", count(*)::int AS n
    FROM "UseCaseRollup" r
    JOIN "UseCase" u ON u.id = r."useCaseId" AND u."organizationId" = $1
   WHERE r."organizationId" = $1 AND r."deletedAt" IS NULL
     AND ((r."chosenBaseCents" IS NULL AND r.evidence <> 'none') OR r.evidence = 'none')
     AND cardinality((CASE COALESCE(r."chosenApproach", r."recommendedApproach") WHEN 'RAG' THEN r."ragCents" WHEN 'FINE_TUNING' THEN r."fineTuningCents" WHEN 'HYBRID' THEN r."hybridCents" ELSE r."chosenCents" END)) = 0
     AND $2::int >= EXTRACT(YEAR FROM COALESCE(u."startDate", u."createdAt"))::int
     AND $2::int < EXTRACT(YEAR FROM COALESCE(u."startDate", u."createdAt"))::int
                 + LEAST(10, GREATEST(1, u."horizonYears"), CASE WHEN u."retiredAt" IS NULL THEN 10 ELSE EXTRACT(YEAR FROM u."retiredAt")::int - EXTRACT(YEAR FROM COALESCE(u."startDate", u."createdAt"))::int + 1 END)
   GROUP BY r."businessUnit"`;

const YEARS = Array.from({ length: 25 }, (_, i) => 2018 + i);
const sorted = (m: Map<string, number> | [string, number][]) => [...m].sort(([a], [b]) => a.localeCompare(b));

async function fresh(organizationId: string, year: number): Promise<[string, number][]> {
  const rows = await db.$queryRawUnsafe<{ businessUnit: string; n: number }[]>(ORACLE, organizationId, year);
  return sorted(rows.map((r) => [r.businessUnit, Number(r.n)]));
}

/** The kept tally's rows themselves for the year, by unit. */
async function keptTally(organizationId: string, year: number): Promise<[string, number][]> {
  const rows = await db.portfolioTally.findMany({ where: { organizationId, kind: "notCosted", key: { startsWith: `${year}:` } } });
  const by = new Map<string, number>();
  for (const r of rows) by.set(r.key.slice(5), (by.get(r.key.slice(5)) ?? 0) + Number(r.n));
  return sorted([...by].filter(([, n]) => n !== 0));
}

let org: TestOrg;
const ctx = () => ({ organizationId: org.id, actorId: org.users.ADMIN.id, role: "ADMIN" as const });

/** Every year: the kept count (the page's read) equals the fresh one. Returns how many counted, over all years. */
async function expectKeptEqualsFresh(label: string): Promise<number> {
  const marker = await db.portfolioCostSum.count({ where: { organizationId: org.id, calendarYear: null } });
  expect(marker, `${label}: the kept sums are there, so the page reads them`).toBe(1);
  let total = 0;
  for (const year of YEARS) {
    const want = await fresh(org.id, year);
    expect(await keptTally(org.id, year), `${label}, ${year}: the tally`).toEqual(want);
    expect(sorted(await notCostedByUnit(org.id, EMPTY_FILTER, year)), `${label}, ${year}: the page's read`).toEqual(want);
    total += want.reduce((s, [, n]) => s + n, 0);
  }
  return total;
}

const fieldsOf = async (id: string) => rowToFields(await db.useCase.findUniqueOrThrow({ where: { id }, select: EDITABLE_SELECT }));
const versionOf = async (id: string) => (await db.useCase.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
async function edit(id: string, changes: Record<string, unknown>): Promise<void> {
  const fields = await fieldsOf(id);
  await inUseCaseTransaction(async (tx) => writeUseCase(tx, ctx(), { id, expectedVersion: await versionOf(id), fields: { ...fields, ...changes } as never }));
}
async function create(title: string, fields: Record<string, unknown>): Promise<string> {
  return (await inUseCaseTransaction((tx) => writeUseCase(tx, ctx(), { fields: { title, ...fields } as never }))).id;
}
const AGENT_ANSWERS = { changeFrequency: "daily", coreNeed: "neither", needsToolUse: true };
const RAG_ANSWERS = { changeFrequency: "weekly", maxLagDays: 3, coreNeed: "retrieval", needsCitations: true, monthlyCalls: 100_000, evaluationSetExists: true };
const ids: Record<string, string> = {};

beforeAll(async () => {
  org = await createTestOrg("notcosted");
  // The organization's kept sums (and marker) first, so every write below goes through the triggers.
  await writeBase(org.id, { rewrite: true });
}, 60_000);

describe("the budget panel's not-costed count, kept per business unit and year", () => {
  it("is read from the kept tally on the unfiltered portfolio (a planted row shows), and from the rollup under a filter", async () => {
    const planted = await db.portfolioTally.create({ data: { organizationId: org.id, kind: "notCosted", key: "2031:Planted: with a colon", n: 2 } });
    expect(sorted(await notCostedByUnit(org.id, EMPTY_FILTER, 2031))).toEqual([["Planted: with a colon", 2]]);
    expect(await notCostedByUnit(org.id, EMPTY_FILTER, 2030)).toEqual(new Map());
    expect(await notCostedByUnit(org.id, { ...EMPTY_FILTER, businessUnit: ["Planted: with a colon"] }, 2031)).toEqual(new Map());
    await db.portfolioTally.delete({ where: { id: planted.id } });
  });

  it("equals the fresh count after creates (a mix, not assessed, agents with no estimate, undated)", async () => {
    for (const fields of generateUseCases(24, 11)) await inUseCaseTransaction((tx) => writeUseCase(tx, ctx(), { fields }));
    ids.bare = await create("Bare idea", { businessUnit: "NC Ops", startDate: "2027-03-01", horizonYears: 3, assessment: {} });
    ids.agent = await create("Ticket agent", { businessUnit: "NC Ops", startDate: "2025-06-01", horizonYears: 5, assessment: AGENT_ANSWERS });
    ids.undated = await create("Undated agent", { businessUnit: "NC Support", horizonYears: 2, assessment: AGENT_ANSWERS });
    ids.far = await create("Far idea", { businessUnit: "NC Far", startDate: "2033-01-01", horizonYears: 10, assessment: {} });
    ids.rag = await create("Policy search", { businessUnit: "NC Legal", startDate: "2026-01-01", horizonYears: 4, assessment: RAG_ANSWERS });
    const total = await expectKeptEqualsFresh("after creates");
    expect(total).toBeGreaterThan(20);
    // The fixture's own: the bare idea counts in its three years only, in its unit.
    expect((await notCostedByUnit(org.id, EMPTY_FILTER, 2029)).get("NC Ops")).toBe(2);
    expect((await notCostedByUnit(org.id, EMPTY_FILTER, 2026)).get("NC Ops")).toBe(1);
    expect((await notCostedByUnit(org.id, EMPTY_FILTER, 2030)).get("NC Ops")).toBeUndefined();
    // The budget panel's rows carry it.
    const { rows } = await budgetOverview(org.id, EMPTY_FILTER, 2040);
    expect(rows.find((r) => r.businessUnit === "NC Far")).toMatchObject({ notCosted: 1 });
  });

  it("follows a use case to another business unit", async () => {
    await edit(ids.bare!, { businessUnit: "NC Moved" });
    await edit(ids.agent!, { businessUnit: "NC Moved" });
    await expectKeptEqualsFresh("after moving units");
    expect((await notCostedByUnit(org.id, EMPTY_FILTER, 2027)).get("NC Moved")).toBe(2);
  });

  it("follows new dates and horizons, and a start taken away", async () => {
    await edit(ids.bare!, { startDate: "2030-01-01", horizonYears: 1 });
    await edit(ids.far!, { horizonYears: 2 });
    await edit(ids.agent!, { startDate: null });
    await expectKeptEqualsFresh("after new dates");
    expect((await notCostedByUnit(org.id, EMPTY_FILTER, 2035)).get("NC Far")).toBeUndefined();
  });

  it("follows a retirement (none after the year it was retired) and its undoing", async () => {
    await edit(ids.undated!, { status: "RETIRED" });
    await edit(ids.far!, { status: "RETIRED" }); // retired before its start: no year at all
    await expectKeptEqualsFresh("after retiring");
    await edit(ids.far!, { status: "IDEA" });
    await expectKeptEqualsFresh("after un-retiring");
  });

  it("follows decisions: costed to not costed and back, and a manual estimate", async () => {
    await inUseCaseTransaction(async (tx) => recordUseCaseDecision(tx, ctx(), { id: ids.rag!, expectedVersion: await versionOf(ids.rag!), chosenApproach: "AGENT", decisionNotes: "" }));
    await expectKeptEqualsFresh("after choosing an uncosted approach");
    expect((await notCostedByUnit(org.id, EMPTY_FILTER, 2027)).get("NC Legal")).toBe(1);
    await edit(ids.rag!, { manualEstimate: { low: 100_00, base: 200_00, high: 300_00 } });
    await expectKeptEqualsFresh("after a manual estimate");
    expect((await notCostedByUnit(org.id, EMPTY_FILTER, 2027)).get("NC Legal")).toBeUndefined();
    await edit(ids.bare!, { assessment: RAG_ANSWERS });
    await expectKeptEqualsFresh("after assessing the bare idea");
  });

  it("leaves a use case in the trash out, and counts it again once restored", async () => {
    const before = await notCostedByUnit(org.id, EMPTY_FILTER, 2027);
    await inUseCaseTransaction((tx) => softDeleteUseCase(tx, ctx(), { id: ids.undated! }));
    await inUseCaseTransaction((tx) => softDeleteUseCase(tx, ctx(), { id: ids.agent! }));
    await expectKeptEqualsFresh("after the trash");
    expect((await notCostedByUnit(org.id, EMPTY_FILTER, 2027)).get("NC Moved") ?? 0).toBe((before.get("NC Moved") ?? 0) - 1);
    await inUseCaseTransaction((tx) => restoreUseCase(tx, ctx(), { id: ids.agent! }));
    await expectKeptEqualsFresh("after a restore");
  });

  it("follows an import (new use cases and an update by external id), new assumptions, a rollback and a compaction", async () => {
    const header = ["title", "businessUnit", "status", "externalId", "startDate", "horizonYears"];
    const existing = (await db.useCase.findFirstOrThrow({ where: { organizationId: org.id, externalId: { not: null }, deletedAt: null }, select: { externalId: true } })).externalId!;
    const rows = [
      ["Imported one", "NC Imported", "IDEA", "NC-1", "2028-01-01", "4"],
      ["Imported two", "NC Imported", "RETIRED", "NC-2", "2024-01-01", "10"],
      ["Updated by import", "NC Imported", "BUILDING", existing, "2031-05-01", "2"],
    ];
    const text = [header, ...rows].map((r) => r.join(",")).join("\r\n") + "\r\n";
    const imported = await importFile({ organizationId: org.id, userId: org.users.ADMIN.id, role: "ADMIN" }, {
      file: new File([text], "more.csv", { type: "text/csv" }),
      fileName: "more.csv",
      mapping: { columns: suggestColumns(header), values: {} },
    });
    expect(imported).toMatchObject({ committed: true, created: 2, updated: 1 });
    await expectKeptEqualsFresh("after an import");
    expect((await notCostedByUnit(org.id, EMPTY_FILTER, 2029)).get("NC Imported")).toBeGreaterThanOrEqual(1);

    const set = DEFAULT_ASSUMPTIONS;
    await db.assumptionVersion.create({ data: { organizationId: org.id, version: 1, values: JSON.parse(JSON.stringify({ ...set, values: { ...set.values, inputTokensPerCall: { low: 900, base: 1600, high: 3000 } } })) } });
    await rederiveOrganization((fn) => db.$transaction(fn), org.id);
    await expectKeptEqualsFresh("after new assumptions");

    const kept = sorted(await notCostedByUnit(org.id, EMPTY_FILTER, 2027));
    await expect(inUseCaseTransaction(async (tx) => {
      await writeUseCase(tx, ctx(), { fields: { title: "Rolled back", businessUnit: "NC Moved", startDate: "2027-01-01", assessment: {} } as never });
      throw new Error("rolled back");
    })).rejects.toThrow("rolled back");
    expect(sorted(await notCostedByUnit(org.id, EMPTY_FILTER, 2027))).toEqual(kept);

    await compact(org.id);
    expect(await db.portfolioTally.count({ where: { organizationId: org.id, kind: "notCosted", n: 0 } })).toBe(0);
    await expectKeptEqualsFresh("after a compaction");
    await writeBase(org.id, { rewrite: true });
    await expectKeptEqualsFresh("after a base");
  }, 120_000);
});

describe("the migration that keeps the tally", () => {
  const name = `tradeoff_notcosted_${randomUUID().slice(0, 8)}`;
  const url = (() => {
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${name}`;
    return u.toString();
  })();
  afterAll(() => withClient((c) => c.query(`drop database if exists ${name} with (force)`)));

  it("fills the years of the rows written before it, counts them, and the writes after it keep the count", async () => {
    await withClient((c) => c.query(`create database ${name}`));
    const migrations = await readMigrations();
    const at = migrations.findIndex((m) => m.name === "20261206211500_portfolio_not_costed_tally");
    expect(at).toBeGreaterThan(0);
    await withClient(async (c) => {
      for (const m of migrations.slice(0, at)) await c.query(m.sql);
      await c.query(`insert into "User" (id, email, name, "updatedAt") values ('user', 'user@notcosted.test', 'User', now())`);
      // [unit, start date, created, horizon, retired, costed, evidence, deleted]
      type Row = [string, string | null, string, number, string | null, boolean, string, boolean];
      const rows: Row[] = [
        ["Ops", "2027-03-01", "2026-01-05", 3, null, false, "none", false],
        ["Ops", null, "2025-12-31 23:59:59", 2, null, false, "provisional", false],
        ["Ops", "2024-01-01", "2026-01-05", 10, "2026-06-30", false, "assessed", false],
        ["Ops", "2028-01-01", "2026-01-05", 5, "2026-06-30", false, "none", false], // retired before its start
        ["Legal", "2027-01-01", "2026-01-05", 4, null, true, "assessed", false], // costed
        ["Legal", "2027-01-01", "2026-01-05", 4, null, false, "none", true], // in the trash
        ["Legal", "2030-01-01", "2026-01-05", 12, null, false, "none", false],
      ];
      for (const org of ["a", "b"]) {
        await c.query(`insert into "Organization" (id, name, slug, "updatedAt") values ($1, $1, $1, now())`, [org]);
        for (const [i, [unit, start, created, horizon, retired, costed, evidence, deleted]] of rows.entries()) {
          if (org === "b" && i > 1) break;
          const id = `${org}-${i}`;
          await c.query(
            `insert into "UseCase" (id, "organizationId", title, "ownerId", "createdById", "businessUnit", "startDate", "createdAt", "horizonYears", status, "retiredAt", evidence, "updatedAt")
             values ($1, $2, $1, 'user', 'user', $3, $4, $5, $6, $7::"UseCaseStatus", $8, $9::"Evidence", now())`,
            [id, org, unit, start, created, horizon, retired ? "RETIRED" : "IDEA", retired, evidence],
          );
          await c.query(
            `insert into "UseCaseRollup" ("useCaseId", "organizationId", "businessUnit", status, "ownerId", "recommendedApproach", "updatedAt", "deletedAt", evidence, "startYear", "ragCents", "chosenBaseCents")
             values ($1, $2, $3, 'IDEA', 'user', $4::"Approach", now(), $5, $6::"Evidence", $7, $8::bigint[], $9)`,
            [id, org, unit, evidence === "none" ? null : costed ? "RAG" : "AGENT", deleted ? new Date() : null, evidence, costed ? 2027 : null, costed ? [1, 2, 3] : [], costed ? 2 : null],
          );
        }
      }
      await c.query(migrations[at]!.sql);
      const oracle = async (org: string, year: number) =>
        sorted((await c.query<{ businessUnit: string; n: number }>(ORACLE, [org, year])).rows.map((r) => [r.businessUnit, Number(r.n)]));
      const kept = async (org: string, year: number) =>
        sorted(
          (await c.query<{ unit: string; n: string }>(
            `select substr(key, 6) as unit, sum(n)::text as n from "PortfolioTally" where "organizationId" = $1 and kind = 'notCosted' and starts_with(key, $2) group by 1 having sum(n) <> 0`,
            [org, `${year}:`],
          )).rows.map((r) => [r.unit, Number(r.n)]),
        );
      const expectSame = async (label: string) => {
        for (const org of ["a", "b"]) for (const year of YEARS) expect(await kept(org, year), `${label}: ${org} ${year}`).toEqual(await oracle(org, year));
      };
      await expectSame("the backfill");
      expect(await kept("a", 2026)).toEqual([["Ops", 2]]);
      expect(await kept("a", 2031)).toEqual([["Legal", 1]]);
      expect(await kept("b", 2026)).toEqual([["Ops", 1]]);
      // After it, the refresh fills the years and the triggers keep the count: a new start, a unit, the trash.
      await c.query(`update "UseCase" set "startDate" = '2035-01-01', "businessUnit" = 'Far' where id = 'a-0'`);
      await c.query(`update "UseCase" set "deletedAt" = now() where id = 'b-1'`);
      await c.query(`select "UseCaseRollup_refresh"('a', array['a-0', 'a-1', 'a-2', 'a-3', 'a-6'])`);
      await c.query(`select "UseCaseRollup_refresh"('b', array['b-0', 'b-1'])`);
      await expectSame("after writes");
      expect(await kept("a", 2036)).toEqual([["Far", 1], ["Legal", 1]]);
    }, url);
  }, 120_000);
});
