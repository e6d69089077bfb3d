import { describe, expect, it } from "vitest";
import { categoryOf, detectFormat, suggestActualColumns } from "./fields";
import { ActualAggregator, fieldIndex, monthOf, readActualRow, tagValue } from "./rows";
import { attribute, createTagResolver, overAllocated, RULE_FIELD_LABELS, UNATTRIBUTED_LABELS, type SpendLine } from "./attribute";

describe("the use-case tag", () => {
  it.each([
    ['{"usecase":"UC-1","env":"prod"}', "UC-1"],
    ['{"UseCase":"UC-1"}', "UC-1"],
    ['{"use_case": 42}', "42"],
    ['["env=prod","usecase=UC-2"]', "UC-2"],
    ['["usecase:UC-3"]', "UC-3"],
    ["usecase=UC-4; env=prod", "UC-4"],
    ["env:prod,use-case:UC-5", "UC-5"],
    ['{"env":"prod"}', null],
    ["[]", null],
    ["", null],
    ["usecase=", null],
  ])("%s → %s", (cell, value) => expect(tagValue(cell, "usecase")).toBe(value));
});

describe("formats and columns", () => {
  it("recognises FOCUS and LiteLLM and maps their columns", () => {
    const focus = ["BillingAccountId", "SubAccountId", "ChargePeriodStart", "ChargePeriodEnd", "BilledCost", "EffectiveCost", "BillingCurrency", "ServiceCategory", "SkuId", "ConsumedQuantity", "ConsumedUnit", "ResourceId", "Tags"];
    expect(detectFormat(focus)).toBe("FOCUS");
    expect(suggestActualColumns(focus)).toMatchObject({ ChargePeriodStart: "date", BilledCost: "cost", EffectiveCost: "", SubAccountId: "account", SkuId: "sku", ResourceId: "resource", Tags: "tags", BillingCurrency: "currency" });
    expect(suggestActualColumns(focus, { costColumn: "EffectiveCost" })).toMatchObject({ BilledCost: "", EffectiveCost: "cost" });
    const litellm = ["date", "team_id", "api_key", "model", "spend", "api_requests", "request_tags"];
    expect(detectFormat(litellm)).toBe("LITELLM");
    expect(suggestActualColumns(litellm)).toMatchObject({ date: "date", spend: "cost", model: "sku", api_key: "resource", team_id: "account", request_tags: "tags", api_requests: "quantity" });
    expect(detectFormat(["Day", "Amount"])).toBe("CSV");
    expect(suggestActualColumns(["Day", "Amount", "Project"])).toEqual({ Day: "date", Amount: "cost", Project: "account" });
  });

  it.each([
    ["AI and Machine Learning", "FOCUS", "INFERENCE"],
    ["Compute", "FOCUS", "HOSTING"],
    ["Databases", "FOCUS", "RETRIEVAL"],
    ["Networking", "FOCUS", "OTHER"],
    ["", "LITELLM", "INFERENCE"],
    ["acompletion", "LITELLM", "INFERENCE"],
  ] as const)("category %j (%s) → %s", (value, format, category) => expect(categoryOf(value, format)).toBe(category));

  it("reads months", () => {
    expect(monthOf("2026-01-31T23:59:59Z")).toBe("2026-01");
    expect(monthOf("2026-02")).toBe("2026-02");
    expect(monthOf("2026-13-01")).toBeNull();
    expect(monthOf("31/01/2026")).toBeNull();
  });
});

