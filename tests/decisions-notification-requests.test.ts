/**
 * A notification that asked someone to act (an approval, a budget) stops asking once the decision
 * has moved past that step, whoever moved it. Before, the executive who had approved a decision
 * still had "it awaits your approval" unread, and finance was still asked to approve the budget of
 * a decision back to review, whose budget could no longer be approved. The rows stay, as history;
 * the notifications page shows an answered request as done, with what happened, never as live.
 */
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { AppRouterContext, type AppRouterInstance } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { describe, expect, it } from "vitest";
import NotificationsPage from "@/app/o/[org]/notifications/page";
import { approveDecision, approveDecisionBudget, proposeDecision } from "@/app/o/[org]/decisions/actions";
import { deleteUseCase, recordDecision, restoreUseCase, updateUseCase } from "@/app/o/[org]/use-cases/actions";
import { db } from "@/lib/server/db";
import { unreadCount } from "@/lib/server/notifications";
import { RAG_ANSWERS } from "./helpers/answers";
import { setUpDecisionTests, type Result } from "./helpers/decisions";
import { runAs, signInAs, signOut } from "./helpers/session";

const { org, other, newUseCase } = setUpDecisionTests();

const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} } as unknown as AppRouterInstance;
const render = (node: ReactNode) => renderToStaticMarkup(createElement(AppRouterContext.Provider, { value: router }, node));
async function pageAs(userId: string): Promise<string> {
  signInAs(userId);
  try {
    return render(await NotificationsPage({ params: Promise.resolve({ org: org.slug }) }));
  } finally {
    signOut();
  }
}
/** Each notification on the page: its words, whether it is unread, and its "done" line if answered. */
function itemsOn(html: string) {
  return [...html.matchAll(/<li[^>]*data-unread="(\w+)" data-resolved="(\w+)"[^>]*>([\s\S]*?)<\/li>/g)].map((m) => ({
    unread: m[1] === "true",
    resolved: m[2] === "true",
    text: m[3]!.replace(/<[^>]+>/g, ""),
  }));
}

const requestsOf = (userId: string, useCaseId: string) =>
  db.notification.findMany({ where: { organizationId: org.id, userId, useCaseId }, orderBy: { createdAt: "asc" }, select: { kind: true, message: true, readAt: true, resolvedAt: true, resolution: true } });
const unread = (userId: string) => unreadCount(org.id, userId);

