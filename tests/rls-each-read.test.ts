/**
 * Every raw-SQL read that row-level security is meant to guard, checked on its own: the
 * dashboard's two panels (costCells, useCasePanels), the two finance exports and the import's
 * check. Each first runs normally (and must give the organization's figures), then runs again
 * while the scoped role tradeoff_org_reader may read nothing at all: it must fail with
 * "permission denied", which proves that this very read ran as the scoped role. A read moved
 * back to the application's own role (db.$queryRaw instead of scopedQueryRaw) would succeed
 * there, and fail this test.
 *
 * (issue 17: one dashboard panel run as the app's own role survived, because the older test
 * accepted the dashboard failing through either panel.) The grants are put back exactly as the
 * migrations made them, and compared.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { suggestColumns } from "@/lib/domain/import/columns";
import { db } from "@/lib/server/db";
import { businessUnitStream, detailStream } from "@/lib/server/export/cost-exports";
import { checkRows } from "@/lib/server/import/run";
import { auditLogStream, readAuditPage } from "@/lib/server/audit-log";
import { costCells } from "@/lib/server/portfolio/panels/costs";
import { useCasePanels } from "@/lib/server/portfolio/panels/use-cases";
import { forgetScopeProbe, SCOPED_ROLE, SCOPED_TABLES, withOrganizationScope } from "@/lib/server/rls";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";

let a: TestOrg;
let b: TestOrg;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** What the scoped role may read now: table-level and column-level grants, sorted. */
function grants(): Promise<string[]> {
  return admin(async (c) => {
    const t = await c.query<{ g: string }>(
      `select table_name || ':' || privilege_type as g from information_schema.table_privileges where grantee = $1 and table_schema = current_schema()`,
      [SCOPED_ROLE],
    );
    const col = await c.query<{ g: string }>(
      `select table_name || '.' || column_name || ':' || privilege_type as g from information_schema.column_privileges where grantee = $1 and table_schema = current_schema()`,
      [SCOPED_ROLE],
    );
    return [...t.rows, ...col.rows].map((r) => r.g).sort();
  });
}

const quoted = (tables: readonly string[]) => tables.map((t) => `"${t}"`).join(", ");
const USER_COLUMNS = `"id", "email", "name", "createdAt", "updatedAt"`;

/** Runs `fn` while the scoped role may read no table at all; the grants come back afterwards. */
async function withNothingReadable<T>(fn: () => Promise<T>): Promise<T> {
  await admin((c) => c.query(`revoke select on ${quoted(SCOPED_TABLES)} from ${SCOPED_ROLE}`));
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    return await fn();
  } finally {
    errors.mockRestore();
    await admin(async (c) => {
      await c.query(`grant select on ${quoted(SCOPED_TABLES.filter((t) => t !== "User"))} to ${SCOPED_ROLE}`);
      await c.query(`grant select (${USER_COLUMNS}) on "User" to ${SCOPED_ROLE}`);
    });
  }
}

let grantsBefore: string[];

beforeAll(async () => {
  a = await createTestOrg("rlseacha");
  b = await createTestOrg("rlseachb");
  for (const org of [a, b]) {
    await insertUseCaseWithCosts(org.id, { title: `Scoped read ${org.name}`, businessUnit: `BU ${org.name}`, ownerId: org.users.LEAD.id, recommended: "RAG", yearly: { RAG: { INFERENCE: [100_00, 200_00] } } });
    await db.auditEvent.create({ data: { organizationId: org.id, actorId: org.users.ADMIN.id, action: "rls.read", entity: "Test", entityId: `Audited ${org.name}` } });
  }
  grantsBefore = await grants();
  expect(grantsBefore.length).toBeGreaterThan(SCOPED_TABLES.length);
  // The probe (once per process) must have found the role usable before any grant is taken away.
  expect(await db.$transaction((tx) => withOrganizationScope(tx, a.id))).toBe(true);
});

afterAll(async () => {
  expect(await grants()).toEqual(grantsBefore);
});

