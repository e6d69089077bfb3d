import { describe, expect, it } from "vitest";
import { applySavedColumns, pickSavedMapping, suggestColumns } from "./columns";
import { distinctValues, leadingTokens, resolveValue, suggestValue, valueToken } from "./values";

describe("a long answer read by its leading words", () => {
  it("drops a list code, stops at the first dash, colon, semicolon, full stop, comma or bracket, then tries six words down to one", () => {
    expect(leadingTokens("a) Pre-deployment – The use case is in development")).toEqual(["pre deployment", "pre"]);
    expect(leadingTokens("(b) Yes: the system uses PII")).toEqual(["yes"]);
    expect(leadingTokens("3. In production; since 2021")).toEqual(["in production", "in"]);
    expect(leadingTokens("12) one two three four five six seven, eight")).toEqual(["one two three four five six", "one two three four five", "one two three four", "one two three", "one two", "one"]);
    expect(leadingTokens("abc) Live")).toEqual(["abc live", "abc"]); // three characters are no list code
    expect(leadingTokens("Deployed — since March")).toEqual(["deployed"]);
    expect(leadingTokens("Retired —fully")).toEqual(["retired"]);
    expect(leadingTokens("Well-known (see notes)")).toEqual(["well known", "well"]);
    expect(leadingTokens("")).toEqual([]);
  });
  it("suggests by the whole answer first, then by its leading words", () => {
    expect(suggestValue("stage", "a) Pre-deployment – The use case is in development")).toBe("PRE_DEPLOYMENT");
    expect(suggestValue("personalData", "Yes – the system uses PII")).toBe("yes");
    expect(suggestValue("status", "Operation and Maintenance")).toBe("LIVE");
    expect(suggestValue("status", "Something we never heard of")).toBeUndefined();
  });
  it("never reads a phrase opening with “no” as the answer no: an unknown stays to be mapped", () => {
    for (const raw of ["No information", "No answer", "No data available", "No response"]) expect(suggestValue("personalData", raw), raw).toBeUndefined();
    expect(suggestValue("highImpact", "No determination yet")).toBeUndefined();
    expect(suggestValue("needsCitations", "No information provided")).toBeUndefined();
    // "No" alone, or before a dash, colon or comma, is still no.
    for (const raw of ["No", "No – the system uses no PII", "No: internal data only"]) expect(suggestValue("personalData", raw), raw).toBe("no");
    expect(suggestValue("highImpact", "No")).toBe("NOT_HIGH_IMPACT");
  });
  it("compares values without case, accents or punctuation, and keeps punctuation-only values as they are", () => {
    expect(valueToken("  Pré-Deployment ")).toBe("pre deployment");
    expect(valueToken(" ?? ")).toBe("??");
  });
});

describe("the value a cell gives a field", () => {
  it("empty is null; a value chosen in the mapping wins over the suggestion; leave empty is null", () => {
    expect(resolveValue("status", "   ", undefined)).toEqual({ ok: true, value: null });
    expect(resolveValue("status", "Pilot", undefined)).toEqual({ ok: true, value: "BUILDING" });
    expect(resolveValue("status", "Pilot", { status: { pilot: "APPROVED" } })).toEqual({ ok: true, value: "APPROVED" });
    expect(resolveValue("status", "Pilot", { status: { pilot: "" } })).toEqual({ ok: true, value: null });
    expect(resolveValue("status", "TBD", undefined)).toEqual({ ok: true, value: null });
  });
  it("a value neither chosen nor recognised is refused, named (cut at 60 characters), with the values it could be", () => {
    expect(resolveValue("euRiskTier", "Moderate", undefined)).toEqual({
      ok: false,
      message: "“Moderate” is not a value of EU AI Act risk tier. Map it to one of PROHIBITED, HIGH, LIMITED, MINIMAL (or to “leave empty”) in the value mapping.",
    });
    const long = `Moderate ${"x".repeat(60)}`;
    const r = resolveValue("euRiskTier", `  ${long}  `, undefined);
    expect(!r.ok && r.message.startsWith(`“${long.slice(0, 60)}…” is not a value of`)).toBe(true);
    const sixty = "y".repeat(60);
    const r60 = resolveValue("euRiskTier", sixty, undefined);
    expect(!r60.ok && r60.message.startsWith(`“${sixty}” is not`)).toBe(true);
  });
  it("a chosen value the field does not take is refused; the mapping's own keys only (a cell called constructor is just a word)", () => {
    expect(resolveValue("status", "Pilot", { status: { pilot: "PILOT" } })).toEqual({ ok: false, message: "“PILOT” is not one of IDEA, ASSESSING, APPROVED, BUILDING, LIVE, RETIRED, UNKNOWN." });
    expect(resolveValue("status", "constructor", {}).ok).toBe(false);
    expect(resolveValue("status", "constructor", { status: {} }).ok).toBe(false);
  });
});

