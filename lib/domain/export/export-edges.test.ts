/**
 * Edges of the export writer that the main tests left open (found by mutation testing,
 * docs/mutation/): each figure's own missing-figure note, the file name's clean-up, whole-number
 * cells that merely contain digits, the byte-order mark, and the exports' names.
 */
import { describe, expect, it } from "vitest";
import { businessUnitNote, createDetailFormatter, detailNote, EXPORTS, type DetailRow } from "./cost-exports";
import { centsToDecimal, CRLF, exportFileName, integerCell, UTF8_BOM } from "./csv";

const row = (over: Partial<DetailRow> = {}): DetailRow => ({
  useCaseId: "uc1", title: "Claims triage", businessUnit: "Support", owner: "lee@example.com", status: "LIVE",
  recommended: "RAG", chosen: null, approach: "RAG", calendarYear: 2027, lifecycleYear: 1, category: "INFERENCE",
  low: "100", base: "200", high: "300", assumptionVersion: 3, manual: false,
  highImpact: null, personalData: null, sourcing: null, vendor: "", stage: null, topicArea: "", euRiskTier: null, additionalFields: {}, ...over,
});

describe("the missing-figure note names any one missing figure", () => {
  it.each([[{ low: null }], [{ base: null }], [{ high: null }]] as [Partial<DetailRow>][])("%j", (over) => {
    expect(detailNote(row(over))).toBe("missing figure");
  });

  it("a zero is a figure, not a missing one", () => {
    expect(detailNote(row({ low: 0, base: "0", high: 0n }))).toBe("");
  });

  it("one incomplete use case is enough for the business-unit note, and a text count is read as a number", () => {
    expect(businessUnitNote({ incompleteUseCases: 1, manual: false })).toBe("missing figures left out");
    expect(businessUnitNote({ incompleteUseCases: "0", manual: false })).toBe("");
  });
});

describe("whole-number cells", () => {
  it.each([["x12"], ["12x"], ["1 2"], [""], ["--1"]])("refuse %j", (bad) => {
    expect(() => integerCell(bad)).toThrow(TypeError);
  });

  it("an absent value is an empty cell, like null", () => {
    expect(integerCell(undefined)).toBe("");
  });

  it("a refusal says what it refused", () => {
    expect(() => integerCell("2027.5")).toThrow("Not a whole number: 2027.5");
    expect(() => centsToDecimal("12.5")).toThrow("Not a whole number of cents: 12.5");
    expect(() => centsToDecimal(1.5)).toThrow("Not a whole number of cents: 1.5");
  });

  it("keep a sign and a bigint", () => {
    expect(integerCell(-3)).toBe("-3");
    expect(integerCell(12n)).toBe("12");
    expect(integerCell(0)).toBe("0");
  });

  it("cents from text with digits around something else are refused", () => {
    expect(() => centsToDecimal("x12")).toThrow(TypeError);
    expect(() => centsToDecimal("12x")).toThrow(TypeError);
    expect(() => centsToDecimal(2 ** 53)).toThrow(TypeError);
    expect(centsToDecimal(-1n)).toBe("-0.01");
    expect(centsToDecimal("-000")).toBe("-0.00");
  });
});

describe("file names", () => {
  it.each([
    ["--demo--", "cost-detail", "demo-cost-detail-2026-01-02.csv"],
    ["a___b", "x", "a-b-x-2026-01-02.csv"],
    ["", "cost-detail", "export-cost-detail-2026-01-02.csv"],
    ["demo", "%%%", "demo-export-2026-01-02.csv"],
  ])("%j + %j → %s (no leading, trailing or doubled hyphens; never empty)", (slug, name, out) => {
    expect(exportFileName(slug, name, new Date("2026-01-02T00:00:00Z"))).toBe(out);
  });
});

describe("what a spreadsheet needs", () => {
  it("the file starts with UTF-8's byte-order mark, and records end in CR LF", () => {
    expect(UTF8_BOM).toBe("\uFEFF");
    expect(CRLF).toBe("\r\n");
  });

  it("a use case's cells change with the use case, row after row", () => {
    const f = createDetailFormatter({ organization: "Acme" });
    const first = f(row({ useCaseId: "a", title: "First" }));
    const second = f(row({ useCaseId: "b", title: "Second" }));
    const third = f(row({ useCaseId: "a", title: "First again" }));
    expect(first.split(",").slice(1, 3)).toEqual(["a", "First"]);
    expect(second.split(",").slice(1, 3)).toEqual(["b", "Second"]);
    expect(third.split(",").slice(1, 3)).toEqual(["a", "First again"]);
  });
});

describe("the two exports", () => {
  it("are served at fixed paths, named for download, and described for the export page", () => {
    expect(EXPORTS.detail).toMatchObject({ path: "detail.csv", fileLabel: "cost-detail" });
    expect(EXPORTS.businessUnits).toMatchObject({ path: "business-units.csv", fileLabel: "cost-by-business-unit" });
    for (const e of Object.values(EXPORTS)) {
      expect(e.title.length).toBeGreaterThan(10);
      expect(e.description).toMatch(/^One row per .+ and approach\.$|^One row per .+ amounts\.$/);
    }
  });
});
