/**
 * Every server action and route handler, against the expected-access table written apart from
 * the code (tests/expected-access.ts).
 *
 * 1. The code's declarations (ENTRY_POINTS, filled by importing every `actions.ts` and
 *    `route.ts` under app/) must equal the table: widening a declaration fails here until the
 *    table is changed on purpose. Every exported function must be made with the action client.
 * 2. Called with real, valid inputs naming organization A's own objects (so that a call that got
 *    past the guard would really change something): signed out, as every role the table does not
 *    allow, and as another organization's admin. Each gets the documented refusal, and nothing of
 *    A changes.
 * 3. Every role the table allows gets past the guard.
 * 4. As an allowed member of A, on A's URL, with organization B's ids in the input (B's use
 *    cases, mapping, membership, invitation, people): the handler is reached and finds nothing;
 *    neither organization changes. The exports, which take no ids, show nothing of B.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ENTRY_POINTS } from "@/lib/server/action";
import { db, type Role } from "@/lib/server/db";
import { DEFAULT_ASSUMPTIONS } from "@/lib/domain/costing";
import { FRAMEWORKS } from "@/lib/domain/frameworks";
import { createUseCase, deleteUseCase } from "@/app/o/[org]/use-cases/actions";
import { importUseCases, saveImportMapping } from "@/app/o/[org]/use-cases/import/actions";
import { inviteMember } from "@/app/o/[org]/members/actions";
import { approveDecision, proposeDecision } from "@/app/o/[org]/decisions/actions";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { loadCallables, type Callable } from "./helpers/entry-points";
import { signInAs, signOut } from "./helpers/session";
import { accessDifferences, EXPECTED_ACCESS, type ExpectedAccess } from "./expected-access";
import { csv, fileOf, H, templateMapping, tRow } from "./import-helpers";
import { importActuals } from "@/lib/server/actuals/import";
import { saveRule } from "@/lib/server/actuals/rules";
import { chunked, focusSample } from "./helpers/actuals-samples";

const ROLES = ["ADMIN", "EXECUTIVE", "LEAD", "FINANCE"] as const satisfies readonly Role[];

type Result = { ok: boolean; code?: string; message?: string; data?: Record<string, unknown> };

const callables: Callable[] = [];
let a: TestOrg;
let b: TestOrg;

/** Objects of one organization that inputs can name. */
interface Objects {
  org: TestOrg;
  useCase: { id: string; version: number; title: string };
  deletedUseCase: string;
  mapping: string;
  /** An import (by the lead) that can be undone. */
  importId: string;
  spareMember: { membershipId: string; email: string };
  invitation: string;
  /** An actual-spend import and an attribution rule (issue 21). */
  actualImport: string;
  actualRule: string;
  /** A use case with a proposal (the lead's), one with an approved decision, and a notification to A's executive. */
  proposedUseCase: string;
  approvedUseCase: string;
  notification: string;
}
let ownA: Objects;
let ofB: Objects;

let counter = 0;
const unique = (label: string) => `${label} ${randomUUID().slice(0, 8)} ${++counter}`;

