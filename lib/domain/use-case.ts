/**
 * A use case as a lead edits it: the fields around the assessment, with their bounds.
 * One schema for the form (client-side hints) and the server action (the real check).
 * Spec: PRODUCT.md, "The use case and its assessment".
 */
import { z } from "./zod";
import { APPROACHES, assessmentSchema } from "./assessment";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "./text";
import { governanceShape } from "./governance";

/** How precise a planned start is: "2025" from an inventory is a year, not 1 January (issue 15). */
export const DATE_PRECISIONS = ["DAY", "MONTH", "YEAR"] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** A date shown at its precision: 2025-01-01 as "2025" (year), "Jan 2025" (month), or the day. */
export function formatDateAtPrecision(iso: string, precision: DatePrecision): string {
  if (precision === "YEAR") return iso.slice(0, 4);
  if (precision === "MONTH") return new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", year: "numeric", timeZone: "UTC" });
  return iso;
}

/** UNKNOWN: an imported inventory that does not say (kept as such, never guessed as an idea; issue 15). */
export const STATUSES = ["IDEA", "ASSESSING", "APPROVED", "BUILDING", "LIVE", "RETIRED", "UNKNOWN"] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<Status, string> = {
  IDEA: "Idea",
  ASSESSING: "Assessing",
  APPROVED: "Approved",
  BUILDING: "Building",
  LIVE: "Live",
  RETIRED: "Retired",
  UNKNOWN: "Unknown",
};

/**
 * The longest lifecycle a use case is costed over, in years (its horizon is 1 to this). Derivation
 * projects at most this many years (costing/retired.ts), so the portfolio's statements that expand
 * each use case's stored years can count on it (lib/server/portfolio/panels/costs.ts).
 */
export const MAX_HORIZON_YEARS = 10;

export const LIMITS = {
  title: 200,
  description: 5000,
  businessUnit: 120,
  decisionNotes: 5000,
  externalId: 120,
} as const;

const trimmed = (max: number, label: string) =>
  z.string().trim().max(max, `${label} must be at most ${max} characters`).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

/** Whole cents, for a manual yearly estimate (agent, pipeline, feedback learning). */
const cents = z.number().int("Whole cents").min(0, "Cannot be negative").max(100_000_000_000_00, "Too large");
export const manualEstimateSchema = z
  .object({ low: cents, base: cents, high: cents })
  .strict()
  .refine((e) => e.low <= e.base && e.base <= e.high, { message: "Low must not exceed base, nor base exceed high" });
export type ManualEstimate = z.infer<typeof manualEstimateSchema>;

/** ISO calendar date, YYYY-MM-DD, between 1950 and 2100 (inventories record use cases started long ago; issue 15). */
const ISO_DATE_FORM = /^\d{4}-\d{2}-\d{2}$/;

export const isoDate = z
  .string()
  .regex(ISO_DATE_FORM, "Use the form YYYY-MM-DD")
  // Each check below judges only text of the form above (its own message covers the rest), and a
  // real date out of range is told so, not called unreal: "1900-01-01" is a date, only too early.
  .refine((s) => {
    if (!ISO_DATE_FORM.test(s)) return true;
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "Not a real date: check the day and the month")
  .refine((s) => {
    if (!ISO_DATE_FORM.test(s)) return true;
    const year = Number(s.slice(0, 4));
    return year >= 1950 && year <= 2100;
  }, "Must be between 1950 and 2100");

/** The fields a lead edits (create and update). The decision has its own action. */
export const useCaseFieldsSchema = z
  .object({
    title: trimmed(LIMITS.title, "Title").min(1, "Title is required"),
    description: trimmed(LIMITS.description, "Description").default(""),
    businessUnit: trimmed(LIMITS.businessUnit, "Business unit").default(""),
    ownerId: z.string().min(1).max(64).optional(),
    status: z.enum(STATUSES).default("IDEA"),
    startDate: isoDate.nullable().default(null),
    startDatePrecision: z.enum(DATE_PRECISIONS).default("DAY"),
    horizonYears: z.number().int("Whole years").min(1, "At least 1 year").max(MAX_HORIZON_YEARS, `At most ${MAX_HORIZON_YEARS} years`).default(5),
    assessment: assessmentSchema.default({}),
    manualEstimate: manualEstimateSchema.nullable().default(null),
    externalId: trimmed(LIMITS.externalId, "External id").min(1).nullable().default(null),
    ...governanceShape,
  })
  .strict();
export type UseCaseFields = z.infer<typeof useCaseFieldsSchema>;
export type UseCaseFieldsInput = z.input<typeof useCaseFieldsSchema>;

/** The decision, recorded by executives and admins. */
export const decisionSchema = z
  .object({
    chosenApproach: z.enum(APPROACHES).nullable(),
    decisionNotes: trimmed(LIMITS.decisionNotes, "Decision notes").default(""),
  })
  .strict();
export type Decision = z.infer<typeof decisionSchema>;
