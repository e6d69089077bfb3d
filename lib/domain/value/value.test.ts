import { describe, expect, it } from "vitest";
import {
  VALUE_SCENARIO_LABELS, approachValue, benefitByYear, benefitStartText, buildMonths, needsFeedbackLoop, paybackMonth, paybackText, returnText, scenarioPaybackText, scenarioValue,
  type ApproachCosts,
} from "./value";

const flat = (cents: number, years: number) => Array.from({ length: years }, () => ({ low: cents, base: cents, high: cents }));

describe("buildMonths: weeks to value rounded up to whole months", () => {
  it.each([
    [null, 0],
    [0, 0],
    [52 / 12, 1], // exactly one month
    [4, 1],
    [6, 2], // 1.38 months
    [8, 2], // 1.85
    [10, 3], // 2.31
    [13, 3], // exactly three months
    [52, 12],
  ])("%s weeks → %s months", (weeks, months) => expect(buildMonths(weeks)).toBe(months));
});

describe("benefitByYear: a twelfth of the yearly benefit a month after the build, rounded once a year", () => {
  it.each([
    ["no build", 1_200_000, 3, 0, [1_200_000, 1_200_000, 1_200_000]],
    ["three months' build", 1_200_000, 3, 3, [900_000, 1_200_000, 1_200_000]],
    ["a build into year 2", 1_200_000, 3, 15, [0, 900_000, 1_200_000]],
    ["a build longer than the horizon", 1_200_000, 1, 14, [0]],
    ["rounded half up: 11/12 of 100 cents", 100, 1, 1, [92]],
    ["rounded: 1/12 of 100 cents", 100, 1, 11, [8]],
  ])("%s", (_, yearly, years, build, expected) => expect(benefitByYear(yearly, years, build)).toEqual(expected));
});

describe("paybackMonth", () => {
  // $1,000 of benefit a month ($12,000 a year).
  const B = 1_200_000;
  it.each([
    ["year-1 cost $6,000, no build: covered from the first month", B, [600_000, 0, 0], 0, 1],
    // $1,000(m − 3) ≥ $500m ⇔ m ≥ 6
    ["year-1 cost $6,000 and a 3-month build: month 6", B, [600_000, 0, 0], 3, 6],
    // year 1 costs $30,000 ($2,500 a month), then $6,000 a year: 1,000m ≥ 30,000 + 500(m − 12) ⇔ m ≥ 48
    ["a dear first year: month 48", B, [3_000_000, 600_000, 600_000, 600_000, 600_000], 0, 48],
    ["benefit below the running cost: never", B, [2_400_000, 2_400_000, 2_400_000], 0, null],
    // covered in years 1–2, but year 3's $60,000 overtakes it in month 31: not paid back for good
    ["covered, then overtaken by a dear last year: never", B, [0, 0, 6_000_000], 0, null],
    ["a free approach with a 3-month build: when the benefit starts", B, [0, 0], 3, 4],
    ["no benefit at all: never", 0, [0, 0], 0, null],
    ["covered only in the last month", B, [1_100_000], 0, 1],
  ])("%s", (_, benefit, costs, build, expected) => expect(paybackMonth(benefit, costs, build)).toBe(expected));
});

describe("scenarioValue pairs the ends: pessimistic = low benefit, longest time to value, high cost", () => {
  const costs: ApproachCosts = {
    years: [
      { low: 1_000_000, base: 2_000_000, high: 3_000_000 },
      { low: 500_000, base: 1_000_000, high: 1_500_000 },
    ],
    complete: true,
    timeToValueWeeks: { low: 52 / 12, base: 8, high: 13 }, // 1, 2 and 3 months
  };
  const benefit = { low: 600_000, base: 1_200_000, high: 2_400_000 };

  it("pessimistic: $6,000 a year from month 4 against the high cost", () => {
    // benefit: 9/12 × 600,000 + 600,000 = 1,050,000; cost 4,500,000; net −3,450,000
    expect(scenarioValue(benefit, costs, "pessimistic")).toEqual({ benefitCents: 1_050_000, costCents: 4_500_000, netCents: -3_450_000, paybackMonths: null, nothingToPayBack: false, returnPct: (-3_450_000 * 100) / 4_500_000 });
  });
  it("base: $12,000 a year from month 3 against the base cost", () => {
    // benefit: 10/12 × 1,200,000 + 1,200,000 = 2,200,000; cost 3,000,000
    expect(scenarioValue(benefit, costs, "base")).toEqual({ benefitCents: 2_200_000, costCents: 3_000_000, netCents: -800_000, paybackMonths: null, nothingToPayBack: false, returnPct: (-800_000 * 100) / 3_000_000 });
  });
  it("optimistic: $24,000 a year from month 2 against the low cost", () => {
    // benefit: 11/12 × 2,400,000 + 2,400,000 = 4,600,000; cost 1,500,000; net 3,100,000
    // payback (dollars, a month): 2,000(m − 1) ≥ 10,000m/12 ⇔ m ≥ 1.71 → month 2
    expect(scenarioValue(benefit, costs, "optimistic")).toEqual({ benefitCents: 4_600_000, costCents: 1_500_000, netCents: 3_100_000, paybackMonths: 2, nothingToPayBack: false, returnPct: (3_100_000 * 100) / 1_500_000 });
  });
  it("a free approach has no return percentage, not an infinite one", () => {
    expect(scenarioValue(benefit, { years: flat(0, 2), complete: true, timeToValueWeeks: null }, "base").returnPct).toBeNull();
  });
  it("no time to value (a manual estimate): the benefit counts from the first month", () => {
    expect(scenarioValue(benefit, { years: flat(0, 2), complete: true, timeToValueWeeks: null }, "base").benefitCents).toBe(2_400_000);
  });
});

