-- A fourth reason an approach cannot serve a use case (cost engine 2.11): it lacks a capability the
-- use case answered that it needs (needs tool use: every approach but an agent; must learn from user
-- interactions: RAG, fine-tuning, hybrid and prompting; lib/domain/frameworks/capabilities.ts, seed
-- 002). The projection summary carries it per approach as "lacksCapability" (a string, else null
-- or absent), and the rollup's infeasible bits now read it beside the lag and the knowledge, so the
-- portfolio's scenarios count such use cases as ones their approach cannot serve and never show a
-- scenario that holds them as a saving. The same function as in 20261203125000_rollup_feasibility,
-- one condition added; the refresh and the kept sums' triggers call it by name.
CREATE OR REPLACE FUNCTION "UseCaseRollup_infeasible"(s JSONB) RETURNS BOOLEAN LANGUAGE sql IMMUTABLE AS $$
  SELECT COALESCE(s->'meetsLag' = 'false'::jsonb OR s->'reachesKnowledge' = 'false'::jsonb OR jsonb_typeof(s->'lacksCapability') = 'string', false)
$$;

-- Existing rows: rebuilt from what is stored (the kept sums follow through their triggers). Summaries
-- stored before engine 2.11 carry no "lacksCapability" and read as lacking nothing until start-up
-- re-projects them (lib/server/rescore.ts), which refreshes their rows again.
SELECT "UseCaseRollup_refresh"(u."organizationId", array_agg(u.id)) FROM "UseCase" u GROUP BY u."organizationId";
