import { describe, expect, it } from "vitest";
import { diffFields, fieldLabel, flattenFields, formatFieldValue, sameValue } from "./use-case-changes";

describe("changes between versions", () => {
  it("records only the changed fields, answers one by one", () => {
    const d = diffFields(
      { title: "A", status: "IDEA", assessment: { maxLagDays: 3, coreNeed: "retrieval", needsCitations: true } },
      { title: "A", status: "LIVE", assessment: { maxLagDays: 7, coreNeed: "retrieval" } },
    );
    expect(d.changed).toEqual(["status", "assessment.maxLagDays", "assessment.needsCitations"]);
    expect(d.before).toEqual({ status: "IDEA", assessment: { maxLagDays: 3, needsCitations: true } });
    expect(d.after).toEqual({ status: "LIVE", assessment: { maxLagDays: 7, needsCitations: null } });
  });
  it("treats key order and unset-vs-null as no change", () => {
    expect(diffFields({ manualEstimate: { low: 1, base: 2, high: 3 }, externalId: null }, { manualEstimate: { high: 3, base: 2, low: 1 } }).changed).toEqual([]);
  });
  it("treats an empty text or object as unset: an import's empty additional fields are no change (“— → —”)", () => {
    expect(diffFields({ additionalFields: null, vendor: null }, { additionalFields: {}, vendor: "" }).changed).toEqual([]);
    expect(diffFields({ additionalFields: {} }, { additionalFields: { Dept: "Claims" } }).changed).toEqual(["additionalFields"]);
  });
  it("flattens and labels for people", () => {
    expect(flattenFields({ title: "x", assessment: { maxLagDays: 3 } })).toEqual({ title: "x", "assessment.maxLagDays": 3 });
    expect(fieldLabel("assessment.maxLagDays")).toBe("Longest acceptable lag (days)");
    expect(fieldLabel("businessUnit")).toBe("Business unit");
  });
  it.each([
    ["assessment.changeFrequency", "weekly", "Weekly"],
    ["assessment.needsCitations", true, "Yes"],
    ["assessment.maxLagDays", 3, "3 days"],
    ["assessment.monthlyCalls", 1000000, "1,000,000 calls a month"],
    // One of anything, in the singular (the demo's code review assistant read "1 days").
    ["assessment.maxLagDays", 1, "1 day"],
    ["assessment.corpusDocuments", 1, "1 document"],
    ["assessment.labeledExamples", 1, "1 example"],
    ["assessment.monthlyCalls", 1, "1 call a month"],
    ["assessment.weeksToProduction", 1, "1 week"],
    ["assessment.latencyBudgetMs", 1, "1 ms"],
    ["assessment.yearlyGrowthPct", 1, "1 % a year"],
    ["assessment.maxLagDays", null, "—"],
    ["status", "LIVE", "Live"],
    ["chosenApproach", "FINE_TUNING", "Fine-tuning"],
    ["ownerId", "u1", "Ada"],
    ["ownerId", "u2", "a former member"],
    ["manualEstimate", { low: 100000, base: 200000, high: 300000 }, "$1,000.00 / $2,000.00 / $3,000.00 a year (low / base / high)"],
    ["title", "Plain", "Plain"],
  ])("%s = %j reads %j", (path, value, text) => {
    expect(formatFieldValue(path, value, { u1: "Ada" })).toBe(text);
  });
});

