/**
 * Issue 15, done: a public-inventory-shaped file (tests/helpers/public-inventory.ts: repeated
 * per-agency ids, long ids, mixed encoding, mojibake, odd dates, rows without ids, unknown
 * statuses, multi-line cells, 35 columns) imports as described, governance fields first-class and
 * every other column kept; re-importing it changes nothing; its refused rows, corrected, import.
 */
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { importUseCases } from "@/app/o/[org]/use-cases/import/actions";
import { decodeCsvBytes, parseCsv, refusedRowsCsv, REFUSED_REASON_COLUMN, type ImportMapping } from "@/lib/domain/import";
import { db } from "@/lib/server/db";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { inventoryMapping, publicInventory } from "./helpers/public-inventory";
import { signInAs } from "./helpers/session";
import { checkLikeTheBrowser, fileOf } from "./import-helpers";

async function commit(org: TestOrg, bytes: Uint8Array, mapping: ImportMapping, onlyValid = true) {
  const res = await importUseCases(org.slug, { file: fileOf(bytes, "ai-inventory-2025.csv"), fileName: "ai-inventory-2025.csv", mapping, onlyValid });
  if (!res.ok) throw new Error(`import refused: ${res.code} ${res.message}`);
  return res.data;
}

const fingerprint = async (org: TestOrg) =>
  (await db.useCase.findMany({ where: { organizationId: org.id }, orderBy: { id: "asc" }, select: { id: true, version: true, updatedAt: true, title: true, additionalFields: true } })).map(
    (r) => `${r.id}:${r.version}:${r.updatedAt.toISOString()}`,
  );

