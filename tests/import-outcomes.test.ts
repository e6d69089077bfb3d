/**
 * Issue 15 against a real database: per-row outcomes (new / update with old → new / unchanged /
 * refused with reasons), importing the valid rows and leaving the refused ones out (one
 * transaction, audited with the counts), the refused rows' CSV re-imported after correction;
 * identity (an external id from several columns; rows without one matched by title and business
 * unit, never duplicated; a re-import changes nothing); and mixed encodings and garbled text.
 */
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { importUseCases } from "@/app/o/[org]/use-cases/import/actions";
import { decodeCsvBytes, parseCsv, refusedRowsCsv, REFUSED_REASON_COLUMN, suggestColumns, type ImportMapping } from "@/lib/domain/import";
import { db } from "@/lib/server/db";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs } from "./helpers/session";
import { checkLikeTheBrowser, csv, fileOf, H, templateMapping, tRow } from "./import-helpers";

const enc = (s: string) => new TextEncoder().encode(s);

async function commit(org: TestOrg, content: string | Uint8Array, mapping: ImportMapping, options: { onlyValid?: boolean; name?: string } = {}) {
  const name = options.name ?? "inventory.csv";
  const res = await importUseCases(org.slug, { file: fileOf(content, name), fileName: name, mapping, onlyValid: options.onlyValid ?? false });
  if (!res.ok) throw new Error(`import refused: ${res.code} ${res.message} ${JSON.stringify(res.fieldErrors)}`);
  return res.data;
}

async function snapshot(org: TestOrg) {
  const rows = await db.useCase.findMany({ where: { organizationId: org.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, externalId: true, title: true, businessUnit: true, description: true, version: true, updatedAt: true } });
  return rows;
}

const FIRST = csv([
  H,
  tRow({ title: "Support assistant", businessUnit: "Support", externalId: "INV-1", horizonYears: "3" }),
  tRow({ title: "Contract reviewer", businessUnit: "Legal", externalId: "INV-2", status: "LIVE" }),
]);

