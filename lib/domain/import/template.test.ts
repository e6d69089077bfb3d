import { GOVERNANCE_KEYS } from "../governance";
import { describe, expect, it } from "vitest";
import { ANSWER_KEYS } from "../assessment";
import { suggestColumns } from "./columns";
import { decodeCsvBytes } from "./encoding";
import { parseCsv } from "./csv";
import { crossRowChecks, prepareRows } from "./prepare";
import { buildFields } from "./rows";
import { exampleCsv, FIELD_GUIDE_HEADERS, fieldGuideCsv, FILE_RULES, TEMPLATE_HEADERS, templateCsv } from "./template";
import { IMPORT_FIELDS } from "./fields";

const read = (csv: string) => parseCsv(decodeCsvBytes(new TextEncoder().encode(csv)).text);

describe("the downloads", () => {
  it("the template is a header row only: one column per field and every answer, no row to import by mistake", () => {
    expect(TEMPLATE_HEADERS).toEqual(["title", "description", "businessUnit", "ownerEmail", "status", "startDate", "horizonYears", "externalId", ...GOVERNANCE_KEYS, ...ANSWER_KEYS]);
    const csv = templateCsv();
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const parsed = read(csv);
    expect(parsed.headers).toEqual(TEMPLATE_HEADERS);
    expect(parsed.rows).toEqual([]);
  });

  it("the example's rows import cleanly with the suggested mapping (a multi-line cell included)", () => {
    const parsed = read(exampleCsv());
    const mapping = { columns: suggestColumns(parsed.headers), values: {} };
    const { plan, converted } = prepareRows(parsed.headers, parsed.rows, mapping);
    expect(converted).toHaveLength(2);
    expect(crossRowChecks(converted, plan, { closeTitles: true })).toEqual({ errors: [], warnings: [], notes: [] });
    for (const c of converted) {
      expect(c.errors).toEqual([]);
      expect(buildFields(c, plan, null).ok).toBe(true);
    }
    expect(converted[1]!.values.description).toContain("\n");
  });

  it("the field guide has one row per column, with the allowed values", () => {
    const parsed = read(fieldGuideCsv());
    expect(parsed.headers).toEqual(FIELD_GUIDE_HEADERS);
    expect(parsed.rows.map((r) => r.cells[0])).toEqual(TEMPLATE_HEADERS);
    const status = parsed.rows.find((r) => r.cells[0] === "status")!;
    expect(status.cells[4]).toBe("IDEA; ASSESSING; APPROVED; BUILDING; LIVE; RETIRED; UNKNOWN");
    const lag = parsed.rows.find((r) => r.cells[0] === "maxLagDays")!;
    expect(lag.cells[3]).toBe("Whole number from 0 to 3,650 (days); thousands separators allowed");
  });
});

describe("the field guide, as a person downloads it", () => {
  it("reads word for word as reviewed (__snapshots__/field-guide.csv): every label, format, example and help line", async () => {
    await expect(fieldGuideCsv()).toMatchFileSnapshot("./__snapshots__/field-guide.csv");
  });
  it("each field's own example imports alone with no error, under the column name the template gives it", () => {
    for (const f of IMPORT_FIELDS) {
      if (!f.example) continue;
      const parsed = read(`title,${f.key === "title" ? "description" : f.key}\r\nA use case,"${f.example}"\r\n`);
      const { converted } = prepareRows(parsed.headers, parsed.rows, { columns: suggestColumns(parsed.headers), values: {} });
      expect(converted[0]!.errors, f.key).toEqual([]);
    }
  });
  it("labels each field once, and lists an enum's values in its format", () => {
    expect(new Set(IMPORT_FIELDS.map((f) => f.label)).size).toBe(IMPORT_FIELDS.length);
    for (const f of IMPORT_FIELDS.filter((x) => x.kind === "enum")) {
      expect(f.format, f.key).toContain(`One of: ${f.options!.map((o) => o.value).join(", ")}`);
    }
    expect(IMPORT_FIELDS.filter((f) => f.required).map((f) => f.key)).toEqual(["title"]);
  });
});

describe("the example file and the rules, as a person reads them", () => {
  it("the example's two rows, word for word as reviewed (__snapshots__/example.csv), quoted only where a cell needs it", async () => {
    await expect(exampleCsv()).toMatchFileSnapshot("./__snapshots__/example.csv");
  });
  it("the rules of a file", () => {
    expect(FILE_RULES).toEqual([
      "CSV with a header row, at most 10 MB and 10,000 rows.",
      "UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or Windows-1252 as older Excel saves it.",
      "Commas, semicolons or tabs between cells; a cell may span several lines inside double quotes.",
      "Column names need not match ours: you map them, and the values of status and the choice answers, before anything is imported.",
      "Empty cells leave a field unanswered (a new use case) or unchanged (an update).",
      "A row whose external id is already in the registry updates that use case; any other row adds one.",
      "Row numbers are as a spreadsheet shows them: the header is row 1.",
    ]);
  });
});

