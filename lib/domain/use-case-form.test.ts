import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sourcePath } from "../../tests/helpers/source-files";
import { ANSWER_KEYS } from "./assessment";
import { ANSWER_HELP, ASSESSMENT_SECTIONS, SEED_FILES, shortCitation } from "./assessment-help";
import { useCaseFieldsSchema } from "./use-case";
import { diffFields, fieldLabel, flattenFields, formatCents, formatFieldValue, sameValue } from "./use-case-changes";
import {
  answerKind,
  answerOptions,
  answersFromFormValues,
  checkFormValues,
  emptyFormValues,
  formValuesFromFields,
  formValuesToInput,
  mergeFormValues,
  parseNumberInput,
} from "./use-case-form";
import { changeListQuery, DEFAULT_LIST_QUERY, listQueryString, parseListQuery } from "./use-case-list";
import { canAssignOwner, canCreateUseCase, canEditUseCase, canRecordDecision, type MemberRole } from "./use-case-permissions";

describe("the assessment form's layout", () => {
  it("puts every answer in exactly one section", () => {
    const placed = ASSESSMENT_SECTIONS.flatMap((s) => s.keys);
    expect([...placed].sort()).toEqual([...ANSWER_KEYS].sort());
    expect(new Set(placed).size).toBe(placed.length);
  });
  it("has the six sections of the issue, in order", () => {
    expect(ASSESSMENT_SECTIONS.map((s) => s.title)).toEqual([
      "Knowledge & freshness",
      "Need & output",
      "Data",
      "Volume & latency",
      "Constraints & capabilities",
      "Readiness",
    ]);
  });
  it.each(ANSWER_KEYS)("%s has help text citing at least one seed that exists", (key) => {
    const h = ANSWER_HELP[key];
    expect(h.help.length).toBeGreaterThan(20);
    expect(h.sources.length).toBeGreaterThan(0);
    for (const s of h.sources) expect(SEED_FILES[s.seed]).toMatch(/^\d{3}_[0-9a-f]+\.txt$/);
  });
  it("each quote under an answer is in its seed word for word, and a numbered question is that seed's question of that number", () => {
    const norm = (t: string) => t.replace(/[“”"’‘']/g, "").replace(/[–—]/g, "-").replace(/\s+/g, " ").trim().toLowerCase();
    let quotes = 0;
    for (const key of ANSWER_KEYS) {
      for (const s of ANSWER_HELP[key].sources) {
        const seed = readFileSync(path.join(sourcePath("seeds"), SEED_FILES[s.seed]), "utf8");
        // The seed's list of questions, in order: "1. How often …?" or "- Does the answer …?".
        const questions = seed.split("\n").map((l) => l.trim()).filter((l) => /^(\d+\.|-)\s/.test(l) && l.includes("?")).map(norm);
        const number = Number(s.where?.match(/^question (\d+)/)?.[1] ?? 0);
        for (const [, q] of (s.where ?? "").matchAll(/“([^”]+)”/g)) {
          for (const part of q!.split(/\s*…\s*/)) {
            expect(norm(seed), `${key}, ${s.seed}: "${part}"`).toContain(norm(part));
            if (number) expect(questions[number - 1], `${key}, ${s.seed}: question ${number}`).toContain(norm(part));
            quotes++;
          }
        }
      }
    }
    expect(quotes).toBeGreaterThanOrEqual(30);
  });
  it("each choice reads as a word, each count has its unit", () => {
    for (const key of ANSWER_KEYS) {
      const h = ANSWER_HELP[key];
      const labels = Object.values(h.options ?? {});
      expect(labels.every((l) => /^[A-Z][a-z]/.test(l)), key).toBe(true);
      expect(new Set(labels).size, key).toBe(labels.length);
      if (answerKind(key) === "number") expect(h.unit, key).toMatch(/^[a-z%]/);
      else expect(h.unit, key).toBeUndefined();
    }
    expect(ANSWER_HELP.changeFrequency.options).toMatchObject({ realtime: "Real time", static: "Never (static)" });
    expect(ANSWER_HELP.promptedBaselineMeetsBar.options).toEqual({ yes: "Yes", no: "No", untested: "Not tested yet" });
    expect(ANSWER_HELP.monthlyCalls.unit).toBe("calls a month");
  });
  it("enum answers have a label for each value", () => {
    for (const key of ANSWER_KEYS.filter((k) => answerKind(k) === "enum")) {
      expect(Object.keys(ANSWER_HELP[key].options ?? {}).sort()).toEqual([...answerOptions(key)].sort());
    }
  });
  it("cites like the spec's table", () => {
    expect(shortCitation(ANSWER_HELP.changeFrequency.sources)).toBe("Right for your business? (question 1), When to use which (question 1), Start with RAG (question 1), Right for your AI project?");
  });
});

describe("form values → schema input", () => {
  it.each([
    ["", undefined],
    ["12", 12],
    [" 1,000,000 ", 1_000_000],
    ["2.5", 2.5],
    ["-5", -5],
    ["abc", Number.NaN],
    ["1e3", 1000],
    ["12abc", Number.NaN],
  ])("number %j → %s", (raw, expected) => {
    const n = parseNumberInput(raw);
    if (expected === undefined) expect(n).toBeUndefined();
    else if (Number.isNaN(expected)) expect(Number.isNaN(n)).toBe(true);
    else expect(n).toBe(expected);
  });

  it("turns an empty form into a draft the schema accepts (title aside)", () => {
    const r = checkFormValues({ ...emptyFormValues(), title: "Draft" });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.fields).toMatchObject({ title: "Draft", horizonYears: 5, assessment: {}, startDate: null, manualEstimate: null, externalId: null });
  });

  it("converts answers by kind and leaves unanswered ones out", () => {
    const v = emptyFormValues();
    v.title = "Answers";
    v.assessment.changeFrequency = "weekly";
    v.assessment.needsCitations = "yes";
    v.assessment.fitsContextWindow = "no";
    v.assessment.maxLagDays = "3";
    v.assessment.yearlyGrowthPct = "2.5";
    const { input, errors } = formValuesToInput(v);
    expect(errors).toEqual({});
    expect(input.assessment).toEqual({ changeFrequency: "weekly", needsCitations: true, fitsContextWindow: false, maxLagDays: 3, yearlyGrowthPct: 2.5 });
    expect(answersFromFormValues(v)).toEqual(input.assessment);
  });

  it("reports the schema's messages by field, like the server", () => {
    const v = { ...emptyFormValues(), title: "", horizonYears: "12" };
    v.assessment.maxLagDays = "-1";
    v.assessment.corpusDocuments = "lots";
    const r = checkFormValues(v);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.title).toEqual(["Title is required"]);
      expect(r.errors.horizonYears).toEqual(["At most 10 years"]);
      expect(r.errors["assessment.maxLagDays"]).toEqual(["Cannot be negative"]);
      expect(r.errors["assessment.corpusDocuments"]).toEqual(["Enter a number"]);
    }
  });

  it("manual estimate: dollars to cents, all three or none", () => {
    const v = { ...emptyFormValues(), title: "Manual", manualLow: "1000", manualBase: "2000.50", manualHigh: "3000" };
    const r = checkFormValues(v);
    expect(r.ok && r.fields.manualEstimate).toEqual({ low: 100_000, base: 200_050, high: 300_000 });
    const partial = checkFormValues({ ...v, manualHigh: "" });
    expect(!partial.ok && partial.errors["manualEstimate.high"]).toEqual(["Give low, base and high, or none of them"]);
    const order = checkFormValues({ ...v, manualLow: "5000" });
    expect(!order.ok && order.errors.manualEstimate).toEqual(["Low must not exceed base, nor base exceed high"]);
  });

  it("round-trips stored fields through the form unchanged", () => {
    const fields = useCaseFieldsSchema.parse({
      title: "Round trip",
      description: "d",
      businessUnit: "Ops",
      ownerId: "u1",
      status: "LIVE",
      startDate: "2027-03-01",
      horizonYears: 7,
      externalId: "X-1",
      manualEstimate: { low: 1, base: 2, high: 3 },
      assessment: { changeFrequency: "daily", needsCitations: false, monthlyCalls: 1_000_000, yearlyGrowthPct: 12.5, promptedBaselineMeetsBar: "untested" },
    });
    const back = checkFormValues(formValuesFromFields(fields));
    expect(back.ok && back.fields).toEqual(fields);
  });
});

