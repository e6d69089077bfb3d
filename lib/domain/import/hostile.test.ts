/** Cells, headers and mappings that once tripped the import: prototype names and NUL characters. */
import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv";
import { importMappingSchema } from "./mapping";
import { columnPlan, convertRow } from "./rows";
import { resolveValue } from "./values";

describe("prototype names in a file are ordinary words", () => {
  it("a status “constructor” is an unknown value, not Object's constructor", () => {
    const r = resolveValue("status", "constructor", { status: { live: "LIVE" } });
    expect(r).toEqual({ ok: false, message: expect.stringContaining("“constructor” is not a value of Status") });
  });

  it("an unmapped column called “constructor” or “toString” fills no field", () => {
    expect(columnPlan(["constructor", "toString", "Title"], { Title: "title" })).toEqual({
      title: { index: 2, header: "Title" },
      others: [
        { index: 0, header: "constructor" },
        { index: 1, header: "toString" },
      ],
    });
  });

  it("a column called “__proto__” is renamed, so the column mapping can hold it", () => {
    const parsed = parseCsv("__proto__,Title\r\nx,y\r\n");
    expect(parsed.headers).toEqual(["__proto__ (column 1)", "Title"]);
    const plan = columnPlan(parsed.headers, { [parsed.headers[0]!]: "title" });
    expect(convertRow(parsed.rows[0]!, plan, { columns: {}, values: {} }).values).toEqual({ title: "x" });
  });

  it("a mapping naming a column or value “__proto__” is refused, not silently cut short", () => {
    const columns = importMappingSchema.safeParse(JSON.parse('{"columns":{"__proto__":"title","Title":""}}'));
    expect(columns.success).toBe(false);
    expect(columns.error!.issues[0]!.path).toEqual(["columns", "__proto__"]);
    const values = importMappingSchema.safeParse(JSON.parse('{"columns":{"Stage":"status"},"values":{"status":{"__proto__":"LIVE"}}}'));
    expect(values.success).toBe(false);
    expect(values.error!.issues[0]!.path).toEqual(["values", "status", "__proto__"]);
  });
});

describe("a NUL character", () => {
  it("makes the file a problem before any row is read into the registry", () => {
    const parsed = parseCsv("Title,External id\r\nok,1\r\nbad\u0000,2\r\n");
    expect(parsed.problems).toEqual([expect.stringContaining("NUL character (line 3)")]);
  });
});
