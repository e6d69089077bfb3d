/**
 * Every mutation writes an audit event: a walk over the entry points of tests/expected-access.ts,
 * the table of who may call what and whether it changes anything, written apart from the code;
 * the code's registry (ENTRY_POINTS in lib/server/action.ts, filled by importing every
 * actions.ts and route.ts under app/) must agree with it, so a mutating entry point cannot leave
 * the walk by being re-declared read-only.
 *
 * Each entry point marked `mutates` has a row below that makes one valid, successful call; the
 * call must add at least one AuditEvent in the organization concerned (or, for what belongs to
 * a person, in the organization it created or joined, or each one they belong to) naming the
 * actor, an action and the changed entity. A mutating entry point without a row fails the test,
 * so a new one cannot be forgotten; so does a row for an entry point that no longer exists.
 * Entry points that do not mutate have a row too, and must add no audit event at all.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ENTRY_POINTS } from "@/lib/server/action";
import { db } from "@/lib/server/db";
import { hashPassword } from "@/lib/server/passwords";
import { DEFAULT_ASSUMPTIONS } from "@/lib/domain/costing";
import { FRAMEWORKS } from "@/lib/domain/frameworks";
import { signUp } from "@/app/(auth)/sign-up/actions";
import { createOrganization } from "@/app/(auth)/organizations/new/actions";
import { acceptInvitation, acceptInvitationWithSignUp } from "@/app/(auth)/invite/[token]/actions";
import { beginTwoFactor, changePassword, disableTwoFactor, enableTwoFactor, regenerateRecoveryCodes, signOutEverywhere } from "@/app/(auth)/account/actions";
import { requestPasswordReset } from "@/app/(auth)/forgot-password/actions";
import { resetPassword } from "@/app/(auth)/reset-password/[token]/actions";
import { verifyEmail } from "@/app/(auth)/verify-email/[token]/actions";
import { lastResetDelivery } from "@/lib/server/account-security";
import { currentCode } from "@/lib/server/two-factor";
import { Secret } from "otpauth";
import { ACCOUNT_PASSWORD, makeAccount, tokenFor } from "./helpers/accounts";
import { createUseCase, deleteUseCase, recordDecision, restoreUseCase, setCostOverrides, updateUseCase } from "@/app/o/[org]/use-cases/actions";
import { checkImportRows, deleteImportMapping, importUseCases, saveImportMapping, undoImport } from "@/app/o/[org]/use-cases/import/actions";
import { previewAssumptions, saveAssumptions } from "@/app/o/[org]/assumptions/actions";
import { inviteMember, removeMember, revokeInvitation, setTwoFactorPolicy, updateMemberRole } from "@/app/o/[org]/members/actions";
import { previewFrameworkWeights, rescoreAllUseCases, saveFrameworkWeights } from "@/app/o/[org]/frameworks/actions";
import { setBenefit, setBudget, setHourlyRate } from "@/app/o/[org]/value/actions";
import { GET as exportDetail } from "@/app/o/[org]/export/detail.csv/route";
import { GET as exportBusinessUnits } from "@/app/o/[org]/export/business-units.csv/route";
import { GET as importTemplate } from "@/app/o/[org]/use-cases/import/template/route";
import { GET as health } from "@/app/api/health/route";
import { GET as exportAuditLog } from "@/app/o/[org]/audit/events.csv/route";
import { approveDecision, approveDecisionBudget, proposeDecision, sendBackDecision } from "@/app/o/[org]/decisions/actions";
import { addComment } from "@/app/o/[org]/use-cases/[id]/actions";
import { markNotificationsRead } from "@/app/o/[org]/notifications/actions";
import { loadCallables } from "./helpers/entry-points";
import { accessDifferences, EXPECTED_ACCESS, type ExpectedAccess } from "./expected-access";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs, signOut } from "./helpers/session";
import { sessionOf, signInWithPassword, signOutOf } from "./helpers/auth-route";
import { csv, fileOf, H, templateMapping, tRow } from "./import-helpers";
import { deleteActualRule, importActualSpend, newAssumptionVersionFromActuals, saveActualRule, undoActualSpendImport } from "@/app/o/[org]/actuals/actions";
import { focusSample } from "./helpers/actuals-samples";
import { RAG_ANSWERS } from "./helpers/answers";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";

type Result = { ok: boolean; code?: string; message?: string; data?: Record<string, unknown> };

/** What one successful call should have left in the audit log. */
interface Expected {
  /** The action's return (must be ok) or the route's response (must be 2xx). */
  result: Result | Response;
  organizationId: string;
  actorId: string;
  entity: string;
  /** When the changed entity's id is known to the test. */
  entityId?: string;
}

