/**
 * A retired use case is costed only up to the year it was retired in, and its value and payback
 * are said over those years: a review read "never within 5 years" of a use case valued over 2.
 */
import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { ValuePanel } from "@/app/o/[org]/use-cases/[id]/_panels/value-panel";
import { setBenefit } from "@/app/o/[org]/value/actions";
import { db } from "@/lib/server/db";
import { inUseCaseTransaction, writeUseCase } from "@/lib/server/use-cases/write";
import { getUseCaseValue } from "@/lib/server/value/read";
import { createTestOrg } from "./helpers/factory";
import { runAs } from "./helpers/session";

const THIS_YEAR = new Date().getUTCFullYear();
const SANCTIONS = { changeFrequency: "daily", maxLagDays: 1, needsCitations: true, corpusDocuments: 20_000, monthlyCalls: 5_000 } as const;

describe("a retired use case's value", () => {
  it("is said over the years costed, not the horizon", async () => {
    const org = await createTestOrg("value-retired");
    const ctx = { organizationId: org.id, actorId: org.users.ADMIN.id, role: "ADMIN" as const };
    // Started the year before last with a five-year horizon, retired this year: three years costed.
    const { id } = await inUseCaseTransaction((tx) =>
      writeUseCase(tx, ctx, { fields: { title: "Sanctions screening, switched off", status: "RETIRED", startDate: `${THIS_YEAR - 2}-01-01`, horizonYears: 5, assessment: SANCTIONS } }),
    );
    expect((await db.useCase.findUniqueOrThrow({ where: { id }, select: { retiredAt: true } })).retiredAt?.getUTCFullYear()).toBe(THIS_YEAR);
    const v = (await getUseCaseValue(org.id, id))!;
    expect(v).toMatchObject({ horizonYears: 5, costedYears: 3 });

    const row = await db.useCase.findUniqueOrThrow({ where: { id }, select: { version: true } });
    const set = (await runAs(org.users.ADMIN.id, () => setBenefit(org.slug, { id, expectedVersion: row.version, benefit: { kind: "REVENUE", low: 1, base: 2, high: 3 } }))) as { ok: boolean };
    expect(set.ok).toBe(true);
    const html = await runAs(org.users.FINANCE.id, async () => renderToStaticMarkup(await ValuePanel({ orgSlug: org.slug, organizationId: org.id, useCaseId: id })));
    expect(html).toContain("Net value over 3 years");
    expect(html).toContain("never within 3 years");
    expect(html).not.toContain("5 years");
  });
});

describe("a retired use case's approved budget", () => {
  it("is approved spend up to the year it was retired in, as its projection is, not for its whole horizon", async () => {
    const { insertUseCaseWithCosts } = await import("./helpers/cost-fixtures");
    const { approvedSpendByBusinessUnit, projectedSpendByUnit } = await import("@/lib/server/value/budgets-read");
    const { EMPTY_FILTER } = await import("@/lib/domain/portfolio/filter");
    const org = await createTestOrg("approval-retired");
    // Started in 2026 with a five-year horizon and $12,000 a year approved; retired in 2027.
    const id = await insertUseCaseWithCosts(org.id, {
      title: "Switched off in 2027", businessUnit: "Claims", ownerId: org.users.LEAD.id, status: "RETIRED", recommended: "RAG", chosen: "RAG",
      budgetApproved: 12_000_00, startYear: 2026, horizonYears: 5, yearly: { RAG: { INFERENCE: [12_000_00, 12_000_00] } },
    });
    await db.useCase.update({ where: { id }, data: { retiredAt: new Date(Date.UTC(2027, 5, 30)) } });
    expect((await approvedSpendByBusinessUnit(org.id, 2027))!.cents.get("Claims")).toBe(12_000_00);
    // 2028: nothing projected, so nothing approved beside it (it read $12,000 approved against $0).
    expect((await projectedSpendByUnit(org.id, EMPTY_FILTER, 2028, { fromRollup: true })).find((u) => u.businessUnit === "Claims")?.projected.base ?? 0).toBe(0);
    expect((await approvedSpendByBusinessUnit(org.id, 2028))!.cents.get("Claims") ?? 0).toBe(0);
  });
});
