import "server-only";
import { afterCommit } from "./after-commit";
import { db, Prisma, type Role, type Tx } from "./db";
import { NotFoundError } from "./errors";
import { appUrl, sendMailBestEffort, type Mail } from "./mail";

/**
 * Notifications (issue 20 item 5), in the app and by mail. Every notification is written by
 * `notify`, inside the caller's transaction, so it stands or falls with the change it tells of;
 * the same words go by mail to each recipient's address once that transaction has committed
 * (lib/server/after-commit.ts), so a change that was rolled back mails nobody, and a mail server
 * that refuses is logged without undoing the change.
 */

export const NOTIFICATION_KINDS = ["mention", "approval_requested", "budget_requested", "approved", "sent_back", "budget_approved", "to_review", "superseded", "early_warning"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The mail's subject, after the organization's name. */
const MAIL_SUBJECTS: Record<NotificationKind, string> = {
  mention: "you were mentioned in a comment",
  approval_requested: "a decision awaits your approval",
  budget_requested: "a budget awaits your approval",
  approved: "your decision was approved",
  sent_back: "your decision was sent back",
  budget_approved: "a budget was approved",
  to_review: "a decision is back to review",
  superseded: "a decision was superseded",
  early_warning: "early warning on actual spend",
};

/** Where the mail's link goes: the use case's tab that shows what happened. */
const USE_CASE_TAB: Record<NotificationKind, string> = {
  mention: "comments",
  approval_requested: "decision",
  budget_requested: "decision",
  approved: "decision",
  sent_back: "decision",
  budget_approved: "decision",
  to_review: "decision",
  superseded: "decision",
  early_warning: "",
};

/**
 * Where a notification leads, in the mail and on the notifications page alike: the use case's tab
 * that shows what happened (an early warning: its page, where the actual spend is), else the
 * notifications page.
 */
export function notificationPath(orgSlug: string, kind: string, useCaseId: string | null): string {
  const base = `/o/${orgSlug}`;
  if (!useCaseId) return `${base}/notifications`;
  const tab = (USE_CASE_TAB as Record<string, string | undefined>)[kind] ?? "decision";
  return `${base}/use-cases/${useCaseId}${tab ? `?tab=${tab}` : ""}`;
}

/** One notification as mail: what happened, and a link to the use case (or to the notifications page). */
export function notificationMail(n: { to: string; organization: { name: string; slug: string }; kind: NotificationKind; useCaseId: string | null; message: string }): Mail {
  const base = `/o/${n.organization.slug}`;
  const link = appUrl(notificationPath(n.organization.slug, n.kind, n.useCaseId));
  return {
    to: n.to,
    subject: `${n.organization.name}: ${MAIL_SUBJECTS[n.kind]}`,
    text: [n.message, "", `Open it in Tradeoff: ${link}`, "", `You receive this as a member of ${n.organization.name}. Your notifications: ${appUrl(`${base}/notifications`)}`].join("\n"),
  };
}

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
  // The same words by mail, once the change has committed.
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: input.organizationId }, select: { name: true, slug: true } });
  const users = await tx.user.findMany({ where: { id: { in: members.map((m) => m.userId) } }, select: { email: true }, orderBy: { email: "asc" } });
  const mails = users.map((u) => notificationMail({ to: u.email, organization, kind: input.kind, useCaseId: input.useCaseId, message: input.message }));
  afterCommit(`mailing ${mails.length} "${input.kind}" notification(s)`, async () => {
    for (const mail of mails) await sendMailBestEffort(mail);
  });
  return count;
}

/** The kinds that ask their recipient to act; every other kind only tells of something. */
export const REQUEST_KINDS = ["approval_requested", "budget_requested"] as const satisfies readonly NotificationKind[];

/**
 * What a workflow step did, as a recipient of an earlier request reads it: `actor` for everyone
 * but the one who took the step, `self` for them ("you approved it"). No actor (a re-scoring that
 * put a decision back to review): the same words for all.
 */
export interface Resolution {
  actorId: string | null;
  others: string;
  self?: string;
}

/**
 * A workflow step on a use case (propose, approve, send back, approve the budget, back to review,
 * superseded) moves its decision past whatever was asked before it: the earlier requests about that
 * use case still open (REQUEST_KINDS) no longer ask anything. Each is marked resolved, with what
 * happened as its recipient reads it, and read (so the unread count drops), in the step's
 * transaction; the row and its words stay, as history. Called before the step's own notify, so
 * the request the step writes (a new proposal's, an approval's budget) stays open. Returns how
 * many were resolved.
 */
export async function resolveRequests(tx: Tx, ref: { organizationId: string; useCaseId: string }, resolution: Resolution): Promise<number> {
  const self = resolution.self ?? resolution.others;
  return tx.$executeRaw`
    UPDATE "Notification"
       SET "resolvedAt" = now(), "readAt" = COALESCE("readAt", now()),
           resolution = CASE WHEN "userId" = ${resolution.actorId ?? ""} THEN ${self} ELSE ${resolution.others} END
     WHERE "organizationId" = ${ref.organizationId} AND "useCaseId" = ${ref.useCaseId}
       AND kind IN (${Prisma.join([...REQUEST_KINDS])}) AND "resolvedAt" IS NULL`;
}

/** The members of an organization who hold one of `roles`. */
export async function membersWithRoles(tx: Tx, organizationId: string, roles: readonly Role[]): Promise<string[]> {
  const rows = await tx.membership.findMany({ where: { organizationId, role: { in: [...roles] } }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

export async function unreadCount(organizationId: string, userId: string): Promise<number> {
  return db.notification.count({ where: { organizationId, userId, readAt: null } });
}

/**
 * The use case a notification is about, as it is now: live (its link leads to it), in the trash
 * (the notification stays, says so, and leads to the use case's page, which offers the restore to
 * those who may), or gone (deleted for good, as an undone import's creations are: no link).
 */
export type NotificationUseCase = { state: "live"; title: string } | { state: "trashed"; title: string; deletedAt: Date } | { state: "gone" };

export interface NotificationItem {
  id: string;
  kind: string;
  message: string;
  useCaseId: string | null;
  createdAt: Date;
  readAt: Date | null;
  /** A request the decision has moved past: when, and what happened (resolveRequests). */
  resolvedAt: Date | null;
  resolution: string | null;
  /** Null when the notification is about no use case. */
  useCase: NotificationUseCase | null;
}

export async function listNotifications(organizationId: string, userId: string, options: { limit?: number } = {}): Promise<NotificationItem[]> {
  const rows = await db.notification.findMany({
    where: { organizationId, userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(options.limit ?? 100, 500),
    select: { id: true, kind: true, message: true, useCaseId: true, createdAt: true, readAt: true, resolvedAt: true, resolution: true },
  });
  const ids = [...new Set(rows.map((r) => r.useCaseId).filter((id): id is string => id !== null))];
  const cases = ids.length ? await db.useCase.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, title: true, deletedAt: true } }) : [];
  const byId = new Map(cases.map((c) => [c.id, c]));
  return rows.map((r) => {
    const uc = r.useCaseId ? byId.get(r.useCaseId) : undefined;
    const useCase: NotificationUseCase | null = !r.useCaseId
      ? null
      : !uc
        ? { state: "gone" }
        : uc.deletedAt
          ? { state: "trashed", title: uc.title, deletedAt: uc.deletedAt }
          : { state: "live", title: uc.title };
    return { ...r, useCase };
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