describe("summing and attributing", () => {
  const headers = ["date", "cost", "tags", "resource"];
  const index = fieldIndex(headers, { date: "date", cost: "cost", tags: "tags", resource: "resource" });
  const read = (cells: string[]) => {
    const r = readActualRow(cells, index, { format: "CSV", tagKey: "usecase", ratesMicros: {} });
    if (!r.ok) throw new Error(r.message);
    return r.row;
  };

  it("keeps one line per month and key, whole cents adding up to each month's exact total", () => {
    const agg = new ActualAggregator();
    for (let day = 1; day <= 30; day++) agg.add(read([`2026-04-${String(day).padStart(2, "0")}`, "0.333", "usecase=A", "r1"]));
    agg.add(read(["2026-04-02", "0.333", "", "r2"]));
    const lines = agg.finish();
    expect(lines).toHaveLength(2);
    expect(agg.monthTotals().get("2026-04")).toBe(1032n); // 31 × 0.333 = 10.323
    expect(lines.reduce((n, l) => n + l.cents, 0n)).toBe(1032n);
    expect(lines.find((l) => l.tag === "A")).toMatchObject({ rows: 30, cents: 999n });
  });

  it("never spreads untagged spend: a tag wins, then rules, and the rest is unattributed with its reason", () => {
    const out = attribute(
      [
        { month: "2026-01", category: "INFERENCE", tag: "X-1", resource: "shared", sku: "", account: "", cents: 100n },
        { month: "2026-01", category: "RETRIEVAL", tag: null, resource: "shared", sku: "", account: "", cents: 1001n },
        { month: "2026-01", category: "OTHER", tag: null, resource: "lonely", sku: "", account: "", cents: 50n },
        { month: "2026-01", category: "INFERENCE", tag: "NOPE", resource: "", sku: "", account: "", cents: 7n },
      ],
      [
        { field: "resource", value: "shared", useCaseId: "u1", shareBp: 5000 },
        { field: "resource", value: "shared", useCaseId: "u2", shareBp: 2500 },
      ],
      new Map([["X-1", "u1"]]),
    );
    const get = (who: string, category: string) => out.find((s) => (s.useCaseId ?? s.reason) === who && s.category === category)?.cents;
    expect(get("u1", "INFERENCE")).toBe(100n);
    expect(get("u1", "RETRIEVAL")).toBe(501n);
    expect(get("u2", "RETRIEVAL")).toBe(250n);
    expect(get("untagged", "RETRIEVAL")).toBe(250n);
    expect(get("untagged", "OTHER")).toBe(50n);
    expect(get("unknown-tag", "INFERENCE")).toBe(7n);
    expect(out.reduce((n, s) => n + s.cents, 0n)).toBe(100n + 1001n + 50n + 7n);
  });
});

