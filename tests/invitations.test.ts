/**
 * Invitations: created by admins only (token shown once, only its hash stored, 7 days), revoked
 * by admins only, accepted once by the invited address, never when expired, used or revoked.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { acceptInvitation, acceptInvitationWithSignUp } from "@/app/(auth)/invite/[token]/actions";
import { inviteMember, removeMember, revokeInvitation, updateMemberRole } from "@/app/o/[org]/members/actions";
import { db } from "@/lib/server/db";
import { findInvitation, hashInvitationToken, INVITATION_TTL_MS, INVITATIONS_FREE } from "@/lib/server/invitations";
import { verifyPassword } from "@/lib/server/passwords";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs, signOut } from "./helpers/session";

const tokenOf = (path: string) => path.replace("/invite/", "");
const uniqueEmail = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@invitee.test`;

async function invite(org: TestOrg, email: string, role = "LEAD") {
  signInAs(org.users.ADMIN.id);
  const res = await inviteMember(org.slug, { email, role });
  if (!res.ok) throw new Error(res.message);
  signOut();
  return res.data;
}

async function snapshot(orgId: string) {
  const [members, invitations, audit] = await Promise.all([
    db.membership.findMany({ where: { organizationId: orgId }, select: { userId: true, role: true }, orderBy: { userId: "asc" } }),
    db.invitation.findMany({ where: { organizationId: orgId }, select: { id: true, acceptedAt: true, revokedAt: true }, orderBy: { id: "asc" } }),
    db.auditEvent.count({ where: { organizationId: orgId } }),
  ]);
  return { members, invitations, audit };
}

describe("creating invitations", () => {
  let org: TestOrg;
  beforeEach(async () => {
    org = await createTestOrg("inv");
  });

  it("stores only the token's SHA-256 hash, expires in 7 days, and audits without the token", async () => {
    const before = Date.now();
    const data = await invite(org, "  New.Person@Example.TEST ", "FINANCE");
    const token = tokenOf(data.path);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db.invitation.findUniqueOrThrow({ where: { id: data.id } });
    expect(row.email).toBe("new.person@example.test");
    expect(row.role).toBe("FINANCE");
    expect(row.tokenHash).toBe(hashInvitationToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - before).toBeGreaterThanOrEqual(INVITATION_TTL_MS - 1000);
    expect(row.expiresAt.getTime() - before).toBeLessThanOrEqual(INVITATION_TTL_MS + 5000);
    const event = await db.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "invitation.created", entityId: data.id } });
    expect(event.actorId).toBe(org.users.ADMIN.id);
    expect(JSON.stringify(event)).not.toContain(token);
  });

  it.each(["EXECUTIVE", "LEAD", "FINANCE"] as const)("refuses %s, and writes nothing", async (role) => {
    const before = await snapshot(org.id);
    signInAs(org.users[role].id);
    expect(await inviteMember(org.slug, { email: uniqueEmail("x"), role: "ADMIN" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await snapshot(org.id)).toEqual(before);
  });

  it("refuses another organization's admin, and writes nothing", async () => {
    const other = await createTestOrg("other");
    const before = await snapshot(org.id);
    signInAs(other.users.ADMIN.id);
    expect(await inviteMember(org.slug, { email: uniqueEmail("x"), role: "ADMIN" })).toMatchObject({ ok: false, code: "NOT_A_MEMBER" });
    expect(await snapshot(org.id)).toEqual(before);
  });

  it("answers a bad address or role next to the field, and writes nothing", async () => {
    const before = await snapshot(org.id);
    signInAs(org.users.ADMIN.id);
    const res = await inviteMember(org.slug, { email: "not-an-email", role: "BOSS" });
    expect(res).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { email: [expect.any(String)], role: [expect.any(String)] } });
    expect(await snapshot(org.id)).toEqual(before);
  });

  it("refuses to invite someone who is already a member", async () => {
    signInAs(org.users.ADMIN.id);
    const res = await inviteMember(org.slug, { email: org.users.LEAD.email.toUpperCase(), role: "FINANCE" });
    expect(res).toMatchObject({ ok: false, fieldErrors: { email: ["This person is already a member."] } });
  });

  it("a new invitation for the same address replaces the pending one", async () => {
    const email = uniqueEmail("again");
    const first = await invite(org, email);
    const second = await invite(org, email, "FINANCE");
    expect((await findInvitation(tokenOf(first.path)))?.status).toBe("revoked");
    expect((await findInvitation(tokenOf(second.path)))?.status).toBe("valid");
  });

  it("an admin sends at most INVITATIONS_FREE in 15 minutes; the next is refused with the wait, nothing stored or mailed", async () => {
    // A reviewer mailed strangers in bulk through invitations, each with text of the sender's choosing
    // (the organization's and the inviter's names). The limit is the sender's: another organization's admin is not held by it.
    signInAs(org.users.ADMIN.id);
    for (let i = 0; i < INVITATIONS_FREE; i++) {
      const res = await inviteMember(org.slug, { email: uniqueEmail(`bulk${i}`), role: "LEAD" });
      expect(res.ok, `invitation ${i + 1}`).toBe(true);
    }
    const before = { ...(await snapshot(org.id)), mail: await db.outboxMessage.count() };
    const refused = await inviteMember(org.slug, { email: uniqueEmail("one-more"), role: "LEAD" });
    signOut();
    expect(refused).toMatchObject({ ok: false, code: "TOO_MANY_REQUESTS" });
    expect(refused.ok ? "" : refused.message).toMatch(/^You have sent 50 invitations in the last 15 minutes\. Wait \d+ seconds? before sending more\.$/);
    expect({ ...(await snapshot(org.id)), mail: await db.outboxMessage.count() }).toEqual(before);

    const other = await createTestOrg("inv-other");
    expect((await invite(other, uniqueEmail("elsewhere"))).email).toContain("elsewhere");
  });
});

describe("revoking invitations", () => {
  it("an admin withdraws an invitation: the link stops working; others are refused", async () => {
    const org = await createTestOrg("rev");
    const other = await createTestOrg("other");
    const data = await invite(org, uniqueEmail("rev"));

    for (const [who, code] of [
      [org.users.LEAD.id, "FORBIDDEN"],
      [other.users.ADMIN.id, "NOT_A_MEMBER"],
    ] as const) {
      signInAs(who);
      expect(await revokeInvitation(org.slug, { invitationId: data.id })).toMatchObject({ ok: false, code });
    }
    signInAs(other.users.ADMIN.id);
    expect(await revokeInvitation(other.slug, { invitationId: data.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await findInvitation(tokenOf(data.path)))?.status).toBe("valid");

    signInAs(org.users.ADMIN.id);
    expect(await revokeInvitation(org.slug, { invitationId: data.id })).toMatchObject({ ok: true, data: { changed: true } });
    expect((await findInvitation(tokenOf(data.path)))?.status).toBe("revoked");
    expect(await db.auditEvent.count({ where: { organizationId: org.id, action: "invitation.revoked", entityId: data.id } })).toBe(1);

    signOut();
    const res = await acceptInvitationWithSignUp({ token: tokenOf(data.path), name: "Late", password: "long-enough-password" });
    expect(res).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!res.ok && res.message).toMatch(/withdrawn/);
  });
});

describe("an invitation speaks for the admin who sent it", () => {
  /** The lead made an admin, who invites an outside address as Admin. */
  async function leadPromotedInvites(org: TestOrg) {
    const lead = await db.membership.findFirstOrThrow({ where: { organizationId: org.id, userId: org.users.LEAD.id } });
    signInAs(org.users.ADMIN.id);
    expect(await updateMemberRole(org.slug, { membershipId: lead.id, role: "ADMIN" })).toMatchObject({ ok: true });
    signInAs(org.users.LEAD.id);
    const sent = await inviteMember(org.slug, { email: uniqueEmail("backdoor"), role: "ADMIN" });
    if (!sent.ok) throw new Error(sent.message);
    signInAs(org.users.ADMIN.id);
    return { lead, sent: sent.data };
  }

  it("demoting the sender withdraws their pending invitations, audited; the outsider cannot join", async () => {
    const org = await createTestOrg("demoted");
    const { lead, sent } = await leadPromotedInvites(org);
    expect(await updateMemberRole(org.slug, { membershipId: lead.id, role: "LEAD" })).toMatchObject({ ok: true });
    signOut();
    expect((await findInvitation(tokenOf(sent.path)))?.status).toBe("revoked");
    const res = await acceptInvitationWithSignUp({ token: tokenOf(sent.path), name: "Lee Backdoor", password: "long-enough-password" });
    expect(res).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!res.ok && res.message).toMatch(/withdrawn/);
    expect(await db.membership.count({ where: { organizationId: org.id, role: "ADMIN" } })).toBe(1);
    const revoked = await db.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "invitation.revoked", entityId: sent.id } });
    expect(revoked.after).toMatchObject({ reason: "its sender is no longer an admin" });
  });

  it("removing the sender withdraws them too", async () => {
    const org = await createTestOrg("removed");
    const { lead, sent } = await leadPromotedInvites(org);
    expect(await removeMember(org.slug, { membershipId: lead.id })).toMatchObject({ ok: true });
    signOut();
    expect(await acceptInvitationWithSignUp({ token: tokenOf(sent.path), name: "Lee Backdoor", password: "long-enough-password" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await db.user.count({ where: { name: "Lee Backdoor", memberships: { some: { organizationId: org.id } } } })).toBe(0);
  });

  it("one sent by someone no longer an admin, whose withdrawal was missed, is refused when it is opened", async () => {
    const org = await createTestOrg("stale");
    const { lead, sent } = await leadPromotedInvites(org);
    // The sender demoted by hand, as before invitations were withdrawn with it.
    await db.membership.update({ where: { id: lead.id }, data: { role: "LEAD" } });
    signOut();
    expect((await findInvitation(tokenOf(sent.path)))?.status).toBe("revoked");
    expect(await acceptInvitationWithSignUp({ token: tokenOf(sent.path), name: "Lee Backdoor", password: "long-enough-password" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: sent.id } })).acceptedAt).toBeNull();
  });
});