describe("a public inventory as published", () => {
  const file = publicInventory(400);
  const refusedRows = [...new Set([...file.faults.longId, ...file.faults.longTitle, ...file.faults.emptyTitle, ...file.faults.noYear])].sort((a, b) => a - b);

  it("checks every row, imports the valid ones with governance fields and every other column, and re-importing changes nothing", { timeout: 120_000 }, async () => {
    const org = await createTestOrg("inventory");
    signInAs(org.users.ADMIN.id);
    const mapping = inventoryMapping();

    const { report } = await checkLikeTheBrowser(org.slug, file.bytes, mapping);
    expect(report.encoding).toBe("mixed");
    expect(report.encodingNote).toContain(`Row ${file.faults.cp1252Row} held Windows-1252 characters`);
    expect(report.outcomes.filter((o) => o.outcome === "refused").map((o) => o.row)).toEqual(refusedRows);
    expect(report.counts).toMatchObject({ rows: 400, create: 400 - refusedRows.length, update: 0, unchanged: 0, errorRows: refusedRows.length });
    const reasons = new Map(report.outcomes.map((o) => [o.row, (o.reasons ?? []).join(" ")]));
    expect(reasons.get(file.faults.longId[0]!)).toMatch(/: “DHS \/ [^”]*…”: external id must be at most 120 characters/);
    expect(reasons.get(file.faults.longTitle[0]!)).toMatch(/Title must be at most 200 characters/);
    expect(reasons.get(file.faults.emptyTitle[0]!)).toMatch(/Title is required/);
    // a day and a month without a year is refused, naming the column and the forms it takes, never read as April 2020
    expect(file.faults.noYear.length).toBeGreaterThan(0);
    expect(reasons.get(file.faults.noYear[0]!)).toBe(
      "Date Initiated: “20-Apr” has no year we can read (it may be a day and a month): write the date as YYYY-MM-DD (e.g. 2027-04-20), or a month with its year in full (Apr 2027, 2027-04).",
    );

    const done = await commit(org, file.bytes, mapping);
    expect(done).toMatchObject({ committed: true, created: 400 - refusedRows.length, updated: 0, refused: refusedRows.length });

    const all = await db.useCase.findMany({ where: { organizationId: org.id } });
    expect(all).toHaveLength(400 - refusedRows.length);
    // ids repeated across agencies are told apart by agency + id
    const twentyFives = all.filter((u) => u.externalId?.endsWith(" / 25")).map((u) => u.externalId).sort();
    expect(twentyFives).toEqual(["DHS / 25", "DOI / 25", "EPA / 25", "HHS / 25", "TREAS / 25"]);
    // rows without an id were created without one
    expect(all.filter((u) => u.externalId === null)).toHaveLength(file.faults.noId.filter((r) => !refusedRows.includes(r)).length);
    // "Unknown" stays unknown; long OMB answers read by their leading words
    const byTitle = (row: number) => all.find((u) => u.title === file.rows[row - 2]![4])!;
    expect(byTitle(file.faults.unknownStatus[1]!).status).toBe("UNKNOWN");
    expect(new Set(all.map((u) => u.status))).toEqual(new Set(["ASSESSING", "BUILDING", "LIVE", "RETIRED", "UNKNOWN"]));
    // governance fields, first-class
    expect(new Set(all.map((u) => u.highImpact))).toEqual(new Set(["HIGH_IMPACT", "NOT_HIGH_IMPACT", "PRESUMED_NOT_HIGH_IMPACT"]));
    expect(new Set(all.map((u) => u.sourcing))).toEqual(new Set(["IN_HOUSE", "BOUGHT", "BOTH"]));
    expect(new Set(all.map((u) => u.personalData))).toEqual(new Set([true, false]));
    expect(all.some((u) => u.vendor === "Palantir")).toBe(true);
    expect(all.every((u) => u.topicArea !== "")).toBe(true);
    // every other column kept by its name
    const first = byTitle(2);
    expect(first.additionalFields).toMatchObject({ Agency: "Department of the Treasury", "Point of contact office": "TREAS Office of the CIO" });
    expect(first.additionalText).toContain("Agency: Department of the Treasury");
    // dates as inventories write them, with their precision
    const dated = (raw: string) => all.find((u, _i) => file.rows.some((r) => r[4] === u.title && r[11] === raw))!;
    expect(dated("2025")).toMatchObject({ startDatePrecision: "YEAR" });
    expect(dated("2025").startDate?.toISOString().slice(0, 10)).toBe("2025-01-01");
    expect(dated("Jan-24")).toMatchObject({ startDatePrecision: "MONTH" });
    expect(dated("2019.0").startDate?.toISOString().slice(0, 4)).toBe("2019");
    expect(dated("1995-06-01").startDate?.toISOString().slice(0, 10)).toBe("1995-06-01");
    expect(dated("N/A").startDate).toBeNull();
    // the Windows-1252 row read right, the mojibake and the control character repaired
    expect(byTitle(file.faults.cp1252Row).description).toBe("Résumé screening – the agency’s pilot.");
    expect(byTitle(file.faults.mojibake[0]!).description).toMatch(/^The FBI’s partners/);
    expect(byTitle(file.faults.control[0]!).description).toMatch(/^The agency’s /);
    // multi-line cells kept
    expect(all.some((u) => u.description.includes("\nSecond paragraph"))).toBe(true);

    // the summary audit event has the counts
    const summary = await db.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "use_cases.imported" } });
    expect(summary.after).toMatchObject({ rows: 400, created: 400 - refusedRows.length, refused: refusedRows.length });

    // the same file again: nothing changes
    const before = await fingerprint(org);
    const again = await checkLikeTheBrowser(org.slug, file.bytes, mapping);
    expect(again.report.counts).toMatchObject({ create: 0, update: 0, unchanged: 400 - refusedRows.length, errorRows: refusedRows.length });
    expect(await commit(org, file.bytes, mapping)).toMatchObject({ created: 0, updated: 0, unchanged: 400 - refusedRows.length });
    expect(await fingerprint(org)).toEqual(before);

    // the refused rows, downloaded, corrected and imported again
    const decoded = decodeCsvBytes(file.bytes);
    const parsed = parseCsv(decoded.text);
    const refused = refusedRowsCsv(parsed.headers, parsed.rows, report.outcomes);
    expect(refused.count).toBe(refusedRows.length);
    const table = Papa.parse<string[]>(refused.csv.replace(/^\ufeff/, ""), { skipEmptyLines: true }).data;
    expect(table[0]!.at(-1)).toBe(REFUSED_REASON_COLUMN);
    for (const r of table.slice(1)) {
      if (r[0]!.length > 120) r[0] = `X${r[0]!.length}`;
      if (r[4]!.length > 200) r[4] = r[4]!.slice(0, 60);
      if (r[4] === "") r[4] = "Named at last";
      if (r[11] === "20-Apr") r[11] = "2020-04-20";
    }
    const corrected = new TextEncoder().encode(`\ufeff${Papa.unparse(table, { newline: "\r\n" })}\r\n`);
    const fixed = await commit(org, corrected, mapping, false);
    expect(fixed).toMatchObject({ committed: true, created: refusedRows.length, refused: 0 });
    expect(await db.useCase.count({ where: { organizationId: org.id } })).toBe(400);
    // and the reason column was not kept as an additional field
    const named = await db.useCase.findFirstOrThrow({ where: { organizationId: org.id, title: "Named at last" } });
    expect(Object.keys(named.additionalFields as object)).not.toContain(REFUSED_REASON_COLUMN);
  });
});