describe("per-row outcomes", () => {
  it("lists every row as new, update (old → new), unchanged or refused; imports the valid rows only when asked, audited with the counts", async () => {
    const org = await createTestOrg("outcomes");
    signInAs(org.users.EXECUTIVE.id);
    expect(await commit(org, FIRST, templateMapping())).toMatchObject({ committed: true, created: 2 });

    const SECOND = csv([
      H,
      tRow({ title: "Support assistant", businessUnit: "Support", externalId: "INV-1", horizonYears: "3" }),
      tRow({ title: "Contract clause reviewer", businessUnit: "Legal", externalId: "INV-2", status: "BUILDING" }),
      tRow({ title: "Invoice extractor", externalId: "INV-3" }),
      tRow({ title: "Fraud signals", externalId: "INV-4", horizonYears: "12" }),
      tRow({ title: "", externalId: "INV-5" }),
    ]);
    const { report } = await checkLikeTheBrowser(org.slug, enc(SECOND), templateMapping());
    expect(report.counts).toMatchObject({ rows: 5, create: 1, update: 1, unchanged: 1, errorRows: 2 });
    expect(report.outcomes.map((o) => [o.row, o.outcome])).toEqual([
      [2, "unchanged"],
      [3, "update"],
      [4, "create"],
      [5, "refused"],
      [6, "refused"],
    ]);
    expect(report.outcomes[1]!.changes).toEqual([
      { field: "title", label: "Title", before: "Contract reviewer", after: "Contract clause reviewer" },
      { field: "status", label: "Status", before: "Live", after: "Building" },
    ]);
    expect(report.outcomes[3]!.reasons).toEqual(["horizonYears: “12”: at most 10 years"]);
    expect(report.outcomes[4]!.reasons![0]).toMatch(/^title: Title is required/);

    // all or nothing: refused rows stop the import, nothing is written
    const before = await snapshot(org);
    const strict = await commit(org, SECOND, templateMapping());
    expect(strict.committed).toBe(false);
    expect(strict.report.outcomes.filter((o) => o.outcome === "refused").map((o) => o.row)).toEqual([5, 6]);
    expect(await snapshot(org)).toEqual(before);

    // the valid rows only: one transaction, the refused ones left out and counted
    const done = await commit(org, SECOND, templateMapping(), { onlyValid: true });
    expect(done).toMatchObject({ committed: true, created: 1, updated: 1, unchanged: 1, refused: 2 });
    const after = await snapshot(org);
    expect(after.map((r) => r.externalId).sort()).toEqual(["INV-1", "INV-2", "INV-3"]);
    expect(after.find((r) => r.externalId === "INV-2")).toMatchObject({ title: "Contract clause reviewer", version: 2 });
    const summary = await db.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "use_cases.imported" }, orderBy: { at: "desc" } });
    expect(summary.after).toMatchObject({ rows: 5, created: 1, updated: 1, unchanged: 1, refused: 2, refusedRows: [5, 6] });

    // the refused rows as a CSV: the original cells and a reason column; corrected, it imports
    const parsed = parseCsv(SECOND);
    const refused = refusedRowsCsv(parsed.headers, parsed.rows, done.report.outcomes);
    expect(refused.count).toBe(2);
    const table = Papa.parse<string[]>(refused.csv.replace(/^\ufeff/, ""), { skipEmptyLines: true }).data;
    expect(table[0]).toEqual([...H, REFUSED_REASON_COLUMN]);
    expect(table[1]![H.indexOf("title")]).toBe("Fraud signals");
    expect(table[1]!.at(-1)).toBe("horizonYears: “12”: at most 10 years");
    table[1]![H.indexOf("horizonYears")] = "10";
    table[2]![H.indexOf("title")] = "Claims triage";
    const corrected = `\ufeff${Papa.unparse(table, { newline: "\r\n" })}\r\n`;
    const decoded = decodeCsvBytes(enc(corrected));
    const mapping: ImportMapping = { columns: suggestColumns(parseCsv(decoded.text).headers), values: {} };
    expect(mapping.columns[REFUSED_REASON_COLUMN]).toBe("");
    const fixed = await commit(org, enc(corrected), mapping, { name: "inventory-refused-rows.csv" });
    expect(fixed).toMatchObject({ committed: true, created: 2, refused: 0 });
    expect((await snapshot(org)).map((r) => r.title).sort()).toEqual(["Claims triage", "Contract clause reviewer", "Fraud signals", "Invoice extractor", "Support assistant"]);
  });
});

const AGENCY_HEADERS = ["Use Case ID", "Agency", "Bureau", "Use Case Name", "Summary of Use Case"];
const agencyMapping = (): ImportMapping => ({
  columns: { "Use Case ID": "", Agency: "", Bureau: "businessUnit", "Use Case Name": "title", "Summary of Use Case": "description" },
  values: {},
  externalIdColumns: ["Agency", "Use Case ID"],
});

