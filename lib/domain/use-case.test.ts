/**
 * The use-case schema, read as the spec: every field's bounds and values (PRODUCT.md, "The use
 * case and its assessment"), unknown keys refused, and every assessment answer's type and range.
 */
import { describe, expect, it } from "vitest";
import { ANSWER_KEYS, APPROACHES, assessmentSchema, BASELINE_RESULTS, CHANGE_FREQUENCIES, CORE_NEEDS, missingAnswers } from "./assessment";
import { decisionSchema, LIMITS, manualEstimateSchema, STATUSES, useCaseFieldsSchema } from "./use-case";

const ok = (input: Record<string, unknown>) => useCaseFieldsSchema.safeParse({ title: "A use case", ...input });
const errorsAt = (input: Record<string, unknown>) => {
  const r = ok(input);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("defaults", () => {
  it("a title alone is a valid draft; the rest takes the spec's defaults", () => {
    expect(useCaseFieldsSchema.parse({ title: "Draft" })).toEqual({
      title: "Draft",
      description: "",
      businessUnit: "",
      status: "IDEA",
      startDate: null,
      horizonYears: 5,
      assessment: {},
      manualEstimate: null,
      externalId: null,
      startDatePrecision: "DAY",
      highImpact: null,
      personalData: null,
      sourcing: null,
      vendor: "",
      stage: null,
      topicArea: "",
      euRiskTier: null,
      additionalFields: {},
    });
  });
  it("trims text", () => {
    expect(useCaseFieldsSchema.parse({ title: "  Padded  ", businessUnit: " Ops " })).toMatchObject({ title: "Padded", businessUnit: "Ops" });
  });
});

describe("text fields", () => {
  it.each([
    ["title", LIMITS.title],
    ["description", LIMITS.description],
    ["businessUnit", LIMITS.businessUnit],
    ["externalId", LIMITS.externalId],
  ] as const)("%s: at most %i characters", (field, max) => {
    expect(ok({ [field]: "x".repeat(max) }).success).toBe(true);
    expect(errorsAt({ [field]: "x".repeat(max + 1) })[field]).toMatch(/at most/);
  });
  it.each([
    [{ title: "" }, "title", "Title is required"],
    [{ title: "   " }, "title", "Title is required"],
    [{ title: undefined }, "title", undefined],
    [{ title: 42 }, "title", undefined],
    [{ description: null }, "description", undefined],
    [{ externalId: "" }, "externalId", undefined],
  ])("%j is refused at %s", (input, path, message) => {
    const errors = errorsAt(input);
    expect(errors[path]).toBeDefined();
    if (message) expect(errors[path]).toBe(message);
  });
  it("external id may be null", () => {
    expect(ok({ externalId: null }).success).toBe(true);
    expect(ok({ externalId: "INV-001" }).success).toBe(true);
  });
});

describe("status", () => {
  it.each(STATUSES)("%s is allowed", (status) => expect(ok({ status }).success).toBe(true));
  it.each(["idea", "DONE", "", null, 1])("%j is refused", (status) => expect(errorsAt({ status }).status).toBeDefined());
  it("has the six lifecycle statuses of the spec, and Unknown for imported inventories that do not say (issue 15)", () => {
    expect(STATUSES).toEqual(["IDEA", "ASSESSING", "APPROVED", "BUILDING", "LIVE", "RETIRED", "UNKNOWN"]);
  });
});

describe("horizon in years: 1 to 10, whole", () => {
  it.each([1, 5, 10])("%i is allowed", (horizonYears) => expect(ok({ horizonYears }).success).toBe(true));
  it.each([
    [0, "At least 1 year"],
    [11, "At most 10 years"],
    [12, "At most 10 years"],
    [-1, "At least 1 year"],
    [2.5, "Whole years"],
  ])("%s is refused: %s", (horizonYears, message) => expect(errorsAt({ horizonYears }).horizonYears).toBe(message));
  it.each(["5", null, Number.NaN, Infinity])("%j is refused", (horizonYears) => expect(errorsAt({ horizonYears }).horizonYears).toBeDefined());
});

describe("planned start date: YYYY-MM-DD, a real day between 1950 and 2100", () => {
  it.each(["2027-01-01", "2000-01-01", "2100-12-31", "2028-02-29"])("%s is allowed", (startDate) => expect(ok({ startDate }).success).toBe(true));
  it("may be null", () => expect(ok({ startDate: null }).success).toBe(true));
  it.each(["2027-02-30", "2027-13-01", "1949-12-31", "2101-01-01", "2027-1-1", "01/02/2027", "2027-01-01T00:00:00Z", "", "2027-02-29"])(
    "%j is refused",
    (startDate) => expect(errorsAt({ startDate }).startDate).toBeDefined(),
  );
});

describe("owner", () => {
  it("is optional (defaults to the creator on the server)", () => {
    expect(ok({}).success).toBe(true);
    expect(ok({ ownerId: "user_1" }).success).toBe(true);
  });
  it.each(["", "x".repeat(65), 5, null])("%j is refused", (ownerId) => expect(errorsAt({ ownerId }).ownerId).toBeDefined());
});

describe("manual yearly estimate (agent, pipeline, feedback learning): whole cents, low ≤ base ≤ high", () => {
  it.each([
    [{ low: 0, base: 0, high: 0 }],
    [{ low: 100, base: 200, high: 300 }],
    [{ low: 5, base: 5, high: 5 }],
  ])("%j is allowed", (e) => expect(manualEstimateSchema.safeParse(e).success).toBe(true));
  it.each([
    [{ low: 300, base: 200, high: 100 }, "Low must not exceed base, nor base exceed high"],
    [{ low: 100, base: 300, high: 200 }, "Low must not exceed base, nor base exceed high"],
    [{ low: -1, base: 0, high: 0 }, "Cannot be negative"],
    [{ low: 1.5, base: 2, high: 3 }, "Whole cents"],
    [{ low: 0, base: 0, high: 100_000_000_000_01 }, "Too large"],
  ])("%j is refused: %s", (e, message) => {
    const r = manualEstimateSchema.safeParse(e);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe(message);
  });
  it("refuses missing parts and unknown keys", () => {
    expect(manualEstimateSchema.safeParse({ low: 1, base: 2 }).success).toBe(false);
    expect(manualEstimateSchema.safeParse({ low: 1, base: 2, high: 3, currency: "EUR" }).success).toBe(false);
  });
  it("may be null on the use case", () => expect(ok({ manualEstimate: null }).success).toBe(true));
});

describe("unknown keys are refused, not stored", () => {
  it.each(["id", "organizationId", "version", "deletedAt", "chosenApproach", "recommendedApproach", "riskFlags", "createdById", "score", "overrides"])(
    "%s",
    (key) => {
      const r = ok({ [key]: "x" });
      expect(r.success).toBe(false);
      expect(r.error!.issues.some((i) => i.code === "unrecognized_keys")).toBe(true);
    },
  );
  it("in the assessment too", () => {
    const r = ok({ assessment: { changeFrequency: "daily", vibe: "good" } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(["assessment"]);
  });
  it("in the decision too", () => {
    expect(decisionSchema.safeParse({ chosenApproach: "RAG", decisionNotes: "", approvedBy: "me" }).success).toBe(false);
  });
});

describe("assessment: every answer optional", () => {
  it("the empty assessment is valid and misses every answer", () => {
    expect(assessmentSchema.parse({})).toEqual({});
    expect(missingAnswers({})).toEqual(ANSWER_KEYS);
  });
  it("has the 21 answers of the spec's table", () => {
    expect(ANSWER_KEYS).toHaveLength(21);
  });
  it("null is not an answer (leave the key out instead)", () => {
    expect(assessmentSchema.safeParse({ maxLagDays: null }).success).toBe(false);
  });
});

describe("assessment: choices", () => {
  it.each([
    ["changeFrequency", CHANGE_FREQUENCIES, ["hourly", "Daily", ""]],
    ["coreNeed", CORE_NEEDS, ["facts", "RETRIEVAL", ""]],
    ["promptedBaselineMeetsBar", BASELINE_RESULTS, ["maybe", "not tested", true]],
  ] as const)("%s takes exactly its values", (key, values, wrong) => {
    for (const v of values) expect(assessmentSchema.safeParse({ [key]: v }).success).toBe(true);
    for (const v of wrong) expect(assessmentSchema.safeParse({ [key]: v }).success).toBe(false);
  });
  it("the spec's change frequencies, core needs and baseline results", () => {
    expect(CHANGE_FREQUENCIES).toEqual(["realtime", "daily", "weekly", "monthly", "quarterly", "annually", "static"]);
    expect(CORE_NEEDS).toEqual(["retrieval", "reasoning", "both", "neither"]);
    expect(BASELINE_RESULTS).toEqual(["yes", "no", "untested"]);
  });
});

const BOOLEAN_ANSWERS = [
  "needsStyleOrFormat",
  "needsCitations",
  "fitsContextWindow",
  "latencySensitive",
  "sensitiveDataOutOfTraining",
  "retrainingBudget",
  "expertiseDocumented",
  "needsToolUse",
  "transformationAtVolume",
  "learnsFromFeedback",
  "evaluationSetExists",
] as const;

describe("assessment: yes/no answers", () => {
  it.each(BOOLEAN_ANSWERS)("%s takes true or false only", (key) => {
    expect(assessmentSchema.safeParse({ [key]: true }).success).toBe(true);
    expect(assessmentSchema.safeParse({ [key]: false }).success).toBe(true);
    for (const wrong of ["yes", "true", 1, 0, null]) expect(assessmentSchema.safeParse({ [key]: wrong }).success).toBe(false);
  });
});

describe("assessment: numbers", () => {
  it.each([
    ["maxLagDays", 0, 3650, true],
    ["corpusDocuments", 0, 1_000_000_000, true],
    ["labeledExamples", 0, 100_000_000, true],
    ["latencyBudgetMs", 0, 600_000, true],
    ["monthlyCalls", 0, 10_000_000_000, true],
    ["weeksToProduction", 0, 520, true],
    ["yearlyGrowthPct", -90, 1000, false],
  ] as const)("%s: %d to %d (whole: %s)", (key, min, max, whole) => {
    const parse = (v: unknown) => assessmentSchema.safeParse({ [key]: v });
    expect(parse(min).success).toBe(true);
    expect(parse(max).success).toBe(true);
    expect(parse(min - 1).success).toBe(false);
    expect(parse(max + 1).success).toBe(false);
    expect(parse(min + 0.5).success).toBe(!whole);
    expect(parse(String(max)).success).toBe(false);
    expect(parse(Number.NaN).success).toBe(false);
  });
  it("the messages say what is wrong", () => {
    const messages = (v: Record<string, unknown>) => assessmentSchema.safeParse(v).error?.issues.map((i) => i.message);
    expect(messages({ maxLagDays: -1 })).toEqual(["Cannot be negative"]);
    expect(messages({ maxLagDays: 3651 })).toEqual(["At most 3,650"]);
    expect(messages({ weeksToProduction: 1.5 })).toEqual(["Must be a whole number"]);
    expect(messages({ yearlyGrowthPct: -91 })).toEqual(["At least -90%"]);
    expect(messages({ yearlyGrowthPct: 1001 })).toEqual(["At most 1000%"]);
  });
  it("every answer is covered by one of these tables", () => {
    const numbers = ["maxLagDays", "corpusDocuments", "labeledExamples", "latencyBudgetMs", "monthlyCalls", "weeksToProduction", "yearlyGrowthPct"];
    const choices = ["changeFrequency", "coreNeed", "promptedBaselineMeetsBar"];
    expect([...numbers, ...choices, ...BOOLEAN_ANSWERS].sort()).toEqual([...ANSWER_KEYS].sort());
  });
});

describe("decision", () => {
  it.each(APPROACHES)("%s can be chosen", (chosenApproach) => expect(decisionSchema.safeParse({ chosenApproach }).success).toBe(true));
  it("null means undecided; notes default to empty and are bounded", () => {
    expect(decisionSchema.parse({ chosenApproach: null })).toEqual({ chosenApproach: null, decisionNotes: "" });
    expect(decisionSchema.safeParse({ chosenApproach: null, decisionNotes: "x".repeat(LIMITS.decisionNotes) }).success).toBe(true);
    expect(decisionSchema.safeParse({ chosenApproach: null, decisionNotes: "x".repeat(LIMITS.decisionNotes + 1) }).success).toBe(false);
  });
  it.each(["rag", "MAGIC", "", undefined])("%j is refused", (chosenApproach) => expect(decisionSchema.safeParse({ chosenApproach }).success).toBe(false));
  it("the spec's seven approaches", () => {
    expect(APPROACHES).toEqual(["RAG", "FINE_TUNING", "HYBRID", "PROMPTING", "AGENT", "PIPELINE", "FEEDBACK_LEARNING"]);
  });
});

describe("messages a lead reads, field by field", () => {
  it("names the field that is too long", () => {
    expect(errorsAt({ description: "d".repeat(LIMITS.description + 1) })).toEqual({ description: `Description must be at most ${LIMITS.description} characters` });
    expect(errorsAt({ businessUnit: "b".repeat(LIMITS.businessUnit + 1) })).toEqual({ businessUnit: `Business unit must be at most ${LIMITS.businessUnit} characters` });
    expect(errorsAt({ externalId: "x".repeat(LIMITS.externalId + 1) })).toEqual({ externalId: `External id must be at most ${LIMITS.externalId} characters` });
    const notes = decisionSchema.safeParse({ chosenApproach: "RAG", decisionNotes: "n".repeat(LIMITS.decisionNotes + 1) });
    expect(notes.success ? null : notes.error.issues[0]!.message).toBe(`Decision notes must be at most ${LIMITS.decisionNotes} characters`);
  });
  it("asks for YYYY-MM-DD when anything surrounds the date, and a real date from 1950 to 2100", () => {
    const messages = (startDate: string) => {
      const r = ok({ startDate });
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(messages("x2027-01-01")).toEqual(["Use the form YYYY-MM-DD"]);
    expect(messages("2027-01-01x")).toEqual(["Use the form YYYY-MM-DD"]);
    expect(errorsAt({ startDate: "1950-01-01" })).toEqual({});
    // A real date out of range is not called unreal ("Not a real date between 1950 and 2100" said so of 1900-01-01).
    expect(errorsAt({ startDate: "1949-12-31" })).toEqual({ startDate: "Must be between 1950 and 2100" });
    expect(errorsAt({ startDate: "1900-01-01" })).toEqual({ startDate: "Must be between 1950 and 2100" });
    expect(errorsAt({ startDate: "2100-12-31" })).toEqual({});
    expect(errorsAt({ startDate: "2101-01-01" })).toEqual({ startDate: "Must be between 1950 and 2100" });
    expect(errorsAt({ startDate: "2027-02-30" })).toEqual({ startDate: "Not a real date: check the day and the month" });
  });
  it("lists the answers still missing, in the order asked, null counting as missing", () => {
    expect(missingAnswers({ maxLagDays: 3, needsCitations: false }, ["maxLagDays", "needsCitations", "coreNeed"])).toEqual(["coreNeed"]);
    expect(missingAnswers({ maxLagDays: null } as never, ["maxLagDays"])).toEqual(["maxLagDays"]);
    expect(missingAnswers({ maxLagDays: 0 })).toEqual(ANSWER_KEYS.filter((k) => k !== "maxLagDays"));
  });
});
