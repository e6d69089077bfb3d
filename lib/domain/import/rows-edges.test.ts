import { describe, expect, it } from "vitest";
import type { UseCaseFields } from "../use-case";
import type { ImportMapping } from "./mapping";
import { crossRowChecks, prepareRows } from "./prepare";
import { REFUSED_REASON_COLUMN } from "./refused";
import { buildFields, columnPlan, faultWarning, planColumns } from "./rows";

/** An inventory as agencies publish them: ids that repeat across agencies, extra columns, stray cells. */
const HEADERS = ["Agency", "Use Case ID", "Use Case Name", "Owner", "Growth", "Bureau", "Notes", REFUSED_REASON_COLUMN];
const MAPPING: ImportMapping = {
  columns: { "Use Case Name": "title", Owner: "ownerEmail", Growth: "yearlyGrowthPct", Bureau: "businessUnit" },
  values: {},
  externalIdColumns: ["Agency", "Use Case ID"],
  keepOthers: true,
};
const row = (n: number, cells: string[], extraCells?: number) => ({ row: n, cells, ...(extraCells ? { extraCells } : {}) });

describe("which columns a row is read from", () => {
  it("an id made of several columns, named by all of them; the other columns kept, never the refused-rows reason", () => {
    const plan = columnPlan(HEADERS, MAPPING.columns, MAPPING.externalIdColumns);
    expect(plan.externalId).toEqual({ index: -1, header: "Agency + Use Case ID", parts: [0, 1] });
    expect(plan.title).toEqual({ index: 2, header: "Use Case Name" });
    expect(plan.others).toEqual([{ index: 6, header: "Notes" }]);
    expect([...planColumns(plan)].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it("the first of two columns mapped to one field; a column named like an object's property is just a column", () => {
    const plan = columnPlan(["Name", "Title", "constructor"], { Name: "title", Title: "title" });
    expect(plan.title).toEqual({ index: 0, header: "Name" });
    expect(plan.others).toEqual([{ index: 1, header: "Title" }, { index: 2, header: "constructor" }]);
    // Id columns the file does not have are left out.
    expect(columnPlan(["Name"], { Name: "title" }, ["Missing"]).externalId).toBeUndefined();
  });
});

describe("a row read through that plan", () => {
  it("joins the id's parts, lower-cases the owner's email, reads a growth rate with its % sign, keeps the other cells trimmed", () => {
    const { converted } = prepareRows(HEADERS, [row(2, [" EPA ", "25", "Permit triage", " Ada@Example.GOV ", "15 %", "Water", "  pilot in 2 regions  ", "old reason"])], MAPPING);
    const c = converted[0]!;
    expect(c.externalId).toBe("EPA / 25");
    expect(c.ownerEmail).toBe("ada@example.gov");
    expect(c.values.yearlyGrowthPct).toBe(15);
    expect(c.title).toBe("Permit triage");
    expect(c.additional).toEqual({ Notes: "pilot in 2 regions" });
    expect(c.errors).toEqual([]);
  });
  it("an id with a part missing is no id at all; an empty other cell is not kept", () => {
    const c = prepareRows(HEADERS, [row(3, ["EPA", "", "Permit triage", "", "", "", "", ""])], MAPPING).converted[0]!;
    expect(c.externalId).toBeNull();
    expect(c.additional).toEqual({});
    expect(c.values).toEqual({ title: "Permit triage" });
  });
  it("garbled text in a kept column is warned about, or repaired when asked", () => {
    const garbled = ["EPA", "7", "Triage", "", "", "", "FBIâ€™s notes", ""];
    const warned = prepareRows(HEADERS, [row(4, garbled)], MAPPING).converted[0]!;
    expect(warned.additional).toEqual({ Notes: "FBIâ€™s notes" });
    expect(warned.warnings).toEqual([expect.objectContaining({ row: 4, field: null, column: "Notes", fault: "mojibake" })]);
    const repaired = prepareRows(HEADERS, [row(4, garbled)], { ...MAPPING, repairText: true }).converted[0]!;
    expect(repaired.additional).toEqual({ Notes: "FBI’s notes" });
    expect(repaired.warnings).toEqual([]);
  });
  it("says how many stray cells a row has past the header, in the singular and the plural", () => {
    const cells = ["EPA", "1", "T", "", "", "", "", ""];
    expect(prepareRows(HEADERS, [row(5, cells, 1)], MAPPING).converted[0]!.warnings.map((w) => w.message)).toEqual([
      "This row has 1 more cell than the header has columns; it is ignored. A comma inside an unquoted cell does this.",
    ]);
    expect(prepareRows(HEADERS, [row(5, cells, 3)], MAPPING).converted[0]!.warnings.map((w) => w.message)).toEqual([
      "This row has 3 more cells than the header has columns; they are ignored. A comma inside an unquoted cell does this.",
    ]);
  });
  it("a number it cannot read, in the cell's own words (cut at 40 characters, and said so)", () => {
    const long = "about fifteen percent a year, give or take a bit";
    const c = prepareRows(HEADERS, [row(6, ["EPA", "2", "T", "", long, "", "", ""])], MAPPING).converted[0]!;
    expect(c.errors).toEqual([{ row: 6, field: "yearlyGrowthPct", column: "Growth", message: `“${long.slice(0, 40)}…” is not a number: write a number from -90 to 1,000, with or without a % sign (e.g. 20).` }]);
  });
  it("describes a garbled cell and how it would read repaired", () => {
    expect(faultWarning(9, "title", "Name", "FBIâ€™s", "FBI’s", "mojibake").message).toBe("The text looks garbled by a wrong decoding upstream (mojibake): “FBIâ€™s” would read “FBI’s” repaired. Choose “Repair text” to fix every such cell.");
    expect(faultWarning(9, null, "Notes", "FBI\u0092s", "FBI’s", "control")).toMatchObject({ row: 9, field: null, column: "Notes", fault: "control" });
    expect(faultWarning(9, null, "Notes", "FBI\u0092s", "FBI’s", "control").message).toMatch(/^The text holds an invisible control character where a Windows-1252 character belongs: “FBI.+s” would read “FBI’s” repaired\./);
  });
});

describe("a row's fields, checked", () => {
  const plan = columnPlan(HEADERS, MAPPING.columns, MAPPING.externalIdColumns);
  const existing = {
    title: "Permit triage", description: "Kept", businessUnit: "Water", status: "LIVE", startDate: "2027-01-01", startDatePrecision: "YEAR", horizonYears: 3,
    assessment: { monthlyCalls: 500, needsCitations: true }, manualEstimate: null, externalId: "EPA / 25", ownerId: "u1",
    highImpact: null, personalData: null, sourcing: null, vendor: "", stage: null, topicArea: "", euRiskTier: null, additionalFields: { Region: "West" },
  } as unknown as UseCaseFields;

  it("an update keeps what the row leaves empty, adds its other columns to those stored, and takes its new answers", () => {
    const c = prepareRows(HEADERS, [row(2, ["EPA", "25", "", "", "20", "", "two regions", ""])], MAPPING).converted[0]!;
    const built = buildFields(c, plan, existing);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.fields).toMatchObject({ title: "Permit triage", description: "Kept", status: "LIVE", startDatePrecision: "YEAR", additionalFields: { Region: "West", Notes: "two regions" } });
    expect(built.fields.assessment).toEqual({ monthlyCalls: 500, needsCitations: true, yearlyGrowthPct: 20 });
    expect(built.fields).not.toHaveProperty("ownerId");
  });
  it("a new use case without a title: the message says to map a column when none is mapped", () => {
    const noTitle = columnPlan(["Bureau"], { Bureau: "businessUnit" });
    const c = prepareRows(["Bureau"], [row(2, ["Water"])], { columns: { Bureau: "businessUnit" }, values: {} }).converted[0]!;
    expect(buildFields(c, noTitle, null)).toEqual({ ok: false, errors: [{ row: 2, field: "title", column: null, message: "Title is required: map a column to Title." }] });
    const withTitle = prepareRows(HEADERS, [row(3, ["EPA", "9", "", "", "", "", "", ""])], MAPPING).converted[0]!;
    expect(buildFields(withTitle, plan, null)).toEqual({ ok: false, errors: [{ row: 3, field: "title", column: "Use Case Name", message: "Title is required" }] });
  });
  it("an owner the schema refuses is reported on the owner's email column", () => {
    const c = prepareRows(HEADERS, [row(4, ["EPA", "3", "T", "", "", "", "", ""])], MAPPING).converted[0]!;
    const built = buildFields(c, plan, null, "u".repeat(65));
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.errors[0]).toMatchObject({ row: 4, field: "ownerEmail", column: "Owner" });
  });
});

describe("rows that would be the same use case twice", () => {
  it("the same id on two rows: the later refused, naming the first", () => {
    const p = prepareRows(HEADERS, [row(2, ["EPA", "25", "A", "", "", "", "", ""]), row(3, ["EPA", "25", "B", "", "", "", "", ""])], MAPPING);
    expect(crossRowChecks(p.converted, p.plan, { closeTitles: false }).errors).toEqual([
      { row: 3, field: "externalId", column: "Agency + Use Case ID", message: "External id “EPA / 25” is also on row 2; each use case must have its own." },
    ]);
  });
  it("the same title and business unit without ids: the later refused, naming the first; another unit is another use case", () => {
    const headers = ["Name", "Unit", "Horizon"];
    const m: ImportMapping = { columns: { Name: "title", Unit: "businessUnit", Horizon: "horizonYears" }, values: {} };
    const p = prepareRows(headers, [row(2, ["Chat", "Sales", "3"]), row(3, [" Chat ", "Sales ", "5"]), row(4, ["Chat", "Support", "3"])], m);
    expect(crossRowChecks(p.converted, p.plan, { closeTitles: false }).errors).toEqual([
      { row: 3, field: "title", column: "Name", message: "Row 2 has the same title and business unit and no external id either, so both would be one use case; give each an external id or remove one." },
    ]);
  });
});

describe("a row identical to an earlier one", () => {
  const headers = ["ID", "Name", "Unit", "Status", "Start"];
  const m: ImportMapping = { columns: { ID: "externalId", Name: "title", Unit: "businessUnit", Status: "status", Start: "startDate" }, values: {} };
  const hr = (n: number, id: string) => row(n, [id, "HR policy Q&A", "People", "Live", "2027-07"]);

  it("with ids of their own: said plainly, once, as a warning on the later row (not as a close title)", () => {
    const p = prepareRows(headers, [hr(6, "UC-6"), row(7, ["UC-7", "HR policy Q&A", "People", "Live", "2027-08"]), hr(9, "UC-9")], m);
    const checks = crossRowChecks(p.converted, p.plan, { closeTitles: true });
    expect(checks.errors).toEqual([]);
    expect(checks.warnings.filter((w) => w.row === 9)).toEqual([
      { row: 9, field: "title", column: "Name", message: "Identical to row 6: the same title and values. Remove one if it is the same use case twice." },
      // row 7 differs by its start, so it is only close
      { row: 9, field: "title", column: "Name", message: "The title is close to row 7 “HR policy Q&A”. Check that this is not the same use case." },
    ]);
    expect(checks.warnings.filter((w) => w.row === 6).map((w) => w.message)).toEqual(["The title is close to row 7 “HR policy Q&A”. Check that this is not the same use case."]);
  });
  it("without ids: refused, as the same use case twice, saying they are identical", () => {
    const p = prepareRows(headers, [hr(6, ""), hr(9, "")], m);
    const checks = crossRowChecks(p.converted, p.plan, { closeTitles: true });
    expect(checks.errors).toEqual([
      { row: 9, field: "title", column: "Name", message: "Identical to row 6: the same title and values, and no external id either, so both would be one use case; remove one (or give each an external id)." },
    ]);
    expect(checks.warnings).toEqual([]);
  });
  it("with the same id: refused for the id, as before, and not warned about again", () => {
    const p = prepareRows(headers, [hr(6, "UC-6"), hr(9, "UC-6")], m);
    const checks = crossRowChecks(p.converted, p.plan, { closeTitles: true });
    expect(checks.errors).toEqual([{ row: 9, field: "externalId", column: "ID", message: "External id “UC-6” is also on row 6; each use case must have its own." }]);
    expect(checks.warnings).toEqual([]);
  });
});
