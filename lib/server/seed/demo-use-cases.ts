import "server-only";
import { scoreUseCase } from "@/lib/domain/frameworks";
import { db } from "../db";
import { approveDecision, proposeDecision } from "../decisions/workflow";
import { deriveUseCase } from "../use-cases/derive";
import { writeUseCase } from "../use-cases/write";
import { recordUseCaseDecision } from "../use-cases/decision";
import { DEMO_USE_CASES } from "./demo-portfolio";

/** The inventory's id of the demo's nth use case ("KM-001"): what its cloud bill is tagged with (./demo-actuals.ts). */
export const demoExternalId = (index: number) => `KM-${String(index + 1).padStart(3, "0")}`;

/**
 * The demo portfolio (./demo-portfolio.ts), written through the real write path: each use case
 * as its lead (or the admin) would log it, then the decisions an admin recorded. A decision
 * "recommended" takes the frameworks' recommendation; an approach names a decision that may go
 * against them. A few go through the approval workflow (issue 20) as the lead and the executive
 * would, so the decision queue has a proposal, a budget for finance and a decision to review.
 */
export async function seedDemoUseCases(organizationId: string): Promise<void> {
  const admin = await db.membership.findFirstOrThrow({ where: { organizationId, role: "ADMIN" }, select: { userId: true } });
  const lead = await db.membership.findFirstOrThrow({ where: { organizationId, role: "LEAD" }, select: { userId: true } });
  const executive = (await db.membership.findFirst({ where: { organizationId, role: "EXECUTIVE" }, select: { userId: true } })) ?? admin;
  await db.$transaction(
    async (tx) => {
      const leadCtx = { organizationId, actorId: lead.userId, role: "LEAD" as const };
      const adminCtx = { organizationId, actorId: admin.userId, role: "ADMIN" as const };
      const execCtx = { organizationId, actorId: executive.userId, role: executive === admin ? ("ADMIN" as const) : ("EXECUTIVE" as const) };
      for (const [i, uc] of DEMO_USE_CASES.entries()) {
        const { decision, decisionNotes, byAdmin, manualEstimate, workflow, approvedOn, retiredOn, ...rest } = uc;
        const fields = { ...rest, manualEstimate: manualEstimate ?? null, externalId: demoExternalId(i) };
        const author = byAdmin ? adminCtx : leadCtx;
        if (workflow === "to-review") {
          // Logged and approved on the answers of the time, then the lead's answers changed.
          const earlier = { ...fields, assessment: { ...fields.assessment, ...approvedOn } };
          const first = await writeUseCase(tx, author, { fields: earlier });
          const approach = scoreUseCase(earlier.assessment).consensus;
          if (!approach) throw new Error(`${uc.title}: no recommendation to approve`);
          await approveDecision(tx, execCtx, { id: first.id, approach, notes: decisionNotes ?? "" });
          const { version } = await tx.useCase.findFirstOrThrow({ where: { id: first.id, organizationId }, select: { version: true } });
          await writeUseCase(tx, author, { id: first.id, expectedVersion: version, fields });
          continue;
        }
        const written = await writeUseCase(tx, author, { fields });
        if (retiredOn) {
          // Switched off on a day of its own, not the seed's: its projection stops at the end of that year.
          await tx.useCase.update({ where: { id: written.id }, data: { retiredAt: new Date(`${retiredOn}T00:00:00Z`) } });
          await deriveUseCase(tx, { organizationId, useCaseId: written.id });
        }
        if (workflow === "proposed" || workflow === "approved") {
          const approach = scoreUseCase(uc.assessment).consensus;
          if (!approach) throw new Error(`${uc.title}: no recommendation to propose`);
          await proposeDecision(tx, leadCtx, { id: written.id, approach, notes: "The frameworks' recommendation; the team can start next quarter." });
          if (workflow === "approved") await approveDecision(tx, execCtx, { id: written.id });
          continue;
        }
        if (!decision) continue;
        const chosen = decision === "recommended" ? scoreUseCase(uc.assessment).consensus : decision;
        if (!chosen) continue;
        await recordUseCaseDecision(tx, adminCtx, { id: written.id, expectedVersion: written.version, chosenApproach: chosen, decisionNotes: decisionNotes ?? "" });
      }
    },
    { timeout: 120_000 },
  );
}
