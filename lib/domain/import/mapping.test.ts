import { describe, expect, it } from "vitest";
import { importMappingSchema, pruneValues } from "./mapping";

describe("the mapping's shape", () => {
  it("accepts columns mapped to fields or ignored, and values mapped to allowed values or left empty", () => {
    const m = { columns: { "Use Case Name": "title", Agency: "", Stage: "status" }, values: { status: { pilot: "BUILDING", tbd: "" } } };
    expect(importMappingSchema.parse(m)).toEqual(m);
  });

  it.each([
    ["an unknown field", { columns: { A: "colour" } }, "columns.A"],
    ["two columns on one field", { columns: { A: "title", B: "title" } }, "columns"],
    ["a value we do not have", { columns: { S: "status" }, values: { status: { pilot: "PILOT" } } }, "values.status.pilot"],
    ["values for a free-text field", { columns: { T: "title" }, values: { title: { a: "b" } } }, "values"],
    ["an unknown key", { columns: {}, extra: 1 }, ""],
    ["a date order we do not have", { columns: { D: "startDate" }, dateOrder: "YMD" }, "dateOrder"],
  ])("refuses %s", (_label, input, path) => {
    const r = importMappingSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toContain(path);
  });

  it("keeps only the value choices of mapped columns when saved", () => {
    expect(pruneValues({ columns: { S: "status" }, values: { status: { a: "IDEA" }, coreNeed: { b: "both" } } })).toEqual({ columns: { S: "status" }, values: { status: { a: "IDEA" } } });
  });

  it("keeps the date order only while a column is mapped to the planned start", () => {
    expect(pruneValues({ columns: { D: "startDate" }, values: {}, dateOrder: "DMY" })).toEqual({ columns: { D: "startDate" }, values: {}, dateOrder: "DMY" });
    expect(pruneValues({ columns: { D: "" }, values: {}, dateOrder: "DMY" })).toEqual({ columns: { D: "" }, values: {} });
  });
});
