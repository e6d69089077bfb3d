-- The budget panel counts, per business unit and calendar year, the use cases whose lifecycle covers
-- the year but that have no cost as chosen at all (not assessed, or an approach the cost model does
-- not price, with no manual estimate): the projected spend beside it leaves them out, and the panel
-- says so. On the unfiltered portfolio it read every such use case with its "UseCase" row (which
-- years it covers: its start, horizon and retirement are not in the rollup), so a miss of the
-- portfolio cache grew with the portfolio (+10 ms at 10,000 use cases, docs/benchmarks.md).
--
-- Now the rollup keeps the years each use case's lifecycle covers, as derivation costs them
-- (lib/server/use-cases/derive.ts) and as the count decided them: from "lifeStartYear" (the year of
-- its planned start, else of its creation) for "lifeYears" years (its horizon, 1 to 10, none after
-- the year it was retired; 0 or fewer when it was retired before its start). "UseCaseRollup_refresh"
-- fills both from the use case in the same statement as the rest of the row, so they are as current
-- as the row. "PortfolioTally_of" gains kind 'notCosted', key '<year>:<business unit>', one count for
-- each year such a use case covers; the three trigger functions call it by name, so the kept tally
-- follows every rollup write in its transaction, and bases and compactions rewrite it with the rest.
--
-- Existing rows: the two columns are filled here, then every organization's base for the new kind is
-- added from its live rollup rows. ALTER TABLE holds the rollup against every other write until this
-- migration commits, so none falls between the base and the new functions (as in
-- 20261206200000_portfolio_coverage_tally).

ALTER TABLE "UseCaseRollup" ADD COLUMN "lifeStartYear" INTEGER, ADD COLUMN "lifeYears" INTEGER;

