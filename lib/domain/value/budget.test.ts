import { describe, expect, it } from "vitest";
import { dollars } from "../money";
import { anyApproval, approvedText, BUDGET_STATUS_LABELS, budgetInputSchema, budgetRows, budgetStatus, budgetStatusText, budgetYearChoices, budgetYearReason, leftOutSentence, leftOutText, parseBudgetYear, parseDollarsToCents } from "./budget";

const m = (low: number, base: number, high: number) => ({ low, base, high });

describe("budgetStatus", () => {
  it.each([
    ["no budget", m(1, 2, 3), null, null, "no-budget"],
    ["base above the budget", m(50, 101, 150), 100, null, "over"],
    ["only the high case above", m(50, 100, 150), 100, null, "at-risk"],
    ["exactly at the budget", m(100, 100, 100), 100, null, "within"],
    ["below", m(10, 20, 30), 100, null, "within"],
    ["approved spend above the budget", m(10, 20, 30), 100, 101, "over"],
    ["approved spend within", m(10, 20, 30), 100, 100, "within"],
    ["nothing costed", null, 100, null, "not-costed"],
    ["nothing costed, no budget", null, null, null, "no-budget"],
    ["nothing costed, approved spend above the budget", null, 100, 101, "over"],
  ] as const)("%s → %s", (_, projected, budget, approved, status) => expect(budgetStatus(projected, budget, approved)).toBe(status));
});

describe("budgetRows", () => {
  const spend = [
    { businessUnit: "Claims", projected: m(80, 120, 200), useCases: 2, incomplete: 0 },
    { businessUnit: "", projected: m(1, 1, 1), useCases: 1, incomplete: 1 },
    { businessUnit: "Actuarial", projected: m(10, 20, 30), useCases: 1, incomplete: 0 },
  ];
  it("joins spend and budgets per unit, units without a name last, approvals not yet known", () => {
    const rows = budgetRows(spend, new Map([["Claims", 100], ["Marketing", 500]]), null);
    expect(rows.map((r) => [r.businessUnit, r.budgetCents, r.projected?.base, r.overByCents, r.status, r.approvedCents])).toEqual([
      ["Actuarial", null, 20, null, "no-budget", null],
      ["Claims", 100, 120, 20, "over", null],
      ["Marketing", 500, 0, -500, "within", null],
      ["", null, 1, null, "no-budget", null],
    ]);
  });
  it("uses approved spend when the approvals give it", () => {
    const rows = budgetRows(spend, new Map([["Actuarial", 25]]), new Map([["Actuarial", 40]]));
    expect(rows.find((r) => r.businessUnit === "Actuarial")).toMatchObject({ approvedCents: 40, status: "over" });
  });
  it("gives a unit with only an approval a row (no projection, not $0), so the rows hold every approval", () => {
    const rows = budgetRows(spend, new Map(), new Map([["Claims", 40], ["Legal", 70]]), new Map([["Risk", 1]]));
    expect(rows.map((r) => [r.businessUnit, r.projected, r.approvedCents, r.approvedWithoutFigure, r.status])).toEqual([
      ["Actuarial", m(10, 20, 30), null, 0, "no-budget"],
      ["Claims", m(80, 120, 200), 40, 0, "no-budget"],
      ["Legal", null, 70, 0, "no-budget"],
      ["Risk", null, null, 1, "no-budget"],
      ["", m(1, 1, 1), null, 0, "no-budget"],
    ]);
    expect(rows.reduce((a, r) => a + (r.approvedCents ?? 0), 0)).toBe(110);
    expect(anyApproval(rows)).toBe(true);
    expect(anyApproval(budgetRows(spend, new Map(), null))).toBe(false);
  });
});

