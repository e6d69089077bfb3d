/**
 * Governance fields every public AI inventory and governance tool records, kept first-class on a
 * use case (issue 15): the US OMB M-25-21 inventory's high-impact determination, whether personal
 * data is involved, developed in-house or bought (and from whom), the OMB lifecycle stage and topic
 * area, and the EU AI Act's risk tier (Regulation (EU) 2024/1689: prohibited, high, limited/
 * transparency, minimal). None of them comes from the seeds; their values are the documents' own.
 * Every other column of an imported inventory is kept as a named additional field.
 *
 * null means "not recorded", never a made-up "no".
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { z } from "./zod";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "./text";

export const HIGH_IMPACT = ["HIGH_IMPACT", "PRESUMED_NOT_HIGH_IMPACT", "NOT_HIGH_IMPACT"] as const;
export type HighImpact = (typeof HIGH_IMPACT)[number];
export const HIGH_IMPACT_LABELS: Record<HighImpact, string> = {
  HIGH_IMPACT: "High-impact",
  PRESUMED_NOT_HIGH_IMPACT: "Presumed high-impact, determined not",
  NOT_HIGH_IMPACT: "Not high-impact",
};

export const SOURCING = ["IN_HOUSE", "BOUGHT", "BOTH"] as const;
export type Sourcing = (typeof SOURCING)[number];
export const SOURCING_LABELS: Record<Sourcing, string> = { IN_HOUSE: "Developed in-house", BOUGHT: "Bought / contracted", BOTH: "Both" };

export const STAGES = ["PRE_DEPLOYMENT", "PILOT", "DEPLOYED", "RETIRED"] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = { PRE_DEPLOYMENT: "Pre-deployment", PILOT: "Pilot", DEPLOYED: "Deployed", RETIRED: "Retired" };

export const EU_RISK_TIERS = ["PROHIBITED", "HIGH", "LIMITED", "MINIMAL"] as const;
export type EuRiskTier = (typeof EU_RISK_TIERS)[number];
export const EU_RISK_LABELS: Record<EuRiskTier, string> = { PROHIBITED: "Prohibited", HIGH: "High risk", LIMITED: "Limited (transparency)", MINIMAL: "Minimal" };

export const GOVERNANCE_LIMITS = { vendor: 200, topicArea: 120, additionalFields: 150, additionalName: 200, additionalValue: 5000 } as const;

const text = (max: number, label: string) => z.string().trim().max(max, `${label} must be at most ${max} characters`).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

/** Named values kept from an imported file's other columns: column name → cell. */
export const additionalFieldsSchema = z
  .record(text(GOVERNANCE_LIMITS.additionalName, "A field's name").pipe(z.string().min(1, "A field needs a name")), text(GOVERNANCE_LIMITS.additionalValue, "An additional field"), {
    // A refused name says why (zod's own message would be "Invalid key in record").
    error: (issue) => (issue.code === "invalid_key" ? issue.issues[0]?.message : undefined),
  })
  .refine((r) => Object.keys(r).length <= GOVERNANCE_LIMITS.additionalFields, `At most ${GOVERNANCE_LIMITS.additionalFields} additional fields`);
export type AdditionalFields = z.infer<typeof additionalFieldsSchema>;

/** The governance fields, as they sit in useCaseFieldsSchema (each with its default). */
export const governanceShape = {
  highImpact: z.enum(HIGH_IMPACT).nullable().default(null),
  personalData: z.boolean().nullable().default(null),
  sourcing: z.enum(SOURCING).nullable().default(null),
  vendor: text(GOVERNANCE_LIMITS.vendor, "Vendor").default(""),
  stage: z.enum(STAGES).nullable().default(null),
  topicArea: text(GOVERNANCE_LIMITS.topicArea, "Topic area").default(""),
  euRiskTier: z.enum(EU_RISK_TIERS).nullable().default(null),
  additionalFields: additionalFieldsSchema.default({}),
};

export const GOVERNANCE_KEYS = ["highImpact", "personalData", "sourcing", "vendor", "stage", "topicArea", "euRiskTier"] as const;
export type GovernanceKey = (typeof GOVERNANCE_KEYS)[number];

export const GOVERNANCE_LABELS: Record<GovernanceKey | "additionalFields", string> = {
  highImpact: "High-impact (OMB M-25-21)",
  personalData: "Personal data involved",
  sourcing: "In-house or bought",
  vendor: "Vendor",
  stage: "Stage",
  topicArea: "Topic area",
  euRiskTier: "EU AI Act risk tier",
  additionalFields: "Additional fields",
};

/** A governance value as a person reads it ("—" when not recorded). */
export function governanceValueLabel(key: GovernanceKey, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  switch (key) {
    case "highImpact":
      return HIGH_IMPACT_LABELS[value as HighImpact] ?? String(value);
    case "sourcing":
      return SOURCING_LABELS[value as Sourcing] ?? String(value);
    case "stage":
      return STAGE_LABELS[value as Stage] ?? String(value);
    case "euRiskTier":
      return EU_RISK_LABELS[value as EuRiskTier] ?? String(value);
    case "personalData":
      return value ? "Yes" : "No";
    default:
      return String(value);
  }
}

/** The enum governance fields with their values and labels (for forms, filters and the import). */
export const GOVERNANCE_OPTIONS = {
  highImpact: HIGH_IMPACT.map((value) => ({ value, label: HIGH_IMPACT_LABELS[value] })),
  sourcing: SOURCING.map((value) => ({ value, label: SOURCING_LABELS[value] })),
  stage: STAGES.map((value) => ({ value, label: STAGE_LABELS[value] })),
  euRiskTier: EU_RISK_TIERS.map((value) => ({ value, label: EU_RISK_LABELS[value] })),
} as const;

/** The additional fields as searchable text: one "name: value" line each. */
export function additionalText(fields: AdditionalFields): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
}
