-- The portfolio's risk-flag list: most flags first, then the most spend as chosen at stake (it was the
-- most recently updated, so in the demo, where every row shares one timestamp, an approved $683k use
-- case that will miss its deadline came after two uncosted agents). Its index follows the new order,
-- so the first rows are still read straight from it at any size.
DROP INDEX IF EXISTS "UseCaseRollup_list_flagged_idx";
CREATE INDEX "UseCaseRollup_list_flagged_idx" ON "UseCaseRollup"("organizationId", cardinality("riskFlags") DESC, "chosenBaseCents" DESC NULLS LAST, "updatedAt" DESC, "useCaseId")
  WHERE "deletedAt" IS NULL AND cardinality("riskFlags") > 0;