/** Sets up what the call needs (its own audit events come before the measured call), then makes it. */
interface Row {
  prepare?: () => Promise<Record<string, string>>;
  call: (p: Record<string, string>) => Promise<Expected>;
}

let org: TestOrg;
const PASSWORD = "audit-coverage-password";
let counter = 0;
const unique = (label: string) => `${label}-${Date.now().toString(36)}-${++counter}`;

async function newUseCase(title = unique("Use case"), assessment?: Record<string, unknown>): Promise<{ id: string; version: number }> {
  signInAs(org.users.ADMIN.id);
  const r = (await createUseCase(org.slug, { title, ...(assessment ? { assessment } : {}) })) as Result;
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data as { id: string; version: number };
}

async function newMember(role: "LEAD" | "FINANCE" | "EXECUTIVE") {
  const user = await db.user.create({ data: { email: `${unique("member")}@audit.test`, name: "Member" } });
  const m = await db.membership.create({ data: { userId: user.id, organizationId: org.id, role } });
  return { userId: user.id, membershipId: m.id };
}

async function newInvitation(email: string) {
  signInAs(org.users.ADMIN.id);
  const r = (await inviteMember(org.slug, { email, role: "LEAD" })) as Result;
  if (!r.ok) throw new Error(JSON.stringify(r));
  return { id: r.data!.id as string, token: (r.data!.path as string).split("/").pop()! };
}

const importMapping = templateMapping;
const importRow = (title: string) => tRow({ title });
const weights = (w: number) => Object.fromEntries(FRAMEWORKS.map((f) => [f.id, w]));
const routeContext = () => ({ params: Promise.resolve({ org: org.slug }) });
const orgRequest = (sub: string) => new Request(`http://localhost/o/${org.slug}/${sub}`);

const as = (userId: string) => {
  signInAs(userId);
};