describe("reapplying an edit over someone else's save", () => {
  it("keeps their changes and applies mine; mine wins where both changed a field", () => {
    const base = emptyFormValues("u1");
    base.title = "Original";
    base.assessment.maxLagDays = "3";
    const theirs = { ...base, title: "Their title", status: "LIVE", assessment: { ...base.assessment, coreNeed: "retrieval", maxLagDays: "5" } };
    const mine = { ...base, description: "My description", assessment: { ...base.assessment, maxLagDays: "7", needsCitations: "yes" } };
    const merged = mergeFormValues(base, mine, theirs);
    expect(merged).toMatchObject({ title: "Their title", status: "LIVE", description: "My description", ownerId: "u1" });
    expect(merged.assessment).toMatchObject({ coreNeed: "retrieval", maxLagDays: "7", needsCitations: "yes" });
  });
});

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

describe("the list's URL state", () => {
  it("the default view has no parameters", () => {
    expect(listQueryString(DEFAULT_LIST_QUERY)).toBe("");
    expect(parseListQuery({})).toEqual(DEFAULT_LIST_QUERY);
  });
  it("round-trips a view", () => {
    const q = parseListQuery(new URLSearchParams("bu=Sales&status=LIVE&recommended=RAG&flag=NO_EVALUATION_SET&q=chat&sort=title&dir=desc&page=2&size=100&hide=owner,updatedAt"));
    expect(parseListQuery(new URLSearchParams(listQueryString(q).slice(1)))).toEqual(q);
  });
  it("drops what it does not know", () => {
    expect(parseListQuery({ sort: "password", dir: "sideways", page: "-3", size: "1000", hide: "title" })).toEqual(DEFAULT_LIST_QUERY);
    expect(parseListQuery({ page: "99999999" }).page).toBe(10_000);
  });
  it("changing what is listed goes back to page 1; changing columns does not", () => {
    const q = { ...DEFAULT_LIST_QUERY, page: 4 };
    expect(changeListQuery(q, { q: "x" }).page).toBe(1);
    expect(changeListQuery(q, { sort: "title", dir: "asc" }).page).toBe(1);
    expect(changeListQuery(q, { pageSize: 50 }).page).toBe(1);
    expect(changeListQuery(q, { hidden: ["owner"] }).page).toBe(4);
    expect(changeListQuery(q, { page: 5 }).page).toBe(5);
  });
});

