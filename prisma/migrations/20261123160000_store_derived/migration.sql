-- Storing a derivation (after every save, decision, restore, override, re-projection and
-- re-scoring) in one round trip: lib/server/use-cases/derive.ts, writeDerived, documents it.
-- PL/pgSQL so that each connection plans the statement once and reuses the plan: planning this
-- statement on every save took longer than running it.
--
-- 1. The derived columns of the use case, and its cost rows brought to the new projection in
--    place, matched on their key (approach, year, category for a line; approach, year for a
--    yearly total): a row whose figures changed is updated, one the projection no longer has is
--    deleted, a new one is inserted, an unchanged one is left alone. Every part of the statement
--    sees the rows as they were before it, so the insert's and the delete's key checks are
--    against the old rows, and no row is touched twice.
-- 2. The use case's portfolio rollup row, rebuilt from what step 1 stored.
CREATE FUNCTION "UseCase_storeDerived"(
  p_use_case TEXT, p_org TEXT, p_recommended TEXT, p_votes INTEGER, p_voters INTEGER, p_disagreement BOOLEAN,
  p_flags TEXT[], p_score JSONB, p_at TIMESTAMP(3), p_summary JSONB, p_assumption_version TEXT, p_lines JSONB, p_years JSONB
) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    WITH nl AS (SELECT * FROM jsonb_to_recordset(p_lines) AS v("organizationId" text, "useCaseId" text, "approach" "Approach", "yearIndex" int, "calendarYear" int, "category" text, "lowCents" bigint, "baseCents" bigint, "highCents" bigint, "manual" boolean)),
         ny AS (SELECT * FROM jsonb_to_recordset(p_years) AS v("organizationId" text, "useCaseId" text, "approach" "Approach", "yearIndex" int, "calendarYear" int, "lowCents" bigint, "baseCents" bigint, "highCents" bigint, "complete" boolean, "manual" boolean)),
         line_updates AS (
           UPDATE "CostLine" l SET "calendarYear" = nl."calendarYear", "lowCents" = nl."lowCents", "baseCents" = nl."baseCents", "highCents" = nl."highCents", "manual" = nl."manual"
             FROM nl
            WHERE l."useCaseId" = p_use_case AND l."organizationId" = p_org AND l."approach" = nl."approach" AND l."yearIndex" = nl."yearIndex" AND l."category" = nl."category"
              AND (l."calendarYear", l."lowCents", l."baseCents", l."highCents", l."manual") IS DISTINCT FROM (nl."calendarYear", nl."lowCents", nl."baseCents", nl."highCents", nl."manual")),
         line_inserts AS (
           INSERT INTO "CostLine" ("organizationId", "useCaseId", "approach", "yearIndex", "calendarYear", "category", "lowCents", "baseCents", "highCents", "manual")
           SELECT nl."organizationId", nl."useCaseId", nl."approach", nl."yearIndex", nl."calendarYear", nl."category", nl."lowCents", nl."baseCents", nl."highCents", nl."manual"
             FROM nl
            WHERE NOT EXISTS (SELECT 1 FROM "CostLine" l WHERE l."useCaseId" = p_use_case AND l."organizationId" = p_org AND l."approach" = nl."approach" AND l."yearIndex" = nl."yearIndex" AND l."category" = nl."category")),
         line_deletes AS (
           DELETE FROM "CostLine" l
            WHERE l."useCaseId" = p_use_case AND l."organizationId" = p_org
              AND NOT EXISTS (SELECT 1 FROM nl WHERE nl."approach" = l."approach" AND nl."yearIndex" = l."yearIndex" AND nl."category" = l."category")),
         year_updates AS (
           UPDATE "CostYear" y SET "calendarYear" = ny."calendarYear", "lowCents" = ny."lowCents", "baseCents" = ny."baseCents", "highCents" = ny."highCents", "complete" = ny."complete", "manual" = ny."manual"
             FROM ny
            WHERE y."useCaseId" = p_use_case AND y."organizationId" = p_org AND y."approach" = ny."approach" AND y."yearIndex" = ny."yearIndex"
              AND (y."calendarYear", y."lowCents", y."baseCents", y."highCents", y."complete", y."manual") IS DISTINCT FROM (ny."calendarYear", ny."lowCents", ny."baseCents", ny."highCents", ny."complete", ny."manual")),
         year_inserts AS (
           INSERT INTO "CostYear" ("organizationId", "useCaseId", "approach", "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents", "complete", "manual")
           SELECT ny."organizationId", ny."useCaseId", ny."approach", ny."yearIndex", ny."calendarYear", ny."lowCents", ny."baseCents", ny."highCents", ny."complete", ny."manual"
             FROM ny
            WHERE NOT EXISTS (SELECT 1 FROM "CostYear" y WHERE y."useCaseId" = p_use_case AND y."organizationId" = p_org AND y."approach" = ny."approach" AND y."yearIndex" = ny."yearIndex")),
         year_deletes AS (
           DELETE FROM "CostYear" y
            WHERE y."useCaseId" = p_use_case AND y."organizationId" = p_org
              AND NOT EXISTS (SELECT 1 FROM ny WHERE ny."approach" = y."approach" AND ny."yearIndex" = y."yearIndex"))
    UPDATE "UseCase" SET "recommendedApproach" = p_recommended::"Approach", "agreementVotes" = p_votes, "agreementVoters" = p_voters, "disagreement" = p_disagreement,
           "riskFlags" = p_flags, "score" = p_score, "scoredAt" = p_at, "projectionSummary" = p_summary,
           "assumptionVersionId" = p_assumption_version, "updatedAt" = p_at
     WHERE "id" = p_use_case AND "organizationId" = p_org;
  PERFORM "UseCaseRollup_refresh"(p_org, ARRAY[p_use_case]);
END
$$;
