/**
 * A row's mapped cells as the import reads them (lib/domain/import/rows.ts): each kind of cell,
 * garbled text in a mapped column, the start date's precision, the other columns kept only when
 * asked, and the fields built on top of a stored use case.
 */
import { describe, expect, it } from "vitest";
import type { UseCaseFields } from "../use-case";
import type { ImportMapping } from "./mapping";
import { prepareRows } from "./prepare";
import { buildFields, columnPlan } from "./rows";
import { buildReport, fileRowsOf } from "./report";

const HEADERS = ["Name", "Citations", "Status", "Start", "Growth", "Monthly calls", "Notes"];
const MAPPING: ImportMapping = {
  columns: { Name: "title", Citations: "needsCitations", Status: "status", Start: "startDate", Growth: "yearlyGrowthPct", "Monthly calls": "monthlyCalls" },
  values: {},
};
const read = (cells: string[], mapping: ImportMapping = MAPPING) => prepareRows(HEADERS, [{ row: 2, cells }], mapping).converted[0]!;

describe("each kind of cell", () => {
  it("a yes/no answer is true or false; a choice is its value; a blank is no answer", () => {
    expect(read(["A", "yes", "live", "", "", "", ""]).values).toMatchObject({ needsCitations: true, status: "LIVE" });
    expect(read(["A", "no", "", "", "", "", ""]).values).toMatchObject({ needsCitations: false });
    expect(read(["A", "", "", "", "", "", ""]).values).toEqual({ title: "A" });
  });
  it("an answer that is not one of the choices is the row's error, naming its column", () => {
    const c = read(["A", "perhaps", "", "", "", "", ""]);
    expect(c.errors).toEqual([expect.objectContaining({ row: 2, field: "needsCitations", column: "Citations" })]);
    expect(c.values.needsCitations).toBeUndefined();
  });
  it("only the growth rate may carry a % sign; any other number with one is refused, quoting the cell", () => {
    expect(read(["A", "", "", "", "12.5 %", "", ""]).values.yearlyGrowthPct).toBe(12.5);
    const c = read(["A", "", "", "", "", "50000%", ""]);
    expect(c.errors).toEqual([{ row: 2, field: "monthlyCalls", column: "Monthly calls", message: "“50000%” is not a number: write a whole number from 0 to 10,000,000,000 (e.g. 1000000)." }]);
  });
  it("a number it cannot read is refused quoting the cell and saying what to write, as the check lists the row", () => {
    const rows = [read(["Helpdesk", "", "", "", "about 20%ish", "about 2k", ""])];
    const report = buildReport({ actions: new Map(), rows: 1, errors: rows.flatMap((r) => r.errors), warnings: [], fileRows: fileRowsOf(rows) });
    expect(report.outcomes).toEqual([
      {
        row: 2,
        outcome: "refused",
        title: "Helpdesk",
        reasons: [
          "Monthly calls: “about 2k” is not a number: write a whole number from 0 to 10,000,000,000 (e.g. 1000000).",
          "Growth: “about 20%ish” is not a number: write a number from -90 to 1,000, with or without a % sign (e.g. 20).",
        ],
      },
    ]);
  });
  it("a long cell is cut at 40 whole characters and marked “…”; markup and control characters are quoted as text", () => {
    const long = "🚀".repeat(39) + "🚀🚀 a lot";
    expect(read(["A", "", "", "", "", long, ""]).errors[0]!.message).toBe(`“${"🚀".repeat(40)}…” is not a number: write a whole number from 0 to 10,000,000,000 (e.g. 1000000).`);
    expect(read(["A", "", "", "", "", "<b>2k</b>\u0092", ""]).errors[0]!.message).toMatch(/^“<b>2k<\/b>\[U\+0092\]” is not a number: /);
  });
  it("a decimal comma is refused with how to write it, never read as thousands; commas that separate thousands are read", () => {
    const c = read(["A", "", "", "", "2,5", "1,000", ""]);
    expect(c.errors).toEqual([{ row: 2, field: "yearlyGrowthPct", column: "Growth", message: "“2,5” is not a number we read: write decimals with a point (2.5); a comma only separates thousands (1,000)." }]);
    expect(c.values.monthlyCalls).toBe(1000);
    expect(read(["A", "", "", "", "", "0,5", ""]).errors).toEqual([expect.objectContaining({ field: "monthlyCalls", message: expect.stringContaining("write decimals with a point (0.5)") })]);
  });
  it("a number cell that says the number is not known gives no answer, as a date cell does: never refused, never 0", () => {
    for (const cell of ["N/A", "n/a", "Unknown", "TBD", "-", "?", "Not applicable"]) {
      const c = read(["A", "", "", "", cell, cell, ""]);
      expect(c.errors, cell).toEqual([]);
      expect(c.values, cell).toEqual({ title: "A" });
    }
    // "None" could mean 0: refused, to be written as 0 or left empty.
    expect(read(["A", "", "", "", "", "None", ""]).errors).toEqual([expect.objectContaining({ field: "monthlyCalls" })]);
  });
  it("a whole number with a dot between groups of three digits (Europe's thousands) is refused with both readings, never read as a thousand times less", () => {
    expect(read(["A", "", "", "", "", "12.000", ""]).errors).toEqual([
      { row: 2, field: "monthlyCalls", column: "Monthly calls", message: "“12.000” could be 12,000 (a dot separating thousands) or 12: write 12000 (or 12,000), or 12." },
    ]);
    expect(read(["A", "", "", "", "", "1.000.000", ""]).errors).toEqual([expect.objectContaining({ field: "monthlyCalls", message: expect.stringContaining("For 1,000,000, write 1000000 (or 1,000,000)") })]);
    expect(read(["A", "", "", "", "", "12.500", ""]).errors).toEqual([expect.objectContaining({ field: "monthlyCalls", message: expect.stringContaining("For 12,500, write 12500") })]);
    // Decimals that are not three digits, and a growth rate (not a whole number), read as before.
    expect(read(["A", "", "", "", "1.125", "12.0", ""]).values).toMatchObject({ yearlyGrowthPct: 1.125, monthlyCalls: 12 });
  });
  it("a growth under one percent written as a fraction is read in percent, and the row says so", () => {
    const c = read(["A", "", "", "", "0.15", "", ""]);
    expect(c.values.yearlyGrowthPct).toBe(0.15);
    expect(c.warnings).toEqual([{ row: 2, field: "yearlyGrowthPct", column: "Growth", message: "“0.15” is read as 0.15% a year. If the file means 15%, write 15 (or 15%)." }]);
    // With its % sign, or at one percent or more, there is nothing to ask.
    for (const cell of ["0.15%", "1", "15", "0", "-5"]) expect(read(["A", "", "", "", cell, "", ""]).warnings, cell).toEqual([]);
  });
  it("the % sign is read only at the end of the growth rate", () => {
    for (const cell of ["1%5", "12%abc"]) expect(read(["A", "", "", "", cell, "", ""]).errors, cell).toEqual([expect.objectContaining({ field: "yearlyGrowthPct", message: `“${cell}” is not a number: write a number from -90 to 1,000, with or without a % sign (e.g. 20).` })]);
  });
  it("a start date keeps how precise it was: a day, a month, a year", () => {
    expect(read(["A", "", "", "2027-03-15", "", "", ""])).toMatchObject({ values: { startDate: "2027-03-15" }, startDatePrecision: "DAY" });
    expect(read(["A", "", "", "2027-03", "", "", ""])).toMatchObject({ values: { startDate: "2027-03-01" }, startDatePrecision: "MONTH" });
    expect(read(["A", "", "", "2027", "", "", ""])).toMatchObject({ values: { startDate: "2027-01-01" }, startDatePrecision: "YEAR" });
    expect(read(["A", "", "", "", "", "", ""]).startDatePrecision).toBeUndefined();
  });
});

