import { describe, expect, it } from "vitest";
import { hasValueMapping, isImportFieldKey } from "./fields";
import { formatBytes, MAX_COLUMNS, TOO_LARGE_MESSAGE, TOO_MANY_ROWS_MESSAGE } from "./limits";
import { ID_SEPARATOR, importMappingSchema, mappingNameSchema, pruneValues, type ImportMapping } from "./mapping";
import { crossRowChecks, mappingProblems, prepareRows } from "./prepare";

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.error?.issues ?? []).map((i) => i.message);

describe("a mapping as the import form sends it", () => {
  it("refuses two columns on one field, a value that is not the field's, and an unknown date order, in words", () => {
    expect(messages(importMappingSchema.safeParse({ columns: { Name: "title", Title: "title" } }))).toEqual(["Two columns are mapped to Title; choose one."]);
    expect(messages(importMappingSchema.safeParse({ columns: { S: "status" }, values: { status: { Pilot: "PILOTING" } } }))).toEqual([
      "Status takes IDEA, ASSESSING, APPROVED, BUILDING, LIVE, RETIRED, UNKNOWN, not “PILOTING”.",
    ]);
    expect(messages(importMappingSchema.safeParse({ columns: {}, dateOrder: "YMD" }))).toEqual(["Choose day first or month first"]);
    // "Leave empty" is a choice, and a well-formed mapping passes.
    expect(importMappingSchema.safeParse({ columns: { S: "status", Name: "title" }, values: { status: { "n/a": "", Pilot: "BUILDING" } }, dateOrder: "DMY" }).success).toBe(true);
  });
  it("refuses a column or a value called __proto__, which would otherwise vanish", () => {
    expect(messages(importMappingSchema.safeParse({ columns: JSON.parse('{" __proto__ ": "title"}') }))).toEqual(["A column cannot be called “__proto__”; rename it."]);
    expect(messages(importMappingSchema.safeParse({ columns: { S: "status" }, values: { status: JSON.parse('{"__proto__": "LIVE"}') } }))).toEqual(["A value cannot be called “__proto__”; rename it."]);
  });
  it("holds the column map to 200 columns of named headers, and ids to a few named columns", () => {
    const cols = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`C${i}`, ""]));
    expect(importMappingSchema.safeParse({ columns: cols(MAX_COLUMNS) }).success).toBe(true);
    expect(messages(importMappingSchema.safeParse({ columns: cols(MAX_COLUMNS + 1) }))).toEqual([`At most ${MAX_COLUMNS} columns`]);
    expect(importMappingSchema.safeParse({ columns: { "  ": "title" } }).success).toBe(false);
    expect(importMappingSchema.safeParse({ columns: {}, externalIdColumns: ["Agency", "Use Case ID"] }).success).toBe(true);
    expect(importMappingSchema.safeParse({ columns: {}, externalIdColumns: [" "] }).success).toBe(false);
    expect(messages(importMappingSchema.safeParse({ columns: {}, externalIdColumns: ["A", "B", "C", "D", "E", "F"] }))[0]).toMatch(/^At most \d columns make an id$/);
    expect(ID_SEPARATOR).toBe(" / ");
  });
  it("a saved mapping's name: given, at most 80 characters", () => {
    expect(mappingNameSchema.parse("  Agency inventory  ")).toBe("Agency inventory");
    expect(messages(mappingNameSchema.safeParse("   "))).toEqual(["Give the mapping a name"]);
    expect(mappingNameSchema.safeParse("x".repeat(80)).success).toBe(true);
    expect(messages(mappingNameSchema.safeParse("x".repeat(81)))).toEqual(["At most 80 characters"]);
  });
  it("a saved mapping keeps only what its mapped columns use, and its switches", () => {
    const m: ImportMapping = {
      columns: { S: "status", D: "", T: "title" },
      values: { status: { Pilot: "BUILDING" }, stage: { Pilot: "PILOT" }, sourcing: {} },
      dateOrder: "DMY",
      externalIdColumns: ["Agency", "ID"],
      repairText: true,
      keepOthers: true,
    };
    expect(pruneValues(m)).toEqual({ columns: m.columns, values: { status: { Pilot: "BUILDING" } }, externalIdColumns: ["Agency", "ID"], repairText: true, keepOthers: true });
    expect(pruneValues({ columns: { D: "startDate" }, values: {}, dateOrder: "MDY", externalIdColumns: [], repairText: false })).toEqual({ columns: { D: "startDate" }, values: {}, dateOrder: "MDY" });
  });
  it("knows its fields and which take a value mapping", () => {
    expect(isImportFieldKey("monthlyCalls")).toBe(true);
    expect(isImportFieldKey("constructor")).toBe(false);
    expect(["status", "needsCitations", "euRiskTier", "title", "monthlyCalls"].map((k) => hasValueMapping(k as never))).toEqual([true, true, true, false, false]);
  });
});

