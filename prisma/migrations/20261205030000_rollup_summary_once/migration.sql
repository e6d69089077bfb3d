-- Issue 22, bar 2: the rollup of 10,000 imported use cases took 1.7 s of the database's time, and
-- more than half of it was decompressing each use case's projection summary (a ~3 KB jsonb, stored
-- compressed) once for each of the dozen expressions that read it: 1.0 s for those expressions
-- against 0.1 s with the summary decompressed once (psql, the bench's 10,000 use cases). The same
-- function as in 20261203125000_rollup_feasibility, reading the summary once per use case. It
-- writes the same rows: on the bench's 10,000 use cases, the rows it rewrote were identical in every
-- column to the old function's; tests/portfolio.test.ts checks the dashboard read from the rollup
-- against sums of the cost lines themselves.

CREATE OR REPLACE FUNCTION "UseCaseRollup_refresh"(org TEXT, ids TEXT[]) RETURNS INTEGER LANGUAGE sql AS $$
  WITH rows AS (
    INSERT INTO "UseCaseRollup" AS r (
      "useCaseId", "organizationId", "businessUnit", "status", "ownerId", "recommendedApproach", "chosenApproach", "riskFlags",
      "disagreement", "agreement", "assumptionVersionId", "updatedAt", "deletedAt", "startYear",
      "chosenCents", "recommendedCents", "ragCents", "fineTuningCents", "hybridCents", "incomplete",
      "chosenLowCents", "chosenBaseCents", "chosenHighCents", "staleLow", "staleBase", "staleHigh", "ttvLow", "ttvBase", "ttvHigh",
      "missing", "frameworkVersions", "weightsVersion", "evidence", "infeasible", "maxLagDays", "worstDelayDays")
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
           CASE WHEN f.ch AND jsonb_typeof(a.s->'worstDelayDays') = 'number' THEN (a.s->>'worstDelayDays')::float8 END
      FROM "UseCase" u
      -- The summary, decompressed once per use case (OFFSET 0 keeps the planner from folding it
      -- back into each of the dozen expressions below, each of which would decompress it again).
      CROSS JOIN LATERAL (SELECT u."projectionSummary" || '{}'::jsonb AS ps OFFSET 0) p
      CROSS JOIN LATERAL (SELECT COALESCE(u."chosenApproach", u."recommendedApproach") AS ch) k
      CROSS JOIN LATERAL (SELECT p.ps->'approaches'->(k.ch::text) AS s OFFSET 0) a
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
      "worstDelayDays" = EXCLUDED."worstDelayDays"
    RETURNING 1
  )
  SELECT count(*)::int FROM rows
$$;
