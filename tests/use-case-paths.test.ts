/**
 * The use-case read and write paths (lib/server/use-cases/read.ts and write.ts) called directly,
 * case by case, on a real database: what each returns, what it refuses and with which words, and
 * what it leaves in the database and the audit log. The actions' tests (tests/use-cases.test.ts)
 * go through the session and the guard; these pin the paths themselves, which the mutation run
 * of issue 17 found thinly checked (55% of its changed lines went unnoticed).
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { EMPTY_FILTER, NOT_RECORDED, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { DEFAULT_LIST_QUERY, type UseCaseListQuery } from "@/lib/domain/use-case-list";
import { db, Prisma, type Role } from "@/lib/server/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { findSimilarUseCases, getTitles, getUseCase, getUseCaseHistory, lastDecision, listBusinessUnits, listMembers, listTrash, namesOf } from "@/lib/server/use-cases/read";
import { listUseCases } from "@/lib/server/use-cases/list";
import {
  conflictFor, inUseCaseTransaction, loadLive, writeUseCase,
  CONFLICT_MESSAGE, USE_CASE_AUDIT, type UseCaseConflictDetails, type WriteContext,
} from "@/lib/server/use-cases/write";
import { recordUseCaseDecision } from "@/lib/server/use-cases/decision";
import { restoreUseCase, softDeleteUseCase } from "@/lib/server/use-cases/trash";
import { setUseCaseOverrides } from "@/lib/server/use-cases/overrides";
import { createTestOrg, type TestOrg } from "./helpers/factory";

let org: TestOrg;
let other: TestOrg;
const as = (o: TestOrg, role: Role): WriteContext => ({ organizationId: o.id, actorId: o.users[role].id, role });
const tx = <T>(fn: Parameters<typeof inUseCaseTransaction<T>>[0]) => inUseCaseTransaction(fn);
const create = (o: TestOrg, role: Role, fields: Record<string, unknown>) => tx((t) => writeUseCase(t, as(o, role), { fields: { title: "A use case", ...fields } as never }));
const update = (o: TestOrg, role: Role, id: string, expectedVersion: number | undefined, fields: Record<string, unknown>) =>
  tx((t) => writeUseCase(t, as(o, role), { id, expectedVersion, fields: { title: "A use case", ...fields } as never }));
/** The error a call throws (the test fails when it throws none). */
async function refusal(p: Promise<unknown>): Promise<Error & { fieldErrors?: Record<string, string[]>; details?: unknown }> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a refusal");
}
/** A moment after every row written so far (never a future one: other test files read "events since t0"). */
async function later(): Promise<Date> {
  await new Promise((r) => setTimeout(r, 15));
  return new Date();
}
const audits = (entityId: string) => db.auditEvent.findMany({ where: { entityId }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { action: true, actorId: true, before: true, after: true } });

beforeAll(async () => {
  org = await createTestOrg("paths");
  other = await createTestOrg("paths-other");
});

describe("writeUseCase: creating", () => {
  it("stores the use case, owned by its author unless another owner is named, and says what it set", async () => {
    const r = await create(org, "LEAD", { title: "Contract search", businessUnit: "Legal" });
    expect(r).toEqual({ id: r.id, version: 1, created: true, changed: expect.arrayContaining(["title", "businessUnit", "ownerId"]), title: "Contract search", titleChanged: true });
    const row = await db.useCase.findUniqueOrThrow({ where: { id: r.id }, select: { ownerId: true, createdById: true, organizationId: true } });
    expect(row).toEqual({ ownerId: org.users.LEAD.id, createdById: org.users.LEAD.id, organizationId: org.id });
    const [event] = await audits(r.id);
    expect(event).toMatchObject({ action: USE_CASE_AUDIT.created, actorId: org.users.LEAD.id, before: null, after: { title: "Contract search", businessUnit: "Legal", ownerId: org.users.LEAD.id } });
    const byExec = await create(org, "EXECUTIVE", { title: "Handed over", ownerId: org.users.LEAD.id });
    expect((await db.useCase.findUniqueOrThrow({ where: { id: byExec.id } })).ownerId).toBe(org.users.LEAD.id);
  });

  it("refuses finance, a lead naming someone else, an owner from outside, and a taken external id, each in its words", async () => {
    const finance = await refusal(create(org, "FINANCE", {}));
    expect(finance).toBeInstanceOf(ForbiddenError);
    expect(finance.message).toBe("Your role does not allow logging use cases.");
    const lead = await refusal(create(org, "LEAD", { ownerId: org.users.EXECUTIVE.id }));
    expect(lead.fieldErrors).toEqual({ ownerId: ["Leads log use cases they own; an executive or admin can assign another owner"] });
    const outsider = await refusal(create(org, "ADMIN", { ownerId: other.users.LEAD.id }));
    expect(outsider).toBeInstanceOf(ValidationError);
    expect(outsider.fieldErrors).toEqual({ ownerId: ["Choose a member of this organization"] });
    const ext = `EXT-${randomUUID().slice(0, 6)}`;
    const first = await create(org, "ADMIN", { externalId: ext });
    expect((await refusal(create(org, "ADMIN", { externalId: ext }))).fieldErrors).toEqual({ externalId: ["Another use case already has this external id"] });
    await tx((t) => softDeleteUseCase(t, as(org, "ADMIN"), { id: first.id }));
    expect((await refusal(create(org, "ADMIN", { externalId: ext }))).fieldErrors).toEqual({ externalId: ["A use case in the trash already has this external id"] });
    // Another organization may use the same external id.
    await expect(create(other, "ADMIN", { externalId: ext })).resolves.toMatchObject({ created: true });
  });

  it("turns two saves racing for one external id into a field error, not a failure", async () => {
    const err = await refusal(
      inUseCaseTransaction(async () => {
        throw new Prisma.PrismaClientKnownRequestError("Unique constraint failed", { code: "P2002", clientVersion: "test" });
      }),
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fieldErrors).toEqual({ externalId: ["Another use case already has this external id"] });
    const other = await refusal(inUseCaseTransaction(async () => {
      throw new Prisma.PrismaClientKnownRequestError("Foreign key", { code: "P2003", clientVersion: "test" });
    }));
    expect(other).not.toBeInstanceOf(ValidationError);
  });
});

