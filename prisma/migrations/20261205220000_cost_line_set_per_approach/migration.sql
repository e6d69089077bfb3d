-- Issue 22, bar 2 (import of 10,000 rows in under 5 s): a use case's cost lines stored as one set
-- per approach instead of one per approach and category (docs/decisions/csv-import.md, "One set
-- per approach"). In the bench's 10,000-use-case organization, 250,000 sets become 40,000, and
-- their insert in psql took 1.7 s against 5.1–5.6 s (the rows' index entries, foreign-key checks
-- and tuple headers are most of the cost; the arrays' bytes are about the same).
--
-- A set's arrays still run in parallel, one element per line; "category" is now an array too. The
-- lines run category by category, in the order of each category's first line, each category's
-- years in order (lib/domain/costing/line-sets.ts), so a line's id (its set's id times 256 plus
-- its place) keeps, within a use case, approach and year, the projection's order of categories,
-- which the detail export sorts by and which places actual spend on "the first line of the year".
-- A set holds at most 90 lines (10 years of 9 categories).
--
-- The "CostLine" view gives back the same rows as before, with new ids in the same order within a
-- use case and approach. Nothing stores a line's id.

-- What is there, regrouped: each use case's lines of one approach, in the order of their old ids.
CREATE TEMP TABLE cost_line_sets_regrouped ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY min(l."id")) AS "id", min(l."organizationId") AS "organizationId", l."useCaseId", l."approach", bool_or(l."manual") AS "manual",
       array_agg(l."category" ORDER BY l."id") AS "category", array_agg(l."yearIndex" ORDER BY l."id") AS "yearIndex",
       array_agg(l."calendarYear" ORDER BY l."id") AS "calendarYear", array_agg(l."lowCents" ORDER BY l."id") AS "lowCents",
       array_agg(l."baseCents" ORDER BY l."id") AS "baseCents", array_agg(l."highCents" ORDER BY l."id") AS "highCents"
  FROM "CostLine" l
 GROUP BY l."useCaseId", l."approach";

DROP VIEW "CostLine";
DROP TABLE "CostLineSet";

CREATE TABLE "CostLineSet" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "useCaseId" TEXT NOT NULL,
    "approach" "Approach" NOT NULL,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "category" TEXT[] NOT NULL,
    "yearIndex" INTEGER[] NOT NULL,
    "calendarYear" INTEGER[] NOT NULL,
    "lowCents" BIGINT[] NOT NULL,
    "baseCents" BIGINT[] NOT NULL,
    "highCents" BIGINT[] NOT NULL,
    CONSTRAINT "CostLineSet_arrays_check" CHECK (
      cardinality("yearIndex") BETWEEN 1 AND 255
      AND cardinality("category") = cardinality("yearIndex")
      AND cardinality("calendarYear") = cardinality("yearIndex")
      AND cardinality("lowCents") = cardinality("yearIndex")
      AND cardinality("baseCents") = cardinality("yearIndex")
      AND cardinality("highCents") = cardinality("yearIndex")
      AND array_position("category", NULL) IS NULL)
)
-- A set of 90 lines is about 3.5 kB. Kept inline and uncompressed (rows up to a page), so that
-- writing one costs no pglz and reading one no detoasting.
WITH (toast_tuple_target = 8160);

INSERT INTO "CostLineSet" ("id", "organizationId", "useCaseId", "approach", "manual", "category", "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents")
SELECT "id", "organizationId", "useCaseId", "approach", "manual", "category", "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents"
  FROM cost_line_sets_regrouped ORDER BY "id";
SELECT setval(pg_get_serial_sequence('"CostLineSet"', 'id'), COALESCE((SELECT max("id") FROM "CostLineSet"), 0) + 1, false);

-- The one index: a use case's sets (the foreign key's cascade, every reader's lookup, the single
-- save's match on approach).
CREATE UNIQUE INDEX "CostLineSet_useCaseId_approach_key" ON "CostLineSet"("useCaseId", "approach");
ALTER TABLE "CostLineSet" ADD CONSTRAINT "CostLineSet_useCaseId_fkey" FOREIGN KEY ("useCaseId") REFERENCES "UseCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE VIEW "CostLine" WITH (security_invoker = true) AS
SELECT s."id" * 256 + e.n AS "id", s."organizationId", s."useCaseId", s."approach", e."yearIndex", e."calendarYear", e."category",
       e."lowCents", e."baseCents", e."highCents", s."manual"
  FROM "CostLineSet" s
 CROSS JOIN LATERAL unnest(s."category", s."yearIndex", s."calendarYear", s."lowCents", s."baseCents", s."highCents")
       WITH ORDINALITY AS e("category", "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents", n);

