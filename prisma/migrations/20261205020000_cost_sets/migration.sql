-- Issue 22, bar 2 (import of 10,000 rows in under 5 s): the cost lines stored as one row per use
-- case, approach and category, with the years as arrays, and the yearly totals as one row per use
-- case and approach (docs/decisions/csv-import.md, "Cost line sets"). A use case's ~105 lines become ~25 rows: in the bench's 10,000-use-case organization
-- 250,000 rows instead of 1,046,860, a quarter of the index entries and foreign-key checks, and a
-- quarter of the size.
--
-- "CostLine" and "CostYear" stay, as views that unnest the sets into exactly the rows the tables
-- held (same columns, one row per year), so every reader (the exports, actual spend, a use case's
-- cost panel, the rollup, a decision's budget check) reads what it read before. The writers write
-- sets, grouped by lib/domain/costing/line-sets.ts: "UseCase_storeDerived" (below) and the import
-- (lib/server/import/bulk-write.ts). In the bench's 10,000-use-case organization, 1,046,860 lines
-- become 250,000 sets and 217,080 yearly totals about 43,000.
--
-- A set's arrays run in parallel, one element per line, ordered by year: "yearIndex" and
-- "calendarYear" name each line's year, so a line that does not exist (a one-time category has
-- none after year 1 when it is zero there) is simply not an element, and a line whose figures are
-- missing is an element whose amounts are null, as before.
--
-- A line's id is its set's id times 256 plus its place in the set: lines keep the order the
-- projection gave them (sets are numbered in the order of their category's first line; within a
-- use case, approach and year, a line's id orders it by its category's place), which the detail
-- export sorts by, and which places actual spend on "the first line of the year".

CREATE TABLE "CostLineSet" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "useCaseId" TEXT NOT NULL,
    "approach" "Approach" NOT NULL,
    "category" TEXT NOT NULL,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "yearIndex" INTEGER[] NOT NULL,
    "calendarYear" INTEGER[] NOT NULL,
    "lowCents" BIGINT[] NOT NULL,
    "baseCents" BIGINT[] NOT NULL,
    "highCents" BIGINT[] NOT NULL,
    CONSTRAINT "CostLineSet_arrays_check" CHECK (
      cardinality("yearIndex") BETWEEN 1 AND 255
      AND cardinality("calendarYear") = cardinality("yearIndex")
      AND cardinality("lowCents") = cardinality("yearIndex")
      AND cardinality("baseCents") = cardinality("yearIndex")
      AND cardinality("highCents") = cardinality("yearIndex"))
);
-- The one index: a use case's sets (the foreign key's cascade, every reader's lookup, and the
-- single save's match on approach and category). Every organization-wide read joins the use cases
-- first, by their own (organizationId, …) index.
CREATE UNIQUE INDEX "CostLineSet_useCaseId_approach_category_key" ON "CostLineSet"("useCaseId", "approach", "category");
ALTER TABLE "CostLineSet" ADD CONSTRAINT "CostLineSet_useCaseId_fkey" FOREIGN KEY ("useCaseId") REFERENCES "UseCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- What is there: each use case's lines, grouped, numbered in the order of their lines' ids.
INSERT INTO "CostLineSet" ("id", "organizationId", "useCaseId", "approach", "category", "manual", "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents")
SELECT row_number() OVER (ORDER BY min(l."id")), min(l."organizationId"), l."useCaseId", l."approach", l."category", bool_or(l."manual"),
       array_agg(l."yearIndex" ORDER BY l."yearIndex"), array_agg(l."calendarYear" ORDER BY l."yearIndex"),
       array_agg(l."lowCents" ORDER BY l."yearIndex"), array_agg(l."baseCents" ORDER BY l."yearIndex"), array_agg(l."highCents" ORDER BY l."yearIndex")
  FROM "CostLine" l
 GROUP BY l."useCaseId", l."approach", l."category";
SELECT setval(pg_get_serial_sequence('"CostLineSet"', 'id'), COALESCE((SELECT max("id") FROM "CostLineSet"), 0) + 1, false);

DROP TABLE "CostLine";

CREATE VIEW "CostLine" WITH (security_invoker = true) AS
SELECT s."id" * 256 + e.n AS "id", s."organizationId", s."useCaseId", s."approach", e."yearIndex", e."calendarYear", s."category",
       e."lowCents", e."baseCents", e."highCents", s."manual"
  FROM "CostLineSet" s
 CROSS JOIN LATERAL unnest(s."yearIndex", s."calendarYear", s."lowCents", s."baseCents", s."highCents")
       WITH ORDINALITY AS e("yearIndex", "calendarYear", "lowCents", "baseCents", "highCents", n);

-- The yearly totals: one set per use case and approach, each year's completeness an element too.
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

-- A single save: the same function, now given the use case's sets (lineSets and yearSets of
-- lib/domain/costing/line-sets.ts, in that order). A set whose arrays or flag changed is updated
-- in place, a new one inserted (in the order given, so its id follows the projection's order),
-- one the projection no longer has deleted, an unchanged one left alone.
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
           "assumptionVersionId" = p_assumption_version, "updatedAt" = p_at,
           "evidence" = COALESCE((p_score->>'evidence')::"Evidence", 'assessed')
     WHERE "id" = p_use_case AND "organizationId" = p_org;
  PERFORM "UseCaseRollup_refresh"(p_org, ARRAY[p_use_case]);
END
$$;

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

-- The same for the yearly totals.
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