async function objectsOf(org: TestOrg): Promise<Objects> {
  signInAs(org.users.LEAD.id);
  const title = unique(`Matrix use case of ${org.name}`);
  const uc = (await createUseCase(org.slug, { title })) as Result;
  const doomed = (await createUseCase(org.slug, { title: unique(`Matrix deleted of ${org.name}`) })) as Result;
  const deleted = (await deleteUseCase(org.slug, { id: doomed.data!.id })) as Result;
  const mapping = (await saveImportMapping(org.slug, { name: unique("Matrix mapping"), mapping: templateMapping() })) as Result;
  const imported = (await importUseCases(org.slug, { file: fileOf(csv([H, tRow({ title: unique(`Matrix import of ${org.name}`), ownerEmail: org.users.LEAD.email })])), fileName: "matrix.csv", mapping: templateMapping() })) as Result;
  const user = await db.user.create({ data: { email: `spare-${randomUUID().slice(0, 8)}@matrix.test`, name: "Spare member" } });
  const membership = await db.membership.create({ data: { userId: user.id, organizationId: org.id, role: "LEAD" } });
  signInAs(org.users.ADMIN.id);
  const invitation = (await inviteMember(org.slug, { email: `invitee-${randomUUID().slice(0, 8)}@matrix.test`, role: "LEAD" })) as Result;
  signInAs(org.users.LEAD.id);
  const proposedUc = (await createUseCase(org.slug, { title: unique(`Matrix proposed of ${org.name}`) })) as Result;
  const approvedUc = (await createUseCase(org.slug, { title: unique(`Matrix approved of ${org.name}`) })) as Result;
  const proposed = (await proposeDecision(org.slug, { id: proposedUc.data!.id, approach: "RAG" })) as Result;
  signInAs(org.users.EXECUTIVE.id);
  const approved = (await approveDecision(org.slug, { id: approvedUc.data!.id, approach: "RAG" })) as Result;
  signOut();
  for (const r of [uc, doomed, deleted, mapping, imported, invitation, proposedUc, approvedUc, proposed, approved]) if (!r.ok) throw new Error(JSON.stringify(r));
  const notification = await db.notification.findFirstOrThrow({ where: { organizationId: org.id, userId: org.users.EXECUTIVE.id }, select: { id: true } });
  const finance = { organizationId: org.id, userId: org.users.FINANCE.id, role: "FINANCE" as const };
  const actual = await importActuals(finance, { source: chunked(focusSample()), fileName: "matrix-focus.csv", feed: unique("Matrix feed") });
  const rule = await saveRule(finance, { field: "resource", value: unique("matrix-resource"), useCaseId: uc.data!.id as string, shareBp: 5000 });
  return {
    org,
    useCase: { id: uc.data!.id as string, version: uc.data!.version as number, title },
    deletedUseCase: doomed.data!.id as string,
    mapping: mapping.data!.id as string,
    importId: imported.data!.importId as string,
    spareMember: { membershipId: membership.id, email: user.email },
    invitation: invitation.data!.id as string,
    actualImport: actual.importId!,
    actualRule: rule.id,
    proposedUseCase: proposedUc.data!.id as string,
    approvedUseCase: approvedUc.data!.id as string,
    notification: notification.id,
  };
}

/**
 * A valid input for each organization entry point, naming the objects in `t`. Given A's own
 * objects, a call that got past the guard would change A; given B's, the handler must not find them.
 */
