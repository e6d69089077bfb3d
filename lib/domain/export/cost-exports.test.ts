import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { EMPTY_FILTER, type PortfolioFilter } from "../portfolio/filter";
import {
  BU_COLUMNS, businessUnitHeader, businessUnitNote, createBusinessUnitFormatter, createDetailFormatter, DETAIL_COLUMNS, detailHeader,
  detailNote, exportUrl, NOTE_ACTUAL_ONLY, NOTE_OPEN_MONTH, notCostedExportSentence, type DetailRow, type ExportKind,
} from "./cost-exports";

const row = (over: Partial<DetailRow> = {}): DetailRow => ({
  useCaseId: "uc1", title: "Claims triage", businessUnit: "Support", owner: "lee@example.com", status: "LIVE",
  recommended: "RAG", chosen: null, approach: "RAG", calendarYear: 2027, lifecycleYear: 1, category: "INFERENCE",
  low: "98765", base: "123456", high: "154320", assumptionVersion: 3, manual: false,
  highImpact: null, personalData: null, sourcing: null, vendor: "", stage: null, topicArea: "", euRiskTier: null, additionalFields: "{}", ...over,
});

const parse = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, newline: "\r\n", skipEmptyLines: true }).data;

describe("the detail rows", () => {
  it("write every column, money as plain decimals", () => {
    const f = createDetailFormatter({ organization: "Acme" });
    const [r] = parse(detailHeader() + f(row()));
    expect(r).toEqual({
      organization: "Acme", use_case_id: "uc1", title: "Claims triage", business_unit: "Support", owner: "lee@example.com", status: "LIVE",
      recommended_approach: "RAG", chosen_approach: "", approach: "RAG", as_chosen: "yes", calendar_year: "2027", lifecycle_year: "1",
      category: "INFERENCE", low: "987.65", base: "1234.56", high: "1543.20", currency: "USD", assumption_version: "3", note: "",
      status_label: "Live", recommended_label: "RAG", chosen_label: "", approach_label: "RAG", category_label: "Inference",
      high_impact: "", personal_data: "", sourcing: "", vendor: "", stage: "", topic_area: "", eu_risk_tier: "", additional_fields: "",
      yearly_benefit_low: "", yearly_benefit_base: "", yearly_benefit_high: "", benefit_kind: "",
      actual: "", actual_through: "", actual_open_month: "",
    });
    expect(Object.keys(r!)).toEqual([...DETAIL_COLUMNS]);
    // Actual spend placed on the row, and the last month compared.
    const [withActual] = parse(detailHeader() + f({ ...row(), actual: "12345", actualThrough: "2027-03", actualOpen: "0" }));
    expect(withActual).toMatchObject({ actual: "123.45", actual_through: "2027-03", actual_open_month: "0.00", note: "" });
    // Bills of a month not over yet: in their own column, not in actual, and said in the note.
    const [withOpen] = parse(detailHeader() + f({ ...row({ manual: true }), actual: "12345", actualThrough: "2027-03", actualOpen: "4000" }));
    expect(withOpen).toMatchObject({ actual: "123.45", actual_open_month: "40.00", note: `manual estimate; ${NOTE_OPEN_MONTH}` });
  });

  it("write the governance fields and the additional fields kept from an import (issue 15)", () => {
    const f = createDetailFormatter({ organization: "Acme" });
    const [r] = parse(
      detailHeader() +
        f(row({ highImpact: "HIGH_IMPACT", personalData: true, sourcing: "BOUGHT", vendor: "=Acme AI", stage: "PILOT", topicArea: "Health", euRiskTier: "HIGH", additionalFields: '{"Bureau": "FDA"}' })),
    );
    expect(r).toMatchObject({ high_impact: "HIGH_IMPACT", personal_data: "yes", sourcing: "BOUGHT", vendor: "'=Acme AI", stage: "PILOT", topic_area: "Health", eu_risk_tier: "HIGH", additional_fields: '{"Bureau": "FDA"}' });
  });

  it.each([
    [{ low: null, base: null, high: null }, "missing figure"],
    [{ base: null }, "missing figure"],
    [{ manual: true }, "manual estimate"],
    [{ manual: true, high: null }, "missing figure; manual estimate"],
    [{}, ""],
  ] as [Partial<DetailRow>, string][])("the note for %j is %j", (over, note) => expect(detailNote(row(over))).toBe(note));

  it("write an actual-only row (spend with no cost row to carry it): no projection, no missing figure, as chosen even with no approach", () => {
    const f = createDetailFormatter({ organization: "Acme" });
    const text = detailHeader()
      + f(row({ recommended: null, approach: null, lifecycleYear: null, category: "INFERENCE", low: null, base: null, high: null, assumptionVersion: null, actual: "2500", actualThrough: "2026-02", actualOnly: true }))
      + f(row({ title: null as unknown as string, recommended: null, approach: null, lifecycleYear: null, category: "MANUAL_ESTIMATE", low: null, base: null, high: null, assumptionVersion: null, actual: "-150", actualOnly: true }));
    const [r, second] = parse(text);
    expect(r).toMatchObject({
      title: "Claims triage", approach: "", approach_label: "", as_chosen: "yes", calendar_year: "2027", lifecycle_year: "", category: "INFERENCE",
      low: "", base: "", high: "", assumption_version: "", note: NOTE_ACTUAL_ONLY, actual: "25.00", actual_through: "2026-02",
    });
    // The use case's cells are read from its first row only.
    expect(second).toMatchObject({ title: "Claims triage", approach: "", as_chosen: "yes", category: "MANUAL_ESTIMATE", category_label: "Manual estimate", note: NOTE_ACTUAL_ONLY, actual: "-1.50" });
    // With an approach as chosen, the row is that approach's, as chosen.
    const [withApproach] = parse(detailHeader() + createDetailFormatter({ organization: "Acme" })(row({ lifecycleYear: null, low: null, base: null, high: null, actual: "100", actualOnly: true })));
    expect(withApproach).toMatchObject({ approach: "RAG", as_chosen: "yes", lifecycle_year: "", note: NOTE_ACTUAL_ONLY });
  });

  it("carries the labels people read beside the codes", () => {
    const f = createDetailFormatter({ organization: "Acme" });
    const [r] = parse(detailHeader() + f(row({ status: "BUILDING", recommended: "FINE_TUNING", chosen: "AGENT", approach: "FEEDBACK_LEARNING", category: "FT_HOSTING" })));
    expect([r!.status, r!.status_label, r!.recommended_approach, r!.recommended_label, r!.chosen_label]).toEqual(["BUILDING", "Building", "FINE_TUNING", "Fine-tuning", "Agent with tools"]);
    expect([r!.approach, r!.approach_label, r!.category, r!.category_label]).toEqual(["FEEDBACK_LEARNING", "Feedback learning", "FT_HOSTING", "Fine-tuned model hosting"]);
  });

  it("a missing figure is an empty cell with a note, never 0", () => {
    const f = createDetailFormatter({ organization: "Acme" });
    const [r] = parse(detailHeader() + f(row({ low: null, base: null, high: null })));
    expect([r!.low, r!.base, r!.high, r!.note]).toEqual(["", "", "", "missing figure"]);
  });

  it("marks the rows that count as chosen: the decision, else the recommendation", () => {
    const f = createDetailFormatter({ organization: "Acme" });
    const rows = parse(detailHeader() + f(row({ useCaseId: "a", chosen: "FINE_TUNING", approach: "RAG" })) + f(row({ useCaseId: "a", chosen: "FINE_TUNING", approach: "FINE_TUNING" })) + f(row({ useCaseId: "b", approach: "RAG" })));
    expect(rows.map((r) => r.as_chosen)).toEqual(["no", "yes", "yes"]);
  });

  it("neutralises hostile text in every free-text column, and round-trips it", () => {
    const f = createDetailFormatter({ organization: "=Org" });
    const [r] = parse(detailHeader() + f(row({ title: '=HYPERLINK("http://x"),\r\n"2"', businessUnit: "+Sales", owner: "@me" })));
    expect(r!.organization).toBe("'=Org");
    expect(r!.title).toBe(`'=HYPERLINK("http://x"),\r\n"2"`);
    expect(r!.business_unit).toBe("'+Sales");
    expect(r!.owner).toBe("'@me");
  });
});

