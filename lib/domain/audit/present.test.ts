import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { actionLabel, AUDIT_CSV_HEADER, auditCsvHeader, auditCsvLine, describeChange, type AuditRow } from "./present";

const row = (over: Partial<AuditRow> = {}): AuditRow => ({
  source: "security", id: "e1", at: "2026-12-03T10:00:00.000Z", lastAt: "2026-12-03T10:04:00.000Z", count: 3,
  personId: "u1", personName: "Ada", personEmail: "ada@example.com", action: "security.sign_in.failed", outcome: "failed",
  entity: "Account", entityId: "u1", ip: "203.0.113.9", before: null, after: null, ...over,
});

describe("how a change reads", () => {
  it("names each changed field in words, old to new, with codes as words", () => {
    expect(describeChange(JSON.stringify({ role: "LEAD", name: "A" }), JSON.stringify({ role: "FINANCE", name: "A" }))).toEqual(["Role: lead → finance"]);
    // A member's role change names the member (the email, the same on both sides).
    expect(describeChange(JSON.stringify({ userId: "u1", email: "ann@x.test", role: "EXECUTIVE" }), JSON.stringify({ userId: "u1", email: "ann@x.test", role: "FINANCE" }))).toEqual(["Of ann@x.test", "Role: executive → finance"]);
    // A use case's fields read as its History tab reads them.
    expect(describeChange(null, JSON.stringify({ title: "New", chosenApproach: "FINE_TUNING" }))).toEqual(["Title: New", "Chosen approach: Fine-tuning"]);
    expect(describeChange(JSON.stringify({ email: "x@y" }), null)).toEqual(["Email: x@y (removed)"]);
    // An instant reads as the page's Time column does, not as ISO text.
    expect(describeChange(null, JSON.stringify({ at: "2026-12-06T02:30:07.395Z", method: "credentials" }))).toEqual(["At: 6 Dec 2026, 02:30:07 UTC", "Method: credentials"]);
    expect(describeChange(null, JSON.stringify({ note: "2026-12-06T02:30:07Z is when" }))).toEqual(["Note: 2026-12-06T02:30:07Z is when"]);
    expect(describeChange(JSON.stringify({ twoFactorPolicy: "off" }), JSON.stringify({ twoFactorPolicy: "admins" }))).toEqual(["Two-factor sign-in: Not required → Required of admins"]);
  });

  it("says an object's fields one by one, not as JSON cut short", () => {
    // An assessment answer is named by its question, with its unit.
    expect(describeChange(JSON.stringify({ assessment: { maxLagDays: 14 }, version: 2 }), JSON.stringify({ assessment: { maxLagDays: 30 }, version: 3 }))).toEqual([
      "Longest acceptable lag (days): 14 days → 30 days",
      "Version: 2 → 3",
    ]);
    expect(describeChange(null, JSON.stringify({ assessment: { coreNeed: "retrieval", monthlyCalls: 20000 } }))).toEqual(["Core need: Current information retrieval", "Monthly LLM calls now: 20,000 calls a month"]);
    // Another object's keys are named under it.
    expect(describeChange(JSON.stringify({ catalogue: { version: "1.0" } }), JSON.stringify({ catalogue: { version: "1.1" } }))).toEqual(["Catalogue › version: 1.0 → 1.1"]);
    // A list is a value of its own; an empty object or list in a new record is nothing to say.
    expect(describeChange(null, JSON.stringify({ additionalFields: {}, riskFlags: ["NO_EVALUATION_SET"], tags: [] }))).toEqual(['Risk flags: ["no evaluation set"]']);
  });

  it("keeps the list short", () => {
    const after = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`f${i}`, i]));
    const lines = describeChange(null, JSON.stringify(after));
    expect(lines).toHaveLength(7);
    expect(lines.at(-1)).toBe("and 3 more");
  });

  it("labels the security actions in words", () => {
    expect(actionLabel("security.access.not_member")).toBe("Refused: not a member of this organization");
    // Any other action's code in words, its subject first.
    expect(actionLabel("use_case.updated")).toBe("Use case: updated");
    expect(actionLabel("membership.role_changed")).toBe("Membership: role changed");
    expect(actionLabel("security.sign_in.other")).toBe("Security: sign in other");
    expect(actionLabel("not a code")).toBe("not a code");
    expect(actionLabel("constructor")).toBe("constructor");
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
  it("numbers and yes/no as they are, an empty value set; lists as JSON with codes as words, an object by its fields", () => {
    expect(
      describeChange(
        JSON.stringify({ count: 1, on: true, note: null, approaches: ["RAG", "FINE_TUNING"] }),
        JSON.stringify({ count: 2, on: false, note: "x", approaches: { first: "HYBRID" } }),
      ),
    ).toEqual(["Count: 1 → 2", "On: true → false", "Note: set to x", 'Approaches: ["rag","fine tuning"] (removed)', "Approaches › first: hybrid"]);
  });

  it("only a whole code reads as words; a title that contains capitals is left as written", () => {
    expect(describeChange(null, JSON.stringify({ title: "AB test FINAL" }))).toEqual(["Title: AB test FINAL"]);
  });

  it.each([
    ["a number", "5", "6", ["Value: 5 → 6"]],
    ["a list", null, "[1,2]", ["Value: [1,2]"]],
    ["null", "null", '"x"', ["Value: set to x"]],
    ["text that is not JSON", "not json", '{"a":1}', ["A: 1"]],
  ])("a stored value that is %s reads as one value", (_n, before, after, lines) => {
    expect(describeChange(before, after)).toEqual(lines);
  });

  it("cuts a value longer than 80 characters, not one of 80", () => {
    expect(describeChange(null, JSON.stringify({ t: "a".repeat(80) }))).toEqual([`T: ${"a".repeat(80)}`]);
    expect(describeChange(null, JSON.stringify({ t: "a".repeat(81) }))).toEqual([`T: ${"a".repeat(79)}…`]);
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

describe("how a change reads: money, and what was set or removed", () => {
  it("writes every amount in dollars to the cent, never raw cents", () => {
    // An actuals import: each month's spend and its total, stored as strings of cents.
    expect(describeChange(null, JSON.stringify({ months: { "2026-01": "211860", "2026-02": "1086879" }, totalCents: "1298739" }))).toEqual([
      "Spend in January 2026: $2,118.60",
      "Spend in February 2026: $10,868.79",
      "Total: $12,987.39",
    ]);
    // A business unit's budget, as typed.
    expect(describeChange(null, JSON.stringify({ businessUnit: "Customer Service", year: 2027, amountCents: 180000000 }))).toEqual([
      "Business unit: Customer Service",
      "Year: 2027",
      "Budget: $1,800,000.00",
    ]);
    expect(describeChange(JSON.stringify({ amountCents: 100000 }), JSON.stringify({ amountCents: 100030 }))).toEqual(["Budget: $1,000.00 → $1,000.30"]);
    // A decision's yearly budget, and the organization's hourly value rate.
    expect(describeChange(JSON.stringify({ decisionState: "APPROVED" }), JSON.stringify({ decisionState: "BUDGET_APPROVED", yearlyBudget: 14059391 }))).toContain("Yearly budget: $140,593.91 a year");
    expect(describeChange(JSON.stringify({ valueHourlyRateCents: 5000 }), JSON.stringify({ valueHourlyRateCents: 8550 }))).toEqual(["Hourly value rate: $50.00 an hour → $85.50 an hour"]);
    // What an assumptions save moved, recorded once its use cases are re-priced.
    expect(
      describeChange(
        JSON.stringify({ version: 1, asChosenLifecycleCents: 1_790_000_000, costedUseCases: 12 }),
        JSON.stringify({ version: 2, asChosenLifecycleCents: 2_010_000_050, costedUseCases: 12, movedUseCases: 9 }),
      ),
    ).toEqual(["Version: 1 → 2", "Lifecycle total as chosen: $17,900,000.00 → $20,100,000.50", "Use cases whose lifecycle cost moved: 9"]);
    // A manual estimate, low / base / high.
    expect(describeChange(JSON.stringify({ manualEstimate: null }), JSON.stringify({ manualEstimate: { low: 100000, base: 250050, high: 500000 } }))).toEqual([
      "Manual yearly estimate: set to $1,000.00 / $2,500.50 / $5,000.00 a year (low / base / high)",
    ]);
  });

  it("a benefit set for the first time reads as set, in one line, not as removed", () => {
    expect(describeChange(JSON.stringify({ benefit: null }), JSON.stringify({ benefit: { low: 6000, base: 9000, high: 14000, kind: "HOURS" } }))).toEqual([
      "Expected yearly benefit: set to 6,000 / 9,000 / 14,000 hours saved a year (low / base / high)",
    ]);
    expect(describeChange(JSON.stringify({ benefit: { low: 1000, base: 2000, high: 3000, kind: "REVENUE" } }), JSON.stringify({ benefit: null }))).toEqual([
      "Expected yearly benefit: $1,000 / $2,000 / $3,000 of revenue a year (low / base / high) (removed)",
    ]);
    expect(describeChange(JSON.stringify({ valueHourlyRateCents: null }), JSON.stringify({ valueHourlyRateCents: 8500 }))).toEqual(["Hourly value rate: set to $85.00 an hour"]);
  });

  it("a field going from nothing to something is set; from something to nothing, removed", () => {
    expect(describeChange(JSON.stringify({ decisionNotes: "", chosenApproach: null }), JSON.stringify({ decisionNotes: "RAG over the guide", chosenApproach: "RAG" }))).toEqual([
      "Decision notes: set to RAG over the guide",
      "Chosen approach: set to RAG",
    ]);
    expect(describeChange(JSON.stringify({ decisionNotes: "Why", chosenApproach: "RAG" }), JSON.stringify({ decisionNotes: "", chosenApproach: null }))).toEqual([
      "Decision notes: Why (removed)",
      "Chosen approach: RAG (removed)",
    ]);
    // An object where there was nothing: each of its keys is set.
    expect(describeChange(JSON.stringify({ catalogue: null }), JSON.stringify({ catalogue: { version: "1.0" } }))).toEqual(["Catalogue › version: set to 1.0"]);
    // A key an object inherits is a field like any other.
    expect(describeChange(null, JSON.stringify({ constructor: "x", twoFactorPolicy: "toString", hasOwnProperty: { a: 1 } }))).toEqual(["Constructor: x", "Two-factor sign-in: toString", "Has own property › a: 1"]);
    // Nothing to nothing is no change.
    expect(describeChange(JSON.stringify({ note: null }), JSON.stringify({ note: "" }))).toEqual([]);
  });
});

describe("how a change reads: owners, assumption figures and shares", () => {
  it("names a use case's owner as the member they are, and someone no longer in the organization as a former member", () => {
    const names = { u1: "Ada Lovelace", u2: "grace@example.com" };
    expect(describeChange(JSON.stringify({ ownerId: "u1" }), JSON.stringify({ ownerId: "u2" }), names)).toEqual(["Owner: Ada Lovelace → grace@example.com"]);
    expect(describeChange(null, JSON.stringify({ title: "Claims triage", ownerId: "u9" }), names)).toEqual(["Title: Claims triage", "Owner: a former member"]);
    // Without the page's names, an id is never shown as it is.
    expect(describeChange(null, JSON.stringify({ ownerId: "cmxc5pr3c0007o77dbzv50mji" }))).toEqual(["Owner: a former member"]);
  });

  it("says an assumption figure by its catalogue label, its three values in its unit", () => {
    const price = { low: 3, base: 3, high: 3 };
    expect(
      describeChange(
        JSON.stringify({ version: 1, values: { modelInputPricePerMTokens: { low: null, base: null, high: null }, engineerRate: { low: 150, base: 200, high: 250 } } }),
        JSON.stringify({ version: 2, values: { modelInputPricePerMTokens: price, engineerRate: { low: 150, base: 210.5, high: 250 } }, note: "Negotiated price" }),
      ),
    ).toEqual([
      "Version: 1 → 2",
      "Model price, input (by hand): missing → $3.00 / $3.00 / $3.00 per million tokens (low / base / high)",
      "ML engineer rate: $150.00 / $200.00 / $250.00 an hour (low / base / high) → $150.00 / $210.50 / $250.00 an hour (low / base / high)",
      "Note: Negotiated price",
    ]);
    expect(describeChange(JSON.stringify({ values: { loraComputeSavingPct: { low: 60, base: 70, high: 80 }, ftUpkeepHoursPerWeek: { low: 2, base: 4, high: 8 } } }), JSON.stringify({ values: { loraComputeSavingPct: { low: 50, base: 70, high: 80 }, ftUpkeepHoursPerWeek: { low: 2, base: 4, high: 6 } } }))).toEqual([
      "LoRA compute saving against a full fine-tune: 60% / 70% / 80% (low / base / high) → 50% / 70% / 80% (low / base / high)",
      "Fine-tuned model upkeep (versions, new base models): 2 / 4 / 8 hours a week (low / base / high) → 2 / 4 / 6 hours a week (low / base / high)",
    ]);
    // A use case's own figures (its cost overrides) read the same way, under their name.
    expect(describeChange(JSON.stringify({ overrides: {} }), JSON.stringify({ overrides: { ftFullComputeUsd: { low: 5000, base: 20000, high: 50000 }, inputTokensPerCall: { low: 800, base: 1200, high: 2000 } } }))).toEqual([
      "Cost overrides › Training compute, full fine-tune of a 7B model: $5,000.00 / $20,000.00 / $50,000.00 (low / base / high)",
      "Cost overrides › Input tokens per call (prompt and context): 800 / 1,200 / 2,000 tokens (low / base / high)",
    ]);
  });

  it("says a rule's share as a percent, not in basis points", () => {
    expect(describeChange(null, JSON.stringify({ field: "SERVICE", value: "bedrock", useCase: "Claims triage", shareBp: 1250 }))).toEqual(["Field: service", "Value: bedrock", "Use case: Claims triage", "Share: 12.5%"]);
    expect(describeChange(JSON.stringify({ shareBp: 10000 }), JSON.stringify({ shareBp: 3333 }))).toEqual(["Share: 100% → 33.33%"]);
  });
});
