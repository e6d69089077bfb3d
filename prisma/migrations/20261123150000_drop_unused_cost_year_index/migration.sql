-- CostYear's index by organization, approach and calendar year served the dashboard before it read
-- UseCaseRollup; nothing reads CostYear that way since (every read names one use case, through the
-- unique (useCaseId, approach, yearIndex)). Every save and import writes ~20 yearly totals per use
-- case, so the index was pure write cost.

-- DropIndex
DROP INDEX "CostYear_organizationId_approach_calendarYear_idx";