describe("the business-unit rows", () => {
  it("write every column", () => {
    const f = createBusinessUnitFormatter({ organization: "Acme" });
    const [r] = parse(businessUnitHeader() + f({ businessUnit: "-Ops", calendarYear: "2028", scenario: "as chosen", approach: "HYBRID", low: "0", base: "1000000000", high: "5", useCases: "4", incompleteUseCases: "1", manual: true, highImpactUseCases: "2", personalDataUseCases: "0" }));
    expect(r).toEqual({
      organization: "Acme", business_unit: "'-Ops", calendar_year: "2028", scenario: "as chosen", approach: "HYBRID", low: "0.00", base: "10000000.00",
      high: "0.05", currency: "USD", use_cases: "4", incomplete_use_cases: "1", note: "missing figures left out; includes manual estimates",
      approach_label: "Hybrid",
      high_impact_use_cases: "2", personal_data_use_cases: "0",
      benefit_low: "", benefit_base: "", benefit_high: "", valued_use_cases: "0",
      actual: "", metered_base_to_date: "", variance_to_date: "", actual_through: "", actual_open_month: "",
    });
    expect(Object.keys(r!)).toEqual([...BU_COLUMNS]);
    // As chosen, with actuals: the variance is actual minus the metered base to date, to the cent.
    const [withActual] = parse(businessUnitHeader() + f({ businessUnit: "Ops", calendarYear: "2027", scenario: "as chosen", approach: "RAG", low: "0", base: "0", high: "0", useCases: "1", incompleteUseCases: "0", manual: false, highImpactUseCases: "0", personalDataUseCases: "0", actual: "37402", meteredBaseToDate: "50000", actualThrough: "2027-02" }));
    expect(withActual).toMatchObject({ actual: "374.02", metered_base_to_date: "500.00", variance_to_date: "-125.98", actual_through: "2027-02", actual_open_month: "0.00" });
    // A month not over yet: its bills in actual_open_month, in no figure compared, said in the note.
    const [withOpen] = parse(businessUnitHeader() + f({ businessUnit: "Ops", calendarYear: "2027", scenario: "as chosen", approach: "RAG", low: "0", base: "0", high: "0", useCases: "1", incompleteUseCases: "0", manual: false, highImpactUseCases: "0", personalDataUseCases: "0", actual: "37402", meteredBaseToDate: "50000", actualThrough: "2027-02", actualOpen: "1234" }));
    expect(withOpen).toMatchObject({ actual: "374.02", variance_to_date: "-125.98", actual_open_month: "12.34", note: NOTE_OPEN_MONTH });
  });

  it.each([[0, false, ""], ["2", false, "missing figures left out"], [0, true, "includes manual estimates"]] as const)("note for %s incomplete, manual %s: %j", (incompleteUseCases, manual, note) => {
    expect(businessUnitNote({ incompleteUseCases, manual })).toBe(note);
  });

  it("write an as-chosen row of actual spend with no projection (use cases with no approach): sums 0, said in the note", () => {
    const f = createBusinessUnitFormatter({ organization: "Acme" });
    const [r] = parse(businessUnitHeader() + f({ businessUnit: "Sales", calendarYear: "2026", scenario: "as chosen", approach: null, low: "0", base: "0", high: "0", useCases: "0", actualOnlyUseCases: "1", incompleteUseCases: "0", manual: false, highImpactUseCases: "0", personalDataUseCases: "0", actual: "2500", meteredBaseToDate: "0", comparedActual: "0", actualThrough: "2026-02" }));
    // Nothing is set against a projection of nothing: no variance, as the portfolio shows "—".
    expect(r).toMatchObject({ approach: "", approach_label: "", low: "0.00", base: "0.00", use_cases: "0", note: "actual includes 1 use case with no projection for this year", actual: "25.00", variance_to_date: "" });
    expect(businessUnitNote({ incompleteUseCases: 1, manual: false, actualOnlyUseCases: "3" })).toBe("missing figures left out; actual includes 3 use cases with no projection for this year");
  });

  it("set only the spend of use cases with a metered projection against the metered base, as the portfolio does", () => {
    const f = createBusinessUnitFormatter({ organization: "Acme" });
    // $600 spent: $400 by use cases projected at $500 metered, $200 by one priced from its owner's estimate.
    const [r] = parse(businessUnitHeader() + f({ businessUnit: "Sales", calendarYear: "2026", scenario: "as chosen", approach: "RAG", low: "0", base: "0", high: "0", useCases: "3", incompleteUseCases: "0", manual: true, highImpactUseCases: "0", personalDataUseCases: "0", actual: "60000", meteredBaseToDate: "50000", comparedActual: "40000", actualThrough: "2026-02", actualOpen: "0" }));
    expect(r).toMatchObject({ actual: "600.00", metered_base_to_date: "500.00", variance_to_date: "-100.00" });
  });
});

