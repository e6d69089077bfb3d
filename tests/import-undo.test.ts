/**
 * Issue 15: undoing an import as one step from its record (new use cases deleted, updates put
 * back, audited; refused when anything changed since, or for another's import as a lead), and the
 * governance fields an import brings: filterable and searchable in the list, in the finance
 * exports, and kept when the use case is edited.
 */
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { importUseCases, undoImport } from "@/app/o/[org]/use-cases/import/actions";
import { updateUseCase } from "@/app/o/[org]/use-cases/actions";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { DEFAULT_LIST_QUERY } from "@/lib/domain/use-case-list";
import type { ImportMapping } from "@/lib/domain/import";
import { db } from "@/lib/server/db";
import { businessUnitStream, detailStream } from "@/lib/server/export/cost-exports";
import { getImportRecord } from "@/lib/server/import/undo";
import { rescoreOrganization } from "@/lib/server/rescore";
import { getUseCase, getUseCaseHistory } from "@/lib/server/use-cases/read";
import { listUseCases } from "@/lib/server/use-cases/list";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs } from "./helpers/session";
import { csv, fileOf, H, templateMapping, tRow } from "./import-helpers";

async function commit(org: TestOrg, content: string, mapping: ImportMapping = templateMapping()) {
  const res = await importUseCases(org.slug, { file: fileOf(content), fileName: "inventory.csv", mapping, onlyValid: false });
  if (!res.ok || !res.data.committed) throw new Error(`import refused: ${JSON.stringify(res)}`);
  return res.data;
}

