import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { MAX_LISTED_ISSUES } from "./limits";
import { REFUSED_REASON_COLUMN, refusedRowsCsv } from "./refused";
import { buildReport, claimAcrossChunks, emptyReport, reasonOf, refusedChoice, refusedRows, refusedRowsText, type RowAction, type RowMatch } from "./report";
import type { RowIssue } from "./rows";

const issue = (row: number, message: string, column: string | null = "Title"): RowIssue => ({ row, field: column ? "title" : null, column, message });

describe("the import's report", () => {
  it("an empty report counts nothing and lists nothing", () => {
    expect(emptyReport()).toEqual({ counts: { rows: 0, create: 0, update: 0, unchanged: 0, errorRows: 0, warningRows: 0 }, problems: [], errors: [], errorCount: 0, warnings: [], warningCount: 0, notes: [], outcomes: [] });
  });

  it("counts what each row does, leaving refused rows out of the actions, and each row with problems once", () => {
    const actions = new Map<number, RowAction>([[2, "create"], [3, "update"], [4, "unchanged"], [5, "create"], [6, "create"]]);
    const r = buildReport({
      actions,
      rows: 5,
      errors: [issue(5, "Title is required"), issue(5, "Too long", "Description")],
      warnings: [issue(6, "Close to another title"), issue(2, "Odd text"), issue(6, "Stray cell", null)],
    });
    expect(r.counts).toEqual({ rows: 5, create: 2, update: 1, unchanged: 1, errorRows: 1, warningRows: 2 });
    expect(r.errorCount).toBe(2);
    expect(r.warningCount).toBe(3);
    // Issues in row order, whatever order they were found in.
    expect(r.warnings.map((w) => w.row)).toEqual([2, 6, 6]);
    expect(r.problems).toEqual([]);
    expect(r).not.toHaveProperty("encoding");
    expect(r).not.toHaveProperty("encodingNote");
  });

  it(`lists at most ${MAX_LISTED_ISSUES.toLocaleString("en-US")} issues of each kind but counts them all`, () => {
    const many = Array.from({ length: MAX_LISTED_ISSUES + 5 }, (_, i) => issue(MAX_LISTED_ISSUES + 6 - i, "Title is required"));
    const r = buildReport({ actions: new Map(), rows: many.length, errors: many, warnings: many });
    expect(r.errors).toHaveLength(MAX_LISTED_ISSUES);
    expect(r.errors[0]!.row).toBe(2);
    expect(r.errorCount).toBe(MAX_LISTED_ISSUES + 5);
    expect(r.warnings).toHaveLength(MAX_LISTED_ISSUES);
    expect(r.warningCount).toBe(MAX_LISTED_ISSUES + 5);
    expect(r.counts.errorRows).toBe(MAX_LISTED_ISSUES + 5);
  });

  it("keeps the file's problems, each note once, and how the bytes were read", () => {
    const r = buildReport({ actions: new Map(), rows: 0, errors: [], warnings: [], problems: ["No title column"], notes: ["Partial search", "Partial search", "Other"], encoding: "windows-1252", encodingNote: "Read as Windows-1252" });
    expect(r.problems).toEqual(["No title column"]);
    expect(r.notes).toEqual(["Partial search", "Other"]);
    expect(r.encoding).toBe("windows-1252");
    expect(r.encodingNote).toBe("Read as Windows-1252");
  });

  it("gives every row of the file its outcome: refused with each reason once (column first), an update with what it changes", () => {
    const r = buildReport({
      actions: new Map<number, RowAction>([[2, "create"], [3, "update"], [4, "refused" as never], [5, "unchanged"]]),
      rows: 5,
      errors: [issue(4, "Title is required"), issue(4, "Title is required"), issue(4, "File-wide trouble", null)],
      warnings: [],
      fileRows: [{ row: 2, title: "New" }, { row: 3, title: "Old" }, { row: 4, title: null }, { row: 5, title: "Same" }, { row: 6, title: "Skipped" }],
      changes: new Map([[3, [{ field: "title", label: "Title", before: "Old", after: "Older" }]], [2, [{ field: "title", label: "Title", before: "", after: "x" }]]]),
    });
    expect(r.outcomes).toEqual([
      { row: 2, outcome: "create", title: "New" },
      { row: 3, outcome: "update", title: "Old", changes: [{ field: "title", label: "Title", before: "Old", after: "Older" }] },
      { row: 4, outcome: "refused", title: null, reasons: ["Title: Title is required", "File-wide trouble"] },
      { row: 5, outcome: "unchanged", title: "Same" },
    ]);
    expect([...refusedRows(r)]).toEqual([4]);
    expect(reasonOf(issue(9, "Must be a number", "Monthly calls"))).toBe("Monthly calls: Must be a number");
    expect(reasonOf(issue(9, "Whole row is empty", null))).toBe("Whole row is empty");
  });

  it("an update with no recorded changes is listed without a change list", () => {
    const r = buildReport({ actions: new Map<number, RowAction>([[2, "update"]]), rows: 1, errors: [], warnings: [], fileRows: [{ row: 2, title: "T" }] });
    expect(r.outcomes).toEqual([{ row: 2, outcome: "update", title: "T" }]);
  });
});