describe("download URLs carry the filter", () => {
  it.each<[ExportKind, PortfolioFilter, string]>([
    ["detail", EMPTY_FILTER, "/o/demo/export/detail.csv"],
    ["businessUnits", { ...EMPTY_FILTER, businessUnit: ["Sales & Ops"], status: ["LIVE"] }, "/o/demo/export/business-units.csv?bu=Sales+%26+Ops&status=LIVE"],
  ])("%s", (kind, filter, url) => expect(exportUrl("demo", kind, filter)).toBe(url));
});

describe("what the Exports page says of the use cases not costed as chosen", () => {
  it("says how many the as-chosen rows leave out, and names the units left with no as-chosen row", () => {
    expect(notCostedExportSentence({ useCases: 0, units: [] })).toBe(
      "Use cases with no cost as chosen (not assessed, with no recommendation and no decision, or an approach the cost model prices only from a manual estimate, with none entered) add nothing to the “as chosen” rows: none in this view.",
    );
    expect(notCostedExportSentence({ useCases: 2, units: ["Procurement"] })).toBe(
      "Use cases with no cost as chosen (not assessed, with no recommendation and no decision, or an approach the cost model prices only from a manual estimate, with none entered) add nothing to the “as chosen” rows: 2 use cases in this view. Procurement has only such use cases, so it has no “as chosen” row of projected spend (only one of actual spend, where there is some). The portfolio's budget panel counts them per business unit and year.",
    );
    expect(notCostedExportSentence({ useCases: 1, units: [] })).toContain(": 1 use case in this view. The portfolio's");
    expect(notCostedExportSentence({ useCases: 3, units: ["Risk", "", "Legal"] })).toContain("Legal, Risk and No business unit have only such use cases, so they have no");
    expect(notCostedExportSentence({ useCases: 9, units: ["A", "B", "C", "D", "E", "F", "G"] })).toContain("A, B, C, D, E and 2 more have only");
  });
});