async function inputFor(name: string, t: Objects): Promise<unknown> {
  switch (name) {
    case "useCases.create":
      return { title: unique("Matrix created"), ownerId: t.org.users.LEAD.id };
    case "useCases.update":
      return { id: t.useCase.id, expectedVersion: t.useCase.version, title: unique("Matrix renamed") };
    case "useCases.recordDecision":
      return { id: t.useCase.id, expectedVersion: t.useCase.version, chosenApproach: "RAG", decisionNotes: "Decided by the matrix." };
    case "decisions.propose":
      return { id: t.useCase.id, approach: "RAG", notes: "Proposed by the matrix." };
    case "decisions.approve":
      return { id: t.useCase.id, approach: "RAG", notes: "Approved by the matrix." };
    case "decisions.sendBack":
      return { id: t.proposedUseCase, reason: "Sent back by the matrix." };
    case "decisions.approveBudget":
      return { id: t.approvedUseCase };
    case "comments.add":
      return { useCaseId: t.useCase.id, body: "Commented by the matrix." };
    case "notifications.markRead":
      return { ids: [t.notification] };
    case "useCases.delete":
      return { id: t.useCase.id };
    case "useCases.restore":
      return { id: t.deletedUseCase };
    case "useCases.setCostOverrides":
      return { id: t.useCase.id, expectedVersion: t.useCase.version, overrides: { engineerRate: { low: 90, base: 140, high: 210 } } };
    case "value.setBenefit":
      return { id: t.useCase.id, expectedVersion: t.useCase.version, benefit: { kind: "HOURS", low: 100, base: 200, high: 300 } };
    case "value.setHourlyRate":
      return { rateCents: 7_500 };
    case "budgets.set":
      return { businessUnit: "Matrix unit", year: 2027, amountCents: 1_000_000 };
    case "useCases.import.check":
      return { headers: H, rows: [{ row: 2, cells: tRow({ title: unique("Matrix checked"), ownerEmail: t.org.users.LEAD.email }) }], mapping: templateMapping() };
    case "useCases.import.commit":
      return { file: fileOf(csv([H, tRow({ title: unique("Matrix imported"), ownerEmail: t.org.users.LEAD.email })])), fileName: "matrix.csv", mapping: templateMapping() };
    case "useCases.import.saveMapping":
      return { name: unique("Matrix mapping"), mapping: templateMapping() };
    case "useCases.import.deleteMapping":
      return { id: t.mapping };
    case "assumptions.save": {
      const current = await db.assumptionVersion.findFirst({ where: { organizationId: t.org.id }, orderBy: { version: "desc" }, select: { version: true } });
      return {
        expectedVersion: current?.version ?? 0,
        fineTuneMethod: DEFAULT_ASSUMPTIONS.fineTuneMethod,
        values: { ...DEFAULT_ASSUMPTIONS.values, modelPricePer1kTokens: { low: 0.004, base: 0.02, high: 0.06 } },
        note: "Matrix price list",
      };
    }
    case "assumptions.preview": {
      const { note: _note, ...rest } = (await inputFor("assumptions.save", t)) as Record<string, unknown>;
      return rest;
    }
    case "frameworks.saveWeights": {
      const { weightsVersion } = await db.organization.findUniqueOrThrow({ where: { id: t.org.id }, select: { weightsVersion: true } });
      return { expectedWeightsVersion: weightsVersion, weights: Object.fromEntries(FRAMEWORKS.map((f, i) => [f.id, i === 0 ? 3 : 1])), note: "Matrix rebalance" };
    }
    case "useCases.import.undo":
      return { importId: t.importId };
    case "actuals.import":
      return { file: fileOf(focusSample(), "focus.csv"), fileName: "focus.csv", feed: unique("Matrix feed") };
    case "actuals.undo":
      return { importId: t.actualImport };
    case "actuals.saveRule":
      return { field: "sku", value: unique("matrix-sku"), useCaseId: t.useCase.id, sharePct: 25 };
    case "actuals.deleteRule":
      return { id: t.actualRule };
    case "actuals.newAssumptionVersion": {
      const current = await db.assumptionVersion.findFirst({ where: { organizationId: t.org.id }, orderBy: { version: "desc" }, select: { version: true } });
      return { expectedVersion: current?.version ?? 0 };
    }
    case "frameworks.rescoreAll":
      return {};
    case "frameworks.previewWeights":
      return { weights: Object.fromEntries(FRAMEWORKS.map((f, i) => [f.id, i === 0 ? 0 : 2])) };
    case "members.changeRole":
      return { membershipId: t.spareMember.membershipId, role: "FINANCE" };
    case "members.remove":
      return { membershipId: t.spareMember.membershipId };
    case "invitations.create":
      return { email: `matrix-${randomUUID().slice(0, 8)}@matrix.test`, role: "EXECUTIVE" };
    case "invitations.revoke":
      return { invitationId: t.invitation };
    case "organization.setTwoFactorPolicy":
      return { policy: "off" };
    default:
      throw new Error(`No input for ${name}: add one to tests/authorization-matrix.test.ts`);
  }
}

