import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sourcePath } from "../../tests/helpers/source-files";
import { ANSWER_KEYS } from "./assessment";
import { ANSWER_HELP, ASSESSMENT_SECTIONS, SEED_FILES, shortCitation } from "./assessment-help";
import { useCaseFieldsSchema } from "./use-case";
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
  savedNotice,
  withStartDate,
} from "./use-case-form";

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
    // A comma separates thousands or it is refused: a decimal comma is never read as ten times the number.
    ["2,5", Number.NaN],
    ["0,5", Number.NaN],
    ["1,5", Number.NaN],
    ["12,34,567", Number.NaN],
    ["1 000", 1000],
    ["-12,000.5", -12000.5],
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
    // A decimal comma is told how to write it, next to its field.
    const comma = { ...emptyFormValues(), title: "A" };
    comma.assessment.yearlyGrowthPct = "2,5";
    const c = checkFormValues(comma);
    expect(c.ok ? null : c.errors["assessment.yearlyGrowthPct"]).toEqual(["Write decimals with a point (2.5); a comma only separates thousands"]);
    // A number past 2^53 is said to be too large, not "whole years" or "whole number" (it reads as one).
    const huge = { ...emptyFormValues(), title: "A", horizonYears: "99999999999999999999" };
    huge.assessment.monthlyCalls = "99999999999999999999";
    const h = checkFormValues(huge);
    expect(h.ok ? null : h.errors.horizonYears).toEqual(["Enter the number of years, 1 to 10"]);
    expect(h.ok ? null : h.errors["assessment.monthlyCalls"]).toEqual(["Far too large a number"]);
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

  it("keeps their additional fields (an import's update) when mine are the ones I opened, as another copy", () => {
    // The page hands the form its values (a copy of the stored fields); the form rebuilds the base from those fields: equal, never the same object.
    const opened = useCaseFieldsSchema.parse({ title: "Inventory row", externalId: "INV-1", additionalFields: { Bureau: "Claims" } });
    const mine = { ...formValuesFromFields(opened), title: "Inventory row (renamed)" };
    const theirs = formValuesFromFields({ ...opened, additionalFields: { Bureau: "Claims and Recoveries" } });
    const merged = mergeFormValues(formValuesFromFields(opened), mine, theirs);
    expect(merged.title).toBe("Inventory row (renamed)");
    expect(merged.additionalFields).toEqual({ Bureau: "Claims and Recoveries" });
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

  it("records a planned start chosen in the form to the day, over an imported year-only one", () => {
    const imported = formValuesFromFields(useCaseFieldsSchema.parse({ title: "From the inventory", startDate: "2025-01-01", startDatePrecision: "YEAR" }));
    expect(imported).toMatchObject({ startDate: "2025-01-01", startDatePrecision: "YEAR" });
    const edited = withStartDate(imported, "2027-06-15");
    const r = checkFormValues(edited);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.fields).toMatchObject({ startDate: "2027-06-15", startDatePrecision: "DAY" });
    // Untouched, the year-only start stays year-only.
    const kept = checkFormValues(imported);
    if (kept.ok) expect(kept.fields).toMatchObject({ startDate: "2025-01-01", startDatePrecision: "YEAR" });
  });

  it("reads a yearly growth written with its percent sign as that percentage", () => {
    const v = { ...emptyFormValues(), title: "Growing" };
    for (const [typed, pct] of [["20%", 20], ["-5 %", -5], ["2.5%", 2.5]] as const) {
      v.assessment.yearlyGrowthPct = typed;
      const r = checkFormValues(v);
      expect(r.ok, typed).toBe(true);
      if (r.ok) expect(r.fields.assessment.yearlyGrowthPct).toBe(pct);
    }
    // Only there: a count with a percent sign is still not a number.
    const lag = { ...emptyFormValues(), title: "Lag" };
    lag.assessment.maxLagDays = "20%";
    expect(formValuesToInput(lag).errors).toEqual({ "assessment.maxLagDays": ["Enter a number"] });
  });

  it("reads a manual estimate written with a dollar sign", () => {
    const r = checkFormValues({ ...emptyFormValues(), title: "Agent", manualLow: "$1,500", manualBase: "$ 2,000.50", manualHigh: "3000" });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.fields.manualEstimate).toEqual({ low: 1_500_00, base: 2_000_50, high: 3_000_00 });
  });

  it("reads a manual estimate written in thousands or millions, exactly, and says why it refuses one", () => {
    const r = checkFormValues({ ...emptyFormValues(), title: "Agent", manualLow: "60k", manualBase: "1.005M", manualHigh: "1.5M" });
    expect(r.ok && r.fields.manualEstimate).toEqual({ low: 6_000_000, base: 100_500_000, high: 150_000_000 });
    const { errors } = formValuesToInput({ ...emptyFormValues(), title: "Agent", manualLow: "-5", manualBase: "12.345", manualHigh: "lots" });
    expect(errors).toEqual({
      "manualEstimate.low": ["Cannot be negative"],
      "manualEstimate.base": ["At most two decimals (cents): 12.345 dollars has 3"],
      "manualEstimate.high": ["Write the amount in dollars, e.g. 60000, 60,000.50, 60k or 1.5M"],
    });
  });

  it("tells a save that changed nothing from one that did", () => {
    expect(savedNotice("create")).toBe("created");
    expect(savedNotice("edit", ["title"])).toBe("updated");
    expect(savedNotice("edit", [])).toBe("unchanged");
  });

  it("refuses an emptied horizon rather than saving the default 5 years over the stored one", () => {
    const stored = formValuesFromFields(useCaseFieldsSchema.parse({ title: "Three-year pilot", horizonYears: 3 }));
    expect(stored.horizonYears).toBe("3");
    const r = checkFormValues({ ...stored, horizonYears: "  " });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual({ horizonYears: ["Enter the number of years, 1 to 10"] });
    expect(r.input).not.toHaveProperty("horizonYears");
  });

  it("says what is wrong with a choice, a horizon or an amount that cannot be read", () => {
    const v = { ...emptyFormValues(), title: "Typos", horizonYears: "five", manualLow: "1", manualBase: "two", manualHigh: "3" };
    v.assessment.needsCitations = "maybe";
    const { errors } = formValuesToInput(v);
    expect(errors).toEqual({
      "assessment.needsCitations": ["Choose yes, no or unanswered"],
      horizonYears: ["Enter a whole number of years"],
      "manualEstimate.base": ["Write the amount in dollars, e.g. 60000, 60,000.50, 60k or 1.5M"],
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
