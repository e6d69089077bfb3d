-- The portfolio's headline says how much of its year's spend comes from use cases with no planned
-- start date, which the projection places from the year each was logged
-- (lib/server/portfolio/panels/undated.ts). That read starts from those use cases: this index finds
-- them without reading the organization's other use cases.
CREATE INDEX "UseCase_undated_idx" ON "UseCase"("organizationId") WHERE "deletedAt" IS NULL AND "startDate" IS NULL;
