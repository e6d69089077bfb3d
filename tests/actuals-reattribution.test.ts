/**
 * Issue 21: attributed spend follows use cases that change after the actuals naming them were
 * imported. (a) A use case created with, or given, an external id that imported rows are tagged
 * with gets that spend, and one that gives an id up gives the spend back; (b) a use case trashed,
 * restored, or deleted by undoing the import that added it takes its tagged spend and its rules'
 * shares with it to the unattributed and back, and none is ever deleted with it; (c) a rule changed
 * after an import re-attributes at once. In every step each month still adds up to the file's
 * total, to the cent. Figures from tests/helpers/actuals-samples.ts (January $215.67: UC-A 120.01,
 * shared vector-db 50.01, UC-B 30.10, untagged VM 10.00, UC-ZZ 5.55 (5.555 rounded by largest
 * remainder); February $247.00: UC-A 200.00, vector-db 40.00, VM 7.00).
 */
import { describe, expect, it } from "vitest";
import { createUseCase, deleteUseCase, restoreUseCase, updateUseCase } from "@/app/o/[org]/use-cases/actions";
import { importUseCases, undoImport } from "@/app/o/[org]/use-cases/import/actions";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { db } from "@/lib/server/db";
import { importActuals, type ActualsActor } from "@/lib/server/actuals/import";
import { loadPortfolioActuals } from "@/lib/server/actuals/portfolio";
import { deleteRule, saveRule } from "@/lib/server/actuals/rules";
import { unattributedSources } from "@/lib/server/actuals/sources-read";
import { EDITABLE_SELECT, rowToFields } from "@/lib/server/use-cases/mapping";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs } from "./helpers/session";
import { chunked, focusSample } from "./helpers/actuals-samples";
import { csv, fileOf, H, templateMapping, tRow } from "./import-helpers";

const JAN = 21_567;
const FEB = 24_700;

const finance = (org: TestOrg): ActualsActor => ({ organizationId: org.id, userId: org.users.FINANCE.id, role: "FINANCE" });

async function setUp(label: string) {
  const org = await createTestOrg(label);
  const a = await insertUseCaseWithCosts(org.id, { title: "Claims triage", ownerId: org.users.LEAD.id, recommended: "RAG", startYear: 2026, yearly: { RAG: { INFERENCE: [2_400_00] } } });
  const b = await insertUseCaseWithCosts(org.id, { title: "Letter drafting", ownerId: org.users.LEAD.id, recommended: "PROMPTING", startYear: 2026, yearly: { PROMPTING: { INFERENCE: [1_200_00] } } });
  await db.useCase.update({ where: { id: a }, data: { externalId: "UC-A" } });
  await db.useCase.update({ where: { id: b }, data: { externalId: "UC-B" } });
  const out = await importActuals(finance(org), { source: chunked(focusSample()), fileName: "focus.csv", feed: "Azure" });
  expect(out.committed).toBe(true);
  return { org, a, b };
}

/**
 * Attributed spend by (use case or reason, month), in cents; and the yearly summary the portfolio
 * reads (ActualSpendYear) checked against it: the same cents per use case, month by month.
 */
async function spendOf(organizationId: string) {
  const perMonth = await db.actualSpend.groupBy({ by: ["useCaseId", "month"], where: { organizationId, useCaseId: { not: null } }, _sum: { cents: true } });
  const expected = new Map<string, bigint[]>();
  for (const r of perMonth) {
    const key = `${r.useCaseId}|${r.month.getUTCFullYear()}`;
    const months = expected.get(key) ?? Array.from({ length: 12 }, () => 0n);
    months[r.month.getUTCMonth()] = BigInt(r._sum.cents ?? 0n);
    expected.set(key, months);
  }
  const summary = await db.actualSpendYear.findMany({ where: { organizationId } });
  expect(new Map(summary.map((y) => [`${y.useCaseId}|${y.year}`, y.monthCents]))).toEqual(expected);
  const rows = await db.actualSpend.groupBy({ by: ["useCaseId", "reason", "month"], where: { organizationId }, _sum: { cents: true } });
  const out: Record<string, number> = {};
  for (const r of rows) {
    const cents = Number(r._sum.cents);
    if (cents !== 0) out[`${r.useCaseId ?? r.reason}|${r.month.toISOString().slice(0, 7)}`] = cents;
  }
  return out;
}

