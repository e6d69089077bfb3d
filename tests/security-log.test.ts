/**
 * The security log (issue 19, item 6): failed and throttled sign-ins, refused authorization and
 * cross-organization probes leave an event with time, person, address and outcome, in the
 * organization concerned; repeats are coalesced and a flood stays bounded; recording never turns
 * a refusal into an error; success records nothing; no password is ever stored.
 * Sign-ins go through the real credentials authorize; refusals through the real action client.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({
  cookies: async () => ({ set: () => {}, getAll: () => [] }),
  headers: async () => new Headers(),
}));

import { db } from "@/lib/server/db";
import { hashPassword } from "@/lib/server/passwords";
import { authOptions } from "@/lib/server/auth-options";
import { requireMember } from "@/lib/server/guard";
import { NotAMemberError } from "@/lib/server/errors";
import { CAP_PER_WINDOW, MANY, pruneSecurityEvents, recordSecurityEvent, RETENTION_DAYS, SECURITY_ACTIONS, WINDOW_MS } from "@/lib/server/security-log";
import { inviteMember } from "@/app/o/[org]/members/actions";
import { createUseCase } from "@/app/o/[org]/use-cases/actions";
import { GET as exportDetail } from "@/app/o/[org]/export/detail.csv/route";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs, signOut } from "./helpers/session";
import { actFrom, visitPath } from "./helpers/client-address";

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
const provider = authOptions.providers.find((p) => p.id === "credentials") as unknown as { options: { authorize: Authorize } };

async function signIn(email: string, password: string, ip: string): Promise<"ok" | "refused" | "wait"> {
  try {
    return (await provider.options.authorize({ email, password }, { headers: { "x-forwarded-for": ip } })) ? "ok" : "refused";
  } catch (err) {
    if (/^TOO_MANY_ATTEMPTS:\d+$/.test((err as Error).message)) return "wait";
    throw err;
  }
}

const PASSWORD = "correct horse battery staple";
const WRONG = "Tr0ub4dor&3-guess";
let a: TestOrg;
let b: TestOrg;
/** A person in both organizations, with a password. */
let both: { id: string; email: string };

const eventsOf = (organizationId: string | null, where: Record<string, unknown> = {}) =>
  db.securityEvent.findMany({ where: { organizationId, ...where }, orderBy: { firstAt: "asc" } });

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production-0123456789";
  delete process.env.TRUSTED_PROXY_HOPS;
  a = await createTestOrg("seca");
  b = await createTestOrg("secb");
  const user = await db.user.create({ data: { email: `both-${randomUUID()}@sec.test`, name: "In both", passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() }, select: { id: true, email: true } });
  await db.membership.createMany({ data: [{ userId: user.id, organizationId: a.id, role: "LEAD" }, { userId: user.id, organizationId: b.id, role: "FINANCE" }] });
  both = user;
});

