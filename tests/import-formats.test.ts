/**
 * The CSV import and files as others write them: a foreign inventory with a saved column and value
 * mapping, dates as inventories write them, Windows-1252 and a byte-order mark, the size limits,
 * and the template. Issues 3 and 15; tests/import.test.ts has the import's core journeys.
 */
import { describe, expect, it } from "vitest";
import { deleteImportMapping, importUseCases, saveImportMapping } from "@/app/o/[org]/use-cases/import/actions";
import { applySavedColumns, MAX_DATA_ROWS, MAX_FILE_BYTES, pickSavedMapping, suggestColumns, templateCsv, type ImportMapping } from "@/lib/domain/import";
import { GET as templateRoute } from "@/app/o/[org]/use-cases/import/template/route";
import { db } from "@/lib/server/db";
import { listImportMappings } from "@/lib/server/import/mappings";
import { createTestOrg } from "./helpers/factory";
import { signInAs } from "./helpers/session";
import { checkLikeTheBrowser, commit, csv, fileOf, footprint, templateMapping, useCasesOf, windows1252 } from "./import-helpers";

describe("a foreign inventory (a US federal agency AI use-case inventory)", () => {
  const FEDERAL_HEADERS = ["Use Case ID", "Use Case Name", "Agency", "Bureau", "Summary of Use Case", "Stage of Development", "Contact Email"];
  const FEDERAL = csv([
    FEDERAL_HEADERS,
    ["DOC-0001", "Fisheries survey image classifier", "Department of Commerce", "NOAA", "Classifies fish species in survey imagery.\nRuns on board research vessels.\n\n“Quoted” text, commas, and all.", "Operation and Maintenance", ""],
    ["DOC-0002", "Patent prior-art search", "Department of Commerce", "USPTO", "Finds prior art for examiners.", "Pre-deployment", ""],
    ["DOC-0003", "Weather model downscaling", "Department of Commerce", "NOAA", "", "Retired", ""],
    ["DOC-0004", "Trade document translation", "Department of Commerce", "ITA", "Translates trade documents.", "Sunsetting", ""],
  ]);

  it("suggests the columns, maps the values, saves the mapping and applies it next time", async () => {
    const org = await createTestOrg("import-federal");
    signInAs(org.users.ADMIN.id);
    const columns = suggestColumns(FEDERAL_HEADERS);
    expect(columns).toEqual({
      "Use Case ID": "externalId",
      "Use Case Name": "title",
      Agency: "",
      Bureau: "businessUnit",
      "Summary of Use Case": "description",
      "Stage of Development": "status",
      "Contact Email": "ownerEmail",
    });
    // "Sunsetting" is not a status we recognise: the check says so and names the row
    const first = await checkLikeTheBrowser(org.slug, new TextEncoder().encode(FEDERAL), { columns, values: {} });
    expect(first.report.errors).toEqual([expect.objectContaining({ row: 5, field: "status", column: "Stage of Development" })]);

    // the person maps it, and saves the mapping under a name
    const mapping: ImportMapping = { columns, values: { status: { sunsetting: "RETIRED" } } };
    const saved = await saveImportMapping(org.slug, { name: "Federal inventory", mapping });
    expect(saved.ok).toBe(true);
    const done = await commit(org, FEDERAL, mapping, "doc-inventory.csv");
    expect(done).toMatchObject({ committed: true, created: 4 });
    const rows = await useCasesOf(org);
    expect(rows.map((r) => [r.externalId, r.businessUnit, r.status])).toEqual([
      ["DOC-0001", "NOAA", "LIVE"],
      ["DOC-0002", "USPTO", "ASSESSING"],
      ["DOC-0003", "NOAA", "RETIRED"],
      ["DOC-0004", "ITA", "RETIRED"],
    ]);
    expect(rows[0]!.description).toBe("Classifies fish species in survey imagery.\nRuns on board research vessels.\n\n“Quoted” text, commas, and all.");

    // next time: the saved mapping is the one whose columns are in the file, and it applies as saved
    const NEXT = csv([
      FEDERAL_HEADERS,
      ["DOC-0004", "Trade document translation (v2)", "Department of Commerce", "ITA", "Translates trade documents.", "Sunsetting", ""],
      ["DOC-0005", "Census address matching", "Department of Commerce", "Census Bureau", "", "Pilot", ""],
    ]);
    const list = await listImportMappings(org.id);
    const picked = pickSavedMapping(FEDERAL_HEADERS, list);
    expect(picked?.name).toBe("Federal inventory");
    const again: ImportMapping = { columns: applySavedColumns(FEDERAL_HEADERS, picked!.columns), values: picked!.values };
    expect(again).toEqual(mapping);
    const second = await commit(org, NEXT, again);
    expect(second).toMatchObject({ committed: true, created: 1, updated: 1 });
    expect((await useCasesOf(org)).map((r) => [r.externalId, r.title, r.status])).toContainEqual(["DOC-0005", "Census address matching", "BUILDING"]);

    // saving is audited; deleting works
    expect(await db.auditEvent.count({ where: { organizationId: org.id, entity: "ImportMapping" } })).toBe(1);
    expect((await deleteImportMapping(org.slug, { id: picked!.id })).ok).toBe(true);
    expect(await listImportMappings(org.id)).toEqual([]);
  });
});

