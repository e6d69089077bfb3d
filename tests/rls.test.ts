/**
 * Row-level security, the safety net under the raw-SQL read paths (lib/server/rls.ts and the
 * migration 20261123120000_row_level_security): acting as the scoped role, a statement with no
 * organization filter at all sees one organization's rows and nothing else, in every
 * organization-owned table; the role cannot write; with no organization set it sees nothing;
 * the dashboard, the exports and the import's check really read through it; the application's
 * own role is untouched; and on a server where the migration may not create or grant the role,
 * everything still migrates and the app falls back to its own filters with one warning.
 *
 * The role and database set-up here needs a role that may create roles and databases (the
 * embedded PostgreSQL's, or DATABASE_URL's when it is a superuser).
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { db, Prisma } from "@/lib/server/db";
import { businessUnitStream, detailStream } from "@/lib/server/export/cost-exports";
import { cursorCsvStream } from "@/lib/server/export/cursor-stream";
import { suggestColumns } from "@/lib/domain/import/columns";
import { checkRows } from "@/lib/server/import/run";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import { loadOverview } from "@/lib/server/portfolio/overview";
import { forgetScopeProbe, ORGANIZATION_SETTING, SCOPED_ROLE, SCOPED_TABLES, scopedQueryRaw, withOrganizationScope } from "@/lib/server/rls";
import { migrate, readMigrations } from "../scripts/lib/migrate";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { withClient } from "./helpers/pg-client";

let a: TestOrg;
let b: TestOrg;
/** A user who owns one of a's use cases but is no longer a member of a. */
let formerMember: { id: string; email: string };

/** The organization-owned tables, and the views over them (which read as their caller, so under the tables' policies). */
const ORG_TABLES = [...SCOPED_TABLES.filter((t) => t !== "Organization" && t !== "User"), "CostLine", "CostYear"];

async function fillOrganization(org: TestOrg, ownerId = org.users.LEAD.id) {
  await insertUseCaseWithCosts(org.id, { title: `RLS ${org.name}`, ownerId, recommended: "RAG", riskFlags: ["NO_EVALUATION_SET"], yearly: { RAG: { INFERENCE: [100_00, 200_00] } } });
  // The portfolio cache (issue 22): a stored result and its horizon; the writes below leave change records.
  await loadOverview(org.id, EMPTY_FILTER, 2027);
  await db.auditEvent.create({ data: { organizationId: org.id, actorId: org.users.ADMIN.id, action: "rls.test", entity: "Test", entityId: org.id } });
  await db.invitation.create({
    data: { organizationId: org.id, email: `invitee-${randomUUID()}@rls.test`, role: "LEAD", tokenHash: randomUUID(), expiresAt: new Date(Date.now() + 86_400_000), invitedById: org.users.ADMIN.id },
  });
  await db.assumptionVersion.create({ data: { organizationId: org.id, version: 1, values: {} } });
  await db.importMapping.create({ data: { organizationId: org.id, name: "rls", columnMap: {}, valueMap: {} } });
  await db.businessUnitBudget.create({ data: { organizationId: org.id, businessUnit: "Rls", year: 2027, amountCents: 100n } });
  await db.securityEvent.create({ data: { organizationId: org.id, action: "security.access.forbidden", outcome: "refused", ip: "rls", entity: "Action", entityId: "rls", dedupeKey: randomUUID() } });
  // Actual spend (issue 21): an import with a month and a line, a rule, and attributed spend.
  const useCaseId = (await db.useCase.findFirstOrThrow({ where: { organizationId: org.id }, select: { id: true } })).id;
  const imp = await db.actualImport.create({ data: { organizationId: org.id, feed: "rls", format: "CSV", fileName: "rls.csv", rows: 1, totalCents: 100n } });
  const month = new Date("2026-01-01T00:00:00Z");
  await db.actualImportMonth.create({ data: { organizationId: org.id, importId: imp.id, month, totalCents: 100n } });
  await db.actualLine.create({ data: { organizationId: org.id, importId: imp.id, month, category: "INFERENCE", costCents: 100n, rows: 1 } });
  await db.actualRule.create({ data: { organizationId: org.id, field: "resource", value: "rls", useCaseId, shareBp: 10_000 } });
  await db.actualSpend.create({ data: { organizationId: org.id, useCaseId, month, category: "INFERENCE", cents: 100n } });
  await db.actualSpendYear.create({ data: { organizationId: org.id, useCaseId, year: 2026, monthCents: [100n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n], totalCents: 100n } });
  const uc = await db.useCase.findFirstOrThrow({ where: { organizationId: org.id }, select: { id: true } });
  await db.useCaseDecision.create({ data: { useCaseId: uc.id, organizationId: org.id, state: "PROPOSED", approach: "RAG", proposedById: ownerId, proposedAt: new Date() } });
  await db.useCaseComment.create({ data: { organizationId: org.id, useCaseId: uc.id, authorId: ownerId, body: "rls" } });
  await db.notification.create({ data: { organizationId: org.id, userId: ownerId, kind: "mention", message: "rls" } });
}

