-- Issue 15: what public AI inventories record, kept first-class on a use case; the rest of an
-- imported inventory's columns as named additional fields; a planned start's precision; and an
-- "unknown" status for inventories that do not say.
ALTER TYPE "UseCaseStatus" ADD VALUE IF NOT EXISTS 'UNKNOWN';

ALTER TABLE "UseCase"
  ADD COLUMN "startDatePrecision" TEXT NOT NULL DEFAULT 'DAY',
  ADD COLUMN "highImpact" TEXT,
  ADD COLUMN "personalData" BOOLEAN,
  ADD COLUMN "sourcing" TEXT,
  ADD COLUMN "vendor" TEXT NOT NULL DEFAULT '',
  ADD COLUMN "stage" TEXT,
  ADD COLUMN "topicArea" TEXT NOT NULL DEFAULT '',
  ADD COLUMN "euRiskTier" TEXT,
  ADD COLUMN "additionalFields" JSONB NOT NULL DEFAULT '{}',
  ADD COLUMN "additionalText" TEXT NOT NULL DEFAULT '',
  ADD CONSTRAINT "UseCase_startDatePrecision_check" CHECK ("startDatePrecision" IN ('DAY', 'MONTH', 'YEAR')),
  ADD CONSTRAINT "UseCase_highImpact_check" CHECK ("highImpact" IN ('HIGH_IMPACT', 'PRESUMED_NOT_HIGH_IMPACT', 'NOT_HIGH_IMPACT')),
  ADD CONSTRAINT "UseCase_sourcing_check" CHECK ("sourcing" IN ('IN_HOUSE', 'BOUGHT', 'BOTH')),
  ADD CONSTRAINT "UseCase_stage_check" CHECK ("stage" IN ('PRE_DEPLOYMENT', 'PILOT', 'DEPLOYED', 'RETIRED')),
  ADD CONSTRAINT "UseCase_euRiskTier_check" CHECK ("euRiskTier" IN ('PROHIBITED', 'HIGH', 'LIMITED', 'MINIMAL')),
  ADD CONSTRAINT "UseCase_additionalFields_object" CHECK (jsonb_typeof("additionalFields") = 'object');

CREATE INDEX "UseCase_organizationId_highImpact_idx" ON "UseCase" ("organizationId", "highImpact");
CREATE INDEX "UseCase_organizationId_euRiskTier_idx" ON "UseCase" ("organizationId", "euRiskTier");