describe("payback counts from the real outlay: the one-off build paid up front, the running costs by the month", () => {
  // $2,000 of benefit a month ($24,000 a year), from month 3 (an 8-week time to value); year 1 costs
  // $12,000, $9,000 of it the one-off build; later years $3,000 of running costs.
  const costs: ApproachCosts = {
    years: flat(1_200_000, 1).concat(flat(300_000, 2)),
    oneOff: flat(900_000, 1),
    complete: true,
    timeToValueWeeks: { low: 8, base: 8, high: 8 },
  };
  const benefit = { low: 2_400_000, base: 2_400_000, high: 2_400_000 };

  it("pays the build in the first month, so a model-priced approach pays back later than with its build spread over the year", () => {
    // Spread evenly, $1,000 a month: 2,000(m − 2) ≥ 1,000m from month 4. Paid up front: $9,000 + $250m ≤ 2,000(m − 2) ⇔ m ≥ 7.4 → month 8.
    expect(scenarioValue(benefit, costs, "base").paybackMonths).toBe(8);
    expect(paybackMonth(2_400_000, [1_200_000, 300_000, 300_000], 2, [900_000])).toBe(8);
    expect(paybackMonth(2_400_000, [1_200_000, 300_000, 300_000], 2)).toBe(4);
  });

  it("leaves the net value and the return as they were: the timing moves the payback only", () => {
    const { oneOff: _, ...spread } = costs;
    const [upFront, even] = [scenarioValue(benefit, costs, "base"), scenarioValue(benefit, spread, "base")];
    expect(upFront.netCents).toBe(even.netCents);
    expect(upFront.returnPct).toBe(even.returnPct);
  });

  it("an approach priced from the owner's yearly estimate has no up-front cost to pay back: no payback month, not \"1 month\"", () => {
    // $600,000 a year of benefit against a $120,000 yearly estimate, in every scenario.
    const estimate: ApproachCosts = { years: flat(12_000_000, 5), complete: true, timeToValueWeeks: null };
    for (const scenario of ["pessimistic", "base", "optimistic"] as const) {
      const s = scenarioValue({ low: 60_000_000, base: 60_000_000, high: 60_000_000 }, estimate, scenario);
      expect(s).toMatchObject({ paybackMonths: null, nothingToPayBack: true, netCents: 240_000_000 });
      expect(scenarioPaybackText(s, 5)).toBe("—");
    }
  });

  it("an owner's yearly estimate above the benefit never pays back, and says so (not \"—, no build cost to pay back\")", () => {
    const estimate: ApproachCosts = { years: flat(10_000_000, 3), complete: true, timeToValueWeeks: null };
    const s = scenarioValue({ low: 5_000_000, base: 5_000_000, high: 5_000_000 }, estimate, "base");
    expect(s).toMatchObject({ netCents: -15_000_000, paybackMonths: null, nothingToPayBack: false });
    expect(scenarioPaybackText(s, 3)).toBe("never within 3 years");
  });

  it("a model-priced approach with no one-off cost still pays back the running costs paid before its benefit starts", () => {
    // Prompting-like: $1,200 a year ($100 a month) from month 1, the benefit ($2,000 a month) from month 3: 2,000(m − 2) ≥ 100m ⇔ m ≥ 2.1 → month 3.
    const s = scenarioValue(benefit, { years: flat(120_000, 2), complete: true, timeToValueWeeks: { low: 8, base: 8, high: 8 } }, "base");
    expect(s).toMatchObject({ paybackMonths: 3, nothingToPayBack: false });
    expect(scenarioPaybackText(s, 2)).toBe("3 months");
  });
});