describe("a request once the decision has moved past it", () => {
  it("propose → approve → to review: each request is answered, stops counting as unread, and shows as done with what happened", async () => {
    const { EXECUTIVE, ADMIN, LEAD, FINANCE } = org.users;
    const exec = await db.user.findUniqueOrThrow({ where: { id: EXECUTIVE.id }, select: { name: true } });
    const uc = await newUseCase("Incident post-mortem search");

    expect(((await runAs(LEAD.id, () => proposeDecision(org.slug, { id: uc.id, approach: "RAG" }))) as Result).ok).toBe(true);
    expect([await unread(EXECUTIVE.id), await unread(ADMIN.id)]).toEqual([1, 1]);
    expect(itemsOn(await pageAs(EXECUTIVE.id))).toEqual([{ unread: true, resolved: false, text: expect.stringContaining("it awaits your approval") }]);

    // The executive approves: the request no longer awaits the executive, nor the admin it asked too.
    expect(((await runAs(EXECUTIVE.id, () => approveDecision(org.slug, { id: uc.id }))) as Result).ok).toBe(true);
    expect([await unread(EXECUTIVE.id), await unread(ADMIN.id)]).toEqual([0, 0]);
    const [mine] = await requestsOf(EXECUTIVE.id, uc.id);
    expect(mine).toMatchObject({ kind: "approval_requested", message: expect.stringContaining("it awaits your approval"), readAt: expect.any(Date), resolvedAt: expect.any(Date), resolution: "you approved RAG" });
    expect((await requestsOf(ADMIN.id, uc.id))[0]).toMatchObject({ kind: "approval_requested", resolution: `${exec.name} approved RAG` });
    // Finance is asked for the budget; the lead's "approved" is news, and stays unread.
    expect(await unread(FINANCE.id)).toBe(1);
    expect((await requestsOf(LEAD.id, uc.id)).map((n) => [n.kind, n.readAt, n.resolvedAt])).toEqual([["approved", null, null]]);

    const execPage = await pageAs(EXECUTIVE.id);
    expect(execPage).toContain("Nothing unread.");
    expect(itemsOn(execPage)).toEqual([{ unread: false, resolved: true, text: expect.stringMatching(/it awaits your approval\..*Done No longer awaits you: you approved RAG \(.+\)\./) }]);
    expect(itemsOn(await pageAs(ADMIN.id))[0]!.text).toContain(`No longer awaits you: ${exec.name} approved RAG (`);

    // An edit puts the decision back to review: its budget can no longer be approved, so finance is no longer asked.
    const { version } = await db.useCase.findUniqueOrThrow({ where: { id: uc.id } });
    const edited = (await runAs(LEAD.id, () => updateUseCase(org.slug, { id: uc.id, expectedVersion: version, title: "Incident post-mortem search", startDate: "2027-01-01", horizonYears: 3, assessment: { ...RAG_ANSWERS, maxLagDays: 3 } }))) as Result;
    expect(edited.ok).toBe(true);
    expect((await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: uc.id } })).state).toBe("TO_REVIEW");
    expect(await unread(FINANCE.id)).toBe(0);
    expect(await requestsOf(FINANCE.id, uc.id)).toEqual([
      {
        kind: "budget_requested",
        message: expect.stringContaining("awaits your approval"),
        readAt: expect.any(Date),
        resolvedAt: expect.any(Date),
        resolution: "it went back to review, as what it rested on changed (Longest acceptable lag (days): 14 → 3)",
      },
    ]);
    const financePage = await pageAs(FINANCE.id);
    expect(financePage).toContain("Nothing unread.");
    expect(financePage).not.toContain('data-resolved="false"');
    expect(itemsOn(financePage)[0]!.text).toContain("No longer awaits you: it went back to review, as what it rested on changed (Longest acceptable lag (days): 14 → 3)");
    // The executive is told it is back to review (news: unread), and the earlier request stays answered.
    expect(await unread(EXECUTIVE.id)).toBe(1);
    expect((await requestsOf(EXECUTIVE.id, uc.id)).map((n) => [n.kind, n.resolution])).toEqual([["approval_requested", "you approved RAG"], ["to_review", null]]);
  });

  it("finance approving the budget answers its own request; a decision recorded directly answers an open one too", async () => {
    const { EXECUTIVE, LEAD, FINANCE } = org.users;
    const exec = await db.user.findUniqueOrThrow({ where: { id: EXECUTIVE.id }, select: { name: true } });
    const before = await unread(FINANCE.id);

    const a = await newUseCase();
    await runAs(LEAD.id, () => proposeDecision(org.slug, { id: a.id, approach: "RAG" }));
    await runAs(EXECUTIVE.id, () => approveDecision(org.slug, { id: a.id }));
    expect(await unread(FINANCE.id)).toBe(before + 1);
    expect(((await runAs(FINANCE.id, () => approveDecisionBudget(org.slug, { id: a.id }))) as Result).ok).toBe(true);
    expect(await unread(FINANCE.id)).toBe(before);
    expect((await requestsOf(FINANCE.id, a.id)).map((n) => n.resolution)).toEqual(["you approved its budget"]);
    expect(await db.notification.findFirstOrThrow({ where: { organizationId: org.id, userId: org.users.ADMIN.id, useCaseId: a.id, kind: "approval_requested" }, select: { resolution: true } })).toEqual({ resolution: `${exec.name} approved RAG` });

    // Approved, then superseded by a decision recorded directly: finance's budget request is answered.
    const b = await newUseCase();
    await runAs(LEAD.id, () => proposeDecision(org.slug, { id: b.id, approach: "RAG" }));
    await runAs(EXECUTIVE.id, () => approveDecision(org.slug, { id: b.id }));
    expect(await unread(FINANCE.id)).toBe(before + 1);
    const { version } = await db.useCase.findUniqueOrThrow({ where: { id: b.id } });
    const recorded = (await runAs(EXECUTIVE.id, () => recordDecision(org.slug, { id: b.id, expectedVersion: version, chosenApproach: "PROMPTING", decisionNotes: "" }))) as Result;
    expect(recorded.ok).toBe(true);
    // The old request is answered; the decision recorded goes through the workflow, so finance is asked for Prompting's budget.
    expect(await unread(FINANCE.id)).toBe(before + 1);
    const requests = await requestsOf(FINANCE.id, b.id);
    expect(requests.map((n) => n.resolution)).toEqual([`${exec.name} recorded Prompting only directly, superseding it`, null]);
  });

  it("moving the use case to the trash answers its open requests, saying who did; a refused trash answers none, and a restore reopens none", async () => {
    const { EXECUTIVE, ADMIN, LEAD, FINANCE } = org.users;
    const exec = await db.user.findUniqueOrThrow({ where: { id: EXECUTIVE.id }, select: { name: true } });
    const uc = await newUseCase("Supplier contract summariser");
    await runAs(LEAD.id, () => proposeDecision(org.slug, { id: uc.id, approach: "RAG" }));
    const open = async () => [await unread(EXECUTIVE.id), await unread(ADMIN.id)];
    const before = await open();
    expect((await requestsOf(ADMIN.id, uc.id)).map((n) => [n.kind, n.resolvedAt])).toEqual([["approval_requested", null]]);

    // Refused: finance may not delete, a lead only their own, and a member of another organization reaches nothing here.
    const otherLead = await db.user.create({ data: { email: `second-lead-${uc.id}@workflow.test`, name: "Second lead", emailVerifiedAt: new Date() } });
    await db.membership.create({ data: { userId: otherLead.id, organizationId: org.id, role: "LEAD" } });
    for (const [who, slug] of [[FINANCE.id, org.slug], [otherLead.id, org.slug], [other.users.ADMIN.id, org.slug], [other.users.ADMIN.id, other.slug]] as const) {
      expect(((await runAs(who, () => deleteUseCase(slug, { id: uc.id }))) as Result).ok).toBe(false);
    }
    expect(await open()).toEqual(before);
    expect((await requestsOf(ADMIN.id, uc.id)).map((n) => [n.resolvedAt, n.resolution])).toEqual([[null, null]]);

    // The executive moves it to the trash: neither the executive nor the admin is asked any longer.
    expect(((await runAs(EXECUTIVE.id, () => deleteUseCase(org.slug, { id: uc.id }))) as Result).ok).toBe(true);
    expect(await open()).toEqual([before[0]! - 1, before[1]! - 1]);
    expect((await requestsOf(EXECUTIVE.id, uc.id))[0]).toMatchObject({ kind: "approval_requested", readAt: expect.any(Date), resolvedAt: expect.any(Date), resolution: "you moved it to the trash" });
    expect((await requestsOf(ADMIN.id, uc.id))[0]).toMatchObject({ kind: "approval_requested", readAt: expect.any(Date), resolvedAt: expect.any(Date), resolution: `${exec.name} moved it to the trash` });
    const adminItem = itemsOn(await pageAs(ADMIN.id)).find((i) => i.text.includes("Supplier contract summariser"))!;
    expect(adminItem).toMatchObject({ unread: false, resolved: true });
    expect(adminItem.text).toContain(`No longer awaits you: ${exec.name} moved it to the trash (`);

    // Restored: the requests stay answered (the decisions queue shows the proposal again).
    expect(((await runAs(EXECUTIVE.id, () => restoreUseCase(org.slug, { id: uc.id }))) as Result).ok).toBe(true);
    expect(await open()).toEqual([before[0]! - 1, before[1]! - 1]);
    expect((await requestsOf(ADMIN.id, uc.id)).map((n) => n.resolution)).toEqual([`${exec.name} moved it to the trash`]);
  });
});