describe("failed and throttled sign-ins", () => {
  it("a wrong password is an event of every organization of the account, with its address; repeats are one row with a count; the password is never stored", async () => {
    expect(await signIn(both.email, WRONG, "203.0.113.7")).toBe("refused");
    expect(await signIn(both.email, WRONG, "203.0.113.7")).toBe("refused");
    expect(await signIn(both.email, WRONG, "203.0.113.8")).toBe("refused");
    for (const org of [a, b]) {
      const rows = await eventsOf(org.id, { userId: both.id, action: SECURITY_ACTIONS.signInFailed });
      expect(rows.map((r) => [r.ip, r.count, r.outcome, r.email, r.entity])).toEqual([
        ["203.0.113.7", 2, "failed", both.email, "Account"],
        ["203.0.113.8", 1, "failed", both.email, "Account"],
      ]);
      expect(rows[0]!.lastAt.getTime()).toBeGreaterThanOrEqual(rows[0]!.firstAt.getTime());
    }
    const all = JSON.stringify(await db.securityEvent.findMany());
    expect(all).not.toContain(WRONG);
    expect(all).not.toContain(PASSWORD);
  });

  it("an email that matches no account leaves an event with no organization and without the email", async () => {
    // Events with no organization share one cap per window with every other test file's: start
    // from none, so this one is not the 201st and folded into the overflow row.
    await db.securityEvent.deleteMany({ where: { organizationId: null } });
    const ghost = `ghost-${randomUUID()}@sec.test`;
    const ip = `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    expect(await signIn(ghost, WRONG, ip)).toBe("refused");
    const rows = await eventsOf(null, { ip, action: SECURITY_ACTIONS.signInFailed });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: null, email: null, outcome: "failed", count: 1 });
    expect(JSON.stringify(await db.securityEvent.findMany())).not.toContain(ghost);
  });

  it("a throttled try is an event too (outcome throttled), and the right password then records no failure", async () => {
    const user = await db.user.create({ data: { email: `thr-${randomUUID()}@sec.test`, name: "Throttled", passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() }, select: { id: true, email: true } });
    await db.membership.create({ data: { userId: user.id, organizationId: a.id, role: "EXECUTIVE" } });
    for (let i = 0; i < 5; i++) expect(await signIn(user.email, WRONG, "203.0.113.50")).toBe("refused");
    expect(await signIn(user.email, WRONG, "203.0.113.50")).toBe("wait");
    expect(await signIn(user.email, PASSWORD, "203.0.113.50")).toBe("wait");
    const rows = await eventsOf(a.id, { userId: user.id });
    expect(rows.map((r) => [r.action, r.outcome, r.count, r.ip])).toEqual([
      [SECURITY_ACTIONS.signInFailed, "failed", 5, "203.0.113.50"],
      [SECURITY_ACTIONS.signInThrottled, "throttled", 2, "203.0.113.50"],
    ]);
    // From another address the right password works, and success adds nothing.
    const before = await db.securityEvent.count();
    expect(await signIn(user.email, PASSWORD, "192.0.2.200")).toBe("ok");
    expect(await db.securityEvent.count()).toBe(before);
  });
});

describe("refused authorization", () => {
  it("a role the action does not allow is an event of the organization: who, what, from where", async () => {
    actFrom("203.0.113.21");
    signInAs(a.users.LEAD.id);
    const result = await inviteMember(a.slug, { email: `x-${randomUUID()}@sec.test`, role: "LEAD" });
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const rows = await eventsOf(a.id, { userId: a.users.LEAD.id, action: SECURITY_ACTIONS.forbidden });
    expect(rows.map((r) => [r.entity, r.entityId, r.ip, r.outcome, r.email])).toEqual([["Action", "invitations.create", "203.0.113.21", "refused", a.users.LEAD.email]]);
  });

  it("an outsider probing another organization is an event of the probed organization, never of theirs; a route too", async () => {
    actFrom("203.0.113.22");
    signInAs(b.users.ADMIN.id);
    expect(await createUseCase(a.slug, { title: "Probe" })).toMatchObject({ ok: false, code: "NOT_A_MEMBER" });
    const res = await exportDetail(new Request(`http://localhost/o/${a.slug}/export/detail.csv`), { params: Promise.resolve({ org: a.slug }) });
    expect(res.status).toBe(404);
    const rows = await eventsOf(a.id, { userId: b.users.ADMIN.id });
    expect(rows.map((r) => [r.action, r.entity, r.entityId, r.ip])).toEqual([
      [SECURITY_ACTIONS.notMember, "Action", "useCases.create", "203.0.113.22"],
      [SECURITY_ACTIONS.notMember, "Route", "export.detail", "203.0.113.22"],
    ]);
    expect(await eventsOf(b.id, { userId: b.users.ADMIN.id })).toEqual([]);
  });

  it("a refused page is recorded with its path; an organization that does not exist gives an event with no organization", async () => {
    await db.securityEvent.deleteMany({ where: { organizationId: null } }); // see the sign-in test above
    actFrom("203.0.113.23");
    visitPath(`/o/${a.slug}/members`);
    signInAs(b.users.LEAD.id);
    await expect(requireMember(a.slug)).rejects.toBeInstanceOf(NotAMemberError);
    expect((await eventsOf(a.id, { userId: b.users.LEAD.id })).map((r) => [r.entity, r.entityId])).toEqual([["Page", `/o/${a.slug}/members`]]);
    const missing = `no-such-org-${randomUUID().slice(0, 8)}`;
    visitPath(`/o/${missing}`);
    await expect(requireMember(missing)).rejects.toBeInstanceOf(NotAMemberError);
    expect((await eventsOf(null, { userId: b.users.LEAD.id })).map((r) => [r.action, r.entityId])).toEqual([[SECURITY_ACTIONS.notMember, `/o/${missing}`]]);
    visitPath("");
  });

  it("success records nothing", async () => {
    const before = await db.securityEvent.count();
    signInAs(a.users.ADMIN.id);
    expect(await createUseCase(a.slug, { title: `Allowed ${randomUUID()}` })).toMatchObject({ ok: true });
    await requireMember(a.slug, ["ADMIN"]);
    expect(await db.securityEvent.count()).toBe(before);
    signOut();
  });

  it("a record that cannot be written is logged and the refusal stands (never an error of its own)", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    // An organization id that does not exist fails the foreign key.
    expect(await recordSecurityEvent({ organizationId: "no-such-organization", action: SECURITY_ACTIONS.forbidden, outcome: "refused", userId: null, email: null, ip: "x", entity: "Action", entityId: "x" })).toBeNull();
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
    signOut();
    actFrom(null);
  });
});

