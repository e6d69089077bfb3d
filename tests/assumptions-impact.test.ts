import { describe, expect, it } from "vitest";
import { saveAssumptions } from "@/app/o/[org]/assumptions/actions";
import { DEFAULT_ASSUMPTIONS } from "@/lib/domain/costing";
import { db } from "@/lib/server/db";
import { softDeleteUseCase } from "@/lib/server/use-cases/trash";
import { inUseCaseTransaction } from "@/lib/server/use-cases/write";
import { createTestOrg } from "./helpers/factory";
import { asChosen, createRetrievalUseCase, portfolioTotal } from "./helpers/reprojection";
import { signInAs, signOut } from "./helpers/session";

const RAG_KEPT = { before: "RAG", after: "RAG" } as const;
/** Complete before and after: no figure missing. */
const WHOLE = { before: false, after: false } as const;

/**
 * A save of the assumptions says what re-pricing moved: the portfolio's lifecycle total as chosen
 * before → after (the very figures the portfolio shows before and after), how many use cases
 * moved, and those that moved most; and records the totals in the audit log.
 */


describe("what a save of the assumptions moved", () => {
  it("gives the lifecycle total as chosen before → after, as the portfolio shows it, and the use cases that moved most", async () => {
    const org = await createTestOrg("assume-impact");
    const small = await createRetrievalUseCase(org, "Small bot", 10_000);
    const large = await createRetrievalUseCase(org, "Large bot", 400_000);
    const middle = await createRetrievalUseCase(org, "Middle bot", 100_000);
    const trashed = await createRetrievalUseCase(org, "Trashed bot", 900_000);
    await inUseCaseTransaction((tx) => softDeleteUseCase(tx, { organizationId: org.id, actorId: org.users.ADMIN.id, role: "ADMIN" }, { id: trashed }));
    const portfolioBefore = await portfolioTotal(org.id);
    const each = { small: await asChosen(small), large: await asChosen(large), middle: await asChosen(middle) };
    expect(portfolioBefore.costed).toBe(3);

    signInAs(org.users.FINANCE.id);
    const values = { ...DEFAULT_ASSUMPTIONS.values, modelInputPricePerMTokens: { low: 5, base: 10, high: 20 }, modelOutputPricePerMTokens: { low: 5, base: 30, high: 40 } };
    const res = await saveAssumptions(org.slug, { expectedVersion: 0, fineTuneMethod: DEFAULT_ASSUMPTIONS.fineTuneMethod, values, note: "Negotiated prices" });
    if (!res.ok) throw new Error(res.message);
    const portfolioAfter = await portfolioTotal(org.id);
    expect(portfolioAfter.base).toBeGreaterThan(portfolioBefore.base);

    // Every use case re-projected (the trash too), but only the live ones counted, as the portfolio counts them.
    expect(res.data.reprojected).toBe(4);
    const { impact } = res.data;
    expect(impact.useCases).toBe(3);
    expect(impact.total).toEqual({ before: portfolioBefore.base, after: portfolioAfter.base, costedBefore: 3, costedAfter: 3, incompleteBefore: 0, incompleteAfter: 0 });
    expect(impact.moved).toBe(3);
    // Retrieval use cases stay RAG whatever the price: no recommendation changes.
    expect(impact.rerecommended).toBe(0);
    expect(impact.most).toEqual([
      { id: large, title: "Large bot", before: each.large, after: await asChosen(large), incomplete: WHOLE, recommended: RAG_KEPT },
      { id: middle, title: "Middle bot", before: each.middle, after: await asChosen(middle), incomplete: WHOLE, recommended: RAG_KEPT },
      { id: small, title: "Small bot", before: each.small, after: await asChosen(small), incomplete: WHOLE, recommended: RAG_KEPT },
    ]);

    const recorded = await db.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "assumptions.reprojected" } });
    expect(recorded.before).toEqual({ version: 0, asChosenLifecycleCents: portfolioBefore.base, costedUseCases: 3 });
    expect(recorded.after).toEqual({ version: 1, asChosenLifecycleCents: portfolioAfter.base, costedUseCases: 3, movedUseCases: 3, reprojected: 4 });

    // A figure no formula uses: saved, and nothing moved.
    const again = await saveAssumptions(org.slug, {
      expectedVersion: 1,
      fineTuneMethod: DEFAULT_ASSUMPTIONS.fineTuneMethod,
      values: { ...values, ragInfraYearlyUsd: { low: 1, base: 2, high: 3 } },
      note: "Reference figure",
    });
    if (!again.ok) throw new Error(again.message);
    expect(again.data.impact).toMatchObject({ moved: 0, most: [], total: { before: portfolioAfter.base, after: portfolioAfter.base } });
    expect((await portfolioTotal(org.id)).base).toBe(portfolioAfter.base);
    signOut();
  });
});
