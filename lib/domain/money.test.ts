import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AMOUNT_EXAMPLE, plainDecimal, readDollars, compactDollars, dollarRange, dollars, exactDollarRange, exactDollars, unitPrice, unitPriceOfCents } from "./money";

// One figure, $2,866,412.37, as each place in the app writes it: the CFO's three readings of it
// ("$2.87M", "$2,866,412", "$2,866,412.37") are now one per kind of place, by rule.
const FIGURE = 286_641_237;

describe("whole dollars: tables, sentences, tooltips", () => {
  it.each([
    [FIGURE, "$2,866,412"],
    [123_456_789, "$1,234,568"],
    [-123_460, "−$1,235"],
    [49, "$0"],
    [50, "$1"],
    [250, "$3"],
    [0, "$0"],
  ])("dollars(%i) = %s", (cents, text) => expect(dollars(cents)).toBe(text));

  it("rounds half a dollar away from zero both ways: a $0.50 credit is −$1, as $0.50 is $1", () => {
    expect(dollars(-50)).toBe("−$1");
    expect(dollars(-250)).toBe("−$3");
    expect(dollars(-49)).toBe("$0");
  });

  it("takes actual spend's BigInt cents as it takes numbers", () => {
    expect(dollars(451_000n)).toBe("$4,510");
    expect(dollars(2_255n)).toBe("$23");
    expect(dollars(-2_255n)).toBe("−$23");
    expect(dollars(9_007_199_254_740_993_00n)).toBe("$9,007,199,254,740,993");
  });

  it("a whole-dollar total is the exact sum rounded once, not the sum of rounded parts", () => {
    // Three categories of $100.40: each reads $100, their total $301 (not $300), as the export's.
    const parts = [10_040, 10_040, 10_040];
    expect(parts.map(dollars)).toEqual(["$100", "$100", "$100"]);
    expect(dollars(parts.reduce((a, b) => a + b, 0))).toBe("$301");
  });

  it("writes a range", () => expect(dollarRange({ low: 100_00, high: 2_500_00 })).toBe("$100 – $2,500"));
});

describe("compact: headline tiles and chart axes only", () => {
  it.each([
    [FIGURE, "$2.87M"],
    [41_234_500, "$412k"],
    [95_000, "$950"],
    [999_49, "$999"],
    [1_000_00, "$1k"],
    [1_234_00, "$1.23k"],
    [99_960, "$1k"],
    [123_456_00, "$123k"],
    [99_950_00, "$100k"],
    [1_000_000_00, "$1M"],
    [1_200_000_00, "$1.2M"],
    [1_325_000_00, "$1.33M"],
    [99_999_999, "$1M"],
    [1_250_000_00, "$1.25M"],
    [1_000_000_000_00, "$1B"],
    [3_400_000_000_00, "$3.4B"],
    [-12_000_00, "−$12k"],
    [-49, "$0"],
    [-50, "−$1"],
    [0, "$0"],
  ])("compactDollars(%i) = %s", (cents, text) => expect(compactDollars(cents)).toBe(text));

  it("agrees with whole dollars below $1,000, where it writes no unit", () => {
    for (const c of [0, 49, 50, 99_949, -50, -99_949]) expect(compactDollars(c)).toBe(dollars(c));
  });
});

describe("to the cent: tables that add up, typed figures, actual spend as billed", () => {
  it.each([
    [FIGURE, "$2,866,412.37"],
    [4_123_007n, "$41,230.07"],
    [21_567n, "$215.67"],
    [24_700n, "$247.00"],
    [0n, "$0.00"],
    [-5, "−$0.05"],
    [-2_255n, "−$22.55"],
  ])("exactDollars(%s) = %s", (cents, text) => expect(exactDollars(cents)).toBe(text));
  it("parts written to the cent add up to their total written to the cent, where whole dollars miss it", () => {
    // Three categories of $100.40 under a total of $301.20: $100 + $100 + $100 beside $301 in whole dollars.
    const parts = [10_040, 10_040, 10_040];
    const read = (t: string) => Math.round(Number(t.replace(/[$,]/g, "")) * 100);
    expect(parts.map(exactDollars)).toEqual(["$100.40", "$100.40", "$100.40"]);
    expect(parts.map(exactDollars).map(read).reduce((a, b) => a + b, 0)).toBe(read(exactDollars(30_120)));
    expect(parts.map(dollars).map(read).reduce((a, b) => a + b, 0)).not.toBe(read(dollars(30_120)));
  });

  it("writes a range to the cent", () => expect(exactDollarRange({ low: 100_40, high: 2_500_00 })).toBe("$100.40 – $2,500.00"));

  it("a typed figure changed by cents reads changed, where whole dollars read $1,000 → $1,000", () => {
    expect([exactDollars(100_000), exactDollars(100_049)]).toEqual(["$1,000.00", "$1,000.49"]);
    expect([dollars(100_000), dollars(100_049)]).toEqual(["$1,000", "$1,000"]);
  });
});

