-- Two more reasons an approach cannot serve a use case count in the rollup's infeasible bits, as the
-- cost panel already names them (lib/domain/costing/feasibility.ts, whyCannotServe):
-- * an index with nothing to retrieve (cost engine 2.17): RAG or the hybrid where the answers give a
--   corpus of 0 documents and expertise that cannot be documented, "emptyIndex" in the projection
--   summary (RAG is then a prompted base model, the hybrid fine-tuning);
-- * a prompted base model tried and short of the bar, "meetsBar" false (prompting alone): until now
--   the rollup left it out, so a portfolio whose chosen prompting fell short could show "as chosen"
--   as a saving.
-- The same function as in 20261206170000_rollup_lacks_capability, two conditions added; the refresh
-- and the kept sums' triggers call it by name.
CREATE OR REPLACE FUNCTION "UseCaseRollup_infeasible"(s JSONB) RETURNS BOOLEAN LANGUAGE sql IMMUTABLE AS $$
  SELECT COALESCE(
    s->'meetsLag' = 'false'::jsonb OR s->'reachesKnowledge' = 'false'::jsonb OR jsonb_typeof(s->'lacksCapability') = 'string'
      OR s->'emptyIndex' = 'true'::jsonb OR s->'meetsBar' = 'false'::jsonb,
    false)
$$;

-- Existing rows: rebuilt from what is stored (the kept sums follow through their triggers). Summaries
-- stored before engine 2.17 carry no "emptyIndex" until start-up re-projects them
-- (lib/server/rescore.ts), which refreshes their rows again.
SELECT "UseCaseRollup_refresh"(u."organizationId", array_agg(u.id)) FROM "UseCase" u GROUP BY u."organizationId";