describe("a row's status as the table says it", () => {
  const d = (c: number) => `$${c}`;
  const row = (projected: ReturnType<typeof m>, budgetCents: number | null, approvedCents: number | null = null) => ({ projected, budgetCents, approvedCents, status: budgetStatus(projected, budgetCents, approvedCents) });
  it("says by how much the base is over, and that the low case stays within where it does", () => {
    expect(budgetStatusText(row(m(110, 120, 200), 100), d)).toBe("Over budget by $20");
    expect(budgetStatusText(row(m(80, 120, 200), 100), d)).toBe("Over budget by $20 at base; within it in the low case");
    expect(budgetStatusText(row(m(100, 120, 200), 100), d)).toBe("Over budget by $20 at base; within it in the low case");
    // A cent over, in dollars as the page shows them: it read "Over budget by $0 at base".
    expect(budgetStatusText(row(m(9_000_000, 10_000_001, 11_000_000), 10_000_000), dollars)).toBe("Over budget by under $1 at base; within it in the low case");
  });
  it("over only by its approved spend, says so, never a negative overrun of the base", () => {
    const text = budgetStatusText(row(m(10, 20, 30), 25, 40), d);
    expect(text).toBe("Over budget: approved spend exceeds it by $15");
    expect(text).not.toContain("-");
  });
  it("is the status's label otherwise", () => {
    expect(budgetStatusText(row(m(50, 100, 150), 100), d)).toBe(BUDGET_STATUS_LABELS["at-risk"]);
    expect(budgetStatusText(row(m(1, 2, 3), null), d)).toBe(BUDGET_STATUS_LABELS["no-budget"]);
    expect(budgetStatusText(row(m(10, 20, 30), 100), d)).toBe(BUDGET_STATUS_LABELS.within);
  });
});

describe("use cases the projection leaves out (not costed, or with a missing figure)", () => {
  const d = (c: number) => `$${c}`;
  // The demo's 2027: Procurement's one use case is an agent the cost model does not price;
  // Sales & Distribution has costed use cases and one such agent; IT has one with a missing figure.
  const spend = [
    { businessUnit: "Sales & Distribution", projected: m(60, 75, 90), useCases: 3, incomplete: 0 },
    { businessUnit: "IT", projected: m(10, 20, 30), useCases: 2, incomplete: 1 },
  ];
  const notCosted = new Map([["Procurement", 1], ["Sales & Distribution", 1]]);

  it("gives a unit whose use cases in the year are all not costed a row, with no projection (never $0)", () => {
    const rows = budgetRows(spend, new Map(), null, new Map(), notCosted);
    expect(rows.map((r) => [r.businessUnit, r.projected, r.notCosted, r.incomplete, r.status])).toEqual([
      ["IT", m(10, 20, 30), 0, 1, "no-budget"],
      ["Procurement", null, 1, 0, "no-budget"],
      ["Sales & Distribution", m(60, 75, 90), 1, 0, "no-budget"],
    ]);
    expect(rows.map((r) => leftOutText(r))).toEqual(["1 with a missing figure (left out)", "1 not costed (left out)", "1 not costed (left out)"]);
  });

  it("with a budget, a unit with nothing costed is not judged (not $0 'Within budget'), and says how many it leaves out", () => {
    const rows = budgetRows(spend, new Map([["Procurement", 50_000]]), null, new Map(), new Map([["Procurement", 2]]));
    const procurement = rows.find((r) => r.businessUnit === "Procurement")!;
    expect(procurement).toMatchObject({ projected: null, overByCents: null, status: "not-costed" });
    expect(budgetStatusText(procurement, d)).toBe("Not judged: its 2 use cases in the year are not costed");
    expect(budgetStatusText({ ...procurement, notCosted: 1 }, d)).toBe("Not judged: its 1 use case in the year is not costed");
    // With no use case in the year at all, a budget's $0 is still a real zero.
    expect(budgetRows([], new Map([["Procurement", 50_000]]), null).find((r) => r.businessUnit === "Procurement")).toMatchObject({ projected: m(0, 0, 0), status: "within" });
  });

  it("never says a plain 'Within budget' for a unit whose projection leaves something out", () => {
    const rows = budgetRows(spend, new Map([["Sales & Distribution", 100], ["IT", 25]]), null, new Map(), notCosted);
    const text = (bu: string) => budgetStatusText(rows.find((r) => r.businessUnit === bu)!, d);
    expect(text("Sales & Distribution")).toBe("Within budget for what is costed; 1 not costed (left out)");
    expect(text("IT")).toBe("Within budget for what is costed, over it in the high case; 1 with a missing figure (left out)");
    expect(budgetStatusText({ ...rows[0]!, status: "within", notCosted: 2, incomplete: 1 }, d)).toBe("Within budget for what is costed; 2 not costed and 1 with a missing figure (left out)");
    // An overrun stays an overrun: what is left out would only add to it.
    expect(budgetStatusText({ ...rows[0]!, budgetCents: 5, status: "over", notCosted: 1 }, d)).toBe("Over budget by $15");
  });

  it("sums up what the projections leave out under the panel's summary, or nothing", () => {
    const rows = budgetRows(spend, new Map(), null, new Map(), notCosted);
    expect(leftOutSentence(rows)).toBe(
      "Projected spend leaves out 2 use cases in the year that are not costed (not assessed, nothing recommended or decided, or an approach the cost model does not price with no manual estimate) and the missing figures of 1 more use case; a unit with any of them is judged only on what is costed.",
    );
    expect(leftOutSentence([{ notCosted: 1, incomplete: 0 }])).toBe(
      "Projected spend leaves out 1 use case in the year that is not costed (not assessed, nothing recommended or decided, or an approach the cost model does not price with no manual estimate); a unit with any of them is judged only on what is costed.",
    );
    expect(leftOutSentence([{ notCosted: 0, incomplete: 2 }])).toBe("Projected spend leaves out the missing figures of 2 use cases; a unit with any of them is judged only on what is costed.");
    expect(leftOutSentence(budgetRows([spend[0]!], new Map(), null))).toBe("");
  });
});

