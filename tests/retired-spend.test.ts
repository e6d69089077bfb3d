/**
 * A retired use case projects no spend after the year it was retired in (lib/domain/costing/retired.ts,
 * docs/decisions/portfolio-dashboard.md): through the registry's save and the import, its stored
 * years stop there, and the portfolio's years, lifecycle and the detail export agree to the cent.
 */
import Papa from "papaparse";
import { afterEach, describe, expect, it } from "vitest";
import { GET as detailGET } from "@/app/o/[org]/export/detail.csv/route";
import { suggestColumns } from "@/lib/domain/import";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { db } from "@/lib/server/db";
import { importFile } from "@/lib/server/import/run";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import { EDITABLE_SELECT, rowToFields } from "@/lib/server/use-cases/mapping";
import { inUseCaseTransaction, writeUseCase } from "@/lib/server/use-cases/write";
import { createTestOrg } from "./helpers/factory";
import { signInAs, signOut } from "./helpers/session";

afterEach(() => signOut());

// The demo's sanctions screening: a RAG use case over three years.
const SANCTIONS = { changeFrequency: "daily", maxLagDays: 1, needsCitations: true, corpusDocuments: 20_000, monthlyCalls: 5_000 } as const;
const THIS_YEAR = new Date().getUTCFullYear();

/** The recommended scenario's figures, year by year, and its lifecycle (base cents). */
async function recommended(organizationId: string) {
  const d = await loadDashboard(organizationId, EMPTY_FILTER);
  const years = Object.fromEntries(d.scenarios.filter((s) => s.scenario === "recommended" && s.base !== 0).map((s) => [s.calendarYear, s.base]));
  return { years, lifecycle: d.scenarioSummaries.find((s) => s.scenario === "recommended")!.lifecycle.base };
}

/** The detail export's recommended rows: base cents by calendar year. */
async function exported(slug: string) {
  const res = await detailGET(new Request(`http://localhost/o/${slug}/export/detail.csv`), { params: Promise.resolve({ org: slug }) });
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
  const rows = Papa.parse<Record<string, string>>(text.slice(1, -2), { header: true, newline: "\r\n" }).data;
  const out: Record<number, number> = {};
  for (const r of rows.filter((r) => r.approach === r.recommended_approach && r.base !== "")) {
    out[Number(r.calendar_year)] = (out[Number(r.calendar_year)] ?? 0) + Number(BigInt(r.base!.replace(".", "")));
  }
  return out;
}

