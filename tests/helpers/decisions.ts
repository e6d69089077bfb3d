/**
 * The shared setup of the decision tests (tests/decisions-workflow.test.ts, -comments and -queue):
 * the organization they act in and another one, a use case logged by the lead, and what a member
 * was told about a use case.
 */
import { randomUUID } from "node:crypto";
import { db } from "@/lib/server/db";
import { createUseCase } from "@/app/o/[org]/use-cases/actions";
import { RAG_ANSWERS } from "./answers";
import { createTestOrg, type TestOrg } from "./factory";
import { runAs } from "./session";

/** What a server action returns, as these tests read it. */
export type Result = { ok: boolean; code?: string; message?: string; fieldErrors?: Record<string, string[]>; data?: Record<string, unknown> };

/** The organization the tests act in ("workflow") and another ("elsewhere") whose use cases must stay out of reach. */
export async function createDecisionOrgs(): Promise<{ org: TestOrg; other: TestOrg }> {
  return { org: await createTestOrg("workflow"), other: await createTestOrg("elsewhere") };
}

/** A use case the organization's lead logs (RAG's answers, three years from 2027). */
export async function newDecisionUseCase(o: TestOrg, title = `Workflow ${randomUUID().slice(0, 8)}`): Promise<{ id: string; version: number }> {
  const r = (await runAs(o.users.LEAD.id, () => createUseCase(o.slug, { title, startDate: "2027-01-01", horizonYears: 3, assessment: RAG_ANSWERS }))) as Result;
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data as { id: string; version: number };
}

/** What the member was told about the use case in the organization, oldest first. */
export const notificationsIn = (o: TestOrg, userId: string, useCaseId: string) =>
  db.notification.findMany({ where: { organizationId: o.id, userId, useCaseId }, orderBy: { createdAt: "asc" }, select: { kind: true, message: true } });
