import { describe, expect, it } from "vitest";
import { centsToDecimal, exportFileName, safeText } from "./csv";

describe("spreadsheet-safe cells", () => {
  it.each([
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+1 555 0100", "'+1 555 0100"],
    ["-2+3", "'-2+3"],
    ["@cmd", "'@cmd"],
    ["\tindent", "'\tindent"],
    ["\rreturn", "'\rreturn"],
    ["Claims, \"triage\"", "Claims, \"triage\""],
    ["", ""],
  ])("%j becomes %j", (input, out) => expect(safeText(input)).toBe(out));
});

describe("money as plain decimals", () => {
  it.each([
    [0, "0.00"], [5, "0.05"], [123456789, "1234567.89"], [100n, "1.00"], [null, ""], [-250, "-2.50"],
  ])("%s cents is %s", (cents, out) => expect(centsToDecimal(cents as number | null)).toBe(out));
  it("handles amounts beyond double precision exactly", () => {
    expect(centsToDecimal(9007199254740993n)).toBe("90071992547409.93");
  });
});

it("names the file after the organization, the export and the date", () => {
  expect(exportFileName("demo", "cost-detail", new Date("2026-11-23T10:00:00Z"))).toBe("demo-cost-detail-2026-11-23.csv");
});
