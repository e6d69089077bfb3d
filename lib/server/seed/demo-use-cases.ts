import "server-only";
import { scoreUseCase } from "@/lib/domain/frameworks";
import { db } from "../db";
import { recordUseCaseDecision, writeUseCase } from "../use-cases/write";
import { DEMO_USE_CASES } from "./demo-portfolio";

/**
 * The demo portfolio (./demo-portfolio.ts), written through the real write path: each use case
 * as its lead (or the admin) would log it, then the decisions an admin recorded. A decision
 * "recommended" takes the frameworks' recommendation; an approach names a decision that may go
 * against them.
 */
export async function seedDemoUseCases(organizationId: string): Promise<void> {
  const admin = await db.membership.findFirstOrThrow({ where: { organizationId, role: "ADMIN" }, select: { userId: true } });
  const lead = await db.membership.findFirstOrThrow({ where: { organizationId, role: "LEAD" }, select: { userId: true } });
  await db.$transaction(
    async (tx) => {
      const leadCtx = { organizationId, actorId: lead.userId, role: "LEAD" as const };
      const adminCtx = { organizationId, actorId: admin.userId, role: "ADMIN" as const };
      for (const uc of DEMO_USE_CASES) {
        const { decision, decisionNotes, byAdmin, manualEstimate, ...rest } = uc;
        const fields = { ...rest, manualEstimate: manualEstimate ?? null, externalId: null };
        const written = await writeUseCase(tx, byAdmin ? adminCtx : leadCtx, { fields });
        if (!decision) continue;
        const chosen = decision === "recommended" ? scoreUseCase(uc.assessment).consensus : decision;
        if (!chosen) continue;
        await recordUseCaseDecision(tx, adminCtx, { id: written.id, expectedVersion: written.version, chosenApproach: chosen, decisionNotes: decisionNotes ?? "" });
      }
    },
    { timeout: 120_000 },
  );
}
