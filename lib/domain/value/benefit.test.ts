import { describe, expect, it } from "vitest";
import { benefitBasis, benefitSchema, DEFAULT_HOURLY_RATE_CENTS, hourlyRateOf, hourlyRateSchema, readBenefit, yearlyBenefitCents } from "./benefit";

describe("benefitSchema", () => {
  it.each([
    ["hours", { kind: "HOURS", low: 800, base: 1_200, high: 2_000 }],
    ["revenue, one figure", { kind: "REVENUE", low: 50_000, base: 50_000, high: 50_000 }],
    ["a low of nothing", { kind: "REVENUE", low: 0, base: 10, high: 20 }],
    ["the largest hours", { kind: "HOURS", low: 10_000_000, base: 10_000_000, high: 10_000_000 }],
  ])("accepts %s", (_, v) => expect(benefitSchema.safeParse(v).success).toBe(true));

  it.each([
    ["low above base", { kind: "HOURS", low: 2, base: 1, high: 3 }, "low"],
    ["base above high", { kind: "HOURS", low: 1, base: 3, high: 2 }, "high"],
    ["all zero", { kind: "HOURS", low: 0, base: 0, high: 0 }, "high"],
    ["negative", { kind: "REVENUE", low: -1, base: 1, high: 2 }, "low"],
    ["fractional hours", { kind: "HOURS", low: 1.5, base: 2, high: 3 }, "low"],
    ["too many hours", { kind: "HOURS", low: 1, base: 1, high: 10_000_001 }, "high"],
    ["too much revenue", { kind: "REVENUE", low: 1, base: 1, high: 10_000_000_001 }, "high"],
    ["an unknown kind", { kind: "SMILES", low: 1, base: 1, high: 1 }, "kind"],
    ["an extra key", { kind: "HOURS", low: 1, base: 1, high: 1, rate: 9 }, ""],
  ])("refuses %s, on the field", (_, v, path) => {
    const r = benefitSchema.safeParse(v);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toContain(path);
  });
});

describe("the yearly benefit in cents", () => {
  it("prices hours at the rate: 1,200 hours at $50 is $60,000", () => {
    expect(yearlyBenefitCents({ kind: "HOURS", low: 800, base: 1_200, high: 2_000 }, 5_000)).toEqual({ low: 4_000_000, base: 6_000_000, high: 10_000_000 });
  });
  it("takes revenue in dollars as it is", () => {
    expect(yearlyBenefitCents({ kind: "REVENUE", low: 10, base: 20, high: 30 }, 5_000)).toEqual({ low: 1_000, base: 2_000, high: 3_000 });
  });
  it("uses the default rate only when the organization set none", () => {
    expect(DEFAULT_HOURLY_RATE_CENTS).toBe(5_000);
    expect(hourlyRateOf(null)).toBe(5_000);
    expect(hourlyRateOf(12_345)).toBe(12_345);
  });
  it("reads a stored benefit, or nothing from anything else (never a $0 benefit)", () => {
    expect(readBenefit({ kind: "HOURS", low: 1, base: 2, high: 3 })).toEqual({ kind: "HOURS", low: 1, base: 2, high: 3 });
    expect(readBenefit(null)).toBeNull();
    expect(readBenefit({})).toBeNull();
    expect(readBenefit("1200")).toBeNull();
  });
  it("says what it rests on", () => {
    expect(benefitBasis({ kind: "HOURS", low: 800, base: 1_200, high: 2_000 }, 5_000)).toBe("800 / 1,200 / 2,000 hours saved a year at $50 an hour");
    expect(benefitBasis({ kind: "HOURS", low: 5, base: 5, high: 5 }, 4_250)).toBe("5 hours saved a year at $42.50 an hour");
    expect(benefitBasis({ kind: "REVENUE", low: 1_000, base: 2_000, high: 3_000 }, 5_000)).toBe("revenue of $1,000 / 2,000 / 3,000 a year (low / base / high)");
  });
  it.each([[0, false], [1, true], [100_000, true], [100_001, false], [12.5, false]])("hourly rate %s cents valid: %s", (v, ok) => expect(hourlyRateSchema.safeParse(v).success).toBe(ok));
});