/** What the portfolio shows: the use cases' actual spend and the unattributed, which must make the files' total. */
async function portfolioOf(organizationId: string) {
  const p = await loadPortfolioActuals(organizationId, EMPTY_FILTER);
  const unattributed = Object.fromEntries(p.unattributed.map((u) => [u.reason, u.cents]));
  expect(p.actual + p.unattributed.reduce((n, u) => n + u.cents, 0)).toBe(JAN + FEB);
  return { actual: p.actual, unattributed };
}

const ORIGINAL = (a: string, b: string) => ({
  [`${a}|2026-01`]: 12_001,
  [`${b}|2026-01`]: 3_010,
  "untagged|2026-01": 5_001 + 1_000,
  "unknown-tag|2026-01": 555,
  [`${a}|2026-02`]: 20_000,
  "untagged|2026-02": 4_000 + 700,
});

async function ok<T>(p: Promise<unknown>): Promise<T> {
  const r = (await p) as { ok: boolean; data?: T };
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r.data as T;
}

describe("(a) a use case created, or given an external id, after the actuals naming it", () => {
  it("takes the spend tagged with its id at once, and gives it back when the id changes", async () => {
    const { org, a, b } = await setUp("reattr-ids");
    expect(await spendOf(org.id)).toEqual(ORIGINAL(a, b));

    // UC-ZZ's $5.55 was "tagged with an external id no use case has"; a lead now logs that use case.
    signInAs(org.users.LEAD.id);
    const zz = await ok<{ id: string; version: number }>(createUseCase(org.slug, { title: "Vendor chatbot", externalId: "UC-ZZ" }));
    const { "unknown-tag|2026-01": _gone, ...rest } = ORIGINAL(a, b);
    expect(await spendOf(org.id)).toEqual({ ...rest, [`${zz.id}|2026-01`]: 555 });
    expect(await portfolioOf(org.id)).toEqual({ actual: 12_001 + 3_010 + 555 + 20_000, unattributed: { untagged: 6_001 + 4_700 } });

    // Letter drafting's id changes: its $30.10 goes back to the unattributed, under the tag nobody has now.
    const current = await db.useCase.findUniqueOrThrow({ where: { id: b }, select: EDITABLE_SELECT });
    await ok(updateUseCase(org.slug, { ...rowToFields(current), id: b, expectedVersion: current.version, externalId: "UC-B-NEW" }));
    const { [`${b}|2026-01`]: _moved, ...withoutB } = rest;
    expect(await spendOf(org.id)).toEqual({ ...withoutB, [`${zz.id}|2026-01`]: 555, "unknown-tag|2026-01": 3_010 });
    expect(await portfolioOf(org.id)).toEqual({ actual: 12_001 + 555 + 20_000, unattributed: { untagged: 6_001 + 4_700, "unknown-tag": 3_010 } });

    // The chatbot takes UC-B: it now has B's $30.10, and its own UC-ZZ $5.55 is unattributed again.
    await ok(updateUseCase(org.slug, { id: zz.id, expectedVersion: zz.version, title: "Vendor chatbot", externalId: "UC-B" }));
    expect(await spendOf(org.id)).toEqual({
      [`${a}|2026-01`]: 12_001,
      [`${zz.id}|2026-01`]: 3_010,
      "untagged|2026-01": 5_001 + 1_000,
      "unknown-tag|2026-01": 555,
      [`${a}|2026-02`]: 20_000,
      "untagged|2026-02": 4_000 + 700,
    });
    expect(await portfolioOf(org.id)).toEqual({ actual: 12_001 + 3_010 + 20_000, unattributed: { untagged: 6_001 + 4_700, "unknown-tag": 555 } });
  });
});

