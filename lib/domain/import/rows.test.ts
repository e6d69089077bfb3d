import { useCaseFieldsSchema } from "../use-case";
import { describe, expect, it } from "vitest";
import { suggestColumns } from "./columns";
import { crossRowChecks, mappingProblems, prepareRows } from "./prepare";
import { buildFields } from "./rows";
import { TEMPLATE_HEADERS } from "./template";

const H = [...TEMPLATE_HEADERS];
const mapping = { columns: suggestColumns(H), values: {} };
const row = (n: number, values: Record<string, string>) => ({ row: n, cells: H.map((h) => values[h] ?? "") });

describe("a row to a use case's fields", () => {
  it("converts numbers, yes/no, mapped values and dates; empty cells give nothing", () => {
    const { plan, converted } = prepareRows(H, [row(2, { title: " Support bot ", monthlyCalls: "1,000,000", yearlyGrowthPct: "12.5%", needsCitations: "Y", status: "Pilot", startDate: "2027-3-1", maxLagDays: " " })], mapping);
    const c = converted[0]!;
    expect(c.errors).toEqual([]);
    expect(c.values).toEqual({ title: "Support bot", monthlyCalls: 1_000_000, yearlyGrowthPct: 12.5, needsCitations: true, status: "BUILDING", startDate: "2027-03-01" });
    const built = buildFields(c, plan, null);
    expect(built).toEqual({
      ok: true,
      fields: {
        title: "Support bot",
        description: "",
        businessUnit: "",
        status: "BUILDING",
        startDate: "2027-03-01",
        horizonYears: 5,
        assessment: { monthlyCalls: 1_000_000, yearlyGrowthPct: 12.5, needsCitations: true },
        manualEstimate: null,
        externalId: null,
        startDatePrecision: "DAY",
        highImpact: null,
        personalData: null,
        sourcing: null,
        vendor: "",
        stage: null,
        topicArea: "",
        euRiskTier: null,
        additionalFields: {},
      },
    });
  });

  it.each([
    ["horizonYears", "12", "“12”: at most 10 years"],
    ["horizonYears", "2.5", "“2.5”: whole years"],
    ["horizonYears", "99999999999999999999", "“99999999999999999999” is far too large: write a whole number from 1 to 10 (e.g. 5)."],
    ["monthlyCalls", "1e30", "“1e30” is far too large: write a whole number from 0 to 10,000,000,000 (e.g. 1000000)."],
    ["maxLagDays", "-1", "“-1”: cannot be negative"],
    ["maxLagDays", "three", "“three” is not a number: write a whole number from 0 to 3,650 (e.g. 3)."],
    ["startDate", "next spring", "“next spring” is not a date we can read: write it as YYYY-MM-DD (e.g. 2027-03-01)."],
    ["startDate", "05/03/2027", "“05/03/2027” could be day first or month first: choose how the file writes dates (under Dates)."],
    ["startDate", "31/02/2027", "“31/02/2027”: not a real date: check the day and the month"],
    ["startDate", "2027-02-30", "“2027-02-30”: not a real date: check the day and the month"],
    ["title", "x".repeat(201), "Title must be at most 200 characters"],
    ["weeksToProduction", "600", "“600”: at most 520"],
  ])("%s “%s”: %s (the schema's own message, after the cell it refuses)", (field, raw, message) => {
    const { plan, converted } = prepareRows(H, [row(7, { title: "T", [field]: raw })], mapping);
    const c = converted[0]!;
    const built = buildFields(c, plan, null);
    const issues = [...c.errors, ...(built.ok ? [] : built.errors)];
    expect(issues).toContainEqual({ row: 7, field, column: field, message });
  });

  it("on an update, cells given replace and empty cells keep what is stored", () => {
    const stored = {
      ...useCaseFieldsSchema.parse({ title: "Old" }),
      title: "Old",
      description: "Kept",
      businessUnit: "Legal",
      status: "LIVE" as const,
      startDate: "2026-01-01",
      horizonYears: 7,
      assessment: { needsToolUse: true, maxLagDays: 3 },
      manualEstimate: null,
      externalId: "X-1",
    };
    const { plan, converted } = prepareRows(H, [row(2, { title: "New", externalId: "X-1", maxLagDays: "5" })], mapping);
    expect(buildFields(converted[0]!, plan, stored)).toEqual({ ok: true, fields: { ...stored, title: "New", assessment: { needsToolUse: true, maxLagDays: 5 } } });
  });

  it("says a title is required, and how, when none is given", () => {
    const { plan, converted } = prepareRows(["Notes"], [{ row: 2, cells: ["x"] }], { columns: { Notes: "description" }, values: {} });
    const built = buildFields(converted[0]!, plan, null);
    expect(built).toEqual({ ok: false, errors: [{ row: 2, field: "title", column: null, message: "Title is required: map a column to Title." }] });
  });

  it("refuses the same external id on two rows, naming the first", () => {
    const { plan, converted } = prepareRows(H, [row(2, { title: "A", externalId: "E" }), row(3, { title: "B", externalId: "F" }), row(4, { title: "C", externalId: "E" })], mapping);
    expect(crossRowChecks(converted, plan, { closeTitles: false }).errors).toEqual([
      { row: 4, field: "externalId", column: "externalId", message: "External id “E” is also on row 2; each use case must have its own." },
    ]);
  });
});

describe("mapping problems", () => {
  it.each([
    [{ a: "" }, ["No column is mapped to a field: map at least the title."]],
    [{ a: "description" }, ["Map a column to Title (new use cases need one), or to External id to update use cases already in the registry."]],
    [{ a: "externalId", b: "status" }, []],
    [{ a: "title", b: "title" }, ["Two columns are mapped to Title; choose one."]],
  ] as const)("%j", (columns, problems) => {
    expect(mappingProblems(Object.keys(columns), columns)).toEqual(problems);
  });
});
