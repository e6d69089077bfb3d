/**
 * Twenty people save the same use case at the same moment, each from their own session and each
 * with a different change, all starting from the same version. Through the real server action
 * (guard, parse, transaction, derive, audit), concurrently (Promise.all):
 * - exactly one save wins; the nineteen others get the version conflict with its message and
 *   are told who saved first;
 * - the audit log gains exactly one entry (the winner's);
 * - the stored use case is the winner's input, field by field (nothing lost, nothing mixed);
 * - its version went up by one, and its scores and cost rows are what its stored fields give.
 * Then each loser reloads and saves again, one after the other: all succeed, one version each.
 *
 * Sessions: tests/helpers/session.ts's `runAs` binds a signed-in member to one call's async
 * context (AsyncLocalStorage), so concurrent calls are really made as different people.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db, type Role } from "@/lib/server/db";
import { createUseCase, updateUseCase } from "@/app/o/[org]/use-cases/actions";
import { useCaseFieldsSchema, type UseCaseFieldsInput } from "@/lib/domain/use-case";
import { CHANGE_FREQUENCIES, CORE_NEEDS } from "@/lib/domain/assessment";
import { EDITABLE_SELECT, rowToFields } from "@/lib/server/use-cases/mapping";
import { CONFLICT_MESSAGE, USE_CASE_ENTITY, type UseCaseConflictDetails } from "@/lib/server/use-cases/write";
import { deriveFrom, derivedRows, loadDeriveContext } from "@/lib/server/use-cases/derive";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { runAs } from "./helpers/session";

type Result = { ok: boolean; code?: string; message?: string; details?: unknown; data?: { id: string; version: number; changed: string[] } };

const SESSIONS = 20;

let org: TestOrg;
let editors: { id: string; role: Role }[];

async function addMember(role: Role, n: number) {
  const user = await db.user.create({ data: { email: `editor-${n}-${randomUUID().slice(0, 8)}@concurrency.test`, name: `Editor ${n} (${role})` } });
  await db.membership.create({ data: { userId: user.id, organizationId: org.id, role } });
  return { id: user.id, role };
}

const base: UseCaseFieldsInput = {
  title: "Contract clause finder",
  description: "Finds risky clauses in supplier contracts.",
  businessUnit: "Legal",
  status: "ASSESSING",
  startDate: "2027-01-01",
  horizonYears: 3,
  assessment: { changeFrequency: "monthly", coreNeed: "retrieval", monthlyCalls: 50_000, corpusDocuments: 20_000, needsCitations: true },
  manualEstimate: null,
  externalId: null,
};

/** Session i's edit: the base with changes nobody else makes (so a mix of two inputs shows). */
function editBy(i: number, round: number, ownerId: string): UseCaseFieldsInput {
  return {
    ...base,
    ownerId,
    title: `Contract clause finder, edited by session ${i} (round ${round})`,
    description: `Session ${i}'s description, round ${round}.`,
    businessUnit: `Legal ${i}`,
    horizonYears: (i % 10) + 1,
    startDate: `${2027 + (i % 4)}-0${(i % 9) + 1}-15`,
    assessment: {
      ...base.assessment,
      changeFrequency: CHANGE_FREQUENCIES[i % CHANGE_FREQUENCIES.length],
      coreNeed: CORE_NEEDS[i % CORE_NEEDS.length],
      monthlyCalls: 10_000 * (i + 1) + round,
      maxLagDays: i + 1,
      labeledExamples: i * 100,
    },
  };
}

async function stored(id: string) {
  return db.useCase.findUniqueOrThrow({ where: { id }, select: EDITABLE_SELECT });
}

async function auditCount(id: string) {
  return db.auditEvent.count({ where: { organizationId: org.id, entity: USE_CASE_ENTITY, entityId: id } });
}

/** The stored score columns and cost rows equal what the stored fields give, recomputed here. */
async function expectDerivedMatchesStored(id: string) {
  const row = await db.useCase.findUniqueOrThrow({ where: { id } });
  const ctx = await db.$transaction((tx) => loadDeriveContext(tx, org.id));
  const derived = deriveFrom(row, ctx);
  const expected = derivedRows(org.id, id, derived, ctx);
  const { scoredAt: _scoredAt, ...expectedColumns } = expected.useCase;
  expect({
    recommendedApproach: row.recommendedApproach,
    evidence: row.evidence,
    agreementVotes: row.agreementVotes,
    agreementVoters: row.agreementVoters,
    disagreement: row.disagreement,
    riskFlags: row.riskFlags,
    score: row.score,
    projectionSummary: row.projectionSummary,
    assumptionVersionId: row.assumptionVersionId,
  }).toEqual(JSON.parse(JSON.stringify(expectedColumns)));

  const key = (r: Record<string, unknown>) => `${r.approach}|${r.yearIndex}|${r.category ?? ""}`;
  const norm = (rows: Record<string, unknown>[]) =>
    rows
      .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== "id").map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])))
      .sort((a, b) => key(a).localeCompare(key(b)));
  const lines = await db.costLine.findMany({ where: { useCaseId: id } });
  const years = await db.costYear.findMany({ where: { useCaseId: id } });
  expect(lines.length).toBeGreaterThan(0);
  expect(norm(lines)).toEqual(norm(expected.costLines));
  expect(norm(years)).toEqual(norm(expected.costYears));
}