describe("every kind of value in the history, as read", () => {
  it("a budget or manual estimate changed by cents reads changed, never \"$1,000 → $1,000\"", () => {
    expect([formatFieldValue("yearlyBudget", 1_000_00), formatFieldValue("yearlyBudget", 1_000_40)]).toEqual(["$1,000.00 a year", "$1,000.40 a year"]);
    const estimate = (base: number) => formatFieldValue("manualEstimate", { low: 500_00, base, high: 2_000_00 });
    expect(estimate(1_000_00)).not.toBe(estimate(1_000_40));
    expect(estimate(1_000_40)).toBe("$500.00 / $1,000.40 / $2,000.00 a year (low / base / high)");
  });
  it.each([
    ["assessment.yearlyGrowthPct", 12.5, "12.5 % a year"],
    ["assessment.needsStyleOrFormat", false, "No"],
    ["assessment.coreNeed", "mystery", "mystery"],
    ["assessment.unknownAnswer", 7, "7"],
    ["highImpact", "HIGH_IMPACT", "High-impact"],
    ["personalData", null, "—"],
    ["startDatePrecision", "MONTH", "to the month"],
    ["startDate", "2027-01-10", "10 Jan 2027"],
    ["additionalFields", { Agency: "EPA", Region: "West" }, "Agency: EPA; Region: West"],
    ["additionalFields", {}, "—"],
    ["additionalFields", ["odd"], '["odd"]'],
    ["status", "SOMEDAY", "SOMEDAY"],
    ["decisionState", "TO_REVIEW", "To review: what it was approved on has changed"],
    ["decisionState", "LOST", "LOST"],
    ["yearlyBudget", 1_234_56, "$1,234.56 a year"],
    ["yearlyBudget", "n/a", "n/a"],
    ["proposedApproach", "HYBRID", "Hybrid"],
    ["recommendedApproach", "AGENT", "Agent with tools"],
    ["chosenApproach", "QUANTUM", "QUANTUM"],
    ["ownerId", 42, "42"],
    ["manualEstimate", { low: 1 }, '{"low":1}'],
    ["benefit", { kind: "HOURS", low: 1000, base: 2000, high: 3000 }, "1,000 / 2,000 / 3,000 hours saved a year (low / base / high)"],
    ["benefit", { kind: "REVENUE", low: 10000, base: 20000, high: 30000 }, "$10,000 / $20,000 / $30,000 of revenue a year (low / base / high)"],
    ["benefit", { kind: "HOURS" }, '{"kind":"HOURS"}'],
    ["deletedAt", "2027-03-04T05:06:07.000Z", "Yes (2027-03-04)"],
    ["deletedAt", true, "Yes"],
    ["horizonYears", 5000, "5,000"],
    ["reviewReasons", ["monthlyCalls", "maxLagDays"], '["monthlyCalls","maxLagDays"]'],
    ["title", "", "—"],
  ])("%s = %j reads %j", (path, value, text) => {
    expect(formatFieldValue(path, value)).toBe(text);
  });
  it("labels each field the history can show, and falls back to the path itself", () => {
    expect(["ownerId", "startDatePrecision", "benefit", "decisionState", "yearlyBudget", "reviewReasons", "euRiskTier", "deletedAt"].map(fieldLabel)).toEqual([
      "Owner",
      "Planned start known",
      "Expected yearly benefit",
      "Decision",
      "Yearly budget",
      "What changed",
      "EU AI Act risk tier",
      "Deleted",
    ]);
    expect(fieldLabel("assessment.someNewAnswer")).toBe("someNewAnswer");
    expect(fieldLabel("somethingElse")).toBe("somethingElse");
  });
  it("compares values as data: nested key order, undefined keys and null are no change; arrays keep their order", () => {
    expect(sameValue({ a: { x: 1, y: 2 }, b: undefined }, { a: { y: 2, x: 1 } })).toBe(true);
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: 1 }, { a: "1" })).toBe(false);
    expect(flattenFields(null)).toEqual({});
    expect(flattenFields({ assessment: "odd" })).toEqual({ assessment: "odd" });
    expect(diffFields({ assessment: null as never }, { assessment: { maxLagDays: 3 } })).toEqual({ before: { assessment: { maxLagDays: null } }, after: { assessment: { maxLagDays: 3 } }, changed: ["assessment.maxLagDays"] });
    expect(diffFields({ title: "A" }, {})).toEqual({ before: { title: "A" }, after: { title: null }, changed: ["title"] });
  });
});

describe("the history's labels and values, case by case", () => {
  it("names every field of the form and the workflow as the History tab shows it", () => {
    const paths = ["title", "description", "businessUnit", "status", "startDate", "horizonYears", "manualEstimate", "externalId", "chosenApproach", "decisionNotes", "proposedApproach", "sentBackReason", "comment"];
    expect(paths.map(fieldLabel)).toEqual([
      "Title", "Description", "Business unit", "Status", "Planned start", "Horizon (years)", "Manual yearly estimate", "External id",
      "Chosen approach", "Decision notes", "Proposed approach", "Reason", "Comment",
    ]);
  });
  it.each([
    ["title", undefined, "—"],
    ["assessment.unknownAnswer", "free text", "free text"],
    ["assessment.monthlyCalls", "lots", "lots"],
    ["manualEstimate", { low: 1, base: "2", high: 3 }, '{"base":"2","high":3,"low":1}'],
    ["manualEstimate", { low: 1, base: 2 }, '{"base":2,"low":1}'],
    ["manualEstimate", "odd", '"odd"'],
    ["benefit", { kind: "HOURS", low: 1, base: "2", high: 3 }, '{"base":"2","high":3,"kind":"HOURS","low":1}'],
    ["benefit", { kind: "HOURS", low: 1, base: 2 }, '{"base":2,"kind":"HOURS","low":1}'],
    ["benefit", "odd", '"odd"'],
    ["deletedAt", 1700000000, "1700000000"],
  ])("%s = %j reads %j", (path, value, text) => {
    expect(formatFieldValue(path, value)).toBe(text);
  });
  it("compares arrays of objects by their contents, whatever the key order", () => {
    expect(sameValue([{ a: 1, b: 2 }], [{ b: 2, a: 1 }])).toBe(true);
    expect(sameValue([{ a: 1 }], [{ a: 2 }])).toBe(false);
  });
  it("flattens only the assessment; other objects stay whole", () => {
    expect(flattenFields({ manualEstimate: { low: 1, base: 2, high: 3 }, assessment: { maxLagDays: 3 } })).toEqual({
      manualEstimate: { low: 1, base: 2, high: 3 },
      "assessment.maxLagDays": 3,
    });
  });
  it("an unchanged assessment leaves no trace in the change record", () => {
    expect(diffFields({ title: "A", assessment: { maxLagDays: 3 } }, { title: "B", assessment: { maxLagDays: 3 } })).toEqual({
      before: { title: "A" },
      after: { title: "B" },
      changed: ["title"],
    });
  });
});
