import { describe, expect, it } from "vitest";
import { BENEFIT_KIND_LABELS, benefitBasis, benefitSchema, DEFAULT_HOURLY_RATE_CENTS, hourlyRateOf, hourlyRateSchema, readBenefit, yearlyBenefitCents } from "./benefit";

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
    expect(benefitBasis({ kind: "HOURS", low: 800, base: 1_200, high: 2_000 }, 5_000)).toBe("800 / 1,200 / 2,000 hours saved a year at $50.00 an hour");
    expect(benefitBasis({ kind: "HOURS", low: 5, base: 5, high: 5 }, 4_250)).toBe("5 hours saved a year at $42.50 an hour");
    expect(benefitBasis({ kind: "HOURS", low: 1, base: 1, high: 1 }, 5_000)).toBe("1 hour saved a year at $50.00 an hour");
    expect(benefitBasis({ kind: "REVENUE", low: 1_000, base: 2_000, high: 3_000 }, 5_000)).toBe("revenue of $1,000 / $2,000 / $3,000 a year (low / base / high)");
  });
  it.each([[0, false], [1, true], [100_000, true], [100_001, false], [12.5, false]])("hourly rate %s cents valid: %s", (v, ok) => expect(hourlyRateSchema.safeParse(v).success).toBe(ok));
});

/** The first refusal's field and message, or "ok". */
function refusal(schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, input: unknown): string {
  const r = schema.safeParse(input);
  return r.success ? "ok" : r.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
}

describe("the benefit form's messages", () => {
  it.each([
    ["an unknown kind", { kind: "PROFIT", low: 1, base: 2, high: 3 }, "kind: Choose hours saved or revenue"],
    ["a number typed as text", { kind: "HOURS", low: "5", base: 6, high: 7 }, "low: Enter a whole number"],
    ["a fraction", { kind: "HOURS", low: 1, base: 1.5, high: 2 }, "base: Enter a whole number"],
    ["a negative", { kind: "HOURS", low: -1, base: 1, high: 2 }, "low: Cannot be negative"],
    ["hours over the bound", { kind: "HOURS", low: 1, base: 2, high: 10_000_001 }, "high: At most 10,000,000 a year"],
    ["revenue over its bound", { kind: "REVENUE", low: 1, base: 2, high: 10_000_000_001 }, "high: At most 10,000,000,000 a year"],
    ["revenue above the hours bound but within its own", { kind: "REVENUE", low: 20_000_000, base: 20_000_000, high: 20_000_000 }, "ok"],
    ["low above base", { kind: "HOURS", low: 3, base: 2, high: 4 }, "low: Low cannot be above base"],
    ["base above high", { kind: "HOURS", low: 1, base: 5, high: 4 }, "high: High cannot be below base"],
    ["nothing at all", { kind: "HOURS", low: 0, base: 0, high: 0 }, "high: A benefit of nothing is no benefit: clear it instead"],
  ])("%s", (_n, input, expected) => {
    expect(refusal(benefitSchema, input)).toBe(expected);
  });

  it.each([
    ["text", "50", ": Enter the rate in dollars an hour, like 85.50"],
    ["a fraction of a cent", 1.5, ": Enter the rate to the cent, like 85.50"],
    ["zero", 0, ": The rate must be above $0"],
    ["over $1,000", 100_001, ": At most $1,000 an hour"],
    ["$1,000 exactly", 100_000, "ok"],
    ["one cent", 1, "ok"],
  ])("an hourly rate of %s", (_n, input, expected) => {
    expect(refusal(hourlyRateSchema, input)).toBe(expected);
  });

  it("names the two kinds", () => {
    expect(BENEFIT_KIND_LABELS).toEqual({ HOURS: "Hours saved a year", REVENUE: "Revenue a year" });
  });

  it("a revenue of one figure reads without the range", () => {
    expect(benefitBasis({ kind: "REVENUE", low: 80_000, base: 80_000, high: 80_000 }, 5_000)).toBe("revenue of $80,000 a year");
    expect(benefitBasis({ kind: "REVENUE", low: 1, base: 2, high: 3 }, 5_000)).toBe("revenue of $1 / $2 / $3 a year (low / base / high)");
  });
});
