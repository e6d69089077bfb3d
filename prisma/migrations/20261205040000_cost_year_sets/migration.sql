-- Issue 22, bar 2, after 20261205020000_cost_line_sets: the yearly totals stored the same way, one
-- row per use case and approach with the years as arrays ("CostYearSet"), and "CostYear" a view
-- that gives them back one row per year, with the same columns as the table it replaces. In the
-- bench's 10,000-use-case organization 217,080 rows become about 43,000; the import wrote them in
-- 1.6-1.9 s (docs/decisions/csv-import.md, "Cost line sets").
--
-- Every reader reads the view: the rollup ("UseCaseRollup_refresh"), the business-unit export, a
-- decision's budget check, the projections page; each reaches the totals through a use case, by
-- the set's unique key (use case, approach). The writers write sets: "UseCase_storeDerived"
-- (below, grouping the totals it is given) and the import.

CREATE TABLE "CostYearSet" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "useCaseId" TEXT NOT NULL,
    "approach" "Approach" NOT NULL,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "yearIndex" INTEGER[] NOT NULL,
    "calendarYear" INTEGER[] NOT NULL,
    "lowCents" BIGINT[] NOT NULL,
    "baseCents" BIGINT[] NOT NULL,
    "highCents" BIGINT[] NOT NULL,
    "complete" BOOLEAN[] NOT NULL,
    CONSTRAINT "CostYearSet_arrays_check" CHECK (
      cardinality("yearIndex") BETWEEN 1 AND 255
      AND cardinality("calendarYear") = cardinality("yearIndex")
      AND cardinality("lowCents") = cardinality("yearIndex")
      AND cardinality("baseCents") = cardinality("yearIndex")
      AND cardinality("highCents") = cardinality("yearIndex")
      AND cardinality("complete") = cardinality("yearIndex")
      AND array_position("lowCents", NULL) IS NULL AND array_position("baseCents", NULL) IS NULL
      AND array_position("highCents", NULL) IS NULL AND array_position("complete", NULL) IS NULL)
);
CREATE UNIQUE INDEX "CostYearSet_useCaseId_approach_key" ON "CostYearSet"("useCaseId", "approach");
ALTER TABLE "CostYearSet" ADD CONSTRAINT "CostYearSet_useCaseId_fkey" FOREIGN KEY ("useCaseId") REFERENCES "UseCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "CostYearSet" ("id", "organizationId", "useCaseId", "approach", "manual", "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents", "complete")
SELECT row_number() OVER (ORDER BY min(y."id")), min(y."organizationId"), y."useCaseId", y."approach", bool_or(y."manual"),
       array_agg(y."yearIndex" ORDER BY y."yearIndex"), array_agg(y."calendarYear" ORDER BY y."yearIndex"),
       array_agg(y."lowCents" ORDER BY y."yearIndex"), array_agg(y."baseCents" ORDER BY y."yearIndex"), array_agg(y."highCents" ORDER BY y."yearIndex"),
       array_agg(y."complete" ORDER BY y."yearIndex")
  FROM "CostYear" y
 GROUP BY y."useCaseId", y."approach";
SELECT setval(pg_get_serial_sequence('"CostYearSet"', 'id'), COALESCE((SELECT max("id") FROM "CostYearSet"), 0) + 1, false);

DROP TABLE "CostYear";

-- The totals are never null (a year's missing figures count it as incomplete), as the table's columns said.
CREATE VIEW "CostYear" WITH (security_invoker = true) AS
SELECT s."id" * 256 + e.n AS "id", s."organizationId", s."useCaseId", s."approach", e."yearIndex", e."calendarYear",
       e."lowCents", e."baseCents", e."highCents", e."complete", s."manual"
  FROM "CostYearSet" s
 CROSS JOIN LATERAL unnest(s."yearIndex", s."calendarYear", s."lowCents", s."baseCents", s."highCents", s."complete")
       WITH ORDINALITY AS e("yearIndex", "calendarYear", "lowCents", "baseCents", "highCents", "complete", n);

-- A single save: the same function, writing the yearly totals as sets too.
CREATE OR REPLACE FUNCTION "UseCase_storeDerived"(
  p_use_case TEXT, p_org TEXT, p_recommended TEXT, p_votes INTEGER, p_voters INTEGER, p_disagreement BOOLEAN,
  p_flags TEXT[], p_score JSONB, p_at TIMESTAMP(3), p_summary JSONB, p_assumption_version TEXT, p_lines JSONB, p_years JSONB
) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    WITH nl AS (SELECT * FROM ROWS FROM (jsonb_to_recordset(p_lines) AS ("organizationId" text, "useCaseId" text, "approach" "Approach", "yearIndex" int, "calendarYear" int, "category" text, "lowCents" bigint, "baseCents" bigint, "highCents" bigint, "manual" boolean))
                      WITH ORDINALITY AS v("organizationId", "useCaseId", "approach", "yearIndex", "calendarYear", "category", "lowCents", "baseCents", "highCents", "manual", ord)),
         ns AS (SELECT nl."approach", nl."category", bool_or(nl."manual") AS "manual", min(nl.ord) AS first,
                       array_agg(nl."yearIndex" ORDER BY nl."yearIndex") AS "yearIndex", array_agg(nl."calendarYear" ORDER BY nl."yearIndex") AS "calendarYear",
                       array_agg(nl."lowCents" ORDER BY nl."yearIndex") AS "lowCents", array_agg(nl."baseCents" ORDER BY nl."yearIndex") AS "baseCents",
                       array_agg(nl."highCents" ORDER BY nl."yearIndex") AS "highCents"
                  FROM nl GROUP BY nl."approach", nl."category"),
         ny AS (SELECT * FROM jsonb_to_recordset(p_years) AS v("organizationId" text, "useCaseId" text, "approach" "Approach", "yearIndex" int, "calendarYear" int, "lowCents" bigint, "baseCents" bigint, "highCents" bigint, "complete" boolean, "manual" boolean)),
         nys AS (SELECT ny."approach", bool_or(ny."manual") AS "manual",
                        array_agg(ny."yearIndex" ORDER BY ny."yearIndex") AS "yearIndex", array_agg(ny."calendarYear" ORDER BY ny."yearIndex") AS "calendarYear",
                        array_agg(ny."lowCents" ORDER BY ny."yearIndex") AS "lowCents", array_agg(ny."baseCents" ORDER BY ny."yearIndex") AS "baseCents",
                        array_agg(ny."highCents" ORDER BY ny."yearIndex") AS "highCents", array_agg(ny."complete" ORDER BY ny."yearIndex") AS "complete"
                   FROM ny GROUP BY ny."approach"),
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
            ORDER BY ns.first),
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
           "assumptionVersionId" = p_assumption_version, "updatedAt" = p_at,
           "evidence" = COALESCE((p_score->>'evidence')::"Evidence", 'assessed')
     WHERE "id" = p_use_case AND "organizationId" = p_org;
  PERFORM "UseCaseRollup_refresh"(p_org, ARRAY[p_use_case]);
END
$$;

-- Row-level security, as for every organization-owned table; the view reads as its caller.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tradeoff_org_reader') THEN
    GRANT SELECT ON "CostYearSet", "CostYear" TO tradeoff_org_reader;
  END IF;
END $$;
ALTER TABLE "CostYearSet" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tradeoff_all_rows ON "CostYearSet" AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
CREATE POLICY tradeoff_org_scope ON "CostYearSet" AS RESTRICTIVE FOR ALL TO PUBLIC
  USING ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)))
  WITH CHECK ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)));