describe("identity", () => {
  it("builds the external id from agency + id, matches rows without an id by title and business unit, and a re-import changes nothing", async () => {
    const org = await createTestOrg("identity");
    signInAs(org.users.ADMIN.id);
    const FILE = csv([
      AGENCY_HEADERS,
      ["25", "TREAS", "IRS", "Return review", "Flags returns."],
      ["25", "EPA", "Air", "Emission forecasts", "Forecasts emissions."],
      ["", "DOI", "Parks", "Visitor counts", "Counts visitors."],
      ["", "DOI", "Fish", "Visitor counts", "Another bureau, another use case."],
    ]);
    const { report } = await checkLikeTheBrowser(org.slug, enc(FILE), agencyMapping());
    expect(report.counts).toMatchObject({ create: 4, errorRows: 0 });
    expect(await commit(org, FILE, agencyMapping())).toMatchObject({ committed: true, created: 4 });
    const rows = await snapshot(org);
    expect(rows.map((r) => [r.externalId, r.title, r.businessUnit]).sort((a, b) => String(a[1]! + a[2]).localeCompare(String(b[1]! + b[2])))).toEqual([
      ["EPA / 25", "Emission forecasts", "Air"],
      ["TREAS / 25", "Return review", "IRS"],
      [null, "Visitor counts", "Fish"],
      [null, "Visitor counts", "Parks"],
    ]);

    // the same file again: every row unchanged, nothing written, no duplicate
    const again = await checkLikeTheBrowser(org.slug, enc(FILE), agencyMapping());
    expect(again.report.counts).toMatchObject({ create: 0, update: 0, unchanged: 4, errorRows: 0 });
    expect(await commit(org, FILE, agencyMapping())).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 4 });
    expect(await snapshot(org)).toEqual(rows);

    // a row without an id, changed: an update of the use case with that title and business unit
    const CHANGED = csv([AGENCY_HEADERS, ["", "DOI", "Parks", "Visitor counts", "Counts visitors at every park."]]);
    const changed = await checkLikeTheBrowser(org.slug, enc(CHANGED), agencyMapping());
    expect(changed.report.outcomes).toEqual([
      { row: 2, outcome: "update", title: "Visitor counts", changes: [{ field: "description", label: "Description", before: "Counts visitors.", after: "Counts visitors at every park." }] },
    ]);
    expect(await commit(org, CHANGED, agencyMapping())).toMatchObject({ created: 0, updated: 1 });
    expect((await snapshot(org)).length).toBe(4);

    // two rows of one file without ids and with the same title and business unit: the second is refused
    const TWICE = csv([AGENCY_HEADERS, ["", "DOI", "Mines", "Core logging", "A"], ["", "DOI", "Mines", "Core logging", "B"]]);
    const twice = await checkLikeTheBrowser(org.slug, enc(TWICE), agencyMapping());
    expect(twice.report.outcomes.map((o) => o.outcome)).toEqual(["create", "refused"]);
    expect(twice.report.outcomes[1]!.reasons![0]).toMatch(/Row 2 has the same title and business unit/);

    // a registry holding two use cases with one title and business unit: the row cannot tell which, so it is refused
    await db.useCase.create({ data: { organizationId: org.id, title: "Visitor counts", businessUnit: "Parks", ownerId: org.users.ADMIN.id, createdById: org.users.ADMIN.id } });
    const ambiguous = await checkLikeTheBrowser(org.slug, enc(CHANGED), agencyMapping());
    expect(ambiguous.report.outcomes[0]).toMatchObject({ outcome: "refused", reasons: [expect.stringMatching(/2 use cases in the registry have this title and business unit/)] });
  });
});

describe("encodings and garbled text", () => {
  const header = "externalId,title,description\r\n";
  const row = (n: number, apostrophe = "’") => `U-${n},FBI${apostrophe}s tool ${n},Résumé – ${n}\r\n`;

  it("reads a file of UTF-8 rows and one Windows-1252 row each as what it is: no update garbles a record", async () => {
    const org = await createTestOrg("mixed");
    signInAs(org.users.ADMIN.id);
    const mapping: ImportMapping = { columns: { externalId: "externalId", title: "title", description: "description" }, values: {} };
    let text = header;
    for (let n = 1; n <= 50; n++) text += row(n);
    expect(await commit(org, text, mapping)).toMatchObject({ created: 50 });

    // the same 50 rows in UTF-8, then a 51st written by an old spreadsheet (’ = 0x92, é = 0xE9, – = 0x96)
    const cp1252Row = Uint8Array.from([..."U-51,FBI"].map((c) => c.charCodeAt(0)).concat([0x92, ..."s tool 51,R".split("").map((c) => c.charCodeAt(0)), 0xe9, ..."sum".split("").map((c) => c.charCodeAt(0)), 0xe9, 0x20, 0x96, 0x20, 0x35, 0x31, 0x0d, 0x0a]));
    const utf8Part = enc(text);
    const bytes = new Uint8Array(utf8Part.length + cp1252Row.length);
    bytes.set(utf8Part);
    bytes.set(cp1252Row, utf8Part.length);

    const { report } = await checkLikeTheBrowser(org.slug, bytes, mapping);
    expect(report.encoding).toBe("mixed");
    expect(report.encodingNote).toMatch(/Row 52 held Windows-1252 characters/);
    expect(report.counts).toMatchObject({ create: 1, update: 0, unchanged: 50, errorRows: 0 });
    expect(report.warnings.filter((w) => w.row === 52).map((w) => w.message)).toContainEqual(expect.stringMatching(/held Windows-1252 bytes/));
    expect(await commit(org, bytes, mapping)).toMatchObject({ created: 1, updated: 0, unchanged: 50 });
    const stored = await db.useCase.findMany({ where: { organizationId: org.id }, select: { title: true, description: true } });
    expect(stored.every((s) => /^FBI’s tool \d+$/.test(s.title) && /^Résumé – \d+$/.test(s.description))).toBe(true);
  });

  it("flags mojibake and control characters per cell, and repairs them when asked", async () => {
    const org = await createTestOrg("mojibake");
    signInAs(org.users.ADMIN.id);
    const FILE = csv([H, tRow({ externalId: "M-1", title: "FBIâ€™s face matching", description: "The agency\u0092s tool" }), tRow({ externalId: "M-2", title: "Clean title" })]);
    const plain = await checkLikeTheBrowser(org.slug, enc(FILE), templateMapping());
    const faults = plain.report.warnings.filter((w) => w.fault);
    expect(faults.map((w) => [w.row, w.field, w.fault])).toEqual([
      [2, "title", "mojibake"],
      [2, "description", "control"],
    ]);
    expect(faults[0]!.message).toContain("would read “FBI’s face matching”");

    const repaired: ImportMapping = { ...templateMapping(), repairText: true };
    const checked = await checkLikeTheBrowser(org.slug, enc(FILE), repaired);
    expect(checked.report.warnings.filter((w) => w.fault)).toHaveLength(0);
    expect(await commit(org, FILE, repaired)).toMatchObject({ created: 2 });
    const m1 = await db.useCase.findFirstOrThrow({ where: { organizationId: org.id, externalId: "M-1" } });
    expect(m1).toMatchObject({ title: "FBI’s face matching", description: "The agency’s tool" });
  });
});