const text = (s: ReadableStream<Uint8Array>) => new Response(s).text();
const importInput = () => {
  const headers = ["Title", "Owner email"];
  return { headers, rows: [{ row: 2, cells: ["Checked under RLS", a.users.LEAD.email] }], mapping: { columns: suggestColumns(headers), values: {} } };
};

/** Each read: what it gives normally (checked), and the call again for the refusal. */
const READS: Record<string, { run: () => Promise<unknown>; check: (result: unknown) => void }> = {
  "dashboard cost panel (costCells)": {
    run: () => costCells(a.id, EMPTY_FILTER),
    check: (cells) => expect((cells as unknown[]).length).toBeGreaterThan(0),
  },
  "dashboard use-case panels (useCasePanels)": {
    run: () => useCasePanels(a.id, EMPTY_FILTER),
    check: (panels) => expect((panels as { useCases: number }).useCases).toBe(1),
  },
  "detail export (detailStream)": {
    run: () => text(detailStream({ id: a.id, name: a.name }, EMPTY_FILTER)),
    check: (csv) => {
      expect(csv).toContain(`Scoped read ${a.name}`);
      expect(csv).not.toContain(`Scoped read ${b.name}`);
    },
  },
  "business-unit export (businessUnitStream)": {
    run: () => text(businessUnitStream({ id: a.id, name: a.name }, EMPTY_FILTER)),
    check: (csv) => {
      expect(csv).toContain(`BU ${a.name}`);
      expect(csv).not.toContain(`BU ${b.name}`);
    },
  },
  "audit page (readAuditPage)": {
    run: () => readAuditPage(a.id, { kind: "all" }),
    check: (page) => expect((page as { rows: { entityId: string }[] }).rows.map((r) => r.entityId)).toEqual([`Audited ${a.name}`]),
  },
  "audit log export (auditLogStream)": {
    run: () => text(auditLogStream(a.id, { kind: "all" })),
    check: (csv) => {
      expect(csv).toContain(`Audited ${a.name}`);
      expect(csv).not.toContain(`Audited ${b.name}`);
    },
  },
  "import check (checkRows)": {
    run: () => checkRows({ organizationId: a.id, userId: a.users.ADMIN.id, role: "ADMIN" }, importInput()),
    check: (report) => expect(report).toMatchObject({ errors: [], actions: [[2, "create"]] }),
  },
};

describe("each raw-SQL read runs as the organization-scoped role", () => {
  it.each(Object.keys(READS))("%s: reads the organization's rows, and fails when the scoped role may read nothing", async (name) => {
    const read = READS[name]!;
    const before = await read.run();
    read.check(before);
    await withNothingReadable(async () => {
      await expect(read.run()).rejects.toThrow(/permission denied/);
    });
    expect(await read.run()).toEqual(before);
  });
});

describe("the probe that decides whether the scoped role is used", () => {
  it("uses a fully set-up role without a warning", async () => {
    forgetScopeProbe();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(await db.$transaction((tx) => withOrganizationScope(tx, a.id))).toBe(true);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it("does not use a half set-up role (one table it may not read), and says so once", async () => {
    forgetScopeProbe();
    await admin((c) => c.query(`revoke select on "ImportMapping" from ${SCOPED_ROLE}`));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      for (let i = 0; i < 2; i++) {
        const asWho = await db.$transaction(async (tx) => {
          const scoped = await withOrganizationScope(tx, a.id);
          // Not scoped: still the application's own role, and the transaction still usable.
          const [who] = await tx.$queryRaw<{ u: string }[]>`SELECT current_user AS u`;
          return { scoped, user: who!.u };
        });
        expect(asWho.scoped).toBe(false);
        expect(asWho.user).not.toBe(SCOPED_ROLE);
      }
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
      await admin((c) => c.query(`grant select on "ImportMapping" to ${SCOPED_ROLE}`));
      forgetScopeProbe();
    }
    expect(await db.$transaction((tx) => withOrganizationScope(tx, a.id))).toBe(true);
  });
});