describe("prices and per-unit rates: always the cents, finer digits where the price has them", () => {
  it.each([
    [2.5, "$2.50"],
    [10, "$10.00"],
    [0.075, "$0.075"],
    [0.0375, "$0.0375"],
    [2.125, "$2.125"],
    [1250, "$1,250.00"],
    [1234.567, "$1,234.57"],
    [12.3456, "$12.35"],
    [0.004, "$0.004"],
    [0.0041234567, "$0.004123"],
    [0.0000012, "$0.000001"],
    [0, "$0.00"],
  ])("unitPrice(%d) = %s", (usd, text) => expect(unitPrice(usd)).toBe(text));

  it("writes an hourly rate kept in cents the same way, $50.00 as $42.50", () => {
    expect(unitPriceOfCents(5_000)).toBe("$50.00");
    expect(unitPriceOfCents(4_250)).toBe("$42.50");
    expect(unitPriceOfCents(15_000)).toBe("$150.00");
  });
});

describe("reading an amount as typed", () => {
  const cents = (text: string) => {
    const r = readDollars(text);
    return r && r.ok ? r.cents : r;
  };
  it.each([
    ["60000", 6_000_000],
    ["60,000.50", 6_000_050],
    ["$ 1,500", 150_000],
    ["60k", 6_000_000],
    ["60K", 6_000_000],
    ["$60k", 6_000_000],
    ["60 k", 6_000_000],
    ["1.5M", 150_000_000],
    ["1.5m", 150_000_000],
    ["1.005M", 100_500_000],
    ["0.5k", 50_000],
    [".25k", 25_000],
    ["1.23456k", 123_456],
    ["1,500k", 150_000_000],
    ["12.5", 1_250],
    ["5.000", 500],
    ["0", 0],
    ["-0", 0],
  ])("%j is %j cents", (text, expected) => expect(cents(text)).toBe(expected));

  it("says how to write what it cannot read", () => {
    const how = `Write the amount in dollars, ${AMOUNT_EXAMPLE}`;
    for (const text of ["sixty", "60kk", "k", "1.2.3", "1e6", "60 thousand", "5%", "1,50k", "12,34,567"]) expect(readDollars(text), text).toEqual({ ok: false, message: how });
    expect(readDollars("1,50")).toEqual({ ok: false, message: "Write decimals with a point (1.50); a comma only separates thousands (1,000)" });
  });
  it("refuses a negative amount, and more than cents, saying so", () => {
    for (const text of ["-5", "-$5", "$-5", "-1.5M"]) expect(readDollars(text), text).toEqual({ ok: false, message: "Cannot be negative" });
    expect(readDollars("12.345")).toEqual({ ok: false, message: "At most two decimals (cents): 12.345 dollars has 3" });
    expect(readDollars("1.2345678k")).toEqual({ ok: false, message: "At most two decimals (cents): 1234.5678 dollars has 4" });
    expect(readDollars("1.00000001M")).toEqual({ ok: true, cents: 100_000_001 });
    expect(readDollars("1.000000001M")).toEqual({ ok: false, message: "At most two decimals (cents): 1000000.001 dollars has 3" });
    expect(readDollars("99999999999999999999")).toEqual({ ok: false, message: "Too large" });
  });
  it("nothing typed is nothing, not zero", () => {
    expect(readDollars("")).toBeNull();
    expect(readDollars("   ")).toBeNull();
  });

  it("a suffix moves the point exactly: k is the same amount written with three more digits, M with six", () => {
    const amount = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.integer({ min: 0, max: 6 }));
    fc.assert(
      fc.property(amount, ([units, decimals]) => {
        // units × 10^-decimals, written as a decimal
        const digits = units.toString().padStart(decimals + 1, "0");
        const text = decimals ? `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}` : digits;
        const expectK = units * 1000n * 100n;
        const expectM = units * 1_000_000n * 100n;
        const pow = 10n ** BigInt(decimals);
        for (const [suffix, want] of [["k", expectK], ["M", expectM]] as const) {
          const r = readDollars(`${text}${suffix}`);
          // Whole cents when the scaled amount has at most two decimals; refused otherwise, never rounded.
          if (want % pow === 0n && want / pow <= BigInt(Number.MAX_SAFE_INTEGER)) expect(r).toEqual({ ok: true, cents: Number(want / pow) });
          else expect(r && r.ok).toBe(false);
        }
      }),
    );
  });
  it("plain decimals for the parsers of files: sign kept, exponents left alone", () => {
    expect(plainDecimal("-2.5k")).toBe("-2500");
    expect(plainDecimal("0.000123k")).toBe("0.123");
    expect(plainDecimal("1.2E-5")).toBe("1.2E-5");
    expect(plainDecimal("1.2E-5k")).toBeNull();
    expect(plainDecimal("$1,234.50")).toBe("1234.50");
    expect(plainDecimal("0,125")).toBeNull();
  });
});
