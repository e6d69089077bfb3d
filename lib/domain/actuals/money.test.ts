import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apportion, convertNanos, nanosToCents, parseDecimalNanos, parseRateMicros, roundToTotal } from "./money";

describe("reading costs exactly", () => {
  it.each([
    ["120.004", 120_004_000_000n],
    ["0.0025", 2_500_000n],
    ["-10.00", -10_000_000_000n],
    ["1.2E-5", 12_000n],
    ["3e2", 300_000_000_000n],
    ["$1,234.50", 1_234_500_000_000n],
    ["0.0000000015", 2n],
    [".5", 500_000_000n],
  ])("reads %s", (text, nanos) => expect(parseDecimalNanos(text)).toBe(nanos));

  it.each([
    ["15k", 15_000_000_000_000n],
    ["1.2M", 1_200_000_000_000_000n],
    ["$1,500k", 1_500_000_000_000_000n],
    ["-2.5K", -2_500_000_000_000n],
    ["1.005m", 1_005_000_000_000_000n],
    ["0.000000001k", 1_000n],
  ])("reads %s with its suffix exactly", (text, nanos) => expect(parseDecimalNanos(text)).toBe(nanos));

  it("a k is three more digits, an M six: the same nanos as the amount written out", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 9 }), (units, decimals) => {
        const digits = (units < 0n ? -units : units).toString().padStart(decimals + 1, "0");
        const text = `${units < 0n ? "-" : ""}${decimals ? `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}` : digits}`;
        expect(parseDecimalNanos(`${text}k`)).toBe(parseDecimalNanos(text)! * 1000n);
        expect(parseDecimalNanos(`${text}M`)).toBe(parseDecimalNanos(text)! * 1_000_000n);
      }),
    );
  });

  it.each(["", "abc", "1.2.3", "12,34", "--1", "1e", "15kk", "k", "1e3k", "12 34", "15 k"])("refuses %j", (text) => expect(parseDecimalNanos(text)).toBeNull());

  it("sums many small costs without drift (0.1 a thousand times is exactly 100)", () => {
    let n = 0n;
    for (let i = 0; i < 1000; i++) n += parseDecimalNanos("0.1")!;
    expect(nanosToCents(n)).toBe(10_000n);
  });

  it("converts with a rate, rounding half away from zero", () => {
    expect(convertNanos(parseDecimalNanos("9.00")!, parseRateMicros("1.10")!)).toBe(9_900_000_000n);
    expect(parseRateMicros("0")).toBeNull();
    expect(parseRateMicros("-1")).toBeNull();
    expect(nanosToCents(5_000_000n)).toBe(1n);
    expect(nanosToCents(-5_000_000n)).toBe(-1n);
    expect(nanosToCents(4_999_999n)).toBe(0n);
  });
});

describe("apportioning whole cents", () => {
  it.each([
    [5001n, [6000n, 4000n], [3001n, 2000n]],
    [5001n, [6000n, 3000n, 1000n], [3001n, 1500n, 500n]],
    [100n, [1n, 1n, 1n], [34n, 33n, 33n]],
    [0n, [1n, 2n], [0n, 0n]],
    [7n, [0n, 0n], [7n, 0n]],
  ])("case %#", (total, weights, parts) => expect(apportion(total, weights)).toEqual(parts));

  it("always adds up to the total, and each part is within a cent of its exact share", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -10_000_000n, max: 10_000_000n }), fc.array(fc.bigInt({ min: 1n, max: 1_000_000n }), { minLength: 1, maxLength: 20 }), (total, weights) => {
        const parts = apportion(total, weights);
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
        const sum = weights.reduce((a, b) => a + b, 0n);
        parts.forEach((p, i) => {
          const exact = Number(total * weights[i]!) / Number(sum);
          expect(Math.abs(Number(p) - exact)).toBeLessThan(1.000001);
        });
      }),
    );
  });
});
describe("rounding amounts of both signs to a total", () => {
  it("adds up to the total, and each part is within a cent of its own amount", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -10_000_000_000_000n, max: 10_000_000_000_000n }), { minLength: 1, maxLength: 20 }), (nanos) => {
        const total = nanosToCents(nanos.reduce((a, b) => a + b, 0n));
        const parts = roundToTotal(nanos, total);
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
        parts.forEach((p, i) => expect(Math.abs(Number(p) * 1e7 - Number(nanos[i]!))).toBeLessThan(2e7));
      }),
    );
  });
});


describe("reading costs: the edges", () => {
  it.each([
    [" 12.5 ", 12_500_000_000n],
    ["-$5.00", -5_000_000_000n],
    ["+$5", 5_000_000_000n],
    ["1,234", 1_234_000_000_000n],
    ["12,345", 12_345_000_000_000n],
    ["1,234,567", 1_234_567_000_000_000n],
    ["-1,234.50", -1_234_500_000_000n],
    ["1e10", 10_000_000_000_000_000_000n],
    ["0.0000000014", 1n],
    ["0.0000000015", 2n],
  ])("reads %j", (text, nanos) => expect(parseDecimalNanos(text)).toBe(nanos));

  it.each(["1$00", "1e-$3", "12345,678", "1,234,5", "0,125", "-0,250", "0,500"])("refuses %j", (text) => expect(parseDecimalNanos(text)).toBeNull());

  it("refuses a rate that is not a number or rounds to nothing", () => {
    expect(parseRateMicros("abc")).toBeNull();
    expect(parseRateMicros("0.0000001")).toBeNull();
    expect(parseRateMicros("0.0000005")).toBe(1n);
  });

  it("rounds a converted negative amount away from zero", () => {
    expect(convertNanos(-1n, 500_000n)).toBe(-1n);
    expect(convertNanos(1n, 500_000n)).toBe(1n);
    expect(convertNanos(-1n, 499_999n)).toBe(0n);
  });
});

describe("apportioning whole cents: who gets the cents left", () => {
  it.each([
    ["the largest remainders first", 7n, [1n, 2n, 3n, 4n], [1n, 1n, 2n, 3n]],
    ["equal remainders: the earlier parts", 10n, [1n, 1n, 1n, 1n, 1n, 1n, 1n], [2n, 2n, 2n, 1n, 1n, 1n, 1n]],
    ["a negative total rounds each part to its nearer cent", -5001n, [6000n, 4000n], [-3001n, -2000n]],
    ["a negative total, the larger remainder first", -100n, [1n, 2n], [-33n, -67n]],
    ["negative weights (credits)", 100n, [-1n, -2n], [33n, 67n]],
    ["mixed signs", 101n, [3n, -1n], [152n, -51n]],
  ])("%s", (_n, total, weights, parts) => {
    expect(apportion(total, weights)).toEqual(parts);
  });
});
