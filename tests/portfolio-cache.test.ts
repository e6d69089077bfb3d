/**
 * Issue 22, item 1: the unfiltered portfolio page is served from an exact, per-organization cache
 * in PostgreSQL (lib/server/portfolio/cache.ts, docs/decisions/portfolio-cache.md). After every
 * kind of write the page's data from the cache equals a fresh computation; a write committed while
 * a computation runs is never hidden by it; a rolled-back write costs nothing; organizations never
 * see each other's cache; the exports still reconcile to the cent with the (cached) dashboard.
 */
import Papa from "papaparse";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { FRAMEWORKS } from "@/lib/domain/frameworks";
import { DEFAULT_ASSUMPTIONS } from "@/lib/domain/costing/assumptions";
import type { Dashboard } from "@/lib/domain/portfolio/types";
import { db } from "@/lib/server/db";
import { detailStream } from "@/lib/server/export/cost-exports";
import { importActuals } from "@/lib/server/actuals/import";
import { assertPlainJson, cacheHooks } from "@/lib/server/portfolio/cache";
import { computeOverview, loadOverview, overviewCacheKey, PORTFOLIO_CACHE_TABLES } from "@/lib/server/portfolio/overview";
import { scopedQueryRaw } from "@/lib/server/rls";
import { Prisma } from "@/lib/server/db";
import { seedDemoOrganization } from "@/lib/server/seed/demo";
import { EDITABLE_SELECT, rowToFields } from "@/lib/server/use-cases/mapping";
import { deleteUseCase, recordDecision, restoreUseCase, updateUseCase } from "@/app/o/[org]/use-cases/actions";
import { importUseCases, undoImport } from "@/app/o/[org]/use-cases/import/actions";
import { saveAssumptions } from "@/app/o/[org]/assumptions/actions";
import { saveFrameworkWeights } from "@/app/o/[org]/frameworks/actions";
import { setBudget, setHourlyRate } from "@/app/o/[org]/value/actions";
import { undoActualImport } from "@/lib/server/actuals/undo";
import { chunked, focusSample } from "./helpers/actuals-samples";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs } from "./helpers/session";
import { csv, fileOf, H, templateMapping, tRow } from "./import-helpers";

const YEAR = 2027;
const stamp = Date.now();
const slug = `cache-${stamp}`;
let orgId: string;
const users: Record<"ADMIN" | "EXECUTIVE" | "LEAD" | "FINANCE", string> = { ADMIN: "", EXECUTIVE: "", LEAD: "", FINANCE: "" };
let other: TestOrg;

type Result = { ok: boolean; code?: string; message?: string; data?: Record<string, unknown> };
async function ok(p: Promise<unknown>): Promise<Result> {
  const r = (await p) as Result;
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
  return r;
}

/** What a reader of the page gets, as plain data (the beyond-exact error as a marker). */
function plain(o: Awaited<ReturnType<typeof computeOverview>> & { fromCache?: boolean }) {
  const { dashboard, fromCache: _served, ...rest } = o;
  return JSON.parse(JSON.stringify({ ...rest, dashboard: dashboard instanceof Error ? { beyondExact: true } : dashboard }));
}

/**
 * Loads the page's data twice through the cache, and once fresh: both loads must equal the fresh
 * computation, and the second must come from the cache. Returns the fresh data.
 */
async function expectCacheExact(organizationId = orgId) {
  const first = await loadOverview(organizationId, EMPTY_FILTER, YEAR);
  const second = await loadOverview(organizationId, EMPTY_FILTER, YEAR);
  const fresh = plain(await computeOverview(organizationId, EMPTY_FILTER, YEAR));
  expect(plain(first)).toEqual(fresh);
  expect(plain(second)).toEqual(fresh);
  expect(second.fromCache, "the second load is served from the cache").toBe(true);
  return fresh;
}

