import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { listNotifications, notificationPath } from "@/lib/server/notifications";
import { guardPage } from "@/lib/server/page-guard";
import { formatDateTime, useCasePath } from "../use-cases/_components/labels";
import { MarkRead } from "./mark-read";

export const metadata: Metadata = { title: "Notifications" };

/** The signed-in member's notifications in this organization, newest first (issue 20 item 5). */
export default async function NotificationsPage(props: { params: Promise<{ org: string }> }) {
  const { org } = await props.params;
  const ctx = await guardPage(org, undefined, `/o/${org}/notifications`);
  const items = await listNotifications(ctx.organization.id, ctx.user.id);
  const unread = items.filter((n) => !n.readAt).length;
  return (
    <div>
      <PageHeader
        title="Notifications"
        description={unread === 0 ? "Nothing unread." : `${unread} unread.`}
        actions={unread > 0 ? <MarkRead orgSlug={ctx.organization.slug} label="Mark all read" /> : undefined}
      />
      {items.length === 0 ? (
        <p className="text-sm text-zinc-600">No notifications yet. You are told here when someone mentions you, when a decision awaits your approval, and when your decision is sent back.</p>
      ) : (
        <ol className="divide-y divide-zinc-200 rounded border border-zinc-200" data-testid="notifications">
          {items.map((n) => (
            <li key={n.id} className={`flex flex-wrap items-start gap-3 px-3 py-2 text-sm ${n.readAt ? "text-zinc-600" : "bg-brand-50/40"}`} data-testid="notification" data-unread={n.readAt ? "false" : "true"} data-resolved={n.resolvedAt ? "true" : "false"}>
              <div className="min-w-0 flex-1">
                <p className={n.resolvedAt ? "text-zinc-500" : n.readAt ? "" : "font-medium text-zinc-900"}>
                  {n.readAt ? "" : <span className="sr-only">Unread: </span>}
                  {n.message}
                </p>
                {n.resolvedAt && (
                  <p className="text-xs text-zinc-600" data-testid="notification-resolved">
                    <span className="rounded bg-zinc-100 px-1 font-medium text-zinc-700">Done</span> No longer awaits you: {n.resolution} ({formatDateTime(n.resolvedAt)}).
                  </p>
                )}
                <p className="text-xs text-zinc-500">
                  {formatDateTime(n.createdAt)}
                  {n.useCaseId && n.useCase?.state === "live" && (
                    <>
                      {" · "}
                      <Link className="text-brand-700 underline" href={notificationPath(ctx.organization.slug, n.kind, n.useCaseId)}>
                        Open the use case
                      </Link>
                    </>
                  )}
                </p>
                {n.useCaseId && n.useCase?.state === "trashed" && (
                  <p className="text-xs text-zinc-600" data-testid="notification-trashed">
                    “{n.useCase.title}” has been in the trash since {formatDateTime(n.useCase.deletedAt)}.{" "}
                    <Link className="text-brand-700 underline" href={useCasePath(ctx.organization.slug, n.useCaseId)}>
                      See it in the trash, where it can be restored
                    </Link>
                  </p>
                )}
                {n.useCase?.state === "gone" && (
                  <p className="text-xs text-zinc-600" data-testid="notification-gone">
                    The use case this was about has been deleted for good, so there is nothing to open.
                  </p>
                )}
              </div>
              {!n.readAt && <MarkRead orgSlug={ctx.organization.slug} ids={[n.id]} label="Mark read" />}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
