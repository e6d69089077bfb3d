/**
 * A use case's expected yearly benefit (issue 20, item 3): low/base/high, either hours saved a
 * year (priced at the organization's hourly rate) or revenue a year. Stored as entered, so a new
 * rate re-prices every hours-based benefit at once. Money in integer cents, exact.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { dollars, unitPriceOfCents } from "../money";
import { z } from "../zod";

export const BENEFIT_KINDS = ["HOURS", "REVENUE"] as const;
export type BenefitKind = (typeof BENEFIT_KINDS)[number];

export const BENEFIT_KIND_LABELS: Record<BenefitKind, string> = {
  HOURS: "Hours saved a year",
  REVENUE: "Revenue a year",
};

/**
 * The hourly rate used until finance sets the organization's own: $50 an hour. A round
 * placeholder chosen by this project, not a figure from the seed documents or any published
 * source; the value page says so beside it.
 */
export const DEFAULT_HOURLY_RATE_CENTS = 5_000;

/** Bounds that keep every sum exact in integers (10 million hours, $10 billion a year, $1,000 an hour). */
export const MAX_HOURS_A_YEAR = 10_000_000;
export const MAX_REVENUE_DOLLARS_A_YEAR = 10_000_000_000;
export const MAX_HOURLY_RATE_CENTS = 100_000;

/** As entered: whole hours (HOURS) or whole dollars (REVENUE), low ≤ base ≤ high. */
export interface Benefit {
  kind: BenefitKind;
  low: number;
  base: number;
  high: number;
}

export interface Money3 {
  low: number;
  base: number;
  high: number;
}

const amount = z.number({ error: "Enter a whole number" }).int("Enter a whole number").min(0, "Cannot be negative");

export const benefitSchema = z
  .object({ kind: z.enum(BENEFIT_KINDS, { error: "Choose hours saved or revenue" }), low: amount, base: amount, high: amount })
  .strict()
  .superRefine((b, ctx) => {
    const max = b.kind === "HOURS" ? MAX_HOURS_A_YEAR : MAX_REVENUE_DOLLARS_A_YEAR;
    for (const k of ["low", "base", "high"] as const) {
      if (b[k] > max) ctx.addIssue({ code: "custom", path: [k], message: `At most ${max.toLocaleString("en-US")} a year` });
    }
    if (b.low > b.base) ctx.addIssue({ code: "custom", path: ["low"], message: "Low cannot be above base" });
    if (b.base > b.high) ctx.addIssue({ code: "custom", path: ["high"], message: "High cannot be below base" });
    if (b.high === 0) ctx.addIssue({ code: "custom", path: ["high"], message: "A benefit of nothing is no benefit: clear it instead" });
  });

// Said in dollars, as the form asks for them (the form sends cents): "Enter an amount in cents" met a person who had cleared a dollars field.
export const hourlyRateSchema = z
  .number({ error: "Enter the rate in dollars an hour, like 85.50" })
  .int("Enter the rate to the cent, like 85.50")
  .min(1, "The rate must be above $0")
  .max(MAX_HOURLY_RATE_CENTS, "At most $1,000 an hour");

/** A stored benefit (JSON of unknown shape) as a Benefit, or null when none or unreadable. */
export function readBenefit(stored: unknown): Benefit | null {
  const parsed = benefitSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** The organization's rate, or the default when it set none. */
export function hourlyRateOf(rateCents: number | null | undefined): number {
  return rateCents ?? DEFAULT_HOURLY_RATE_CENTS;
}

/** The yearly benefit in cents, low/base/high: hours × the hourly rate, or dollars × 100. */
export function yearlyBenefitCents(benefit: Benefit, hourlyRateCents: number): Money3 {
  const per = benefit.kind === "HOURS" ? hourlyRateCents : 100;
  return { low: benefit.low * per, base: benefit.base * per, high: benefit.high * per };
}

/** "1,200 hours saved a year at $50.00 an hour" (a rate, to the cent) / "revenue of $80,000 a year", for one scenario. */
export function benefitBasis(benefit: Benefit, hourlyRateCents: number): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const range = benefit.low === benefit.high ? n(benefit.base) : `${n(benefit.low)} / ${n(benefit.base)} / ${n(benefit.high)}`;
  const hours = benefit.low === benefit.high && benefit.base === 1 ? "hour" : "hours";
  if (benefit.kind === "HOURS") return `${range} ${hours} saved a year at ${unitPriceOfCents(hourlyRateCents)} an hour`;
  const usd = (x: number) => dollars(x * 100);
  return benefit.low === benefit.high ? `revenue of ${usd(benefit.base)} a year` : `revenue of ${usd(benefit.low)} / ${usd(benefit.base)} / ${usd(benefit.high)} a year (low / base / high)`;
}