/** Mutating entry points: one valid, successful call each. */
const MUTATING: Record<string, Row> = {
  "account.signUp": {
    call: async () => {
      signOut();
      const email = `${unique("signup")}@audit.test`;
      const result = (await signUp({ name: "New Person", email, password: PASSWORD, organizationName: unique("Signed up org") })) as Result;
      const user = await db.user.findUniqueOrThrow({ where: { email } });
      // Sign-up names no organization in its answer (issue 16): found through the new person.
      const created = await db.organization.findFirstOrThrow({ where: { memberships: { some: { userId: user.id } } } });
      return { result, organizationId: created.id, actorId: user.id, entity: "Organization", entityId: created.id };
    },
  },
  "organizations.create": {
    call: async () => {
      as(org.users.LEAD.id);
      const result = (await createOrganization({ name: unique("Second org") })) as Result;
      const created = await db.organization.findUniqueOrThrow({ where: { slug: result.data!.organizationSlug as string } });
      return { result, organizationId: created.id, actorId: org.users.LEAD.id, entity: "Organization", entityId: created.id };
    },
  },
  "invitations.accept": {
    prepare: async () => {
      const user = await db.user.create({ data: { email: `${unique("invitee")}@audit.test`, name: "Invitee" } });
      const inv = await newInvitation(user.email);
      return { userId: user.id, token: inv.token, invitationId: inv.id };
    },
    call: async (p) => {
      as(p.userId!);
      const result = (await acceptInvitation({ token: p.token })) as Result;
      return { result, organizationId: org.id, actorId: p.userId!, entity: "Invitation", entityId: p.invitationId };
    },
  },
  "invitations.acceptWithSignUp": {
    prepare: async () => {
      const email = `${unique("newcomer")}@audit.test`;
      const inv = await newInvitation(email);
      return { email, token: inv.token, invitationId: inv.id };
    },
    call: async (p) => {
      signOut();
      const result = (await acceptInvitationWithSignUp({ token: p.token, name: "Newcomer", password: PASSWORD })) as Result;
      const user = await db.user.findUniqueOrThrow({ where: { email: p.email } });
      return { result, organizationId: org.id, actorId: user.id, entity: "Invitation", entityId: p.invitationId };
    },
  },
  "account.signOutEverywhere": {
    call: async () => {
      as(org.users.FINANCE.id);
      const result = (await signOutEverywhere({})) as Result;
      return { result, organizationId: org.id, actorId: org.users.FINANCE.id, entity: "User", entityId: org.users.FINANCE.id };
    },
  },
  // Issue 19: each account change is audited in the person's organizations.
  "account.verifyEmail": {
    prepare: async () => {
      const who = await makeAccount({ verified: false, member: { organizationId: org.id, role: "LEAD" } });
      return { userId: who.id, token: await tokenFor(who.id, "email-verification") };
    },
    call: async (p) => {
      signOut();
      const result = (await verifyEmail({ token: p.token })) as Result;
      return { result, organizationId: org.id, actorId: p.userId!, entity: "User", entityId: p.userId };
    },
  },
  "account.requestPasswordReset": {
    prepare: async () => {
      const who = await makeAccount({ member: { organizationId: org.id, role: "LEAD" } });
      return { userId: who.id, email: who.email };
    },
    call: async (p) => {
      signOut();
      const result = (await requestPasswordReset({ email: p.email })) as Result;
      await lastResetDelivery;
      // Asked for by someone not signed in: no actor; the entity is the account.
      return { result, organizationId: org.id, actorId: null as unknown as string, entity: "User", entityId: p.userId };
    },
  },
  "account.resetPassword": {
    prepare: async () => {
      const who = await makeAccount({ member: { organizationId: org.id, role: "LEAD" } });
      return { userId: who.id, token: await tokenFor(who.id, "password-reset") };
    },
    call: async (p) => {
      signOut();
      const result = (await resetPassword({ token: p.token, password: "violet harbour ladder 91" })) as Result;
      return { result, organizationId: org.id, actorId: p.userId!, entity: "User", entityId: p.userId };
    },
  },
  "account.changePassword": {
    prepare: async () => ({ userId: (await makeAccount({ member: { organizationId: org.id, role: "FINANCE" } })).id }),
    call: async (p) => {
      as(p.userId!);
      const result = (await changePassword({ currentPassword: ACCOUNT_PASSWORD, newPassword: "violet harbour ladder 91" })) as Result;
      return { result, organizationId: org.id, actorId: p.userId!, entity: "User", entityId: p.userId };
    },
  },
  "account.twoFactor.begin": {
    prepare: async () => ({ userId: (await makeAccount({ member: { organizationId: org.id, role: "LEAD" } })).id }),
    call: async (p) => {
      as(p.userId!);
      const result = (await beginTwoFactor({})) as Result;
      return { result, organizationId: org.id, actorId: p.userId!, entity: "User", entityId: p.userId };
    },
  },
  "account.twoFactor.enable": {
    prepare: async () => {
      const who = await makeAccount({ member: { organizationId: org.id, role: "LEAD" } });
      const secret = new Secret({ size: 20 }).base32;
      await db.user.update({ where: { id: who.id }, data: { totpPendingSecret: secret } });
      return { userId: who.id, code: currentCode(secret) };
    },
    call: async (p) => {
      as(p.userId!);
      const result = (await enableTwoFactor({ code: p.code })) as Result;
      return { result, organizationId: org.id, actorId: p.userId!, entity: "User", entityId: p.userId };
    },
  },
  "account.twoFactor.regenerateRecoveryCodes": {
    prepare: async () => {
      const who = await makeAccount({ twoFactor: true, member: { organizationId: org.id, role: "LEAD" } });
      return { userId: who.id, code: who.code() };
    },
    call: async (p) => {
      as(p.userId!);
      const result = (await regenerateRecoveryCodes({ code: p.code })) as Result;
      return { result, organizationId: org.id, actorId: p.userId!, entity: "User", entityId: p.userId };
    },
  },
  "account.twoFactor.disable": {
    prepare: async () => {
      const who = await makeAccount({ twoFactor: true, member: { organizationId: org.id, role: "LEAD" } });
      return { userId: who.id, code: who.code() };
    },
    call: async (p) => {
      as(p.userId!);
      const result = (await disableTwoFactor({ password: ACCOUNT_PASSWORD, code: p.code })) as Result;
      return { result, organizationId: org.id, actorId: p.userId!, entity: "User", entityId: p.userId };
    },
  },
  "organization.setTwoFactorPolicy": {
    prepare: async () => {
      // The admin has two-factor on (required before a rule can cover admins).
      const admin = await makeAccount({ twoFactor: true, member: { organizationId: org.id, role: "ADMIN" } });
      return { userId: admin.id };
    },
    call: async (p) => {
      as(p.userId!);
      const result = (await setTwoFactorPolicy(org.slug, { policy: "admins" })) as Result;
      await db.organization.update({ where: { id: org.id }, data: { twoFactorPolicy: "off" } });
      return { result, organizationId: org.id, actorId: p.userId!, entity: "Organization", entityId: org.id };
    },
  },
  "auth.nextauth": {
    // Sign-in and sign-out through the real next-auth route, each audited in the person's organization.
    prepare: async () => {
      const user = await db.user.create({ data: { email: `${unique("signin")}@audit.test`, name: "Signs in", passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() } });
      await db.membership.create({ data: { userId: user.id, organizationId: org.id, role: "LEAD" } });
      return { userId: user.id, email: user.email };
    },
    call: async (p) => {
      const jar = await signInWithPassword(p.email!, PASSWORD);
      const signedIn = await sessionOf(jar);
      const res = await signOutOf(jar);
      const events = await db.auditEvent.findMany({ where: { organizationId: org.id, actorId: p.userId }, select: { action: true } });
      expect(signedIn.user?.id).toBe(p.userId);
      expect(events.map((e) => e.action).sort()).toEqual(["session.signed_in", "session.signed_out"]);
      return { result: res, organizationId: org.id, actorId: p.userId!, entity: "Session" };
    },
  },
  "useCases.create": {
    call: async () => {
      as(org.users.LEAD.id);
      const result = (await createUseCase(org.slug, { title: unique("Logged") })) as Result;
      return { result, organizationId: org.id, actorId: org.users.LEAD.id, entity: "UseCase", entityId: result.data?.id as string };
    },
  },
  "useCases.update": {
    prepare: async () => ({ id: (await newUseCase()).id }),
    call: async (p) => {
      as(org.users.EXECUTIVE.id);
      const result = (await updateUseCase(org.slug, { id: p.id, expectedVersion: 1, title: unique("Renamed") })) as Result;
      return { result, organizationId: org.id, actorId: org.users.EXECUTIVE.id, entity: "UseCase", entityId: p.id };
    },
  },
  "useCases.recordDecision": {
    prepare: async () => ({ id: (await newUseCase()).id }),
    call: async (p) => {
      as(org.users.EXECUTIVE.id);
      const result = (await recordDecision(org.slug, { id: p.id, expectedVersion: 1, chosenApproach: "RAG", decisionNotes: "Citations matter most." })) as Result;
      return { result, organizationId: org.id, actorId: org.users.EXECUTIVE.id, entity: "UseCase", entityId: p.id };
    },
  },
  "decisions.propose": {
    prepare: async () => ({ id: (await newUseCase()).id }),
    call: async (p) => {
      as(org.users.ADMIN.id);
      const result = (await proposeDecision(org.slug, { id: p.id, approach: "RAG", notes: "Proposed." })) as Result;
      return { result, organizationId: org.id, actorId: org.users.ADMIN.id, entity: "UseCase", entityId: p.id };
    },
  },
  "decisions.approve": {
    prepare: async () => ({ id: (await newUseCase()).id }),
    call: async (p) => {
      as(org.users.EXECUTIVE.id);
      const result = (await approveDecision(org.slug, { id: p.id, approach: "RAG" })) as Result;
      return { result, organizationId: org.id, actorId: org.users.EXECUTIVE.id, entity: "UseCase", entityId: p.id };
    },
  },
  "decisions.sendBack": {
    prepare: async () => {
      const { id } = await newUseCase();
      as(org.users.ADMIN.id);
      await proposeDecision(org.slug, { id, approach: "FINE_TUNING" });
      return { id };
    },
    call: async (p) => {
      as(org.users.EXECUTIVE.id);
      const result = (await sendBackDecision(org.slug, { id: p.id, reason: "Start with RAG." })) as Result;
      return { result, organizationId: org.id, actorId: org.users.EXECUTIVE.id, entity: "UseCase", entityId: p.id };
    },
  },
  "decisions.approveBudget": {
    prepare: async () => {
      // Costed (RAG's answers), so its budget has a figure: finance approves no blank budget.
      const { id } = await newUseCase(undefined, RAG_ANSWERS);
      as(org.users.EXECUTIVE.id);
      await approveDecision(org.slug, { id, approach: "RAG" });
      return { id };
    },
    call: async (p) => {
      as(org.users.FINANCE.id);
      const result = (await approveDecisionBudget(org.slug, { id: p.id })) as Result;
      return { result, organizationId: org.id, actorId: org.users.FINANCE.id, entity: "UseCase", entityId: p.id };
    },
  },
  "comments.add": {
    prepare: async () => ({ id: (await newUseCase()).id }),
    call: async (p) => {
      as(org.users.FINANCE.id);
      const result = (await addComment(org.slug, { useCaseId: p.id, body: "Is the budget firm?" })) as Result;
      return { result, organizationId: org.id, actorId: org.users.FINANCE.id, entity: "UseCase", entityId: p.id };
    },
  },
  "notifications.markRead": {
    prepare: async () => {
      const { id } = await newUseCase();
      as(org.users.LEAD.id);
      await addComment(org.slug, { useCaseId: id, body: `@${(await db.user.findUniqueOrThrow({ where: { id: org.users.EXECUTIVE.id } })).name} please look` });
      return { id };
    },
    call: async () => {
      as(org.users.EXECUTIVE.id);
      const result = (await markNotificationsRead(org.slug, { all: true })) as Result;
      return { result, organizationId: org.id, actorId: org.users.EXECUTIVE.id, entity: "Notification", entityId: org.users.EXECUTIVE.id };
    },
  },
  "useCases.delete": {
    prepare: async () => ({ id: (await newUseCase()).id }),
    call: async (p) => {
      as(org.users.ADMIN.id);
      const result = (await deleteUseCase(org.slug, { id: p.id })) as Result;
      return { result, organizationId: org.id, actorId: org.users.ADMIN.id, entity: "UseCase", entityId: p.id };
    },
  },
  "useCases.restore": {
    prepare: async () => {
      const { id } = await newUseCase();
      const r = (await deleteUseCase(org.slug, { id })) as Result;
      if (!r.ok) throw new Error(JSON.stringify(r));
      return { id };
    },
    call: async (p) => {
      as(org.users.ADMIN.id);
      const result = (await restoreUseCase(org.slug, { id: p.id })) as Result;
      return { result, organizationId: org.id, actorId: org.users.ADMIN.id, entity: "UseCase", entityId: p.id };
    },
  },
  "useCases.setCostOverrides": {
    prepare: async () => ({ id: (await newUseCase()).id }),
    call: async (p) => {
      as(org.users.ADMIN.id);
      const result = (await setCostOverrides(org.slug, { id: p.id, expectedVersion: 1, overrides: { engineerRate: { low: 100, base: 150, high: 200 } } })) as Result;
      return { result, organizationId: org.id, actorId: org.users.ADMIN.id, entity: "UseCase", entityId: p.id };
    },
  },
  "value.setBenefit": {
    prepare: async () => ({ id: (await newUseCase()).id }),
    call: async (p) => {
      as(org.users.ADMIN.id);
      const result = (await setBenefit(org.slug, { id: p.id, expectedVersion: 1, benefit: { kind: "HOURS", low: 100, base: 200, high: 300 } })) as Result;
      return { result, organizationId: org.id, actorId: org.users.ADMIN.id, entity: "UseCase", entityId: p.id };
    },
  },
  "value.setHourlyRate": {
    call: async () => {
      as(org.users.FINANCE.id);
      const current = await db.organization.findUniqueOrThrow({ where: { id: org.id }, select: { valueHourlyRateCents: true } });
      const result = (await setHourlyRate(org.slug, { rateCents: (current.valueHourlyRateCents ?? 5_000) + 1 })) as Result;
      return { result, organizationId: org.id, actorId: org.users.FINANCE.id, entity: "Organization", entityId: org.id };
    },
  },
  "budgets.set": {
    call: async () => {
      as(org.users.FINANCE.id);
      const result = (await setBudget(org.slug, { businessUnit: unique("Audited unit"), year: 2027, amountCents: 5_000_000 })) as Result;
      return { result, organizationId: org.id, actorId: org.users.FINANCE.id, entity: "BusinessUnitBudget" };
    },
  },
  "useCases.import.commit": {
    call: async () => {
      as(org.users.LEAD.id);
      const content = csv([H, importRow(unique("Imported one")), importRow(unique("Imported two"))]);
      const result = (await importUseCases(org.slug, { file: fileOf(content), fileName: "audit.csv", mapping: importMapping() })) as Result;
      expect(result.data?.committed).toBe(true);
      return { result, organizationId: org.id, actorId: org.users.LEAD.id, entity: "UseCaseImport", entityId: result.data?.importId as string };
    },
  },
  "useCases.import.undo": {
    prepare: async () => {
      as(org.users.LEAD.id);
      const content = csv([H, importRow(unique("To undo"))]);
      const r = (await importUseCases(org.slug, { file: fileOf(content), fileName: "undo.csv", mapping: importMapping() })) as Result;
      return { id: r.data!.importId as string };
    },
    call: async (p) => {
      as(org.users.LEAD.id);
      const result = (await undoImport(org.slug, { importId: p.id })) as Result;
      return { result, organizationId: org.id, actorId: org.users.LEAD.id, entity: "UseCaseImport", entityId: p.id };
    },
  },
  "useCases.import.saveMapping": {
    call: async () => {
      as(org.users.LEAD.id);
      const result = (await saveImportMapping(org.slug, { name: unique("Mapping"), mapping: importMapping() })) as Result;
      return { result, organizationId: org.id, actorId: org.users.LEAD.id, entity: "ImportMapping", entityId: result.data?.id as string };
    },
  },
  "useCases.import.deleteMapping": {
    prepare: async () => {
      as(org.users.LEAD.id);
      const r = (await saveImportMapping(org.slug, { name: unique("Doomed mapping"), mapping: importMapping() })) as Result;
      return { id: r.data!.id as string };
    },
    call: async (p) => {
      as(org.users.EXECUTIVE.id);
      const result = (await deleteImportMapping(org.slug, { id: p.id })) as Result;
      return { result, organizationId: org.id, actorId: org.users.EXECUTIVE.id, entity: "ImportMapping", entityId: p.id };
    },
  },
  "assumptions.save": {
    call: async () => {
      as(org.users.FINANCE.id);
      const current = await db.assumptionVersion.findFirst({ where: { organizationId: org.id }, orderBy: { version: "desc" }, select: { version: true } });
      const result = (await saveAssumptions(org.slug, {
        expectedVersion: current?.version ?? 0,
        fineTuneMethod: DEFAULT_ASSUMPTIONS.fineTuneMethod,
        values: { ...DEFAULT_ASSUMPTIONS.values, modelInputPricePerMTokens: { low: 5, base: 10 + counter, high: 50 }, modelOutputPricePerMTokens: { low: 5, base: 10, high: 50 } },
        note: "Supplier price list",
      })) as Result;
      return { result, organizationId: org.id, actorId: org.users.FINANCE.id, entity: "AssumptionVersion" };
    },
  },
  "members.changeRole": {
    prepare: async () => newMember("LEAD"),
    call: async (p) => {
      as(org.users.ADMIN.id);
      const result = (await updateMemberRole(org.slug, { membershipId: p.membershipId, role: "FINANCE" })) as Result;
      return { result, organizationId: org.id, actorId: org.users.ADMIN.id, entity: "Membership", entityId: p.membershipId };
    },
  },
  "members.remove": {
    prepare: async () => newMember("FINANCE"),
    call: async (p) => {
      as(org.users.ADMIN.id);
      const result = (await removeMember(org.slug, { membershipId: p.membershipId })) as Result;
      return { result, organizationId: org.id, actorId: org.users.ADMIN.id, entity: "Membership", entityId: p.membershipId };
    },
  },
  "invitations.create": {
    call: async () => {
      as(org.users.ADMIN.id);
      const result = (await inviteMember(org.slug, { email: `${unique("invited")}@audit.test`, role: "EXECUTIVE" })) as Result;
      return { result, organizationId: org.id, actorId: org.users.ADMIN.id, entity: "Invitation", entityId: result.data?.id as string };
    },
  },
  "invitations.revoke": {
    prepare: async () => ({ id: (await newInvitation(`${unique("withdrawn")}@audit.test`)).id }),
    call: async (p) => {
      as(org.users.ADMIN.id);
      const result = (await revokeInvitation(org.slug, { invitationId: p.id })) as Result;
      return { result, organizationId: org.id, actorId: org.users.ADMIN.id, entity: "Invitation", entityId: p.id };
    },
  },
  "frameworks.saveWeights": {
    call: async () => {
      as(org.users.ADMIN.id);
      const { weightsVersion } = await db.organization.findUniqueOrThrow({ where: { id: org.id }, select: { weightsVersion: true } });
      const result = (await saveFrameworkWeights(org.slug, { expectedWeightsVersion: weightsVersion, weights: weights(weightsVersion % 2 ? 2 : 1), note: "Rebalance" })) as Result;
      return { result, organizationId: org.id, actorId: org.users.ADMIN.id, entity: "Organization", entityId: org.id };
    },
  },
  "actuals.import": {
    call: async () => {
      as(org.users.FINANCE.id);
      const result = (await importActualSpend(org.slug, { file: fileOf(focusSample(), "focus.csv"), fileName: "focus.csv", feed: unique("Feed") })) as Result;
      expect(result.data?.committed).toBe(true);
      return { result, organizationId: org.id, actorId: org.users.FINANCE.id, entity: "ActualImport", entityId: result.data?.importId as string };
    },
  },
  "actuals.undo": {
    prepare: async () => {
      as(org.users.FINANCE.id);
      const r = (await importActualSpend(org.slug, { file: fileOf(focusSample(), "focus.csv"), fileName: "focus.csv", feed: unique("Feed") })) as Result;
      return { id: r.data!.importId as string };
    },
    call: async (p) => {
      as(org.users.ADMIN.id);
      const result = (await undoActualSpendImport(org.slug, { importId: p.id })) as Result;
      return { result, organizationId: org.id, actorId: org.users.ADMIN.id, entity: "ActualImport", entityId: p.id };
    },
  },
  "actuals.saveRule": {
    prepare: async () => ({ id: (await newUseCase()).id }),
    call: async (p) => {
      as(org.users.FINANCE.id);
      const result = (await saveActualRule(org.slug, { field: "resource", value: unique("vector-db"), useCaseId: p.id!, sharePct: 40 })) as Result;
      return { result, organizationId: org.id, actorId: org.users.FINANCE.id, entity: "ActualRule", entityId: result.data?.id as string };
    },
  },
  "actuals.newAssumptionVersion": {
    prepare: async () => {
      // The sample's calls are tagged UC-A: a RAG use case's, so there is something to compare them with.
      if (!(await db.useCase.findFirst({ where: { organizationId: org.id, externalId: "UC-A" } }))) {
        const id = await insertUseCaseWithCosts(org.id, { title: unique("Calls"), businessUnit: "Claims", ownerId: org.users.LEAD.id, recommended: "RAG", chosen: "RAG", startYear: 2026, yearly: { RAG: { INFERENCE: [2_400_00] } } });
        await db.useCase.update({ where: { id }, data: { externalId: "UC-A" } });
      }
      as(org.users.FINANCE.id);
      const r = (await importActualSpend(org.slug, { file: fileOf(focusSample(), "focus.csv"), fileName: "focus.csv", feed: unique("Calls") })) as Result;
      if (!r.ok) throw new Error(JSON.stringify(r));
      const current = await db.assumptionVersion.findFirst({ where: { organizationId: org.id }, orderBy: { version: "desc" }, select: { version: true } });
      return { version: String(current?.version ?? 0) };
    },
    call: async (p) => {
      as(org.users.FINANCE.id);
      const result = (await newAssumptionVersionFromActuals(org.slug, { expectedVersion: Number(p.version) })) as Result;
      const row = await db.assumptionVersion.findFirst({ where: { organizationId: org.id }, orderBy: { version: "desc" }, select: { id: true } });
      return { result, organizationId: org.id, actorId: org.users.FINANCE.id, entity: "AssumptionVersion", entityId: row?.id };
    },
  },
  "actuals.deleteRule": {
    prepare: async () => {
      const { id } = await newUseCase();
      as(org.users.FINANCE.id);
      const r = (await saveActualRule(org.slug, { field: "sku", value: unique("sku"), useCaseId: id, sharePct: 100 })) as Result;
      return { id: r.data!.id as string };
    },
    call: async (p) => {
      as(org.users.FINANCE.id);
      const result = (await deleteActualRule(org.slug, { id: p.id })) as Result;
      return { result, organizationId: org.id, actorId: org.users.FINANCE.id, entity: "ActualRule", entityId: p.id };
    },
  },
  "frameworks.rescoreAll": {
    call: async () => {
      as(org.users.ADMIN.id);
      const result = (await rescoreAllUseCases(org.slug, {})) as Result;
      return { result, organizationId: org.id, actorId: org.users.ADMIN.id, entity: "Organization", entityId: org.id };
    },
  },
};

