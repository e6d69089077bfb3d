-- A decision's yearly budget was the approach's first year whole, the one-off build included: a
-- Hybrid costing $290,000 to build and $198,000 a year to run read "$488,000 a year", and each
-- later year of its lifecycle counted $488,000 as approved spend. The build is now kept apart
-- ("buildCents": build engineering, data curation and training compute, priced once, in the first
-- year only) and the yearly budget is the run rate: the first year's other costs.
--
-- The decisions already stored are split the same way, from the first year's one-off lines of
-- their approach as projected now, never more than the figure stored; the two still sum to the
-- first year that was proposed or approved, so nothing finance approved is lost, only said apart.

ALTER TABLE "UseCaseDecision" ADD COLUMN "buildCents" BIGINT NOT NULL DEFAULT 0;

UPDATE "UseCaseDecision" d
   SET "buildCents" = LEAST(b.cents, d."yearlyBudgetCents"),
       "yearlyBudgetCents" = d."yearlyBudgetCents" - LEAST(b.cents, d."yearlyBudgetCents")
  FROM (
    SELECT cl."useCaseId", cl.approach, sum(cl."baseCents")::bigint AS cents
      FROM "CostLine" cl
     WHERE cl."yearIndex" = 1 AND cl.category IN ('BUILD_ENGINEERING', 'DATA_CURATION', 'TRAINING_COMPUTE') AND cl."baseCents" IS NOT NULL
     GROUP BY 1, 2
  ) b
 WHERE b."useCaseId" = d."useCaseId" AND b.approach = d.approach
   AND d."yearlyBudgetCents" IS NOT NULL AND b.cents > 0;
