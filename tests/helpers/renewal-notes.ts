/**
 * The demo's "Renewal call preparation notes", written through the real save path: it needs tools,
 * so the frameworks that do not weigh tool use abstain and an agent is recommended, priced by its
 * owner's manual estimate ($500,000 / $800,000 / $1,200,000 a year, three years). Returns its id.
 */
import { inUseCaseTransaction, writeUseCase } from "@/lib/server/use-cases/write";
import type { TestOrg } from "./factory";

export function writeRenewalNotes(org: TestOrg): Promise<string> {
  const ctx = { organizationId: org.id, actorId: org.users.ADMIN.id, role: "ADMIN" as const };
  return inUseCaseTransaction(async (tx) => {
    const written = await writeUseCase(tx, ctx, {
      fields: {
        title: "Renewal call preparation notes", businessUnit: "Sales", horizonYears: 3, startDate: "2027-02-01",
        assessment: { changeFrequency: "daily", maxLagDays: 1, coreNeed: "both", corpusDocuments: 80_000, monthlyCalls: 12_000, needsToolUse: true, promptedBaselineMeetsBar: "untested", evaluationSetExists: false },
        manualEstimate: { low: 50_000_000, base: 80_000_000, high: 120_000_000 },
      } as never,
    });
    return written.id;
  });
}
