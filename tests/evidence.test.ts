/**
 * Evidence levels end to end (issue 13): a use case saved or imported with no deciding answer is
 * "not assessed" in the database, the portfolio and both finance exports, and adds nothing to any
 * money total; answering one deciding question brings it back, provisional. Re-scoring after a
 * framework version change is one audited step and leaves the scores on the current versions.
 */
import Papa from "papaparse";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as buGET } from "@/app/o/[org]/export/business-units.csv/route";
import { GET as detailGET } from "@/app/o/[org]/export/detail.csv/route";
import { COST_ENGINE_VERSION } from "@/lib/domain/costing";
import { frameworkVersions, JUDGEMENT_VERSION, scoreUseCase } from "@/lib/domain/frameworks";
import { suggestColumns } from "@/lib/domain/import";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { db } from "@/lib/server/db";
import { importFile } from "@/lib/server/import/run";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import { getStoredScore } from "@/lib/server/projections";
import { organizationsWithOutdatedUseCases, outdatedScoreCount, rescoreOrganization, RESCORE_AUDIT_ACTION } from "@/lib/server/rescore";
import { inUseCaseTransaction, writeUseCase } from "@/lib/server/use-cases/write";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs, signOut } from "./helpers/session";

let org: TestOrg;
const ASSESSED = {
  changeFrequency: "weekly", maxLagDays: 3, coreNeed: "retrieval", needsStyleOrFormat: false, labeledExamples: 0, promptedBaselineMeetsBar: "no",
  retrainingBudget: false, needsCitations: true, monthlyCalls: 200_000, evaluationSetExists: true,
} as const;

const save = (title: string, assessment: Record<string, unknown>, businessUnit = "Support") =>
  inUseCaseTransaction((tx) =>
    writeUseCase(tx, { organizationId: org.id, actorId: org.users.ADMIN.id, role: "ADMIN" }, { fields: { title, businessUnit, horizonYears: 3, startDate: "2027-01-01", assessment } as never }),
  );

async function download(handler: typeof detailGET, slug: string) {
  const res = await handler(new Request(`http://localhost/o/${slug}/export/file.csv`), { params: Promise.resolve({ org: slug }) });
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
  return Papa.parse<Record<string, string>>(text.slice(1, -2), { header: true, newline: "\r\n" }).data;
}
const cents = (rows: Record<string, string>[], col: string) => rows.reduce((s, r) => s + BigInt((r[col] || "0").replace(".", "")), 0n);

beforeAll(async () => {
  org = await createTestOrg("evidence");
  await save("Policy search", ASSESSED);
});
afterEach(() => signOut());

