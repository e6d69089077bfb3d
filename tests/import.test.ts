/**
 * The CSV import against a real database: good files, bad files (nothing written), re-imports
 * that update, all or nothing, roles and organizations, close titles, many rows. Issue 3;
 * PRODUCT.md "The use case and its assessment". Files as others write them (foreign inventories,
 * dates, encodings, limits, the template) are in tests/import-formats.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { importUseCases, saveImportMapping } from "@/app/o/[org]/use-cases/import/actions";
import { parseCsv, prepareRows } from "@/lib/domain/import";
import type pg from "pg";
import { db, transactionWithConnection } from "@/lib/server/db";
import { writePlannedRows } from "@/lib/server/import/bulk-write";
import { planRows } from "@/lib/server/import/plan";
import { ConflictError } from "@/lib/server/errors";
import { deriveUseCase } from "@/lib/server/use-cases/derive";
import { inUseCaseTransaction, writeUseCase } from "@/lib/server/use-cases/write";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs, signOut } from "./helpers/session";
import { checkLikeTheBrowser, commit, csv, fileOf, footprint, H, templateMapping, tRow, useCasesOf } from "./import-helpers";

const GOOD = csv([
  H,
  tRow({ title: "Support assistant", description: "Answers questions\nabout prices, policies and “returns”.", businessUnit: "Support", status: "ASSESSING", startDate: "2027-01-01", horizonYears: "3", externalId: "INV-1", changeFrequency: "weekly", maxLagDays: "3", coreNeed: "retrieval", needsCitations: "yes", monthlyCalls: "1,000,000", evaluationSetExists: "TRUE" }),
  tRow({ title: "Contract reviewer", businessUnit: "Legal", status: "Live", externalId: "INV-2", changeFrequency: "quarterly", coreNeed: "reasoning", needsStyleOrFormat: "Y", labeledExamples: "800", yearlyGrowthPct: "20%" }),
  tRow({ title: "Ticket router", externalId: "INV-3" }),
]);

describe("importing a good file", () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await createTestOrg("import-good");
  });

  it("previews then imports every row in one go, derived and audited; missing answers stay missing", async () => {
    signInAs(org.users.EXECUTIVE.id);
    const preview = await checkLikeTheBrowser(org.slug, new TextEncoder().encode(GOOD), templateMapping());
    expect(preview.failed).toBeUndefined();
    expect(preview.report.counts).toMatchObject({ rows: 3, create: 3, update: 0, errorRows: 0 });
    expect(await footprint(org)).toMatchObject({ useCases: 0, audits: 0 });

    const done = await commit(org, GOOD, templateMapping());
    expect(done).toMatchObject({ committed: true, created: 3, updated: 0, unchanged: 0 });

    const rows = await useCasesOf(org);
    expect(rows.map((r) => r.title)).toEqual(["Support assistant", "Contract reviewer", "Ticket router"]);
    const [support, contract, router] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
    expect(support).toMatchObject({
      description: "Answers questions\nabout prices, policies and “returns”.",
      businessUnit: "Support",
      status: "ASSESSING",
      horizonYears: 3,
      ownerId: org.users.EXECUTIVE.id,
      createdById: org.users.EXECUTIVE.id,
      version: 1,
    });
    expect(support.startDate?.toISOString().slice(0, 10)).toBe("2027-01-01");
    expect(support.assessment).toEqual({ changeFrequency: "weekly", maxLagDays: 3, coreNeed: "retrieval", needsCitations: true, monthlyCalls: 1_000_000, evaluationSetExists: true });
    expect(contract.status).toBe("LIVE");
    expect(contract.assessment).toEqual({ changeFrequency: "quarterly", coreNeed: "reasoning", needsStyleOrFormat: true, labeledExamples: 800, yearlyGrowthPct: 20 });
    // nothing in the file: every answer missing (never a made-up "no" or 0), the defaults elsewhere
    expect(router).toMatchObject({ assessment: {}, status: "IDEA", horizonYears: 5, description: "", businessUnit: "" });

    // derived in the same transaction: scores and a projection for each
    for (const r of rows) {
      expect(r.scoredAt).not.toBeNull();
      expect((r.score as { frameworks: unknown[] }).frameworks).toHaveLength(5);
    }
    expect(support.recommendedApproach).toBe("RAG");
    expect(await db.costLine.count({ where: { useCaseId: support.id } })).toBeGreaterThan(0);
    expect(await db.costYear.count({ where: { useCaseId: support.id } })).toBeGreaterThan(0);

    // one audit event per use case, and one for the import
    const audits = await db.auditEvent.findMany({ where: { organizationId: org.id }, orderBy: { at: "asc" } });
    expect(audits.filter((a) => a.action === "use_case.imported").map((a) => a.entityId).sort()).toEqual(rows.map((r) => r.id).sort());
    const created = audits.find((a) => a.entityId === support.id)!;
    expect(created).toMatchObject({ actorId: org.users.EXECUTIVE.id, entity: "UseCase", before: null });
    expect(created.after).toMatchObject({ title: "Support assistant", externalId: "INV-1", assessment: { maxLagDays: 3 } });
    const summary = audits.filter((a) => a.action === "use_cases.imported");
    expect(summary).toHaveLength(1);
    expect(summary[0]!.after).toMatchObject({ fileName: "use-cases.csv", rows: 3, created: 3, updated: 0, unchanged: 0 });
  });

  it("stores exactly what deriveUseCase stores (the bulk path and the one-by-one path agree)", async () => {
    const [uc] = await db.useCase.findMany({ where: { organizationId: org.id, externalId: "INV-1" } });
    const snapshot = async (id: string) => {
      const row = await db.useCase.findUniqueOrThrow({ where: { id } });
      const lines = await db.costLine.findMany({ where: { useCaseId: id }, orderBy: [{ approach: "asc" }, { yearIndex: "asc" }, { category: "asc" }] });
      const years = await db.costYear.findMany({ where: { useCaseId: id }, orderBy: [{ approach: "asc" }, { yearIndex: "asc" }] });
      const strip = <T extends { id: bigint }>(xs: T[]) => xs.map(({ id: _id, ...rest }) => rest);
      const { scoredAt: _s, updatedAt: _u, ...columns } = row;
      return { columns, lines: strip(lines), years: strip(years) };
    };
    const bulk = await snapshot(uc!.id);
    await db.$transaction((tx) => deriveUseCase(tx, { organizationId: org.id, useCaseId: uc!.id }));
    const oneByOne = await snapshot(uc!.id);
    expect(bulk).toEqual(oneByOne);
  });
});

describe("a file with an error", () => {
  it("lists each problem by row and field, and writes nothing", async () => {
    const org = await createTestOrg("import-bad");
    signInAs(org.users.ADMIN.id);
    const BAD = csv([
      H,
      tRow({ title: "Fine one", externalId: "B-1" }),
      tRow({ title: "Too long a horizon", horizonYears: "12", externalId: "B-2", maxLagDays: "soon" }),
      tRow({ title: "Odd status", status: "Paused", externalId: "B-3", startDate: "mid-March" }),
      tRow({ title: "", description: "no title", externalId: "B-4" }),
      tRow({ title: "Repeated id", externalId: "B-1" }),
    ]);
    const preview = await checkLikeTheBrowser(org.slug, new TextEncoder().encode(BAD), templateMapping());
    expect(preview.report.counts).toMatchObject({ rows: 5, create: 1, errorRows: 4 });
    const done = await commit(org, BAD, templateMapping());
    expect(done.committed).toBe(false);
    const issues = done.report.errors.map((e) => [e.row, e.field, e.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        [3, "horizonYears", "“12”: at most 10 years"],
        [3, "maxLagDays", "“soon” is not a number: write a whole number from 0 to 3,650 (e.g. 3)."],
        [4, "status", expect.stringContaining("“Paused” is not a value of Status")],
        [4, "startDate", "“mid-March” is not a date we can read: write it as YYYY-MM-DD (e.g. 2027-03-01)."],
        [5, "title", "Title is required"],
        [6, "externalId", "External id “B-1” is also on row 2; each use case must have its own."],
      ]),
    );
    expect(done.report.errors.every((e) => e.row >= 2)).toBe(true);
    // the preview and the import agree
    expect(issues).toHaveLength(6);
    expect(preview.report.errors.map((e) => [e.row, e.field, e.message])).toEqual(issues);
    expect(await footprint(org)).toEqual({ useCases: 0, audits: 0, lines: 0, mappings: 0 });
  });

  it("refuses an unmapped title, an empty file and a broken quote as a whole", async () => {
    const org = await createTestOrg("import-file-problems");
    signInAs(org.users.ADMIN.id);
    const noTitle = await commit(org, csv([["Name", "Notes"], ["x", "y"]]), { columns: { Name: "", Notes: "description" }, values: {} });
    expect(noTitle.report.problems[0]).toMatch(/Map a column to Title/);
    const empty = await commit(org, "", templateMapping());
    expect(empty.report.problems[0]).toMatch(/The file is empty/);
    const broken = await commit(org, `title,description\r\nA,"never closed\r\nB,x\r\n`, { columns: { title: "title", description: "description" }, values: {} });
    expect(broken.report.problems.join(" ")).toMatch(/Row 2: a quoted cell is never closed/);
    expect(await footprint(org)).toEqual({ useCases: 0, audits: 0, lines: 0, mappings: 0 });
  });
});

describe("re-importing", () => {
  it("updates the use cases whose external id is already there (version + 1, audited), adds the new ones, leaves the rest", async () => {
    const org = await createTestOrg("import-again");
    signInAs(org.users.EXECUTIVE.id);
    await commit(org, GOOD, templateMapping());
    const before = await useCasesOf(org);
    // an answer entered in the app after the first import
    const router = before.find((r) => r.externalId === "INV-3")!;
    await inUseCaseTransaction((tx) =>
      writeUseCase(tx, { organizationId: org.id, actorId: org.users.EXECUTIVE.id, role: "EXECUTIVE" }, { id: router.id, expectedVersion: 1, fields: { title: "Ticket router", externalId: "INV-3", assessment: { needsToolUse: true } } }),
    );

    const AGAIN = csv([
      H,
      // same as before: unchanged
      tRow({ title: "Support assistant", description: "Answers questions\nabout prices, policies and “returns”.", businessUnit: "Support", status: "ASSESSING", startDate: "2027-01-01", horizonYears: "3", externalId: "INV-1", changeFrequency: "weekly", maxLagDays: "3", coreNeed: "retrieval", needsCitations: "yes", monthlyCalls: "1000000", evaluationSetExists: "yes" }),
      // changed title and one answer; empty cells keep what is stored
      tRow({ title: "Contract clause reviewer", externalId: "INV-2", changeFrequency: "monthly" }),
      // empty cells everywhere but the id and title: keeps the answer entered in the app
      tRow({ title: "Ticket router", externalId: "INV-3", status: "BUILDING" }),
      tRow({ title: "Invoice extractor", externalId: "INV-4" }),
    ]);
    const preview = await checkLikeTheBrowser(org.slug, new TextEncoder().encode(AGAIN), templateMapping());
    expect(preview.report.counts).toMatchObject({ rows: 4, create: 1, update: 2, unchanged: 1, errorRows: 0 });
    const done = await commit(org, AGAIN, templateMapping());
    expect(done).toMatchObject({ committed: true, created: 1, updated: 2, unchanged: 1 });

    const after = await useCasesOf(org);
    expect(after).toHaveLength(4);
    const by = (ext: string) => after.find((r) => r.externalId === ext)!;
    expect(by("INV-1")).toMatchObject({ version: 1, id: before.find((r) => r.externalId === "INV-1")!.id });
    expect(by("INV-2")).toMatchObject({ title: "Contract clause reviewer", version: 2, status: "LIVE", businessUnit: "Legal" });
    expect(by("INV-2").assessment).toEqual({ changeFrequency: "monthly", coreNeed: "reasoning", needsStyleOrFormat: true, labeledExamples: 800, yearlyGrowthPct: 20 });
    expect(by("INV-3")).toMatchObject({ status: "BUILDING", version: 3, assessment: { needsToolUse: true } });
    expect(by("INV-4").version).toBe(1);

    const audits = await db.auditEvent.findMany({ where: { organizationId: org.id, entityId: by("INV-2").id, action: "use_case.imported" }, orderBy: { at: "asc" } });
    expect(audits).toHaveLength(2);
    const audit = audits[1]!;
    expect(audit.before).toEqual({ title: "Contract reviewer", assessment: { changeFrequency: "quarterly" } });
    expect(audit.after).toEqual({ title: "Contract clause reviewer", assessment: { changeFrequency: "monthly" } });
    // the update was re-derived: its projection was rewritten, not added to
    const years = await db.costYear.findMany({ where: { useCaseId: by("INV-2").id } });
    expect(new Set(years.map((y) => `${y.approach}:${y.yearIndex}`)).size).toBe(years.length);
  });

  it("refuses a row whose external id belongs to a use case in the trash", async () => {
    const org = await createTestOrg("import-trash");
    signInAs(org.users.ADMIN.id);
    await commit(org, csv([H, tRow({ title: "Old", externalId: "T-1" })]), templateMapping());
    await db.useCase.updateMany({ where: { organizationId: org.id }, data: { deletedAt: new Date() } });
    const done = await commit(org, csv([H, tRow({ title: "Old again", externalId: "T-1" })]), templateMapping());
    expect(done.committed).toBe(false);
    expect(done.report.errors[0]).toMatchObject({ row: 2, field: "externalId", message: expect.stringContaining("is in the trash") });
  });
});

describe("all or nothing", () => {
  const many = (n: number, prefix: string) => csv([H, ...Array.from({ length: n }, (_, i) => tRow({ title: `${prefix} ${i}`, externalId: `${prefix}-${i}`, changeFrequency: "weekly" }))]);

  async function plan(org: TestOrg, text: string) {
    const parsed = parseCsv(text);
    const { plan: columns, converted } = prepareRows(parsed.headers, parsed.rows, templateMapping());
    const actor = { organizationId: org.id, userId: org.users.ADMIN.id, role: "ADMIN" as const };
    return { actor, planned: await planRows(db, actor, converted, columns, { closeTitles: false }) };
  }

  it("a COPY that fails part-way (the second batch's cost lines, mid-stream, after a batch was moved into the real tables) leaves nothing behind", async () => {
    const org = await createTestOrg("import-fail");
    const { actor, planned } = await plan(org, many(600, "F"));
    let copies = 0;
    let movedBeforeFailure = -1;
    // The connection as the bulk writer sees it: its 6th COPY (batch 1: use cases, cost lines,
    // yearly totals, audit; batch 2: use cases, then cost lines) is broken off after it started,
    // as a dropped client would; PostgreSQL gets a CopyFail and aborts the transaction.
    const failing = (connection: pg.ClientBase) =>
      new Proxy(connection, {
        get(target, prop, receiver) {
          if (prop === "query") {
            return (q: unknown, ...rest: unknown[]) => {
              const copy = q as { text?: string; destroy?: (e: Error) => void };
              if (typeof copy?.text === "string" && copy.text.startsWith("COPY") && ++copies === 6) {
                const started = (target.query as (q: unknown) => unknown)(q);
                setImmediate(() => copy.destroy!(new Error("connection dropped mid-COPY")));
                return started;
              }
              return (target.query as (...a: unknown[]) => unknown).call(target, q, ...rest);
            };
          }
          return Reflect.get(target, prop, receiver) as unknown;
        },
      });
    await expect(
      transactionWithConnection(
        async (tx, connection) => {
          try {
            return await writePlannedRows(tx, failing(connection), actor, planned.planned, new Date());
          } finally {
            // What the first batch had written inside the transaction, seen from inside it.
            movedBeforeFailure = await connection.query(`SELECT count(*)::int AS n FROM "UseCase" WHERE "organizationId" = $1`, [org.id]).then((r) => r.rows[0].n as number, () => -2);
          }
        },
        { timeout: 120_000, maxWait: 30_000 },
      ),
    ).rejects.toThrow();
    expect(copies).toBe(6);
    // The transaction was aborted by the failed COPY, so even a read inside it is refused...
    expect(movedBeforeFailure).toBe(-2);
    // ...and after the rollback nothing of the 250 use cases of the first batch (nor their lines) is left.
    expect(await footprint(org)).toEqual({ useCases: 0, audits: 0, lines: 0, mappings: 0 });
    expect(await db.costYear.count({ where: { organizationId: org.id } })).toBe(0);
  }, 120_000);

  it("an update of a use case saved by someone else since the check rolls the whole import back, as a conflict", async () => {
    const org = await createTestOrg("import-race");
    signInAs(org.users.ADMIN.id);
    await commit(org, many(3, "R"), templateMapping());
    const { actor, planned } = await plan(org, csv([H, tRow({ title: "R 0 renamed", externalId: "R-0" }), tRow({ title: "R 1 renamed", externalId: "R-1" }), tRow({ title: "New one", externalId: "R-9" })]));
    expect(planned.planned.map((p) => p.action)).toEqual(["update", "update", "create"]);
    // someone saves R-1 after the rows were planned
    await db.useCase.updateMany({ where: { organizationId: org.id, externalId: "R-1" }, data: { version: { increment: 1 } } });
    const before = await footprint(org);
    await expect(
      transactionWithConnection((tx, connection) => writePlannedRows(tx, connection, actor, planned.planned, new Date()), { timeout: 60_000, maxWait: 30_000 }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await footprint(org)).toEqual(before);
    expect((await useCasesOf(org)).map((r) => r.title)).toEqual(["R 0", "R 1", "R 2"]);
  });
});

describe("roles and organizations", () => {
  let org: TestOrg;
  let other: TestOrg;
  beforeAll(async () => {
    org = await createTestOrg("import-roles");
    other = await createTestOrg("import-other");
  });

  it("refuses finance and another organization's admin, and writes nothing", async () => {
    const before = await footprint(org);
    for (const [who, code] of [
      [org.users.FINANCE.id, "FORBIDDEN"],
      [other.users.ADMIN.id, "NOT_A_MEMBER"],
    ] as const) {
      signInAs(who);
      const res = await importUseCases(org.slug, { file: fileOf(GOOD), fileName: "x.csv", mapping: templateMapping() });
      expect(res).toMatchObject({ ok: false, code });
      const check = await checkLikeTheBrowser(org.slug, new TextEncoder().encode(GOOD), templateMapping());
      expect(check.failed).toMatchObject({ ok: false, code });
      expect(await saveImportMapping(org.slug, { name: "x", mapping: templateMapping() })).toMatchObject({ ok: false, code });
    }
    signOut();
    expect(await importUseCases(org.slug, { file: fileOf(GOOD), fileName: "x.csv", mapping: templateMapping() })).toMatchObject({ ok: false, code: "NOT_SIGNED_IN" });
    expect(await footprint(org)).toEqual(before);
    // nothing landed in the other organization either
    expect(await footprint(other)).toEqual({ useCases: 0, audits: 0, lines: 0, mappings: 0 });
  });

  it("lets a lead import use cases they own, and update only their own", async () => {
    signInAs(org.users.EXECUTIVE.id);
    await commit(org, csv([H, tRow({ title: "Executive's", externalId: "R-1" })]), templateMapping());

    signInAs(org.users.LEAD.id);
    const LEAD_FILE = csv([
      H,
      tRow({ title: "Mine", externalId: "R-2" }),
      tRow({ title: "Mine, with my email", externalId: "R-3", ownerEmail: org.users.LEAD.email.toUpperCase() }),
      tRow({ title: "Someone else's", externalId: "R-4", ownerEmail: org.users.ADMIN.email }),
      tRow({ title: "Executive's, renamed", externalId: "R-1" }),
      tRow({ title: "Stranger", externalId: "R-5", ownerEmail: "nobody@example.com" }),
    ]);
    const refused = await commit(org, LEAD_FILE, templateMapping());
    expect(refused.committed).toBe(false);
    expect(refused.report.errors.map((e) => [e.row, e.field])).toEqual([
      [4, "ownerEmail"],
      [5, "externalId"],
      [6, "ownerEmail"],
    ]);
    expect(refused.report.errors[0]!.message).toBe("Leads import use cases they own: leave the owner empty or give your own email.");
    expect(refused.report.errors[1]!.message).toMatch(/leads update only the use cases they own/);
    expect(refused.report.errors[2]!.message).toMatch(/No member of this organization has the email “nobody@example.com”/);

    const ok = await commit(org, csv([H, tRow({ title: "Mine", externalId: "R-2" }), tRow({ title: "Mine, with my email", externalId: "R-3", ownerEmail: org.users.LEAD.email })]), templateMapping());
    expect(ok).toMatchObject({ committed: true, created: 2 });
    const mine = await db.useCase.findMany({ where: { organizationId: org.id, externalId: { in: ["R-2", "R-3"] } } });
    expect(mine.every((m) => m.ownerId === org.users.LEAD.id)).toBe(true);

    // an admin may name any member as owner, and hand a use case over
    signInAs(org.users.ADMIN.id);
    const handed = await commit(org, csv([H, tRow({ title: "Executive's", externalId: "R-1", ownerEmail: org.users.LEAD.email })]), templateMapping());
    expect(handed).toMatchObject({ committed: true, updated: 1 });
    expect((await db.useCase.findFirstOrThrow({ where: { organizationId: org.id, externalId: "R-1" } })).ownerId).toBe(org.users.LEAD.id);
  });

  it("a lead's row found by title and business unit (no external id) on someone else's use case is refused on its title, never as “external id null”", async () => {
    const own = await createTestOrg("import-lead-title");
    signInAs(own.users.EXECUTIVE.id);
    await commit(own, csv([H, tRow({ title: "Executive's helpdesk", businessUnit: "Ops", externalId: "E-1" }), tRow({ title: "Executive's router", businessUnit: "Ops" })]), templateMapping());
    signInAs(own.users.LEAD.id);
    const mapping = { columns: { Title: "title" as const, Unit: "businessUnit" as const }, values: {} };
    const refused = await commit(own, csv([["Title", "Unit"], ["Executive's helpdesk", "Ops"], ["Executive's router", "Ops"]]), mapping);
    expect(refused.committed).toBe(false);
    expect(refused.report.errors).toEqual([
      {
        row: 2,
        field: "title",
        column: "Title",
        message: "A use case with this title and business unit (“Executive's helpdesk”) is already in the registry and belongs to someone else; leads update only the use cases they own. Give this row an external id of its own (or another title) if it is another use case.",
      },
      {
        row: 3,
        field: "title",
        column: "Title",
        message: "A use case with this title and business unit (“Executive's router”) is already in the registry and belongs to someone else; leads update only the use cases they own. Give this row another title if it is another use case.",
      },
    ]);
  });
});

describe("close titles", () => {
  it("warns (never blocks) when a title is close to one in the registry or to another row", async () => {
    const org = await createTestOrg("import-close");
    signInAs(org.users.ADMIN.id);
    await commit(org, csv([H, tRow({ title: "Support chatbot (EMEA)", externalId: "C-1" })]), templateMapping());
    const FILE = csv([
      H,
      tRow({ title: "support-chatbot emea", externalId: "C-2" }),
      tRow({ title: "Invoice extractor" }),
      tRow({ title: "Invoice extractors" }),
      tRow({ title: "Support chatbot (EMEA)", externalId: "C-1", status: "LIVE" }),
    ]);
    const preview = await checkLikeTheBrowser(org.slug, new TextEncoder().encode(FILE), templateMapping());
    const warned = preview.report.warnings.map((w) => [w.row, w.message]);
    expect(warned).toEqual(
      expect.arrayContaining([
        [2, expect.stringContaining("“Support chatbot (EMEA)” (already in the registry)")],
        [3, expect.stringContaining("row 4 “Invoice extractors”")],
        [4, expect.stringContaining("row 3 “Invoice extractor”")],
      ]),
    );
    // the warning links to the use case already in the registry
    const c1 = await db.useCase.findFirstOrThrow({ where: { organizationId: org.id, externalId: "C-1" } });
    expect(preview.report.warnings.filter((w) => w.row === 2 && /registry/.test(w.message)).map((w) => w.related)).toEqual([[{ id: c1.id, title: "Support chatbot (EMEA)" }]]);
    expect(preview.report.warnings.filter((w) => w.row === 3).map((w) => w.related)).toEqual([undefined]);
    // the row that updates C-1 is not "close to itself"
    expect(preview.report.warnings.filter((w) => w.row === 5 && /registry/.test(w.message))).toEqual([]);
    expect(preview.report.counts).toMatchObject({ create: 3, update: 1, errorRows: 0 });
    const done = await commit(org, FILE, templateMapping());
    expect(done).toMatchObject({ committed: true, created: 3, updated: 1 });
  });
});

describe("many rows", () => {
  const N = Number(process.env.IMPORT_ROWS ?? 2_000);
  it(`checks and imports ${N.toLocaleString("en-US")} rows in one transaction, in seconds`, { timeout: 10 * 60_000 }, async () => {
    const org = await createTestOrg("import-many");
    signInAs(org.users.ADMIN.id);
    const freq = ["realtime", "daily", "weekly", "monthly", "quarterly", "annually", "static"];
    const rows = Array.from({ length: N }, (_, i) =>
      tRow({
        title: `Generated use case ${i} ${(i * 7919).toString(36)}`,
        description: i % 10 === 0 ? "Two lines\nof description" : "One line",
        businessUnit: ["Sales", "Legal", "Support"][i % 3]!,
        status: ["IDEA", "Pilot", "Deployed"][i % 3]!,
        horizonYears: String(1 + (i % 10)),
        externalId: `GEN-${i}`,
        changeFrequency: freq[i % 7]!,
        maxLagDays: String(i % 30),
        coreNeed: ["retrieval", "reasoning", "both", "neither"][i % 4]!,
        needsCitations: i % 2 ? "yes" : "no",
        monthlyCalls: String(1000 * (1 + (i % 500))),
        labeledExamples: String(i % 1000),
      }),
    );
    const text = csv([H, ...rows]);
    const bytes = new TextEncoder().encode(text);
    const t0 = performance.now();
    const preview = await checkLikeTheBrowser(org.slug, bytes, templateMapping());
    const checkMs = performance.now() - t0;
    expect(preview.report.counts).toMatchObject({ rows: N, create: N, errorRows: 0 });
    const t1 = performance.now();
    const done = await commit(org, text, templateMapping());
    const commitMs = performance.now() - t1;
    expect(done).toMatchObject({ committed: true, created: N });
    console.log(`[import] ${N} rows (${(bytes.length / 1e6).toFixed(1)} MB): check ${Math.round(checkMs)} ms in ${preview.chunks} chunks, import ${Math.round(commitMs)} ms`);
    expect(await db.useCase.count({ where: { organizationId: org.id } })).toBe(N);
    expect(await db.auditEvent.count({ where: { organizationId: org.id } })).toBe(N + 1);

    // re-import: every row matches its external id, one changed title per ten rows
    const changed = rows.map((r, i) => (i % 10 === 0 ? r.map((c, j) => (j === 0 ? `${c} (renamed)` : c)) : r));
    const t2 = performance.now();
    const again = await commit(org, csv([H, ...changed]), templateMapping());
    console.log(`[import] re-import of ${N} rows (${Math.ceil(N / 10)} changed): ${Math.round(performance.now() - t2)} ms`);
    expect(again).toMatchObject({ committed: true, created: 0, updated: Math.ceil(N / 10), unchanged: N - Math.ceil(N / 10) });
    // Leave the shared test database small (the backup test copies all of it).
    await db.organization.delete({ where: { id: org.id } });
  });
});
