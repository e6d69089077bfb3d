import { describe, expect, it } from "vitest";
import {
  ACTUAL_CATEGORY_LABELS,
  withChosenColumns,
  ACTUAL_COLUMN_NAMES,
  ACTUAL_FIELD_KEYS,
  ACTUAL_FIELD_LABELS,
  ACTUAL_FORMAT_LABELS,
  actualMappingProblems,
  categoryOf,
  detectFormat,
  PROJECTION_CATEGORY,
  suggestActualColumns,
} from "./fields";

describe("each column name an export uses is recognised as its field", () => {
  const cases = ACTUAL_FIELD_KEYS.flatMap((field) => ACTUAL_COLUMN_NAMES[field].map((name) => [name, field] as const));

  it("lists at least one name per field", () => {
    for (const field of ACTUAL_FIELD_KEYS) expect(ACTUAL_COLUMN_NAMES[field].length).toBeGreaterThan(0);
  });

  it.each(cases)("%s → %s", (name, field) => {
    expect(suggestActualColumns([name])).toEqual({ [name]: field });
  });

  it.each(["date", "useCase"])("so is the field's own key: %s", (key) => {
    expect(suggestActualColumns([key])).toEqual({ [key]: key });
  });
});

describe("recognising a file's format", () => {
  it.each([
    [["ChargePeriodStart", "BilledCost"], "FOCUS"],
    [["ChargePeriodStart", "EffectiveCost"], "FOCUS"],
    [["charge_period_start", "billed cost"], "FOCUS"],
    [["ChargePeriodStart"], "CSV"],
    [["BilledCost", "EffectiveCost"], "CSV"],
    [["spend", "model"], "LITELLM"],
    [["spend", "model_group"], "LITELLM"],
    [["spend", "api_key"], "LITELLM"],
    [["spend"], "CSV"],
    [["model", "api_key"], "CSV"],
    [["date", "cost"], "CSV"],
  ])("%j is %s", (headers, format) => {
    expect(detectFormat(headers)).toBe(format);
  });

  it("names each format", () => {
    expect(ACTUAL_FORMAT_LABELS).toEqual({ FOCUS: "FOCUS (FinOps cost and usage)", LITELLM: "LiteLLM spend export", CSV: "Other CSV" });
  });
});

describe("which cost column counts in FOCUS", () => {
  const headers = ["ChargePeriodStart", "BilledCost", "EffectiveCost"];
  it("BilledCost by default, EffectiveCost when asked, never both", () => {
    const billed = suggestActualColumns(headers);
    expect(billed).toMatchObject({ BilledCost: "cost", EffectiveCost: "" });
    const effective = suggestActualColumns(headers, { costColumn: "EffectiveCost" });
    expect(effective).toMatchObject({ BilledCost: "", EffectiveCost: "cost" });
  });

  it("a file with only the amortised cost keeps it as the cost", () => {
    expect(suggestActualColumns(["ChargePeriodStart", "EffectiveCost"])).toMatchObject({ EffectiveCost: "cost" });
  });
});

describe("the columns a person chooses over the suggestion", () => {
  const headers = ["Invoice Date", "Amount USD", "Project", "spend"];
  it("points each chosen field at its header, taking it from any other, and leaves the rest as suggested", () => {
    const suggested = suggestActualColumns(headers);
    expect(suggested).toMatchObject({ "Invoice Date": "", "Amount USD": "", Project: "account", spend: "cost" });
    const map = withChosenColumns(headers, suggested, { date: "Invoice Date", cost: "Amount USD", useCase: "Project" });
    expect(map).toEqual({ "Invoice Date": "date", "Amount USD": "cost", Project: "useCase", spend: "" });
    expect(actualMappingProblems(headers, map)).toEqual([]);
  });
  it("\"\" leaves a field without a column; a header the file lacks, or a field not chosen, changes nothing", () => {
    const suggested = { "Invoice Date": "", "Amount USD": "", Project: "", spend: "cost" } as const;
    expect(withChosenColumns(headers, suggested, { cost: "" })).toMatchObject({ spend: "" });
    expect(withChosenColumns(headers, suggested, { cost: "Nope" })).toEqual(suggested);
    expect(withChosenColumns(headers, suggested, {})).toEqual(suggested);
  });
  it("finds a header written with spaces around it, as the form offers it trimmed", () => {
    const spaced = [" Invoice Date ", "Amount USD  ", "spend"];
    const map = withChosenColumns(spaced, suggestActualColumns(spaced), { date: "Invoice Date", cost: "Amount USD" });
    expect(map).toEqual({ " Invoice Date ": "date", "Amount USD  ": "cost", spend: "" });
    expect(actualMappingProblems(spaced, map)).toEqual([]);
  });
});

