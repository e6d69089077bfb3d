import { describe, expect, it } from "vitest";
import { approachFilterLabel, drillDown, EMPTY_FILTER, FILTER_PARAMS, filterToSearchParams, isEmptyFilter, parsePortfolioFilter, portfolioFilterSchema, splitApproaches } from "./filter";

describe("the portfolio filter in the URL", () => {
  it("names each field's parameter", () => {
    expect(FILTER_PARAMS).toEqual({
      businessUnit: "bu", status: "status", ownerId: "owner", recommended: "recommended", chosen: "chosen", asChosen: "as", flag: "flag", evidence: "evidence", costs: "costs", disagreement: "split", awaitingDecision: "awaiting",
      highImpact: "impact", personalData: "pii", sourcing: "sourcing", stage: "stage", euRiskTier: "eurisk",
    });
  });

  it("starts empty", () => {
    expect(Object.values(EMPTY_FILTER).every((v) => Array.isArray(v) && v.length === 0)).toBe(true);
    expect(Object.keys(EMPTY_FILTER).sort()).toEqual(Object.keys(FILTER_PARAMS).sort());
    expect(isEmptyFilter(EMPTY_FILTER)).toBe(true);
  });

  it("reads each value once, keeps allowed ones and drops the rest, and writes the same URL back", () => {
    const f = parsePortfolioFilter(new URLSearchParams("bu=Sales&bu=Sales&bu=%20&status=LIVE&status=NOPE&recommended=RAG&recommended=NONE&chosen=NONE&as=HYBRID&as=NONE&pii=yes&pii=maybe&owner=u1&evidence=none&evidence=weak"));
    expect(f).toEqual({ ...EMPTY_FILTER, businessUnit: ["Sales"], status: ["LIVE"], recommended: ["RAG", "NONE"], chosen: ["NONE"], asChosen: ["HYBRID"], personalData: ["yes"], ownerId: ["u1"], evidence: ["none"] });
    expect(isEmptyFilter(f)).toBe(false);
    expect(filterToSearchParams(f).toString()).toBe("bu=Sales&status=LIVE&owner=u1&recommended=RAG&recommended=NONE&chosen=NONE&as=HYBRID&evidence=none&pii=yes");
  });

  it("reads a record of parameters as a page receives them", () => {
    expect(parsePortfolioFilter({ bu: ["Ops", "Sales"], status: "IDEA", flag: undefined })).toEqual({ ...EMPTY_FILTER, businessUnit: ["Ops", "Sales"], status: ["IDEA"] });
  });

  it("keeps at most 50 values of one field, and refuses a unit longer than 120 characters", () => {
    const many = Array.from({ length: 60 }, (_, i) => `bu=U${i}`).join("&");
    expect(parsePortfolioFilter(new URLSearchParams(many)).businessUnit).toHaveLength(50);
    expect(parsePortfolioFilter({ bu: ["u".repeat(121), "u".repeat(120)] }).businessUnit).toEqual(["u".repeat(120)]);
  });

  it("reads each governance filter's values and 'not recorded', and drops anything else", () => {
    const f = parsePortfolioFilter(
      new URLSearchParams("impact=HIGH_IMPACT&impact=NOT_RECORDED&impact=high&pii=no&pii=NOT_RECORDED&sourcing=BOUGHT&sourcing=NOT_RECORDED&sourcing=rented&stage=PILOT&stage=NOT_RECORDED&stage=beta&eurisk=LIMITED&eurisk=NOT_RECORDED&eurisk=LOW"),
    );
    expect(f).toEqual({ ...EMPTY_FILTER, highImpact: ["HIGH_IMPACT", "NOT_RECORDED"], personalData: ["no", "NOT_RECORDED"], sourcing: ["BOUGHT", "NOT_RECORDED"], stage: ["PILOT", "NOT_RECORDED"], euRiskTier: ["LIMITED", "NOT_RECORDED"] });
  });

  it("a filter sent whole (the export's form) is refused past 50 values of one field, and missing fields are empty", () => {
    expect(portfolioFilterSchema.safeParse({ status: Array(51).fill("LIVE") }).success).toBe(false);
    expect(portfolioFilterSchema.parse({ status: Array(50).fill("LIVE") }).status).toHaveLength(50);
    expect(portfolioFilterSchema.parse({})).toEqual(EMPTY_FILTER);
  });

  it("reading leaves the empty filter as it was", () => {
    parsePortfolioFilter({ bu: "Ops" });
    expect(EMPTY_FILTER.businessUnit).toEqual([]);
  });

  it("splits named approaches from none, and says none in words", () => {
    expect(splitApproaches(["RAG", "NONE", "HYBRID"])).toEqual({ named: ["RAG", "HYBRID"], none: true });
    expect(splitApproaches(["RAG"])).toEqual({ named: ["RAG"], none: false });
    expect(approachFilterLabel("NONE", "chosen")).toBe("None chosen");
    expect(approachFilterLabel("NONE", "recommended")).toBe("Not scored");
    expect(approachFilterLabel("FINE_TUNING", "chosen")).toBe("Fine-tuning");
  });
});

describe("a count's list: the view's filter narrowed by the count's own condition", () => {
  it("keeps the view's values and the count's, never one replacing the other", () => {
    // The view's values win where the count asks for all of them ("with a risk flag" in a view of one flag).
    expect(drillDown({ ...EMPTY_FILTER, flag: ["NO_EVALUATION_SET"] }, { flag: ["NO_EVALUATION_SET", "FT_WITHOUT_RETRAINING_BUDGET"] })).toEqual({ ...EMPTY_FILTER, flag: ["NO_EVALUATION_SET"] });
    // A count of one of the view's flags opens that flag's list.
    expect(drillDown({ ...EMPTY_FILTER, flag: ["NO_EVALUATION_SET", "FT_WITHOUT_RETRAINING_BUDGET"] }, { flag: ["NO_EVALUATION_SET"] })).toEqual({ ...EMPTY_FILTER, flag: ["NO_EVALUATION_SET"] });
    // "Flag B among use cases with flag A" is no list (the URL's flags are "any of").
    expect(drillDown({ ...EMPTY_FILTER, flag: ["NO_EVALUATION_SET"] }, { flag: ["FT_WITHOUT_RETRAINING_BUDGET"] })).toBeNull();
    // One decision per use case: the sets intersect; nothing in common is a count of 0 with no list.
    expect(drillDown({ ...EMPTY_FILTER, chosen: ["RAG"] }, { chosen: ["NONE"] })).toBeNull();
    expect(drillDown({ ...EMPTY_FILTER, chosen: ["RAG", "NONE"], status: ["LIVE"] }, { chosen: ["NONE"] })).toEqual({ ...EMPTY_FILTER, chosen: ["NONE"], status: ["LIVE"] });
    expect(drillDown({ ...EMPTY_FILTER, businessUnit: ["Ops"] }, { evidence: ["none"] })).toEqual({ ...EMPTY_FILTER, businessUnit: ["Ops"], evidence: ["none"] });
    expect(drillDown(EMPTY_FILTER, {})).toEqual(EMPTY_FILTER);
  });
});