describe("who may do what", () => {
  const me = "me";
  const roles: MemberRole[] = ["ADMIN", "EXECUTIVE", "LEAD", "FINANCE"];
  it.each([
    ["ADMIN", true, true, true, true],
    ["EXECUTIVE", true, true, true, true],
    ["LEAD", true, true, false, false],
    ["FINANCE", false, false, false, false],
  ] as const)("%s: create %s, edit own %s, edit others' %s, decide %s", (role, create, editOwn, editOthers, decide) => {
    const actor = { userId: me, role };
    expect(canCreateUseCase(actor)).toBe(create);
    expect(canEditUseCase(actor, { ownerId: me })).toBe(editOwn);
    expect(canEditUseCase(actor, { ownerId: "someone" })).toBe(editOthers);
    expect(canRecordDecision(actor)).toBe(decide);
  });
  it("only executives and admins name someone else as owner", () => {
    expect(roles.filter((role) => canAssignOwner({ userId: me, role }, "someone"))).toEqual(["ADMIN", "EXECUTIVE"]);
    expect(canAssignOwner({ userId: me, role: "LEAD" }, me)).toBe(true);
    // Finance never owns use cases, not even by naming itself.
    expect(canAssignOwner({ userId: me, role: "FINANCE" }, me)).toBe(false);
  });
});

