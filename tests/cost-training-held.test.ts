/**
 * The cost panel, as finance reads it, where the cheapest approach trains a model the answers do
 * not justify yet and the recommendation trains none: the panel says why beside the premium
 * (lib/domain/costing/explain.ts, heldTrainingNote), through the real save path.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CostPanel } from "@/app/o/[org]/use-cases/[id]/_panels/cost-panel";
import { createUseCase, updateUseCase } from "@/app/o/[org]/use-cases/actions";
import { createTestOrg } from "./helpers/factory";
import { runAs } from "./helpers/session";

type Result = { ok: boolean; data?: { id: string; version: number } };

describe("a trained approach the cost panel names the cheapest, beside a recommendation that trains none", () => {
  it("says why it is not recommended, and stops saying so once the answers justify training", async () => {
    const org = await createTestOrg("training-held");
    const assessment = { changeFrequency: "annually", maxLagDays: 1, needsStyleOrFormat: false, corpusDocuments: 50, labeledExamples: 0, monthlyCalls: 5_000_000, sensitiveDataOutOfTraining: false, retrainingBudget: false, transformationAtVolume: false, learnsFromFeedback: false, promptedBaselineMeetsBar: "no", evaluationSetExists: true } as const;
    const r = (await runAs(org.users.LEAD.id, () => createUseCase(org.slug, { title: "Tariff lookups at volume", startDate: "2027-01-01", horizonYears: 3, assessment }))) as Result;
    expect(r.ok).toBe(true);
    const panel = async () => runAs(org.users.FINANCE.id, async () => renderToStaticMarkup(await CostPanel({ orgSlug: org.slug, organizationId: org.id, useCaseId: r.data!.id })));
    const html = await panel();
    expect(html).toMatch(/data-testid="savings"[^>]*>Hybrid is the cheapest approach that meets the 1-day lag: against RAG \(the recommendation\) it saves/);
    expect(html).toContain(
      'data-testid="training-held">Hybrid trains a model, and there are too few labeled examples and there is no budget for retraining, so the recommendation trains none for now. These figures price Hybrid (curating the labeled examples it still needs included) as it would run without a budget for retraining, trained once and never retrained; with one, the retraining its knowledge needs would be added.</p>',
    );
    // Answered so that a model may be trained (examples in hand, a budget): no such sentence.
    const u = (await runAs(org.users.LEAD.id, () => updateUseCase(org.slug, { id: r.data!.id, expectedVersion: r.data!.version, title: "Tariff lookups at volume", startDate: "2027-01-01", horizonYears: 3, assessment: { ...assessment, labeledExamples: 5_000, retrainingBudget: true } }))) as Result;
    expect(u.ok).toBe(true);
    expect(await panel()).not.toContain('data-testid="training-held"');
  });
});
