/**
 * The use-case registry end to end on a real database: each action as each role and as another
 * organization's admin, version conflicts, soft delete and restore, and the audit log. The list
 * query has its own file (tests/use-case-list.test.ts).
 */
import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/server/db";
import type { Role } from "@/lib/server/db";
import { createUseCase, deleteUseCase, recordDecision, restoreUseCase, updateUseCase } from "@/app/o/[org]/use-cases/actions";
import { deriveUseCase } from "@/lib/server/use-cases/derive";
import { getUseCase, getUseCaseHistory, listTrash } from "@/lib/server/use-cases/read";
import { listUseCases } from "@/lib/server/use-cases/list";
import { CONFLICT_MESSAGE, type UseCaseConflictDetails } from "@/lib/server/use-cases/write";
import { DEFAULT_LIST_QUERY } from "@/lib/domain/use-case-list";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs, signOut } from "./helpers/session";

vi.mock("@/lib/server/use-cases/derive", async (importOriginal) => {
  const mod = await importOriginal<typeof import("@/lib/server/use-cases/derive")>();
  return { deriveUseCase: vi.fn(mod.deriveUseCase) };
});
const derive = vi.mocked(deriveUseCase);
/** The row the save has just written (RETURNING), handed to derivation instead of being read again. */
const savedRow = expect.objectContaining({ assessment: expect.anything(), horizonYears: expect.any(Number), createdAt: expect.any(Date) });

type Result = { ok: boolean; code?: string; message?: string; fieldErrors?: Record<string, string[]>; details?: unknown; data?: unknown };

async function addMember(org: TestOrg, role: Role, label: string) {
  const user = await db.user.create({ data: { email: `${label}-${randomUUID().slice(0, 8)}@extra.test`, name: `${label} ${role}` } });
  await db.membership.create({ data: { userId: user.id, organizationId: org.id, role } });
  return user.id;
}

async function create(org: TestOrg, as: string, input: Record<string, unknown>) {
  signInAs(as);
  const r = (await createUseCase(org.slug, input)) as Result & { data?: { id: string; version: number; duplicates: { id: string; title: string }[] } };
  return r;
}

async function createOk(org: TestOrg, as: string, input: Record<string, unknown>) {
  const r = await create(org, as, input);
  if (!r.ok) throw new Error(`create failed: ${JSON.stringify(r)}`);
  return r.data!;
}

async function snapshot(id: string) {
  const row = await db.useCase.findUniqueOrThrow({ where: { id } });
  const audits = await db.auditEvent.count({ where: { entityId: id } });
  return { row, audits };
}

const fields = (over: Record<string, unknown> = {}) => ({ title: "Support assistant", ...over });

let a: TestOrg;
let b: TestOrg;
let otherLead: string;

beforeAll(async () => {
  a = await createTestOrg("registry");
  b = await createTestOrg("rival");
  otherLead = await addMember(a, "LEAD", "second-lead");
});

beforeEach(() => {
  derive.mockClear();
  signOut();
});