describe("(a') a tag differing from an external id only in letter case", () => {
  it("names that use case, unless two ids differ only so: then it is ambiguous, unattributed and said to be", async () => {
    const { org, a, b } = await setUp("reattr-case");
    signInAs(org.users.LEAD.id);
    // The bill says "UC-ZZ"; the use case is logged as "uc-zz": it takes the $5.55, and no source lists it.
    const zz = await ok<{ id: string }>(createUseCase(org.slug, { title: "Vendor chatbot", externalId: "uc-zz" }));
    const { "unknown-tag|2026-01": _gone, ...rest } = ORIGINAL(a, b);
    expect(await spendOf(org.id)).toEqual({ ...rest, [`${zz.id}|2026-01`]: 555 });
    expect((await unattributedSources(org.id, 2026)).sources.filter((s) => s.tag !== null)).toEqual([]);
    // The same from a full rebuild (an import): nothing moves.
    await importActuals(finance(org), { source: chunked(focusSample()), fileName: "focus-again.csv", feed: "Azure" });
    expect(await spendOf(org.id)).toEqual({ ...rest, [`${zz.id}|2026-01`]: 555 });
    // A second use case "Uc-Zz": the tag matches two ids but for letter case, so neither takes it, and the source says why.
    await ok(createUseCase(org.slug, { title: "Vendor chatbot, again", externalId: "Uc-Zz" }));
    expect(await spendOf(org.id)).toEqual(ORIGINAL(a, b));
    const tagged = (await unattributedSources(org.id, 2026)).sources.filter((s) => s.tag !== null);
    expect(tagged).toEqual([expect.objectContaining({ tag: "UC-ZZ", tagAmbiguous: ["Uc-Zz", "uc-zz"], tagInTrash: false, cents: 555 })]);
  });
});

describe("(b) a use case trashed, restored, or deleted by undoing its import", () => {
  it("puts its tagged spend and its rule's share back with the unattributed while it is in the trash, and takes them again when restored", async () => {
    const { org, a, b } = await setUp("reattr-trash");
    // Claims triage gets 60% of the shared vector database: January 50.01 → 30.01 (largest remainder), February 40.00 → 24.00.
    await saveRule(finance(org), { field: "resource", value: "vector-db-1", useCaseId: a, shareBp: 6_000 });
    const withRule = {
      [`${a}|2026-01`]: 12_001 + 3_001,
      [`${b}|2026-01`]: 3_010,
      "untagged|2026-01": 2_000 + 1_000,
      "unknown-tag|2026-01": 555,
      [`${a}|2026-02`]: 20_000 + 2_400,
      "untagged|2026-02": 1_600 + 700,
    };
    expect(await spendOf(org.id)).toEqual(withRule);

    signInAs(org.users.LEAD.id);
    await ok(deleteUseCase(org.slug, { id: a }));
    // UC-A's rows are tagged with an id only a trashed use case has; the vector database has no live rule.
    expect(await spendOf(org.id)).toEqual({
      [`${b}|2026-01`]: 3_010,
      "untagged|2026-01": 5_001 + 1_000,
      "unknown-tag|2026-01": 12_001 + 555,
      "untagged|2026-02": 4_000 + 700,
      "unknown-tag|2026-02": 20_000,
    });
    expect(await portfolioOf(org.id)).toEqual({ actual: 3_010, unattributed: { untagged: 6_001 + 4_700, "unknown-tag": 12_556 + 20_000 } });

    await ok(restoreUseCase(org.slug, { id: a }));
    expect(await spendOf(org.id)).toEqual(withRule);
    expect(await portfolioOf(org.id)).toEqual({ actual: 15_002 + 3_010 + 22_400, unattributed: { untagged: 3_000 + 2_300, "unknown-tag": 555 } });
  });

  it("gives the spend of use cases an undone import deletes back to the unattributed, never deleting it with them", async () => {
    const { org, a, b } = await setUp("reattr-undo");
    signInAs(org.users.EXECUTIVE.id);
    const imported = await ok<{ importId: string; committed: boolean }>(
      importUseCases(org.slug, { file: fileOf(csv([H, tRow({ title: "Vendor chatbot", externalId: "UC-ZZ", changeFrequency: "weekly" })])), fileName: "inventory.csv", mapping: templateMapping(), onlyValid: false }),
    );
    const zz = await db.useCase.findFirstOrThrow({ where: { organizationId: org.id, externalId: "UC-ZZ" } });
    // The import's use case takes the UC-ZZ $5.55 at once.
    const { "unknown-tag|2026-01": _gone, ...rest } = ORIGINAL(a, b);
    expect(await spendOf(org.id)).toEqual({ ...rest, [`${zz.id}|2026-01`]: 555 });
    // Finance gives it 40% of the vector database: January 50.01 → 20.00, February 40.00 → 16.00.
    await saveRule(finance(org), { field: "resource", value: "vector-db-1", useCaseId: zz.id, shareBp: 4_000 });
    expect(await spendOf(org.id)).toEqual({ ...rest, [`${zz.id}|2026-01`]: 555 + 2_000, "untagged|2026-01": 3_001 + 1_000, [`${zz.id}|2026-02`]: 1_600, "untagged|2026-02": 2_400 + 700 });

    await ok(undoImport(org.slug, { importId: imported.importId }));
    expect(await db.useCase.count({ where: { id: zz.id } })).toBe(0);
    // Everything the chatbot had is unattributed again, and each month still makes the file's total.
    expect(await spendOf(org.id)).toEqual(ORIGINAL(a, b));
    expect(await portfolioOf(org.id)).toEqual({ actual: 12_001 + 3_010 + 20_000, unattributed: { untagged: 6_001 + 4_700, "unknown-tag": 555 } });
  });
});

