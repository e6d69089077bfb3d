/**
 * An import that fails half-way leaves nothing behind. The failure is a real database error,
 * injected mid-transaction by a temporary trigger (made here, dropped after): it raises once a
 * given number of rows has been written to one table, after hundreds of use cases, cost rows and
 * audit events of the same import were already written inside the transaction. Afterwards:
 * no use case, cost row, audit event or mapping of the file is left, a re-import that updates
 * existing use cases changes none of them, the person gets a plain message (not a crash), and
 * the same file imports cleanly once the fault is gone.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { importUseCases } from "@/app/o/[org]/use-cases/import/actions";
import { db } from "@/lib/server/db";
import { IMPORT_FAILED_MESSAGE } from "@/lib/server/import/run";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs } from "./helpers/session";
import { csv, fileOf, H, templateMapping, tRow } from "./import-helpers";

const mapping = templateMapping;

const ROWS = 600;
const FREQUENCIES = ["daily", "weekly", "monthly", "quarterly"];
function inventory(edition: number): string {
  const rows = [H];
  for (let i = 1; i <= ROWS; i++) {
    rows.push(
      tRow({
        title: `Inventory item ${i}`,
        description: `Edition ${edition} of item ${i}`,
        businessUnit: `Unit ${i % 7}`,
        externalId: `FAIL-${i}`,
        horizonYears: String(((i + edition) % 5) + 1),
        changeFrequency: FREQUENCIES[(i + edition) % FREQUENCIES.length]!,
        coreNeed: i % 2 ? "retrieval" : "reasoning",
        monthlyCalls: String(1000 * i + edition),
        maxLagDays: String((i % 30) + 1),
      }),
    );
  }
  return csv(rows);
}

/** A fault and a counter, installed for one organization only and removed after each test. */
interface Fault {
  /** How many rows of `countTable` the import wrote (inside its transaction) before failing. */
  written(): Promise<number>;
  drop(): Promise<void>;
}
const faults: Fault[] = [];
afterEach(async () => {
  while (faults.length) await faults.pop()!.drop();
});

async function injectFault(org: TestOrg, opts: { failOn: "AuditEvent" | "CostLineSet"; afterRows: number; countTable: "UseCase"; countOn: "INSERT" | "UPDATE" }): Promise<Fault> {
  const tag = `t_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const orgId = org.id.replace(/'/g, "''");
  const statements = [
    `CREATE SEQUENCE ${tag}_fail_seq`,
    `CREATE SEQUENCE ${tag}_count_seq`,
    `CREATE FUNCTION ${tag}_fail() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW."organizationId" = '${orgId}' AND nextval('${tag}_fail_seq') > ${opts.afterRows} THEN
           RAISE EXCEPTION 'injected fault: % refused after ${opts.afterRows} rows', TG_TABLE_NAME;
         END IF;
         RETURN NEW;
       END $$`,
    `CREATE FUNCTION ${tag}_count() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW."organizationId" = '${orgId}' THEN PERFORM nextval('${tag}_count_seq'); END IF;
         RETURN NEW;
       END $$`,
    `CREATE TRIGGER ${tag}_fail BEFORE INSERT ON "${opts.failOn}" FOR EACH ROW EXECUTE FUNCTION ${tag}_fail()`,
    `CREATE TRIGGER ${tag}_count AFTER ${opts.countOn} ON "${opts.countTable}" FOR EACH ROW EXECUTE FUNCTION ${tag}_count()`,
  ];
  for (const s of statements) await db.$executeRawUnsafe(s);
  const fault: Fault = {
    // Sequences are not transactional: the count survives the rollback.
    async written() {
      const [r] = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM ${tag}_count_seq`);
      return Number(r!.n);
    },
    async drop() {
      await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${tag}_fail ON "${opts.failOn}"`);
      await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${tag}_count ON "${opts.countTable}"`);
      await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS ${tag}_fail()`);
      await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS ${tag}_count()`);
      await db.$executeRawUnsafe(`DROP SEQUENCE IF EXISTS ${tag}_fail_seq`);
      await db.$executeRawUnsafe(`DROP SEQUENCE IF EXISTS ${tag}_count_seq`);
    },
  };
  faults.push(fault);
  return fault;
}

