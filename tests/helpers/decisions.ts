/**
 * The shared setup of the decision tests (tests/decisions-workflow.test.ts, -comments and -queue):
 * the organization they act in and another one, a use case logged by the lead, and what a member
 * was told about a use case. A file calls setUpDecisionTests() once, at its top level.
 */
import { randomUUID } from "node:crypto";
import { beforeAll } from "vitest";
import { db } from "@/lib/server/db";
import { ONE_TIME } from "@/lib/domain/costing/drivers";
import { createUseCase } from "@/app/o/[org]/use-cases/actions";
import { RAG_ANSWERS } from "./answers";
import { createTestOrg, type TestOrg } from "./factory";
import { runAs } from "./session";

/** What a server action returns, as these tests read it. */
export type Result = { ok: boolean; code?: string; message?: string; fieldErrors?: Record<string, string[]>; data?: Record<string, unknown> };

/** The organization the tests act in ("workflow") and another ("elsewhere") whose use cases must stay out of reach. */
async function createDecisionOrgs(): Promise<{ org: TestOrg; other: TestOrg }> {
  return { org: await createTestOrg("workflow"), other: await createTestOrg("elsewhere") };
}

/** A use case the organization's lead logs (RAG's answers unless others are given, three years from 2027). */
async function newDecisionUseCase(o: TestOrg, title = `Workflow ${randomUUID().slice(0, 8)}`, assessment: Record<string, unknown> = RAG_ANSWERS): Promise<{ id: string; version: number }> {
  const r = (await runAs(o.users.LEAD.id, () => createUseCase(o.slug, { title, startDate: "2027-01-01", horizonYears: 3, assessment }))) as Result;
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data as { id: string; version: number };
}

/** What the member was told about the use case in the organization, oldest first. */
const notificationsIn = (o: TestOrg, userId: string, useCaseId: string) =>
  db.notification.findMany({ where: { organizationId: o.id, userId, useCaseId }, orderBy: { createdAt: "asc" }, select: { kind: true, message: true } });

/**
 * Creates the two organizations before the file's tests (beforeAll) and returns them, filled in
 * once that has run, with a use case logged by the lead (in `org` unless another is named) and what
 * a member of `org` was told about a use case.
 */
export function setUpDecisionTests() {
  const org = {} as TestOrg;
  const other = {} as TestOrg;
  beforeAll(async () => {
    const created = await createDecisionOrgs();
    Object.assign(org, created.org);
    Object.assign(other, created.other);
  });
  return {
    org,
    other,
    newUseCase: (title?: string, o: TestOrg = org, assessment?: Record<string, unknown>) => newDecisionUseCase(o, title, assessment),
    notificationsOf: (userId: string, useCaseId: string) => notificationsIn(org, userId, useCaseId),
  };
}

/**
 * The budget a decision on the approach takes from its stored projection: the first year's base,
 * its one-off lines (one-off.ts: build, curation, training, the evaluation set, the first embedding) apart as the build, the
 * rest as the yearly budget (the run rate); and the first year whole.
 */
export async function projectedBudget(useCaseId: string, approach: "RAG" | "FINE_TUNING" | "HYBRID" | "PROMPTING"): Promise<{ yearly: number; build: number; first: number }> {
  const first = Number((await db.costYear.findFirstOrThrow({ where: { useCaseId, approach, yearIndex: 1 }, select: { baseCents: true } })).baseCents);
  const lines = await db.costLine.findMany({ where: { useCaseId, approach, yearIndex: 1, category: { in: [...ONE_TIME] } }, select: { baseCents: true } });
  const build = lines.reduce((n, l) => n + Number(l.baseCents ?? 0n), 0);
  return { yearly: first - build, build, first };
}
