import { describe, expect, it } from "vitest";
import { previewAssumptions, saveAssumptions } from "@/app/o/[org]/assumptions/actions";
import { previewAssumptions as previewInPages } from "@/lib/server/assumptions-preview";
import type { MemberContext } from "@/lib/server/guard";
import { DEFAULT_ASSUMPTIONS } from "@/lib/domain/costing";
import { db } from "@/lib/server/db";
import { softDeleteUseCase } from "@/lib/server/use-cases/trash";
import { inUseCaseTransaction, writeUseCase } from "@/lib/server/use-cases/write";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { createRetrievalUseCase } from "./helpers/reprojection";
import { signInAs, signOut } from "./helpers/session";

/**
 * Finance previews what saving new figures would do before saving them: the preview says exactly
 * what the save then does (the same totals, moves and changed recommendations), writes nothing,
 * and refuses what a save refuses.
 */

/** A use case whose recommendation turns on the retraining lag: fine-tuning alone misses its 14-day lag at 21 days a cycle, not at 2. Its prompted baseline tried and short (untested, no model is trained since judgement 2.14). */
async function lagBoundUseCase(org: TestOrg, title: string): Promise<string> {
  const ctx = { organizationId: org.id, actorId: org.users.LEAD.id, role: "LEAD" as const };
  const { id } = await inUseCaseTransaction((tx) =>
    writeUseCase(tx, ctx, {
      fields: {
        title,
        horizonYears: 3,
        startDate: "2027-01-01",
        assessment: {
          changeFrequency: "quarterly", coreNeed: "both", maxLagDays: 14, monthlyCalls: 10_000, labeledExamples: 100_000, needsStyleOrFormat: false,
          retrainingBudget: true, latencySensitive: true, expertiseDocumented: false, promptedBaselineMeetsBar: "no",
        },
      },
    }),
  );
  return id;
}

/** What the preview must leave as it found: versions, audit entries, and every stored figure. */
async function snapshot(orgId: string) {
  const [versions, audit, rollups, useCases] = await Promise.all([
    db.assumptionVersion.count({ where: { organizationId: orgId } }),
    db.auditEvent.count({ where: { organizationId: orgId } }),
    db.useCaseRollup.findMany({ where: { organizationId: orgId }, orderBy: { useCaseId: "asc" }, select: { useCaseId: true, chosenBaseCents: true, recommendedApproach: true, updatedAt: true } }),
    db.useCase.findMany({ where: { organizationId: orgId }, orderBy: { id: "asc" }, select: { id: true, version: true, updatedAt: true, recommendedApproach: true, scoredAt: true } }),
  ]);
  return { versions, audit, rollups, useCases };
}

