-- A decision's yearly budget was the approach's first year whole, the one-off build included: a
-- Hybrid costing $290,000 to build and $198,000 a year to run read "$488,000 a year", and each
-- later year of its lifecycle counted $488,000 as approved spend. The build is now kept apart
-- ("buildCents": build engineering, data curation and training compute, priced once, in the first
-- year only) and the yearly budget is the run rate: the first year's other costs.
--
-- The decisions already stored are split the same way, by their approach's first year as projected
-- now: where the figure stored is that first year (nothing has moved since), exactly into its
-- one-off lines and the rest; where the projection has moved since (a budget finance approved no
-- longer moves), in the same shares. The two always sum to the figure stored, so nothing proposed
-- or approved is lost, only said apart.

ALTER TABLE "UseCaseDecision" ADD COLUMN "buildCents" BIGINT NOT NULL DEFAULT 0;

UPDATE "UseCaseDecision" d
   SET "buildCents" = s.build,
       "yearlyBudgetCents" = d."yearlyBudgetCents" - s.build
  FROM (
    SELECT d2."useCaseId",
           CASE WHEN f.total = d2."yearlyBudgetCents" THEN f.oneoff
                ELSE round(d2."yearlyBudgetCents"::numeric * f.oneoff / f.total)::bigint END AS build
      FROM "UseCaseDecision" d2
      JOIN (
        SELECT cl."useCaseId", cl.approach,
               sum(cl."baseCents") FILTER (WHERE cl.category IN ('BUILD_ENGINEERING', 'DATA_CURATION', 'TRAINING_COMPUTE'))::bigint AS oneoff,
               sum(cl."baseCents")::bigint AS total
          FROM "CostLine" cl
         WHERE cl."yearIndex" = 1 AND cl."baseCents" IS NOT NULL
         GROUP BY 1, 2
      ) f ON f."useCaseId" = d2."useCaseId" AND f.approach = d2.approach
     WHERE d2."yearlyBudgetCents" IS NOT NULL AND f.oneoff > 0 AND f.total > 0
  ) s
 WHERE s."useCaseId" = d."useCaseId";
