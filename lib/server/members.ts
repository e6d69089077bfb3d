import "server-only";
import { audit } from "./audit";
import { db, type Role, type Tx } from "./db";
import { ConflictError, NotFoundError } from "./errors";
import { withdrawInvitationsSentBy } from "./invitations";
import { compareText } from "@/lib/domain/title-order";

/**
 * Memberships of one organization. Every query names the organization, so an id from another
 * organization is simply not found. Changes that could leave an organization without an admin
 * lock the organization's row first, so two admins demoting each other at once cannot both win.
 */
export interface Actor {
  organizationId: string;
  actorId: string;
}

export const LAST_ADMIN_MESSAGE =
  "An organization needs at least one admin. Make someone else an admin first.";

export async function listMembers(organizationId: string) {
  const rows = await db.membership.findMany({
    where: { organizationId },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
  // By name as people read it (lib/domain/title-order.ts), then who joined first: a stable sort keeps the join order.
  rows.sort((a, b) => compareText(a.user.name, b.user.name));
  return rows.map((r) => ({ id: r.id, role: r.role, joinedAt: r.createdAt, userId: r.user.id, name: r.user.name, email: r.user.email }));
}

export type MemberRow = Awaited<ReturnType<typeof listMembers>>[number];

async function lockOrganization(tx: Tx, organizationId: string): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM "Organization" WHERE "id" = ${organizationId} FOR UPDATE`;
}

async function findMembership(tx: Tx, organizationId: string, membershipId: string) {
  const m = await tx.membership.findFirst({
    where: { id: membershipId, organizationId },
    select: { id: true, role: true, userId: true, user: { select: { email: true, name: true } } },
  });
  if (!m) throw new NotFoundError("That member is no longer in this organization.");
  return m;
}

async function isLastAdmin(tx: Tx, organizationId: string): Promise<boolean> {
  const admins = await tx.membership.count({ where: { organizationId, role: "ADMIN" } });
  return admins <= 1;
}

export async function changeMemberRole(actor: Actor, input: { membershipId: string; role: Role }) {
  return db.$transaction(async (tx) => {
    await lockOrganization(tx, actor.organizationId);
    const m = await findMembership(tx, actor.organizationId, input.membershipId);
    if (m.role === input.role) return { id: m.id, role: m.role, changed: false };
    if (m.role === "ADMIN" && (await isLastAdmin(tx, actor.organizationId))) throw new ConflictError(LAST_ADMIN_MESSAGE);
    await tx.membership.update({ where: { id: m.id }, data: { role: input.role } });
    if (m.role === "ADMIN") await withdrawInvitationsSentBy(tx, actor, m.userId, "its sender is no longer an admin");
    await audit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.actorId,
      action: "membership.role_changed",
      entity: "Membership",
      entityId: m.id,
      before: { userId: m.userId, email: m.user.email, role: m.role },
      after: { userId: m.userId, email: m.user.email, role: input.role },
    });
    return { id: m.id, role: input.role, changed: true };
  });
}

export async function removeMember(actor: Actor, input: { membershipId: string }) {
  return db.$transaction(async (tx) => {
    await lockOrganization(tx, actor.organizationId);
    const m = await findMembership(tx, actor.organizationId, input.membershipId);
    if (m.role === "ADMIN" && (await isLastAdmin(tx, actor.organizationId))) throw new ConflictError(LAST_ADMIN_MESSAGE);
    await tx.membership.delete({ where: { id: m.id } });
    await withdrawInvitationsSentBy(tx, actor, m.userId, "its sender left the organization");
    await audit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.actorId,
      action: "membership.removed",
      entity: "Membership",
      entityId: m.id,
      before: { userId: m.userId, email: m.user.email, name: m.user.name, role: m.role },
      after: null,
    });
    return { id: m.id, removedSelf: m.userId === actor.actorId };
  });
}