/** Inputs for the person's own entry points (no organization in the URL). */
function personalInput(name: string): unknown {
  switch (name) {
    case "account.signOutEverywhere":
      return {};
    case "organizations.create":
      return { name: unique("Matrix organization") };
    case "invitations.accept":
      return { token: randomUUID().replaceAll("-", "") };
    case "account.changePassword":
      return { currentPassword: "matrix-current-password", newPassword: "violet harbour ladder 91" };
    case "account.twoFactor.begin":
      return {};
    case "account.twoFactor.enable":
    case "account.twoFactor.regenerateRecoveryCodes":
      return { code: "123456" };
    case "account.twoFactor.disable":
      return { password: "matrix-current-password", code: "123456" };
    default:
      throw new Error(`No input for ${name}`);
  }
}

/** Entry points whose input names no object, so there is no other organization's id to give. */
const NO_IDS_IN_INPUT = ["actuals.import", "actuals.newAssumptionVersion", "useCases.import.saveMapping", "assumptions.save", "assumptions.preview", "value.setHourlyRate", "budgets.set", "frameworks.saveWeights", "frameworks.rescoreAll", "frameworks.previewWeights", "invitations.create", "organization.setTwoFactorPolicy"];

/** With B's objects: the people named are B's, the ids B's. */
async function foreignInputFor(name: string): Promise<unknown> {
  switch (name) {
    case "useCases.create":
      return { title: unique("Matrix created for B's lead"), ownerId: b.users.LEAD.id };
    case "useCases.import.check":
    case "useCases.import.commit": {
      const input = (await inputFor(name, ownA)) as Record<string, unknown>;
      const row = tRow({ title: unique("Matrix owned by B's lead"), ownerEmail: b.users.LEAD.email });
      return name === "useCases.import.check"
        ? { ...input, rows: [{ row: 2, cells: row }] }
        : { ...input, file: fileOf(csv([H, row])) };
    }
    default:
      return inputFor(name, ofB);
  }
}

type Outcome = "NOT_SIGNED_IN" | "NOT_A_MEMBER" | "FORBIDDEN" | "PASSED_GUARD";

const routePath: Record<string, string> = {
  "useCases.import.template": "use-cases/import/template",
  "export.detail": "export/detail.csv",
  "export.businessUnits": "export/business-units.csv",
  "audit.export": "audit/events.csv",
};

async function callRoute(c: Callable, orgSlug: string): Promise<Response> {
  const name = c.entry!.name;
  return (await c.fn(new Request(`http://localhost/o/${orgSlug}/${routePath[name] ?? "x"}`), { params: Promise.resolve({ org: orgSlug }) })) as Response;
}

async function outcomeOf(c: Callable, orgSlug: string, input: unknown): Promise<Outcome> {
  if (c.entry!.kind === "route") {
    const res = await callRoute(c, orgSlug);
    await res.arrayBuffer();
    if (res.status === 401) return "NOT_SIGNED_IN";
    if (res.status === 403) return "FORBIDDEN";
    if (res.status === 404) return "NOT_A_MEMBER";
    return "PASSED_GUARD";
  }
  const roles = c.entry!.roles;
  const result = (roles === "any-signed-in" ? await c.fn(input) : await c.fn(orgSlug, input)) as Result;
  if (!result.ok && (result.code === "NOT_SIGNED_IN" || result.code === "NOT_A_MEMBER" || result.code === "FORBIDDEN")) return result.code;
  return "PASSED_GUARD";
}