describe("attribution: the edges", () => {
  const line = (over: Partial<SpendLine>): SpendLine => ({ month: "2026-02", category: "INFERENCE", tag: null, resource: "", sku: "", account: "", cents: 100n, ...over });

  it("adds lines of one use case, month and category together, and leaves out nothing-cent parts", () => {
    const out = attribute(
      [line({ tag: "A" }), line({ tag: "A", cents: 23n }), line({ resource: "r", cents: 0n }), line({ resource: "full" })],
      [{ field: "resource", value: "full", useCaseId: "u2", shareBp: 10_000 }],
      new Map([["A", "u1"]]),
    );
    expect(out).toEqual([
      { useCaseId: "u1", reason: null, month: "2026-02", category: "INFERENCE", cents: 123n },
      { useCaseId: "u2", reason: null, month: "2026-02", category: "INFERENCE", cents: 100n },
    ]);
  });

  it("the share a rule leaves of a line tagged with an unknown id stays unattributed as an unknown tag", () => {
    const out = attribute([line({ tag: "NOPE", sku: "gpt" })], [{ field: "sku", value: "gpt", useCaseId: "u1", shareBp: 4_000 }], new Map());
    expect(out.map((s) => [s.useCaseId ?? s.reason, s.cents])).toEqual([
      ["u1", 40n],
      ["unknown-tag", 60n],
    ]);
  });

  it("a tag differing from an external id only in letter case or surrounding spaces names that use case", () => {
    const ids = new Map([["AI-006", "u6"], ["AI-007", "u7"]]);
    const out = attribute([line({ tag: "ai-006" }), line({ tag: " Ai-006 ", cents: 20n }), line({ tag: "AI-007", cents: 3n }), line({ tag: "ai-0067", cents: 4n })], [], ids);
    expect(out.map((s) => [s.useCaseId ?? s.reason, s.cents])).toEqual([
      ["u6", 120n],
      ["u7", 3n],
      ["unknown-tag", 4n],
    ]);
    expect(createTagResolver(ids)("ai-006")).toEqual({ useCaseId: "u6", ambiguous: [] });
  });

  it("when two external ids differ only in letter case, a tag matching neither exactly is ambiguous and stays unattributed", () => {
    const ids = new Map([["AI-006", "u6"], ["ai-006", "u60"]]);
    const out = attribute([line({ tag: "AI-006" }), line({ tag: "ai-006", cents: 2n }), line({ tag: "Ai-006", cents: 5n, sku: "gpt" })], [{ field: "sku", value: "gpt", useCaseId: "u1", shareBp: 10_000 }], ids);
    // Exact matches win; the ambiguous tag falls to the rules like any tag naming no use case.
    expect(out.map((s) => [s.useCaseId ?? s.reason, s.cents])).toEqual([
      ["u6", 100n],
      ["u60", 2n],
      ["u1", 5n],
    ]);
    expect(createTagResolver(ids)("Ai-006")).toEqual({ useCaseId: null, ambiguous: ["AI-006", "ai-006"] });
    expect(attribute([line({ tag: "Ai-006" })], [], ids).map((s) => s.reason)).toEqual(["unknown-tag"]);
  });

  it("a line with no resource matches no rule on an empty resource", () => {
    const out = attribute([line({})], [{ field: "resource", value: "", useCaseId: "u1", shareBp: 10_000 }], new Map());
    expect(out.map((s) => s.reason)).toEqual(["untagged"]);
  });

  it("says which keys the rules give more than 100% of, and by how much", () => {
    expect(
      overAllocated([
        { field: "resource", value: "r1", useCaseId: "u1", shareBp: 6_000 },
        { field: "resource", value: "r1", useCaseId: "u2", shareBp: 5_000 },
        { field: "sku", value: "r1", useCaseId: "u1", shareBp: 10_000 },
        { field: "account", value: "a", useCaseId: "u1", shareBp: 9_000 },
        { field: "account", value: "a", useCaseId: "u2", shareBp: 1_000 },
      ]),
    ).toEqual([{ field: "resource", value: "r1", shareBp: 11_000 }]);
  });

  it("labels the rule fields and the reasons spend is unattributed", () => {
    expect(RULE_FIELD_LABELS).toEqual({ resource: "Resource", sku: "SKU or model", account: "Account" });
    expect(UNATTRIBUTED_LABELS).toEqual({ untagged: "No use-case tag and no rule", "unknown-tag": "Tagged with an external id no use case has" });
  });
});

