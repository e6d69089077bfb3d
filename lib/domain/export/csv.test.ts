import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { attachment, centsToDecimal, codeCell, csvField, csvLine, exportFileName, headerLine, integerCell, neutralise, textCell } from "./csv";

describe("a text cell that could start a formula is neutralised with a single quote (OWASP)", () => {
  it.each([
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+1 555 0100", "'+1 555 0100"],
    ["-2+3", "'-2+3"],
    ["@cmd", "'@cmd"],
    ["\tindent", "'\tindent"],
    ["\rreturn", "'\rreturn"],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["Claims triage", "Claims triage"],
    ["a=b", "a=b"],
    [" =not first", " =not first"],
    ["'already quoted", "'already quoted"],
    ["", ""],
  ])("%j → %j", (input, out) => expect(neutralise(input)).toBe(out));
});

describe("RFC 4180 fields", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rhere", '"cr\rhere"'],
    ["crlf\r\nhere", '"crlf\r\nhere"'],
    ["", ""],
  ])("%j is written %j", (input, out) => expect(csvField(input)).toBe(out));

  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ["-1,5", `"'-1,5"`],
    [null, ""],
    [undefined, ""],
  ])("a text cell %j is neutralised, then quoted: %j", (input, out) => expect(textCell(input)).toBe(out));

  it("codes are quoted when needed but never neutralised", () => {
    expect(codeCell("FINE_TUNING")).toBe("FINE_TUNING");
    expect(codeCell("-x")).toBe("-x");
    expect(codeCell(null)).toBe("");
  });

  it("records end with CRLF, the header too", () => {
    expect(csvLine(["a", "b"])).toBe("a,b\r\n");
    expect(headerLine(["organization", "title"])).toBe("organization,title\r\n");
  });

  it("any text survives a round trip through a CSV parser, neutralised and nothing else", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme" }), { minLength: 1, maxLength: 5 }), (values) => {
        const text = csvLine(["n", ...values.map(textCell)]);
        const parsed = Papa.parse<string[]>(text, { newline: "\r\n" }).data[0];
        expect(parsed).toEqual(["n", ...values.map(neutralise)]);
        for (const cell of parsed!.slice(1)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }),
      { numRuns: 300 },
    );
  });
});

describe("money: whole cents as plain decimals, two places, no separators, integers only", () => {
  it.each([
    [0, "0.00"], [5, "0.05"], [50, "0.50"], [100, "1.00"], [123450, "1234.50"], [123456789, "1234567.89"],
    [100n, "1.00"], ["7", "0.07"], ["123450", "1234.50"], ["000123", "1.23"], [-250, "-2.50"], ["-5", "-0.05"],
  ])("%s cents → %s", (cents, out) => expect(centsToDecimal(cents)).toBe(out));

  it("a missing figure is an empty cell, never 0.00", () => {
    expect(centsToDecimal(null)).toBe("");
    expect(centsToDecimal(undefined)).toBe("");
  });

  it("is exact beyond double precision (bigint or PostgreSQL's text)", () => {
    expect(centsToDecimal(9007199254740993n)).toBe("90071992547409.93");
    expect(centsToDecimal("922337203685477580")).toBe("9223372036854775.80");
  });

  it.each([[1.5], [Number.NaN], ["12.5"], ["1e3"], [""], [" 12"]])("refuses %j rather than guess", (bad) => {
    expect(() => centsToDecimal(bad)).toThrow(TypeError);
  });

  it("agrees with integer division for any amount", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), (c) => {
        const s = centsToDecimal(c);
        expect(s).toMatch(/^\d+\.\d{2}$/);
        expect(BigInt(s.replace(".", ""))).toBe(c);
        expect(centsToDecimal(c.toString())).toBe(s);
      }),
    );
  });

  it("whole numbers are written as they are", () => {
    expect(integerCell(2027)).toBe("2027");
    expect(integerCell("12")).toBe("12");
    expect(integerCell(null)).toBe("");
    expect(() => integerCell("2027.5")).toThrow(TypeError);
  });
});

describe("file names", () => {
  it.each([
    ["demo", "cost-detail", "demo-cost-detail-2026-11-23.csv"],
    ["demo", "cost-by-business-unit", "demo-cost-by-business-unit-2026-11-23.csv"],
    ["Odd Slug/../x", "cost-detail", "odd-slug-x-cost-detail-2026-11-23.csv"],
  ])("%s + %s → %s", (slug, name, out) => expect(exportFileName(slug, name, new Date("2026-11-23T10:00:00Z"))).toBe(out));

  it("uses the UTC date", () => {
    expect(exportFileName("demo", "cost-detail", new Date("2026-11-23T23:59:59Z"))).toBe("demo-cost-detail-2026-11-23.csv");
  });

  it("makes an attachment header with nothing to escape", () => {
    expect(attachment("demo-cost-detail-2026-11-23.csv")).toBe('attachment; filename="demo-cost-detail-2026-11-23.csv"');
    expect(attachment('a"b\r\n.csv')).toBe('attachment; filename="a_b__.csv"');
  });
});
