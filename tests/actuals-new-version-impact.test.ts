import { describe, expect, it } from "vitest";
import { newAssumptionVersionFromActuals } from "@/app/o/[org]/actuals/actions";
import { assumedUnitCosts } from "@/lib/domain/actuals";
import { importActuals } from "@/lib/server/actuals/import";
import { loadUnitCosts } from "@/lib/server/actuals/unit-costs";
import { currentAssumptions } from "@/lib/server/assumptions";
import { db } from "@/lib/server/db";
import { chunked } from "./helpers/actuals-samples";
import { createTestOrg } from "./helpers/factory";
import { asChosen, createRetrievalUseCase, portfolioTotal } from "./helpers/reprojection";
import { signInAs, signOut } from "./helpers/session";

const RAG_KEPT = { before: "RAG", after: "RAG" } as const;
/** Complete before and after: no figure missing. */
const WHOLE = { before: false, after: false } as const;

/**
 * A new assumption version started from the actual cost per call (the Actual spend page) says what
 * re-pricing moved, as a save on the Assumptions page does: the portfolio's lifecycle total as
 * chosen before → after (the very figures the portfolio shows), the use cases that moved most;
 * and records the totals in the audit log.
 */


describe("a new assumption version from the actual cost per call", () => {
  it("says what it moved: the portfolio's lifecycle total as chosen before → after, the use cases that moved most; and audits it", async () => {
    const org = await createTestOrg("actuals-impact");
    const busy = await createRetrievalUseCase(org, "Busy helpdesk", 400_000, "UC-BUSY");
    const quiet = await createRetrievalUseCase(org, "Quiet helpdesk", 10_000, "UC-QUIET");
    // A million calls of the busy one billed at three times what a bare model call is assumed to cost.
    const bare = assumedUnitCosts((await currentAssumptions(db, org.id)).set).usdPerCall.base!;
    const cost = (1_000_000 * bare * 3).toFixed(2);
    await importActuals(
      { organizationId: org.id, userId: org.users.FINANCE.id, role: "FINANCE" },
      { source: chunked(`date,cost,category,quantity,unit,tags\n2026-01-15,${cost},inference,1000000,requests,usecase=UC-BUSY\n`), fileName: "calls.csv", feed: "Gateway" },
    );
    const unit = await loadUnitCosts(org.id);
    expect(unit.proposal!.ratio).toBeGreaterThan(2);

    const portfolioBefore = await portfolioTotal(org.id);
    const each = { busy: await asChosen(busy), quiet: await asChosen(quiet) };
    expect(portfolioBefore.costed).toBe(2);

    signInAs(org.users.FINANCE.id);
    const res = await newAssumptionVersionFromActuals(org.slug, { expectedVersion: unit.version });
    signOut();
    if (!res.ok) throw new Error(res.message);
    const portfolioAfter = await portfolioTotal(org.id);
    expect(portfolioAfter.base).toBeGreaterThan(portfolioBefore.base);

    expect(res.data).toMatchObject({ version: unit.version + 1, reprojected: 2 });
    const { impact } = res.data;
    expect(impact.total).toEqual({ before: portfolioBefore.base, after: portfolioAfter.base, costedBefore: 2, costedAfter: 2, incompleteBefore: 0, incompleteAfter: 0 });
    expect(impact.moved).toBe(2);
    // Retrieval use cases stay RAG whatever the price: no recommendation changes.
    expect(impact.rerecommended).toBe(0);
    expect(impact.most).toEqual([
      { id: busy, title: "Busy helpdesk", before: each.busy, after: await asChosen(busy), incomplete: WHOLE, recommended: RAG_KEPT },
      { id: quiet, title: "Quiet helpdesk", before: each.quiet, after: await asChosen(quiet), incomplete: WHOLE, recommended: RAG_KEPT },
    ]);

    const version = await db.assumptionVersion.findUniqueOrThrow({ where: { organizationId_version: { organizationId: org.id, version: unit.version + 1 } } });
    const recorded = await db.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "assumptions.reprojected" } });
    expect(recorded).toMatchObject({ actorId: org.users.FINANCE.id, entity: "AssumptionVersion", entityId: version.id });
    expect(recorded.before).toEqual({ version: unit.version, asChosenLifecycleCents: portfolioBefore.base, costedUseCases: 2 });
    expect(recorded.after).toEqual({ version: unit.version + 1, asChosenLifecycleCents: portfolioAfter.base, costedUseCases: 2, movedUseCases: 2, reprojected: 2 });
  });
});