/** Everything of an organization that an entry point can change. */
async function footprint(orgId: string) {
  const [organization, audit, useCases, members, invitations, assumptions, mappings, budgets, actualImports, actualRules, decisions, comments, notifications] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { name: true, weightsVersion: true, frameworkWeights: true, valueHourlyRateCents: true } }),
    db.auditEvent.count({ where: { organizationId: orgId } }),
    db.useCase.findMany({ where: { organizationId: orgId }, select: { id: true, version: true, title: true, deletedAt: true, overrides: true, chosenApproach: true, benefit: true }, orderBy: { id: "asc" } }),
    db.membership.findMany({ where: { organizationId: orgId }, select: { id: true, userId: true, role: true }, orderBy: { id: "asc" } }),
    db.invitation.findMany({ where: { organizationId: orgId }, orderBy: { id: "asc" } }),
    db.assumptionVersion.count({ where: { organizationId: orgId } }),
    db.importMapping.findMany({ where: { organizationId: orgId }, select: { id: true, name: true, updatedAt: true }, orderBy: { id: "asc" } }),
    db.businessUnitBudget.findMany({ where: { organizationId: orgId }, select: { id: true, businessUnit: true, year: true, amountCents: true }, orderBy: { id: "asc" } }),
    db.actualImport.findMany({ where: { organizationId: orgId }, select: { id: true, undoneAt: true }, orderBy: { id: "asc" } }),
    db.actualRule.findMany({ where: { organizationId: orgId }, select: { id: true, shareBp: true }, orderBy: { id: "asc" } }),
    db.useCaseDecision.findMany({ where: { organizationId: orgId }, select: { useCaseId: true, state: true, version: true }, orderBy: { useCaseId: "asc" } }),
    db.useCaseComment.count({ where: { organizationId: orgId } }),
    db.notification.findMany({ where: { organizationId: orgId }, select: { id: true, readAt: true }, orderBy: { id: "asc" } }),
  ]);
  return { organization, audit, useCases, members, invitations, assumptions, mappings, budgets, actualImports, actualRules, decisions, comments, notifications };
}

const tableEntry = (c: Callable): ExpectedAccess => (EXPECTED_ACCESS as Record<string, ExpectedAccess>)[c.entry!.name]!;

beforeAll(async () => {
  callables.push(...(await loadCallables()));
  a = await createTestOrg("owner");
  b = await createTestOrg("intruder");
  ownA = await objectsOf(a);
  ofB = await objectsOf(b);
});

