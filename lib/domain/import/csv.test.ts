import { describe, expect, it } from "vitest";
import { chunkRows, parseCsv, uniqueHeaders } from "./csv";

describe("reading CSV", () => {
  it("keeps quoted cells with commas, doubled quotes and line breaks as one cell, and numbers rows as a spreadsheet does", () => {
    const text = 'title,description\r\nA,"one, two"\r\nB,"says ""hi""\r\nand goes on\r\nfor lines"\r\n\r\nC,plain\r\n';
    const parsed = parseCsv(text);
    expect(parsed.headers).toEqual(["title", "description"]);
    expect(parsed.rows).toEqual([
      { row: 2, cells: ["A", "one, two"] },
      { row: 3, cells: ["B", 'says "hi"\nand goes on\nfor lines'] },
      // the blank row 4 is skipped, and still counted
      { row: 5, cells: ["C", "plain"] },
    ]);
    expect(parsed.problems).toEqual([]);
  });

  it.each([
    ["commas", "a,b\n1,2\n", ","],
    ["semicolons (European Excel)", "a;b\n1;2\n", ";"],
    ["tabs", "a\tb\n1\t2\n", "\t"],
  ])("detects %s between cells", (_label, text, delimiter) => {
    const parsed = parseCsv(text);
    expect(parsed.delimiter).toBe(delimiter);
    expect(parsed.rows).toEqual([{ row: 2, cells: ["1", "2"] }]);
  });

  it("pads short rows and notes non-empty extra cells", () => {
    const parsed = parseCsv("a,b,c\n1\n1,2,3,4,\n");
    expect(parsed.rows).toEqual([
      { row: 2, cells: ["1", "", ""] },
      { row: 3, cells: ["1", "2", "3"], extraCells: 1 },
    ]);
  });

  it("stops as soon as the file has more rows than allowed", () => {
    const text = ["t", ...Array.from({ length: 50 }, (_, i) => `r${i}`)].join("\n");
    const parsed = parseCsv(text, { maxRows: 10 });
    expect(parsed.tooManyRows).toBe(true);
    expect(parsed.rows).toHaveLength(10);
    expect(parsed.problems[0]).toMatch(/more than 10,000 rows/);
  });

  it.each([
    ["an empty file", "", /The file is empty/],
    ["blank lines only", "\r\n\r\n  \r\n", /The file is empty/],
    ["a header and no rows", "title,description\r\n", /no data rows/],
    ["a quoted cell never closed", 'title,description\r\nA,"open\r\nB,x\r\n', /Row 2: a quoted cell is never closed/],
  ])("refuses %s as a whole", (_label, text, message) => {
    expect(parseCsv(text).problems.join(" ")).toMatch(message);
  });

  it("names empty and repeated columns so that each can be mapped", () => {
    expect(uniqueHeaders(["Name", "", " Name ", "name", "Agency"])).toEqual(["Name", "Column 2", "Name (2)", "name (3)", "Agency"]);
  });
});

describe("chunks for checking", () => {
  it("cuts by rows and by size, never splitting a row", () => {
    const rows = [10, 10, 10, 50, 10].map((n, i) => ({ row: i + 2, cells: ["x".repeat(n)] }));
    expect(chunkRows(rows, 2, 1_000).map((c) => c.map((r) => r.row))).toEqual([[2, 3], [4, 5], [6]]);
    expect(chunkRows(rows, 100, 40).map((c) => c.map((r) => r.row))).toEqual([[2, 3, 4], [5], [6]]);
    expect(chunkRows([], 10, 10)).toEqual([]);
  });
});