describe("dates as inventories write them", () => {
  const HEAD = ["Name", "Start date", "Ref"];
  const DAY_FIRST = csv([HEAD, ["Invoice reader", "05/01/2027", "D-1"], ["Claims triage", "1 Mar 2027", "D-2"], ["Fraud signals", "2027-07", "D-3"]]);
  const columns = { Name: "title", "Start date": "startDate", Ref: "externalId" } as const;

  it("refuses to guess 05/01/2027; with day first chosen (and saved) it is 5 January, and names and months read too", async () => {
    const org = await createTestOrg("import-dates");
    signInAs(org.users.ADMIN.id);
    const unsure = await checkLikeTheBrowser(org.slug, new TextEncoder().encode(DAY_FIRST), { columns: { ...columns }, values: {} });
    expect(unsure.report.errors).toEqual([
      { row: 2, field: "startDate", column: "Start date", message: "“05/01/2027” could be day first or month first: choose how the file writes dates (under Dates)." },
    ]);
    const refused = await importUseCases(org.slug, { file: fileOf(DAY_FIRST), fileName: "d.csv", mapping: { columns: { ...columns }, values: {} } });
    expect(refused.ok).toBe(true);
    expect(refused.ok && refused.data.committed).toBe(false);
    expect(await db.useCase.count({ where: { organizationId: org.id } })).toBe(0);

    const mapping: ImportMapping = { columns: { ...columns }, values: {}, dateOrder: "DMY" };
    expect((await saveImportMapping(org.slug, { name: "Finance register", mapping })).ok).toBe(true);
    const done = await commit(org, DAY_FIRST, mapping);
    expect(done).toMatchObject({ committed: true, created: 3 });
    expect((await useCasesOf(org)).map((r) => [r.externalId, r.startDate?.toISOString().slice(0, 10)])).toEqual([
      ["D-1", "2027-01-05"],
      ["D-2", "2027-03-01"],
      ["D-3", "2027-07-01"],
    ]);
    // the order comes back with the saved mapping
    expect((await listImportMappings(org.id))[0]).toMatchObject({ name: "Finance register", dateOrder: "DMY" });

    // month first, the same cell is May 1 (an update of D-1 by its external id)
    const monthFirst = await commit(org, csv([HEAD, ["Invoice reader", "05/01/2027", "D-1"]]), { columns: { ...columns }, values: {}, dateOrder: "MDY" });
    expect(monthFirst).toMatchObject({ committed: true, updated: 1 });
    expect((await db.useCase.findFirstOrThrow({ where: { organizationId: org.id, externalId: "D-1" } })).startDate?.toISOString().slice(0, 10)).toBe("2027-05-01");
  });

  it("refuses a day and month without a year (20-Apr, Jan 24) for that row, naming the cell and the forms it takes, and imports the rest", async () => {
    const org = await createTestOrg("import-no-year");
    signInAs(org.users.ADMIN.id);
    const file = csv([HEAD, ["Invoice reader", "20-Apr", "Y-1"], ["Claims triage", "Jan 24", "Y-2"], ["Fraud signals", "Apr 2020", "Y-3"]]);
    const preview = await checkLikeTheBrowser(org.slug, new TextEncoder().encode(file), { columns: { ...columns }, values: {}, dateOrder: "DMY" });
    const forms = "write the date as YYYY-MM-DD (e.g. 2027-04-20), or a month with its year in full (Apr 2027, 2027-04).";
    expect(preview.report.errors).toEqual([
      { row: 2, field: "startDate", column: "Start date", message: `“20-Apr” has no year we can read (it may be a day and a month): ${forms}` },
      { row: 3, field: "startDate", column: "Start date", message: `“Jan 24” has no year we can read (it may be a day and a month): ${forms}` },
    ]);
    const all = await importUseCases(org.slug, { file: fileOf(file), fileName: "y.csv", mapping: { columns: { ...columns }, values: {} } });
    expect(all.ok && all.data.committed).toBe(false);
    expect(await db.useCase.count({ where: { organizationId: org.id } })).toBe(0);
    const res = await importUseCases(org.slug, { file: fileOf(file), fileName: "y.csv", mapping: { columns: { ...columns }, values: {} }, onlyValid: true });
    expect(res.ok && res.data).toMatchObject({ committed: true, created: 1, refused: 2 });
    expect((await useCasesOf(org)).map((r) => [r.externalId, r.startDate?.toISOString().slice(0, 10), r.startDatePrecision])).toEqual([["Y-3", "2020-04-01", "MONTH"]]);
  });

  it("refuses a number or a two-digit year that would date the use case before 2000 (20250 as 1955, Sep 98 as 1998), naming the cell and the forms read, and imports the rest", async () => {
    const org = await createTestOrg("import-century");
    signInAs(org.users.ADMIN.id);
    const file = csv([HEAD, ["Invoice reader", "20250", "C-1"], ["Claims triage", "Sep 98", "C-2"], ["Fraud signals", "45292", "C-3"], ["Mail sorter", "Sep-24", "C-4"], ["Legacy OCR", "Sep 1998", "C-5"]]);
    const preview = await checkLikeTheBrowser(org.slug, new TextEncoder().encode(file), { columns: { ...columns }, values: {} });
    const forms = "Write the date as YYYY-MM-DD (e.g. 2027-03-01), or with its year in full (5 Jan 1998, Sep 1998, 1998).";
    expect(preview.report.errors).toEqual([
      {
        row: 2, field: "startDate", column: "Start date",
        message: `“20250” is not read as a date: a number is read as a spreadsheet's day number only from 36526 to 73415 (2000-01-01 to 2100-12-31), and this one would be 1955-06-10. ${forms}`,
      },
      {
        row: 3, field: "startDate", column: "Start date",
        message: `“Sep 98” has a two-digit year whose century we do not guess: two digits after a month name are read as 2000 to 2049 only (Jan-24 is January 2024). ${forms}`,
      },
    ]);
    const res = await importUseCases(org.slug, { file: fileOf(file), fileName: "c.csv", mapping: { columns: { ...columns }, values: {} }, onlyValid: true });
    expect(res.ok && res.data).toMatchObject({ committed: true, created: 3, refused: 2 });
    expect((await useCasesOf(org)).map((r) => [r.externalId, r.startDate?.toISOString().slice(0, 10), r.startDatePrecision])).toEqual([
      ["C-3", "2024-01-01", "DAY"],
      ["C-4", "2024-09-01", "MONTH"],
      ["C-5", "1998-09-01", "MONTH"],
    ]);
  });
});