/** A raw statement with no organization filter, in a transaction scoped to `organizationId`. */
function scopedRead<T>(organizationId: string, sql: string): Promise<T> {
  return db.$transaction(async (tx) => {
    expect(await withOrganizationScope(tx, organizationId)).toBe(true);
    return tx.$queryRawUnsafe<T>(sql);
  });
}

/** The error a statement raises in a scoped transaction (the transaction is rolled back). */
async function scopedError(organizationId: string, sql: string): Promise<string> {
  try {
    await db.$transaction(async (tx) => {
      await withOrganizationScope(tx, organizationId);
      await tx.$executeRawUnsafe(sql);
    });
  } catch (err) {
    return String((err as Error).message);
  }
  return "no error";
}

function serverUrl(user?: { name: string; password: string }, database?: string): string {
  const u = new URL(process.env.DATABASE_URL!);
  if (user) {
    u.username = user.name;
    u.password = user.password;
  }
  if (database) u.pathname = `/${database}`;
  return u.toString();
}

const admin = <T>(fn: (c: pg.Client) => Promise<T>, url = serverUrl()): Promise<T> => withClient(fn, url);

beforeAll(async () => {
  a = await createTestOrg("rlsa");
  b = await createTestOrg("rlsb");
  const left = await db.user.create({ data: { email: `left-${randomUUID()}@rls.test`, name: "Left a", passwordHash: "not-a-real-hash" } });
  formerMember = { id: left.id, email: left.email };
  await fillOrganization(a);
  await insertUseCaseWithCosts(a.id, { title: "Owned by someone who left", ownerId: left.id, yearly: {} });
  await fillOrganization(b);
});

