/**
 * What the dashboard reads beside the cost rows stays in step with them: the stored summary
 * through the real save path, and the rollup (UseCaseRollup) after every kind of write, each
 * recomputed here independently of the SQL that maintains it.
 */
import { describe, expect, it } from "vitest";
import type { Approach } from "@/lib/domain/assessment";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { SCENARIOS } from "@/lib/domain/portfolio/types";
import { db } from "@/lib/server/db";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import { DEFAULT_ASSUMPTIONS } from "@/lib/domain/costing/assumptions";
import { suggestColumns } from "@/lib/domain/import";
import { importFile } from "@/lib/server/import/run";
import { rederiveOrganization } from "@/lib/server/use-cases/derive";
import { EDITABLE_SELECT, rowToFields } from "@/lib/server/use-cases/mapping";
import { inUseCaseTransaction, writeUseCase } from "@/lib/server/use-cases/write";
import { recordUseCaseDecision } from "@/lib/server/use-cases/decision";
import { restoreUseCase, softDeleteUseCase } from "@/lib/server/use-cases/trash";
import { setUseCaseOverrides } from "@/lib/server/use-cases/overrides";
import { generateUseCases } from "../scripts/bench/generate";
import { createTestOrg } from "./helpers/factory";
import { approachIn, expectMatchesStoredRows, filterWith, referenceScenario, referenceUseCases } from "./helpers/portfolio-reference";

