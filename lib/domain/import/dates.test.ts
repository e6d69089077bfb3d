import { describe, expect, it } from "vitest";
import { DATE_ORDER_LABELS, dateOrderEvidence, parseDateCell } from "./dates";

describe("reading a date cell", () => {
  it.each([
    ["2027-01-05", undefined, "2027-01-05"],
    ["2027-1-5", undefined, "2027-01-05"],
    ["2027/01/05", undefined, "2027-01-05"],
    ["2027.01.05", undefined, "2027-01-05"],
    ["2027-01-05T00:00:00Z", undefined, "2027-01-05"],
    ["2027-01-05 14:30:00+02:00", undefined, "2027-01-05"],
    [" 2027-01-05 ", undefined, "2027-01-05"],
    // the file's own value settles the order
    ["14/03/2027", undefined, "2027-03-14"],
    ["03/14/2027", undefined, "2027-03-14"],
    ["3/14/2027 9:05 AM", undefined, "2027-03-14"],
    ["07.07.2027", undefined, "2027-07-07"],
    // the chosen order settles the rest
    ["05/01/2027", "DMY", "2027-01-05"],
    ["05/01/2027", "MDY", "2027-05-01"],
    ["5-1-2027", "DMY", "2027-01-05"],
    // and it never overrides what a value proves
    ["14/03/2027", "MDY", "2027-03-14"],
    // month names
    ["5 Jan 2027", undefined, "2027-01-05"],
    ["05-Jan-2027", undefined, "2027-01-05"],
    ["5th September 2027", undefined, "2027-09-05"],
    ["Jan 5, 2027", undefined, "2027-01-05"],
    ["Sept. 30 2027", undefined, "2027-09-30"],
    ["december 1st, 2027", undefined, "2027-12-01"],
    // a month alone is its first day
    ["2027-03", undefined, "2027-03-01"],
    ["03/2027", undefined, "2027-03-01"],
    ["March 2027", undefined, "2027-03-01"],
    // out-of-calendar values are formatted for the schema to refuse with its one message
    ["31/02/2027", undefined, "2027-02-31"],
  ] as const)("“%s” (%s) → %s", (raw, order, value) => {
    expect(parseDateCell(raw, order)).toMatchObject({ ok: true, value });
  });

  it.each([
    // as public inventories write them, with the precision kept
    ["2025", "2025-01-01", "YEAR"],
    ["2019.0", "2019-01-01", "YEAR"],
    ["1995", "1995-01-01", "YEAR"],
    ["Jan-24", "2024-01-01", "MONTH"],
    ["Sep 49", "2049-09-01", "MONTH"],
    ["Sep 1998", "1998-09-01", "MONTH"],
    ["March 2027", "2027-03-01", "MONTH"],
    ["2027-03", "2027-03-01", "MONTH"],
    ["45292", "2024-01-01", "DAY"],
    ["43831.0", "2020-01-01", "DAY"],
    ["1962-06-15", "1962-06-15", "DAY"],
  ] as const)("“%s” → %s (%s)", (raw, value, precision) => {
    expect(parseDateCell(raw)).toEqual({ ok: true, value, precision });
  });

  it.each(["N/A", "n/a", "Unknown", "TBD", "-", "Not applicable"])("reads “%s” as no date, not an error", (raw) => {
    expect(parseDateCell(raw)).toEqual({ ok: true, value: null });
  });

  it("refuses to guess the order of 05/01/2027 when none is chosen", () => {
    expect(parseDateCell("05/01/2027")).toEqual({
      ok: false,
      ambiguous: true,
      message: "“05/01/2027” could be day first or month first: choose how the file writes dates (under Dates).",
    });
  });

  it.each(["next spring", "13/14/2027", "Smarch 5, 2027", "123456", "1/2/3/4", "=TODAY()"])("says how to write “%s”", (raw) => {
    const r = parseDateCell(raw);
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.message).toContain("write it as YYYY-MM-DD");
  });

  it.each(["20-Apr", "20 Apr", "27-Jan.", "1-Jan", "5th Jan", "Jan 24", "Jan 05", "Jan-5", "Sept 30"])("refuses “%s”: a day and a month, or a number that could be a day or a year, is never read as a year", (raw) => {
    expect(parseDateCell(raw)).toEqual({
      ok: false,
      ambiguous: false,
      message: `“${raw}” has no year we can read (it may be a day and a month): write the date as YYYY-MM-DD (e.g. 2027-04-20), or a month with its year in full (Apr 2027, 2027-04).`,
    });
    // no chosen day/month order settles it either
    expect(parseDateCell(raw, "DMY").ok).toBe(false);
  });

  it("reads a month name with two digits that can only be a year, or in the spreadsheet's month-year format (Jan-24)", () => {
    expect(parseDateCell("Jan-24")).toEqual({ ok: true, value: "2024-01-01", precision: "MONTH" });
    expect(parseDateCell("Sep-09")).toEqual({ ok: true, value: "2009-09-01", precision: "MONTH" });
    expect(parseDateCell("Apr 2020")).toEqual({ ok: true, value: "2020-04-01", precision: "MONTH" });
  });

  it.each([
    // a typo for 2025 or 20250 of something else: as a day number it would be 1955, before any plausible start
    ["20250", "1955-06-10"],
    ["36525", "1999-12-31"], // the day before the first accepted
    ["18264", "1950-01-01"], // read as 1950 until the window moved to 2000
    ["73416", "2101-01-01"], // the day after the last
    ["12345.0", "1933-10-18"],
  ])("refuses the number %s, which as a day number would be %s: it names the window and the forms a date is read in", (cell, wouldBe) => {
    expect(parseDateCell(cell)).toEqual({
      ok: false,
      ambiguous: false,
      message:
        `“${cell}” is not read as a date: a number is read as a spreadsheet's day number only from 36526 to 73415 (2000-01-01 to 2100-12-31), and this one would be ${wouldBe}. ` +
        "Write the date as YYYY-MM-DD (e.g. 2027-03-01), or with its year in full (5 Jan 1998, Sep 1998, 1998).",
    });
  });

  it.each(["Sep 98", "Jan 50", "Jan-50", "dec-99", "Mar. 75"])("refuses “%s”: a two-digit year from 50 to 99 could be 19xx or 20xx, so it is asked for in full", (cell) => {
    expect(parseDateCell(cell)).toEqual({
      ok: false,
      ambiguous: false,
      message:
        `“${cell}” has a two-digit year whose century we do not guess: two digits after a month name are read as 2000 to 2049 only (Jan-24 is January 2024). ` +
        "Write the date as YYYY-MM-DD (e.g. 2027-03-01), or with its year in full (5 Jan 1998, Sep 1998, 1998).",
    });
  });

  it("reads the same dates before 2000 written with their year in full", () => {
    expect(["1955-06-10", "Sep 1998", "5 Jan 1998", "1998"].map((c) => { const d = parseDateCell(c); return d.ok && d.value; })).toEqual(["1955-06-10", "1998-09-01", "1998-01-05", "1998-01-01"]);
  });

  it("asks for the year in full rather than choosing a century", () => {
    expect(parseDateCell("05/01/27", "DMY")).toMatchObject({ ok: false, message: expect.stringContaining("write the year in full") });
  });
});

