import { describe, expect, it } from "vitest";
import { chunkRows, detectDelimiter, parseCsv, uniqueHeaders } from "./csv";

describe("reading CSV", () => {
  it("takes a spreadsheet's \"sep=;\" first line as the delimiter, not as the header, and numbers rows as the spreadsheet shows them", () => {
    const parsed = parseCsv("\ufeffsep=;\r\nTitle;Monthly calls\r\nA;1,000\r\n");
    expect(parsed).toMatchObject({ delimiter: ";", headers: ["Title", "Monthly calls"], rows: [{ row: 2, cells: ["A", "1,000"] }], problems: [] });
    expect(detectDelimiter("sep=|\nTitle|Notes\nA|b, c\n")).toBe("|");
    // Only a first line of its own: a column named "sep=" further down is a column.
    expect(parseCsv("Title,sep=\nA,b\n").headers).toEqual(["Title", "sep="]);
  });

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

describe("CSV files at the edges", () => {
  it("a header of more than 200 columns stops the reading, with the count", () => {
    const wide = Array.from({ length: 201 }, (_, i) => `c${i}`).join(",");
    const r = parseCsv(`${wide}\n${"x,".repeat(200)}x\n`);
    expect(r.problems).toEqual(["The file has 201 columns; the import reads at most 200."]);
    expect(r.headers).toEqual([]);
    expect(parseCsv(`${Array.from({ length: 200 }, (_, i) => `c${i}`).join(",")}\nv\n`).headers).toHaveLength(200);
  });
  it("line breaks inside a cell become \\n whichever the file used; a row exactly as wide as the header is kept as it is", () => {
    const r = parseCsv('a,b\r\n"one\r\ntwo","three\rfour"\r\n');
    expect(r.rows).toEqual([{ row: 2, cells: ["one\ntwo", "three\nfour"] }]);
  });
  it("only non-empty cells past the header count as extra", () => {
    expect(parseCsv("a,b\n1,2, ,\n").rows).toEqual([{ row: 2, cells: ["1", "2"] }]);
    expect(parseCsv("a,b\n1,2,x, y\n").rows).toEqual([{ row: 2, cells: ["1", "2"], extraCells: 2 }]);
  });
  it("a NUL character anywhere, by its line", () => {
    expect(parseCsv("a,b\n1,2\n3,\u00004\n").problems).toEqual([
      "The file contains a NUL character (line 3), which a CSV file never has: it may be a spreadsheet or a UTF-16 file renamed to .csv. Save it as “CSV UTF-8” and try again.",
    ]);
    expect(parseCsv("\u0000a,b\n1,2\n").problems[0]).toMatch(/\(line 1\)/);
  });
  it("a quote that is never closed, or not doubled, by its row", () => {
    expect(parseCsv('a,b\n1,"open\n').problems).toEqual(['Row 2: a quoted cell is never closed (a closing " is missing), so the rest of the file cannot be read reliably.']);
    expect(parseCsv('a,b\n1,"bad"quote",2\n').problems).toContain('Row 2: a quote inside a quoted cell is not doubled ("" is how a CSV writes a quote inside quotes).');
  });
  it("names headers as written, spaces collapsed and cut at 200 characters, repeats told apart whatever their case", () => {
    expect(uniqueHeaders(["  Use   case\tname ", "Status", "STATUS", "status", "__proto__", "", "x".repeat(250)])).toEqual([
      "Use case name",
      "Status",
      "STATUS (2)",
      "status (3)",
      "__proto__ (column 5)",
      "Column 6",
      "x".repeat(200),
    ]);
  });
  it("guesses the delimiter from the first rows, a comma when nothing tells", () => {
    expect(detectDelimiter("a;b;c\n1;2;3\n")).toBe(";");
    expect(detectDelimiter("a\tb\n1\t2\n")).toBe("\t");
    expect(detectDelimiter("")).toBe(",");
    expect(detectDelimiter("single")).toBe(",");
  });
  it("marks the rows that held a given character offset (the Windows-1252 bytes of a mixed file)", () => {
    const text = "a,b\n1,2\n3,4\n5,6\n";
    // Offsets 9 (row 3) and 10 (row 3 again) and 13 (row 4).
    expect(parseCsv(text, { marks: [9, 10, 13] }).markedRows).toEqual([3, 4]);
    expect(parseCsv(text, { marks: [] }).markedRows).toEqual([]);
  });
  it("cuts a chunk when the next row would pass the size, counting three characters a cell for the quotes and comma", () => {
    const row = (n: number) => ({ cells: ["x".repeat(n)] });
    // Each row is 10 + 3 = 13 characters: two fit in 26, not in 25.
    expect(chunkRows([row(10), row(10), row(10)], 100, 26).map((c) => c.length)).toEqual([2, 1]);
    expect(chunkRows([row(10), row(10), row(10)], 100, 25).map((c) => c.length)).toEqual([1, 1, 1]);
    expect(chunkRows([], 100, 25)).toEqual([]);
  });
});