describe("the refused rows as a file to fix and import again", () => {
  const headers = ["Title", "Monthly calls", "Notes"];
  const rows = [
    { row: 2, cells: ["Fine", "100", ""] },
    { row: 3, cells: ["=HYPERLINK(\"x\")", "lots", "a, b\nc \"quoted\""] },
    { row: 4, cells: ["Short row"] },
  ];
  const outcomes = [
    { row: 2, outcome: "create" as const, title: "Fine" },
    { row: 3, outcome: "refused" as const, title: "=HYPERLINK(\"x\")", reasons: ["Monthly calls: Must be a number", "Title: Too odd"] },
    { row: 4, outcome: "refused" as const, title: "Short row", reasons: [] },
  ];

  it("has the file's own header and cells, untouched, and one last column saying what was wrong", () => {
    const { csv, count } = refusedRowsCsv(headers, rows, outcomes);
    expect(count).toBe(2);
    expect(csv.startsWith("\ufeff")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1).trimEnd(), { newline: "\r\n" }).data;
    expect(parsed).toEqual([
      [...headers, REFUSED_REASON_COLUMN],
      ["=HYPERLINK(\"x\")", "lots", "a, b\nc \"quoted\"", "Monthly calls: Must be a number | Title: Too odd"],
      ["Short row", "", "", ""],
    ]);
  });
  it("neutralises its own reason column where it would start a formula (it quotes the file's header), never the file's cells", () => {
    const { csv } = refusedRowsCsv(["=1+1"], [{ row: 2, cells: ["=SUM(A1)"] }], [{ row: 2, title: "", outcome: "refused", reasons: ["=1+1: “abc” is not a number."] }]);
    const parsed = Papa.parse<string[]>(csv.slice(1).trimEnd(), { newline: "\r\n" }).data;
    expect(parsed[1]).toEqual(["=SUM(A1)", "'=1+1: “abc” is not a number."]);
  });
  it("is just the header when nothing was refused", () => {
    expect(refusedRowsCsv(headers, rows, [outcomes[0]!])).toEqual({ csv: `\ufeffTitle,Monthly calls,Notes,${REFUSED_REASON_COLUMN}\r\n`, count: 0 });
  });
});

describe("the choice offered when rows are refused", () => {
  it("offers the rows that pass, or says there is nothing to import (never “Import the 0 rows that pass”)", () => {
    expect(refusedChoice({ create: 2, update: 1, unchanged: 0, errorRows: 1 })).toBe(
      "1 row is refused. Import the 3 rows that pass and leave it out (download it to correct and import later), or import nothing and correct the file first.",
    );
    expect(refusedChoice({ create: 0, update: 0, unchanged: 1, errorRows: 3 })).toBe("3 rows are refused. The other 1 matches the registry already, so there is nothing to import. Download them to correct and import again.");
    expect(refusedChoice({ create: 0, update: 0, unchanged: 0, errorRows: 2 })).toBe("2 rows are refused. No row passes, so there is nothing to import. Download them to correct and import again.");
  });
});

describe("the refused rows an import's record names", () => {
  it("names them by the file's row numbers, in order, the first twenty and how many more", () => {
    expect(refusedRowsText([])).toBe("");
    expect(refusedRowsText([4])).toBe("row 4");
    expect(refusedRowsText([12, 4, 7])).toBe("rows 4, 7 and 12");
    expect(refusedRowsText(Array.from({ length: 51 }, (_, i) => 1_000 + i))).toBe(`rows ${Array.from({ length: 20 }, (_, i) => (1_000 + i).toLocaleString("en-US")).join(", ")} and 31 more`);
  });
});

describe("a use case two rows of different chunks update", () => {
  it("refuses the later row, naming the first, across chunks; the first row itself again is no duplicate", () => {
    const claimed = new Map<string, RowMatch>();
    const m = (row: number, useCaseId: string, byExternalId = false): RowMatch => ({ row, useCaseId, title: "Support assistant", field: byExternalId ? "externalId" : "title", column: byExternalId ? "Id" : "Title", byExternalId });
    expect(claimAcrossChunks(claimed, [m(2, "u1"), m(3, "u2")])).toEqual([]);
    expect(claimAcrossChunks(claimed, [m(1_503, "u1"), m(1_504, "u3")])).toEqual([
      { row: 1_503, field: "title", column: "Title", message: "Row 2 already updates the same use case (“Support assistant”); each use case can come from one row only." },
    ]);
    expect(claimAcrossChunks(claimed, [m(2, "u1")])).toEqual([]);
    // Both by the same external id: the file's repeated-id check says so; not the same reason twice.
    expect(claimAcrossChunks(claimed, [m(5, "u4", true)])).toEqual([]);
    expect(claimAcrossChunks(claimed, [m(1_600, "u4", true)])).toEqual([]);
    expect(claimAcrossChunks(claimed, [m(1_601, "u4")])).toHaveLength(1);
  });
});
