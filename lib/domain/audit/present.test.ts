import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { actionLabel, AUDIT_CSV_HEADER, auditCsvHeader, auditCsvLine, describeChange, type AuditRow } from "./present";

const row = (over: Partial<AuditRow> = {}): AuditRow => ({
  source: "security", id: "e1", at: "2026-12-03T10:00:00.000Z", lastAt: "2026-12-03T10:04:00.000Z", count: 3,
  personId: "u1", personName: "Ada", personEmail: "ada@example.com", action: "security.sign_in.failed", outcome: "failed",
  entity: "Account", entityId: "u1", ip: "203.0.113.9", before: null, after: null, ...over,
});

describe("how a change reads", () => {
  it("names each changed field, old to new, with codes as words", () => {
    expect(describeChange(JSON.stringify({ role: "LEAD", name: "A" }), JSON.stringify({ role: "FINANCE", name: "A" }))).toEqual(["role: lead → finance"]);
    expect(describeChange(null, JSON.stringify({ title: "New", chosenApproach: "FINE_TUNING" }))).toEqual(["title: New", "chosenApproach: fine tuning"]);
    expect(describeChange(JSON.stringify({ email: "x@y" }), null)).toEqual(["email: x@y (removed)"]);
    // An instant reads as the page's Time column does, not as ISO text.
    expect(describeChange(null, JSON.stringify({ at: "2026-12-06T02:30:07.395Z", method: "credentials" }))).toEqual(["at: 6 Dec 2026, 02:30:07 UTC", "method: credentials"]);
    expect(describeChange(null, JSON.stringify({ note: "2026-12-06T02:30:07Z is when" }))).toEqual(["note: 2026-12-06T02:30:07Z is when"]);
  });

  it("says an object's fields one by one, not as JSON cut short", () => {
    expect(describeChange(JSON.stringify({ assessment: { maxLagDays: 14 }, version: 2 }), JSON.stringify({ assessment: { maxLagDays: 30 }, version: 3 }))).toEqual([
      "assessment.maxLagDays: 14 → 30",
      "version: 2 → 3",
    ]);
    expect(describeChange(null, JSON.stringify({ assessment: { coreNeed: "retrieval", monthlyCalls: 20000 } }))).toEqual(["assessment.coreNeed: retrieval", "assessment.monthlyCalls: 20000"]);
    // An empty object or a list is a value of its own.
    expect(describeChange(null, JSON.stringify({ additionalFields: {}, riskFlags: ["NO_EVALUATION_SET"] }))).toEqual(["additionalFields: {}", 'riskFlags: ["no evaluation set"]']);
  });

  it("keeps the list short", () => {
    const after = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`f${i}`, i]));
    const lines = describeChange(null, JSON.stringify(after));
    expect(lines).toHaveLength(7);
    expect(lines.at(-1)).toBe("and 3 more");
  });

  it("labels the security actions in words", () => {
    expect(actionLabel("security.access.not_member")).toBe("Refused: not a member of this organization");
    expect(actionLabel("use_case.updated")).toBe("use_case.updated");
  });
});

describe("the audit CSV", () => {
  it("writes one record per row, parsing back to the same values", () => {
    const text = auditCsvHeader() + auditCsvLine(row()) + auditCsvLine(row({ source: "change", count: 1, outcome: null, ip: null, before: '{"title":"a, \\"b\\""}', after: '{"title":"c"}' }));
    const parsed = Papa.parse<string[]>(text.trimEnd(), { newline: "\r\n" }).data;
    expect(parsed[0]).toEqual([...AUDIT_CSV_HEADER]);
    expect(parsed[1]).toEqual(["2026-12-03T10:00:00.000Z", "2026-12-03T10:04:00.000Z", "3", "security", "Ada", "ada@example.com", "security.sign_in.failed", "failed", "Account", "u1", "203.0.113.9", "", ""]);
    expect(parsed[2]![11]).toBe('{"title":"a, \\"b\\""}');
  });

  it.each(["=HYPERLINK(\"http://evil\")", "+1+1", "-2", "@SUM(A1)", "\tx", "\rx"])("neutralises a cell starting a formula: %j", (hostile) => {
    const line = auditCsvLine(row({ personName: hostile, personEmail: hostile, entityId: hostile, ip: hostile, action: hostile }));
    const cells = Papa.parse<string[]>(line.trimEnd(), { newline: "\r\n" }).data[0]!;
    for (const i of [4, 5, 6, 9, 10]) expect(cells[i]).toBe(`'${hostile}`);
  });
});

describe("how a change reads: each kind of value", () => {
  it("numbers, yes/no and empty values as they are; lists as JSON with codes as words, an object by its fields", () => {
    expect(
      describeChange(
        JSON.stringify({ count: 1, on: true, note: null, approaches: ["RAG", "FINE_TUNING"] }),
        JSON.stringify({ count: 2, on: false, note: "x", approaches: { first: "HYBRID" } }),
      ),
    ).toEqual(["count: 1 → 2", "on: true → false", "note: empty → x", 'approaches: ["rag","fine tuning"] (removed)', "approaches.first: hybrid"]);
  });

  it("only a whole code reads as words; a title that contains capitals is left as written", () => {
    expect(describeChange(null, JSON.stringify({ title: "AB test FINAL" }))).toEqual(["title: AB test FINAL"]);
  });

  it.each([
    ["a number", "5", "6", ["value: 5 → 6"]],
    ["a list", null, "[1,2]", ["value: [1,2]"]],
    ["null", "null", '"x"', ["value: empty → x"]],
    ["text that is not JSON", "not json", '{"a":1}', ["a: 1"]],
  ])("a stored value that is %s reads as one value", (_n, before, after, lines) => {
    expect(describeChange(before, after)).toEqual(lines);
  });

  it("cuts a value longer than 80 characters, not one of 80", () => {
    expect(describeChange(null, JSON.stringify({ t: "a".repeat(80) }))).toEqual([`t: ${"a".repeat(80)}`]);
    expect(describeChange(null, JSON.stringify({ t: "a".repeat(81) }))).toEqual([`t: ${"a".repeat(79)}…`]);
  });

  it("six changed fields are all listed, with no 'and 0 more'", () => {
    const after = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`f${i}`, i]));
    expect(describeChange(null, JSON.stringify(after))).toHaveLength(6);
  });

  it.each([
    ["security.sign_in.failed", "Failed sign-in"],
    ["security.sign_in.throttled", "Sign-in refused: too many attempts"],
    ["security.access.not_member", "Refused: not a member of this organization"],
    ["security.access.forbidden", "Refused: the role does not allow it"],
  ])("labels %s", (action, label) => {
    expect(actionLabel(action)).toBe(label);
  });
});