describe("what a column map lacks", () => {
  const headers = ["day", "spend", "model", "team"];
  it("nothing, when the date and the cost are mapped once each", () => {
    expect(actualMappingProblems(headers, { day: "date", spend: "cost", model: "sku", team: "" })).toEqual([]);
  });

  it("asks for the date and the cost", () => {
    expect(actualMappingProblems(headers, { day: "", spend: "", model: "sku" })).toEqual([
      "Choose the column that holds each row's date, under Columns (in FOCUS, ChargePeriodStart).",
      "Choose the column that holds each row's cost, under Columns (in FOCUS, BilledCost or EffectiveCost; in LiteLLM, spend).",
    ]);
  });

  it("refuses two columns for one field, naming it", () => {
    expect(actualMappingProblems(headers, { day: "date", spend: "cost", model: "sku", team: "sku" })).toEqual(["Only one column can be the SKU or model."]);
  });

  it("refuses a column the file does not have, and does not count it as mapped", () => {
    expect(actualMappingProblems(headers, { day: "date", spend: "cost", Amount: "cost" })).toEqual(["The mapping names a column “Amount” that the file does not have."]);
    expect(actualMappingProblems(headers, { day: "date", Amount: "cost" })).toEqual([
      "Choose the column that holds each row's cost, under Columns (in FOCUS, BilledCost or EffectiveCost; in LiteLLM, spend).",
      "The mapping names a column “Amount” that the file does not have.",
    ]);
  });

  it("labels every field", () => {
    expect(ACTUAL_FIELD_LABELS).toEqual({
      date: "Date (or charge period start)",
      periodEnd: "Charge period end",
      cost: "Cost",
      currency: "Currency",
      category: "Service category",
      sku: "SKU or model",
      quantity: "Consumed quantity",
      unit: "Consumed unit",
      resource: "Resource",
      account: "Account",
      tags: "Tags",
      useCase: "Use case (external id)",
    });
  });
});

describe("a row's category", () => {
  it.each([
    ["AI and Machine Learning", "FOCUS", "INFERENCE"],
    ["GenAI", "CSV", "INFERENCE"],
    ["acompletion", "LITELLM", "INFERENCE"],
    ["Compute", "FOCUS", "HOSTING"],
    ["fine-tuning", "CSV", "HOSTING"],
    ["Databases", "FOCUS", "RETRIEVAL"],
    ["vector search", "CSV", "RETRIEVAL"],
    ["", "LITELLM", "INFERENCE"],
    ["", "FOCUS", "OTHER"],
    ["Networking", "FOCUS", "OTHER"],
    ["aicompute", "FOCUS", "OTHER"],
    ["computegpu", "FOCUS", "OTHER"],
    ["cloudstorage", "FOCUS", "OTHER"],
    ["storagetier", "FOCUS", "OTHER"],
    ["said", "FOCUS", "OTHER"],
    ["mlops", "FOCUS", "OTHER"],
    ["image_generation_call", "LITELLM", "INFERENCE"],
    ["image_generation_call", "CSV", "OTHER"],
    ["moderation", "LITELLM", "OTHER"],
  ])("%j in a %s file is %s", (value, format, category) => {
    expect(categoryOf(value, format as "FOCUS" | "LITELLM" | "CSV")).toBe(category);
  });

  it("labels each category, and places each projection category against one", () => {
    expect(ACTUAL_CATEGORY_LABELS).toEqual({ INFERENCE: "Inference", HOSTING: "Hosting", RETRIEVAL: "Retrieval", OTHER: "Other" });
    expect(PROJECTION_CATEGORY).toEqual({
      INFERENCE: "INFERENCE",
      FT_HOSTING: "HOSTING",
      TRAINING_COMPUTE: "HOSTING",
      RETRIEVAL_INFRA: "RETRIEVAL",
      // The corpus's first embedding, its own one-off line from engine 2.14: an embedding bill.
      CORPUS_EMBEDDING: "RETRIEVAL",
    });
    // An owner's yearly estimate is the whole cost, people's time in it: no bill is set against it.
    expect(PROJECTION_CATEGORY).not.toHaveProperty("MANUAL_ESTIMATE");
  });
});
