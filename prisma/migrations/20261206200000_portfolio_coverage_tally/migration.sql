-- The scenarios table marked a saving "*" (part of the difference is coverage, not cost) whenever
-- either scenario left out a use case or lacked a figure, without asking whether the other left out
-- the same ones: as chosen and as recommended, which both leave out the same two agents, read as
-- not like for like although every dollar of the difference was cost.
--
-- A pair of scenarios is like for like when no use case in view has a different status in the two:
-- not costed (no cost rows for its approach there), costed but lacking a figure, or costed and
-- complete. "UseCaseRollup_coverage" writes a use case's five statuses as one word, one letter per
-- scenario in the portfolio's order (as chosen, as recommended, RAG, fine-tuning, hybrid): 'n' not
-- costed, 'i' lacking a figure, 'c' complete. It makes the cost statement's own tests: costed is a
-- non-empty array for the scenario's approach (as chosen and as recommended read the RAG,
-- fine-tuning or hybrid array when their approach is one of the three, their own array otherwise,
-- as "UseCaseRollup_refresh" fills them), lacking a figure is the scenario's incomplete bit (1, 2,
-- 4, 8, 16). Counting the use cases by that word gives, for every pair of scenarios, how many
-- differ between the two: at most 243 words, whatever the number of use cases.
--
-- The unfiltered view reads the count from a tally kept by the triggers (kind 'coverage', the word
-- as key): "PortfolioTally_of" gains it, and every organization's base for it is added here from
-- its live rollup rows, with the rollup locked against writes so that none falls between the base
-- and the new function (as in 20261206110000_awaiting_decision_tally). A filtered view counts the
-- same word over its rollup rows (lib/server/portfolio/panels/use-cases.ts).

LOCK TABLE "UseCaseRollup" IN SHARE MODE;

-- One scenario's letter: its array for the use case's approach there, and its incomplete bit. Each
-- argument used once, so PostgreSQL inlines it (and the function below) where it is called.
CREATE FUNCTION "UseCaseRollup_status"(cents bigint[], incomplete boolean)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN coalesce(cardinality(cents), 0) = 0 THEN 'n' WHEN incomplete THEN 'i' ELSE 'c' END
$$;

CREATE FUNCTION "UseCaseRollup_coverage"(r "UseCaseRollup")
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT "UseCaseRollup_status"(CASE coalesce(r."chosenApproach", r."recommendedApproach") WHEN 'RAG' THEN r."ragCents" WHEN 'FINE_TUNING' THEN r."fineTuningCents"
                                  WHEN 'HYBRID' THEN r."hybridCents" ELSE r."chosenCents" END, r.incomplete & 1 <> 0)
      || "UseCaseRollup_status"(CASE r."recommendedApproach" WHEN 'RAG' THEN r."ragCents" WHEN 'FINE_TUNING' THEN r."fineTuningCents"
                                  WHEN 'HYBRID' THEN r."hybridCents" ELSE r."recommendedCents" END, r.incomplete & 2 <> 0)
      || "UseCaseRollup_status"(r."ragCents", r.incomplete & 4 <> 0)
      || "UseCaseRollup_status"(r."fineTuningCents", r.incomplete & 8 <> 0)
      || "UseCaseRollup_status"(r."hybridCents", r.incomplete & 16 <> 0)
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
$$;

INSERT INTO "PortfolioTally" ("organizationId", kind, key, n)
SELECT r."organizationId", e.kind, e.key, sum(e.n)
  FROM "UseCaseRollup" r
  CROSS JOIN LATERAL "PortfolioTally_of"(r, 1) e
 WHERE e.kind = 'coverage'
 GROUP BY 1, 2, 3
HAVING sum(e.n) <> 0;