beforeAll(async () => {
  org = await createTestOrg("concurrency");
  // Twenty people who may edit any use case or this one: its owner (a lead), admins and executives.
  editors = [{ id: org.users.LEAD.id, role: "LEAD" }, { id: org.users.ADMIN.id, role: "ADMIN" }, { id: org.users.EXECUTIVE.id, role: "EXECUTIVE" }];
  for (let n = editors.length; n < SESSIONS; n++) editors.push(await addMember(n % 2 ? "ADMIN" : "EXECUTIVE", n));
});

describe("twenty concurrent saves of one use case", () => {
  it("one wins per version, nineteen are told of the conflict, nothing is lost or mixed; then every retry on the newest version succeeds", async () => {
    const created = (await runAs(org.users.LEAD.id, () => createUseCase(org.slug, base))) as Result;
    expect(created.ok).toBe(true);
    const id = created.data!.id;
    expect((await stored(id)).version).toBe(1);
    expect(await auditCount(id)).toBe(1);

    // Round 1: all twenty at once, all from version 1.
    const inputs = editors.map((e, i) => editBy(i, 1, org.users.LEAD.id));
    const results = (await Promise.all(
      editors.map((e, i) => runAs(e.id, () => updateUseCase(org.slug, { ...inputs[i], id, expectedVersion: 1 }))),
    )) as Result[];

    const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
    expect(winners, JSON.stringify(results.filter((r) => !r.ok && r.code !== "CONFLICT"))).toHaveLength(1);
    const w = winners[0]!;
    expect(results[w]!.data!.version).toBe(2);
    const losers = results.map((r, i) => ({ r, i })).filter(({ i }) => i !== w);
    expect(losers).toHaveLength(SESSIONS - 1);
    for (const { r } of losers) {
      expect(r).toMatchObject({ ok: false, code: "CONFLICT", message: CONFLICT_MESSAGE });
      const details = r.details as UseCaseConflictDetails;
      // Each loser is shown the stored version and who saved it: the winner.
      expect(details.currentVersion).toBe(2);
      expect(details.changedBy?.id).toBe(editors[w]!.id);
      expect(details.current.title).toBe(inputs[w]!.title);
    }

    const afterRound1 = await stored(id);
    expect(afterRound1.version).toBe(2);
    expect(rowToFields(afterRound1)).toEqual(useCaseFieldsSchema.parse(inputs[w]));
    const events = await db.auditEvent.findMany({ where: { organizationId: org.id, entityId: id }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["use_case.created", "use_case.updated"]);
    expect(events[1]!.actorId).toBe(editors[w]!.id);
    expect((events[1]!.after as Record<string, unknown>).title).toBe(inputs[w]!.title);
    await expectDerivedMatchesStored(id);

    // Round 2: each loser reloads the newest version and saves its own change again, in turn.
    let version = 2;
    for (const { i } of losers) {
      const current = (await stored(id)).version;
      expect(current).toBe(version);
      const again = editBy(i, 2, org.users.LEAD.id);
      const r = (await runAs(editors[i]!.id, () => updateUseCase(org.slug, { ...again, id, expectedVersion: current }))) as Result;
      expect(r, JSON.stringify(r)).toMatchObject({ ok: true, data: { version: version + 1 } });
      version += 1;
      expect(rowToFields(await stored(id))).toEqual(useCaseFieldsSchema.parse(again));
    }
    expect(version).toBe(2 + SESSIONS - 1);
    const final = await stored(id);
    expect(final.version).toBe(version);
    // One audit entry per successful save: the creation, the round-1 winner, nineteen retries.
    expect(await auditCount(id)).toBe(1 + 1 + (SESSIONS - 1));
    const actors = (await db.auditEvent.findMany({ where: { organizationId: org.id, entityId: id, action: "use_case.updated" }, orderBy: { at: "asc" }, select: { actorId: true } })).map((e) => e.actorId);
    expect(actors).toEqual([editors[w]!.id, ...losers.map(({ i }) => editors[i]!.id)]);
    await expectDerivedMatchesStored(id);
  });

  it("each concurrent call is made as its own member: a finance member among editors is refused, the editors are not", async () => {
    const created = (await runAs(org.users.LEAD.id, () => createUseCase(org.slug, { ...base, title: `Role check ${randomUUID()}` }))) as Result;
    const id = created.data!.id;
    const people = [org.users.FINANCE.id, org.users.ADMIN.id, org.users.FINANCE.id, org.users.EXECUTIVE.id];
    const results = (await Promise.all(
      people.map((who, i) => runAs(who, () => updateUseCase(org.slug, { ...editBy(i, 3, org.users.LEAD.id), id, expectedVersion: 1 }))),
    )) as Result[];
    expect(results[0]).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(results[2]).toMatchObject({ ok: false, code: "FORBIDDEN" });
    // The two editors race: one wins, one conflicts.
    expect([results[1]!, results[3]!].map((r) => (r.ok ? "ok" : r.code)).sort()).toEqual(["CONFLICT", "ok"]);
    expect(await auditCount(id)).toBe(2);
  });
});
