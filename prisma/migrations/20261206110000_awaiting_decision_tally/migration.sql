-- The portfolio's "awaiting a decision" (its headline) counted every use case with a recommendation
-- and no chosen approach, from the kept sums' recommended × chosen groups, which know neither the
-- status nor the decision workflow: a retired use case counted (nobody decides how to build what
-- was switched off), and one whose decision was sent back after an earlier approval left a chosen
-- approach did not (the decision queue counts it as undecided).
--
-- The count is now the queue's "Recommended, no decision" and "Proposed, awaiting approval". Its
-- large part, the use cases with a recommendation, no chosen approach and not retired, is a rollup
-- fact, kept here as one more tally (kind 'awaiting'); the rest (a proposal, a decision sent back
-- with a chosen approach) comes from the workflow rows in the statement that reads it
-- (lib/server/portfolio/panels/use-cases.ts), a few rows through their index.
--
-- The tallies' function is replaced (the trigger functions' plans inline it and are invalidated
-- with it) and the new kind's base is added for every organization from its live rollup rows. The
-- rollup is locked against writes meanwhile, so that no write commits between the base and the
-- new function: its contribution would be in neither.

LOCK TABLE "UseCaseRollup" IN SHARE MODE;

CREATE OR REPLACE FUNCTION "PortfolioTally_of"(r "UseCaseRollup", s integer)
RETURNS TABLE (kind text, key text, n integer)
LANGUAGE sql IMMUTABLE AS $$
  SELECT 'flag', f.key, s FROM (SELECT DISTINCT unnest(r."riskFlags") AS key) AS f WHERE r."deletedAt" IS NULL
  UNION ALL
  SELECT 'missing', m.key, s FROM unnest(r.missing) AS m(key) WHERE r."deletedAt" IS NULL AND r.incomplete & 1 <> 0
  UNION ALL
  SELECT 'costed', r."businessUnit", s WHERE r."deletedAt" IS NULL AND r."chosenBaseCents" IS NOT NULL AND r.incomplete & 1 = 0
  UNION ALL
  -- A recommendation, no chosen approach, and not retired: awaiting a decision unless a proposal
  -- makes it await approval instead (the reader counts it once, with the proposals).
  SELECT 'awaiting', 'recommended, none chosen', s
   WHERE r."deletedAt" IS NULL AND r."recommendedApproach" IS NOT NULL AND r."chosenApproach" IS NULL AND r.status <> 'RETIRED'
$$;

INSERT INTO "PortfolioTally" ("organizationId", kind, key, n)
SELECT r."organizationId", e.kind, e.key, sum(e.n)
  FROM "UseCaseRollup" r
  CROSS JOIN LATERAL "PortfolioTally_of"(r, 1) e
 WHERE e.kind = 'awaiting'
 GROUP BY 1, 2, 3
HAVING sum(e.n) <> 0;