describe("createUseCase", () => {
  it.each(["LEAD", "EXECUTIVE", "ADMIN"] as const)("%s can log a use case; the owner defaults to the creator", async (role) => {
    const r = await createOk(a, a.users[role].id, fields({ title: `Logged by ${role} ${randomUUID()}`, horizonYears: 3, assessment: { changeFrequency: "weekly", maxLagDays: 3 } }));
    const row = await db.useCase.findUniqueOrThrow({ where: { id: r.id } });
    expect(row).toMatchObject({ organizationId: a.id, ownerId: a.users[role].id, createdById: a.users[role].id, horizonYears: 3, version: 1, deletedAt: null });
    expect(row.assessment).toEqual({ changeFrequency: "weekly", maxLagDays: 3 });
    expect(derive).toHaveBeenCalledWith(expect.anything(), { organizationId: a.id, useCaseId: r.id }, undefined, savedRow);
    const events = await db.auditEvent.findMany({ where: { entityId: r.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "use_case.created", actorId: a.users[role].id, organizationId: a.id, entity: "UseCase" });
  });

  it("refuses finance, the signed-out and another organization's admin, and writes nothing", async () => {
    const title = `Refused ${randomUUID()}`;
    signInAs(a.users.FINANCE.id);
    expect(await createUseCase(a.slug, fields({ title }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signInAs(b.users.ADMIN.id);
    expect(await createUseCase(a.slug, fields({ title }))).toMatchObject({ ok: false, code: "NOT_A_MEMBER" });
    signOut();
    expect(await createUseCase(a.slug, fields({ title }))).toMatchObject({ ok: false, code: "NOT_SIGNED_IN" });
    expect(await db.useCase.count({ where: { title } })).toBe(0);
    expect(derive).not.toHaveBeenCalled();
  });

  it("returns field errors next to each field and writes nothing", async () => {
    const title = `Invalid ${randomUUID()}`;
    const r = await create(a, a.users.LEAD.id, fields({ title, horizonYears: 12, assessment: { maxLagDays: -1, changeFrequency: "hourly" } }));
    expect(r).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(r.fieldErrors!.horizonYears).toEqual(["At most 10 years"]);
    expect(r.fieldErrors!["assessment.maxLagDays"]).toEqual(["Cannot be negative"]);
    expect(r.fieldErrors!["assessment.changeFrequency"]).toHaveLength(1);
    expect(await db.useCase.count({ where: { title } })).toBe(0);
  });

  it("refuses unknown fields (top level and in the assessment)", async () => {
    const title = `Unknown ${randomUUID()}`;
    const top = await create(a, a.users.ADMIN.id, fields({ title, organizationId: b.id }));
    expect(top).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(top.fieldErrors!._form![0]).toContain("organizationId");
    const inner = await create(a, a.users.ADMIN.id, fields({ title, assessment: { favouriteColour: "blue" } }));
    expect(inner.fieldErrors!.assessment![0]).toContain("favouriteColour");
    const version = await create(a, a.users.ADMIN.id, fields({ title, version: 7 }));
    expect(version.ok).toBe(false);
    expect(await db.useCase.count({ where: { title } })).toBe(0);
  });

  it("accepts an owner who is a member, refuses one who is not, and keeps leads to themselves", async () => {
    const exec = await createOk(a, a.users.EXECUTIVE.id, fields({ title: `Assigned ${randomUUID()}`, ownerId: a.users.LEAD.id }));
    expect((await db.useCase.findUniqueOrThrow({ where: { id: exec.id } })).ownerId).toBe(a.users.LEAD.id);

    const foreign = await create(a, a.users.ADMIN.id, fields({ title: `Foreign owner ${randomUUID()}`, ownerId: b.users.LEAD.id }));
    expect(foreign).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(foreign.fieldErrors!.ownerId).toEqual(["Choose a member of this organization"]);

    const lead = await create(a, a.users.LEAD.id, fields({ title: `Lead assigns ${randomUUID()}`, ownerId: otherLead }));
    expect(lead).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(lead.fieldErrors!.ownerId).toHaveLength(1);
    const self = await createOk(a, a.users.LEAD.id, fields({ title: `Lead names self ${randomUUID()}`, ownerId: a.users.LEAD.id }));
    expect(self.id).toBeTruthy();
  });

  it("refuses an external id that another use case of the organization has", async () => {
    const ext = `INV-${randomUUID().slice(0, 6)}`;
    await createOk(a, a.users.ADMIN.id, fields({ title: `First ${randomUUID()}`, externalId: ext }));
    const again = await create(a, a.users.ADMIN.id, fields({ title: `Second ${randomUUID()}`, externalId: ext }));
    expect(again).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(again.fieldErrors!.externalId).toHaveLength(1);
    // another organization may use the same external id
    expect((await create(b, b.users.ADMIN.id, fields({ title: `Theirs ${randomUUID()}`, externalId: ext }))).ok).toBe(true);
  });

  it("rolls everything back when deriving fails: no use case, no audit entry", async () => {
    const title = `Derive fails ${randomUUID()}`;
    derive.mockRejectedValueOnce(new Error("boom"));
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const r = await create(a, a.users.ADMIN.id, fields({ title }));
    spy.mockRestore();
    expect(r).toMatchObject({ ok: false, code: "INTERNAL" });
    expect(await db.useCase.count({ where: { title } })).toBe(0);
    expect(await db.auditEvent.count({ where: { organizationId: a.id, action: "use_case.created", after: { path: ["title"], equals: title } } })).toBe(0);
  });
});

describe("duplicate titles: warn, don't block", () => {
  it("creates the use case and names the close matches of the same organization, live ones only", async () => {
    const org = await createTestOrg("dups");
    const first = await createOk(org, org.users.LEAD.id, fields({ title: "Customer support chatbot" }));
    const gone = await createOk(org, org.users.LEAD.id, fields({ title: "Customer-support chatbot (old)" }));
    signInAs(org.users.LEAD.id);
    await deleteUseCase(org.slug, { id: gone.id });
    await createOk(b, b.users.ADMIN.id, fields({ title: "Customer support chatbot" }));

    const second = await createOk(org, org.users.EXECUTIVE.id, fields({ title: "customer support chatbots!" }));
    expect(second.duplicates.map((d) => d.id)).toEqual([first.id]);
    expect(await db.useCase.count({ where: { organizationId: org.id, deletedAt: null } })).toBe(2);

    const unrelated = await createOk(org, org.users.EXECUTIVE.id, fields({ title: "Invoice matching" }));
    expect(unrelated.duplicates).toEqual([]);

    signInAs(org.users.EXECUTIVE.id);
    const renamed = (await updateUseCase(org.slug, { id: unrelated.id, expectedVersion: 1, title: "Customer Support Chatbot" })) as Result & { data: { duplicates: { id: string }[] } };
    expect(renamed.ok).toBe(true);
    expect(renamed.data.duplicates.map((d) => d.id).sort()).toEqual([first.id, second.id].sort());
  });
});

describe("updateUseCase", () => {
  it("lets a lead edit their own, executives and admins any, and records before/after of the changed fields only", async () => {
    const uc = await createOk(a, a.users.LEAD.id, fields({ title: `Editable ${randomUUID()}`, assessment: { maxLagDays: 3, coreNeed: "retrieval" } }));
    signInAs(a.users.LEAD.id);
    const r1 = (await updateUseCase(a.slug, { id: uc.id, expectedVersion: 1, title: "Renamed by lead", assessment: { maxLagDays: 7, coreNeed: "retrieval" } })) as Result & { data: { version: number; changed: string[] } };
    expect(r1).toMatchObject({ ok: true, data: { version: 2, changed: ["title", "assessment.maxLagDays"] } });
    expect(derive).toHaveBeenLastCalledWith(expect.anything(), { organizationId: a.id, useCaseId: uc.id }, undefined, savedRow);

    const ev = await db.auditEvent.findFirstOrThrow({ where: { entityId: uc.id, action: "use_case.updated" } });
    expect(ev.actorId).toBe(a.users.LEAD.id);
    expect(ev.before).toEqual({ title: expect.stringMatching(/^Editable/), assessment: { maxLagDays: 3 } });
    expect(ev.after).toEqual({ title: "Renamed by lead", assessment: { maxLagDays: 7 } });

    for (const [n, role] of (["EXECUTIVE", "ADMIN"] as const).entries()) {
      signInAs(a.users[role].id);
      const r = await updateUseCase(a.slug, { id: uc.id, expectedVersion: 2 + n, title: `Renamed by ${role}` });
      expect(r).toMatchObject({ ok: true });
    }
    const row = await db.useCase.findUniqueOrThrow({ where: { id: uc.id } });
    expect(row).toMatchObject({ title: "Renamed by ADMIN", version: 4, ownerId: a.users.LEAD.id });
  });

  it("an edit replaces the fields: an answer left out is cleared", async () => {
    const uc = await createOk(a, a.users.LEAD.id, fields({ title: `Clear ${randomUUID()}`, assessment: { maxLagDays: 3, needsCitations: true } }));
    signInAs(a.users.LEAD.id);
    await updateUseCase(a.slug, { id: uc.id, expectedVersion: 1, title: "Clear", assessment: { maxLagDays: 3 } });
    expect((await db.useCase.findUniqueOrThrow({ where: { id: uc.id } })).assessment).toEqual({ maxLagDays: 3 });
    const ev = await db.auditEvent.findFirstOrThrow({ where: { entityId: uc.id, action: "use_case.updated" } });
    expect(ev.before).toMatchObject({ assessment: { needsCitations: true } });
    expect(ev.after).toMatchObject({ assessment: { needsCitations: null } });
  });

  it("refuses a lead on another lead's use case, finance, and other organizations, and changes nothing", async () => {
    const uc = await createOk(a, otherLead, fields({ title: `Not yours ${randomUUID()}` }));
    const before = await snapshot(uc.id);
    const input = { id: uc.id, expectedVersion: 1, title: "Hijacked" };

    signInAs(a.users.LEAD.id);
    expect(await updateUseCase(a.slug, input)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signInAs(a.users.FINANCE.id);
    expect(await updateUseCase(a.slug, input)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signInAs(b.users.ADMIN.id);
    expect(await updateUseCase(a.slug, input)).toMatchObject({ ok: false, code: "NOT_A_MEMBER" });
    // through their own organization, the use case does not exist
    expect(await updateUseCase(b.slug, input)).toMatchObject({ ok: false, code: "NOT_FOUND" });

    expect(await snapshot(uc.id)).toEqual(before);
  });

  it("a lead cannot hand their use case to someone else; an executive can", async () => {
    const uc = await createOk(a, a.users.LEAD.id, fields({ title: `Handover ${randomUUID()}` }));
    signInAs(a.users.LEAD.id);
    const r = (await updateUseCase(a.slug, { id: uc.id, expectedVersion: 1, title: "Handover", ownerId: otherLead })) as Result;
    expect(r).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(r.fieldErrors!.ownerId).toHaveLength(1);
    signInAs(a.users.EXECUTIVE.id);
    expect(await updateUseCase(a.slug, { id: uc.id, expectedVersion: 1, title: "Handover", ownerId: otherLead })).toMatchObject({ ok: true });
    expect((await db.useCase.findUniqueOrThrow({ where: { id: uc.id } })).ownerId).toBe(otherLead);
  });

  it("a save that changes nothing writes nothing", async () => {
    const uc = await createOk(a, a.users.LEAD.id, fields({ title: `Same ${randomUUID()}` }));
    const row = await db.useCase.findUniqueOrThrow({ where: { id: uc.id } });
    signInAs(a.users.LEAD.id);
    const r = await updateUseCase(a.slug, { id: uc.id, expectedVersion: 1, title: row.title });
    expect(r).toMatchObject({ ok: true, data: { version: 1, changed: [] } });
    expect(await db.auditEvent.count({ where: { entityId: uc.id } })).toBe(1);
  });

  it("refuses unknown keys and bad values with field errors", async () => {
    const uc = await createOk(a, a.users.LEAD.id, fields({ title: `Strict ${randomUUID()}` }));
    signInAs(a.users.LEAD.id);
    const r = (await updateUseCase(a.slug, { id: uc.id, expectedVersion: 1, title: "", deletedAt: null })) as Result;
    expect(r).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(r.fieldErrors!.title).toEqual(["Title is required"]);
    expect(r.fieldErrors!._form![0]).toContain("deletedAt");
  });
});

describe("version conflicts", () => {
  it("refuses the second save of the same version, keeps the first, and says who changed what", async () => {
    const uc = await createOk(a, a.users.LEAD.id, fields({ title: `Contested ${randomUUID()}`, description: "original" }));
    signInAs(a.users.LEAD.id);
    expect(await updateUseCase(a.slug, { id: uc.id, expectedVersion: 1, title: "Lead's title", description: "lead's text" })).toMatchObject({ ok: true });

    signInAs(a.users.EXECUTIVE.id);
    const second = (await updateUseCase(a.slug, { id: uc.id, expectedVersion: 1, title: "Executive's title", description: "original" })) as Result;
    expect(second).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(second.message).toBe(CONFLICT_MESSAGE);
    const details = second.details as UseCaseConflictDetails;
    expect(details.currentVersion).toBe(2);
    expect(details.current).toMatchObject({ title: "Lead's title", description: "lead's text", ownerId: a.users.LEAD.id });
    expect(details.changedBy).toEqual({ id: a.users.LEAD.id, name: expect.any(String) });
    expect(Date.parse(details.changedAt)).not.toBeNaN();

    const row = await db.useCase.findUniqueOrThrow({ where: { id: uc.id } });
    expect(row).toMatchObject({ title: "Lead's title", description: "lead's text", version: 2 });
    expect(await db.auditEvent.count({ where: { entityId: uc.id, action: "use_case.updated" } })).toBe(1);

    // reapplying on top of the current version works
    expect(await updateUseCase(a.slug, { id: uc.id, expectedVersion: details.currentVersion, title: "Executive's title", description: "lead's text" })).toMatchObject({ ok: true, data: { version: 3 } });
  });

  it("of two simultaneous saves of the same version, exactly one wins", async () => {
    const uc = await createOk(a, a.users.ADMIN.id, fields({ title: `Race ${randomUUID()}` }));
    signInAs(a.users.ADMIN.id);
    const results = (await Promise.all(
      ["one", "two", "three"].map((t) => updateUseCase(a.slug, { id: uc.id, expectedVersion: 1, title: `Race winner ${t}` })),
    )) as Result[];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => r.code)).toEqual(["CONFLICT", "CONFLICT"]);
    const row = await db.useCase.findUniqueOrThrow({ where: { id: uc.id } });
    expect(row.version).toBe(2);
    expect(await db.auditEvent.count({ where: { entityId: uc.id, action: "use_case.updated" } })).toBe(1);
  });
});

describe("recordDecision", () => {
  it.each(["EXECUTIVE", "ADMIN"] as const)("%s records the chosen approach and notes, version-checked and audited", async (role) => {
    const uc = await createOk(a, a.users.LEAD.id, fields({ title: `Decide ${role} ${randomUUID()}` }));
    signInAs(a.users[role].id);
    const r = await recordDecision(a.slug, { id: uc.id, expectedVersion: 1, chosenApproach: "RAG", decisionNotes: "Start with retrieval." });
    expect(r).toMatchObject({ ok: true, data: { version: 2 } });
    expect(derive).toHaveBeenLastCalledWith(expect.anything(), { organizationId: a.id, useCaseId: uc.id }, undefined, savedRow);
    const row = await db.useCase.findUniqueOrThrow({ where: { id: uc.id } });
    expect(row).toMatchObject({ chosenApproach: "RAG", decisionNotes: "Start with retrieval.", version: 2 });
    const ev = await db.auditEvent.findFirstOrThrow({ where: { entityId: uc.id, action: "use_case.decision_recorded" } });
    expect(ev).toMatchObject({ actorId: a.users[role].id, before: { chosenApproach: null, decisionNotes: "" }, after: { chosenApproach: "RAG", decisionNotes: "Start with retrieval." } });

    const stale = await recordDecision(a.slug, { id: uc.id, expectedVersion: 1, chosenApproach: "FINE_TUNING", decisionNotes: "" });
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await db.useCase.findUniqueOrThrow({ where: { id: uc.id } })).chosenApproach).toBe("RAG");
  });

  it("refuses leads (even their own), finance and other organizations", async () => {
    const uc = await createOk(a, a.users.LEAD.id, fields({ title: `No decision ${randomUUID()}` }));
    const before = await snapshot(uc.id);
    const input = { id: uc.id, expectedVersion: 1, chosenApproach: "FINE_TUNING", decisionNotes: "" };
    for (const [who, code] of [[a.users.LEAD.id, "FORBIDDEN"], [a.users.FINANCE.id, "FORBIDDEN"], [b.users.ADMIN.id, "NOT_A_MEMBER"]] as const) {
      signInAs(who);
      expect(await recordDecision(a.slug, input)).toMatchObject({ ok: false, code });
    }
    signInAs(b.users.EXECUTIVE.id);
    expect(await recordDecision(b.slug, input)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await snapshot(uc.id)).toEqual(before);
  });

  it("refuses an approach that does not exist", async () => {
    const uc = await createOk(a, a.users.LEAD.id, fields({ title: `Bad approach ${randomUUID()}` }));
    signInAs(a.users.EXECUTIVE.id);
    const r = (await recordDecision(a.slug, { id: uc.id, expectedVersion: 1, chosenApproach: "MAGIC", decisionNotes: "" })) as Result;
    expect(r).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(r.fieldErrors!.chosenApproach).toHaveLength(1);
  });
});

describe("soft delete, trash and restore", () => {
  it("deletes softly, hides from the list, lists in the trash, and restores", async () => {
    const org = await createTestOrg("trash");
    const uc = await createOk(org, org.users.LEAD.id, fields({ title: "Going to the trash" }));
    signInAs(org.users.LEAD.id);
    expect(await deleteUseCase(org.slug, { id: uc.id })).toMatchObject({ ok: true });

    const row = await db.useCase.findUniqueOrThrow({ where: { id: uc.id } });
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(row.version).toBe(2);
    expect(await getUseCase(org.id, uc.id)).toBeNull();
    expect((await getUseCase(org.id, uc.id, { includeDeleted: true }))?.deletedAt).toBeInstanceOf(Date);
    expect((await listUseCases(org.id, DEFAULT_LIST_QUERY)).total).toBe(0);
    const trash = await listTrash(org.id);
    expect(trash.rows.map((r) => r.id)).toEqual([uc.id]);
    expect(trash.rows[0]!.deletedBy?.id).toBe(org.users.LEAD.id);

    // a deleted use case cannot be edited, nor deleted twice
    expect(await updateUseCase(org.slug, { id: uc.id, expectedVersion: 2, title: "Edited in the trash" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await deleteUseCase(org.slug, { id: uc.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });

    derive.mockClear();
    expect(await restoreUseCase(org.slug, { id: uc.id })).toMatchObject({ ok: true, data: { version: 3 } });
    expect(derive).toHaveBeenCalledWith(expect.anything(), { organizationId: org.id, useCaseId: uc.id });
    expect((await db.useCase.findUniqueOrThrow({ where: { id: uc.id } })).deletedAt).toBeNull();
    expect((await listUseCases(org.id, DEFAULT_LIST_QUERY)).total).toBe(1);
    expect((await listTrash(org.id)).total).toBe(0);
    expect(await restoreUseCase(org.slug, { id: uc.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });

    const actions = (await db.auditEvent.findMany({ where: { entityId: uc.id }, orderBy: { at: "asc" } })).map((e) => [e.action, e.before, e.after]);
    expect(actions).toEqual([
      ["use_case.created", null, expect.objectContaining({ title: "Going to the trash" })],
      ["use_case.deleted", { deletedAt: null }, { deletedAt: expect.any(String) }],
      ["use_case.restored", { deletedAt: expect.any(String) }, { deletedAt: null }],
    ]);
  });

  it("lets leads delete and restore only their own; executives and admins any; finance none", async () => {
    const org = await createTestOrg("trash-roles");
    const second = await addMember(org, "LEAD", "other");
    const uc = await createOk(org, second, fields({ title: "Someone else's" }));
    const check = async (who: string, action: typeof deleteUseCase, code: string | null) => {
      signInAs(who);
      const r = await action(org.slug, { id: uc.id });
      if (code) expect(r).toMatchObject({ ok: false, code });
      else expect(r).toMatchObject({ ok: true });
    };
    await check(org.users.LEAD.id, deleteUseCase, "FORBIDDEN");
    await check(org.users.FINANCE.id, deleteUseCase, "FORBIDDEN");
    await check(b.users.ADMIN.id, deleteUseCase, "NOT_A_MEMBER");
    expect((await db.useCase.findUniqueOrThrow({ where: { id: uc.id } })).deletedAt).toBeNull();
    await check(org.users.EXECUTIVE.id, deleteUseCase, null);
    await check(org.users.LEAD.id, restoreUseCase, "FORBIDDEN");
    await check(org.users.FINANCE.id, restoreUseCase, "FORBIDDEN");
    await check(b.users.ADMIN.id, restoreUseCase, "NOT_A_MEMBER");
    expect((await db.useCase.findUniqueOrThrow({ where: { id: uc.id } })).deletedAt).not.toBeNull();
    await check(org.users.ADMIN.id, restoreUseCase, null);
    await check(second, deleteUseCase, null);
    await check(second, restoreUseCase, null);
  });
});

describe("history", () => {
  it("lists the use case's audit events, newest first, with who did them", async () => {
    const uc = await createOk(a, a.users.LEAD.id, fields({ title: `History ${randomUUID()}` }));
    signInAs(a.users.LEAD.id);
    await updateUseCase(a.slug, { id: uc.id, expectedVersion: 1, title: "History, renamed", status: "ASSESSING" });
    signInAs(a.users.EXECUTIVE.id);
    await recordDecision(a.slug, { id: uc.id, expectedVersion: 2, chosenApproach: "HYBRID", decisionNotes: "Both." });
    const history = await getUseCaseHistory(a.id, uc.id);
    // Decided directly by an executive: through the workflow, approved with its budget asked of finance.
    expect(history.map((h) => h.action)).toEqual(["decision.approved", "use_case.decision_recorded", "use_case.updated", "use_case.created"]);
    expect(history[0]!.actor?.id).toBe(a.users.EXECUTIVE.id);
    expect(history[2]).toMatchObject({ before: { status: "IDEA" }, after: { title: "History, renamed", status: "ASSESSING" } });
    // another organization's id gives nothing
    expect(await getUseCaseHistory(b.id, uc.id)).toEqual([]);
  });
});