describe("approved spend as the panel says it", () => {
  const d = (c: number) => `$${c / 100}`;
  it("says a budget approved with no figure, beside the figures or alone, never as 'no approvals yet'", () => {
    expect(approvedText({ approvedCents: 4000, approvedWithoutFigure: 0 }, d)).toBe("$40");
    expect(approvedText({ approvedCents: 4000, approvedWithoutFigure: 2 }, d)).toBe("$40 + 2 approved with no figure");
    expect(approvedText({ approvedCents: null, approvedWithoutFigure: 1 }, d)).toBe("1 approved with no figure");
    expect(approvedText({ approvedCents: null, approvedWithoutFigure: 0 }, d)).toBe("no approvals yet");
  });
  it("carries each unit's count of those onto its row", () => {
    const rows = budgetRows([], new Map([["Claims", 100], ["Legal", 50]]), new Map([["Claims", 40]]), new Map([["Legal", 1]]));
    expect(rows.map((r) => [r.businessUnit, r.approvedCents, r.approvedWithoutFigure])).toEqual([["Claims", 40, 0], ["Legal", null, 1]]);
  });
});

describe("budget input", () => {
  it.each([
    [{ businessUnit: "Claims", year: 2027, amountCents: 100 }, true],
    [{ businessUnit: "Claims", year: 2027, amountCents: null }, true],
    [{ businessUnit: "  ", year: 2027, amountCents: 100 }, false],
    [{ businessUnit: "Claims", year: 1999, amountCents: 100 }, false],
    [{ businessUnit: "Claims", year: 2027, amountCents: -1 }, false],
    [{ businessUnit: "Claims", year: 2027, amountCents: 1.5 }, false],
    [{ businessUnit: "Claims\u0000", year: 2027, amountCents: 1 }, false],
    [{ businessUnit: "Claims", year: 2027, amountCents: 1, organizationId: "x" }, false],
  ])("%j valid: %s", (v, ok) => expect(budgetInputSchema.safeParse(v).success).toBe(ok));

  it.each([
    ["1,250,000", 125_000_000],
    ["$400000.5", 40_000_050],
    ["0", 0],
    ["12.345", null],
    ["-5", null],
    ["1e6", null],
    ["", null],
    // A comma is a thousands separator or nothing: "1,50" (a European $1.50) is refused, not read as $150.
    ["1,50", null],
    ["$1,00", null],
    ["12,34,567", null],
    [",5", null],
    ["1,", null],
    ["0,125", null],
    ["1,234,567.89", 123_456_789],
    ["1234567", 123_456_700],
    // Thousands and millions as finance writes them, exactly.
    ["1.5M", 150_000_000],
    ["60k", 6_000_000],
    ["1.005M", 100_500_000],
    ["1.2345678k", null],
  ])("%s dollars → %s cents", (text, cents) => expect(parseDollarsToCents(text)).toBe(cents));
});

