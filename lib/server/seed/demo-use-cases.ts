import "server-only";
import { MANUAL_ESTIMATE_APPROACHES } from "@/lib/domain/assessment";
import { scoreUseCase } from "@/lib/domain/frameworks";
import { generateUseCases } from "@/scripts/bench/generate";
import { db } from "../db";
import { recordUseCaseDecision, writeUseCase } from "../use-cases/write";

/**
 * The demo portfolio: a few hand-written use cases drawn from the seeds' own examples, a spread of
 * generated ones across business units, and decisions on some, all through the real write path.
 */
const HAND_WRITTEN = [
  {
    title: "Customer support assistant (changing catalogue)",
    businessUnit: "Customer Support",
    status: "BUILDING" as const,
    description: "Answers customer questions about products, prices and policies that change every week.",
    assessment: { changeFrequency: "weekly", maxLagDays: 3, coreNeed: "retrieval", needsStyleOrFormat: false, needsCitations: true, fitsContextWindow: false, corpusDocuments: 40000, labeledExamples: 0, latencySensitive: false, monthlyCalls: 1000000, yearlyGrowthPct: 20, sensitiveDataOutOfTraining: false, retrainingBudget: false, expertiseDocumented: true, needsToolUse: false, transformationAtVolume: false, learnsFromFeedback: false, promptedBaselineMeetsBar: "no", evaluationSetExists: true, weeksToProduction: 2 },
    decision: "FINE_TUNING" as const,
  },
  {
    title: "Brand-voice product copywriter",
    businessUnit: "Marketing",
    status: "ASSESSING" as const,
    description: "Writes product descriptions in the house style.",
    assessment: { changeFrequency: "annually", maxLagDays: 180, coreNeed: "reasoning", needsStyleOrFormat: true, needsCitations: false, fitsContextWindow: true, corpusDocuments: 50, labeledExamples: 3000, latencySensitive: false, monthlyCalls: 50000, yearlyGrowthPct: 10, evaluationSetExists: true, promptedBaselineMeetsBar: "no" },
    decision: null,
  },
  {
    title: "Contract redlining at volume",
    businessUnit: "Legal",
    status: "IDEA" as const,
    description: "Marks up incoming contracts against the playbook.",
    assessment: { changeFrequency: "quarterly", coreNeed: "both", transformationAtVolume: true, needsCitations: true, monthlyCalls: 20000, evaluationSetExists: false },
    decision: null,
  },
];

const MANUAL_APPROACHES = new Set<string>(MANUAL_ESTIMATE_APPROACHES);

export async function seedDemoUseCases(organizationId: string): Promise<void> {
  const admin = await db.membership.findFirstOrThrow({ where: { organizationId, role: "ADMIN" }, select: { userId: true } });
  const lead = await db.membership.findFirstOrThrow({ where: { organizationId, role: "LEAD" }, select: { userId: true } });
  // Approaches the cost model cannot price (an agent, a pipeline, feedback learning) take a
  // manual yearly estimate: most demo use cases recommended one have it; a few do not, so the
  // portfolio shows how a use case with no cost is reported (never as $0).
  let manual = 0;
  const generated = generateUseCases(45, 7).map((f) => {
    const consensus = scoreUseCase(f.assessment ?? {}).consensus;
    if (!consensus || !MANUAL_APPROACHES.has(consensus) || manual++ % 3 === 2) return { ...f, externalId: null };
    const base = (40 + ((manual * 37) % 160)) * 1_000_00;
    return { ...f, externalId: null, manualEstimate: { low: Math.round(base * 0.7), base, high: Math.round(base * 1.6) } };
  });
  await db.$transaction(
    async (tx) => {
      const leadCtx = { organizationId, actorId: lead.userId, role: "LEAD" as const };
      const adminCtx = { organizationId, actorId: admin.userId, role: "ADMIN" as const };
      for (const uc of HAND_WRITTEN) {
        const { decision, ...fields } = uc;
        const written = await writeUseCase(tx, leadCtx, { fields: fields as never });
        if (decision) {
          await recordUseCaseDecision(tx, adminCtx, { id: written.id, expectedVersion: written.version, chosenApproach: decision, decisionNotes: "Chosen before the assessment was done." });
        }
      }
      for (const [i, fields] of generated.entries()) {
        const written = await writeUseCase(tx, i % 3 === 0 ? adminCtx : leadCtx, { fields });
        if (i % 4 === 0) {
          const row = await tx.useCase.findUniqueOrThrow({ where: { id: written.id }, select: { recommendedApproach: true } });
          const chosen = i % 8 === 0 ? "RAG" : row.recommendedApproach;
          if (chosen) await recordUseCaseDecision(tx, adminCtx, { id: written.id, expectedVersion: written.version, chosenApproach: chosen, decisionNotes: "" });
        }
      }
    },
    { timeout: 120_000 },
  );
}