-- The portfolio cache's change triggers (20261203140000_portfolio_cache) went with the table.
CREATE TRIGGER portfolio_change_ins AFTER INSERT ON "CostLineSet" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "PortfolioChange_inserted"();
CREATE TRIGGER portfolio_change_upd AFTER UPDATE ON "CostLineSet" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "PortfolioChange_updated"();
CREATE TRIGGER portfolio_change_del AFTER DELETE ON "CostLineSet" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "PortfolioChange_deleted"();
CREATE TRIGGER portfolio_change_trunc AFTER TRUNCATE ON "CostLineSet" FOR EACH STATEMENT EXECUTE FUNCTION "PortfolioChange_truncated"();

-- Row-level security, as for every organization-owned table (20261123120000_row_level_security);
-- the view reads as its caller (security_invoker), so the table's policies apply through it.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tradeoff_org_reader') THEN
    GRANT SELECT ON "CostLineSet", "CostLine" TO tradeoff_org_reader;
  END IF;
END $$;
ALTER TABLE "CostLineSet" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tradeoff_all_rows ON "CostLineSet" AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
CREATE POLICY tradeoff_org_scope ON "CostLineSet" AS RESTRICTIVE FOR ALL TO PUBLIC
  USING ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)))
  WITH CHECK ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)));

-- A single save: the same function, given one line set per approach (lineSets of
-- lib/domain/costing/line-sets.ts). A set whose arrays or flag changed is updated in place, a new
-- one inserted (in the order given), one the projection no longer has deleted, an unchanged one
-- left alone. Otherwise as 20261205160000_derive_keeps_updated_at left it.
CREATE OR REPLACE FUNCTION "UseCase_storeDerived"(
  p_use_case TEXT, p_org TEXT, p_recommended TEXT, p_votes INTEGER, p_voters INTEGER, p_disagreement BOOLEAN,
  p_flags TEXT[], p_score JSONB, p_at TIMESTAMP(3), p_summary JSONB, p_assumption_version TEXT, p_lines JSONB, p_years JSONB
) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    WITH ns AS (SELECT * FROM ROWS FROM (jsonb_to_recordset(p_lines) AS ("approach" "Approach", "manual" boolean, "category" text[], "yearIndex" int[], "calendarYear" int[], "lowCents" bigint[], "baseCents" bigint[], "highCents" bigint[]))
                      WITH ORDINALITY AS v("approach", "manual", "category", "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents", ord)),
         nys AS (SELECT * FROM jsonb_to_recordset(p_years) AS v("approach" "Approach", "manual" boolean, "yearIndex" int[], "calendarYear" int[], "lowCents" bigint[], "baseCents" bigint[], "highCents" bigint[], "complete" boolean[])),
         set_updates AS (
           UPDATE "CostLineSet" s SET "manual" = ns."manual", "category" = ns."category", "yearIndex" = ns."yearIndex", "calendarYear" = ns."calendarYear",
                  "lowCents" = ns."lowCents", "baseCents" = ns."baseCents", "highCents" = ns."highCents"
             FROM ns
            WHERE s."useCaseId" = p_use_case AND s."organizationId" = p_org AND s."approach" = ns."approach"
              AND (s."manual", s."category", s."yearIndex", s."calendarYear", s."lowCents", s."baseCents", s."highCents")
                  IS DISTINCT FROM (ns."manual", ns."category", ns."yearIndex", ns."calendarYear", ns."lowCents", ns."baseCents", ns."highCents")),
         set_inserts AS (
           INSERT INTO "CostLineSet" ("organizationId", "useCaseId", "approach", "manual", "category", "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents")
           SELECT p_org, p_use_case, ns."approach", ns."manual", ns."category", ns."yearIndex", ns."calendarYear", ns."lowCents", ns."baseCents", ns."highCents"
             FROM ns
            WHERE NOT EXISTS (SELECT 1 FROM "CostLineSet" s WHERE s."useCaseId" = p_use_case AND s."organizationId" = p_org AND s."approach" = ns."approach")
            ORDER BY ns.ord),
         set_deletes AS (
           DELETE FROM "CostLineSet" s
            WHERE s."useCaseId" = p_use_case AND s."organizationId" = p_org
              AND NOT EXISTS (SELECT 1 FROM ns WHERE ns."approach" = s."approach")),
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