describe("the budget year", () => {
  const now = new Date("2026-12-03T12:00:00Z");
  it.each([
    ["2027", 2027],
    [["2028", "2029"], 2028],
    [undefined, 2026],
    ["1999", 2026],
    ["20270", 2026],
    ["next", 2026],
  ] as const)("%j → %s", (raw, year) => expect(parseBudgetYear(raw as string | string[] | undefined, now)).toBe(year));
  it.each([
    [[], 2026],
    [[2026, 2027], 2026],
    [[2025, 2027, 2028], 2027],
    [[2024, 2025], 2025],
  ])("with no year asked and budgets in %j → %s", (budgeted, year) => expect(parseBudgetYear(undefined, now, budgeted)).toBe(year));
  it("says why it shows a year other than this one, unless that year was asked for", () => {
    expect(budgetYearReason(2026, 2026, null)).toBeNull();
    expect(budgetYearReason(2027, 2026, 2027)).toBeNull();
    expect(budgetYearReason(2027, 2026, null)).toBe("Showing 2027: no budget is set for 2026 (this year), and 2027 is the next year with one.");
    expect(budgetYearReason(2025, 2026, null)).toBe("Showing 2025: no budget is set for 2026 (this year) or later, and 2025 is the latest year with one.");
  });
  it("offers the portfolio's years, the budgeted ones and the one shown, once each, in order", () => {
    expect(budgetYearChoices([2026, 2027, 2028], [2030, 2027], 2025)).toEqual([2025, 2026, 2027, 2028, 2030]);
  });
});

function refusal(input: unknown): string {
  const r = budgetInputSchema.safeParse(input);
  return r.success ? "ok" : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
}

describe("the budget form's messages", () => {
  const ok = { businessUnit: "Claims", year: 2027, amountCents: 100 };
  it.each([
    ["a budget", ok, "ok"],
    ["a removal (no amount)", { ...ok, amountCents: null }, "ok"],
    ["a blank unit", { ...ok, businessUnit: "   " }, "businessUnit: Choose a business unit"],
    ["a unit too long", { ...ok, businessUnit: "u".repeat(121) }, "businessUnit: Business unit must be at most 120 characters"],
    ["a year typed as text", { ...ok, year: "2027" }, "year: Enter a year"],
    ["a fractional year", { ...ok, year: 2027.5 }, "year: Enter a year"],
    ["a year before 2000", { ...ok, year: 1999 }, "year: From 2000"],
    ["a year after 2100", { ...ok, year: 2101 }, "year: Up to 2100"],
    ["an amount typed as text", { ...ok, amountCents: "100" }, "amountCents: Enter an amount"],
    ["a fraction of a cent", { ...ok, amountCents: 0.5 }, "amountCents: Whole cents"],
    ["a negative amount", { ...ok, amountCents: -1 }, "amountCents: Cannot be negative"],
    ["more than $100 billion", { ...ok, amountCents: 10_000_000_000_001 }, "amountCents: At most $100 billion"],
  ])("%s", (_n, input, expected) => {
    expect(refusal(input)).toBe(expected);
  });

  it("labels each status", () => {
    expect(BUDGET_STATUS_LABELS).toEqual({
      "no-budget": "No budget set",
      over: "Over budget",
      "at-risk": "Within budget, over it in the high case",
      within: "Within budget",
      "not-costed": "Not judged: nothing in the year is costed",
    });
  });

  it("a row carries its unit's count of use cases and of incomplete ones", () => {
    const [row] = budgetRows([{ businessUnit: "Claims", projected: m(1, 2, 3), useCases: 3, incomplete: 1 }], new Map(), null);
    expect(row).toMatchObject({ useCases: 3, incomplete: 1 });
  });

  it.each([
    [" 12.50 ", 1250],
    ["$12.5", 1250],
    ["1$00", null],
  ])("reads %j as %j cents", (text, cents) => {
    expect(parseDollarsToCents(text)).toBe(cents);
  });

  const now = new Date("2026-06-01T00:00:00Z");
  it.each([
    ["2000", 2000],
    ["2100", 2100],
    ["2101", 2026],
    ["1999", 2026],
    [" 2027", 2026],
    ["2027 ", 2026],
    ["2027.0", 2026],
  ])("a budget year written %j opens %i", (raw, year) => {
    expect(parseBudgetYear(raw, now)).toBe(year);
  });
});