describe("reading a row of actual spend", () => {
  const headers = ["date", "cost", "currency", "category", "sku", "quantity", "unit", "resource", "account", "tags", "use case id"];
  const index = fieldIndex(headers, {
    date: "date", cost: "cost", currency: "currency", category: "category", sku: "sku", quantity: "quantity", unit: "unit", resource: "resource", account: "account", tags: "tags", "use case id": "useCase",
  });
  const options = { format: "FOCUS" as const, tagKey: "usecase", ratesMicros: { EUR: 1_100_000n } };
  const cells = (over: Record<string, string>) => headers.map((h) => over[h] ?? "");

  it("reads every field, trimmed", () => {
    const r = readActualRow(
      cells({ date: " 2026-03-05 ", cost: " 12.50 ", currency: " usd ", category: " Compute ", sku: " gpt-x ", quantity: " 1,500 ", unit: " requests ", resource: " r-1 ", account: " acct ", tags: "usecase=UC-9" }),
      index,
      options,
    );
    expect(r).toEqual({
      ok: true,
      row: { month: "2026-03", category: "HOSTING", tag: "UC-9", resource: "r-1", sku: "gpt-x", account: "acct", unit: "requests", quantity: 1500, nanos: 12_500_000_000n },
    });
  });

  it("a use-case column wins over the tags; a quantity that is not a number counts as none", () => {
    const r = readActualRow(cells({ date: "2026-03-05", cost: "1", tags: "usecase=UC-9", "use case id": " UC-1 ", quantity: "lots" }), index, options);
    expect(r).toMatchObject({ ok: true, row: { tag: "UC-1", quantity: 0 } });
    // A decimal comma is not a thousands separator: "1,5" is unknown, never 15.
    for (const [q, n] of [["1,5", 0], ["1,234,5", 0], ["0,500", 0], ["1,250", 1250], ["2.5", 2.5]] as const) {
      expect(readActualRow(cells({ date: "2026-03-05", cost: "1", quantity: q }), index, options), q).toMatchObject({ ok: true, row: { quantity: n } });
    }
  });

  it("reads a cost written in thousands or millions, exactly", () => {
    expect(readActualRow(cells({ date: "2026-03-05", cost: "15k" }), index, options)).toMatchObject({ ok: true, row: { nanos: 15_000_000_000_000n } });
    expect(readActualRow(cells({ date: "2026-03-05", cost: "$1.2M" }), index, options)).toMatchObject({ ok: true, row: { nanos: 1_200_000_000_000_000n } });
  });

  it("converts a cost in another currency at its rate", () => {
    expect(readActualRow(cells({ date: "2026-03-05", cost: "10", currency: "eur" }), index, options)).toMatchObject({ ok: true, row: { nanos: 11_000_000_000n } });
  });

  it.each([
    [{ cost: "1" }, "The date is empty."],
    [{ date: "05/03/2026", cost: "1" }, "The date “05/03/2026” is not a date like 2026-01-31."],
    [{ date: "2026-03-05" }, "The cost is empty."],
    [{ date: "2026-03-05", cost: "ten" }, "The cost “ten” is not a number: write it like 1234.56, 1,234.56, 15k or 1.2M."],
    [{ date: "2026-03-05", cost: "1", currency: "gbp" }, "The cost is in GBP, and no exchange rate to USD was given for it."],
    [{ date: "1999-12-01", cost: "1" }, "The date “1999-12-01” is outside 2000–2200."],
    [{ date: "2026-02-31", cost: "1" }, "The date “2026-02-31” is not a date like 2026-01-31."],
    // A dollar sign and another currency: one of them is wrong, so neither is guessed ($5 was converted as €5).
    [{ date: "2026-03-05", cost: "$5", currency: "eur" }, "The cost “$5” is written in dollars, but the row's currency is EUR."],
  ])("refuses %j: %s", (over, message) => {
    expect(readActualRow(cells(over), index, options)).toEqual({ ok: false, message });
  });

  it("cuts a long date or cost in its message to 40 characters", () => {
    const long = "x".repeat(60);
    expect(readActualRow(cells({ date: long, cost: "1" }), index, options)).toEqual({ ok: false, message: `The date “${"x".repeat(40)}” is not a date like 2026-01-31.` });
    expect(readActualRow(cells({ date: "2026-01-01", cost: long }), index, options)).toEqual({ ok: false, message: `The cost “${"x".repeat(40)}” is not a number: write it like 1234.56, 1,234.56, 15k or 1.2M.` });
  });

  it("a row shorter than the header leaves the missing cells empty, and a column mapped twice is read from the first", () => {
    const idx = fieldIndex(["date", "cost", "cost2", "tags"], { date: "date", cost: "cost", cost2: "cost", tags: "tags" });
    expect(idx).toEqual({ date: 0, cost: 1, tags: 3 });
    expect(readActualRow(["2026-01-01", "2"], idx, options)).toMatchObject({ ok: true, row: { tag: null, nanos: 2_000_000_000n } });
  });
});