describe("what a column says about its order", () => {
  it("detects day first from one value that can only be day first", () => {
    expect(dateOrderEvidence(["05/01/2027", "14/03/2027", "2027-01-01", ""])).toEqual({ detected: "DMY", example: "14/03/2027", ambiguous: true, mixed: false });
  });
  it("detects month first likewise", () => {
    expect(dateOrderEvidence(["12/31/2027", "01/02/2027"])).toEqual({ detected: "MDY", example: "12/31/2027", ambiguous: true, mixed: false });
  });
  it("detects nothing when every value reads the same either way, or there are none", () => {
    expect(dateOrderEvidence(["2027-01-05", "Jan 5, 2027", "07/07/2027"])).toEqual({ detected: null, example: null, ambiguous: false, mixed: false });
  });
  it("says when the values are ambiguous and nothing settles them", () => {
    expect(dateOrderEvidence(["05/01/2027", "06/02/2027"])).toMatchObject({ detected: null, ambiguous: true });
  });
  it("says when the column mixes both orders", () => {
    expect(dateOrderEvidence(["14/03/2027", "12/31/2027"])).toMatchObject({ detected: null, mixed: true });
  });
});

describe("dates at the edges of each way of writing them", () => {
  it.each([
    ["12/13/2027", "2027-12-13"], // only month first can hold 13 as the day
    ["13/12/2027", "2027-12-13"],
    ["12/12/2027", "2027-12-12"], // both orders agree
    ["36526", "2000-01-01"], // a spreadsheet's day number, its first and last accepted
    ["73415", "2100-12-31"],
    ["46000.00", "2025-12-09"],
    ["2027.00", "2027-01-01"],
    ["Jan 49", "2049-01-01"],
    ["5  Jan  2027", "2027-01-05"],
    ["5th-Jan-2027", "2027-01-05"],
    ["Jan.  5th,  2027", "2027-01-05"],
    ["2027/1", "2027-01-01"],
    ["1.2027", "2027-01-01"],
    ["January  2027", "2027-01-01"],
    ["Sept, 2027", "2027-09-01"],
  ])("%s reads %s", (cell, iso) => {
    const d = parseDateCell(cell);
    expect(d.ok && d.value).toBe(iso);
  });

  it.each(["13/13/2027", "46000x", "x5 Jan 2027", "5 Jan 2027x", "Jan 5, 2027x", "2027-01x", "x1/2027", "January 2027x", "27xJan", "Jan-2027-5", "Smarch 2027"])(
    "%s is not a date",
    (cell) => {
      expect(parseDateCell(cell)).toEqual({ ok: false, ambiguous: false, message: `“${cell}” is not a date we can read: write it as YYYY-MM-DD (e.g. 2027-03-01).` });
    },
  );

  it("the day, month and year's precision", () => {
    expect(parseDateCell("2027")).toEqual({ ok: true, value: "2027-01-01", precision: "YEAR" });
    expect(parseDateCell("Mar 2027")).toEqual({ ok: true, value: "2027-03-01", precision: "MONTH" });
    expect(parseDateCell("2027-03-04")).toEqual({ ok: true, value: "2027-03-04", precision: "DAY" });
  });

  it.each(["n/a", "NA", "n.a.", "Not applicable", "Unknown", "TBD", "To be determined", "-", "--", "?", "None", "Not available", "Not yet", "Pending", "  "])("“%s” means not known: left empty", (cell) => {
    expect(parseDateCell(cell)).toEqual({ ok: true, value: null });
  });

  it("a two-digit year, and a long cell cut at 40 characters in the message", () => {
    expect(parseDateCell("05/03/27")).toEqual({ ok: false, ambiguous: false, message: "“05/03/27”: write the year in full (e.g. 2027), so it cannot be read as another century." });
    const forty = "x".repeat(40);
    expect(parseDateCell(forty)).toMatchObject({ message: `“${forty}” is not a date we can read: write it as YYYY-MM-DD (e.g. 2027-03-01).` });
    expect(parseDateCell(`${forty}y`)).toMatchObject({ message: `“${forty}…” is not a date we can read: write it as YYYY-MM-DD (e.g. 2027-03-01).` });
  });

  it("names the two orders with an example each", () => {
    expect(DATE_ORDER_LABELS).toEqual({ DMY: "Day first (31/12/2027)", MDY: "Month first (12/31/2027)" });
  });

  it("what a column's values say about their order: the first proof, trimmed; 12 is a month, 13 is not", () => {
    expect(dateOrderEvidence([" 13/12/2027 ", "14/01/2027"])).toEqual({ detected: "DMY", example: "13/12/2027", ambiguous: false, mixed: false });
    expect(dateOrderEvidence(["12/13/2027", "not a date", " 01/14/2027"])).toEqual({ detected: "MDY", example: "12/13/2027", ambiguous: false, mixed: false });
    expect(dateOrderEvidence(["12/12/2027", "2027-05-01"])).toEqual({ detected: null, example: null, ambiguous: false, mixed: false });
    expect(dateOrderEvidence(["12/11/2027"])).toEqual({ detected: null, example: null, ambiguous: true, mixed: false });
    expect(dateOrderEvidence(["13/12/2027", "12/13/2027"])).toEqual({ detected: null, example: null, ambiguous: false, mixed: true });
    expect(dateOrderEvidence(["13/13/2027"])).toEqual({ detected: null, example: null, ambiguous: false, mixed: false });
  });
});