describe("every kind of value in the history, as read", () => {
  it.each([
    ["assessment.yearlyGrowthPct", 12.5, "12.5 % a year"],
    ["assessment.needsStyleOrFormat", false, "No"],
    ["assessment.coreNeed", "mystery", "mystery"],
    ["assessment.unknownAnswer", 7, "7"],
    ["highImpact", "HIGH_IMPACT", "High-impact"],
    ["personalData", null, "—"],
    ["startDatePrecision", "MONTH", "month"],
    ["additionalFields", { Agency: "EPA", Region: "West" }, "Agency: EPA; Region: West"],
    ["additionalFields", {}, "—"],
    ["additionalFields", ["odd"], '["odd"]'],
    ["status", "SOMEDAY", "SOMEDAY"],
    ["decisionState", "TO_REVIEW", "To review: the answers changed since approval"],
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
      "Planned start known to the",
      "Expected yearly benefit",
      "Decision",
      "Yearly budget",
      "What changed",
      "EU AI Act risk tier",
      "Deleted",
    ]);
    expect(fieldLabel("assessment.someNewAnswer")).toBe("someNewAnswer");
    expect(fieldLabel("somethingElse")).toBe("somethingElse");
    expect(formatCents(-5)).toBe("-$0.05");
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

describe("the form's values, field by field", () => {
  it("a new use case starts with these inputs", () => {
    expect(emptyFormValues("owner-1")).toEqual({
      title: "", description: "", businessUnit: "", ownerId: "owner-1", status: "IDEA", startDate: "", horizonYears: "5", externalId: "",
      manualLow: "", manualBase: "", manualHigh: "", assessment: Object.fromEntries(ANSWER_KEYS.map((k) => [k, ""])), startDatePrecision: "DAY",
      highImpact: "", personalData: "", sourcing: "", vendor: "", stage: "", topicArea: "", euRiskTier: "", additionalFields: {},
    });
    expect(emptyFormValues().ownerId).toBe("");
  });

  it("opens a stored use case with every field in its input", () => {
    const fields = useCaseFieldsSchema.parse({
      title: "Everything", description: "All of it", businessUnit: "Legal", ownerId: "u9", status: "BUILDING", startDate: "2027-06-01", startDatePrecision: "MONTH",
      horizonYears: 3, externalId: "INV-7", manualEstimate: { low: 150, base: 250, high: 1_000_00 },
      assessment: { needsCitations: true, fitsContextWindow: false, maxLagDays: 0, coreNeed: "both" },
      highImpact: "HIGH_IMPACT", personalData: false, sourcing: "BOUGHT", vendor: "Acme", stage: "PILOT", topicArea: "Benefits", euRiskTier: "HIGH",
      additionalFields: { Agency: "EPA" },
    });
    const v = formValuesFromFields(fields);
    expect(v).toEqual({
      title: "Everything", description: "All of it", businessUnit: "Legal", ownerId: "u9", status: "BUILDING", startDate: "2027-06-01", horizonYears: "3", externalId: "INV-7",
      manualLow: "1.5", manualBase: "2.5", manualHigh: "1000",
      assessment: { ...emptyFormValues().assessment, needsCitations: "yes", fitsContextWindow: "no", maxLagDays: "0", coreNeed: "both" },
      startDatePrecision: "MONTH", highImpact: "HIGH_IMPACT", personalData: "no", sourcing: "BOUGHT", vendor: "Acme", stage: "PILOT", topicArea: "Benefits",
      euRiskTier: "HIGH", additionalFields: { Agency: "EPA" },
    });
    // The form's copy of the additional fields is its own: editing it leaves the stored one alone.
    v.additionalFields.Agency = "DOE";
    expect(fields.additionalFields).toEqual({ Agency: "EPA" });
    expect(formValuesFromFields({ ...fields, personalData: true }).personalData).toBe("yes");
    const back = checkFormValues(formValuesFromFields(fields));
    expect(back.ok && back.fields).toEqual(fields);
  });

  it("opens a use case saved before the optional fields existed with those inputs blank", () => {
    const legacy = { title: "Old", description: "", businessUnit: "", status: "IDEA", horizonYears: 5, assessment: { maxLagDays: null } } as unknown as Parameters<typeof formValuesFromFields>[0];
    expect(formValuesFromFields(legacy)).toEqual({ ...emptyFormValues(), title: "Old" });
  });

  it("says what is wrong with a choice, a horizon or an amount that cannot be read", () => {
    const v = { ...emptyFormValues(), title: "Typos", horizonYears: "five", manualLow: "1", manualBase: "two", manualHigh: "3" };
    v.assessment.needsCitations = "maybe";
    const { errors } = formValuesToInput(v);
    expect(errors).toEqual({
      "assessment.needsCitations": ["Choose yes, no or unanswered"],
      horizonYears: ["Enter a whole number of years"],
      "manualEstimate.base": ["Enter an amount in dollars"],
    });
    // A problem found only while converting still stops the save, though the schema alone would pass.
    const onlyChoice = { ...emptyFormValues(), title: "Typo" };
    onlyChoice.assessment.needsCitations = "maybe";
    const r = checkFormValues(onlyChoice);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual({ "assessment.needsCitations": ["Choose yes, no or unanswered"] });
  });

  it("converts the remaining inputs as the schema wants them", () => {
    const v = { ...emptyFormValues(), title: "T", startDate: " 2027-01-02 ", externalId: "   ", startDatePrecision: "", horizonYears: "", personalData: "yes" };
    v.assessment.labeledExamples = " ";
    const { input } = formValuesToInput(v);
    expect(input).toMatchObject({ startDate: "2027-01-02", externalId: null, startDatePrecision: "DAY", personalData: true, assessment: {} });
    expect("horizonYears" in input).toBe(false);
    expect("ownerId" in input).toBe(false);
    expect(formValuesToInput({ ...v, personalData: "no" }).input.personalData).toBe(false);
    expect(formValuesToInput({ ...v, personalData: "" }).input.personalData).toBeNull();
    expect(formValuesToInput({ ...v, externalId: " X-1 ", ownerId: "u2" }).input).toMatchObject({ externalId: " X-1 ", ownerId: "u2" });
  });

  it.each([
    ["1.", 1],
    [".5", 0.5],
    [".55", 0.55],
    ["+3", 3],
    ["1e10", 1e10],
    ["1E-2", 0.01],
    ["1e+3", 1000],
    ["x12", Number.NaN],
    ["1e", Number.NaN],
    ["1.2.3", Number.NaN],
    ["--1", Number.NaN],
    [".", Number.NaN],
  ])("reads %j as %s", (raw, expected) => {
    const n = parseNumberInput(raw);
    if (Number.isNaN(expected)) expect(Number.isNaN(n)).toBe(true);
    else expect(n).toBe(expected);
  });

  it("counts only valid answers as given", () => {
    const v = emptyFormValues();
    v.assessment.maxLagDays = "-1";
    v.assessment.monthlyCalls = "2000";
    v.assessment.coreNeed = "nonsense";
    expect(answersFromFormValues(v)).toEqual({ monthlyCalls: 2000 });
  });

  it("reapplying keeps their answer where mine was left as I found it", () => {
    const base = emptyFormValues();
    base.assessment.maxLagDays = "3";
    const mine = { ...base, title: "Mine", assessment: { ...base.assessment } };
    const theirs = { ...base, assessment: { ...base.assessment, maxLagDays: "5" } };
    expect(mergeFormValues(base, mine, theirs).assessment.maxLagDays).toBe("5");
    expect(mergeFormValues(base, mine, theirs).title).toBe("Mine");
  });
});

describe("the list's URL state, edge by edge", () => {
  it("reads the first of repeated parameters, from a URL or from Next.js's search params", () => {
    expect(parseListQuery(new URLSearchParams("sort=title&sort=status&dir=desc")).sort).toBe("title");
    expect(parseListQuery({ sort: ["status", "title"], dir: "asc" })).toMatchObject({ sort: "status", dir: "asc" });
    expect(parseListQuery({ hide: ["owner", "updatedAt,status"] }).hidden).toEqual(["owner", "updatedAt", "status"]);
    expect(parseListQuery(new URLSearchParams("hide=owner&hide=owner")).hidden).toEqual(["owner"]);
  });
  it("sorts text columns A to Z and the date newest first unless told otherwise", () => {
    expect(parseListQuery({ sort: "title" }).dir).toBe("asc");
    expect(parseListQuery({ sort: "updatedAt" }).dir).toBe("desc");
    expect(parseListQuery({ sort: "title", dir: "desc" }).dir).toBe("desc");
    expect(parseListQuery({}).sort).toBe("updatedAt");
    expect(listQueryString({ ...DEFAULT_LIST_QUERY, sort: "title", dir: "asc" })).toBe("?sort=title&dir=asc");
    expect(listQueryString({ ...DEFAULT_LIST_QUERY, dir: "asc" })).toBe("?sort=updatedAt&dir=asc");
  });
  it("page 1 is the first page; 0 and fractions are not pages", () => {
    expect(parseListQuery({ page: "1" }).page).toBe(1);
    expect(parseListQuery({ page: "2" }).page).toBe(2);
    expect(parseListQuery({ page: "0" }).page).toBe(1);
    expect(parseListQuery({ page: "2.5" }).page).toBe(1);
  });
  it("a changed filter or direction goes back to page 1", () => {
    const q = { ...DEFAULT_LIST_QUERY, page: 4 };
    expect(changeListQuery(q, { filter: { ...DEFAULT_LIST_QUERY.filter, status: ["LIVE"] } }).page).toBe(1);
    expect(changeListQuery(q, { dir: "asc" }).page).toBe(1);
    expect(changeListQuery(q, { q: "x", page: 3 }).page).toBe(3);
  });
});

describe("where each answer's help points in its seeds", () => {
  it("every citation says where in the seed, as a numbered question or a quote or a topic", () => {
    for (const key of ANSWER_KEYS) for (const s of ANSWER_HELP[key].sources) expect(s.where?.trim().length ?? 0, `${key} ${s.seed}`).toBeGreaterThan(8);
  });
  it("the sections keep their ids, one each, in order (the form keys its fieldsets by them)", () => {
    expect(ASSESSMENT_SECTIONS.map((s) => s.id)).toEqual(["knowledge", "need", "data", "volume", "constraints", "readiness"]);
  });
  it("cites a numbered question only when the citation starts with it; an unknown seed by its id", () => {
    expect(shortCitation([{ seed: "001", where: "question 12: “a question”" }])).toBe("When to use which (question 12)");
    expect(shortCitation([{ seed: "001", where: "the text after question 2" }])).toBe("When to use which");
    expect(shortCitation([{ seed: "002" }])).toBe("Fine-tune or build RAG?");
    expect(shortCitation([{ seed: "999" as never, where: "question 1" }])).toBe("999 (question 1)");
  });
});