describe("writeUseCase: updating", () => {
  it("bumps the version, audits only what changed, and says whether the title changed", async () => {
    const c = await create(org, "LEAD", { title: "Invoice reader", description: "v1" });
    const r = await update(org, "LEAD", c.id, 1, { title: "Invoice reader", description: "v2" });
    expect(r).toEqual({ id: c.id, version: 2, created: false, changed: ["description"], title: "Invoice reader", titleChanged: false });
    const renamed = await update(org, "LEAD", c.id, 2, { title: "Invoice reader (EU)", description: "v2" });
    expect(renamed).toMatchObject({ version: 3, changed: ["title"], title: "Invoice reader (EU)", titleChanged: true });
    const events = await audits(c.id);
    expect(events.map((e) => e.action)).toEqual([USE_CASE_AUDIT.created, USE_CASE_AUDIT.updated, USE_CASE_AUDIT.updated]);
    expect(events[1]).toMatchObject({ actorId: org.users.LEAD.id, before: { description: "v1" }, after: { description: "v2" } });
    expect((await db.useCase.findUniqueOrThrow({ where: { id: c.id } })).version).toBe(3);
  });

  it("a save that changes nothing writes nothing and keeps the version", async () => {
    const c = await create(org, "LEAD", { title: "Unchanged" });
    expect(await update(org, "LEAD", c.id, 1, { title: "Unchanged" })).toEqual({ id: c.id, version: 1, created: false, changed: [], title: "Unchanged", titleChanged: false });
    expect(await audits(c.id)).toHaveLength(1);
  });

  it("refuses a save without the version it edited, another lead's use case, finance, and a lead handing it over", async () => {
    const c = await create(org, "LEAD", { title: "Guarded" });
    const noVersion = await refusal(update(org, "LEAD", c.id, undefined, {}));
    expect(noVersion).toBeInstanceOf(ValidationError);
    expect(noVersion.message).toBe("Please reload the page and try again.");
    expect(noVersion.fieldErrors).toEqual({ expectedVersion: ["The version you edited is required"] });
    expect((await refusal(update(org, "LEAD", c.id, 1.5, {}))).fieldErrors).toEqual({ expectedVersion: ["The version you edited is required"] });
    const otherLead = await db.user.create({ data: { email: `lead2-${randomUUID().slice(0, 8)}@paths.test`, name: "Second Lead" } });
    await db.membership.create({ data: { userId: otherLead.id, organizationId: org.id, role: "LEAD" } });
    const notTheirs = await refusal(tx((t) => writeUseCase(t, { organizationId: org.id, actorId: otherLead.id, role: "LEAD" }, { id: c.id, expectedVersion: 1, fields: { title: "Mine now" } })));
    expect(notTheirs).toBeInstanceOf(ForbiddenError);
    expect(notTheirs.message).toBe("Leads can edit only the use cases they own.");
    expect((await refusal(update(org, "FINANCE", c.id, 1, {}))).message).toBe("Your role does not allow editing use cases.");
    const handOver = await refusal(update(org, "LEAD", c.id, 1, { title: "Guarded", ownerId: otherLead.id }));
    expect(handOver.fieldErrors).toEqual({ ownerId: ["Only an executive or admin can hand a use case to another owner"] });
    // An executive may hand it over, but only to a member.
    expect((await refusal(update(org, "EXECUTIVE", c.id, 1, { title: "Guarded", ownerId: other.users.ADMIN.id }))).fieldErrors).toEqual({ ownerId: ["Choose a member of this organization"] });
    expect(await update(org, "EXECUTIVE", c.id, 1, { title: "Guarded", ownerId: otherLead.id })).toMatchObject({ version: 2, changed: ["ownerId"] });
    expect((await db.useCase.findUniqueOrThrow({ where: { id: c.id } })).version).toBe(2);
  });

  it("a stale version is a conflict that shows the stored values and who changed them", async () => {
    const c = await create(org, "LEAD", { title: "Contested", description: "first" });
    await update(org, "EXECUTIVE", c.id, 1, { title: "Contested", description: "theirs", ownerId: org.users.LEAD.id });
    const err = await refusal(update(org, "LEAD", c.id, 1, { title: "Contested", description: "mine" }));
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe(CONFLICT_MESSAGE);
    const d = err.details as UseCaseConflictDetails;
    expect(d).toMatchObject({ id: c.id, currentVersion: 2, decision: { chosenApproach: null, decisionNotes: "" }, changedBy: { id: org.users.EXECUTIVE.id, name: expect.stringMatching(/^EXECUTIVE /) } });
    expect(d.current).toMatchObject({ title: "Contested", description: "theirs", ownerId: org.users.LEAD.id });
    const lastAt = (await db.auditEvent.findFirstOrThrow({ where: { entityId: c.id }, orderBy: { at: "desc" } })).at;
    expect(d.changedAt).toBe(lastAt.toISOString());
    expect((await db.useCase.findUniqueOrThrow({ where: { id: c.id } })).description).toBe("theirs");
  });

  it("keeps its own external id, refuses another's, and frees the old one", async () => {
    const ext = `KEEP-${randomUUID().slice(0, 6)}`;
    const c = await create(org, "ADMIN", { title: "Tagged", externalId: ext });
    expect(await update(org, "ADMIN", c.id, 1, { title: "Tagged again", externalId: ext })).toMatchObject({ version: 2, changed: ["title"] });
    const d = await create(org, "ADMIN", { title: "Other tagged", externalId: `${ext}-2` });
    expect((await refusal(update(org, "ADMIN", c.id, 2, { title: "Tagged again", externalId: `${ext}-2` }))).fieldErrors).toEqual({ externalId: ["Another use case already has this external id"] });
    expect(await update(org, "ADMIN", d.id, 1, { title: "Other tagged", externalId: `${ext}-3` })).toMatchObject({ version: 2, changed: ["externalId"] });
    expect(await update(org, "ADMIN", c.id, 2, { title: "Tagged again", externalId: `${ext}-2` })).toMatchObject({ version: 3, changed: ["externalId"] });
  });

  it("says a use case is missing, or in the trash, before anything else", async () => {
    expect((await refusal(tx((t) => loadLive(t, org.id, "no-such-id")))).message).toBe("This use case does not exist.");
    const c = await create(org, "LEAD", { title: "Binned" });
    await tx((t) => softDeleteUseCase(t, as(org, "LEAD"), { id: c.id }));
    const binned = await refusal(update(org, "LEAD", c.id, 2, { title: "Binned" }));
    expect(binned).toBeInstanceOf(NotFoundError);
    expect(binned.message).toBe("This use case is in the trash. Restore it before changing it.");
    const conflict = await tx((t) => conflictFor(t, org.id, c.id));
    expect(conflict).toBeInstanceOf(NotFoundError);
    expect(conflict.message).toBe("This use case was deleted since you opened it.");
    // Another organization's use case does not exist for this one.
    expect((await refusal(tx((t) => loadLive(t, other.id, c.id)))).message).toBe("This use case does not exist.");
  });
});

