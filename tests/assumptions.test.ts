import { describe, expect, it } from "vitest";
import { saveAssumptions } from "@/app/o/[org]/assumptions/actions";
import { DEFAULT_ASSUMPTIONS } from "@/lib/domain/costing";
import { db } from "@/lib/server/db";
import { inUseCaseTransaction, writeUseCase } from "@/lib/server/use-cases/write";
import { createTestOrg } from "./helpers/factory";
import { signInAs } from "./helpers/session";

const priced = {
  ...DEFAULT_ASSUMPTIONS,
  values: { ...DEFAULT_ASSUMPTIONS.values, modelPricePer1kTokens: { low: 0.01, base: 0.01, high: 0.01 }, tokensPerCall: { low: 1000, base: 1000, high: 1000 } },
};

describe("changing the cost assumptions", () => {
  it("creates a version with who and why, audits the changed figures, and re-projects every use case", async () => {
    const org = await createTestOrg("assume");
    const { id } = await inUseCaseTransaction((tx) =>
      writeUseCase(tx, { organizationId: org.id, actorId: org.users.LEAD.id, role: "LEAD" }, { fields: { title: "Bot", horizonYears: 1, startDate: "2027-01-01", assessment: { monthlyCalls: 100_000 } } }),
    );
    const inference = () => db.costLine.findFirstOrThrow({ where: { useCaseId: id, approach: "PROMPTING", category: "INFERENCE" } });
    expect((await inference()).baseCents).toBeNull();

    signInAs(org.users.FINANCE.id);
    const res = await saveAssumptions(org.slug, { expectedVersion: 0, set: priced, note: "Price list 2027" });
    expect(res).toEqual({ ok: true, data: { version: 1, reprojected: 1 } });
    // 100,000 × 12 × 1,000 tokens × $0.01 / 1,000 = $12,000
    expect((await inference()).baseCents).toBe(1_200_000n);
    const v = await db.assumptionVersion.findFirstOrThrow({ where: { organizationId: org.id } });
    expect(v).toMatchObject({ version: 1, note: "Price list 2027", createdById: org.users.FINANCE.id });
    const event = await db.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "assumptions.updated" } });
    expect(Object.keys((event.after as { values: object }).values).sort()).toEqual(["modelPricePer1kTokens", "tokensPerCall"]);
    expect((await db.useCase.findUniqueOrThrow({ where: { id } })).assumptionVersionId).toBe(v.id);

    const stale = await saveAssumptions(org.slug, { expectedVersion: 0, set: priced, note: "again" });
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("refuses leads and executives, bad figures and a missing reason, writing nothing", async () => {
    const org = await createTestOrg("assume2");
    for (const role of ["LEAD", "EXECUTIVE"] as const) {
      signInAs(org.users[role].id);
      expect(await saveAssumptions(org.slug, { expectedVersion: 0, set: priced, note: "x" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    signInAs(org.users.ADMIN.id);
    const bad = { ...priced, values: { ...priced.values, engineerRate: { low: 300, base: 200, high: 250 } } };
    const r1 = await saveAssumptions(org.slug, { expectedVersion: 0, set: bad, note: "" });
    expect(r1).toMatchObject({ ok: false, code: "VALIDATION" });
    if (!r1.ok) {
      expect(Object.keys(r1.fieldErrors ?? {})).toEqual(expect.arrayContaining(["set.values.engineerRate", "note"]));
    }
    const r2 = await saveAssumptions(org.slug, { expectedVersion: 0, set: { ...priced, extra: 1 }, note: "x" });
    expect(r2).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await db.assumptionVersion.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { organizationId: org.id } })).toBe(0);
  });
});
