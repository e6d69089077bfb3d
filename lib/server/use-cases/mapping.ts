import "server-only";
import { ANSWER_KEYS, assessmentSchema, type Assessment } from "@/lib/domain/assessment";
import { DATE_PRECISIONS, manualEstimateSchema, type DatePrecision, type ManualEstimate, type UseCaseFields } from "@/lib/domain/use-case";
import { additionalFieldsSchema, additionalText, EU_RISK_TIERS, HIGH_IMPACT, SOURCING, STAGES, type AdditionalFields } from "@/lib/domain/governance";
import { lifecycleYears } from "@/lib/domain/costing/retired";
import { useCaseStartYear } from "./start-year";
import type { OwnerEstimateBasis } from "@/lib/domain/costing/options";
import { Prisma } from "../db";

/** The UseCase columns a lead edits, as selected for reading them back into fields. */
export const EDITABLE_SELECT = {
  id: true,
  organizationId: true,
  title: true,
  description: true,
  businessUnit: true,
  ownerId: true,
  status: true,
  startDate: true,
  startDatePrecision: true,
  horizonYears: true,
  assessment: true,
  highImpact: true,
  personalData: true,
  sourcing: true,
  vendor: true,
  stage: true,
  topicArea: true,
  euRiskTier: true,
  additionalFields: true,
  manualEstimate: true,
  externalId: true,
  chosenApproach: true,
  decisionNotes: true,
  version: true,
  deletedAt: true,
  updatedAt: true,
} as const satisfies Prisma.UseCaseSelect;

/** The UseCase columns a derivation (score and projection) reads. */
export const DERIVE_SELECT = { assessment: true, chosenApproach: true, horizonYears: true, startDate: true, overrides: true, manualEstimate: true, createdAt: true, retiredAt: true } as const satisfies Prisma.UseCaseSelect;

export type EditableRow = Prisma.UseCaseGetPayload<{ select: typeof EDITABLE_SELECT }>;

/**
 * The stored assessment, answer by answer: an answer that no longer passes the schema (written
 * by an older version, or by hand) is dropped rather than failing the whole read.
 */
export function readAssessment(json: unknown): Assessment {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return {};
  const out: Record<string, unknown> = {};
  for (const k of ANSWER_KEYS) {
    const v = (json as Record<string, unknown>)[k];
    if (v === undefined || v === null) continue;
    if (assessmentSchema.shape[k].safeParse(v).success) out[k] = v;
  }
  return out as Assessment;
}

export function readManualEstimate(json: unknown): ManualEstimate | null {
  const parsed = manualEstimateSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** The UseCase columns ownerEstimateBasis reads. */
export const OWNER_ESTIMATE_SELECT = { manualEstimate: true, horizonYears: true, startDate: true, createdAt: true, retiredAt: true } as const satisfies Prisma.UseCaseSelect;

/**
 * The use case's manual yearly estimate and the years derivation projects it over (as deriveFrom
 * works them out), so a figure priced from it beside the stored projection is the one derivation
 * will store once the approach is chosen; null without an estimate.
 */
export function ownerEstimateBasis(row: { manualEstimate: unknown; horizonYears: number; startDate: Date | null; createdAt: Date; retiredAt: Date | null }): OwnerEstimateBasis | null {
  const yearly = readManualEstimate(row.manualEstimate);
  if (!yearly) return null;
  const years = lifecycleYears({ horizonYears: row.horizonYears, startYear: useCaseStartYear(row), retiredYear: row.retiredAt?.getUTCFullYear() ?? null });
  return { yearly, years };
}

/** A DATE column as YYYY-MM-DD. */
export function isoDay(d: Date | null): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

/** YYYY-MM-DD as a DATE column value. */
export function dayToDate(s: string | null): Date | null {
  return s ? new Date(`${s}T00:00:00Z`) : null;
}

/** A stored text column as one of its allowed values, or null (a value written by hand outside them is not trusted). */
function oneOf<T extends string>(values: readonly T[], v: string | null): T | null {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : null;
}

export function readAdditionalFields(json: unknown): AdditionalFields {
  const parsed = additionalFieldsSchema.safeParse(json);
  return parsed.success ? parsed.data : {};
}

/** A stored row as the fields the form and the schema know (owner always set). */
export function rowToFields(row: EditableRow): UseCaseFields & { ownerId: string } {
  return {
    title: row.title,
    description: row.description,
    businessUnit: row.businessUnit,
    ownerId: row.ownerId,
    status: row.status,
    startDate: isoDay(row.startDate),
    startDatePrecision: oneOf<DatePrecision>(DATE_PRECISIONS, row.startDatePrecision) ?? "DAY",
    horizonYears: row.horizonYears,
    assessment: readAssessment(row.assessment),
    manualEstimate: readManualEstimate(row.manualEstimate),
    externalId: row.externalId,
    highImpact: oneOf(HIGH_IMPACT, row.highImpact),
    personalData: row.personalData,
    sourcing: oneOf(SOURCING, row.sourcing),
    vendor: row.vendor,
    stage: oneOf(STAGES, row.stage),
    topicArea: row.topicArea,
    euRiskTier: oneOf(EU_RISK_TIERS, row.euRiskTier),
    additionalFields: readAdditionalFields(row.additionalFields),
  };
}

/** Fields as UseCase column values. */
export function fieldsToColumns(f: UseCaseFields & { ownerId: string }) {
  return {
    title: f.title,
    description: f.description,
    businessUnit: f.businessUnit,
    ownerId: f.ownerId,
    status: f.status,
    startDate: dayToDate(f.startDate),
    startDatePrecision: f.startDatePrecision,
    horizonYears: f.horizonYears,
    assessment: f.assessment as Prisma.InputJsonValue,
    manualEstimate: f.manualEstimate === null ? Prisma.DbNull : (f.manualEstimate as Prisma.InputJsonValue),
    externalId: f.externalId,
    highImpact: f.highImpact,
    personalData: f.personalData,
    sourcing: f.sourcing,
    vendor: f.vendor,
    stage: f.stage,
    topicArea: f.topicArea,
    euRiskTier: f.euRiskTier,
    additionalFields: f.additionalFields as Prisma.InputJsonValue,
    additionalText: additionalText(f.additionalFields),
  };
}
