import { describe, expect, it } from "vitest";
import { applySavedColumns, compactName, doublyMappedFields, pickSavedMapping, suggestColumns } from "./columns";
import { IMPORT_FIELDS, TEMPLATE_HEADERS } from "./index";

describe("suggesting a field for each column", () => {
  it.each([
    ["Use Case Name", "title"],
    ["Title", "title"],
    ["Summary of Use Case", "description"],
    ["Bureau", "businessUnit"],
    ["Agency", "businessUnit"],
    ["Department", "businessUnit"],
    ["Cost Center", "businessUnit"],
    ["Business unit / cost center", "businessUnit"],
    ["Stage of Development", "status"],
    ["Status", "status"],
    ["Owner Email", "ownerEmail"],
    ["Use Case ID", "externalId"],
    ["ID", "externalId"],
    ["Planned start", "startDate"],
    ["start_date", "startDate"],
    ["Horizon (years)", "horizonYears"],
    ["How often the underlying knowledge changes", "changeFrequency"],
    ["Monthly LLM calls", "monthlyCalls"],
    ["monthlyCalls", "monthlyCalls"],
    ["Answers must cite sources", "needsCitations"],
    ["Colour", ""],
  ])("“%s” → %s", (header, field) => {
    expect(suggestColumns([header])[header]).toBe(field);
  });

  it("gives each field one column: our own name first, then the more specific (Bureau over Agency)", () => {
    expect(suggestColumns(["Agency", "Bureau", "Use Case Name", "Title"])).toEqual({ Agency: "", Bureau: "businessUnit", "Use Case Name": "", Title: "title" });
    expect(suggestColumns(["Agency", "Use Case Name"])).toEqual({ Agency: "businessUnit", "Use Case Name": "title" });
  });

  it("maps every column of our own template to its field", () => {
    const columns = suggestColumns(TEMPLATE_HEADERS);
    expect(Object.values(columns)).toEqual(IMPORT_FIELDS.map((f) => f.key));
  });

  it("compares names without case, accents, punctuation or spacing", () => {
    expect(compactName("Business_Unit")).toBe(compactName("business unit"));
    expect(compactName("businessUnit")).toBe("businessunit");
    expect(compactName("Catégorie")).toBe("categorie");
  });
});

describe("saved mappings", () => {
  const federal = { id: "m1", name: "Federal", columns: { "Use Case Name": "title", Bureau: "businessUnit", Agency: "" }, updatedAt: "2026-01-01T00:00:00.000Z" } as const;
  const other = { id: "m2", name: "Other", columns: { Name: "title" }, updatedAt: "2026-02-01T00:00:00.000Z" } as const;

  it("preselects the one whose mapped columns are all in the file (the one mapping the most)", () => {
    expect(pickSavedMapping(["Use Case Name", "Bureau", "Agency", "Notes"], [other, federal])?.id).toBe("m1");
    expect(pickSavedMapping(["use case name", "BUREAU"], [federal])?.id).toBe("m1");
    expect(pickSavedMapping(["Use Case Name"], [federal])).toBeNull();
  });

  it("applies its choices, and suggests for the file's new columns", () => {
    expect(applySavedColumns(["Use Case Name", "Bureau", "Agency", "Status"], federal.columns)).toEqual({
      "Use Case Name": "title",
      Bureau: "businessUnit",
      Agency: "",
      Status: "status",
    });
  });

  it("finds fields mapped from two columns", () => {
    expect(doublyMappedFields({ a: "title", b: "title", c: "", d: "status" })).toEqual(["title"]);
  });
});

describe("a public inventory's columns (issue 15)", () => {
  it("are suggested onto our fields, governance included; the rest stay free to be kept", async () => {
    const { INVENTORY_HEADERS } = await import("../../../tests/helpers/public-inventory");
    const m = suggestColumns(INVENTORY_HEADERS);
    expect(m).toMatchObject({
      "Use Case Name": "title",
      "Bureau / Component": "businessUnit",
      "What is the intended purpose and expected benefits of the AI?": "description",
      "Stage of Development": "status",
      "Is the AI use case high-impact?": "highImpact",
      "Does the AI use case involve personally identifiable information (PII)?": "personalData",
      "Was the AI system developed under contract(s) or in-house?": "sourcing",
      "Vendor Name": "vendor",
      "Use Case Topic Area": "topicArea",
      "Date Initiated": "startDate",
      "Use Case ID": "externalId",
    });
  });
});