/** Runs a write and checks that the page changed and that the cache follows it exactly. */
async function afterWrite(what: string, write: () => Promise<unknown>) {
  const before = await expectCacheExact();
  await write();
  const after = await expectCacheExact();
  expect(after, `${what} changes the portfolio page`).not.toEqual(before);
}

beforeAll(async () => {
  const spec = {
    org: { name: "Cache test", slug },
    users: (["ADMIN", "EXECUTIVE", "LEAD", "FINANCE"] as const).map((role) => ({ role, email: `${role.toLowerCase()}-${stamp}@cache.test`, name: role })),
    password: "cache-password-123",
  };
  expect(await seedDemoOrganization(spec)).toBe(true);
  orgId = (await db.organization.findUniqueOrThrow({ where: { slug } })).id;
  for (const m of await db.membership.findMany({ where: { organizationId: orgId }, select: { userId: true, role: true } })) users[m.role] = m.userId;
  other = await createTestOrg("cacheb");
  await insertUseCaseWithCosts(other.id, { title: "Other organization's use case", ownerId: other.users.LEAD.id, recommended: "RAG", startYear: 2027, yearly: { RAG: { INFERENCE: [123_45, 678_90] } } });
}, 300_000);

afterEach(() => {
  cacheHooks.beforeStore = undefined;
});

describe("the cached portfolio page equals a fresh computation after every kind of write", () => {
  it("the change triggers cover every table the cached loaders read", async () => {
    const { rows } = { rows: await db.$queryRaw<{ table: string }[]>`
      SELECT DISTINCT c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       WHERE t.tgname LIKE 'portfolio_change%' AND NOT t.tgisinternal` };
    expect(rows.map((r) => r.table).sort()).toEqual([...PORTFOLIO_CACHE_TABLES].sort());
  });

  it("edit, decision, trash and restore", async () => {
    signInAs(users.ADMIN);
    const uc = await db.useCase.findFirstOrThrow({ where: { organizationId: orgId, deletedAt: null, chosenApproach: null, recommendedApproach: { not: null } }, select: EDITABLE_SELECT, orderBy: { title: "asc" } });
    await afterWrite("an edit", () => ok(updateUseCase(slug, { ...rowToFields(uc), id: uc.id, expectedVersion: uc.version, title: `${uc.title} (renamed)`, businessUnit: "Cache unit" })));
    signInAs(users.EXECUTIVE);
    const v = (await db.useCase.findUniqueOrThrow({ where: { id: uc.id } })).version;
    const rec = (await db.useCase.findUniqueOrThrow({ where: { id: uc.id }, select: { recommendedApproach: true } })).recommendedApproach;
    const choice = (["RAG", "FINE_TUNING", "HYBRID"] as const).find((a) => a !== rec)!;
    await afterWrite("a decision", () => ok(recordDecision(slug, { id: uc.id, expectedVersion: v, chosenApproach: choice, decisionNotes: "cache test" })));
    signInAs(users.ADMIN);
    await afterWrite("moving a use case to the trash", () => ok(deleteUseCase(slug, { id: uc.id })));
    await afterWrite("restoring it", () => ok(restoreUseCase(slug, { id: uc.id })));
  }, 120_000);

  it("a budget and the hourly value rate", async () => {
    signInAs(users.FINANCE);
    const unit = (await db.useCase.findFirstOrThrow({ where: { organizationId: orgId, deletedAt: null, businessUnit: { not: "" } }, select: { businessUnit: true } })).businessUnit;
    await afterWrite("a budget", () => ok(setBudget(slug, { businessUnit: unit, year: YEAR, amountCents: 12_345_678 })));
    await afterWrite("the hourly value rate", () => ok(setHourlyRate(slug, { rateCents: 7_700 })));
  }, 120_000);

  it("an actuals import and its undo", async () => {
    const actor = { organizationId: orgId, userId: users.FINANCE, role: "FINANCE" as const };
    let importId = "";
    await afterWrite("an actuals import", async () => {
      const out = await importActuals(actor, { source: chunked(focusSample()), fileName: "focus.csv", feed: "Azure" });
      expect(out.committed).toBe(true);
      importId = (await db.actualImport.findFirstOrThrow({ where: { organizationId: orgId }, orderBy: { createdAt: "desc" }, select: { id: true } })).id;
    });
    await afterWrite("undoing the actuals import", () => undoActualImport(actor, importId));
  }, 120_000);

  it("a use-case import and its undo", async () => {
    signInAs(users.LEAD);
    let importId = "";
    await afterWrite("a use-case import", async () => {
      const res = (await ok(importUseCases(slug, { file: fileOf(csv([H, tRow({ title: "Imported for the cache" }), tRow({ title: "Imported too" })])), fileName: "inventory.csv", mapping: templateMapping(), onlyValid: false }))) as Result;
      importId = String(res.data!.importId);
    });
    await afterWrite("undoing the import", () => ok(undoImport(slug, { importId })));
  }, 120_000);

  it("an assumption change (every projection re-costed) and rescoring (new framework weights)", async () => {
    signInAs(users.FINANCE);
    const current = await db.assumptionVersion.findFirst({ where: { organizationId: orgId }, orderBy: { version: "desc" }, select: { version: true } });
    await afterWrite("an assumption change", () =>
      ok(saveAssumptions(slug, {
        expectedVersion: current?.version ?? 0,
        fineTuneMethod: DEFAULT_ASSUMPTIONS.fineTuneMethod,
        values: { ...DEFAULT_ASSUMPTIONS.values, engineerRate: { low: 160, base: 210, high: 260 } },
        note: "cache test",
      })),
    );
    signInAs(users.ADMIN);
    const org = await db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { weightsVersion: true } });
    const weights = { ...Object.fromEntries(FRAMEWORKS.map((f) => [f.id, 1])), "behaviour-vs-knowledge": 0, "start-with-rag": 0 };
    await afterWrite("rescoring", () => ok(saveFrameworkWeights(slug, { expectedWeightsVersion: org.weightsVersion, weights, note: "cache test" })));
  }, 300_000);
});