describe("garbled text in a mapped column", () => {
  it("is warned about with the field it concerns, or repaired when asked", () => {
    const warned = read(["FBIâ€™s triage", "", "", "", "", "", ""]);
    expect(warned.title).toBe("FBIâ€™s triage");
    expect(warned.warnings).toEqual([expect.objectContaining({ row: 2, field: "title", column: "Name", fault: "mojibake" })]);
    const repaired = read(["FBIâ€™s triage", "", "", "", "", "", ""], { ...MAPPING, repairText: true });
    expect(repaired.title).toBe("FBI’s triage");
    expect(repaired.warnings).toEqual([]);
  });
  it("a column that is not text is never 'repaired'", () => {
    expect(read(["A", "yes", "", "", "", "", ""]).warnings).toEqual([]);
  });
});

describe("the other columns", () => {
  it("are kept only when the mapping says so", () => {
    expect(read(["A", "", "", "", "", "", "a note"]).additional).toBeUndefined();
    expect(read(["A", "", "", "", "", "", "a note"], { ...MAPPING, keepOthers: true }).additional).toEqual({ Notes: "a note" });
  });
});

describe("the fields built from a row", () => {
  const plan = columnPlan(HEADERS, MAPPING.columns);
  const stored = { title: "Stored", description: "Kept", businessUnit: "Ops", status: "IDEA", horizonYears: 5, startDate: "2026-01-01", startDatePrecision: "MONTH", assessment: { needsCitations: false, monthlyCalls: 10 }, additionalFields: { Old: "kept" } } as unknown as UseCaseFields;
  it("on top of a stored use case: cells given replace, empty cells keep, answers merge, other columns add", () => {
    const c = read(["New title", "yes", "", "", "", "", "a note"], { ...MAPPING, keepOthers: true });
    const built = buildFields(c, plan, stored);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.fields).toMatchObject({ title: "New title", description: "Kept", status: "IDEA", startDatePrecision: "MONTH", assessment: { needsCitations: true, monthlyCalls: 10 }, additionalFields: { Old: "kept", Notes: "a note" } });
  });
  it("a cell too long for an additional field is the error of its own column, with how to fix it", () => {
    const built = buildFields(read(["A", "", "", "", "", "", "n".repeat(5001)], { ...MAPPING, keepOthers: true }), plan, null);
    expect(built).toEqual({
      ok: false,
      errors: [
        {
          row: 2,
          field: null,
          column: "Notes",
          message: "An additional field must be at most 5000 characters: shorten the cell, or untick “Keep the columns mapped to no field” to leave this column out.",
        },
      ],
    });
  });
  it("a new start date brings its own precision", () => {
    const built = buildFields(read(["A", "", "", "2028", "", "", ""]), plan, stored);
    expect(built.ok && built.fields).toMatchObject({ startDate: "2028-01-01", startDatePrecision: "YEAR" });
  });
  it("names a missing title by whether a column is mapped to it", () => {
    const noTitle = read(["", "", "", "", "", "", ""]);
    expect(buildFields(noTitle, plan, null)).toEqual({ ok: false, errors: [{ row: 2, field: "title", column: "Name", message: "Title is required" }] });
    const unmapped = columnPlan(HEADERS, { Citations: "needsCitations" });
    expect(buildFields(noTitle, unmapped, null)).toEqual({ ok: false, errors: [{ row: 2, field: "title", column: null, message: "Title is required: map a column to Title." }] });
  });
  it("a field out of range is the error of its own column too, not only an answer's", () => {
    const headers = ["Name", "Horizon"];
    const m: ImportMapping = { columns: { Name: "title", Horizon: "horizonYears" }, values: {} };
    const c = prepareRows(headers, [{ row: 5, cells: ["A", "99"] }], m).converted[0]!;
    const built = buildFields(c, columnPlan(headers, m.columns), null);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors).toEqual([expect.objectContaining({ row: 5, field: "horizonYears", column: "Horizon" })]);
  });
  it("the owner's email finds the owner; it is not a field of the use case", () => {
    const headers = ["Name", "Owner"];
    const m: ImportMapping = { columns: { Name: "title", Owner: "ownerEmail" }, values: {} };
    const c = prepareRows(headers, [{ row: 6, cells: ["A", "Ada@Example.com"] }], m).converted[0]!;
    expect(c.ownerEmail).toBe("ada@example.com");
    const built = buildFields(c, columnPlan(headers, m.columns), null, "owner-1");
    expect(built.ok && built.fields).toMatchObject({ title: "A", ownerId: "owner-1" });
    expect(built.ok && "ownerEmail" in built.fields).toBe(false);
  });
  it("an answer out of range is the error of its own column, once", () => {
    const built = buildFields(read(["A", "", "", "", "", "-5", ""]), plan, null);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors).toEqual([expect.objectContaining({ row: 2, field: "monthlyCalls", column: "Monthly calls" })]);
  });
});
