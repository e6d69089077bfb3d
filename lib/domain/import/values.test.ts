import { describe, expect, it } from "vitest";
import { distinctValues, resolveValue, suggestValue, valueToken } from "./values";

describe("mapping the file's values onto ours", () => {
  it.each([
    ["Pre-deployment", "ASSESSING"],
    ["pre deployment", "ASSESSING"],
    ["Pilot", "BUILDING"],
    ["Acquisition and/or Development", "BUILDING"],
    ["Implementation and Assessment", "BUILDING"],
    ["Deployed", "LIVE"],
    ["In production", "LIVE"],
    ["Operation and Maintenance", "LIVE"],
    ["Retired", "RETIRED"],
    ["Initiated", "IDEA"],
    ["live", "LIVE"],
    ["APPROVED", "APPROVED"],
  ])("status “%s” → %s", (raw, value) => {
    expect(suggestValue("status", raw)).toBe(value);
  });

  it.each([
    ["Y", true],
    ["Yes", true],
    ["TRUE", true],
    ["1", true],
    ["x", true],
    ["N", false],
    ["no", false],
    ["False", false],
    ["0", false],
  ])("yes/no “%s” → %s", (raw, yes) => {
    expect(resolveValue("needsCitations", raw, {})).toEqual({ ok: true, value: yes ? "yes" : "no" });
  });

  it.each([
    ["changeFrequency", "Real time", "realtime"],
    ["changeFrequency", "Never (static)", "static"],
    ["changeFrequency", "yearly", "annually"],
    ["coreNeed", "Current information retrieval", "retrieval"],
    ["promptedBaselineMeetsBar", "Not tested yet", "untested"],
    ["promptedBaselineMeetsBar", "Y", "yes"],
  ] as const)("%s “%s” → %s", (field, raw, value) => {
    expect(suggestValue(field, raw)).toBe(value);
  });

  it("suggests leaving “not known” spellings empty, and says so rather than inventing a value", () => {
    expect(suggestValue("needsCitations", "N/A")).toBe("");
    expect(resolveValue("needsCitations", "N/A", {})).toEqual({ ok: true, value: null });
  });

  it("reports a value it does not know, naming the allowed ones", () => {
    const r = resolveValue("status", "Sunsetting", {});
    expect(r).toEqual({ ok: false, message: "“Sunsetting” is not a value of Status. Map it to one of IDEA, ASSESSING, APPROVED, BUILDING, LIVE, RETIRED, UNKNOWN (or to “leave empty”) in the value mapping." });
  });

  it("takes the person's mapping over the suggestion, whatever the spelling", () => {
    const values = { status: { [valueToken("Sunsetting")]: "RETIRED", pilot: "ASSESSING", retired: "" } };
    expect(resolveValue("status", "SUNSETTING ", values)).toEqual({ ok: true, value: "RETIRED" });
    expect(resolveValue("status", "Pilot", values)).toEqual({ ok: true, value: "ASSESSING" });
    expect(resolveValue("status", "Retired", values)).toEqual({ ok: true, value: null });
    expect(resolveValue("status", "", values)).toEqual({ ok: true, value: null });
  });

  it("lists a column's distinct values, most frequent first, with what each maps to", () => {
    const { values, more } = distinctValues("status", ["Pilot", "pilot", "Deployed", "", "Sunsetting", "Pilot"], {});
    expect(values).toEqual([
      { token: "pilot", example: "Pilot", count: 3, mapped: "BUILDING" },
      { token: "deployed", example: "Deployed", count: 1, mapped: "LIVE" },
      { token: "sunsetting", example: "Sunsetting", count: 1, mapped: undefined },
    ]);
    expect(more).toBe(0);
  });
});

describe("long answers as public inventories write them", () => {
  it.each([
    ["a) Pre-deployment – The use case is in development or acquisition, or not yet deployed.", "ASSESSING"],
    ["b) Pilot – The use case is being piloted with a limited set of users.", "BUILDING"],
    ["(c) Deployed: in production and used in operations", "LIVE"],
    ["d. Retired. The use case is no longer in use.", "RETIRED"],
    ["Operation and Maintenance", "LIVE"],
  ])("%s → %s", (raw, value) => {
    expect(resolveValue("status", raw, {})).toEqual({ ok: true, value });
  });

  it("reads a long yes/no answer by its first word, and still refuses what it does not recognise", () => {
    expect(resolveValue("needsCitations", "Yes – every answer must cite its source", {})).toEqual({ ok: true, value: "yes" });
    expect(resolveValue("status", "e) Something else entirely", {})).toMatchObject({ ok: false });
  });
});