describe("a use case with no deciding answer", () => {
  it("saved empty, or with only volume and deadline: not assessed, no recommendation, no cost rows, nothing added to any total or export", async () => {
    const before = await loadDashboard(org.id, EMPTY_FILTER);
    signInAs(org.users.FINANCE.id);
    const detailBefore = await download(detailGET, org.slug);
    const buBefore = await download(buGET, org.slug);

    const empty = await save("Bare idea", {});
    const volume = await save("Volume only", { monthlyCalls: 5_000_000, weeksToProduction: 4 });
    for (const { id } of [empty, volume]) {
      const row = await db.useCase.findUniqueOrThrow({ where: { id }, include: { costLines: true, costYears: true, rollup: true } });
      expect(row).toMatchObject({ evidence: "none", recommendedApproach: null, agreementVotes: 0, agreementVoters: 0, disagreement: false });
      expect(row.costLines).toEqual([]);
      expect(row.costYears).toEqual([]);
      expect(row.rollup).toMatchObject({ evidence: "none", chosenBaseCents: null });
      // What the use case's page shows (worked out when shown, not stored).
      expect((await getStoredScore(org.id, id))!.sensitivity!.sentence).toMatch(/^Not assessed yet\. Answer these first:/);
    }

    const after = await loadDashboard(org.id, EMPTY_FILTER);
    expect(after.useCases).toBe(before.useCases + 2);
    expect(after.notAssessed.count).toBe(2);
    expect(after.notAssessed.examples.map((r) => r.title).sort()).toEqual(["Bare idea", "Volume only"]);
    expect(after.evidence.none).toBe(2);
    // Not a cent more, in any scenario, and they are not counted as "not costed" either.
    for (const s of after.scenarioSummaries) {
      const was = before.scenarioSummaries.find((x) => x.scenario === s.scenario)!;
      expect(s.lifecycle, s.scenario).toEqual(was.lifecycle);
      expect(s.notCosted, s.scenario).toBe(was.notCosted);
    }
    const detailAfter = await download(detailGET, org.slug);
    const buAfter = await download(buGET, org.slug);
    expect(detailAfter.length).toBe(detailBefore.length);
    expect(detailAfter.some((r) => r.use_case_id === empty.id || r.use_case_id === volume.id)).toBe(false);
    expect(buAfter.length).toBe(buBefore.length);
    for (const col of ["low", "base", "high"]) expect(cents(buAfter, col), col).toBe(cents(buBefore, col));
  });

  it("one deciding answer makes it provisional, with a recommendation and costs again", async () => {
    const { id } = await save("Becomes provisional", {});
    const { id: same } = await inUseCaseTransaction(async (tx) => {
      const row = await tx.useCase.findUniqueOrThrow({ where: { id } });
      return writeUseCase(tx, { organizationId: org.id, actorId: org.users.ADMIN.id, role: "ADMIN" }, {
        id, expectedVersion: row.version,
        fields: { title: row.title, businessUnit: "Support", horizonYears: 3, startDate: "2027-01-01", assessment: { coreNeed: "retrieval", changeFrequency: "weekly", monthlyCalls: 10_000 } } as never,
      });
    });
    const row = await db.useCase.findUniqueOrThrow({ where: { id: same }, include: { costYears: true } });
    expect(row).toMatchObject({ evidence: "provisional", recommendedApproach: "RAG" });
    expect(row.costYears.length).toBeGreaterThan(0);
  });

  it("imported without answers: not assessed, in no total", async () => {
    const before = await loadDashboard(org.id, EMPTY_FILTER);
    const header = ["title", "businessUnit", "status"];
    const text = [header, ["Inventory row one", "Records", "LIVE"], ["Inventory row two", "Records", "IDEA"]].map((r) => r.join(",")).join("\r\n") + "\r\n";
    const result = await importFile({ organizationId: org.id, userId: org.users.ADMIN.id, role: "ADMIN" }, {
      file: new File([text], "inventory.csv", { type: "text/csv" }), fileName: "inventory.csv", mapping: { columns: suggestColumns(header), values: {} },
    });
    expect(result).toMatchObject({ committed: true, created: 2 });
    const rows = await db.useCase.findMany({ where: { organizationId: org.id, businessUnit: "Records" }, include: { costLines: true } });
    expect(rows.map((r) => [r.evidence, r.recommendedApproach, r.costLines.length])).toEqual([["none", null, 0], ["none", null, 0]]);
    const after = await loadDashboard(org.id, EMPTY_FILTER);
    expect(after.notAssessed.count).toBe(before.notAssessed.count + 2);
    for (const s of after.scenarioSummaries) expect(s.lifecycle).toEqual(before.scenarioSummaries.find((x) => x.scenario === s.scenario)!.lifecycle);
  });
});

describe("what would change it", () => {
  it("is left out of what a save stores (it re-scores the case hundreds of times) and worked out, the same as a full scoring, when the page asks", async () => {
    const { id } = await save("Claims lookup", ASSESSED);
    const row = await db.useCase.findUniqueOrThrow({ where: { id }, select: { score: true } });
    expect((row.score as { sensitivity: unknown }).sensitivity).toBeNull();
    const shown = await getStoredScore(org.id, id);
    const full = scoreUseCase(ASSESSED, { retrainLagDays: 14 });
    expect(shown!.consensus).toBe(full.consensus);
    expect(shown!.sensitivity).toEqual(full.sensitivity);
    expect(shown!.sensitivity!.sentence.length).toBeGreaterThan(20);
  });
});

