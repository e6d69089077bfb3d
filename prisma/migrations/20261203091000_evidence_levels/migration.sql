-- Evidence levels (issue 13; PRODUCT.md "Evidence and honesty"): how many of the seven deciding
-- answers stand behind a use case's score. "none": no recommendation and no costs in any total;
-- "provisional": some missing; "assessed": all given. Derivation writes it from the score
-- (lib/domain/frameworks/evidence.ts); the rollup copies it so the portfolio can count and filter.
CREATE TYPE "Evidence" AS ENUM ('none', 'provisional', 'assessed');

ALTER TABLE "UseCase" ADD COLUMN "evidence" "Evidence" NOT NULL DEFAULT 'none';
ALTER TABLE "UseCaseRollup" ADD COLUMN "evidence" "Evidence" NOT NULL DEFAULT 'none';
CREATE INDEX "UseCase_organizationId_evidence_idx" ON "UseCase"("organizationId", "evidence");

-- Existing use cases: the level their stored answers give, counted as the domain counts it (an
-- answer is given when its key holds a value other than null). Start-up re-scores every use case
-- whose framework versions are older (scripts/lib/rescore.ts), which also drops the costs of the
-- ones with no evidence; until then the level is already right.
UPDATE "UseCase" u SET "evidence" = CASE k.n WHEN 0 THEN 'none'::"Evidence" WHEN 7 THEN 'assessed'::"Evidence" ELSE 'provisional'::"Evidence" END
  FROM (SELECT x.id, (SELECT count(*) FROM unnest(ARRAY['changeFrequency', 'coreNeed', 'maxLagDays', 'needsStyleOrFormat', 'labeledExamples', 'promptedBaselineMeetsBar', 'retrainingBudget']) AS d(key)
                       WHERE jsonb_typeof(x.assessment) = 'object' AND x.assessment ? d.key AND jsonb_typeof(x.assessment->d.key) <> 'null') AS n
          FROM "UseCase" x) k
 WHERE k.id = u.id;

-- Derivation stores the level with the rest of the score.
CREATE OR REPLACE FUNCTION "UseCase_storeDerived"(
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
           "assumptionVersionId" = p_assumption_version, "updatedAt" = p_at,
           "evidence" = COALESCE((p_score->>'evidence')::"Evidence", 'assessed')
     WHERE "id" = p_use_case AND "organizationId" = p_org;
  PERFORM "UseCaseRollup_refresh"(p_org, ARRAY[p_use_case]);
END
$$;

-- The rollup carries the level.
CREATE OR REPLACE FUNCTION "UseCaseRollup_refresh"(org TEXT, ids TEXT[]) RETURNS INTEGER LANGUAGE sql AS $$
  WITH rows AS (
    INSERT INTO "UseCaseRollup" AS r (
      "useCaseId", "organizationId", "businessUnit", "status", "ownerId", "recommendedApproach", "chosenApproach", "riskFlags",
      "disagreement", "agreement", "assumptionVersionId", "updatedAt", "deletedAt", "startYear",
      "chosenCents", "recommendedCents", "ragCents", "fineTuningCents", "hybridCents", "incomplete",
      "chosenLowCents", "chosenBaseCents", "chosenHighCents", "staleLow", "staleBase", "staleHigh", "ttvLow", "ttvBase", "ttvHigh",
      "missing", "frameworkVersions", "weightsVersion", "evidence")
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
           u."evidence"
      FROM "UseCase" u
      CROSS JOIN LATERAL (SELECT COALESCE(u."chosenApproach", u."recommendedApproach") AS ch) k
      CROSS JOIN LATERAL (SELECT u."projectionSummary"->'approaches'->(k.ch::text) AS s) a
      -- Which versions the numbers reflect: the summary's when it says, else the score's.
      CROSS JOIN LATERAL (SELECT CASE WHEN u."projectionSummary" ? 'frameworkVersions' THEN u."projectionSummary" ELSE u.score END AS v) v
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
      "evidence" = EXCLUDED."evidence"
    RETURNING 1
  )
  SELECT count(*)::int FROM rows
$$;

UPDATE "UseCaseRollup" r SET "evidence" = u."evidence" FROM "UseCase" u WHERE u.id = r."useCaseId";
