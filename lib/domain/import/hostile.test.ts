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

describe("a mapping whose parts have the wrong types", () => {
  // Found by the hostile-input walk (seed 910137081): a value choice that is an object whose
  // "toString" is not a function threw inside the mapping's own check, and the action answered 500.
  it("the walk's own counterexample: refused with the path of each bad part, not a crash", () => {
    const input = JSON.parse(String.raw`{"columns":{"Title":"title","External id":"externalId","Stage":"status"},"values":{"status":{"a\u0000t":[-2.9e+133,1.7e+308],"__proto__":"1970-01-01T00:00:00.000Z","__defineGetter__":{"then":"prototype","toString":"x"},"'b":"le"}}}`);
    const parsed = importMappingSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => i.path.join("."));
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((p) => p.startsWith("values.status."))).toBe(true);
  });

  it.each([
    ["a value choice that is an object with a string toString", { columns: { Stage: "status" }, values: { status: { Live: { toString: "x", then: "y" } } } }, ["values", "status", "Live"]],
    ["a value choice that is a list", { columns: { Stage: "status" }, values: { status: { Live: [1, 2] } } }, ["values", "status", "Live"]],
    ["values that are not an object", { columns: { Stage: "status" }, values: "LIVE" }, ["values"]],
    ["a field that is not a field", { columns: { Stage: "status" }, values: { nonsense: { Live: "LIVE" } } }, ["values"]],
    ["columns that are a list", { columns: ["title"], values: {} }, ["columns"]],
    ["a column mapped to an object", { columns: { Title: { toString: "title" } }, values: {} }, ["columns", "Title"]],
  ])("%s is refused with its path, not a crash", (_label, input, path) => {
    const parsed = importMappingSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path)).toContainEqual(path);
  });
});

describe("a NUL character", () => {
  it("makes the file a problem before any row is read into the registry", () => {
    const parsed = parseCsv("Title,External id\r\nok,1\r\nbad\u0000,2\r\n");
    expect(parsed.problems).toEqual([expect.stringContaining("NUL character (line 3)")]);
  });
});