describe("accepting invitations", () => {
  let org: TestOrg;
  beforeEach(async () => {
    org = await createTestOrg("acc");
  });

  it("someone new: creates the account for the invited address and joins with the invited role, audited", async () => {
    const email = uniqueEmail("new");
    const data = await invite(org, email, "FINANCE");
    signOut();
    const res = await acceptInvitationWithSignUp({ token: tokenOf(data.path), name: "Nia New", password: "correct horse battery" });
    expect(res).toMatchObject({ ok: true, data: { organizationSlug: org.slug, email } });
    const user = await db.user.findUniqueOrThrow({ where: { email }, omit: { passwordHash: false } });
    expect(user.name).toBe("Nia New");
    expect(await verifyPassword(user.passwordHash!, "correct horse battery")).toBe(true);
    expect((await db.membership.findFirstOrThrow({ where: { organizationId: org.id, userId: user.id } })).role).toBe("FINANCE");
    expect((await db.invitation.findUniqueOrThrow({ where: { id: data.id } })).acceptedAt).not.toBeNull();
    const actions = (await db.auditEvent.findMany({ where: { organizationId: org.id, actorId: user.id }, select: { action: true } })).map((e) => e.action);
    expect(actions.sort()).toEqual(["invitation.accepted", "membership.created"]);
  });

  it("a link works once: the second use is refused and writes nothing", async () => {
    const email = uniqueEmail("once");
    const data = await invite(org, email);
    signOut();
    expect(await acceptInvitationWithSignUp({ token: tokenOf(data.path), name: "First", password: "long-enough-password" })).toMatchObject({ ok: true });
    const before = await snapshot(org.id);
    const again = await acceptInvitationWithSignUp({ token: tokenOf(data.path), name: "Second", password: "long-enough-password" });
    expect(again).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!again.ok && again.message).toMatch(/already been used/);
    expect(await snapshot(org.id)).toEqual(before);
  });

  it("an expired link is refused and writes nothing", async () => {
    const email = uniqueEmail("late");
    const data = await invite(org, email);
    await db.invitation.update({ where: { id: data.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await snapshot(org.id);
    signOut();
    const res = await acceptInvitationWithSignUp({ token: tokenOf(data.path), name: "Late", password: "long-enough-password" });
    expect(res).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!res.ok && res.message).toMatch(/expired/);
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
    expect(await snapshot(org.id)).toEqual(before);
    expect((await findInvitation(tokenOf(data.path)))?.status).toBe("expired");
  });

  it("an unknown or malformed token is refused", async () => {
    signOut();
    for (const token of ["x".repeat(43), "../../etc", ""]) {
      const res = await acceptInvitationWithSignUp({ token, name: "Nobody", password: "long-enough-password" });
      expect(res.ok).toBe(false);
    }
    expect(await findInvitation("x".repeat(43))).toBeNull();
  });

  it("an existing person signed in with the invited address joins; with another address is refused", async () => {
    const other = await createTestOrg("home");
    const invitee = other.users.LEAD; // has an account, in another organization
    const data = await invite(org, invitee.email, "EXECUTIVE");

    signInAs(other.users.FINANCE.id);
    const before = await snapshot(org.id);
    const wrong = await acceptInvitation({ token: tokenOf(data.path) });
    expect(wrong).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!wrong.ok && wrong.message).toContain(invitee.email);
    expect(await snapshot(org.id)).toEqual(before);

    signInAs(invitee.id);
    expect(await acceptInvitation({ token: tokenOf(data.path) })).toMatchObject({ ok: true, data: { organizationSlug: org.slug, role: "EXECUTIVE" } });
    expect((await db.membership.findFirstOrThrow({ where: { organizationId: org.id, userId: invitee.id } })).role).toBe("EXECUTIVE");
    // Their other organization is untouched.
    expect((await db.membership.findFirstOrThrow({ where: { organizationId: other.id, userId: invitee.id } })).role).toBe("LEAD");
  });

  it("signing up through an invitation for an address that has an account is refused: sign in instead", async () => {
    const other = await createTestOrg("home");
    const data = await invite(org, other.users.LEAD.email);
    const before = await snapshot(org.id);
    signOut();
    const res = await acceptInvitationWithSignUp({ token: tokenOf(data.path), name: "Impostor", password: "long-enough-password" });
    expect(res).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!res.ok && res.message).toMatch(/sign in/i);
    expect(await snapshot(org.id)).toEqual(before);
  });

  it("accepting needs a signed-in person", async () => {
    const data = await invite(org, uniqueEmail("anon"));
    signOut();
    expect(await acceptInvitation({ token: tokenOf(data.path) })).toMatchObject({ ok: false, code: "NOT_SIGNED_IN" });
  });

  it("two people racing with one link: exactly one joins", async () => {
    const email = uniqueEmail("race");
    const data = await invite(org, email);
    signOut();
    const results = await Promise.all([
      acceptInvitationWithSignUp({ token: tokenOf(data.path), name: "A", password: "long-enough-password" }),
      acceptInvitationWithSignUp({ token: tokenOf(data.path), name: "B", password: "long-enough-password" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.user.count({ where: { email } })).toBe(1);
  });
});