describe("undoing an import", () => {
  it("deletes what it added and puts back what it updated, in one step, once", async () => {
    const org = await createTestOrg("undo");
    signInAs(org.users.EXECUTIVE.id);
    // One deciding answer each, so the rows are costed (an import with no answers is not assessed and has no costs).
    await commit(org, csv([H, tRow({ title: "Kept", externalId: "U-1", businessUnit: "Ops", status: "LIVE", changeFrequency: "weekly" })]));
    const kept = await db.useCase.findFirstOrThrow({ where: { organizationId: org.id, externalId: "U-1" } });

    const second = await commit(org, csv([H, tRow({ title: "Kept, renamed", externalId: "U-1", status: "RETIRED", changeFrequency: "weekly" }), tRow({ title: "Added", externalId: "U-2", changeFrequency: "weekly" }), tRow({ title: "Added too", externalId: "U-3", changeFrequency: "weekly" })]));
    expect(second).toMatchObject({ created: 2, updated: 1 });
    const record = await getImportRecord(org.id, second.importId);
    expect(record).toMatchObject({ fileName: "inventory.csv", counts: { rows: 3, created: 2, updated: 1 }, undone: null });
    expect(record.useCases.map((u) => [u.title, u.action, u.changedSince]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ["Added", "create", false],
      ["Added too", "create", false],
      ["Kept, renamed", "update", false],
    ]);

    // Each use case's history names the import that wrote it, whose record undoes it as one step.
    const added = await db.useCase.findFirstOrThrow({ where: { organizationId: org.id, externalId: "U-2" } });
    expect((await getUseCaseHistory(org.id, added.id)).map((e) => [e.action, e.importId])).toEqual([["use_case.imported", second.importId]]);
    const keptHistory = await getUseCaseHistory(org.id, kept.id);
    expect(keptHistory.filter((e) => e.action === "use_case.imported").map((e) => e.importId)).toEqual([second.importId, expect.any(String)]);
    expect(keptHistory.filter((e) => e.action === "use_case.imported")[1]!.importId).not.toBe(second.importId);

    const res = await undoImport(org.slug, { importId: second.importId });
    expect(res).toMatchObject({ ok: true, data: { deleted: 2, restored: 1 } });
    const left = await db.useCase.findMany({ where: { organizationId: org.id } });
    expect(left.map((u) => u.externalId)).toEqual(["U-1"]);
    expect(left[0]).toMatchObject({ id: kept.id, title: "Kept", status: "LIVE", businessUnit: "Ops" });
    // the deleted use cases' projections went with them; the restored one was re-projected
    expect(await db.costLine.count({ where: { organizationId: org.id, useCaseId: { not: kept.id } } })).toBe(0);
    expect(await db.costLine.count({ where: { useCaseId: kept.id } })).toBeGreaterThan(0);
    const audits = await db.auditEvent.findMany({ where: { organizationId: org.id, action: { in: ["use_cases.import_undone", "use_case.import_undone"] } } });
    expect(audits.filter((a) => a.action === "use_case.import_undone")).toHaveLength(3);
    expect(audits.find((a) => a.action === "use_cases.import_undone")).toMatchObject({ entityId: second.importId, actorId: org.users.EXECUTIVE.id, after: { deleted: 2, restored: 1 } });
    expect((await getImportRecord(org.id, second.importId)).undone).not.toBeNull();

    // once only
    expect(await undoImport(org.slug, { importId: second.importId })).toMatchObject({ ok: false, message: expect.stringMatching(/already been undone/) });
    // and the same file imports again cleanly afterwards
    expect(await commit(org, csv([H, tRow({ title: "Added", externalId: "U-2" })]))).toMatchObject({ created: 1 });
  });

  it("still undoes after the figures were re-derived (new assumptions, weights, the start-up re-scoring): nobody changed the use cases", async () => {
    const org = await createTestOrg("undo-rederived");
    signInAs(org.users.ADMIN.id);
    const done = await commit(org, csv([H, tRow({ title: "One", externalId: "D-1", changeFrequency: "weekly" }), tRow({ title: "Two", externalId: "D-2", changeFrequency: "weekly" })]));
    const before = await db.useCase.findMany({ where: { organizationId: org.id }, select: { id: true, updatedAt: true, scoredAt: true }, orderBy: { id: "asc" } });
    await new Promise((r) => setTimeout(r, 20));
    expect((await rescoreOrganization(org.id, { actorId: org.users.ADMIN.id, all: true, reason: "test" })).useCases).toBe(2);
    const after = await db.useCase.findMany({ where: { organizationId: org.id }, select: { id: true, updatedAt: true, scoredAt: true }, orderBy: { id: "asc" } });
    // Re-derived (a new scoredAt), not updated: the list's "Updated" and the undo's check stay as the import left them.
    expect(after.map((u) => u.updatedAt.getTime())).toEqual(before.map((u) => u.updatedAt.getTime()));
    for (const [i, u] of after.entries()) expect(u.scoredAt!.getTime()).toBeGreaterThan(before[i]!.scoredAt!.getTime());
    expect((await getImportRecord(org.id, done.importId)).useCases.map((u) => u.changedSince)).toEqual([false, false]);
    expect(await undoImport(org.slug, { importId: done.importId })).toMatchObject({ ok: true, data: { deleted: 2, restored: 0 } });
  });

  it("refuses when a use case changed since, a lead's undo of another's import, and finance; nothing is undone", async () => {
    const org = await createTestOrg("undo-refused");
    signInAs(org.users.ADMIN.id);
    const done = await commit(org, csv([H, tRow({ title: "One", externalId: "R-1" }), tRow({ title: "Two", externalId: "R-2" })]));
    const one = await db.useCase.findFirstOrThrow({ where: { organizationId: org.id, externalId: "R-1" } });

    signInAs(org.users.LEAD.id);
    expect(await undoImport(org.slug, { importId: done.importId })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signInAs(org.users.FINANCE.id);
    expect(await undoImport(org.slug, { importId: done.importId })).toMatchObject({ ok: false });

    signInAs(org.users.ADMIN.id);
    expect(await updateUseCase(org.slug, { id: one.id, expectedVersion: 1, title: "One, edited by hand", externalId: "R-1" })).toMatchObject({ ok: true });
    const refused = await undoImport(org.slug, { importId: done.importId });
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/1 use case was changed/) });
    expect(await db.useCase.count({ where: { organizationId: org.id } })).toBe(2);
    expect((await getImportRecord(org.id, done.importId)).useCases.find((u) => u.id === one.id)?.changedSince).toBe(true);

    // another organization's import does not exist here
    const other = await createTestOrg("undo-other");
    signInAs(other.users.ADMIN.id);
    expect(await undoImport(other.slug, { importId: done.importId })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});

describe("governance fields from an import", () => {
  it("are filterable and searchable in the list, in both exports, and survive an edit", async () => {
    const org = await createTestOrg("governance");
    signInAs(org.users.ADMIN.id);
    const headers = ["id", "name", "unit", "impact", "pii", "built", "vendor", "tier", "Bureau", "need"];
    const mapping: ImportMapping = {
      columns: { id: "externalId", name: "title", unit: "businessUnit", impact: "highImpact", pii: "personalData", built: "sourcing", vendor: "vendor", tier: "euRiskTier", Bureau: "", need: "coreNeed" },
      values: {},
      keepOthers: true,
    };
    await commit(
      org,
      csv([
        headers,
        ["G-1", "Benefits eligibility", "Claims", "High-impact", "Yes", "Developed with contracting resources.", "Acme AI", "High risk", "Veterans Benefits Administration", "retrieval"],
        ["G-2", "Mail sorting", "Ops", "Not high-impact", "No", "Developed in-house.", "", "Minimal", "Postal unit", "retrieval"],
      ]),
      mapping,
    );
    const list = (filter: Partial<typeof EMPTY_FILTER>, q = "") => listUseCases(org.id, { ...DEFAULT_LIST_QUERY, filter: { ...EMPTY_FILTER, ...filter }, q }).then((p) => p.rows.map((r) => r.title));
    expect(await list({ highImpact: ["HIGH_IMPACT"] })).toEqual(["Benefits eligibility"]);
    expect(await list({ personalData: ["no"] })).toEqual(["Mail sorting"]);
    expect(await list({ euRiskTier: ["NOT_RECORDED"] })).toEqual([]);
    expect(await list({}, "veterans benefits")).toEqual(["Benefits eligibility"]);
    expect(await list({}, "acme")).toEqual(["Benefits eligibility"]);

    const read = async (s: ReadableStream<Uint8Array>) => Papa.parse<Record<string, string>>(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(s).arrayBuffer()).replace(/^\ufeff/, ""), { header: true, skipEmptyLines: true }).data;
    const detail = await read(detailStream({ id: org.id, name: "Gov" }, { ...EMPTY_FILTER, highImpact: ["HIGH_IMPACT"] }));
    expect(detail.length).toBeGreaterThan(0);
    expect(new Set(detail.map((r) => r.title))).toEqual(new Set(["Benefits eligibility"]));
    expect(detail[0]).toMatchObject({ high_impact: "HIGH_IMPACT", personal_data: "yes", sourcing: "BOUGHT", vendor: "Acme AI", eu_risk_tier: "HIGH" });
    expect(JSON.parse(detail[0]!.additional_fields!)).toEqual({ Bureau: "Veterans Benefits Administration" });
    const units = await read(businessUnitStream({ id: org.id, name: "Gov" }, EMPTY_FILTER));
    const claims = units.find((r) => r.business_unit === "Claims" && r.scenario === "as chosen")!;
    expect(claims).toMatchObject({ high_impact_use_cases: "1", personal_data_use_cases: "1" });
    // the detail export's base amounts for the filter still add up to the unit rollup's, to the cent
    const sum = (rows: Record<string, string>[]) => rows.reduce((s, r) => s + Math.round(Number(r.base || 0) * 100), 0);
    const asChosenDetail = detail.filter((r) => r.as_chosen === "yes" && r.calendar_year === claims.calendar_year);
    expect(sum(asChosenDetail)).toBe(Math.round(Number(claims.base) * 100));

    // an edit through the form's action keeps the governance fields and the additional ones it sends back
    const uc = (await db.useCase.findFirstOrThrow({ where: { organizationId: org.id, externalId: "G-1" } }))!;
    const detailView = (await getUseCase(org.id, uc.id))!;
    const res = await updateUseCase(org.slug, { id: uc.id, expectedVersion: uc.version, ...detailView.fields, title: "Benefits eligibility v2", euRiskTier: "LIMITED" });
    expect(res).toMatchObject({ ok: true });
    expect(await db.useCase.findUniqueOrThrow({ where: { id: uc.id } })).toMatchObject({
      title: "Benefits eligibility v2",
      euRiskTier: "LIMITED",
      highImpact: "HIGH_IMPACT",
      vendor: "Acme AI",
      additionalFields: { Bureau: "Veterans Benefits Administration" },
    });
  });
});
