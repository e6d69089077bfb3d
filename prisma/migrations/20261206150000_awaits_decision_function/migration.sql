-- "Awaiting a decision" (lib/domain/decisions/queue.ts, awaitsDecision) was written out as SQL in
-- four places: the decision queue's "Recommended, no decision" (lib/server/decisions/queue.ts), the
-- filters' `awaiting=yes` over a use case or its rollup row (lib/server/portfolio/filter-sql.ts),
-- the portfolio's count of it (lib/server/portfolio/panels/awaiting.ts), and the kept tally's
-- part of it ("PortfolioTally_of", 20261206110000_awaiting_decision_tally). It is now this one
-- function, which all of them call; a change to the rule is made here and in the pure rule.
--
-- Its arguments are the facts the rule reads: the use case's status, recommendation and chosen
-- approach, and whether its decision workflow row is sent back or proposed (the callers ask the
-- workflow in their own way: a join, an EXISTS through its index, or nothing at all for the kept
-- tally, which knows only the rollup and passes false). LANGUAGE sql, IMMUTABLE, one expression,
-- each argument used once: PostgreSQL inlines it where it is called, so the statements' plans are
-- the ones the written-out conditions had (an EXISTS argument still becomes a hashed subplan, a
-- NOT still opens the conditions to the indexes). Null in, null out, as the conditions were.
--
-- "PortfolioTally_of" is replaced to call it, with the same result for every row, so the kept
-- tallies stand as they are; the trigger functions that inline it plan it afresh on their next call.

CREATE FUNCTION "UseCase_awaitsDecision"(status "UseCaseStatus", recommended "Approach", chosen "Approach", "sentBack" boolean, proposed boolean)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  -- Recommended, not retired and no decision standing (none chosen, or sent back); or proposed, awaiting approval.
  SELECT (status <> 'RETIRED' AND recommended IS NOT NULL AND (chosen IS NULL OR "sentBack")) OR proposed
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
$$;
