/**
 * What the tests of a re-pricing (an assumptions save, a version started from actual spend) share:
 * a retrieval use case logged through the one write path, the portfolio's lifecycle total as
 * chosen as the dashboard gives it, and one use case's stored total as chosen.
 */
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { db } from "@/lib/server/db";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import { inUseCaseTransaction, writeUseCase } from "@/lib/server/use-cases/write";
import type { TestOrg } from "./factory";

/** A one-year retrieval use case from January 2027 with weekly changes and `monthlyCalls` calls, logged by the organization's lead. */
export async function createRetrievalUseCase(org: TestOrg, title: string, monthlyCalls: number, externalId?: string): Promise<string> {
  const ctx = { organizationId: org.id, actorId: org.users.LEAD.id, role: "LEAD" as const };
  const { id } = await inUseCaseTransaction((tx) =>
    writeUseCase(tx, ctx, { fields: { title, ...(externalId ? { externalId } : {}), horizonYears: 1, startDate: "2027-01-01", assessment: { monthlyCalls, coreNeed: "retrieval", changeFrequency: "weekly" } } }),
  );
  return id;
}

/** The portfolio's lifecycle total as chosen (base, cents) and how many use cases it costs. */
export async function portfolioTotal(orgId: string): Promise<{ base: number; costed: number }> {
  const d = await loadDashboard(orgId, EMPTY_FILTER);
  if (!("scenarioSummaries" in d)) throw new Error("no totals");
  const chosen = d.scenarioSummaries.find((s) => s.scenario === "chosen")!;
  return { base: chosen.lifecycle.base, costed: chosen.costed };
}

/** One use case's stored lifecycle base as chosen (cents). */
export const asChosen = async (id: string): Promise<number> => Number((await db.useCaseRollup.findUniqueOrThrow({ where: { useCaseId: id } })).chosenBaseCents);
