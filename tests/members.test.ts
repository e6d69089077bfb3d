/**
 * Members: the real server actions, called as each role, as another organization's admin, and
 * signed out. Refusals write nothing; the last admin can be neither demoted nor removed; every
 * change leaves an audit entry.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { removeMember, updateMemberRole } from "@/app/o/[org]/members/actions";
import { db } from "@/lib/server/db";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs, signOut } from "./helpers/session";

async function membershipOf(org: TestOrg, userId: string) {
  return db.membership.findFirstOrThrow({ where: { organizationId: org.id, userId } });
}

async function snapshot(orgId: string) {
  const [members, audit] = await Promise.all([
    db.membership.findMany({ where: { organizationId: orgId }, select: { id: true, userId: true, role: true }, orderBy: { id: "asc" } }),
    db.auditEvent.count({ where: { organizationId: orgId } }),
  ]);
  return { members, audit };
}

describe("changing a member's role", () => {
  let org: TestOrg;
  let other: TestOrg;
  beforeEach(async () => {
    org = await createTestOrg("members");
    other = await createTestOrg("other");
  });

  it("lets an admin change a role, and audits who changed what", async () => {
    const lead = await membershipOf(org, org.users.LEAD.id);
    signInAs(org.users.ADMIN.id);
    const res = await updateMemberRole(org.slug, { membershipId: lead.id, role: "FINANCE" });
    expect(res).toMatchObject({ ok: true, data: { changed: true, role: "FINANCE" } });
    expect((await membershipOf(org, org.users.LEAD.id)).role).toBe("FINANCE");
    const event = await db.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "membership.role_changed", entityId: lead.id } });
    expect(event.actorId).toBe(org.users.ADMIN.id);
    expect(event.before).toMatchObject({ role: "LEAD", userId: org.users.LEAD.id });
    expect(event.after).toMatchObject({ role: "FINANCE", userId: org.users.LEAD.id });
  });

  it.each(["EXECUTIVE", "LEAD", "FINANCE"] as const)("refuses %s, and writes nothing", async (role) => {
    const lead = await membershipOf(org, org.users.LEAD.id);
    const before = await snapshot(org.id);
    signInAs(org.users[role].id);
    const res = await updateMemberRole(org.slug, { membershipId: lead.id, role: "ADMIN" });
    expect(res).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await snapshot(org.id)).toEqual(before);
  });

  it("refuses another organization's admin naming this organization, and writes nothing", async () => {
    const lead = await membershipOf(org, org.users.LEAD.id);
    const before = await snapshot(org.id);
    signInAs(other.users.ADMIN.id);
    const res = await updateMemberRole(org.slug, { membershipId: lead.id, role: "ADMIN" });
    expect(res).toMatchObject({ ok: false, code: "NOT_A_MEMBER" });
    expect(await snapshot(org.id)).toEqual(before);
  });

  it("does not find another organization's membership through an admin's own organization", async () => {
    const foreignLead = await membershipOf(other, other.users.LEAD.id);
    const before = await snapshot(other.id);
    signInAs(org.users.ADMIN.id);
    const res = await updateMemberRole(org.slug, { membershipId: foreignLead.id, role: "ADMIN" });
    expect(res).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await snapshot(other.id)).toEqual(before);
  });

  it("refuses signed-out callers", async () => {
    const lead = await membershipOf(org, org.users.LEAD.id);
    signOut();
    expect(await updateMemberRole(org.slug, { membershipId: lead.id, role: "ADMIN" })).toMatchObject({ ok: false, code: "NOT_SIGNED_IN" });
  });

  it("refuses to demote the last admin, with a clear message, and writes nothing", async () => {
    const admin = await membershipOf(org, org.users.ADMIN.id);
    const before = await snapshot(org.id);
    signInAs(org.users.ADMIN.id);
    const res = await updateMemberRole(org.slug, { membershipId: admin.id, role: "LEAD" });
    expect(res).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!res.ok && res.message).toMatch(/at least one admin/i);
    expect(await snapshot(org.id)).toEqual(before);
  });

  it("lets an admin step down once there is another admin", async () => {
    const exec = await membershipOf(org, org.users.EXECUTIVE.id);
    const admin = await membershipOf(org, org.users.ADMIN.id);
    signInAs(org.users.ADMIN.id);
    expect(await updateMemberRole(org.slug, { membershipId: exec.id, role: "ADMIN" })).toMatchObject({ ok: true });
    expect(await updateMemberRole(org.slug, { membershipId: admin.id, role: "LEAD" })).toMatchObject({ ok: true });
    expect((await membershipOf(org, org.users.ADMIN.id)).role).toBe("LEAD");
  });

  it("two admins demoting each other at once: one wins, one admin remains", async () => {
    const exec = await membershipOf(org, org.users.EXECUTIVE.id);
    const admin = await membershipOf(org, org.users.ADMIN.id);
    signInAs(org.users.ADMIN.id);
    await updateMemberRole(org.slug, { membershipId: exec.id, role: "ADMIN" });
    // Both calls run as the same session here; the lock on the organization row serialises them.
    const results = await Promise.all([
      updateMemberRole(org.slug, { membershipId: exec.id, role: "LEAD" }),
      updateMemberRole(org.slug, { membershipId: admin.id, role: "LEAD" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.membership.count({ where: { organizationId: org.id, role: "ADMIN" } })).toBe(1);
  });

  it("answers bad input with field errors and changes nothing", async () => {
    const lead = await membershipOf(org, org.users.LEAD.id);
    const before = await snapshot(org.id);
    signInAs(org.users.ADMIN.id);
    const res = await updateMemberRole(org.slug, { membershipId: lead.id, role: "OWNER" });
    expect(res).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { role: [expect.any(String)] } });
    const extra = await updateMemberRole(org.slug, { membershipId: lead.id, role: "ADMIN", organizationId: other.id });
    expect(extra).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await snapshot(org.id)).toEqual(before);
  });
});

describe("removing a member", () => {
  let org: TestOrg;
  beforeEach(async () => {
    org = await createTestOrg("remove");
  });

  it("lets an admin remove a member, audited with who was removed", async () => {
    const finance = await membershipOf(org, org.users.FINANCE.id);
    signInAs(org.users.ADMIN.id);
    expect(await removeMember(org.slug, { membershipId: finance.id })).toMatchObject({ ok: true, data: { removedSelf: false } });
    expect(await db.membership.findUnique({ where: { id: finance.id } })).toBeNull();
    expect(await db.user.findUnique({ where: { id: org.users.FINANCE.id } })).not.toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "membership.removed", entityId: finance.id } });
    expect(event).toMatchObject({ actorId: org.users.ADMIN.id, before: { role: "FINANCE", email: org.users.FINANCE.email } });
  });

  it("never removes the last admin", async () => {
    const admin = await membershipOf(org, org.users.ADMIN.id);
    const before = await snapshot(org.id);
    signInAs(org.users.ADMIN.id);
    const res = await removeMember(org.slug, { membershipId: admin.id });
    expect(res).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!res.ok && res.message).toMatch(/at least one admin/i);
    expect(await snapshot(org.id)).toEqual(before);
  });

  it.each(["EXECUTIVE", "LEAD", "FINANCE"] as const)("refuses %s", async (role) => {
    const finance = await membershipOf(org, org.users.FINANCE.id);
    const before = await snapshot(org.id);
    signInAs(org.users[role].id);
    expect(await removeMember(org.slug, { membershipId: finance.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await snapshot(org.id)).toEqual(before);
  });

  it("refuses another organization's admin", async () => {
    const other = await createTestOrg("other");
    const finance = await membershipOf(org, org.users.FINANCE.id);
    const before = await snapshot(org.id);
    signInAs(other.users.ADMIN.id);
    expect(await removeMember(org.slug, { membershipId: finance.id })).toMatchObject({ ok: false, code: "NOT_A_MEMBER" });
    // …and naming the membership through their own organization finds nothing.
    expect(await removeMember(other.slug, { membershipId: finance.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await snapshot(org.id)).toEqual(before);
  });
});
