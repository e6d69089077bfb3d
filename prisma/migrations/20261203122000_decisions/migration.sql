-- Issue 20: the decision workflow, comments and in-app notifications.
CREATE TYPE "DecisionState" AS ENUM ('PROPOSED', 'SENT_BACK', 'APPROVED', 'BUDGET_APPROVED', 'TO_REVIEW');

CREATE TABLE "UseCaseDecision" (
    "useCaseId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "state" "DecisionState" NOT NULL,
    "approach" "Approach" NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "yearlyBudgetCents" BIGINT,
    "proposedById" TEXT NOT NULL,
    "proposedAt" TIMESTAMP(3) NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "sentBackReason" TEXT NOT NULL DEFAULT '',
    "budgetApprovedById" TEXT,
    "budgetApprovedAt" TIMESTAMP(3),
    "basis" JSONB,
    "reviewReasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UseCaseDecision_pkey" PRIMARY KEY ("useCaseId")
);
CREATE INDEX "UseCaseDecision_organizationId_state_idx" ON "UseCaseDecision"("organizationId", "state");
ALTER TABLE "UseCaseDecision" ADD CONSTRAINT "UseCaseDecision_useCaseId_fkey" FOREIGN KEY ("useCaseId") REFERENCES "UseCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "UseCaseComment" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "useCaseId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "mentions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UseCaseComment_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "UseCaseComment_organizationId_useCaseId_createdAt_idx" ON "UseCaseComment"("organizationId", "useCaseId", "createdAt");
ALTER TABLE "UseCaseComment" ADD CONSTRAINT "UseCaseComment_useCaseId_fkey" FOREIGN KEY ("useCaseId") REFERENCES "UseCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "useCaseId" TEXT,
    "actorId" TEXT,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Notification_organizationId_userId_readAt_createdAt_idx" ON "Notification"("organizationId", "userId", "readAt", "createdAt");
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The decision queue (lib/server/decisions/queue.ts) reads live rollup rows that have a
-- recommendation and no decision, a decision unlike the recommendation, or a risk flag, by
-- organization and projected spend: one partial index with exactly the queue's predicate.
CREATE INDEX "UseCaseRollup_decision_queue_idx" ON "UseCaseRollup"("organizationId", "chosenBaseCents" DESC NULLS LAST)
  WHERE "deletedAt" IS NULL AND (("recommendedApproach" IS NOT NULL AND "chosenApproach" IS NULL) OR "chosenApproach" <> "recommendedApproach" OR cardinality("riskFlags") > 0);

-- Row-level security, as for every organization-owned table (20261123120000_row_level_security).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tradeoff_org_reader') THEN
    GRANT SELECT ON "UseCaseDecision", "UseCaseComment", "Notification" TO tradeoff_org_reader;
  END IF;
END $$;

ALTER TABLE "UseCaseDecision" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tradeoff_all_rows ON "UseCaseDecision" AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
CREATE POLICY tradeoff_org_scope ON "UseCaseDecision" AS RESTRICTIVE FOR ALL TO PUBLIC
  USING ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)))
  WITH CHECK ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)));

ALTER TABLE "UseCaseComment" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tradeoff_all_rows ON "UseCaseComment" AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
CREATE POLICY tradeoff_org_scope ON "UseCaseComment" AS RESTRICTIVE FOR ALL TO PUBLIC
  USING ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)))
  WITH CHECK ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)));

ALTER TABLE "Notification" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tradeoff_all_rows ON "Notification" AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
CREATE POLICY tradeoff_org_scope ON "Notification" AS RESTRICTIVE FOR ALL TO PUBLIC
  USING ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)))
  WITH CHECK ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)));
