/**
 * Decisions, budgets and notifications that contradicted each other (the last review):
 * - a proposal for an approach that cannot serve the use case reached its approvers without a word
 *   of it, though the Decision tab shows it in red;
 * - a budget finance approved with no figure left the budget panel saying "no approvals yet";
 * - an executive recording another approach with the Decision tab's form left the workflow's
 *   approved budget, for the approach no longer chosen, counted as approved spend.
 * Each through the real server actions, and read as the pages read it.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createUseCase } from "@/app/o/[org]/use-cases/actions";
import { approveDecision, proposeDecision } from "@/app/o/[org]/decisions/actions";
import { getDecisionOptionNotes } from "@/lib/server/projections";
import { RAG_ANSWERS } from "./helpers/answers";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { runAs } from "./helpers/session";

type Result = { ok: boolean; code?: string; message?: string; data?: Record<string, unknown> };

let org: TestOrg;

async function newUseCase(o: TestOrg, assessment: Record<string, unknown> = RAG_ANSWERS, extra: Record<string, unknown> = {}): Promise<{ id: string; title: string }> {
  const title = `Contradiction ${randomUUID().slice(0, 8)}`;
  const r = (await runAs(o.users.LEAD.id, () => createUseCase(o.slug, { title, startDate: "2027-01-01", horizonYears: 3, assessment, ...extra }))) as Result;
  if (!r.ok) throw new Error(JSON.stringify(r));
  return { id: (r.data as { id: string }).id, title };
}

const messagesTo = async (userId: string, useCaseId: string, kind: string) =>
  (await db.notification.findMany({ where: { organizationId: org.id, userId, useCaseId, kind }, orderBy: { createdAt: "asc" }, select: { message: true } })).map((n) => n.message);

beforeAll(async () => {
  org = await createTestOrg("contradict");
});

describe("a proposal for an approach that cannot serve the use case", () => {
  it("tells the approvers so, in the words the Decision tab shows in red, and the mail says it too", async () => {
    const uc = await newUseCase(org);
    // The Decision tab's note under Fine-tuning (red: it cannot serve): a 14-day lag it cannot meet.
    const note = (await getDecisionOptionNotes(org.id, uc.id)).FINE_TUNING!;
    expect(note.cannotServe).toBe(true);
    expect(note.text).toMatch(/; does not meet the 14-day lag$/);

    expect(await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id: uc.id, approach: "FINE_TUNING", notes: "" }))).toMatchObject({ ok: true });
    for (const approver of [org.users.EXECUTIVE.id, org.users.ADMIN.id]) {
      const [message] = await messagesTo(approver, uc.id, "approval_requested");
      expect(message).toMatch(/it awaits your approval\. Fine-tuning cannot serve this use case: it does not meet the 14-day lag\.$/);
    }
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { to: org.users.EXECUTIVE.email, text: { contains: uc.title } } });
    expect(mail.text).toContain("Fine-tuning cannot serve this use case: it does not meet the 14-day lag.");

    // Approved anyway: finance, asked for its budget, is told too.
    expect(await runAs(org.users.EXECUTIVE.id, () => approveDecision(org.slug, { id: uc.id }))).toMatchObject({ ok: true });
    expect(await messagesTo(org.users.FINANCE.id, uc.id, "budget_requested")).toEqual([expect.stringMatching(/awaits your approval\. Fine-tuning cannot serve this use case: it does not meet the 14-day lag\.$/)]);
  });

  it("says nothing of the kind for an approach that serves", async () => {
    const uc = await newUseCase(org);
    expect((await getDecisionOptionNotes(org.id, uc.id)).RAG!.cannotServe).toBe(false);
    expect(await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id: uc.id, approach: "RAG", notes: "" }))).toMatchObject({ ok: true });
    const [message] = await messagesTo(org.users.EXECUTIVE.id, uc.id, "approval_requested");
    expect(message).toMatch(/it awaits your approval\.$/);
    expect(message).not.toContain("cannot serve");
  });
});
