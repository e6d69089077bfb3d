/**
 * Concurrent cost overrides and concurrent decisions on one use case, through the real server
 * actions (guard, parse, transaction, derive, audit), each call as its own member (runAs):
 * exactly one save per version wins, every other one is told of the conflict, the audit log
 * gains one entry, and the stored value is the winner's. A save from a version that is no longer
 * the stored one is refused too, even when nobody is saving at the same moment.
 *
 * These fail when the version check is taken out of the UPDATE that stores the overrides or the
 * decision (issue 17: removing it from the cost-override UPDATE left every other test green).
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db, type Role } from "@/lib/server/db";
import { createUseCase, recordDecision, setCostOverrides } from "@/app/o/[org]/use-cases/actions";
import { CONFLICT_MESSAGE, USE_CASE_ENTITY, type UseCaseConflictDetails } from "@/lib/server/use-cases/write";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { runAs } from "./helpers/session";

type Result = { ok: boolean; code?: string; message?: string; details?: unknown; data?: { id: string; version: number } };

const SESSIONS = 10;
const APPROACHES = ["RAG", "FINE_TUNING", "HYBRID", "PROMPTING"] as const;

let org: TestOrg;
let deciders: { id: string; role: Role }[];

async function addMember(role: Role, n: number) {
  const user = await db.user.create({ data: { email: `racer-${n}-${randomUUID().slice(0, 8)}@overrides.test`, name: `Racer ${n}` } });
  await db.membership.create({ data: { userId: user.id, organizationId: org.id, role } });
  return { id: user.id, role };
}

async function newUseCase(): Promise<string> {
  const r = (await runAs(org.users.ADMIN.id, () =>
    createUseCase(org.slug, {
      title: `Raced ${randomUUID().slice(0, 8)}`,
      startDate: "2027-01-01",
      horizonYears: 3,
      assessment: { changeFrequency: "monthly", coreNeed: "retrieval", monthlyCalls: 30_000, corpusDocuments: 1_000 },
    }),
  )) as Result;
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data!.id;
}

const row = (id: string) => db.useCase.findUniqueOrThrow({ where: { id }, select: { version: true, overrides: true, chosenApproach: true, decisionNotes: true } });
const events = (id: string, action: string) =>
  db.auditEvent.findMany({ where: { organizationId: org.id, entity: USE_CASE_ENTITY, entityId: id, action }, select: { actorId: true, after: true } });

/** Session i's overrides: a rate nobody else sends. */
const overridesBy = (i: number) => ({ engineerRate: { low: 100 + i, base: 150 + i, high: 200 + i } });

beforeAll(async () => {
  org = await createTestOrg("racers");
  deciders = [{ id: org.users.ADMIN.id, role: "ADMIN" }, { id: org.users.EXECUTIVE.id, role: "EXECUTIVE" }];
  for (let n = deciders.length; n < SESSIONS; n++) deciders.push(await addMember(n % 2 ? "ADMIN" : "EXECUTIVE", n));
});

function oneWinner(results: Result[]): number {
  const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
  expect(winners, JSON.stringify(results.map((r) => (r.ok ? "ok" : r.code)))).toHaveLength(1);
  for (const [i, r] of results.entries()) {
    if (i === winners[0]) continue;
    expect(r).toMatchObject({ ok: false, code: "CONFLICT", message: CONFLICT_MESSAGE });
    expect((r.details as UseCaseConflictDetails).currentVersion).toBe(2);
    expect((r.details as UseCaseConflictDetails).changedBy?.id).toBe(deciders[winners[0]!]!.id);
  }
  return winners[0]!;
}

describe("concurrent cost overrides", () => {
  it(`of ${SESSIONS} simultaneous overrides from one version, exactly one is stored and audited; the rest conflict`, async () => {
    const id = await newUseCase();
    expect((await row(id)).version).toBe(1);
    const results = (await Promise.all(deciders.map((d, i) => runAs(d.id, () => setCostOverrides(org.slug, { id, expectedVersion: 1, overrides: overridesBy(i) }))))) as Result[];
    const w = oneWinner(results);
    expect(results[w]!.data!.version).toBe(2);
    const stored = await row(id);
    expect(stored.version).toBe(2);
    expect(stored.overrides).toEqual(overridesBy(w));
    const logged = await events(id, "use_case.cost_overrides_set");
    expect(logged).toHaveLength(1);
    expect(logged[0]!.actorId).toBe(deciders[w]!.id);
  });

  it("an override saved from a version that is no longer the stored one is refused, and nothing changes", async () => {
    const id = await newUseCase();
    expect(await runAs(org.users.ADMIN.id, () => setCostOverrides(org.slug, { id, expectedVersion: 1, overrides: overridesBy(1) }))).toMatchObject({ ok: true, data: { version: 2 } });
    const stale = (await runAs(org.users.EXECUTIVE.id, () => setCostOverrides(org.slug, { id, expectedVersion: 1, overrides: overridesBy(2) }))) as Result;
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT", message: CONFLICT_MESSAGE });
    expect((stale.details as UseCaseConflictDetails).changedBy?.id).toBe(org.users.ADMIN.id);
    expect(await row(id)).toMatchObject({ version: 2, overrides: overridesBy(1) });
    expect(await events(id, "use_case.cost_overrides_set")).toHaveLength(1);
    // From the newest version it goes through.
    expect(await runAs(org.users.EXECUTIVE.id, () => setCostOverrides(org.slug, { id, expectedVersion: 2, overrides: overridesBy(2) }))).toMatchObject({ ok: true, data: { version: 3 } });
    expect(await row(id)).toMatchObject({ version: 3, overrides: overridesBy(2) });
  });
});

describe("concurrent decisions", () => {
  it(`of ${SESSIONS} simultaneous decisions from one version, exactly one is stored and audited; the rest conflict`, async () => {
    const id = await newUseCase();
    const decisionBy = (i: number) => ({ chosenApproach: APPROACHES[i % APPROACHES.length], decisionNotes: `Decided by session ${i}.` });
    const results = (await Promise.all(deciders.map((d, i) => runAs(d.id, () => recordDecision(org.slug, { id, expectedVersion: 1, ...decisionBy(i) }))))) as Result[];
    const w = oneWinner(results);
    const stored = await row(id);
    expect(stored).toMatchObject({ version: 2, ...decisionBy(w) });
    const logged = await events(id, "use_case.decision_recorded");
    expect(logged).toHaveLength(1);
    expect(logged[0]!.actorId).toBe(deciders[w]!.id);
    expect(logged[0]!.after).toMatchObject({ decisionNotes: decisionBy(w).decisionNotes });
  });

  it("a decision recorded from a version that is no longer the stored one is refused, and nothing changes", async () => {
    const id = await newUseCase();
    expect(await runAs(org.users.EXECUTIVE.id, () => recordDecision(org.slug, { id, expectedVersion: 1, chosenApproach: "RAG", decisionNotes: "First." }))).toMatchObject({ ok: true });
    const stale = (await runAs(org.users.ADMIN.id, () => recordDecision(org.slug, { id, expectedVersion: 1, chosenApproach: "FINE_TUNING", decisionNotes: "Second, from an old page." }))) as Result;
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await row(id)).toMatchObject({ version: 2, chosenApproach: "RAG", decisionNotes: "First." });
    expect(await events(id, "use_case.decision_recorded")).toHaveLength(1);
  });
});
