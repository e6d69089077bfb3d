import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { copyEscape, copyField, copyLine } from "./copy-text";

describe("COPY text format", () => {
  it.each([
    ["plain", "plain"],
    ["tab\there", "tab\\there"],
    ["two\nlines", "two\\nlines"],
    ["carriage\rreturn", "carriage\\rreturn"],
    ["back\\slash", "back\\\\slash"],
    ["\\N is not null when it is text", "\\\\N is not null when it is text"],
    ["“quotes”, commas, accents: é", "“quotes”, commas, accents: é"],
  ])("escapes %j as %j", (value, expected) => {
    expect(copyEscape(value)).toBe(expected);
  });

  it.each([
    [null, "text", "\\N"],
    [undefined, "text", "\\N"],
    [true, "text", "t"],
    [false, "text", "f"],
    [42, "text", "42"],
    [123456789012345678901234567890n, "text", "123456789012345678901234567890"],
    [new Date("2027-01-05T10:00:00.000Z"), "text", "2027-01-05T10:00:00.000Z"],
    [{ a: "x\ty", cents: 9007199254740993n }, "json", '{"a":"x\\\\ty","cents":"9007199254740993"}'],
    [["STALENESS", 'say "hi"', "back\\slash"], "textArray", '{"STALENESS","say \\\\"hi\\\\"","back\\\\\\\\slash"}'],
    [[], "textArray", "{}"],
  ] as const)("writes %o as a %s field: %j", (value, kind, expected) => {
    expect(copyField(value, kind)).toBe(expected);
  });

  it("refuses what it cannot write exactly", () => {
    expect(() => copyField(Number.NaN)).toThrow(/finite/);
    expect(() => copyField({ a: 1 })).toThrow(/kind/);
    expect(() => copyField("x", "textArray")).toThrow(/array/);
  });

  it("writes one line per row, tab-separated, nulls as \\N", () => {
    const rows = [{ id: "a", cents: 100n, note: null }, { id: "b\nc", cents: null, note: "x" }];
    const text = rows.map((r) => copyLine([r.id, r.cents, r.note])).join("");
    expect(text).toBe("a\t100\t\\N\nb\\nc\t\\N\tx\n");
  });
});

describe("COPY text at the edges", () => {
  it("a value that is nothing but characters to escape, and an array with empty elements", () => {
    expect(copyEscape("\t")).toBe("\\t");
    expect(copyEscape("\\\r\n")).toBe("\\\\\\r\\n");
    expect(copyField([null, undefined, "a"], "textArray")).toBe('{NULL,NULL,"a"}');
  });
});

describe("an array field of numbers", () => {
  it("writes numbers, bigints, booleans and nulls unquoted, and quotes every element once any is text", () => {
    expect(copyField([2027, 2028, null], "textArray")).toBe("{2027,2028,NULL}");
    expect(copyField([-150n, 9007199254740993n, undefined], "textArray")).toBe("{-150,9007199254740993,NULL}");
    expect(copyField([true, false], "textArray")).toBe("{t,f}");
    expect(copyField([1, "a"], "textArray")).toBe('{"1","a"}');
    expect(() => copyField([1, Number.POSITIVE_INFINITY], "textArray")).toThrow(/finite/);
  });
  it("is the quoted literal without its quotes, for any integers and nulls", () => {
    const element = fc.oneof(fc.integer(), fc.bigInt(), fc.constant(null));
    fc.assert(
      fc.property(fc.array(element, { minLength: 1 }), (values) => {
        const quoted = copyEscape(`{${values.map((v) => (v === null ? "NULL" : `"${String(v)}"`)).join(",")}}`);
        expect(copyField(values, "textArray")).toBe(quoted.replaceAll('"', ""));
      }),
      { numRuns: 300 },
    );
  });
});

describe("a json field", () => {
  const replacer = (_k: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);
  it("is the JSON text with every character COPY reads specially escaped, bigints as strings, for any value", () => {
    const json = fc.jsonValue().filter((v) => v !== null);
    const value = json.chain((v) => fc.oneof(fc.constant(v as unknown), fc.record({ v: fc.constant(v as unknown), cents: fc.bigInt() })));
    fc.assert(
      fc.property(value, (v) => {
        expect(copyField(v, "json")).toBe(copyEscape(JSON.stringify(v, replacer)));
      }),
      { numRuns: 500 },
    );
  });
  it("escapes a backslash, tab, newline and quote inside the text so PostgreSQL reads the JSON back", () => {
    // The value's text holds a backslash, a tab, quotes and a newline; JSON writes them as \\, \t,
    // \" and \n, and COPY doubles every one of those backslashes.
    expect(copyField({ s: 'a\\b\t"c"\n' }, "json")).toBe(String.raw`{"s":"a\\\\b\\t\\"c\\"\\n"}`);
  });
});