describe("months and tags: the edges", () => {
  it.each([
    [" 2026-01-31 ", "2026-01"],
    ["2026-01-31 10:00", "2026-01"],
    ["2000-01-01", "2000-01"],
    ["2200-12-31", "2200-12"],
    ["2026-12", "2026-12"],
    ["1999-12-31", null],
    ["2201-01-01", null],
    ["2026-00-01", null],
    ["2026-01-00", null],
    ["2026-01-32", null],
    // A day the month does not have is a typo, not a date in that month.
    ["2026-02-31", null],
    ["2026-02-29", null],
    ["2028-02-29", "2028-02"],
    ["2026-04-31", null],
    ["2026-04-30", "2026-04"],
    ["2026-01-31X", null],
    ["x2026-01-31", null],
    ["2026-01-31Z", null],
  ])("month of %j: %s", (value, month) => {
    expect(monthOf(value)).toBe(month);
  });

  it.each([
    ['[{"usecase":"UC-1"}, "usecase=UC-2"]', "UC-2"],
    ['["usecase=  ", 5]', null],
    ['{"usecase":"  ","use_case":" UC-3 "}', "UC-3"],
    ['{"usecase":true}', null],
    ['{"usecase"', null],
    ["{usecase=UC-6}", "UC-6"],
    ['"usecase=UC-7"', "UC-7"],
    ["  usecase = UC-8  ", "UC-8"],
    // A quoted value is the text inside its quotes (the stray quote sent the spend to "unknown tag").
    ['usecase: "UC-10"', "UC-10"],
    ["usecase='UC-11'; env=prod", "UC-11"],
    ['usecase="UC-12', "UC-12"],
    ["xusecase=UC-9", null],
    ["null", null],
  ])("tag of %j: %s", (cell, value) => {
    expect(tagValue(cell, "usecase")).toBe(value);
  });

  it("a tag is cut to 500 characters", () => {
    expect(tagValue(`usecase=${"u".repeat(600)}`, "usecase")).toHaveLength(500);
    expect(tagValue(JSON.stringify({ usecase: "u".repeat(600) }), "usecase")).toHaveLength(500);
  });
});

describe("the aggregator", () => {
  it("keeps a charge and a credit of one month on their own lines, even when they cancel out", () => {
    const agg = new ActualAggregator();
    const line = (resource: string, nanos: bigint) => ({ month: "2026-01", category: "INFERENCE" as const, tag: null, resource, sku: "", account: "", unit: "", quantity: 1, nanos });
    agg.add(line("a", 100_000_000_000n));
    agg.add(line("b", -100_000_000_000n));
    expect(agg.finish().map((l) => [l.resource, l.cents])).toEqual([["a", 10_000n], ["b", -10_000n]]);
    // Nearly cancelling, with fractions of a cent: each line within a cent of its own amount, the month's total exact.
    const near = new ActualAggregator();
    near.add(line("a", 100_004_000_000n));
    near.add(line("b", -100_000_000_000n));
    near.add(line("c", 3_000_000n));
    const lines = near.finish();
    // $100.004, −$100 and $0.003: the month is $0.007, one cent, which goes to the amount rounding cut most ($0.004 off a).
    expect(lines.map((l) => [l.resource, l.cents])).toEqual([["a", 10_001n], ["b", -10_000n], ["c", 0n]]);
    expect(lines.reduce((s, l) => s + l.cents, 0n)).toBe(near.monthTotals().get("2026-01"));
  });

  const row = (over: Partial<Parameters<ActualAggregator["add"]>[0]>) => ({ month: "2026-01", category: "INFERENCE" as const, tag: null, resource: "", sku: "", account: "", unit: "", quantity: 1, nanos: 10_000_000n, ...over });

  it("counts rows, adds quantities, keeps an untagged line apart from one tagged with an empty id, and lists months in order", () => {
    const agg = new ActualAggregator();
    agg.add(row({ month: "2026-03", quantity: 2 }));
    agg.add(row({ month: "2026-03", quantity: 3 }));
    agg.add(row({ month: "2026-01", tag: "" }));
    agg.add(row({ month: "2026-01" }));
    agg.add(row({ month: "2026-02", unit: "tokens" }));
    agg.add(row({ month: "2026-02", unit: "calls" }));
    expect(agg.rows).toBe(6);
    expect(agg.distinctKeys).toBe(5);
    expect([...agg.monthTotals().keys()]).toEqual(["2026-01", "2026-02", "2026-03"]);
    const lines = agg.finish();
    expect(lines.map((l) => [l.month, l.tag, l.unit, l.quantity, l.rows, l.cents])).toEqual([
      ["2026-01", "", "", 1, 1, 1n],
      ["2026-01", null, "", 1, 1, 1n],
      ["2026-02", null, "tokens", 1, 1, 1n],
      ["2026-02", null, "calls", 1, 1, 1n],
      ["2026-03", null, "", 5, 2, 2n],
    ]);
  });
});