describe("encodings", () => {
  it("reads a Windows-1252 file: é, ü and – come through intact", async () => {
    const org = await createTestOrg("import-1252");
    signInAs(org.users.ADMIN.id);
    const text = csv([
      ["Title", "Business unit", "Description"],
      ["Résumé screening – pilot", "Personalabteilung München", "Prüft Lebensläufe; “smart” quotes and ’apostrophes’ too."],
    ]);
    const bytes = windows1252(text);
    const mapping: ImportMapping = { columns: suggestColumns(["Title", "Business unit", "Description"]), values: {} };
    const preview = await checkLikeTheBrowser(org.slug, bytes, mapping);
    expect(preview.report.encoding).toBe("windows-1252");
    const done = await commit(org, bytes, mapping);
    expect(done).toMatchObject({ committed: true, created: 1 });
    const [uc] = await useCasesOf(org);
    expect(uc).toMatchObject({ title: "Résumé screening – pilot", businessUnit: "Personalabteilung München", description: "Prüft Lebensläufe; “smart” quotes and ’apostrophes’ too." });
  });

  it("reads UTF-8 with a byte-order mark and semicolons (a European Excel export)", async () => {
    const org = await createTestOrg("import-bom");
    signInAs(org.users.ADMIN.id);
    const text = "\uFEFFTitel;Status\r\nÜbersetzung für Verträge;Live\r\n";
    const done = await commit(org, text, { columns: { Titel: "title", Status: "status" }, values: {} });
    expect(done).toMatchObject({ committed: true, created: 1 });
    expect((await useCasesOf(org))[0]).toMatchObject({ title: "Übersetzung für Verträge", status: "LIVE" });
  });
});