describe("previewing new assumptions before saving them", () => {
  it("says what the save then does, to the cent, and writes nothing", async () => {
    const org = await createTestOrg("assume-preview");
    await createRetrievalUseCase(org, "Busy helpdesk", 400_000);
    await createRetrievalUseCase(org, "Quiet helpdesk", 10_000);
    const tuned = await lagBoundUseCase(org, "Style guide writer");
    const trashed = await createRetrievalUseCase(org, "Trashed helpdesk", 900_000);
    await inUseCaseTransaction((tx) => softDeleteUseCase(tx, { organizationId: org.id, actorId: org.users.ADMIN.id, role: "ADMIN" }, { id: trashed }));

    signInAs(org.users.FINANCE.id);
    const input = {
      expectedVersion: 0,
      fineTuneMethod: DEFAULT_ASSUMPTIONS.fineTuneMethod,
      values: {
        ...DEFAULT_ASSUMPTIONS.values,
        modelInputPricePerMTokens: { low: 5, base: 10, high: 20 },
        modelOutputPricePerMTokens: { low: 5, base: 30, high: 40 },
        retrainLagDays: { low: 1, base: 2, high: 3 },
      },
    };
    const before = await snapshot(org.id);
    const preview = await previewAssumptions(org.slug, { ...input, note: "" });
    if (!preview.ok) throw new Error(preview.message);
    expect(await snapshot(org.id)).toEqual(before);

    expect(preview.data.version).toBe(1);
    expect(preview.data.basedOn).toBe(0);
    const p = preview.data.impact;
    expect(p.useCases).toBe(3); // the trashed one is not counted, as the portfolio does not count it
    expect(p.moved).toBe(3);
    expect(p.rerecommended).toBe(1);
    expect(p.rerecommendedFirst).toEqual([{ id: tuned, title: "Style guide writer", before: "HYBRID", after: "FINE_TUNING" }]);

    const saved = await saveAssumptions(org.slug, { ...input, note: "Negotiated prices, faster retraining" });
    if (!saved.ok) throw new Error(saved.message);
    // The preview's figures are the save's own: totals, moves, the largest moves, changed recommendations.
    expect(saved.data.impact).toEqual(p);
    expect((await db.useCase.findUniqueOrThrow({ where: { id: tuned } })).recommendedApproach).toBe("FINE_TUNING");
    signOut();
  });

  it("says how many use cases a blanked figure would leave lacking it, and the save says the same: never a saving", async () => {
    const org = await createTestOrg("assume-blank");
    const busy = await createRetrievalUseCase(org, "Busy helpdesk", 400_000);
    await createRetrievalUseCase(org, "Quiet helpdesk", 10_000);
    signInAs(org.users.FINANCE.id);
    const input = {
      expectedVersion: 0,
      fineTuneMethod: DEFAULT_ASSUMPTIONS.fineTuneMethod,
      values: { ...DEFAULT_ASSUMPTIONS.values, vectorDbMonthlyUsd: { low: null, base: null, high: null } },
    };
    const preview = await previewAssumptions(org.slug, { ...input, note: "" });
    if (!preview.ok) throw new Error(preview.message);
    const p = preview.data.impact;
    // Both are RAG use cases: each loses its vector database line and lacks that figure.
    expect(p.total).toMatchObject({ costedBefore: 2, costedAfter: 2, incompleteBefore: 0, incompleteAfter: 2 });
    expect(p.total.after).toBeLessThan(p.total.before);
    expect(p.most.find((m) => m.id === busy)).toMatchObject({ incomplete: { before: false, after: true } });

    const saved = await saveAssumptions(org.slug, { ...input, note: "Vector database price under review" });
    if (!saved.ok) throw new Error(saved.message);
    expect(saved.data.impact).toEqual(p);
    signOut();
  });

  it("refuses what a save refuses, and a form opened on an older version", async () => {
    const org = await createTestOrg("assume-preview-refused");
    await createRetrievalUseCase(org, "Busy helpdesk", 400_000);
    signInAs(org.users.FINANCE.id);
    const same = { expectedVersion: 0, fineTuneMethod: DEFAULT_ASSUMPTIONS.fineTuneMethod, values: DEFAULT_ASSUMPTIONS.values };
    const nothing = await previewAssumptions(org.slug, same);
    expect(nothing).toMatchObject({ ok: false, fieldErrors: { _form: ["Nothing changed."] } });

    const unknownModel = await previewAssumptions(org.slug, { ...same, model: "acme/unlisted-model" });
    expect(unknownModel).toMatchObject({ ok: false, fieldErrors: { model: ["Not in the catalogue: set its prices by hand below."] } });

    const outOfRange = await previewAssumptions(org.slug, { ...same, values: { ...same.values, engineerRate: { low: 150, base: -5, high: 250 } } });
    expect(outOfRange.ok).toBe(false);
    if (!outOfRange.ok) expect(Object.keys(outOfRange.fieldErrors ?? {}).some((k) => k.startsWith("values.engineerRate"))).toBe(true);

    const changed = { ...same, values: { ...same.values, engineerRate: { low: 160, base: 200, high: 260 } } };
    const saved = await saveAssumptions(org.slug, { ...changed, note: "Rates" });
    expect(saved.ok).toBe(true);
    const stale = await previewAssumptions(org.slug, { ...changed, values: { ...changed.values, engineerRate: { low: 170, base: 210, high: 270 } } });
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT" });
    if (!stale.ok) expect(stale.message).toContain("Someone saved version 1 of the assumptions since you opened this page");

    signInAs(org.users.LEAD.id);
    const lead = await previewAssumptions(org.slug, { ...changed, expectedVersion: 1, values: { ...changed.values, engineerRate: { low: 170, base: 210, high: 270 } } });
    expect(lead).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signOut();
  });

  it("reads the use cases page by page without missing or repeating one, at a page boundary or not", async () => {
    const org = await createTestOrg("assume-preview-pages");
    for (let i = 0; i < 5; i++) await createRetrievalUseCase(org, `Helpdesk ${i + 1}`, 10_000 * (i + 1));
    const ctx = { user: { id: org.users.FINANCE.id }, organization: { id: org.id, name: org.name, slug: org.slug }, role: "FINANCE" } as unknown as MemberContext;
    const input = {
      expectedVersion: 0,
      fineTuneMethod: DEFAULT_ASSUMPTIONS.fineTuneMethod,
      values: { ...DEFAULT_ASSUMPTIONS.values, modelInputPricePerMTokens: { low: 5, base: 10, high: 20 }, modelOutputPricePerMTokens: { low: 5, base: 30, high: 40 } },
    };
    const whole = await previewInPages(ctx, input);
    expect(whole.impact.useCases).toBe(5);
    expect(whole.impact.moved).toBe(5);
    // Pages of 2 (2, 2, 1), of 5 (a full page, then an empty one) and of 1: the same answer.
    for (const page of [1, 2, 5]) expect((await previewInPages(ctx, input, { page })).impact, `pages of ${page}`).toEqual(whole.impact);
  });
});
