/**
 * The preview's "read as" for a new row: the status, planned start and business unit as read, and
 * any cell read as something other than what it says, so the person can check them before importing.
 */
import { describe, expect, it } from "vitest";
import type { ImportMapping } from "./mapping";
import { prepareRows } from "./prepare";
import { buildReport, fileRowsOf, type RowAction } from "./report";

const HEADERS = ["Name", "Status", "Start", "Unit", "Personal data", "Calls a month", "Horizon"];
const MAPPING: ImportMapping = {
  columns: { Name: "title", Status: "status", Start: "startDate", Unit: "businessUnit", "Personal data": "personalData", "Calls a month": "monthlyCalls", Horizon: "horizonYears" },
  values: {},
};
const read = (cells: string[]) => fileRowsOf(prepareRows(HEADERS, [{ row: 2, cells }], MAPPING).converted)[0]!.read;

describe("how a new row's cells were read", () => {
  it.each([
    ["2027-07", "Planned start: “2027-07” → 1 Jul 2027 (a month, from its first day)"],
    ["Sept 2026", "Planned start: “Sept 2026” → 1 Sep 2026 (a month, from its first day)"],
    ["2024", "Planned start: “2024” → 1 Jan 2024 (a year, from its first day)"],
    ["Q3 2027", "Planned start: “Q3 2027” → 1 Jul 2027 (a quarter, from its first day)"],
    ["5 Jan 2027", "Planned start: “5 Jan 2027” → 5 Jan 2027"],
    ["2027-01-05", "Planned start: 5 Jan 2027"],
  ])("the planned start “%s”", (start, phrase) => {
    expect(read(["Chatbot", "", start, "", "", "", ""])).toEqual([phrase]);
  });

  it("a status read as one of ours, the business unit, and other cells only where read as something else", () => {
    expect(read(["Chatbot", "In production", "2027-07", "HR", "Y", "1,200", "3"])).toEqual([
      "Business unit: HR",
      "Status: “In production” → Live",
      "Planned start: “2027-07” → 1 Jul 2027 (a month, from its first day)",
      "Personal data involved: “Y” → Yes",
    ]);
    // written as we write them: listed plainly, or not at all
    expect(read(["Chatbot", "Live", "", "HR", "yes", "1200", "3"])).toEqual(["Business unit: HR", "Status: Live"]);
    expect(read(["Chatbot", "", "", "", "", "", ""])).toBeUndefined();
  });

  it("is listed for new rows only: an update lists its changes instead", () => {
    const fileRows = fileRowsOf(prepareRows(HEADERS, [{ row: 2, cells: ["A", "Pilot", "", "", "", "", "5"] }, { row: 3, cells: ["B", "Pilot", "", "", "", "", "5"] }], MAPPING).converted);
    const actions = new Map<number, RowAction>([[2, "create"], [3, "update"]]);
    const report = buildReport({ actions, rows: 2, errors: [], warnings: [], fileRows, changes: new Map([[3, [{ field: "status", label: "Status", before: "Idea", after: "Building" }]]]) });
    expect(report.outcomes).toEqual([
      { row: 2, outcome: "create", title: "A", read: ["Status: “Pilot” → Building"] },
      { row: 3, outcome: "update", title: "B", changes: [{ field: "status", label: "Status", before: "Idea", after: "Building" }] },
    ]);
  });
});