/** Entry points that read only: one valid, successful call each; they must write no audit event. */
const READ_ONLY: Record<string, () => Promise<Result | Response>> = {
  "assumptions.preview": async () => {
    as(org.users.FINANCE.id);
    const current = await db.assumptionVersion.findFirst({ where: { organizationId: org.id }, orderBy: { version: "desc" }, select: { version: true } });
    return (await previewAssumptions(org.slug, {
      expectedVersion: current?.version ?? 0,
      fineTuneMethod: DEFAULT_ASSUMPTIONS.fineTuneMethod,
      values: { ...DEFAULT_ASSUMPTIONS.values, engineerRate: { low: 151, base: 201, high: 251 } },
    })) as Result;
  },
  "frameworks.previewWeights": async () => {
    as(org.users.ADMIN.id);
    return (await previewFrameworkWeights(org.slug, { weights: weights(2) })) as Result;
  },
  "useCases.import.check": async () => {
    as(org.users.LEAD.id);
    return (await checkImportRows(org.slug, { headers: H, rows: [{ row: 2, cells: importRow("Checked only") }], mapping: importMapping() })) as Result;
  },
  "useCases.import.template": async () => {
    as(org.users.LEAD.id);
    return importTemplate(orgRequest("use-cases/import/template?example=1"), routeContext());
  },
  "export.detail": async () => {
    as(org.users.FINANCE.id);
    return exportDetail(orgRequest("export/detail.csv"), routeContext());
  },
  "export.businessUnits": async () => {
    as(org.users.FINANCE.id);
    return exportBusinessUnits(orgRequest("export/business-units.csv"), routeContext());
  },
  "audit.export": async () => {
    as(org.users.ADMIN.id);
    return exportAuditLog(orgRequest("audit/events.csv?kind=all"), routeContext());
  },
  health: async () => health(),
};

