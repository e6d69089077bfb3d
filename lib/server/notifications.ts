import "server-only";
import { db, type Role, type Tx } from "./db";
import { NotFoundError } from "./errors";

/**
 * In-app notifications (issue 20 item 5). Every notification is written by `notify`, inside the
 * caller's transaction, so it stands or falls with the change it tells of; mail, once the app
 * sends mail, belongs here too (one place that knows who is told what).
 */

export const NOTIFICATION_KINDS = ["mention", "approval_requested", "budget_requested", "approved", "sent_back", "budget_approved", "to_review"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotifyInput {
  organizationId: string;
  /** Who is told; the actor is never told of their own step, and each person once. */
  userIds: readonly (string | null | undefined)[];
  actorId: string | null;
  kind: NotificationKind;
  useCaseId: string | null;
  message: string;
}

export async function notify(tx: Tx, input: NotifyInput): Promise<number> {
  const recipients = [...new Set(input.userIds.filter((u): u is string => typeof u === "string" && u.length > 0 && u !== input.actorId))];
  if (recipients.length === 0) return 0;
  // Only members of the organization are told (a former member keeps no window into it).
  const members = await tx.membership.findMany({ where: { organizationId: input.organizationId, userId: { in: recipients } }, select: { userId: true } });
  if (members.length === 0) return 0;
  const { count } = await tx.notification.createMany({
    data: members.map((m) => ({
      organizationId: input.organizationId,
      userId: m.userId,
      kind: input.kind,
      useCaseId: input.useCaseId,
      actorId: input.actorId,
      message: input.message,
    })),
  });
  return count;
}

/** The members of an organization who hold one of `roles`. */
export async function membersWithRoles(tx: Tx, organizationId: string, roles: readonly Role[]): Promise<string[]> {
  const rows = await tx.membership.findMany({ where: { organizationId, role: { in: [...roles] } }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

export async function unreadCount(organizationId: string, userId: string): Promise<number> {
  return db.notification.count({ where: { organizationId, userId, readAt: null } });
}

export interface NotificationItem {
  id: string;
  kind: string;
  message: string;
  useCaseId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export async function listNotifications(organizationId: string, userId: string, options: { limit?: number } = {}): Promise<NotificationItem[]> {
  return db.notification.findMany({
    where: { organizationId, userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(options.limit ?? 100, 500),
    select: { id: true, kind: true, message: true, useCaseId: true, createdAt: true, readAt: true },
  });
}

/**
 * Marks the person's own notifications read (the ids given, or all); returns how many changed.
 * An id that is not one of theirs in this organization is not found (and nothing is marked).
 */
export async function markNotificationsRead(tx: Tx, organizationId: string, userId: string, ids: readonly string[] | "all"): Promise<number> {
  if (ids !== "all") {
    const unique = [...new Set(ids)];
    const own = await tx.notification.count({ where: { organizationId, userId, id: { in: unique } } });
    if (own !== unique.length) throw new NotFoundError("No such notification.");
  }
  const { count } = await tx.notification.updateMany({
    where: { organizationId, userId, readAt: null, ...(ids === "all" ? {} : { id: { in: [...ids] } }) },
    data: { readAt: new Date() },
  });
  return count;
}