/** Everything of the organization an import could touch, row by row. */
async function everything(org: TestOrg) {
  const where = { organizationId: org.id };
  const [useCases, costLines, costYears, audits, mappings] = await Promise.all([
    db.useCase.findMany({ where, orderBy: { id: "asc" } }),
    db.costLine.findMany({ where, orderBy: { id: "asc" } }),
    db.costYear.findMany({ where, orderBy: { id: "asc" } }),
    db.auditEvent.findMany({ where, orderBy: { id: "asc" } }),
    db.importMapping.findMany({ where, orderBy: { id: "asc" } }),
  ]);
  return { useCases, costLines, costYears, audits, mappings };
}

async function runImport(org: TestOrg, content: string) {
  return importUseCases(org.slug, { file: fileOf(content), fileName: "inventory.csv", mapping: mapping() });
}

describe("an import that fails half-way", () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await createTestOrg("import-fault");
  });

  it("creating 600 use cases: a fault after 400 audit events leaves no use case, cost row, audit event or mapping", async () => {
    signInAs(org.users.ADMIN.id);
    const before = await everything(org);
    expect(before.useCases).toHaveLength(0);

    const fault = await injectFault(org, { failOn: "AuditEvent", afterRows: 400, countTable: "UseCase", countOn: "INSERT" });
    const res = await runImport(org, inventory(1));
    // A plain message for the person, not a crash or a half-done report.
    expect(res).toEqual({ ok: false, code: "INTERNAL", message: IMPORT_FAILED_MESSAGE });
    // The fault struck half-way: 500 use cases (two batches) had been written in the transaction.
    expect(await fault.written()).toBe(500);
    expect(await everything(org)).toEqual(before);
    expect(await db.costLine.count({ where: { organizationId: org.id } })).toBe(0);

    // Nothing was left that gets in the way (external ids, say): once the fault is gone, the same file imports.
    await fault.drop();
    const again = await runImport(org, inventory(1));
    expect(again).toMatchObject({ ok: true, data: { committed: true, created: ROWS, updated: 0 } });
    expect(await db.useCase.count({ where: { organizationId: org.id } })).toBe(ROWS);
  });

  it("a re-import updating 600 use cases: a fault among the new cost rows changes none of them", async () => {
    signInAs(org.users.ADMIN.id);
    if ((await db.useCase.count({ where: { organizationId: org.id } })) === 0) {
      expect(await runImport(org, inventory(1))).toMatchObject({ ok: true, data: { committed: true } });
    }
    const before = await everything(org);
    expect(before.useCases).toHaveLength(ROWS);
    expect(before.useCases.every((u) => u.version === 1 && u.description.startsWith("Edition 1 "))).toBe(true);
    const newCostLines = before.costLines.length;
    expect(newCostLines).toBeGreaterThan(ROWS);

    // Edition 2 changes every row (and its costs): a fault once about half the new cost rows are in
    // (stored as sets, one per use case and approach).
    const newSets = new Set(before.costLines.map((l) => `${l.useCaseId} ${l.approach}`)).size;
    const fault = await injectFault(org, { failOn: "CostLineSet", afterRows: Math.floor(newSets / 2), countTable: "UseCase", countOn: "UPDATE" });
    const res = await runImport(org, inventory(2));
    expect(res).toEqual({ ok: false, code: "INTERNAL", message: IMPORT_FAILED_MESSAGE });
    expect(await fault.written()).toBeGreaterThanOrEqual(250);
    // Same rows, same versions, same cost rows (ids included), same audit log.
    expect(await everything(org)).toEqual(before);

    await fault.drop();
    const again = await runImport(org, inventory(2));
    expect(again).toMatchObject({ ok: true, data: { committed: true, created: 0, updated: ROWS } });
    const after = await db.useCase.findMany({ where: { organizationId: org.id }, select: { version: true, description: true } });
    expect(after.every((u) => u.version === 2 && u.description.startsWith("Edition 2 "))).toBe(true);
  });
});