describe("a use case that must learn from its users, with an approach that learns only if a feedback loop is built into it", () => {
  it("is a structured pipeline or an agent, never feedback learning itself, and only where the use case must learn", () => {
    expect(needsFeedbackLoop("PIPELINE", true)).toBe(true);
    expect(needsFeedbackLoop("AGENT", true)).toBe(true);
    expect(needsFeedbackLoop("FEEDBACK_LEARNING", true)).toBe(false);
    expect(needsFeedbackLoop("PIPELINE", false)).toBe(false);
  });

  it("claims no value for the approach: the loop is not in its cost", () => {
    const costs: ApproachCosts = { years: flat(4_500_000, 5), complete: true, timeToValueWeeks: null, feedbackLoopNotCosted: true };
    expect(approachValue({ low: 10_000_000, base: 15_000_000, high: 20_000_000 }, costs)).toEqual({ status: "feedback-loop-not-costed" });
    // The same approach where the use case need not learn from its users is valued as before.
    expect(approachValue({ low: 10_000_000, base: 15_000_000, high: 20_000_000 }, { ...costs, feedbackLoopNotCosted: false }).status).toBe("valued");
  });
});

describe("approachValue says why there is no value rather than showing $0", () => {
  const costs: ApproachCosts = { years: flat(1_000, 3), complete: true, timeToValueWeeks: null };
  it.each([
    ["no benefit entered", null, costs, "no-benefit"],
    ["no projection for the approach", { low: 1, base: 1, high: 1 }, null, "not-costed"],
    ["an empty projection", { low: 1, base: 1, high: 1 }, { ...costs, years: [] }, "not-costed"],
    ["a missing cost figure", { low: 1, base: 1, high: 1 }, { ...costs, complete: false }, "incomplete"],
    ["an approach that cannot serve the use case", { low: 1, base: 1, high: 1 }, { ...costs, cannotServe: "does not meet the 14-day lag" }, "cannot-serve"],
    ["an approach that can", { low: 1, base: 1, high: 1 }, { ...costs, cannotServe: null }, "valued"],
    ["both", { low: 1, base: 1, high: 1 }, costs, "valued"],
  ] as const)("%s → %s", (_, benefit, c, status) => expect(approachValue(benefit, c).status).toBe(status));

  it("claims no value for an approach that cannot serve the use case, saying why", () => {
    expect(approachValue({ low: 1, base: 1, high: 1 }, { ...costs, cannotServe: "does not reach the use case's knowledge" })).toEqual({ status: "cannot-serve", why: "does not reach the use case's knowledge" });
  });

  it("gives all three scenarios when valued", () => {
    const v = approachValue({ low: 0, base: 12_000, high: 24_000 }, costs);
    if (v.status !== "valued") throw new Error("expected a value");
    expect(v.scenarios.pessimistic.netCents).toBe(-3_000); // 0 − 3 × 1,000
    expect(v.scenarios.base.netCents).toBe(33_000); // 3 × 12,000 − 3,000
    expect(v.scenarios.optimistic.netCents).toBe(69_000);
  });
});

describe("texts", () => {
  it.each([
    [1, 5, "1 month"],
    [12, 5, "1 year"],
    [27, 5, "2 years 3 months"],
    [null, 5, "never within 5 years"],
    [null, 1, "never within 1 year"],
  ])("payback %s of %s years → %s", (m, h, text) => expect(paybackText(m, h)).toBe(text));
  it.each([
    [12.4, "12%"],
    [-40.2, "−40%"],
    [0, "0%"],
    [null, "—"],
  ])("return %s → %s", (pct, text) => expect(returnText(pct)).toBe(text));
});

describe("benefitStartText: the benefit starts at the time to value, not when the production build ends", () => {
  it("names each approach's whole months before its benefit, grouped, shortest first", () => {
    expect(
      benefitStartText([
        { approach: "FINE_TUNING", startMonths: 2 },
        { approach: "RAG", startMonths: 1 },
        { approach: "HYBRID", startMonths: 2 },
        { approach: "PROMPTING", startMonths: 1 },
        { approach: "PIPELINE", startMonths: null },
      ]),
    ).toBe(
      "The benefit starts when an approach first serves its users, after its time to value, rounded up to whole months (base case: 1 month for RAG and Prompting only; 2 months for Fine-tuning and Hybrid). Its production build is costed apart and may go on after that.",
    );
  });

  it("says none for a zero time to value, and lists nothing when no approach has one", () => {
    expect(benefitStartText([{ approach: "RAG", startMonths: 0 }, { approach: "FINE_TUNING", startMonths: 3 }])).toContain("(base case: none for RAG; 3 months for Fine-tuning)");
    expect(benefitStartText([{ approach: "FEEDBACK_LEARNING", startMonths: null }])).toBe(
      "The benefit starts when an approach first serves its users, after its time to value, rounded up to whole months. Its production build is costed apart and may go on after that.",
    );
  });
});

describe("the scenarios' names", () => {
  it("labels each scenario", () => {
    expect(VALUE_SCENARIO_LABELS).toEqual({ pessimistic: "Pessimistic", base: "Base", optimistic: "Optimistic" });
  });
});
