-- Issue 21, the portfolio's actuals panel at 10,000 use cases (612 ms at 2,000 use cases, 4.3 s
-- at 10,000 under the bench's load; the bar is 300 ms). Two causes, two remedies:
--
-- 1. Every use case's year so far and last three months were summed from ActualSpend (its months
--    and categories, ~12 rows a use case) on every read. "ActualSpendYear" keeps them summed:
--    one row per use case and year, twelve months in an array, rewritten from ActualSpend by
--    "ActualSpendYear_refresh" in the same transaction as every change of ActualSpend (the full
--    rebuild after an import, undo or rule change; the re-attribution of a use-case change).
-- 2. Each use case's metered projection for the year, for the approach as chosen, was found
--    through "CostLine_useCaseId_idx", reading all of the use case's ~100 cost lines (every
--    approach, year and category) from the heap. A partial index of the metered lines (the
--    categories of METERED_CATEGORIES, lib/domain/actuals/variance.ts) carrying the amounts
--    answers it from the index alone.

CREATE TABLE "ActualSpendYear" (
    "organizationId" TEXT NOT NULL,
    "useCaseId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "monthCents" BIGINT[],
    "totalCents" BIGINT NOT NULL,
    CONSTRAINT "ActualSpendYear_pkey" PRIMARY KEY ("useCaseId", "year")
);
CREATE INDEX "ActualSpendYear_organizationId_year_idx" ON "ActualSpendYear"("organizationId", "year");
ALTER TABLE "ActualSpendYear" ADD CONSTRAINT "ActualSpendYear_useCaseId_fkey" FOREIGN KEY ("useCaseId") REFERENCES "UseCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The one definition of the summary: rewrites the rows of these use cases (all of the
-- organization's when ids is null) from ActualSpend.
CREATE OR REPLACE FUNCTION "ActualSpendYear_refresh"(org TEXT, ids TEXT[]) RETURNS VOID LANGUAGE sql AS $$
  DELETE FROM "ActualSpendYear" y WHERE y."organizationId" = org AND (ids IS NULL OR y."useCaseId" = ANY(ids));
  INSERT INTO "ActualSpendYear" ("organizationId", "useCaseId", "year", "monthCents", "totalCents")
  SELECT org, s."useCaseId", extract(year FROM s."month")::int,
    ARRAY[
      COALESCE(sum(s."cents") FILTER (WHERE extract(month FROM s."month") = 1), 0),
      COALESCE(sum(s."cents") FILTER (WHERE extract(month FROM s."month") = 2), 0),
      COALESCE(sum(s."cents") FILTER (WHERE extract(month FROM s."month") = 3), 0),
      COALESCE(sum(s."cents") FILTER (WHERE extract(month FROM s."month") = 4), 0),
      COALESCE(sum(s."cents") FILTER (WHERE extract(month FROM s."month") = 5), 0),
      COALESCE(sum(s."cents") FILTER (WHERE extract(month FROM s."month") = 6), 0),
      COALESCE(sum(s."cents") FILTER (WHERE extract(month FROM s."month") = 7), 0),
      COALESCE(sum(s."cents") FILTER (WHERE extract(month FROM s."month") = 8), 0),
      COALESCE(sum(s."cents") FILTER (WHERE extract(month FROM s."month") = 9), 0),
      COALESCE(sum(s."cents") FILTER (WHERE extract(month FROM s."month") = 10), 0),
      COALESCE(sum(s."cents") FILTER (WHERE extract(month FROM s."month") = 11), 0),
      COALESCE(sum(s."cents") FILTER (WHERE extract(month FROM s."month") = 12), 0)
    ]::bigint[],
    sum(s."cents")
    FROM "ActualSpend" s
   WHERE s."organizationId" = org AND s."useCaseId" IS NOT NULL AND (ids IS NULL OR s."useCaseId" = ANY(ids))
   GROUP BY s."useCaseId", extract(year FROM s."month")::int;
$$;

-- What is there already.
SELECT "ActualSpendYear_refresh"(o."id", NULL) FROM "Organization" o WHERE EXISTS (SELECT 1 FROM "ActualSpend" s WHERE s."organizationId" = o."id");

CREATE INDEX "CostLine_metered_idx" ON "CostLine"("organizationId", "calendarYear", "useCaseId", "approach")
  INCLUDE ("category", "lowCents", "baseCents", "highCents")
  WHERE "baseCents" IS NOT NULL AND "category" IN ('INFERENCE', 'FT_HOSTING', 'TRAINING_COMPUTE', 'RETRAINING', 'RETRIEVAL_INFRA', 'MANUAL_ESTIMATE');

-- Row-level security, as for every organization-owned table (20261123120000_row_level_security).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tradeoff_org_reader') THEN
    GRANT SELECT ON "ActualSpendYear" TO tradeoff_org_reader;
  END IF;
END $$;
ALTER TABLE "ActualSpendYear" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tradeoff_all_rows ON "ActualSpendYear" AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
CREATE POLICY tradeoff_org_scope ON "ActualSpendYear" AS RESTRICTIVE FOR ALL TO PUBLIC
  USING ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)))
  WITH CHECK ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)));