describe("decisions, the trash and overrides", () => {
  it("records a decision version-checked, once, and tells who recorded it last", async () => {
    const c = await create(org, "LEAD", { title: "To decide" });
    expect(await lastDecision(org.id, c.id)).toBeNull();
    const lead = await refusal(tx((t) => recordUseCaseDecision(t, as(org, "LEAD"), { id: c.id, expectedVersion: 1, chosenApproach: "RAG" })));
    expect(lead).toBeInstanceOf(ForbiddenError);
    expect(lead.message).toBe("Only executives and admins record the decision.");
    const r = await tx((t) => recordUseCaseDecision(t, as(org, "EXECUTIVE"), { id: c.id, expectedVersion: 1, chosenApproach: "RAG", decisionNotes: "cheapest" }));
    expect(r).toEqual({ id: c.id, version: 2, changed: ["chosenApproach", "decisionNotes"] });
    expect(await tx((t) => recordUseCaseDecision(t, as(org, "EXECUTIVE"), { id: c.id, expectedVersion: 2, chosenApproach: "RAG", decisionNotes: "cheapest" }))).toEqual({ id: c.id, version: 2, changed: [] });
    expect(await refusal(tx((t) => recordUseCaseDecision(t, as(org, "ADMIN"), { id: c.id, expectedVersion: 1, chosenApproach: "HYBRID" })))).toBeInstanceOf(ConflictError);
    const event = (await audits(c.id)).find((e) => e.action === USE_CASE_AUDIT.decided);
    expect(event).toMatchObject({ actorId: org.users.EXECUTIVE.id, before: { chosenApproach: null, decisionNotes: "" }, after: { chosenApproach: "RAG", decisionNotes: "cheapest" } });
    const last = await lastDecision(org.id, c.id);
    expect(last?.by).toMatch(/^EXECUTIVE /);
    expect(last?.at).toBeInstanceOf(Date);
    expect(await lastDecision(other.id, c.id)).toBeNull();
    // A decision by someone since removed, and one with no actor recorded.
    const gone = await db.user.create({ data: { email: `gone-${randomUUID().slice(0, 8)}@paths.test`, name: "Gone" } });
    await db.auditEvent.create({ data: { organizationId: org.id, actorId: gone.id, action: USE_CASE_AUDIT.decided, entity: "UseCase", entityId: c.id, at: await later() } });
    await db.user.delete({ where: { id: gone.id } });
    expect((await lastDecision(org.id, c.id))?.by).toBe("a former member");
    await db.auditEvent.create({ data: { organizationId: org.id, actorId: null, action: USE_CASE_AUDIT.decided, entity: "UseCase", entityId: c.id, at: await later() } });
    expect((await lastDecision(org.id, c.id))?.by).toBeNull();
  });

  it("deletes and restores with the version moved on, audited, and refuses what is not its to move", async () => {
    const c = await create(org, "LEAD", { title: "In and out" });
    const otherLead = await db.user.create({ data: { email: `lead3-${randomUUID().slice(0, 8)}@paths.test`, name: "Third Lead" } });
    await db.membership.create({ data: { userId: otherLead.id, organizationId: org.id, role: "LEAD" } });
    const stranger: WriteContext = { organizationId: org.id, actorId: otherLead.id, role: "LEAD" };
    expect((await refusal(tx((t) => softDeleteUseCase(t, stranger, { id: c.id })))).message).toBe("Leads can delete only the use cases they own.");
    expect(await tx((t) => softDeleteUseCase(t, as(org, "LEAD"), { id: c.id }))).toEqual({ id: c.id, version: 2 });
    const deleted = await db.useCase.findUniqueOrThrow({ where: { id: c.id } });
    expect(deleted.deletedAt).toBeInstanceOf(Date);
    // The dashboard's row follows at once (it leaves deleted use cases out by this column).
    expect((await db.useCaseRollup.findUniqueOrThrow({ where: { useCaseId: c.id } })).deletedAt).toEqual(deleted.deletedAt);
    expect((await refusal(tx((t) => softDeleteUseCase(t, as(org, "LEAD"), { id: c.id })))).message).toBe("This use case is in the trash. Restore it before changing it.");
    expect((await refusal(tx((t) => restoreUseCase(t, stranger, { id: c.id })))).message).toBe("Leads can restore only the use cases they own.");
    expect(await tx((t) => restoreUseCase(t, as(org, "LEAD"), { id: c.id }))).toEqual({ id: c.id, version: 3 });
    expect((await db.useCase.findUniqueOrThrow({ where: { id: c.id } })).deletedAt).toBeNull();
    expect((await db.useCaseRollup.findUniqueOrThrow({ where: { useCaseId: c.id } })).deletedAt).toBeNull();
    expect((await refusal(tx((t) => restoreUseCase(t, as(org, "LEAD"), { id: c.id })))).message).toBe("This use case is not in the trash.");
    expect((await refusal(tx((t) => restoreUseCase(t, as(other, "ADMIN"), { id: c.id })))).message).toBe("This use case is not in the trash.");
    const events = await audits(c.id);
    expect(events.slice(1)).toEqual([
      { action: USE_CASE_AUDIT.deleted, actorId: org.users.LEAD.id, before: { deletedAt: null }, after: { deletedAt: deleted.deletedAt!.toISOString() } },
      { action: USE_CASE_AUDIT.restored, actorId: org.users.LEAD.id, before: { deletedAt: deleted.deletedAt!.toISOString() }, after: { deletedAt: null } },
    ]);
  });

  it("sets cost overrides version-checked and audited, for those who may edit", async () => {
    const c = await create(org, "LEAD", { title: "Overridden" });
    const overrides = { engineerRate: { low: 100, base: 150, high: 200 } };
    expect((await refusal(tx((t) => setUseCaseOverrides(t, as(org, "FINANCE"), { id: c.id, expectedVersion: 1, overrides })))).message).toBe(
      "You can change the cost figures only of use cases you may edit.",
    );
    expect(await tx((t) => setUseCaseOverrides(t, as(org, "LEAD"), { id: c.id, expectedVersion: 1, overrides }))).toEqual({ id: c.id, version: 2 });
    expect(await refusal(tx((t) => setUseCaseOverrides(t, as(org, "LEAD"), { id: c.id, expectedVersion: 1, overrides: {} })))).toBeInstanceOf(ConflictError);
    const row = await db.useCase.findUniqueOrThrow({ where: { id: c.id } });
    expect(row).toMatchObject({ version: 2, overrides });
    expect((await audits(c.id)).at(-1)).toEqual({ action: "use_case.cost_overrides_set", actorId: org.users.LEAD.id, before: { overrides: {} }, after: { overrides } });
  });
});