describe("(c) a rule changed after the import", () => {
  it("re-attributes at once: a share raised, then the rule deleted", async () => {
    const { org, a, b } = await setUp("reattr-rules");
    await saveRule(finance(org), { field: "resource", value: "vm-orphan", useCaseId: b, shareBp: 2_500 });
    // January 10.00 → 2.50 to B; February 7.00 → 1.75.
    expect(await spendOf(org.id)).toEqual({ ...ORIGINAL(a, b), [`${b}|2026-01`]: 3_010 + 250, "untagged|2026-01": 5_001 + 750, [`${b}|2026-02`]: 175, "untagged|2026-02": 4_000 + 525 });
    await saveRule(finance(org), { field: "resource", value: "vm-orphan", useCaseId: b, shareBp: 3_333 });
    // 33.33%: January 1,000 → 333.3 → 333, February 700 → 233.31 → 233.
    expect(await spendOf(org.id)).toEqual({ ...ORIGINAL(a, b), [`${b}|2026-01`]: 3_010 + 333, "untagged|2026-01": 5_001 + 667, [`${b}|2026-02`]: 233, "untagged|2026-02": 4_000 + 467 });
    const rule = await db.actualRule.findFirstOrThrow({ where: { organizationId: org.id, useCaseId: b } });
    await deleteRule(finance(org), { id: rule.id });
    expect(await spendOf(org.id)).toEqual(ORIGINAL(a, b));
    expect(await portfolioOf(org.id)).toEqual({ actual: 12_001 + 3_010 + 20_000, unattributed: { untagged: 6_001 + 4_700, "unknown-tag": 555 } });
  });
});

describe("a save while actual spend is being imported", () => {
  it("waits a few seconds for the import, then says so and saves nothing", async () => {
    const { org } = await setUp("reattr-lock");
    let release!: () => void;
    let locked!: () => void;
    const held = new Promise<void>((resolve) => (locked = resolve));
    // An import of actual spend holds the organization's lock (as importActuals does for its whole transaction).
    const importing = db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`actuals:${org.id}`}))`;
        locked();
        await new Promise<void>((resolve) => (release = resolve));
      },
      { timeout: 60_000 },
    );
    await held;
    signInAs(org.users.LEAD.id);
    const r = (await createUseCase(org.slug, { title: "Vendor chatbot", externalId: "UC-ZZ" })) as { ok: boolean; code?: string; message?: string };
    release();
    await importing;
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/being imported .* right now; nothing was saved/) });
    expect(await db.useCase.count({ where: { organizationId: org.id, externalId: "UC-ZZ" } })).toBe(0);
    // Once the import is done, the same save goes through and takes the tagged spend.
    const zz = await ok<{ id: string }>(createUseCase(org.slug, { title: "Vendor chatbot", externalId: "UC-ZZ" }));
    expect((await spendOf(org.id))[`${zz.id}|2026-01`]).toBe(555);
  });
});
