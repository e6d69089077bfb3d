import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { rederiveOrganization } from "@/lib/server/use-cases/derive";
import { inUseCaseTransaction, writeUseCase } from "@/lib/server/use-cases/write";
import { createTestOrg } from "./helpers/factory";

const SUPPORT = { changeFrequency: "weekly", maxLagDays: 3, coreNeed: "retrieval", needsCitations: true, monthlyCalls: 1_000_000, evaluationSetExists: true } as const;

describe("deriving scores and projections on save", () => {
  it("stores the consensus, flags, score and a projection whose years are the exact sums of its lines", async () => {
    const org = await createTestOrg("derive");
    const ctx = { organizationId: org.id, actorId: org.users.LEAD.id, role: "LEAD" as const };
    const { id } = await inUseCaseTransaction((tx) => writeUseCase(tx, ctx, { fields: { title: "Support assistant", horizonYears: 3, startDate: "2027-01-01", assessment: SUPPORT } }));
    const uc = await db.useCase.findUniqueOrThrow({ where: { id } });
    expect(uc.recommendedApproach).toBe("RAG");
    expect(uc.agreementVoters).toBeGreaterThanOrEqual(3);
    expect((uc.score as { frameworks: unknown[] }).frameworks).toHaveLength(5);
    const lines = await db.costLine.findMany({ where: { useCaseId: id } });
    const years = await db.costYear.findMany({ where: { useCaseId: id } });
    expect(years.map((y) => y.calendarYear).sort()).toEqual(expect.arrayContaining([2027, 2028, 2029]));
    for (const y of years) {
      const mine = lines.filter((l) => l.approach === y.approach && l.yearIndex === y.yearIndex);
      expect(y.baseCents).toBe(mine.reduce((s, l) => s + (l.baseCents ?? 0n), 0n));
    }
    // The organization has not set a model price: inference is missing, never $0.
    expect(lines.filter((l) => l.category === "INFERENCE").every((l) => l.baseCents === null)).toBe(true);
    expect(years.every((y) => !y.complete)).toBe(true);
  });

  it("re-derives the whole organization when its weights change", async () => {
    const org = await createTestOrg("weights");
    const ctx = { organizationId: org.id, actorId: org.users.LEAD.id, role: "LEAD" as const };
    const { id } = await inUseCaseTransaction((tx) => writeUseCase(tx, ctx, { fields: { title: "Chatbot", assessment: { changeFrequency: "static", coreNeed: "neither", needsStyleOrFormat: false, fitsContextWindow: true, promptedBaselineMeetsBar: "yes" } } }));
    const before = await db.useCase.findUniqueOrThrow({ where: { id } });
    await db.organization.update({ where: { id: org.id }, data: { frameworkWeights: { "behaviour-vs-knowledge": 0, "start-with-rag": 0 }, weightsVersion: { increment: 1 } } });
    await rederiveOrganization((fn) => db.$transaction(fn), org.id);
    const after = await db.useCase.findUniqueOrThrow({ where: { id } });
    expect(before.recommendedApproach).toBe("PROMPTING");
    expect(after.recommendedApproach).toBe("RAG");
    expect(after.agreementVoters).toBe(before.agreementVoters - 2);
  });
});