describe("row-level security: the scoped role", () => {
  it("covers every table that has an organizationId column, plus Organization and User; every such view reads as its caller", async () => {
    const { rows } = await admin((c) =>
      c.query<{ table_name: string; kind: string; invoker: boolean }>(
        `select c.relname as table_name, c.relkind as kind, coalesce('security_invoker=true' = any(c.reloptions), false) as invoker
           from information_schema.columns i join pg_class c on c.relname = i.table_name
           join pg_namespace n on n.oid = c.relnamespace and n.nspname = i.table_schema
          where i.table_schema = current_schema() and i.column_name = 'organizationId'`,
      ),
    );
    const owned = rows.filter((r) => r.kind === "r").map((r) => r.table_name);
    expect(owned.length).toBeGreaterThanOrEqual(8);
    for (const t of owned) expect(SCOPED_TABLES, `${t} is in SCOPED_TABLES`).toContain(t);
    // A view owned by the migrating role would otherwise read its tables as that role, past their policies.
    const views = rows.filter((r) => r.kind === "v");
    expect(views.map((v) => v.table_name).sort()).toEqual(["CostLine", "CostYear"]);
    for (const v of views) expect(v.invoker, `${v.table_name} reads as its caller (security_invoker)`).toBe(true);
    const { rows: secured } = await admin((c) =>
      c.query<{ relname: string; relrowsecurity: boolean; policies: string[] }>(
        `select c.relname, c.relrowsecurity, array(select polname from pg_policy p where p.polrelid = c.oid order by polname)::text[] as policies
           from pg_class c where c.relname = any($1) and c.relkind = 'r'`,
        [[...SCOPED_TABLES]],
      ),
    );
    expect(secured).toHaveLength(SCOPED_TABLES.length);
    for (const s of secured) {
      expect(s.relrowsecurity, `${s.relname} has row-level security`).toBe(true);
      expect(s.policies, s.relname).toEqual(["tradeoff_all_rows", "tradeoff_org_scope"]);
    }
  });

  it("lets a statement with no organization filter see only the scoped organization's rows, in every table", async () => {
    for (const table of ORG_TABLES) {
      const unscoped = await db.$queryRawUnsafe<{ organizationId: string }[]>(`SELECT DISTINCT "organizationId" FROM "${table}"`);
      expect(unscoped.map((r) => r.organizationId), `${table} has both organizations' rows`).toEqual(expect.arrayContaining([a.id, b.id]));
      for (const org of [a, b]) {
        const rows = await scopedRead<{ organizationId: string }[]>(org.id, `SELECT DISTINCT "organizationId" FROM "${table}"`);
        expect(rows.map((r) => r.organizationId), `${table} scoped to ${org.name}`).toEqual([org.id]);
      }
    }
    expect((await scopedRead<{ id: string }[]>(a.id, `SELECT id FROM "Organization"`)).map((r) => r.id)).toEqual([a.id]);
  });

  it("shows members and owners of the organization's use cases in User, never anyone else, never a password hash", async () => {
    const users = await scopedRead<{ id: string }[]>(a.id, `SELECT id FROM "User"`);
    const expected = [...Object.values(a.users).map((u) => u.id), formerMember.id];
    expect(users.map((u) => u.id).sort()).toEqual(expected.sort());
    expect(await scopedError(a.id, `SELECT "passwordHash" FROM "User"`)).toMatch(/permission denied/);
    // Joins through the scope agree: b's use cases are simply not there to join.
    const joined = await scopedRead<{ email: string }[]>(a.id, `SELECT DISTINCT ow.email FROM "UseCase" u JOIN "User" ow ON ow.id = u."ownerId"`);
    expect(joined.map((r) => r.email).sort()).toEqual([a.users.LEAD.email, formerMember.email].sort());
  });

  it("refuses every write, even to the scoped organization's own rows, and nothing changes", async () => {
    const before = await db.useCase.findMany({ where: { organizationId: { in: [a.id, b.id] } }, orderBy: { id: "asc" } });
    const attempts = [
      `UPDATE "UseCase" SET title = 'taken' WHERE "organizationId" = '${a.id}'`,
      `UPDATE "UseCase" SET title = 'taken'`,
      `DELETE FROM "CostYearSet"`,
      `DELETE FROM "UseCase" WHERE "organizationId" = '${b.id}'`,
      `INSERT INTO "AuditEvent" (id, "organizationId", action, entity, "entityId") VALUES ('x-${randomUUID()}', '${a.id}', 'x', 'x', 'x')`,
      `INSERT INTO "Membership" (id, "userId", "organizationId", role, "updatedAt") VALUES ('x-${randomUUID()}', '${b.users.ADMIN.id}', '${a.id}', 'ADMIN', now())`,
      `UPDATE "Organization" SET name = 'taken'`,
      `TRUNCATE "CostLineSet"`,
      `SELECT * FROM "LoginAttempt"`,
    ];
    for (const sql of attempts) expect(await scopedError(a.id, sql), sql).toMatch(/permission denied/);
    expect(await db.useCase.findMany({ where: { organizationId: { in: [a.id, b.id] } }, orderBy: { id: "asc" } })).toEqual(before);
  });

  it("sees nothing at all when no organization is set", async () => {
    for (const table of SCOPED_TABLES) {
      const rows = await db.$transaction(async (tx) => {
        await tx.$queryRawUnsafe(`SELECT set_config('role', $1, true)`, SCOPED_ROLE);
        return tx.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`);
      });
      expect(Number(rows[0]!.n), table).toBe(0);
    }
    await expect(withOrganizationScope(db as never, "")).rejects.toThrow(/organization id/);
  });

  it("ends with its transaction: the pooled connection goes back as the application's role", async () => {
    await admin(async (c) => {
      const login = (await c.query<{ u: string }>(`select current_user as u`)).rows[0]!.u;
      const workers = "current_setting('max_parallel_workers_per_gather') as workers, current_setting('jit') as jit";
      await c.query("SET max_parallel_workers_per_gather = 2"); // the test cluster's own default is 0
      await c.query("SET jit = on");
      const before = (await c.query(`select ${workers}`)).rows[0];
      expect(before).toEqual({ workers: "2", jit: "on" });
      await c.query("BEGIN");
      expect(await withOrganizationScope(c, a.id)).toBe(true);
      // Scoped, and planned without parallel workers or JIT compiling (one organization's read is small).
      expect((await c.query(`select current_user as u, current_setting($1, true) as org, ${workers}`, [ORGANIZATION_SETTING])).rows[0]).toEqual({ u: SCOPED_ROLE, org: a.id, workers: "0", jit: "off" });
      await c.query("COMMIT");
      const after = (await c.query(`select current_user as u, coalesce(current_setting($1, true), '') as org, ${workers}`, [ORGANIZATION_SETTING])).rows[0];
      expect(after).toEqual({ u: login, org: "", ...before });
      const { rows } = await c.query(`select count(distinct "organizationId")::int as n from "UseCase" where "organizationId" = any($1)`, [[a.id, b.id]]);
      expect(rows[0].n).toBe(2);
      await c.query("RESET max_parallel_workers_per_gather");
      await c.query("RESET jit");
    });
  });

  it("does not restrict other roles, even ones that are members of the scoped role", async () => {
    const member = `tradeoff_rls_member_${randomUUID().slice(0, 8)}`;
    await admin(async (c) => {
      await c.query(`create role ${member} nologin`);
      try {
        await c.query(`grant select on "UseCase" to ${member}`);
        await c.query(`grant ${SCOPED_ROLE} to ${member}`);
        await c.query("BEGIN");
        await c.query(`select set_config('role', $1, true), set_config($2, $3, true)`, [member, ORGANIZATION_SETTING, a.id]);
        const { rows } = await c.query(`select count(distinct "organizationId")::int as n from "UseCase" where "organizationId" = any($1)`, [[a.id, b.id]]);
        await c.query("COMMIT");
        expect(rows[0].n).toBe(2);
      } finally {
        await c.query("ROLLBACK").catch(() => {});
        await c.query(`drop owned by ${member}`);
        await c.query(`drop role ${member}`);
      }
    });
  });
});

describe("row-level security: the read paths that use it", () => {
  it("scopedQueryRaw: a dashboard-style aggregate with its organization filter forgotten still sums one organization", async () => {
    const scoped = await scopedQueryRaw<{ org: string; base: bigint }[]>(a.id, Prisma.sql`SELECT "organizationId" AS org, sum("baseCents")::bigint AS base FROM "CostYear" GROUP BY 1`);
    expect(scoped.map((r) => r.org)).toEqual([a.id]);
    const own = await db.costYear.aggregate({ where: { organizationId: a.id }, _sum: { baseCents: true } });
    expect(scoped[0]!.base).toBe(own._sum.baseCents);
  });

  it("the export's cursor: a query with its organization filter forgotten still streams one organization", async () => {
    const stream = cursorCsvStream<{ org: string }>({
      name: "rls test",
      organizationId: b.id,
      head: "org\r\n",
      query: Prisma.sql`SELECT DISTINCT "organizationId" AS org FROM "CostLine"`,
      createFormatter: () => (row) => `${row.org}\r\n`,
    });
    expect(await new Response(stream).text()).toBe(`org\r\n${b.id}\r\n`);
  });

  it("the dashboard and both exports read as the scoped role (they fail when it may not read the rollup and the cost rows)", async () => {
    const dashboard = await loadDashboard(a.id, EMPTY_FILTER);
    const detail = await new Response(detailStream({ id: a.id, name: a.name }, EMPTY_FILTER)).text();
    const bu = await new Response(businessUnitStream({ id: a.id, name: a.name }, EMPTY_FILTER)).text();
    await admin((c) => c.query(`revoke select on "CostYearSet", "CostLineSet", "UseCaseRollup" from ${SCOPED_ROLE}`));
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await expect(loadDashboard(a.id, EMPTY_FILTER)).rejects.toThrow(/permission denied/);
      await expect(new Response(detailStream({ id: a.id, name: a.name }, EMPTY_FILTER)).text()).rejects.toThrow(/permission denied/);
      await expect(new Response(businessUnitStream({ id: a.id, name: a.name }, EMPTY_FILTER)).text()).rejects.toThrow(/permission denied/);
    } finally {
      errors.mockRestore();
      await admin((c) => c.query(`grant select on "CostYearSet", "CostLineSet", "UseCaseRollup" to ${SCOPED_ROLE}`));
    }
    // And with the grant back, the very same figures as before.
    expect(await loadDashboard(a.id, EMPTY_FILTER)).toEqual(dashboard);
    expect(await new Response(detailStream({ id: a.id, name: a.name }, EMPTY_FILTER)).text()).toBe(detail);
    expect(await new Response(businessUnitStream({ id: a.id, name: a.name }, EMPTY_FILTER)).text()).toBe(bu);
    expect(detail).toContain(`RLS ${a.name}`);
    expect(detail).not.toContain(`RLS ${b.name}`);
  });

  it("the import's check reads as the scoped role too (it fails when the role may not read Membership)", async () => {
    const headers = ["Title", "Owner email"];
    const input = () => ({ headers, rows: [{ row: 2, cells: ["Checked under RLS", a.users.LEAD.email] }], mapping: { columns: suggestColumns(headers), values: {} } });
    const actor = { organizationId: a.id, userId: a.users.ADMIN.id, role: "ADMIN" as const };
    const before = await checkRows(actor, input());
    expect(before.errors).toEqual([]);
    expect(before.actions).toEqual([[2, "create"]]);
    await admin((c) => c.query(`revoke select on "Membership" from ${SCOPED_ROLE}`));
    try {
      await expect(checkRows(actor, input())).rejects.toThrow(/permission denied/);
    } finally {
      await admin((c) => c.query(`grant select on "Membership" to ${SCOPED_ROLE}`));
    }
    expect(await checkRows(actor, input())).toEqual(before);
  });
});

describe("row-level security on a server that will not create or grant the role", () => {
  const login = { name: `tradeoff_rls_limited_${randomUUID().slice(0, 8)}`, password: randomUUID() };
  const databases: string[] = [];

  beforeAll(async () => {
    await admin((c) => c.query(`create role ${login.name} login password '${login.password}' nosuperuser nocreaterole nocreatedb`));
  });

  afterAll(async () => {
    forgetScopeProbe();
    await admin(async (c) => {
      for (const d of databases) await c.query(`drop database if exists ${d} with (force)`);
      await c.query(`drop role if exists ${login.name}`);
    });
  });

  /** A database owned by the limited login, at the init migration, with two organizations' rows. */
  async function databaseAtInit(): Promise<string> {
    const name = `tradeoff_rls_${randomUUID().slice(0, 8)}`;
    databases.push(name);
    await admin((c) => c.query(`create database ${name} owner ${login.name}`));
    const init = (await readMigrations())[0]!;
    await admin(async (c) => {
      await c.query(init.sql);
      await c.query(`create table "_prisma_migrations" ("id" varchar(36) primary key not null, "checksum" varchar(64) not null, "finished_at" timestamptz,
        "migration_name" varchar(255) not null, "logs" text, "rolled_back_at" timestamptz, "started_at" timestamptz not null default now(), "applied_steps_count" integer not null default 0)`);
      await c.query(`insert into "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) values ($1, $2, now(), $3, 1)`, [randomUUID(), init.checksum, init.name]);
      for (const org of ["org-1", "org-2"]) {
        await c.query(`insert into "Organization" (id, name, slug, "updatedAt") values ($1, $1, $1, now())`, [org]);
        await c.query(`insert into "User" (id, email, name, "updatedAt") values ($1, $1, $1, now())`, [`user-${org}`]);
        await c.query(`insert into "UseCase" (id, "organizationId", title, "ownerId", "createdById", "updatedAt") values ($1, $2, $1, $3, $3, now())`, [`uc-${org}`, org, `user-${org}`]);
      }
    }, serverUrl(login, name));
    return name;
  }

  it("an existing database migrates with the role unavailable, and the app falls back to its own filters with one warning", async () => {
    const name = await databaseAtInit();
    const url = serverUrl(login, name);
    const applied = await migrate(url);
    expect(applied).toContain("20261123120000_row_level_security");
    await admin(async (c) => {
      const member = await c.query(`select pg_has_role(current_user, $1, 'MEMBER') as m`, [SCOPED_ROLE]);
      expect(member.rows[0].m).toBe(false);
      // The owner's rows and writes are as before.
      expect((await c.query(`select count(*)::int as n from "UseCase"`)).rows[0].n).toBe(2);
      await c.query(`update "UseCase" set title = 'still writable' where id = 'uc-org-1'`);

      forgetScopeProbe();
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      try {
        for (let i = 0; i < 2; i++) {
          await c.query("BEGIN");
          expect(await withOrganizationScope(c, "org-1")).toBe(false);
          // Unscoped: the transaction is still usable and runs as the login role.
          const { rows } = await c.query(`select current_user as u, count(*)::int as n from "UseCase" group by 1`);
          expect(rows).toEqual([{ u: login.name, n: 2 }]);
          await c.query("COMMIT");
        }
        expect(warn).toHaveBeenCalledTimes(1);
        expect(String(warn.mock.calls[0]![0])).toContain(SCOPED_ROLE);
        expect(String(warn.mock.calls[0]![0])).toContain("without the row-level security safety net");
        expect(String(warn.mock.calls[0]![0])).toContain("Run the migrations as a role that may create roles, or see the README's Security section.");
      } finally {
        warn.mockRestore();
        forgetScopeProbe();
      }
    }, url);
  });

  it("the migration succeeds where CREATE ROLE is refused and the role does not exist", async () => {
    const name = await databaseAtInit();
    const missing = `tradeoff_rls_missing_${randomUUID().slice(0, 8)}`;
    const rls = (await readMigrations()).find((m) => m.name === "20261123120000_row_level_security")!;
    const sql = rls.sql.replaceAll(SCOPED_ROLE, missing);
    expect(sql).not.toBe(rls.sql);
    await admin(async (c) => {
      await c.query("BEGIN");
      await c.query(sql);
      await c.query("COMMIT");
      expect((await c.query(`select count(*)::int as n from pg_roles where rolname = $1`, [missing])).rows[0].n).toBe(0);
      // every table there is at init (the rollup, the budgets, the security log, the actual-spend tables, the decision workflow's tables and the portfolio cache's come later, with their own policies)
      const later = ["UseCaseRollup", "BusinessUnitBudget", "SecurityEvent", "UseCaseDecision", "UseCaseComment", "Notification"];
      expect((await c.query(`select count(*)::int as n from pg_policy where polname = 'tradeoff_org_scope'`)).rows[0].n).toBe(
        SCOPED_TABLES.filter((t) => !later.includes(t) && !t.startsWith("Actual") && !t.startsWith("Portfolio")).length,
      );
      expect((await c.query(`select count(*)::int as n from "UseCase"`)).rows[0].n).toBe(2);
    }, serverUrl(login, name));
  });
});