describe("the stored summary keeps step with the cost rows (the contract in lib/domain/portfolio/types.ts)", () => {
  // The dashboard sums money from CostYear but reads which use cases are not costed or lack a
  // figure, and the top ten's order, from projectionSummary. Through the real save path (score,
  // project, write), the two must agree, use case by use case.
  it("through the real save path: approaches, lifecycles and completeness match the rows", async () => {
    const org = await createTestOrg("dashderive");
    const ctx = { organizationId: org.id, actorId: org.users.ADMIN.id, role: "ADMIN" as const };
    const save = (title: string, assessment: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      inUseCaseTransaction((tx) => writeUseCase(tx, ctx, { fields: { title, horizonYears: 3, startDate: "2027-01-01", assessment, ...extra } as never }));
    await save("Policy search", { changeFrequency: "weekly", maxLagDays: 3, coreNeed: "retrieval", needsCitations: true, monthlyCalls: 100_000, evaluationSetExists: true });
    await save("Brand voice", { changeFrequency: "annually", coreNeed: "reasoning", needsStyleOrFormat: true, labeledExamples: 3000, evaluationSetExists: false });
    await save("Ticket agent", { changeFrequency: "daily", coreNeed: "neither", needsToolUse: true });
    await save("Bare idea", {});

    const rows = await db.useCase.findMany({ where: { organizationId: org.id }, include: { costYears: true } });
    for (const u of rows) {
      const s = u.projectionSummary as { approaches: Record<string, { lifecycle: { low: number; base: number; high: number; complete?: boolean } }> };
      const withRows = [...new Set(u.costYears.map((y) => y.approach))].sort();
      expect(Object.keys(s.approaches).sort(), u.title).toEqual(withRows);
      for (const ap of withRows) {
        const ys = u.costYears.filter((y) => y.approach === ap);
        const sum = (k: "lowCents" | "baseCents" | "highCents") => Number(ys.reduce((t, y) => t + y[k], 0n));
        expect(s.approaches[ap]!.lifecycle, `${u.title} ${ap}`).toMatchObject({ low: sum("lowCents"), base: sum("baseCents"), high: sum("highCents"), complete: ys.every((y) => y.complete) });
        expect(ys.some((y) => y.yearIndex === 1), `${u.title} ${ap} starts in year 1`).toBe(true);
      }
    }
    // And so the dashboard's counts from the summary equal those from the rows.
    const d = await loadDashboard(org.id, EMPTY_FILTER);
    const ucs = await referenceUseCases(org.id, EMPTY_FILTER);
    for (const sc of SCENARIOS) {
      const ref = referenceScenario(ucs, sc);
      expect(d.scenarioSummaries.find((x) => x.scenario === sc), sc).toMatchObject({ costed: ref.costed, notCosted: ref.notCosted, incomplete: ref.incomplete, lifecycle: ref.lifecycle });
    }
    expect(d.notCosted.examples.map((r) => r.title).sort()).toEqual(ucs.filter((u) => u.evidence !== "none" && !u.lines.some((l) => l.approach === approachIn(u, "chosen"))).map((u) => u.title).sort());
    // The bare idea is not assessed: no recommendation, no cost row at all, listed apart.
    const bare = rows.find((u) => u.title === "Bare idea")!;
    expect(bare).toMatchObject({ evidence: "none", recommendedApproach: null, agreementVotes: 0, agreementVoters: 0 });
    expect(bare.costYears).toEqual([]);
    expect(await db.costLine.count({ where: { useCaseId: bare.id } })).toBe(0);
    expect(d.notAssessed.examples.map((r) => r.title)).toEqual(["Bare idea"]);
    await expectMatchesStoredRows(d, org.id, EMPTY_FILTER);
  });
});

describe("the rollup the dashboard reads (UseCaseRollup) stays equal to the stored rows", () => {
  // Recomputed here, independently of the SQL that maintains it, from UseCase and CostYear.
  async function expectRollupsMatchStoredRows(orgId: string) {
    const ucs = await db.useCase.findMany({ where: { organizationId: orgId }, include: { costYears: true, rollup: true } });
    expect(ucs.length).toBeGreaterThan(0);
    const FIXED: (Approach | null)[] = ["RAG", "FINE_TUNING", "HYBRID"];
    for (const u of ucs) {
      const ch = u.chosenApproach ?? u.recommendedApproach;
      const years = (ap: Approach | null) => u.costYears.filter((y) => y.approach === ap).sort((p, q) => p.yearIndex - q.yearIndex);
      const flat = (ap: Approach | null) => years(ap).flatMap((y) => [y.lowCents, y.baseCents, y.highCents]);
      const lacks = (ap: Approach | null) => years(ap).some((y) => !y.complete);
      const total = (k: "lowCents" | "baseCents" | "highCents") => (years(ch).length ? years(ch).reduce((s, y) => s + y[k], 0n) : null);
      type Feasibility = { meetsLag?: boolean | null; reachesKnowledge?: boolean; lacksCapability?: string | null; worstDelayDays?: number | null };
      const summary = u.projectionSummary as { approaches?: Record<string, { staleDaysPerYear?: Range; timeToValueWeeks?: Range | null; missing?: string[] } & Feasibility>; frameworkVersions?: unknown; weightsVersion?: number; maxLagDays?: number | null } | null;
      const fails = (ap: Approach | null) => { const x = ap ? summary?.approaches?.[ap] : undefined; return !!x && (x.meetsLag === false || x.reachesKnowledge === false || typeof x.lacksCapability === "string"); };
      const a = ch ? summary?.approaches?.[ch] : undefined;
      const versions = (summary && "frameworkVersions" in summary ? summary : (u.score as { frameworkVersions?: unknown; weightsVersion?: number } | null)) ?? null;
      const first = u.costYears[0];
      expect(u.rollup, u.title).toEqual({
        useCaseId: u.id, organizationId: u.organizationId, businessUnit: u.businessUnit, status: u.status, ownerId: u.ownerId,
        recommendedApproach: u.recommendedApproach, chosenApproach: u.chosenApproach, riskFlags: u.riskFlags, disagreement: u.disagreement, evidence: u.evidence,
        agreement: u.agreementVotes / Math.max(u.agreementVoters, 1), assumptionVersionId: u.assumptionVersionId, updatedAt: u.updatedAt, deletedAt: u.deletedAt,
        startYear: first ? first.calendarYear - first.yearIndex + 1 : null,
        chosenCents: FIXED.includes(ch) ? [] : flat(ch),
        recommendedCents: FIXED.includes(u.recommendedApproach) ? [] : flat(u.recommendedApproach),
        ragCents: flat("RAG"), fineTuningCents: flat("FINE_TUNING"), hybridCents: flat("HYBRID"),
        incomplete: (lacks(ch) ? 1 : 0) | (lacks(u.recommendedApproach) ? 2 : 0) | (lacks("RAG") ? 4 : 0) | (lacks("FINE_TUNING") ? 8 : 0) | (lacks("HYBRID") ? 16 : 0),
        chosenLowCents: total("lowCents"), chosenBaseCents: total("baseCents"), chosenHighCents: total("highCents"),
        staleLow: a?.staleDaysPerYear?.low ?? null, staleBase: a?.staleDaysPerYear?.base ?? null, staleHigh: a?.staleDaysPerYear?.high ?? null,
        ttvLow: a?.timeToValueWeeks?.low ?? null, ttvBase: a?.timeToValueWeeks?.base ?? null, ttvHigh: a?.timeToValueWeeks?.high ?? null,
        missing: lacks(ch) ? (a?.missing ?? []) : [],
        frameworkVersions: versions?.frameworkVersions ?? null,
        weightsVersion: typeof versions?.weightsVersion === "number" ? versions.weightsVersion : null,
        infeasible: (fails(ch) ? 1 : 0) | (fails(u.recommendedApproach) ? 2 : 0) | (fails("RAG") ? 4 : 0) | (fails("FINE_TUNING") ? 8 : 0) | (fails("HYBRID") ? 16 : 0),
        maxLagDays: typeof summary?.maxLagDays === "number" ? summary.maxLagDays : null,
        worstDelayDays: fails(ch) && typeof a?.worstDelayDays === "number" ? a.worstDelayDays : null,
        // The years its lifecycle covers: from its start's year (else its creation's), its horizon, none after its retirement.
        lifeStartYear: (u.startDate ?? u.createdAt).getUTCFullYear(),
        lifeYears: Math.min(10, Math.max(1, u.horizonYears), u.retiredAt ? u.retiredAt.getUTCFullYear() - (u.startDate ?? u.createdAt).getUTCFullYear() + 1 : 10),
      });
    }
    // And the dashboard built on it equals the stored rows, for the organization and a filter.
    await expectMatchesStoredRows(await loadDashboard(orgId, EMPTY_FILTER), orgId, EMPTY_FILTER);
    const unit = ucs.find((u) => !u.deletedAt)?.businessUnit ?? "";
    await expectMatchesStoredRows(await loadDashboard(orgId, filterWith({ businessUnit: [unit] })), orgId, filterWith({ businessUnit: [unit] }));
  }
  type Range = { low: number; base: number; high: number };

  it("after creates, edits, decisions, overrides, re-projection, re-scoring, soft delete, restore and an import", async () => {
    const org = await createTestOrg("rollup");
    const ctx = { organizationId: org.id, actorId: org.users.ADMIN.id, role: "ADMIN" as const };
    const cases = generateUseCases(12, 5);
    const saved: { id: string; version: number }[] = [];
    for (const fields of cases) saved.push(await inUseCaseTransaction((tx) => writeUseCase(tx, ctx, { fields })));
    await expectRollupsMatchStoredRows(org.id);

    const version = async (id: string) => (await db.useCase.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
    const fieldsOf = async (id: string) => rowToFields(await db.useCase.findUniqueOrThrow({ where: { id }, select: EDITABLE_SELECT }));
    // Edits that move it between filters and change its costs.
    for (const [i, s] of saved.slice(0, 3).entries()) {
      const fields = await fieldsOf(s.id);
      await inUseCaseTransaction((tx) =>
        writeUseCase(tx, ctx, { id: s.id, expectedVersion: s.version, fields: { ...fields, businessUnit: "Moved", status: "LIVE", horizonYears: 3 + i, assessment: { ...fields.assessment, monthlyCalls: 50_000 * (i + 1) } } }),
      );
    }
    await expectRollupsMatchStoredRows(org.id);

    // Decisions, on one of the three and on approaches that are not (their own rollup column).
    for (const [i, chosenApproach] of (["FINE_TUNING", "PROMPTING", "AGENT", null] as const).entries()) {
      const id = saved[3 + i]!.id;
      await inUseCaseTransaction((tx) => recordUseCaseDecision(tx, ctx, { id, expectedVersion: saved[3 + i]!.version, chosenApproach, decisionNotes: "Decided." }));
    }
    await expectRollupsMatchStoredRows(org.id);

    // The use case's own figures.
    await inUseCaseTransaction((tx) =>
      setUseCaseOverrides(tx, ctx, { id: saved[7]!.id, expectedVersion: saved[7]!.version, overrides: { modelInputPricePerMTokens: { low: 20, base: 30, high: 50 } } }),
    );
    await expectRollupsMatchStoredRows(org.id);

    // New assumptions (every use case re-projected) and new weights (every use case re-scored).
    const set = DEFAULT_ASSUMPTIONS;
    await db.assumptionVersion.create({ data: { organizationId: org.id, version: 1, values: JSON.parse(JSON.stringify({ ...set, values: { ...set.values, inputTokensPerCall: { low: 900, base: 1600, high: 3000 } } })) } });
    await rederiveOrganization((fn) => db.$transaction(fn), org.id);
    await expectRollupsMatchStoredRows(org.id);
    await db.organization.update({ where: { id: org.id }, data: { frameworkWeights: { "three-questions": 3, "ordered-decision-tree": 0 }, weightsVersion: 2 } });
    await rederiveOrganization((fn) => db.$transaction(fn), org.id);
    await expectRollupsMatchStoredRows(org.id);

    // The trash, and back.
    await inUseCaseTransaction((tx) => softDeleteUseCase(tx, ctx, { id: saved[8]!.id }));
    await expectRollupsMatchStoredRows(org.id);
    expect((await loadDashboard(org.id, EMPTY_FILTER)).useCases).toBe(11);
    await inUseCaseTransaction((tx) => restoreUseCase(tx, ctx, { id: saved[8]!.id }));
    await expectRollupsMatchStoredRows(org.id);

    // The CSV import: new use cases, and an update of one by its external id.
    const header = ["title", "businessUnit", "status", "externalId", "monthlyCalls", "changeFrequency"];
    const rows = [
      ["Imported one", "Imported", "IDEA", "IMP-1", "20000", "weekly"],
      ["Imported two", "Imported", "LIVE", "IMP-2", "900000", "static"],
      ["Renamed by import", "Imported", "BUILDING", cases[9]!.externalId!, "1500", "daily"],
    ];
    const text = [header, ...rows].map((r) => r.join(",")).join("\r\n") + "\r\n";
    const imported = await importFile({ organizationId: org.id, userId: org.users.ADMIN.id, role: "ADMIN" }, {
      file: new File([text], "more.csv", { type: "text/csv" }),
      fileName: "more.csv",
      mapping: { columns: suggestColumns(header), values: {} },
    });
    expect(imported).toMatchObject({ committed: true, created: 2, updated: 1 });
    await expectRollupsMatchStoredRows(org.id);
    expect(await version(saved[9]!.id)).toBe(2);
  });
});