describe("reading one use case", () => {
  it("gives its fields, its people and its judgement", async () => {
    const c = await create(org, "EXECUTIVE", { title: "Read me", businessUnit: "Ops", ownerId: org.users.LEAD.id, assessment: { changeFrequency: "daily", coreNeed: "retrieval", maxLagDays: 1 } });
    const d = await getUseCase(org.id, c.id);
    const row = await db.useCase.findUniqueOrThrow({ where: { id: c.id } });
    expect(d).toMatchObject({
      id: c.id, version: 1, owner: { id: org.users.LEAD.id, name: expect.stringMatching(/^LEAD /) }, createdBy: { id: org.users.EXECUTIVE.id, name: expect.stringMatching(/^EXECUTIVE /) },
      chosenApproach: null, decisionNotes: "", recommendedApproach: row.recommendedApproach, evidence: row.evidence, agreementVotes: row.agreementVotes,
      agreementVoters: row.agreementVoters, disagreement: row.disagreement, riskFlags: row.riskFlags, scoredAt: row.scoredAt, createdAt: row.createdAt, updatedAt: row.updatedAt, deletedAt: null,
    });
    expect(d!.fields).toMatchObject({ title: "Read me", businessUnit: "Ops", ownerId: org.users.LEAD.id, assessment: { changeFrequency: "daily", coreNeed: "retrieval", maxLagDays: 1 } });
    expect(row.agreementVoters).toBeGreaterThan(0);
    expect(await getUseCase(other.id, c.id)).toBeNull();
  });

  it("finds nothing for an id no row can have, and a deleted use case only when asked", async () => {
    const long = "x".repeat(65);
    const exact = "y".repeat(64);
    for (const id of [long, exact]) await db.useCase.create({ data: { id, organizationId: org.id, title: `Id of ${id.length}`, ownerId: org.users.LEAD.id, createdById: org.users.LEAD.id } });
    expect(await getUseCase(org.id, exact)).toMatchObject({ id: exact });
    expect(await getUseCase(org.id, long)).toBeNull();
    expect(await getUseCase(org.id, "")).toBeNull();
    expect(await getUseCase(org.id, "a\u0000b")).toBeNull();
    expect(await getUseCase(org.id, 42 as never)).toBeNull();
    const c = await create(org, "LEAD", { title: "Deleted, still readable" });
    await tx((t) => softDeleteUseCase(t, as(org, "LEAD"), { id: c.id }));
    expect(await getUseCase(org.id, c.id)).toBeNull();
    expect((await getUseCase(org.id, c.id, { includeDeleted: true }))?.deletedAt).toBeInstanceOf(Date);
    // Its people are gone: the page shows none rather than failing.
    const gone = await db.user.create({ data: { email: `owner-${randomUUID().slice(0, 8)}@paths.test`, name: "Owner Gone" } });
    await db.useCase.update({ where: { id: exact }, data: { ownerId: gone.id, createdById: gone.id } });
    await db.user.delete({ where: { id: gone.id } });
    expect(await getUseCase(org.id, exact)).toMatchObject({ id: exact, owner: null, createdBy: null });
  });

  it("names people by id, each once, ignoring blanks and strangers", async () => {
    const names = await namesOf([org.users.LEAD.id, org.users.LEAD.id, "", "nobody"]);
    expect([...names.entries()]).toEqual([[org.users.LEAD.id, expect.stringMatching(/^LEAD /)]]);
    expect((await namesOf([])).size).toBe(0);
    expect((await namesOf(["", ""])).size).toBe(0);
  });
});