async function succeeded(result: Result | Response): Promise<void> {
  if (result instanceof Response) {
    expect(result.status, `HTTP ${result.status}`).toBeLessThan(300);
    await result.arrayBuffer(); // read to the end (exports stream)
    return;
  }
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
}

async function dbNow(): Promise<Date> {
  const [r] = await db.$queryRaw<{ now: Date }[]>`SELECT date_trunc('milliseconds', clock_timestamp()) AS now`;
  return r!.now;
}

beforeAll(async () => {
  // Importing every actions.ts and route.ts registers every entry point in ENTRY_POINTS.
  await loadCallables();
  org = await createTestOrg("audited");
});

describe("the audit log covers every entry point that changes something", () => {
  it("the code's mutating and read-only entry points are those of the expected-access table (tests/expected-access.ts)", () => {
    // A mutating entry point re-declared read-only would otherwise move out of the walk below.
    expect(accessDifferences(ENTRY_POINTS.values())).toEqual([]);
  });

  it("has a row for every entry point of the table (mutating and read-only), and none for one that does not exist", () => {
    const table = Object.entries(EXPECTED_ACCESS) as [string, ExpectedAccess][];
    const mutating = table.filter(([, e]) => e.mutates).map(([n]) => n).sort();
    const readOnly = table.filter(([, e]) => !e.mutates).map(([n]) => n).sort();
    expect(mutating.length).toBeGreaterThan(15);
    expect(mutating.filter((n) => !(n in MUTATING)), "mutating entry points with no row in MUTATING").toEqual([]);
    expect(readOnly.filter((n) => !(n in READ_ONLY)), "read-only entry points with no row in READ_ONLY").toEqual([]);
    expect(Object.keys(MUTATING).filter((n) => !mutating.includes(n)), "rows for entry points that are not registered as mutating").toEqual([]);
    expect(Object.keys(READ_ONLY).filter((n) => !readOnly.includes(n)), "rows for entry points that are not registered as read-only").toEqual([]);
  });

  it.each(Object.keys(MUTATING))("%s writes an audit event naming the actor, the action and the changed entity", async (name) => {
    const row = MUTATING[name]!;
    const prepared = (await row.prepare?.()) ?? {};
    const t0 = await dbNow();
    const expected = await row.call(prepared);
    await succeeded(expected.result);
    // Between the call's start and its end: another test file's event dated ahead (tests/audit-log.test.ts
    // writes one at 10 December 2026) is not this call's, and read as one it failed every row here.
    // (A second past the end: a stored time is rounded to the millisecond, the clock here truncated.)
    const t1 = new Date((await dbNow()).getTime() + 1_000);
    const events = await db.auditEvent.findMany({ where: { at: { gte: t0, lte: t1 } }, orderBy: { at: "asc" } });
    const mine = events.filter((e) => e.organizationId === expected.organizationId && e.actorId === expected.actorId);
    expect(mine.length, `no audit event by ${expected.actorId} in ${expected.organizationId}; new events: ${JSON.stringify(events.map((e) => [e.action, e.entity]))}`).toBeGreaterThan(0);
    for (const e of mine) expect(e.action).toMatch(/^[a-z_]+\.[a-z_]+$/);
    const entity = mine.filter((e) => e.entity === expected.entity && (expected.entityId === undefined || e.entityId === expected.entityId));
    expect(entity.length, `no event on ${expected.entity} ${expected.entityId ?? ""}: ${JSON.stringify(mine.map((e) => [e.action, e.entity, e.entityId]))}`).toBeGreaterThan(0);
    expect(entity[0]!.entityId.length).toBeGreaterThan(0);
    // Nothing is written into another organization's log (a person's session events go to each of theirs).
    const elsewhere = events.filter((e) => e.organizationId !== expected.organizationId && e.actorId !== expected.actorId);
    expect(elsewhere).toEqual([]);
  });

  it.each(Object.keys(READ_ONLY))("%s writes no audit event", async (name) => {
    const before = await db.auditEvent.count();
    await succeeded(await READ_ONLY[name]!());
    expect(await db.auditEvent.count()).toBe(before);
  });
});