describe("authorization matrix over every entry point", () => {
  it("finds the app's entry points, and every exported function is registered", () => {
    expect(callables.length).toBeGreaterThan(0);
    const untagged = callables.filter((c) => !c.entry).map((c) => `${c.file}#${c.exportName}`);
    expect(untagged, "exports not made with the action client (lib/server/action.ts)").toEqual([]);
  });

  it("the code declares exactly the access written down in tests/expected-access.ts", () => {
    expect(accessDifferences(ENTRY_POINTS.values())).toEqual([]);
    // And every entry point in the table is one the walk below calls.
    const called = new Set(callables.map((c) => c.entry!.name));
    expect(Object.keys(EXPECTED_ACCESS).filter((n) => !called.has(n))).toEqual([]);
  });

  it("refuses the signed-out, roles the table does not allow and other organizations, with real inputs, and changes nothing", async () => {
    const beforeA = await footprint(a.id);
    const problems: string[] = [];
    const started = new Date(Date.now() - 1000);
    /** Each refusal of a signed-in person, as the security log must show it: "<action> <user> <entry point>". */
    const refusals = new Set<string>();
    for (const c of callables) {
      const want = tableEntry(c);
      const name = c.entry!.name;
      if (want.roles === "public") continue;
      const input = c.entry!.kind === "route" ? undefined : want.roles === "any-signed-in" ? personalInput(name) : await inputFor(name, ownA);

      signOut();
      const anon = await outcomeOf(c, a.slug, input);
      if (anon !== "NOT_SIGNED_IN") problems.push(`${name}: signed out got ${anon}`);
      if (want.roles === "any-signed-in") continue;

      signInAs(b.users.ADMIN.id);
      const foreign = await outcomeOf(c, a.slug, input);
      if (foreign !== "NOT_A_MEMBER") problems.push(`${name}: another organization's admin got ${foreign}`);
      refusals.add(`security.access.not_member ${b.users.ADMIN.id} ${name}`);

      for (const role of ROLES) {
        if (want.roles.includes(role)) continue;
        signInAs(a.users[role].id);
        const got = await outcomeOf(c, a.slug, input);
        if (got !== "FORBIDDEN") problems.push(`${name}: ${role} got ${got}, expected FORBIDDEN`);
        refusals.add(`security.access.forbidden ${a.users[role].id} ${name}`);
      }
    }
    signOut();
    expect(problems).toEqual([]);
    expect(await footprint(a.id)).toEqual(beforeA);
    // Every refusal left a trace in A's security log (lib/server/security-log.ts); none in B's.
    const logged = await db.securityEvent.findMany({ where: { organizationId: a.id, firstAt: { gte: started } }, select: { action: true, userId: true, entityId: true } });
    const seen = new Set(logged.map((e) => `${e.action} ${e.userId} ${e.entityId}`));
    expect([...refusals].filter((r) => !seen.has(r))).toEqual([]);
    expect(refusals.size).toBeGreaterThan(40);
    expect(await db.securityEvent.count({ where: { organizationId: b.id, firstAt: { gte: started } } })).toBe(0);
  });

  it("lets every role the table allows past the guard", async () => {
    const problems: string[] = [];
    for (const c of callables) {
      const want = tableEntry(c);
      if (want.roles === "public" || want.roles === "any-signed-in") continue;
      for (const role of want.roles) {
        signInAs(a.users[role].id);
        // An empty input stops at validation, after the guard, and changes nothing.
        const got = await outcomeOf(c, a.slug, {});
        if (got !== "PASSED_GUARD") problems.push(`${c.entry!.name}: ${role} got ${got}`);
      }
    }
    signOut();
    expect(problems).toEqual([]);
  });

  it("an allowed member of A naming B's objects reaches the handler, which finds nothing; neither organization changes", async () => {
    const orgActions = Object.entries(EXPECTED_ACCESS).filter(([, e]) => e.kind === "action" && typeof e.roles !== "string");
    const beforeA = await footprint(a.id);
    const beforeB = await footprint(b.id);
    const problems: string[] = [];
    for (const [name, e] of orgActions) {
      if (NO_IDS_IN_INPUT.includes(name)) continue;
      const c = callables.find((x) => x.entry?.name === name)!;
      // The most trusted role the table allows: an admin where admins may.
      const role = (e.roles as readonly Role[]).includes("ADMIN") ? "ADMIN" : (e.roles as readonly Role[])[0]!;
      signInAs(a.users[role].id);
      const result = (await c.fn(a.slug, await foreignInputFor(name))) as Result;
      if (name === "useCases.import.check") {
        // Reads only: the row is refused for its owner, who is not a member of A.
        const errors = (result.data?.errors ?? []) as { row: number; field?: string; message: string }[];
        if (!result.ok || errors.length === 0) problems.push(`${name}: B's member accepted as an owner in A: ${JSON.stringify(result)}`);
        continue;
      }
      if (result.ok && name === "useCases.import.commit" && result.data?.committed === false) continue;
      if (result.ok || (result.code !== "NOT_FOUND" && result.code !== "VALIDATION")) problems.push(`${name}: got ${JSON.stringify(result).slice(0, 300)}`);
    }
    signOut();
    expect(problems).toEqual([]);
    expect(await footprint(b.id)).toEqual(beforeB);
    expect(await footprint(a.id)).toEqual(beforeA);
  });

  it("every organization action is either given B's ids above or named as taking none", () => {
    const orgActions = Object.entries(EXPECTED_ACCESS).filter(([, e]) => e.kind === "action" && typeof e.roles !== "string").map(([n]) => n);
    for (const n of NO_IDS_IN_INPUT) expect(orgActions).toContain(n);
  });

  it("the routes, as an allowed member of A, give nothing of B", async () => {
    const routes = callables.filter((c) => c.entry!.kind === "route" && typeof tableEntry(c).roles !== "string");
    expect(routes.map((c) => c.entry!.name).sort()).toEqual(Object.keys(routePath).sort());
    for (const c of routes) {
      signInAs(a.users.ADMIN.id);
      const res = await callRoute(c, a.slug);
      expect(res.status, c.entry!.name).toBe(200);
      const body = await res.text();
      expect(body).not.toContain(ofB.useCase.title);
      expect(body).not.toContain(b.name);
    }
    signOut();
  });
});