describe("the organization's lists", () => {
  let listOrg: TestOrg;
  const ids: Record<string, string> = {};
  type View = Partial<Omit<UseCaseListQuery, "filter">> & { filter?: Partial<PortfolioFilter> };
  const q = (over: View = {}) => listUseCases(listOrg.id, { ...DEFAULT_LIST_QUERY, ...over, filter: { ...EMPTY_FILTER, ...over.filter } });
  const titles = async (over: View) => (await q({ sort: "title", dir: "asc", ...over })).rows.map((r) => r.title);

  beforeAll(async () => {
    listOrg = await createTestOrg("lists");
    const specs: [string, Record<string, unknown>, Prisma.UseCaseUpdateInput][] = [
      ["Alpha", { businessUnit: "Sales", status: "LIVE", vendor: "Acme", highImpact: "HIGH_IMPACT", personalData: true, sourcing: "BOUGHT", stage: "PILOT", euRiskTier: "HIGH" }, { recommendedApproach: "RAG", chosenApproach: "FINE_TUNING", riskFlags: ["NO_EVALUATION_SET"] }],
      ["Bravo", { businessUnit: "Ops", status: "IDEA", description: "mentions 100% uptime", personalData: false }, { recommendedApproach: "FINE_TUNING", chosenApproach: null, riskFlags: [] }],
      ["Charlie", { businessUnit: "Sales", topicArea: "Payroll" }, { recommendedApproach: null, chosenApproach: null, riskFlags: ["NO_EVALUATION_SET", "CONTRADICTORY_ANSWERS"] }],
      ["delta", { businessUnit: "", additionalFields: { Agency: "Treasury" } }, { recommendedApproach: "RAG", chosenApproach: null, riskFlags: [] }],
    ];
    for (const [title, fields, columns] of specs) {
      const r = await create(listOrg, "ADMIN", { title, ...fields });
      ids[title] = r.id;
      await db.useCase.update({ where: { id: r.id }, data: columns });
    }
    await db.useCase.update({ where: { id: ids.delta! }, data: { ownerId: listOrg.users.LEAD.id } });
    await db.useCase.update({ where: { id: ids.delta! }, data: { additionalText: "Agency: Treasury" } });
    const gone = await create(listOrg, "ADMIN", { title: "Echo (deleted)", businessUnit: "Legal" });
    await tx((t) => softDeleteUseCase(t, as(listOrg, "ADMIN"), { id: gone.id }));
  });

  it("filters by every field, none meaning 'not recorded' where a field may be empty", async () => {
    expect(await titles({ filter: { businessUnit: ["Sales"] } })).toEqual(["Alpha", "Charlie"]);
    expect(await titles({ filter: { status: ["LIVE"] } })).toEqual(["Alpha"]);
    expect(await titles({ filter: { ownerId: [listOrg.users.LEAD.id] } })).toEqual(["delta"]);
    expect(await titles({ filter: { recommended: ["RAG"] } })).toEqual(["Alpha", "delta"]);
    expect(await titles({ filter: { recommended: ["NONE"] } })).toEqual(["Charlie"]);
    expect(await titles({ filter: { recommended: ["FINE_TUNING", "NONE"] } })).toEqual(["Bravo", "Charlie"]);
    expect(await titles({ filter: { chosen: ["FINE_TUNING"] } })).toEqual(["Alpha"]);
    expect(await titles({ filter: { chosen: ["NONE"] } })).toEqual(["Bravo", "Charlie", "delta"]);
    expect(await titles({ filter: { asChosen: ["FINE_TUNING"] } })).toEqual(["Alpha", "Bravo"]);
    expect(await titles({ filter: { asChosen: ["RAG"] } })).toEqual(["delta"]);
    expect(await titles({ filter: { flag: ["CONTRADICTORY_ANSWERS", "NO_EVALUATION_SET"] } })).toEqual(["Alpha", "Charlie"]);
    expect(await titles({ filter: { highImpact: ["HIGH_IMPACT"] } })).toEqual(["Alpha"]);
    expect(await titles({ filter: { highImpact: [NOT_RECORDED] } })).toEqual(["Bravo", "Charlie", "delta"]);
    expect(await titles({ filter: { highImpact: ["HIGH_IMPACT", NOT_RECORDED] } })).toEqual(["Alpha", "Bravo", "Charlie", "delta"]);
    expect(await titles({ filter: { sourcing: ["BOUGHT"] } })).toEqual(["Alpha"]);
    expect(await titles({ filter: { stage: [NOT_RECORDED] } })).toEqual(["Bravo", "Charlie", "delta"]);
    expect(await titles({ filter: { euRiskTier: ["HIGH"] } })).toEqual(["Alpha"]);
    expect(await titles({ filter: { personalData: ["yes"] } })).toEqual(["Alpha"]);
    expect(await titles({ filter: { personalData: ["no"] } })).toEqual(["Bravo"]);
    expect(await titles({ filter: { personalData: [NOT_RECORDED] } })).toEqual(["Charlie", "delta"]);
    expect(await titles({ filter: { personalData: ["yes", "no"] } })).toEqual(["Alpha", "Bravo"]);
  });

  it("searches title, description, vendor, topic and kept fields, case-insensitively, wildcards as text", async () => {
    expect(await titles({ q: "ALPHA" })).toEqual(["Alpha"]);
    expect(await titles({ q: "100%" })).toEqual(["Bravo"]);
    expect(await titles({ q: "10_%" })).toEqual([]);
    expect(await titles({ q: "acme" })).toEqual(["Alpha"]);
    expect(await titles({ q: "payroll" })).toEqual(["Charlie"]);
    expect(await titles({ q: "treasury" })).toEqual(["delta"]);
    expect(await titles({ q: "deleted" })).toEqual([]);
  });

  it("sorts by each column both ways, with a stable tie-break, and pages past the end to the last page", async () => {
    expect(await titles({ sort: "title", dir: "desc" })).toEqual(["delta", "Charlie", "Bravo", "Alpha"]);
    expect((await q({ sort: "businessUnit", dir: "asc" })).rows.map((r) => r.businessUnit)).toEqual(["", "Ops", "Sales", "Sales"]);
    expect((await q({ sort: "status", dir: "desc" })).rows[0]!.status).toBe("LIVE");
    expect((await q({ sort: "recommended", dir: "asc" })).rows.map((r) => r.recommendedApproach).at(-1)).toBeNull();
    expect((await q({ sort: "recommended", dir: "desc" })).rows.map((r) => r.recommendedApproach).at(-1)).toBeNull();
    expect((await q({ sort: "chosen", dir: "asc" })).rows.map((r) => r.title)[0]).toBe("Alpha");
    const byDate = (await q({ sort: "updatedAt", dir: "asc" })).rows.map((r) => r.updatedAt.getTime());
    expect(byDate).toEqual([...byDate].sort((x, y) => x - y));
    const page2 = await q({ sort: "title", dir: "asc", pageSize: 25, page: 2 });
    expect(page2).toMatchObject({ page: 1, total: 4, pageSize: 25 });
    expect(page2.rows.map((r) => r.title)).toEqual(["Alpha", "Bravo", "Charlie", "delta"]);
    expect((await q({ filter: { status: ["RETIRED"] }, page: 3 }))).toMatchObject({ page: 3, total: 0, rows: [] });
  });

  it("gives each row its owner's name, its flag count and its cost as chosen", async () => {
    const rows = (await q({ sort: "title", dir: "asc" })).rows;
    const alpha = rows.find((r) => r.title === "Alpha")!;
    expect(alpha).toMatchObject({ ownerId: listOrg.users.ADMIN.id, ownerName: expect.stringMatching(/^ADMIN /), riskFlagCount: 1, chosenApproach: "FINE_TUNING", recommendedApproach: "RAG" });
    expect(rows.find((r) => r.title === "Charlie")!.riskFlagCount).toBe(2);
    expect(rows.find((r) => r.title === "delta")!.ownerName).toMatch(/^LEAD /);
    await db.useCaseRollup.update({ where: { useCaseId: ids.Bravo! }, data: { chosenBaseCents: 123_456n, incomplete: 1 } });
    await db.useCaseRollup.update({ where: { useCaseId: ids.Charlie! }, data: { chosenBaseCents: null, incomplete: 2 } });
    const again = (await q({ sort: "title", dir: "asc" })).rows;
    expect(again.find((r) => r.title === "Bravo")).toMatchObject({ lifecycleBaseCents: 123_456, lifecycleIncomplete: true });
    expect(again.find((r) => r.title === "Charlie")).toMatchObject({ lifecycleBaseCents: null, lifecycleIncomplete: false });
  });

  it("lists members by name with their roles, and the business units in use", async () => {
    const members = await listMembers(listOrg.id);
    expect(members.map((m) => m.role)).toEqual(["ADMIN", "EXECUTIVE", "FINANCE", "LEAD"]);
    expect(members[0]).toEqual({ id: listOrg.users.ADMIN.id, name: expect.stringMatching(/^ADMIN /), email: listOrg.users.ADMIN.email, role: "ADMIN" });
    expect(await listBusinessUnits(listOrg.id)).toEqual(["Ops", "Sales"]);
    // The same as grouping the live use cases themselves (it reads the rollup's index instead).
    const grouped = await db.useCase.groupBy({ by: ["businessUnit"], where: { organizationId: listOrg.id, deletedAt: null, businessUnit: { not: "" } }, orderBy: { businessUnit: "asc" } });
    expect(await listBusinessUnits(listOrg.id)).toEqual(grouped.map((g) => g.businessUnit));
  });

  it("the trash: newest deletion first, with who deleted it, paged within bounds", async () => {
    const t1 = await create(listOrg, "LEAD", { title: "Trash one" });
    const t2 = await create(listOrg, "LEAD", { title: "Trash two" });
    await tx((t) => softDeleteUseCase(t, as(listOrg, "LEAD"), { id: t1.id }));
    await tx((t) => softDeleteUseCase(t, as(listOrg, "ADMIN"), { id: t2.id }));
    const trash = await listTrash(listOrg.id);
    expect(trash).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    expect(trash.rows.map((r) => r.title)).toEqual(["Trash two", "Trash one", "Echo (deleted)"]);
    expect(trash.rows[0]).toMatchObject({ ownerId: listOrg.users.LEAD.id, ownerName: expect.stringMatching(/^LEAD /), deletedBy: { id: listOrg.users.ADMIN.id, name: expect.stringMatching(/^ADMIN /) } });
    expect(trash.rows[1]!.deletedBy).toMatchObject({ id: listOrg.users.LEAD.id });
    expect(trash.rows[0]!.deletedAt).toBeInstanceOf(Date);
    expect(await listTrash(listOrg.id, { pageSize: 0 })).toMatchObject({ pageSize: 1, rows: [{ title: "Trash two" }] });
    expect((await listTrash(listOrg.id, { pageSize: 1000 })).pageSize).toBe(100);
    expect(await listTrash(listOrg.id, { pageSize: 1, page: 2.7 })).toMatchObject({ page: 2, rows: [{ title: "Trash one" }] });
    expect((await listTrash(listOrg.id, { page: -1 })).page).toBe(1);
    expect((await listTrash(listOrg.id, { page: 9 })).rows).toEqual([]);
    // Deleted with no audit entry (an old row): no one named.
    await db.auditEvent.deleteMany({ where: { entityId: t1.id, action: USE_CASE_AUDIT.deleted } });
    expect((await listTrash(listOrg.id)).rows.find((r) => r.id === t1.id)!.deletedBy).toBeNull();
    // Deleted by someone since removed.
    const gone = await db.user.create({ data: { email: `deleter-${randomUUID().slice(0, 8)}@paths.test`, name: "Deleter" } });
    await db.auditEvent.create({ data: { organizationId: listOrg.id, actorId: gone.id, action: USE_CASE_AUDIT.deleted, entity: "UseCase", entityId: t1.id } });
    await db.user.delete({ where: { id: gone.id } });
    const byGone = (await listTrash(listOrg.id)).rows.find((r) => r.id === t1.id)!.deletedBy;
    expect(byGone).toEqual({ id: gone.id, name: "a former member" });
  });

  it("similar titles: live ones of this organization, not the one being edited, at most the limit", async () => {
    await create(other, "ADMIN", { title: "Alpha" });
    expect((await findSimilarUseCases(listOrg.id, "alpha")).map((s) => [s.id, s.title, s.similarity])).toEqual([[ids.Alpha, "Alpha", 1]]);
    expect(await findSimilarUseCases(listOrg.id, "alpha", { excludeId: ids.Alpha })).toEqual([]);
    expect(await findSimilarUseCases(listOrg.id, "Echo (deleted)")).toEqual([]);
    await create(listOrg, "ADMIN", { title: "Alphas" });
    await create(listOrg, "ADMIN", { title: "Alpha!" });
    expect(await findSimilarUseCases(listOrg.id, "alpha", { limit: 2 })).toHaveLength(2);
    expect((await findSimilarUseCases(listOrg.id, "alpha")).length).toBe(3);
  });

  it("titles by id: live ones of this organization, sorted, ten at most, odd ids ignored", async () => {
    const got = await getTitles(listOrg.id, [ids.delta!, ids.Bravo!, "", "z".repeat(65), ids.Alpha!]);
    expect(got).toEqual([{ id: ids.Alpha, title: "Alpha" }, { id: ids.Bravo, title: "Bravo" }, { id: ids.delta, title: "delta" }]);
    expect(await getTitles(other.id, [ids.Alpha!])).toEqual([]);
    expect(await getTitles(listOrg.id, ["", 5 as never])).toEqual([]);
    expect(await getTitles(listOrg.id, [...Array.from({ length: 10 }, () => "missing"), ids.Alpha!])).toEqual([]);
  });
});