describe("what is wrong with a mapping for this file", () => {
  it("nothing mapped, or neither a title nor an id", () => {
    expect(mappingProblems(["A"], { A: "" })).toEqual(["No column is mapped to a field: map at least the title."]);
    expect(mappingProblems(["A"], { Gone: "title" })).toEqual(["No column is mapped to a field: map at least the title."]);
    expect(mappingProblems(["A"], { A: "status" })).toEqual(["Map a column to Title (new use cases need one), or to External id to update use cases already in the registry."]);
    expect(mappingProblems(["A"], { A: "externalId" })).toEqual([]);
    expect(mappingProblems(["A", "Agency"], { A: "status" }, ["Agency"])).toEqual([]);
  });
  it("two columns on one field, except an id column when the id is built from several", () => {
    expect(mappingProblems(["A", "B", "T"], { A: "status", B: "status", T: "title" })).toEqual(["Two columns are mapped to Status; choose one."]);
    expect(mappingProblems(["A", "B", "T"], { A: "externalId", B: "externalId", T: "title" }, ["A", "B"])).toEqual([]);
  });
  it("id columns the file does not have, named", () => {
    expect(mappingProblems(["T", "Agency"], { T: "title" }, ["Agency", "Use Case ID", "Bureau"])).toEqual([
      "The external id is built from “Use Case ID”, “Bureau”, which this file does not have; choose its columns again.",
    ]);
  });
});

describe("checks across a file's rows", () => {
  const headers = ["Title"];
  const mapping: ImportMapping = { columns: { Title: "title" }, values: {} };
  it("close titles between rows are warnings on the title's column, looked for only when asked", () => {
    const p = prepareRows(headers, [{ row: 2, cells: ["Invoice extractor"] }, { row: 3, cells: ["Invoice extractors"] }, { row: 4, cells: [""] }], mapping);
    expect(crossRowChecks(p.converted, p.plan, { closeTitles: false })).toEqual({ errors: [], warnings: [], notes: [] });
    expect(crossRowChecks(p.converted, p.plan, { closeTitles: true })).toEqual({
      errors: [],
      warnings: [
        { row: 2, field: "title", column: "Title", message: "The title is close to row 3 “Invoice extractors”. Check that this is not the same use case." },
        { row: 3, field: "title", column: "Title", message: "The title is close to row 2 “Invoice extractor”. Check that this is not the same use case." },
      ],
      notes: [],
    });
  });
});

describe("the file's size, in words", () => {
  it("bytes, kilobytes and megabytes, as file browsers count them", () => {
    expect([999, 1_000, 1_499, 999_999, 1_000_000, 10_250_000].map(formatBytes)).toEqual(["999 bytes", "1 KB", "1 KB", "1,000 KB", "1 MB", "10.3 MB"]);
    expect(TOO_LARGE_MESSAGE(12_000_000)).toBe("This file is 12 MB; the import takes files up to 10 MB. Split it into smaller files and import them one after another.");
    // Just over the limit, rounded sizes would read "10 MB; … up to 10 MB": the bytes are given.
    expect(TOO_LARGE_MESSAGE(10_016_523)).toBe("This file is 10,016,523 bytes; the import takes files up to 10,000,000 bytes (10 MB). Split it into smaller files and import them one after another.");
    expect(TOO_LARGE_MESSAGE(10_000_001)).toContain("This file is 10,000,001 bytes;");
    expect(TOO_MANY_ROWS_MESSAGE).toBe("This file has more than 10,000 rows; the import takes up to 10,000 at a time. Split it into smaller files and import them one after another.");
  });
});