describe("concurrency and rollbacks", () => {
  it("a write committed while a computation runs is not hidden by the result it stores", async () => {
    await expectCacheExact();
    const uc = await db.useCase.findFirstOrThrow({ where: { organizationId: orgId, deletedAt: null }, select: { id: true, title: true } });
    // A write no cached load has seen: the next load computes; between its reads and its store,
    // another connection commits a rename.
    await db.useCase.update({ where: { id: uc.id }, data: { title: `${uc.title} (first)` } });
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      cacheHooks.beforeStore = async () => {
        cacheHooks.beforeStore = undefined;
        await client.query(`UPDATE "UseCase" SET "businessUnit" = 'Moved while computing' WHERE id = $1`, [uc.id]);
        await client.query(`UPDATE "UseCaseRollup" SET "businessUnit" = 'Moved while computing' WHERE "useCaseId" = $1`, [uc.id]);
      };
      const during = await loadOverview(orgId, EMPTY_FILTER, YEAR);
      expect(during.fromCache).toBe(false);
      expect(during.businessUnits).not.toContain("Moved while computing");
      const next = await loadOverview(orgId, EMPTY_FILTER, YEAR);
      expect(next.businessUnits, "the next load sees the write committed during the computation").toContain("Moved while computing");
      expect(plain(next)).toEqual(plain(await computeOverview(orgId, EMPTY_FILTER, YEAR)));
    } finally {
      await client.end();
    }
  }, 120_000);

  it("a result computed before a prune that removed a change record it did not see is never served (the horizon)", async () => {
    await expectCacheExact();
    const uc = await db.useCase.findFirstOrThrow({ where: { organizationId: orgId, deletedAt: null }, select: { id: true } });
    await db.useCase.update({ where: { id: uc.id }, data: { description: "start a computation" } });
    cacheHooks.beforeStore = async () => {
      cacheHooks.beforeStore = undefined;
      // While the YEAR computation waits to store: a write commits, then the page of another
      // budget year is computed from a newer snapshot, stored, and prunes the write's record.
      await db.useCase.update({ where: { id: uc.id }, data: { businessUnit: "Moved before the prune" } });
      await db.useCaseRollup.update({ where: { useCaseId: uc.id }, data: { businessUnit: "Moved before the prune" } });
      const later = await loadOverview(orgId, EMPTY_FILTER, YEAR + 1);
      expect(later.businessUnits).toContain("Moved before the prune");
      expect(await db.portfolioChange.count({ where: { organizationId: orgId, xid: { gte: 0 } } })).toBeLessThanOrEqual(1);
    };
    const stale = await loadOverview(orgId, EMPTY_FILTER, YEAR);
    expect(stale.businessUnits).not.toContain("Moved before the prune");
    const next = await loadOverview(orgId, EMPTY_FILTER, YEAR);
    expect(next.businessUnits, "the result that predates the prune is not served").toContain("Moved before the prune");
    expect(plain(next)).toEqual(plain(await computeOverview(orgId, EMPTY_FILTER, YEAR)));
  }, 120_000);

  it("a rolled-back write leaves no change record: the stored result stays valid and is served", async () => {
    const fresh = await expectCacheExact();
    const uc = await db.useCase.findFirstOrThrow({ where: { organizationId: orgId, deletedAt: null }, select: { id: true } });
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query("BEGIN");
      await client.query(`UPDATE "UseCase" SET "businessUnit" = 'Never committed' WHERE id = $1`, [uc.id]);
      // While it is in progress, readers do not see it, and neither does the cache.
      const meanwhile = await loadOverview(orgId, EMPTY_FILTER, YEAR);
      expect(meanwhile.fromCache).toBe(true);
      await client.query("ROLLBACK");
    } finally {
      await client.end();
    }
    const after = await loadOverview(orgId, EMPTY_FILTER, YEAR);
    expect(after.fromCache, "served from the cache after the rollback").toBe(true);
    expect(plain(after)).toEqual(fresh);
  }, 120_000);

  it("change records are pruned once every stored snapshot sees them", async () => {
    await expectCacheExact();
    for (let i = 0; i < 3; i++) await db.useCase.updateMany({ where: { organizationId: orgId, deletedAt: null, title: { startsWith: "zzz-never" } }, data: { title: "x" } });
    const uc = await db.useCase.findFirstOrThrow({ where: { organizationId: orgId, deletedAt: null }, select: { id: true, title: true } });
    for (let i = 0; i < 3; i++) await db.useCase.update({ where: { id: uc.id }, data: { title: `${uc.title} ${i}` } });
    const written = await db.portfolioChange.findMany({ where: { organizationId: orgId }, select: { xid: true } });
    expect(written.length).toBeGreaterThanOrEqual(3);
    const newest = written.reduce((m, r) => (r.xid > m ? r.xid : m), 0n);
    // A snapshot's xmin is server-wide: a transaction still open in any database (other test files
    // share this server) holds it back. Wait until none that began before these writes is running,
    // so the next stored snapshot sees them all, whatever else the server is doing.
    const serverXmin = async () => BigInt((await db.$queryRaw<{ x: string }[]>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS x`)[0]!.x);
    for (let waited = 0; (await serverXmin()) <= newest && waited < 60_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    await expectCacheExact();
    const horizon = await db.portfolioCacheHorizon.findUniqueOrThrow({ where: { organizationId: orgId }, select: { prunedBelow: true } });
    const stored = await db.portfolioCache.findMany({ where: { organizationId: orgId }, select: { snapshotXmin: true } });
    // The horizon is the oldest stored snapshot's xmin; every record below it is gone, these writes' among them.
    expect(horizon.prunedBelow).toBe(stored.reduce((m, c) => (c.snapshotXmin < m ? c.snapshotXmin : m), stored[0]!.snapshotXmin));
    expect(horizon.prunedBelow).toBeGreaterThan(newest);
    expect(await db.portfolioChange.count({ where: { organizationId: orgId, xid: { lt: horizon.prunedBelow } } })).toBe(0);
  }, 120_000);
});

describe("organizations and the cache", () => {
  it("each organization reads only its own cache, through the organization-scoped role", async () => {
    const mine = await expectCacheExact(orgId);
    const theirs = await expectCacheExact(other.id);
    expect(theirs.dashboard.useCases).toBe(1);
    expect(mine.dashboard.useCases).toBeGreaterThan(1);
    // A statement with no organization filter at all, scoped to the other organization.
    for (const table of ["PortfolioCache", "PortfolioChange", "PortfolioCacheHorizon"]) {
      const seen = await scopedQueryRaw<{ org: string }[]>(other.id, Prisma.sql`SELECT DISTINCT "organizationId" AS org FROM ${Prisma.raw(`"${table}"`)}`);
      expect(seen.map((r) => r.org).filter((o) => o !== other.id), table).toEqual([]);
    }
    const all = await db.portfolioCache.findMany({ where: { organizationId: { in: [orgId, other.id] }, key: overviewCacheKey(YEAR) }, select: { organizationId: true } });
    expect(all.map((r) => r.organizationId).sort()).toEqual([orgId, other.id].sort());
    // A write in one organization leaves the other's stored result valid.
    await db.useCase.updateMany({ where: { organizationId: orgId, deletedAt: null }, data: { description: "touched" } });
    expect((await loadOverview(other.id, EMPTY_FILTER, YEAR)).fromCache).toBe(true);
    expect((await loadOverview(orgId, EMPTY_FILTER, YEAR)).fromCache).toBe(false);
  }, 120_000);
});

describe("the exports reconcile with the cached dashboard", () => {
  it("the detail export adds up, as chosen, to the cached dashboard's totals year by year, to the cent", async () => {
    await expectCacheExact();
    const cached = await loadOverview(orgId, EMPTY_FILTER, YEAR);
    expect(cached.fromCache).toBe(true);
    const d = cached.dashboard as Dashboard;
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(detailStream({ id: orgId, name: "Cache test" }, EMPTY_FILTER)).arrayBuffer());
    const rows = Papa.parse<Record<string, string>>(text.slice(1, -2), { header: true, newline: "\r\n" }).data;
    const cents = (s: string | undefined) => (s ? BigInt(s.replace(".", "")) : 0n);
    const years = [...new Set(d.scenarios.map((x) => x.calendarYear))];
    expect(years.length).toBeGreaterThan(1);
    for (const year of years) {
      const picked = rows.filter((r) => r.calendar_year === String(year) && r.as_chosen === "yes");
      const want = d.scenarios.find((x) => x.scenario === "chosen" && x.calendarYear === year)!;
      const got = (["low", "base", "high"] as const).map((k) => picked.reduce((n, r) => n + cents(r[k]), 0n));
      expect(got, String(year)).toEqual([BigInt(want.low), BigInt(want.base), BigInt(want.high)]);
    }
  }, 120_000);
});

describe("serialization", () => {
  it("refuses values JSON would change, and the page's data passes", async () => {
    expect(() => assertPlainJson({ at: new Date() })).toThrow(/Date/);
    expect(() => assertPlainJson({ n: 10n })).toThrow(/bigint/);
    expect(() => assertPlainJson({ n: Number.NaN })).toThrow(/NaN/);
    expect(() => assertPlainJson([1, undefined])).toThrow(/undefined/);
    expect(() => assertPlainJson({ m: new Map() })).toThrow(/Map/);
    expect(() => assertPlainJson({ a: [1, "x", null, { b: true, c: undefined }] })).not.toThrow();
    const o = await computeOverview(orgId, EMPTY_FILTER, YEAR);
    expect(() => assertPlainJson({ ...o, dashboard: o.dashboard instanceof Error ? null : o.dashboard })).not.toThrow();
  }, 120_000);
});