describe("a column's distinct values, for the value mapping", () => {
  it("most frequent first, then alphabetically; each with its first spelling (trimmed), its count and what it maps to now", () => {
    const cells = ["Pilot", " pilot ", "Live", "", "Moderate", "PILOT", "Live", "Beta", "  "];
    expect(distinctValues("status", cells, { status: { beta: "IDEA" } })).toEqual({
      values: [
        { token: "pilot", example: "Pilot", count: 3, mapped: "BUILDING" },
        { token: "live", example: "Live", count: 2, mapped: "LIVE" },
        { token: "beta", example: "Beta", count: 1, mapped: "IDEA" },
        { token: "moderate", example: "Moderate", count: 1, mapped: undefined },
      ],
      more: 0,
    });
    expect(distinctValues("status", cells, undefined, 2)).toMatchObject({ values: [{ token: "pilot" }, { token: "live" }], more: 2 });
  });
});

describe("columns from a saved mapping", () => {
  const saved = (id: string, columns: Record<string, string>, updatedAt: string) => ({ id, name: id, columns: columns as never, updatedAt });

  it("picks the saved mapping whose every mapped column is in the file: the one mapping most, then the newest", () => {
    const headers = ["Use Case Name", "Bureau", "Stage"];
    const a = saved("a", { "use case name": "title" }, "2026-01-01");
    const b = saved("b", { "Use Case Name": "title", Bureau: "businessUnit" }, "2026-01-01");
    const c = saved("c", { "Use Case Name": "title", Bureau: "businessUnit", Missing: "status" }, "2026-06-01");
    const d = saved("d", { "USE CASE NAME": "title", bureau: "businessUnit", Other: "" }, "2026-02-01");
    expect(pickSavedMapping(headers, [a, b, c])?.id).toBe("b");
    expect(pickSavedMapping(headers, [a, b, d])?.id).toBe("d");
    expect(pickSavedMapping(headers, [d, b])?.id).toBe("d");
    expect(pickSavedMapping(headers, [saved("e", { X: "" }, "2027-01-01")])).toBeNull();
    expect(pickSavedMapping(headers, [])).toBeNull();
  });

  it("takes the saved choices (matched by name, each field once) and suggests the rest for fields still free", () => {
    const headers = ["Name", "BUREAU", "Title", "Business Unit", "Notes"];
    expect(applySavedColumns(headers, { name: "title", bureau: "businessUnit", notes: "" })).toEqual({ Name: "title", BUREAU: "businessUnit", Title: "", "Business Unit": "", Notes: "" });
    // A saved mapping that maps two of the file's columns to one field keeps the first.
    expect(applySavedColumns(["A", "B"], { A: "title", B: "title" })).toEqual({ A: "title", B: "" });
    expect(applySavedColumns(["Use Case Name", "Status"], {})).toEqual(suggestColumns(["Use Case Name", "Status"]));
  });

  it("ranks names: a field's own key beats a synonym of another, and of two columns for one field the earlier wins at the same rank", () => {
    expect(suggestColumns(["Project", "Title"])).toEqual({ Project: "", Title: "title" });
    expect(suggestColumns(["Summary", "Description"])).toEqual({ Summary: "", Description: "description" });
    expect(suggestColumns(["Vendor", "Supplier"])).toEqual({ Vendor: "vendor", Supplier: "" });
    expect(suggestColumns(["Supplier", "Provider"])).toEqual({ Supplier: "vendor", Provider: "" });
    // An answer's label is one of its names.
    expect(suggestColumns(["Longest acceptable lag (days)"])).toEqual({ "Longest acceptable lag (days)": "maxLagDays" });
  });
});