describe("limits", () => {
  it(`refuses a file over ${MAX_FILE_BYTES.toLocaleString("en-US")} bytes before reading it, and one over ${MAX_DATA_ROWS.toLocaleString("en-US")} rows`, async () => {
    const org = await createTestOrg("import-limits");
    signInAs(org.users.ADMIN.id);
    const big = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x41);
    const tooBig = await commit(org, big, templateMapping());
    expect(tooBig.committed).toBe(false);
    expect(tooBig.report.problems[0]).toBe("This file is 10,000,001 bytes; the import takes files up to 10,000,000 bytes (10 MB). Split it into smaller files and import them one after another.");

    const many = csv([["title"], ...Array.from({ length: MAX_DATA_ROWS + 1 }, (_, i) => [`Use case ${i}`])]);
    const tooMany = await commit(org, many, { columns: { title: "title" }, values: {} });
    expect(tooMany.committed).toBe(false);
    expect(tooMany.report.problems[0]).toMatch(/more than 10,000 rows/);
    expect(await footprint(org)).toEqual({ useCases: 0, audits: 0, lines: 0, mappings: 0 });
  });
});

describe("the template", () => {
  it("downloads a header-only template, an example and the field guide; finance is refused", async () => {
    const org = await createTestOrg("import-template");
    signInAs(org.users.LEAD.id);
    const get = (q = "") => templateRoute(new Request(`http://localhost/o/${org.slug}/use-cases/import/template${q}`), { params: Promise.resolve({ org: org.slug }) });
    const template = await get();
    expect(template.status).toBe(200);
    expect(template.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(await template.text()).toBe(templateCsv().replace(/^\uFEFF/, ""));
    const example = await (await get("?example=1")).arrayBuffer();
    const done = await commit(org, new Uint8Array(example), templateMapping());
    expect(done).toMatchObject({ committed: true, created: 2 });
    const guide = await (await get("?guide=1")).text();
    expect(guide).toContain("changeFrequency");
    expect(guide).toContain("realtime (Real time); daily; weekly");
    signInAs(org.users.FINANCE.id);
    expect((await get()).status).toBe(403);
  });
});
