/**
 * Notifications about a use case that was moved to the trash, or deleted for good: they stay
 * listed (they tell of something that happened) but say where the use case is now. Before, each
 * kept its "Open the use case" link to a tab of a page that was in the trash, or gone (a 404).
 */
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { AppRouterContext, type AppRouterInstance } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { describe, expect, it } from "vitest";
import NotificationsPage from "@/app/o/[org]/notifications/page";
import { deleteUseCase, restoreUseCase } from "@/app/o/[org]/use-cases/actions";
import { db } from "@/lib/server/db";
import { createTestOrg } from "./helpers/factory";
import { signInAs } from "./helpers/session";

const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} } as unknown as AppRouterInstance;
const render = (node: ReactNode) => renderToStaticMarkup(createElement(AppRouterContext.Provider, { value: router }, node));

describe("notifications about a use case in the trash", () => {
  it("say it is in the trash and lead to where it can be restored; come back to the use case once restored; say so when it is gone", async () => {
    const org = await createTestOrg("notify-trash");
    const lead = org.users.LEAD.id;
    const make = (title: string) => db.useCase.create({ data: { organizationId: org.id, title, ownerId: lead, createdById: lead }, select: { id: true } });
    const kept = await make("Claims triage assistant");
    const trashed = await make("Invoice matcher");
    const gone = await make("Old pilot");
    for (const [uc, message] of [[kept, "Sam approved your decision on Claims triage assistant."], [trashed, "Sam sent back your decision on Invoice matcher."], [gone, "Sam mentioned you on Old pilot."]] as const) {
      await db.notification.create({ data: { organizationId: org.id, userId: lead, kind: "sent_back", useCaseId: uc.id, actorId: org.users.EXECUTIVE.id, message } });
    }
    const page = async () => render(await NotificationsPage({ params: Promise.resolve({ org: org.slug }) }));
    const openLinks = (html: string) => [...html.matchAll(/href="([^"]+)"[^>]*>Open the use case</g)].map((m) => m[1]);

    signInAs(lead);
    expect((await deleteUseCase(org.slug, { id: trashed.id })).ok).toBe(true);
    await db.useCase.delete({ where: { id: gone.id } });

    const html = await page();
    // every notification stays listed
    expect(html.match(/data-testid="notification"/g)).toHaveLength(3);
    // the live use case keeps its link; the trashed and the deleted ones have none to a page that is not there
    expect(openLinks(html)).toEqual([`/o/${org.slug}/use-cases/${kept.id}?tab=decision`]);
    const note = html.match(/data-testid="notification-trashed">(.*?)<\/p>/)![1]!;
    expect(note).toMatch(/^“Invoice matcher” has been in the trash since .+\. <a /);
    expect(note).toContain(`href="/o/${org.slug}/use-cases/${trashed.id}"`);
    expect(note).toContain("See it in the trash, where it can be restored");
    expect(html).toContain("The use case this was about has been deleted for good, so there is nothing to open.");
    // and the page it leads to offers the restore
    const UseCasePage = (await import("@/app/o/[org]/use-cases/[id]/page")).default;
    const target = render(await UseCasePage({ params: Promise.resolve({ org: org.slug, id: trashed.id }), searchParams: Promise.resolve({}) }));
    expect(target).toContain("This use case is in the trash");
    expect(target).toContain("Restore it");

    // restored: the notification leads to the use case again
    expect((await restoreUseCase(org.slug, { id: trashed.id })).ok).toBe(true);
    const after = await page();
    expect(openLinks(after).sort()).toEqual([`/o/${org.slug}/use-cases/${kept.id}?tab=decision`, `/o/${org.slug}/use-cases/${trashed.id}?tab=decision`].sort());
    expect(after).not.toContain('data-testid="notification-trashed"');
  });
});
