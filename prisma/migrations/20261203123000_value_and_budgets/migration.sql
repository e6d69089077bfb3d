-- Issue 20, items 3 and 4: what a use case is worth next to what it costs, and budgets per
-- business unit.
--
-- * "UseCase"."benefit": the expected yearly benefit as the lead entered it, low/base/high, either
--   hours saved a year ({"kind":"HOURS","low":…,"base":…,"high":…}, whole hours, priced at the
--   organization's hourly rate) or revenue a year ({"kind":"REVENUE",…}, whole dollars). Null: no
--   value entered (never read as $0). Validated by lib/domain/value/benefit.ts.
-- * "Organization"."valueHourlyRateCents": the rate an hour saved is worth, set by finance; null
--   means the documented default (lib/domain/value/benefit.ts, DEFAULT_HOURLY_RATE_CENTS).
-- * "BusinessUnitBudget": a yearly budget per business unit and calendar year, set by finance or an
--   admin; organization-owned, so under row-level security like every such table.
ALTER TABLE "UseCase"
  ADD COLUMN "benefit" JSONB,
  ADD CONSTRAINT "UseCase_benefit_object" CHECK ("benefit" IS NULL OR jsonb_typeof("benefit") = 'object');

ALTER TABLE "Organization"
  ADD COLUMN "valueHourlyRateCents" INTEGER,
  ADD CONSTRAINT "Organization_valueHourlyRateCents_check" CHECK ("valueHourlyRateCents" IS NULL OR "valueHourlyRateCents" > 0);

CREATE TABLE "BusinessUnitBudget" (
  "id" TEXT NOT NULL,
  "organizationId" TEXT NOT NULL,
  "businessUnit" TEXT NOT NULL,
  "year" INTEGER NOT NULL,
  "amountCents" BIGINT NOT NULL,
  "updatedById" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "BusinessUnitBudget_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "BusinessUnitBudget_amountCents_check" CHECK ("amountCents" >= 0)
);
CREATE UNIQUE INDEX "BusinessUnitBudget_organizationId_year_businessUnit_key" ON "BusinessUnitBudget" ("organizationId", "year", "businessUnit");
ALTER TABLE "BusinessUnitBudget" ADD CONSTRAINT "BusinessUnitBudget_organizationId_fkey"
  FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tradeoff_org_reader') THEN
    GRANT SELECT ON "BusinessUnitBudget" TO tradeoff_org_reader;
  END IF;
END $$;

ALTER TABLE "BusinessUnitBudget" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tradeoff_all_rows ON "BusinessUnitBudget" AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
CREATE POLICY tradeoff_org_scope ON "BusinessUnitBudget" AS RESTRICTIVE FOR ALL TO PUBLIC
  USING ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)))
  WITH CHECK ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)));