describe("quarters", () => {
  it.each([
    ["Q3 2027", "2027-07-01"],
    ["Q3-2027", "2027-07-01"],
    ["Q3/2027", "2027-07-01"],
    ["q3 2027", "2027-07-01"],
    ["Q3 - 2027", "2027-07-01"],
    ["2027 Q3", "2027-07-01"],
    ["2027-Q2", "2027-04-01"],
    ["2027/Q4", "2027-10-01"],
    ["Q1-2028", "2028-01-01"],
    ["3Q2027", "2027-07-01"],
    ["Q12027", "2027-01-01"],
  ])("the calendar quarter “%s” is read as its first day, %s (to the month)", (cell, iso) => {
    expect(parseDateCell(cell)).toEqual({ ok: true, value: iso, precision: "MONTH" });
  });

  it.each(["FY27 Q3", "FY2027 Q3", "FY27-Q3", "Q3 FY27", "Q3 FY2027", "FY 2027", "FY27", "fy'27 q1", "3Q FY27"])("refuses the fiscal “%s”: when it starts depends on the organization's fiscal year", (cell) => {
    expect(parseDateCell(cell)).toEqual({
      ok: false,
      ambiguous: false,
      message: `“${cell}” is a fiscal year or quarter: when it starts depends on the organization's fiscal year, so it is not read. Write the date as YYYY-MM-DD (e.g. 2027-04-01), or a calendar quarter with its year in full (Q3 2027 is read as 2027-07-01).`,
    });
  });

  it.each(["Q3 27", "Q3-27", "3Q27", "27-Q3", "Q3 '27"])("refuses “%s”: a quarter's two-digit year may be a fiscal year", (cell) => {
    expect(parseDateCell(cell)).toEqual({
      ok: false,
      ambiguous: false,
      message: `“${cell}” has a two-digit year, which may be a fiscal year: write the calendar quarter with its year in full (Q3 2027 is read as 2027-07-01), or the date as YYYY-MM-DD.`,
    });
  });

  it("refuses a quarter without a year, and a fifth quarter", () => {
    expect(parseDateCell("Q3")).toMatchObject({ ok: false, message: "“Q3” has no year: write the quarter with its year in full (Q3 2027 is read as 2027-07-01), or the date as YYYY-MM-DD." });
    expect(parseDateCell("Q5 2027")).toMatchObject({ ok: false, message: expect.stringContaining("is not a date we can read") });
  });
});