describe("a flood stays bounded", () => {
  it(`repeats coalesce per window, and past ${CAP_PER_WINDOW} distinct rows an organization's window gets one overflow row per action`, async () => {
    const org = await createTestOrg("flood");
    const now = new Date(Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS + 1000);
    const total = CAP_PER_WINDOW + 150;
    for (let i = 0; i < total; i++) {
      await recordSecurityEvent(
        { organizationId: org.id, action: SECURITY_ACTIONS.notMember, outcome: "refused", userId: null, email: `probe-${i}@x.test`, ip: `10.0.${i >> 8}.${i & 255}`, entity: "Page", entityId: `/o/${org.slug}` },
        new Date(now.getTime() + i),
      );
    }
    // The same probe again, twice: counted on its own row.
    for (let k = 0; k < 2; k++) await recordSecurityEvent({ organizationId: org.id, action: SECURITY_ACTIONS.notMember, outcome: "refused", userId: null, email: "probe-0@x.test", ip: "10.0.0.0", entity: "Page", entityId: `/o/${org.slug}` }, now);
    const rows = await eventsOf(org.id);
    expect(rows).toHaveLength(CAP_PER_WINDOW + 1);
    const overflow = rows.filter((r) => r.ip === MANY);
    expect(overflow).toHaveLength(1);
    expect(overflow[0]).toMatchObject({ count: 150, entityId: MANY, email: null, userId: null });
    expect(rows.find((r) => r.email === "probe-0@x.test")!.count).toBe(3);
    expect(rows.reduce((s, r) => s + r.count, 0)).toBe(total + 2);
    // The next window starts afresh.
    await recordSecurityEvent({ organizationId: org.id, action: SECURITY_ACTIONS.notMember, outcome: "refused", userId: null, email: "late@x.test", ip: "10.9.9.9", entity: "Page", entityId: "/o" }, new Date(now.getTime() + WINDOW_MS));
    expect(await db.securityEvent.count({ where: { organizationId: org.id, email: "late@x.test" } })).toBe(1);
  });

  it(`events older than ${RETENTION_DAYS} days are deleted`, async () => {
    const org = await createTestOrg("prune");
    const old = new Date(Date.now() - (RETENTION_DAYS + 1) * 86_400_000);
    // The new event first: recording one prunes too, one time in a hundred (recordSecurityEvent), and
    // a prune as of now, run while recording the new event after the old, deleted the old event
    // before the prune below could count it (this test failed that way once in about a hundred runs).
    // Recorded at its own old time, the old event's own prune deletes only what is older still.
    await recordSecurityEvent({ organizationId: org.id, action: SECURITY_ACTIONS.forbidden, outcome: "refused", userId: null, email: null, ip: "new", entity: "Action", entityId: "x" });
    await recordSecurityEvent({ organizationId: org.id, action: SECURITY_ACTIONS.forbidden, outcome: "refused", userId: null, email: null, ip: "old", entity: "Action", entityId: "x" }, old);
    expect(await pruneSecurityEvents()).toBeGreaterThanOrEqual(1);
    expect((await eventsOf(org.id)).map((r) => r.ip)).toEqual(["new"]);
  });
});
