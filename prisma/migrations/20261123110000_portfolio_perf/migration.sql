-- The portfolio's per-use-case rollup (docs/decisions/portfolio-dashboard.md, "Speed"): one narrow
-- row per use case with its filter columns and its projection rolled up, so the dashboard reads
-- one row per use case, not ~20 CostYear rows and a compressed JSON summary.

-- CreateTable
CREATE TABLE "UseCaseRollup" (
    "useCaseId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "businessUnit" TEXT NOT NULL,
    "status" "UseCaseStatus" NOT NULL,
    "ownerId" TEXT NOT NULL,
    "recommendedApproach" "Approach",
    "chosenApproach" "Approach",
    "riskFlags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "disagreement" BOOLEAN NOT NULL DEFAULT false,
    "agreement" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "assumptionVersionId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),
    "startYear" INTEGER,
    "chosenCents" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "recommendedCents" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "ragCents" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "fineTuningCents" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "hybridCents" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "incomplete" INTEGER NOT NULL DEFAULT 0,
    "chosenLowCents" BIGINT,
    "chosenBaseCents" BIGINT,
    "chosenHighCents" BIGINT,
    "staleLow" DOUBLE PRECISION,
    "staleBase" DOUBLE PRECISION,
    "staleHigh" DOUBLE PRECISION,
    "ttvLow" DOUBLE PRECISION,
    "ttvBase" DOUBLE PRECISION,
    "ttvHigh" DOUBLE PRECISION,
    "missing" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "frameworkVersions" JSONB,
    "weightsVersion" INTEGER,

    CONSTRAINT "UseCaseRollup_pkey" PRIMARY KEY ("useCaseId")
);

-- The amounts stay inline and uncompressed (at most 30 numbers each): reading them never decompresses.
ALTER TABLE "UseCaseRollup" ALTER COLUMN "chosenCents" SET STORAGE PLAIN,
    ALTER COLUMN "recommendedCents" SET STORAGE PLAIN,
    ALTER COLUMN "ragCents" SET STORAGE PLAIN,
    ALTER COLUMN "fineTuningCents" SET STORAGE PLAIN,
    ALTER COLUMN "hybridCents" SET STORAGE PLAIN;

-- AddForeignKey
ALTER TABLE "UseCaseRollup" ADD CONSTRAINT "UseCaseRollup_useCaseId_fkey" FOREIGN KEY ("useCaseId") REFERENCES "UseCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The dashboard's filters, over live use cases only, organization first.
CREATE INDEX "UseCaseRollup_live_idx" ON "UseCaseRollup"("organizationId", "updatedAt") WHERE "deletedAt" IS NULL;
CREATE INDEX "UseCaseRollup_live_businessUnit_idx" ON "UseCaseRollup"("organizationId", "businessUnit") WHERE "deletedAt" IS NULL;
CREATE INDEX "UseCaseRollup_live_status_idx" ON "UseCaseRollup"("organizationId", "status") WHERE "deletedAt" IS NULL;
CREATE INDEX "UseCaseRollup_live_ownerId_idx" ON "UseCaseRollup"("organizationId", "ownerId") WHERE "deletedAt" IS NULL;
CREATE INDEX "UseCaseRollup_live_recommendedApproach_idx" ON "UseCaseRollup"("organizationId", "recommendedApproach") WHERE "deletedAt" IS NULL;
CREATE INDEX "UseCaseRollup_live_chosenApproach_idx" ON "UseCaseRollup"("organizationId", "chosenApproach") WHERE "deletedAt" IS NULL;
CREATE INDEX "UseCaseRollup_live_riskFlags_idx" ON "UseCaseRollup" USING GIN ("riskFlags") WHERE "deletedAt" IS NULL;

-- Rebuilds the rollup rows of some use cases of one organization from UseCase and CostYear (and
-- the stored summary and score, read here once rather than on every dashboard load). Called by
-- lib/server/portfolio/rollup.ts in the same transaction as every write of either.
CREATE FUNCTION "UseCaseRollup_refresh"(org TEXT, ids TEXT[]) RETURNS INTEGER LANGUAGE sql AS $$
  WITH rows AS (
    INSERT INTO "UseCaseRollup" AS r (
      "useCaseId", "organizationId", "businessUnit", "status", "ownerId", "recommendedApproach", "chosenApproach", "riskFlags",
      "disagreement", "agreement", "assumptionVersionId", "updatedAt", "deletedAt", "startYear",
      "chosenCents", "recommendedCents", "ragCents", "fineTuningCents", "hybridCents", "incomplete",
      "chosenLowCents", "chosenBaseCents", "chosenHighCents", "staleLow", "staleBase", "staleHigh", "ttvLow", "ttvBase", "ttvHigh",
      "missing", "frameworkVersions", "weightsVersion")
    SELECT u.id, u."organizationId", u."businessUnit", u.status, u."ownerId", u."recommendedApproach", u."chosenApproach", COALESCE(u."riskFlags", ARRAY[]::TEXT[]),
           u.disagreement, u."agreementVotes"::float8 / greatest(u."agreementVoters", 1), u."assumptionVersionId", u."updatedAt", u."deletedAt", y."startYear",
           COALESCE(y.ch, ARRAY[]::BIGINT[]), COALESCE(y.rec, ARRAY[]::BIGINT[]), COALESCE(y.rag, ARRAY[]::BIGINT[]), COALESCE(y.ft, ARRAY[]::BIGINT[]), COALESCE(y.hy, ARRAY[]::BIGINT[]),
           COALESCE(y.incomplete, 0), y."chLow", y."chBase", y."chHigh",
           (a.s->'staleDaysPerYear'->>'low')::float8, (a.s->'staleDaysPerYear'->>'base')::float8, (a.s->'staleDaysPerYear'->>'high')::float8,
           (a.s->'timeToValueWeeks'->>'low')::float8, (a.s->'timeToValueWeeks'->>'base')::float8, (a.s->'timeToValueWeeks'->>'high')::float8,
           CASE WHEN COALESCE(y.incomplete, 0) & 1 <> 0 AND jsonb_typeof(a.s->'missing') = 'array'
                THEN ARRAY(SELECT jsonb_array_elements_text(a.s->'missing')) ELSE ARRAY[]::TEXT[] END,
           v.v->'frameworkVersions',
           CASE WHEN jsonb_typeof(v.v->'weightsVersion') = 'number' THEN (v.v->>'weightsVersion')::numeric::int END
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
      "missing" = EXCLUDED."missing", "frameworkVersions" = EXCLUDED."frameworkVersions", "weightsVersion" = EXCLUDED."weightsVersion"
    RETURNING 1
  )
  SELECT count(*)::int FROM rows
$$;

-- Existing use cases.
SELECT "UseCaseRollup_refresh"(o.id, ARRAY(SELECT u.id FROM "UseCase" u WHERE u."organizationId" = o.id)) FROM "Organization" o;