describe("re-scoring after the frameworks change", () => {
  it("finds the scores from older versions, re-scores them in one audited step, and leaves none behind", async () => {
    const other = await createTestOrg("evidence-rescore");
    const { id } = await inUseCaseTransaction((tx) =>
      writeUseCase(tx, { organizationId: other.id, actorId: other.users.ADMIN.id, role: "ADMIN" }, { fields: { title: "Old score", horizonYears: 2, startDate: "2027-01-01", assessment: ASSESSED } as never }),
    );
    // As a score from version 1 of the frameworks would be stored (no evidence level, an older version).
    const old = { "three-questions": "1.0.0", "ordered-decision-tree": "1.0.0", "behaviour-vs-knowledge": "1.0.0", "start-with-rag": "1.0.0", "when-to-use": "1.0.0" };
    await db.useCase.update({ where: { id }, data: { score: { frameworkVersions: old, consensus: "RAG" }, recommendedApproach: "FINE_TUNING" } });
    expect(await outdatedScoreCount(other.id)).toBe(1);

    const result = await rescoreOrganization(other.id, { actorId: other.users.ADMIN.id, reason: "test" });
    expect(result.useCases).toBe(1);
    expect(result.from).toEqual([{ versions: old, useCases: 1 }]);
    const row = await db.useCase.findUniqueOrThrow({ where: { id } });
    expect((row.score as { frameworkVersions: unknown }).frameworkVersions).toEqual(frameworkVersions());
    expect(row).toMatchObject({ recommendedApproach: "RAG", evidence: "assessed" });
    expect(await outdatedScoreCount(other.id)).toBe(0);
    const events = await db.auditEvent.findMany({ where: { organizationId: other.id, action: RESCORE_AUDIT_ACTION } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: other.users.ADMIN.id, entity: "Organization", entityId: other.id, before: { frameworkVersions: [{ versions: old, useCases: 1 }] }, after: { useCases: 1, frameworkVersions: frameworkVersions(), costEngineVersion: COST_ENGINE_VERSION } });
    // Nothing left to do: a second run changes nothing and records nothing.
    expect((await rescoreOrganization(other.id, { actorId: null, reason: "again" })).useCases).toBe(0);
    expect(await db.auditEvent.count({ where: { organizationId: other.id, action: RESCORE_AUDIT_ACTION } })).toBe(1);
  });

  it("re-scores a score stored by an older judgement (same frameworks), so its flags and words are today's", async () => {
    const other = await createTestOrg("evidence-judgement");
    const { id } = await inUseCaseTransaction((tx) =>
      writeUseCase(tx, { organizationId: other.id, actorId: other.users.ADMIN.id, role: "ADMIN" }, { fields: { title: "Old judgement", horizonYears: 2, startDate: "2027-01-01", assessment: ASSESSED } as never }),
    );
    const row = await db.useCase.findUniqueOrThrow({ where: { id } });
    const score = row.score as { judgementVersion?: string; agreementText: string };
    const words = score.agreementText;
    expect(score.judgementVersion).toBe(JUDGEMENT_VERSION);
    // As judgement 2.0 stored it: no version of its own, and the words of its time.
    delete score.judgementVersion;
    score.agreementText = "Words an older judgement wrote.";
    await db.useCase.update({ where: { id }, data: { score: score as never } });
    expect(await outdatedScoreCount(other.id)).toBe(1);
    expect(await organizationsWithOutdatedUseCases()).toContain(other.id);
    expect((await rescoreOrganization(other.id, { actorId: null, reason: "judgement" })).useCases).toBe(1);
    const after = (await db.useCase.findUniqueOrThrow({ where: { id } })).score as typeof score;
    expect(after.judgementVersion).toBe(JUDGEMENT_VERSION);
    expect(after.agreementText).toBe(words);
    expect(await outdatedScoreCount(other.id)).toBe(0);
  });

  it("re-projects a projection stored by an older cost engine, so feasibility reaches every stored figure", async () => {
    const other = await createTestOrg("evidence-engine");
    const { id } = await inUseCaseTransaction((tx) =>
      writeUseCase(tx, { organizationId: other.id, actorId: other.users.ADMIN.id, role: "ADMIN" }, { fields: { title: "Old projection", horizonYears: 2, startDate: "2027-01-01", assessment: { ...ASSESSED, changeFrequency: "weekly", maxLagDays: 1 } } as never }),
    );
    // As engine 2.0 stored it: no engine version, and prompting not judged against the knowledge.
    const row = await db.useCase.findUniqueOrThrow({ where: { id } });
    const summary = row.projectionSummary as { engineVersion?: string; approaches: Record<string, { reachesKnowledge?: boolean }> };
    expect(summary.approaches.PROMPTING!.reachesKnowledge).toBe(false);
    delete summary.engineVersion;
    delete summary.approaches.PROMPTING!.reachesKnowledge;
    await db.useCase.update({ where: { id }, data: { projectionSummary: summary as never } });
    expect(await outdatedScoreCount(other.id)).toBe(1);
    // Start-up finds the organization by its projection alone (its score is of the current frameworks).
    expect(await organizationsWithOutdatedUseCases()).toContain(other.id);

    expect((await rescoreOrganization(other.id, { actorId: null, reason: "engine" })).useCases).toBe(1);
    const after = (await db.useCase.findUniqueOrThrow({ where: { id } })).projectionSummary as typeof summary;
    expect(after.approaches.PROMPTING!.reachesKnowledge).toBe(false);
    expect(await outdatedScoreCount(other.id)).toBe(0);
    expect(await organizationsWithOutdatedUseCases()).not.toContain(other.id);
  });
});
