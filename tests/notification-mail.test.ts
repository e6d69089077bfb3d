/**
 * Issue 20: every notification also goes out by mail to the person told, once the change it tells
 * of has committed (with nothing configured, mail is kept in the PostgreSQL outbox, which is what
 * these tests read). The actor is mailed nothing; a rolled-back step mails nobody; a mail server
 * that refuses does not undo the step.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/server/db";
import { createUseCase } from "@/app/o/[org]/use-cases/actions";
import { approveDecision, proposeDecision, sendBackDecision } from "@/app/o/[org]/decisions/actions";
import { addComment } from "@/app/o/[org]/use-cases/[id]/actions";
import { proposeDecision as proposeInTx } from "@/lib/server/decisions/workflow";
import { RAG_ANSWERS } from "./helpers/answers";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { runAs } from "./helpers/session";

type Result = { ok: boolean; data?: Record<string, unknown> };

let org: TestOrg;

async function newUseCase(title: string): Promise<string> {
  const r = (await runAs(org.users.LEAD.id, () => createUseCase(org.slug, { title, startDate: "2027-01-01", horizonYears: 3, assessment: RAG_ANSWERS }))) as Result;
  if (!r.ok) throw new Error(JSON.stringify(r));
  return (r.data as { id: string }).id;
}

/** The outbox messages about one use case, by recipient (its title is in every message). */
async function mailAbout(title: string): Promise<Record<string, { subject: string; text: string }[]>> {
  const rows = await db.outboxMessage.findMany({ where: { text: { contains: title } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const out: Record<string, { subject: string; text: string }[]> = {};
  for (const r of rows) (out[r.to] ??= []).push({ subject: r.subject, text: r.text });
  return out;
}

beforeAll(async () => {
  delete process.env.SMTP_URL;
  process.env.NEXTAUTH_URL = "https://tradeoff.example";
  org = await createTestOrg("mailed");
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("notifications by mail", () => {
  it("mails a proposal to the executive and the admin, with a link to the use case's decision; the lead who proposed gets none", async () => {
    const title = `Mailed proposal ${randomUUID().slice(0, 8)}`;
    const id = await newUseCase(title);
    expect(await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id, approach: "RAG", notes: "" }))).toMatchObject({ ok: true });
    const mail = await mailAbout(title);
    expect(Object.keys(mail).sort()).toEqual([org.users.ADMIN.email, org.users.EXECUTIVE.email].sort());
    const [toExec] = mail[org.users.EXECUTIVE.email]!;
    expect(toExec!.subject).toBe(`${org.name}: a decision awaits your approval`);
    expect(toExec!.text).toContain(`proposed RAG for “${title}”`);
    expect(toExec!.text).toContain(`https://tradeoff.example/o/${org.slug}/use-cases/${id}?tab=decision`);
    // The mail says what the in-app notification says.
    const inApp = await db.notification.findFirstOrThrow({ where: { userId: org.users.EXECUTIVE.id, useCaseId: id } });
    expect(toExec!.text.startsWith(inApp.message)).toBe(true);
  });

  it("mails a send-back to who proposed it, not to the executive who sent it back", async () => {
    const title = `Mailed send-back ${randomUUID().slice(0, 8)}`;
    const id = await newUseCase(title);
    await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id, approach: "FINE_TUNING", notes: "" }));
    await db.outboxMessage.deleteMany({ where: { text: { contains: title } } });
    expect(await runAs(org.users.EXECUTIVE.id, () => sendBackDecision(org.slug, { id, reason: "No labelled data yet." }))).toMatchObject({ ok: true });
    const mail = await mailAbout(title);
    expect(Object.keys(mail)).toEqual([org.users.LEAD.email]);
    expect(mail[org.users.LEAD.email]).toEqual([{ subject: `${org.name}: your decision was sent back`, text: expect.stringContaining("No labelled data yet.") }]);
  });

  it("mails a mention to the member mentioned, with a link to the comments, and nothing to who wrote it", async () => {
    const title = `Mailed mention ${randomUUID().slice(0, 8)}`;
    const id = await newUseCase(title);
    const exec = await db.user.findUniqueOrThrow({ where: { id: org.users.EXECUTIVE.id } });
    expect(await runAs(org.users.FINANCE.id, () => addComment(org.slug, { useCaseId: id, body: `@${exec.name} is this budgeted?` }))).toMatchObject({ ok: true, data: { mentioned: 1 } });
    const mail = await mailAbout(title);
    expect(Object.keys(mail)).toEqual([org.users.EXECUTIVE.email]);
    expect(mail[org.users.EXECUTIVE.email]![0]!.subject).toBe(`${org.name}: you were mentioned in a comment`);
    expect(mail[org.users.EXECUTIVE.email]![0]!.text).toContain(`/o/${org.slug}/use-cases/${id}?tab=comments`);
  });

  it("mails nobody about a step that was rolled back", async () => {
    const title = `Rolled back ${randomUUID().slice(0, 8)}`;
    const id = await newUseCase(title);
    const ctx = { organizationId: org.id, actorId: org.users.LEAD.id, role: "LEAD" as const };
    await expect(
      db.$transaction(async (tx) => {
        await proposeInTx(tx, ctx, { id, approach: "RAG", notes: "" });
        throw new Error("a later write failed");
      }),
    ).rejects.toThrow("a later write failed");
    expect(await db.notification.count({ where: { useCaseId: id } })).toBe(0);
    expect(await mailAbout(title)).toEqual({});
    // The same step, committed, is mailed.
    await db.$transaction((tx) => proposeInTx(tx, ctx, { id, approach: "RAG", notes: "" }));
    expect(Object.keys(await mailAbout(title)).sort()).toEqual([org.users.ADMIN.email, org.users.EXECUTIVE.email].sort());
  });

  it("a mail server that refuses does not undo the approval; the failure is logged", async () => {
    const title = `Refused mail ${randomUUID().slice(0, 8)}`;
    const id = await newUseCase(title);
    await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id, approach: "RAG", notes: "" }));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    process.env.SMTP_URL = "smtp://127.0.0.1:9"; // nothing listens there
    try {
      expect(await runAs(org.users.EXECUTIVE.id, () => approveDecision(org.slug, { id }))).toMatchObject({ ok: true, data: { state: "APPROVED" } });
    } finally {
      delete process.env.SMTP_URL;
    }
    expect((await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: id } })).state).toBe("APPROVED");
    expect(await db.notification.count({ where: { useCaseId: id, userId: org.users.FINANCE.id, kind: "budget_requested" } })).toBe(1);
    expect(logged.mock.calls.flat().join("\n")).toContain("could not send");
  });
});