describe("a row whose volume dwarfs the rest", () => {
  it("is warned about at the check, against the file's other rows and the registry's use cases, and the import goes ahead", async () => {
    const org = await createTestOrg("outlier");
    signInAs(org.users.EXECUTIVE.id);
    const usual = { monthlyCalls: "10000", yearlyGrowthPct: "20" };
    const REGISTRY = csv([
      H,
      tRow({ title: "Support assistant", externalId: "V-1", ...usual }),
      tRow({ title: "Contract reviewer", externalId: "V-2", ...usual }),
      tRow({ title: "Invoice extractor", externalId: "V-3", ...usual }),
    ]);
    expect(await commit(org, REGISTRY, templateMapping())).toMatchObject({ committed: true, created: 3 });

    // Three rows: alone, the file would give row 4 too few others to compare with; the registry's use cases count.
    const FILE = csv([
      H,
      tRow({ title: "Support assistant", externalId: "V-1", monthlyCalls: "12000", yearlyGrowthPct: "20" }),
      tRow({ title: "Claims helper", externalId: "V-4", ...usual }),
      tRow({ title: "Chat over everything", externalId: "V-5", monthlyCalls: "2,000,000", yearlyGrowthPct: "200%" }),
    ]);
    const { report } = await checkLikeTheBrowser(org.slug, enc(FILE), templateMapping());
    expect(report.counts).toMatchObject({ rows: 3, create: 2, update: 1, errorRows: 0 });
    const volume = report.warnings.filter((w) => w.field === "monthlyCalls");
    expect(volume).toEqual([expect.objectContaining({ row: 4, field: "monthlyCalls" })]);
    // Compared with V-2 and V-3 (the registry; V-1 is updated by row 2) and rows 2 and 3: three at 892,992 calls over 5 years, row 2 a little above.
    expect(volume[0]!.message).toMatch(
      /^“Chat over everything”: 2,000,000 calls a month growing 200% a year come to 2\.9 billion calls over its 5 years, 3,252 times the median of this file's other rows and the registry's use cases \(892,992; above 10 times, a row is flagged\)\. Its projected costs would weigh far more than any other's: check its “.+” and “.+” before importing\.$/,
    );
    // A warning, never a refusal: the file imports whole.
    expect(await commit(org, FILE, templateMapping())).toMatchObject({ committed: true, created: 2, updated: 1 });
  });
});
