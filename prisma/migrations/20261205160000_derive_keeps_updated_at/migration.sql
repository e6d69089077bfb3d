-- Deriving a use case's score and costs no longer touches its "updatedAt". Re-deriving is not a
-- change anyone made: after an assumptions save, a weights change or the start-up re-scoring, every
-- use case showed "Updated" at that moment, and an import could no longer be undone ("N use cases
-- were changed since this import"), because the undo tells a hand edit by "updatedAt". Every edit
-- still sets it (Prisma's @updatedAt on each write, the import's own statements); "scoredAt" says
-- when the figures were derived. The function is otherwise as 20261205020000_cost_sets left it.

CREATE OR REPLACE FUNCTION "UseCase_storeDerived"(
  p_use_case TEXT, p_org TEXT, p_recommended TEXT, p_votes INTEGER, p_voters INTEGER, p_disagreement BOOLEAN,
  p_flags TEXT[], p_score JSONB, p_at TIMESTAMP(3), p_summary JSONB, p_assumption_version TEXT, p_lines JSONB, p_years JSONB
) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    WITH ns AS (SELECT * FROM ROWS FROM (jsonb_to_recordset(p_lines) AS ("approach" "Approach", "category" text, "manual" boolean, "yearIndex" int[], "calendarYear" int[], "lowCents" bigint[], "baseCents" bigint[], "highCents" bigint[]))
                      WITH ORDINALITY AS v("approach", "category", "manual", "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents", ord)),
         nys AS (SELECT * FROM jsonb_to_recordset(p_years) AS v("approach" "Approach", "manual" boolean, "yearIndex" int[], "calendarYear" int[], "lowCents" bigint[], "baseCents" bigint[], "highCents" bigint[], "complete" boolean[])),
         set_updates AS (
           UPDATE "CostLineSet" s SET "manual" = ns."manual", "yearIndex" = ns."yearIndex", "calendarYear" = ns."calendarYear",
                  "lowCents" = ns."lowCents", "baseCents" = ns."baseCents", "highCents" = ns."highCents"
             FROM ns
            WHERE s."useCaseId" = p_use_case AND s."organizationId" = p_org AND s."approach" = ns."approach" AND s."category" = ns."category"
              AND (s."manual", s."yearIndex", s."calendarYear", s."lowCents", s."baseCents", s."highCents")
                  IS DISTINCT FROM (ns."manual", ns."yearIndex", ns."calendarYear", ns."lowCents", ns."baseCents", ns."highCents")),
         set_inserts AS (
           INSERT INTO "CostLineSet" ("organizationId", "useCaseId", "approach", "category", "manual", "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents")
           SELECT p_org, p_use_case, ns."approach", ns."category", ns."manual", ns."yearIndex", ns."calendarYear", ns."lowCents", ns."baseCents", ns."highCents"
             FROM ns
            WHERE NOT EXISTS (SELECT 1 FROM "CostLineSet" s WHERE s."useCaseId" = p_use_case AND s."organizationId" = p_org AND s."approach" = ns."approach" AND s."category" = ns."category")
            ORDER BY ns.ord),
         set_deletes AS (
           DELETE FROM "CostLineSet" s
            WHERE s."useCaseId" = p_use_case AND s."organizationId" = p_org
              AND NOT EXISTS (SELECT 1 FROM ns WHERE ns."approach" = s."approach" AND ns."category" = s."category")),
         year_updates AS (
           UPDATE "CostYearSet" y SET "manual" = nys."manual", "yearIndex" = nys."yearIndex", "calendarYear" = nys."calendarYear",
                  "lowCents" = nys."lowCents", "baseCents" = nys."baseCents", "highCents" = nys."highCents", "complete" = nys."complete"
             FROM nys
            WHERE y."useCaseId" = p_use_case AND y."organizationId" = p_org AND y."approach" = nys."approach"
              AND (y."manual", y."yearIndex", y."calendarYear", y."lowCents", y."baseCents", y."highCents", y."complete")
                  IS DISTINCT FROM (nys."manual", nys."yearIndex", nys."calendarYear", nys."lowCents", nys."baseCents", nys."highCents", nys."complete")),
         year_inserts AS (
           INSERT INTO "CostYearSet" ("organizationId", "useCaseId", "approach", "manual", "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents", "complete")
           SELECT p_org, p_use_case, nys."approach", nys."manual", nys."yearIndex", nys."calendarYear", nys."lowCents", nys."baseCents", nys."highCents", nys."complete"
             FROM nys
            WHERE NOT EXISTS (SELECT 1 FROM "CostYearSet" y WHERE y."useCaseId" = p_use_case AND y."organizationId" = p_org AND y."approach" = nys."approach")),
         year_deletes AS (
           DELETE FROM "CostYearSet" y
            WHERE y."useCaseId" = p_use_case AND y."organizationId" = p_org
              AND NOT EXISTS (SELECT 1 FROM nys WHERE nys."approach" = y."approach"))
    UPDATE "UseCase" SET "recommendedApproach" = p_recommended::"Approach", "agreementVotes" = p_votes, "agreementVoters" = p_voters, "disagreement" = p_disagreement,
           "riskFlags" = p_flags, "score" = p_score, "scoredAt" = p_at, "projectionSummary" = p_summary,
           "assumptionVersionId" = p_assumption_version,
           "evidence" = COALESCE((p_score->>'evidence')::"Evidence", 'assessed')
     WHERE "id" = p_use_case AND "organizationId" = p_org;
  PERFORM "UseCaseRollup_refresh"(p_org, ARRAY[p_use_case]);
END
$$;
