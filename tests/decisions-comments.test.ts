/**
 * Issue 20 item 5 through the real server actions: comments with mentions (only members are
 * told), and marking notifications read (only one's own).
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { proposeDecision } from "@/app/o/[org]/decisions/actions";
import { addComment } from "@/app/o/[org]/use-cases/[id]/actions";
import { markNotificationsRead } from "@/app/o/[org]/notifications/actions";
import { unreadCount } from "@/lib/server/notifications";
import { getUseCaseHistory } from "@/lib/server/use-cases/read";
import { setUpDecisionTests, type Result } from "./helpers/decisions";
import { runAs } from "./helpers/session";

const { org, other, newUseCase, notificationsOf } = setUpDecisionTests();

describe("comments and notifications", () => {
  it("notifies the members a comment mentions, and only members", async () => {
    const uc = await newUseCase();
    const cto = await db.user.findUniqueOrThrow({ where: { id: org.users.EXECUTIVE.id } });
    const outsider = await db.user.findUniqueOrThrow({ where: { id: other.users.ADMIN.id } });
    const r = (await runAs(org.users.FINANCE.id, () => addComment(org.slug, { useCaseId: uc.id, body: `@${cto.name} is the budget firm? cc @${outsider.name}` }))) as Result;
    expect(r).toMatchObject({ ok: true, data: { mentioned: 1 } });
    expect(await notificationsOf(org.users.EXECUTIVE.id, uc.id)).toEqual([{ kind: "mention", message: expect.stringContaining("mentioned you") }]);
    expect(await db.notification.count({ where: { userId: other.users.ADMIN.id } })).toBe(0);
    expect((await getUseCaseHistory(org.id, uc.id))[0]!.action).toBe("comment.created");

    const before = await db.useCaseComment.count({ where: { useCaseId: uc.id } });
    expect(await runAs(org.users.LEAD.id, () => addComment(org.slug, { useCaseId: uc.id, body: "  " }))).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await runAs(org.users.LEAD.id, () => addComment(org.slug, { useCaseId: uc.id, body: "x".repeat(4001) }))).toMatchObject({ ok: false, code: "VALIDATION" });
    const foreign = await newUseCase(undefined, other);
    expect(await runAs(org.users.LEAD.id, () => addComment(org.slug, { useCaseId: foreign.id, body: "hello" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db.useCaseComment.count({ where: { useCaseId: uc.id } })).toBe(before);
  });

  it("marks only the member's own notifications read", async () => {
    const uc = await newUseCase();
    await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id: uc.id, approach: "RAG" }));
    const mine = await db.notification.findFirstOrThrow({ where: { userId: org.users.EXECUTIVE.id, useCaseId: uc.id } });
    const admins = await db.notification.findFirstOrThrow({ where: { userId: org.users.ADMIN.id, useCaseId: uc.id } });
    const unread = await unreadCount(org.id, org.users.EXECUTIVE.id);
    // Naming someone else's notification: not found, and nothing is marked.
    expect(await runAs(org.users.EXECUTIVE.id, () => markNotificationsRead(org.slug, { ids: [mine.id, admins.id] }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await unreadCount(org.id, org.users.EXECUTIVE.id)).toBe(unread);
    expect(await runAs(org.users.EXECUTIVE.id, () => markNotificationsRead(org.slug, { ids: [mine.id] }))).toMatchObject({ ok: true, data: { marked: 1 } });
    expect(await unreadCount(org.id, org.users.EXECUTIVE.id)).toBe(unread - 1);
    expect((await db.notification.findUniqueOrThrow({ where: { id: admins.id } })).readAt).toBeNull();
    expect(await runAs(org.users.EXECUTIVE.id, () => markNotificationsRead(org.slug, { all: true }))).toMatchObject({ ok: true });
    expect(await unreadCount(org.id, org.users.EXECUTIVE.id)).toBe(0);
  });
});
