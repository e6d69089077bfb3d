-- A decision recorded directly (the Decision tab's form) for another approach than the workflow's
-- approved one supersedes it: the workflow row is kept, as SUPERSEDED, with who recorded the
-- direct decision, when, and which approach (null: the decision was cleared). Its yearly budget
-- stays on the row for the record but is no longer approved spend (only BUDGET_APPROVED counts,
-- lib/server/value/read.ts) nor the budget an early warning holds actual spend to.
-- The table already has its row-level security and portfolio-cache triggers
-- (20261203122000_decisions, 20261203140000_portfolio_cache); new columns need nothing more.
ALTER TYPE "DecisionState" ADD VALUE IF NOT EXISTS 'SUPERSEDED';

ALTER TABLE "UseCaseDecision"
  ADD COLUMN "supersededById" TEXT,
  ADD COLUMN "supersededAt" TIMESTAMP(3),
  ADD COLUMN "supersededByApproach" "Approach";