-- The years a use case covers, from its own columns (the count's own expressions, unchanged).
CREATE FUNCTION "UseCase_lifeStartYear"(start_date date, created_at timestamp(3))
RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT EXTRACT(YEAR FROM COALESCE(start_date, created_at))::int
$$;

CREATE FUNCTION "UseCase_lifeYears"(start_year integer, horizon_years integer, retired_at timestamp(3))
RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT LEAST(10, GREATEST(1, horizon_years), CASE WHEN retired_at IS NULL THEN 10 ELSE EXTRACT(YEAR FROM retired_at)::int - start_year + 1 END)
$$;

-- The same function as in 20261205030000_rollup_summary_once, the two columns added.
CREATE OR REPLACE FUNCTION "UseCaseRollup_refresh"(org TEXT, ids TEXT[]) RETURNS INTEGER LANGUAGE sql AS $$
  WITH rows AS (
    INSERT INTO "UseCaseRollup" AS r (
      "useCaseId", "organizationId", "businessUnit", "status", "ownerId", "recommendedApproach", "chosenApproach", "riskFlags",
      "disagreement", "agreement", "assumptionVersionId", "updatedAt", "deletedAt", "startYear",
      "chosenCents", "recommendedCents", "ragCents", "fineTuningCents", "hybridCents", "incomplete",
      "chosenLowCents", "chosenBaseCents", "chosenHighCents", "staleLow", "staleBase", "staleHigh", "ttvLow", "ttvBase", "ttvHigh",
      "missing", "frameworkVersions", "weightsVersion", "evidence", "infeasible", "maxLagDays", "worstDelayDays",
      "lifeStartYear", "lifeYears")
    SELECT u.id, u."organizationId", u."businessUnit", u.status, u."ownerId", u."recommendedApproach", u."chosenApproach", COALESCE(u."riskFlags", ARRAY[]::TEXT[]),
           u.disagreement, u."agreementVotes"::float8 / greatest(u."agreementVoters", 1), u."assumptionVersionId", u."updatedAt", u."deletedAt", y."startYear",
           COALESCE(y.ch, ARRAY[]::BIGINT[]), COALESCE(y.rec, ARRAY[]::BIGINT[]), COALESCE(y.rag, ARRAY[]::BIGINT[]), COALESCE(y.ft, ARRAY[]::BIGINT[]), COALESCE(y.hy, ARRAY[]::BIGINT[]),
           COALESCE(y.incomplete, 0), y."chLow", y."chBase", y."chHigh",
           (a.s->'staleDaysPerYear'->>'low')::float8, (a.s->'staleDaysPerYear'->>'base')::float8, (a.s->'staleDaysPerYear'->>'high')::float8,
           (a.s->'timeToValueWeeks'->>'low')::float8, (a.s->'timeToValueWeeks'->>'base')::float8, (a.s->'timeToValueWeeks'->>'high')::float8,
           CASE WHEN COALESCE(y.incomplete, 0) & 1 <> 0 AND jsonb_typeof(a.s->'missing') = 'array'
                THEN ARRAY(SELECT jsonb_array_elements_text(a.s->'missing')) ELSE ARRAY[]::TEXT[] END,
           v.v->'frameworkVersions',
           CASE WHEN jsonb_typeof(v.v->'weightsVersion') = 'number' THEN (v.v->>'weightsVersion')::numeric::int END,
           u."evidence",
           -- Bits as "incomplete": the approach misses the lag or never sees the use case's knowledge.
           (CASE WHEN f.ch THEN 1 ELSE 0 END) | (CASE WHEN f.rec THEN 2 ELSE 0 END) | (CASE WHEN f.rag THEN 4 ELSE 0 END)
             | (CASE WHEN f.ft THEN 8 ELSE 0 END) | (CASE WHEN f.hy THEN 16 ELSE 0 END),
           CASE WHEN jsonb_typeof(p.ps->'maxLagDays') = 'number' THEN (p.ps->>'maxLagDays')::float8 END,
           CASE WHEN f.ch AND jsonb_typeof(a.s->'worstDelayDays') = 'number' THEN (a.s->>'worstDelayDays')::float8 END,
           l.start, "UseCase_lifeYears"(l.start, u."horizonYears", u."retiredAt")
      FROM "UseCase" u
      -- The summary, decompressed once per use case (OFFSET 0 keeps the planner from folding it
      -- back into each of the dozen expressions below, each of which would decompress it again).
      CROSS JOIN LATERAL (SELECT u."projectionSummary" || '{}'::jsonb AS ps OFFSET 0) p
      CROSS JOIN LATERAL (SELECT COALESCE(u."chosenApproach", u."recommendedApproach") AS ch) k
      CROSS JOIN LATERAL (SELECT p.ps->'approaches'->(k.ch::text) AS s OFFSET 0) a
      CROSS JOIN LATERAL (SELECT "UseCase_lifeStartYear"(u."startDate", u."createdAt") AS start) l
      -- Which versions the numbers reflect: the summary's when it says, else the score's.
      CROSS JOIN LATERAL (SELECT CASE WHEN p.ps ? 'frameworkVersions' THEN p.ps ELSE u.score END AS v) v
      CROSS JOIN LATERAL (
        SELECT "UseCaseRollup_infeasible"(a.s) AS ch,
               "UseCaseRollup_infeasible"(p.ps->'approaches'->(u."recommendedApproach"::text)) AS rec,
               "UseCaseRollup_infeasible"(p.ps->'approaches'->'RAG') AS rag,
               "UseCaseRollup_infeasible"(p.ps->'approaches'->'FINE_TUNING') AS ft,
               "UseCaseRollup_infeasible"(p.ps->'approaches'->'HYBRID') AS hy) f
      LEFT JOIN LATERAL (
        SELECT min(c."calendarYear" - c."yearIndex" + 1) AS "startYear",
               -- As chosen and as recommended: only when that approach is none of the three below
               -- (else the dashboard reads that one's column), so no amount is read twice.
               array_agg(t.x ORDER BY c."yearIndex", t.k) FILTER (WHERE c.approach = k.ch AND c.approach NOT IN ('RAG', 'FINE_TUNING', 'HYBRID')) AS ch,
               array_agg(t.x ORDER BY c."yearIndex", t.k) FILTER (WHERE c.approach = u."recommendedApproach" AND c.approach NOT IN ('RAG', 'FINE_TUNING', 'HYBRID')) AS rec,
               array_agg(t.x ORDER BY c."yearIndex", t.k) FILTER (WHERE c.approach = 'RAG') AS rag,
               array_agg(t.x ORDER BY c."yearIndex", t.k) FILTER (WHERE c.approach = 'FINE_TUNING') AS ft,
               array_agg(t.x ORDER BY c."yearIndex", t.k) FILTER (WHERE c.approach = 'HYBRID') AS hy,
               sum(t.x) FILTER (WHERE c.approach = k.ch AND t.k = 1) AS "chLow",
               sum(t.x) FILTER (WHERE c.approach = k.ch AND t.k = 2) AS "chBase",
               sum(t.x) FILTER (WHERE c.approach = k.ch AND t.k = 3) AS "chHigh",
               (CASE WHEN bool_and(c.complete) FILTER (WHERE c.approach = k.ch) = false THEN 1 ELSE 0 END)
             | (CASE WHEN bool_and(c.complete) FILTER (WHERE c.approach = u."recommendedApproach") = false THEN 2 ELSE 0 END)
             | (CASE WHEN bool_and(c.complete) FILTER (WHERE c.approach = 'RAG') = false THEN 4 ELSE 0 END)
             | (CASE WHEN bool_and(c.complete) FILTER (WHERE c.approach = 'FINE_TUNING') = false THEN 8 ELSE 0 END)
             | (CASE WHEN bool_and(c.complete) FILTER (WHERE c.approach = 'HYBRID') = false THEN 16 ELSE 0 END) AS incomplete
          FROM "CostYear" c
          CROSS JOIN LATERAL (VALUES (1, c."lowCents"), (2, c."baseCents"), (3, c."highCents")) t(k, x)
         WHERE c."useCaseId" = u.id AND c."organizationId" = org
      ) y ON true
     WHERE u."organizationId" = org AND u.id = ANY(ids)
    ON CONFLICT ("useCaseId") DO UPDATE SET
      "organizationId" = EXCLUDED."organizationId", "businessUnit" = EXCLUDED."businessUnit", "status" = EXCLUDED."status", "ownerId" = EXCLUDED."ownerId",
      "recommendedApproach" = EXCLUDED."recommendedApproach", "chosenApproach" = EXCLUDED."chosenApproach", "riskFlags" = EXCLUDED."riskFlags",
      "disagreement" = EXCLUDED."disagreement", "agreement" = EXCLUDED."agreement", "assumptionVersionId" = EXCLUDED."assumptionVersionId",
      "updatedAt" = EXCLUDED."updatedAt", "deletedAt" = EXCLUDED."deletedAt", "startYear" = EXCLUDED."startYear",
      "chosenCents" = EXCLUDED."chosenCents", "recommendedCents" = EXCLUDED."recommendedCents", "ragCents" = EXCLUDED."ragCents",
      "fineTuningCents" = EXCLUDED."fineTuningCents", "hybridCents" = EXCLUDED."hybridCents", "incomplete" = EXCLUDED."incomplete",
      "chosenLowCents" = EXCLUDED."chosenLowCents", "chosenBaseCents" = EXCLUDED."chosenBaseCents", "chosenHighCents" = EXCLUDED."chosenHighCents",
      "staleLow" = EXCLUDED."staleLow", "staleBase" = EXCLUDED."staleBase", "staleHigh" = EXCLUDED."staleHigh",
      "ttvLow" = EXCLUDED."ttvLow", "ttvBase" = EXCLUDED."ttvBase", "ttvHigh" = EXCLUDED."ttvHigh",
      "missing" = EXCLUDED."missing", "frameworkVersions" = EXCLUDED."frameworkVersions", "weightsVersion" = EXCLUDED."weightsVersion",
      "evidence" = EXCLUDED."evidence", "infeasible" = EXCLUDED."infeasible", "maxLagDays" = EXCLUDED."maxLagDays",
      "worstDelayDays" = EXCLUDED."worstDelayDays", "lifeStartYear" = EXCLUDED."lifeStartYear", "lifeYears" = EXCLUDED."lifeYears"
    RETURNING 1
  )
  SELECT count(*)::int FROM rows
$$;

-- The existing rows' years. The kept sums' update trigger runs with the tally function still the old
-- one: every contribution it computes cancels, so it writes nothing.
UPDATE "UseCaseRollup" r
   SET "lifeStartYear" = "UseCase_lifeStartYear"(u."startDate", u."createdAt"),
       "lifeYears" = "UseCase_lifeYears"("UseCase_lifeStartYear"(u."startDate", u."createdAt"), u."horizonYears", u."retiredAt")
  FROM "UseCase" u
 WHERE u.id = r."useCaseId";

-- Not costed as chosen in a year: the conditions of the budget panel's count (notCostedByUnit in
-- lib/server/value/read.ts), its as-chosen array as asChosenArray writes it, and one count a year
-- of the lifecycle. No rows when the years are unknown (a row written before this) or none.
CREATE FUNCTION "UseCaseRollup_notCostedYears"(r "UseCaseRollup")
RETURNS SETOF integer
LANGUAGE sql IMMUTABLE AS $$
  SELECT y FROM generate_series(r."lifeStartYear", r."lifeStartYear" + r."lifeYears" - 1) AS y
   WHERE r."deletedAt" IS NULL
     AND ((r."chosenBaseCents" IS NULL AND r.evidence <> 'none') OR r.evidence = 'none')
     AND cardinality(CASE COALESCE(r."chosenApproach", r."recommendedApproach") WHEN 'RAG' THEN r."ragCents" WHEN 'FINE_TUNING' THEN r."fineTuningCents"
                          WHEN 'HYBRID' THEN r."hybridCents" ELSE r."chosenCents" END) = 0
$$;

CREATE OR REPLACE FUNCTION "PortfolioTally_of"(r "UseCaseRollup", s integer)
RETURNS TABLE (kind text, key text, n integer)
LANGUAGE sql IMMUTABLE AS $$
  SELECT 'flag', f.key, s FROM (SELECT DISTINCT unnest(r."riskFlags") AS key) AS f WHERE r."deletedAt" IS NULL
  UNION ALL
  SELECT 'missing', m.key, s FROM unnest(r.missing) AS m(key) WHERE r."deletedAt" IS NULL AND r.incomplete & 1 <> 0
  UNION ALL
  SELECT 'costed', r."businessUnit", s WHERE r."deletedAt" IS NULL AND r."chosenBaseCents" IS NOT NULL AND r.incomplete & 1 = 0
  UNION ALL
  -- Awaiting a decision as the rollup alone says it (no workflow row): the reader adds what the
  -- workflow rows change (lib/server/portfolio/panels/awaiting.ts).
  SELECT 'awaiting', 'recommended, none chosen', s
   WHERE r."deletedAt" IS NULL AND "UseCase_awaitsDecision"(r.status, r."recommendedApproach", r."chosenApproach", false, false)
  UNION ALL
  -- Its status in each scenario, as one word: which pairs of scenarios differ on it.
  SELECT 'coverage', "UseCaseRollup_coverage"(r), s
   WHERE r."deletedAt" IS NULL
  UNION ALL
  -- Not costed as chosen, once for each calendar year its lifecycle covers, with its business unit.
  SELECT 'notCosted', y::text || ':' || r."businessUnit", s FROM "UseCaseRollup_notCostedYears"(r) AS y
$$;

INSERT INTO "PortfolioTally" ("organizationId", kind, key, n)
SELECT r."organizationId", e.kind, e.key, sum(e.n)
  FROM "UseCaseRollup" r
  CROSS JOIN LATERAL "PortfolioTally_of"(r, 1) e
 WHERE e.kind = 'notCosted'
 GROUP BY 1, 2, 3
HAVING sum(e.n) <> 0;