describe("a use case's history", () => {
  it("newest first, with each actor's name, the before and after as objects, and the import it came from", async () => {
    const c = await create(org, "LEAD", { title: "Storied" });
    await update(org, "LEAD", c.id, 1, { title: "Storied", description: "second" });
    const gone = await db.user.create({ data: { email: `hist-${randomUUID().slice(0, 8)}@paths.test`, name: "Historian" } });
    await db.auditEvent.create({ data: { organizationId: org.id, actorId: gone.id, action: USE_CASE_AUDIT.updated, entity: "UseCase", entityId: c.id, at: await later(), before: ["odd"], after: "text" } });
    await db.user.delete({ where: { id: gone.id } });
    const importId = randomUUID();
    const writtenAt = await later();
    await db.auditEvent.create({ data: { organizationId: org.id, actorId: null, action: "use_case.imported", entity: "UseCase", entityId: c.id, at: writtenAt, after: { title: "Storied" } } });
    await db.auditEvent.create({ data: { organizationId: org.id, actorId: org.users.ADMIN.id, action: "use_cases.imported", entity: "UseCaseImport", entityId: importId, at: await later(), after: { useCaseIds: [c.id], writtenAt: writtenAt.toISOString() } } });
    await db.auditEvent.create({ data: { organizationId: org.id, actorId: org.users.ADMIN.id, action: "use_cases.imported", entity: "UseCaseImport", entityId: randomUUID(), at: await later(), after: { useCaseIds: ["someone-else"] } } });

    const h = await getUseCaseHistory(org.id, c.id);
    expect(h.map((e) => e.action)).toEqual(["use_case.imported", USE_CASE_AUDIT.updated, USE_CASE_AUDIT.updated, USE_CASE_AUDIT.created]);
    expect(h[0]).toMatchObject({ actor: null, after: { title: "Storied" }, before: null, importId });
    const removed = h[1]!;
    expect(removed.actor).toEqual({ id: gone.id, name: "a former member" });
    expect(removed).toMatchObject({ before: null, after: null });
    expect("importId" in removed).toBe(false);
    expect(h[2]).toMatchObject({ actor: { id: org.users.LEAD.id, name: expect.stringMatching(/^LEAD /) }, before: { description: "" }, after: { description: "second" } });
    expect(await getUseCaseHistory(org.id, c.id, { limit: 2 })).toHaveLength(2);
    expect(await getUseCaseHistory(other.id, c.id)).toEqual([]);
  });

  it("reads at most a thousand events however many are asked for", async () => {
    const c = await create(org, "LEAD", { title: "Long history" });
    await db.auditEvent.createMany({
      data: Array.from({ length: 1005 }, (_, i) => ({ organizationId: org.id, actorId: null, action: USE_CASE_AUDIT.updated, entity: "UseCase", entityId: c.id, at: new Date(Date.now() - i * 1000) })),
    });
    expect(await getUseCaseHistory(org.id, c.id, { limit: 5000 })).toHaveLength(1000);
    expect(await getUseCaseHistory(org.id, c.id)).toHaveLength(200);
  });
});