describe("a retired use case's projected spend", () => {
  it("stops at the end of the year it was retired in: the portfolio's years and lifecycle and the export drop the years after, and come back if it is live again", async () => {
    const org = await createTestOrg("retired");
    const ctx = { organizationId: org.id, actorId: org.users.ADMIN.id, role: "ADMIN" as const };
    const fields = { title: "Sanctions screening explanations", status: "LIVE" as const, startDate: `${THIS_YEAR - 1}-03-01`, horizonYears: 3, assessment: SANCTIONS };
    const { id } = await inUseCaseTransaction((tx) => writeUseCase(tx, ctx, { fields }));
    const live = await recommended(org.id);
    expect(Object.keys(live.years).map(Number)).toEqual([THIS_YEAR - 1, THIS_YEAR, THIS_YEAR + 1]);

    const setStatus = async (status: "LIVE" | "RETIRED") => {
      const row = await db.useCase.findUniqueOrThrow({ where: { id }, select: EDITABLE_SELECT });
      await inUseCaseTransaction((tx) => writeUseCase(tx, ctx, { id, expectedVersion: row.version, fields: { ...rowToFields(row), status } }));
    };
    await setStatus("RETIRED");
    const row = await db.useCase.findUniqueOrThrow({ where: { id }, select: { retiredAt: true } });
    expect(row.retiredAt?.getUTCFullYear()).toBe(THIS_YEAR);
    const retired = await recommended(org.id);
    // No spend in the year after it was switched off; the years before keep theirs, to the cent.
    expect(retired.years).toEqual({ [THIS_YEAR - 1]: live.years[THIS_YEAR - 1], [THIS_YEAR]: live.years[THIS_YEAR] });
    expect(retired.lifecycle).toBe(live.lifecycle - live.years[THIS_YEAR + 1]!);
    expect(await db.costLine.count({ where: { useCaseId: id, calendarYear: { gt: THIS_YEAR } } })).toBe(0);
    // The export says what the portfolio says.
    signInAs(org.users.FINANCE.id);
    expect(await exported(org.slug)).toEqual(retired.years);

    // Live again: retired no more, its whole horizon projected.
    await setStatus("LIVE");
    expect((await db.useCase.findUniqueOrThrow({ where: { id }, select: { retiredAt: true } })).retiredAt).toBeNull();
    expect(await recommended(org.id)).toEqual(live);
  });

  it("retired before its first year: nothing projected, counted apart as not costed, and its page says why", async () => {
    const org = await createTestOrg("retired-early");
    const ctx = { organizationId: org.id, actorId: org.users.ADMIN.id, role: "ADMIN" as const };
    const { id } = await inUseCaseTransaction((tx) =>
      writeUseCase(tx, ctx, { fields: { title: "Cancelled before it began", status: "RETIRED", startDate: `${THIS_YEAR + 1}-01-01`, horizonYears: 3, assessment: SANCTIONS } }),
    );
    expect(await db.costLine.count({ where: { useCaseId: id } })).toBe(0);
    const d = await loadDashboard(org.id, EMPTY_FILTER);
    expect(d.scenarios.every((s) => s.base === 0)).toBe(true);
    expect(d.scenarioSummaries.find((s) => s.scenario === "recommended")).toMatchObject({ costed: 0, notCosted: 1 });
    const summary = (await db.useCase.findUniqueOrThrow({ where: { id }, select: { projectionSummary: true } })).projectionSummary as { breakEven: { reason: string } };
    expect(summary.breakEven.reason).toBe("None: it was retired before its first year, so nothing is projected.");
  });

  it("imported as retired, or retired by an import, projects nothing after that year; a later import keeps the year", async () => {
    const org = await createTestOrg("retired-import");
    const actor = { organizationId: org.id, userId: org.users.ADMIN.id, role: "ADMIN" as const };
    const header = ["title", "status", "externalId", "startDate", "horizonYears", "changeFrequency", "monthlyCalls", "corpusDocuments"];
    const importRows = async (rows: string[][]) => {
      const text = [header, ...rows].map((r) => r.join(",")).join("\r\n") + "\r\n";
      const result = await importFile(actor, { file: new File([text], "inventory.csv", { type: "text/csv" }), fileName: "inventory.csv", mapping: { columns: suggestColumns(header), values: {} } });
      expect(result).toMatchObject({ committed: true });
    };
    const start = `${THIS_YEAR - 1}-03-01`;
    await importRows([
      ["Retired on arrival", "RETIRED", "R-1", start, "3", "daily", "5000", "20000"],
      ["Live for now", "LIVE", "R-2", start, "3", "daily", "5000", "20000"],
    ]);
    const years = async (externalId: string) => {
      const uc = await db.useCase.findFirstOrThrow({ where: { organizationId: org.id, externalId }, select: { id: true, retiredAt: true } });
      const ys = await db.costYear.findMany({ where: { useCaseId: uc.id, approach: "RAG" }, select: { calendarYear: true } });
      return { retiredIn: uc.retiredAt?.getUTCFullYear() ?? null, years: ys.map((y) => y.calendarYear).sort() };
    };
    expect(await years("R-1")).toEqual({ retiredIn: THIS_YEAR, years: [THIS_YEAR - 1, THIS_YEAR] });
    expect(await years("R-2")).toEqual({ retiredIn: null, years: [THIS_YEAR - 1, THIS_YEAR, THIS_YEAR + 1] });
    // Retired a year ago: a later import that still says retired keeps that year.
    const uc = await db.useCase.findFirstOrThrow({ where: { organizationId: org.id, externalId: "R-1" }, select: { id: true } });
    await db.useCase.update({ where: { id: uc.id }, data: { retiredAt: new Date(`${THIS_YEAR - 1}-06-30T00:00:00Z`) } });
    await importRows([
      ["Retired on arrival", "RETIRED", "R-1", start, "3", "daily", "6000", "20000"],
      ["Live for now", "RETIRED", "R-2", start, "3", "daily", "5000", "20000"],
    ]);
    expect(await years("R-1")).toEqual({ retiredIn: THIS_YEAR - 1, years: [THIS_YEAR - 1] });
    expect(await years("R-2")).toEqual({ retiredIn: THIS_YEAR, years: [THIS_YEAR - 1, THIS_YEAR] });
  });
});
