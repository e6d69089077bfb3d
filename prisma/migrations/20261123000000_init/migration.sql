-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'EXECUTIVE', 'LEAD', 'FINANCE');

-- CreateEnum
CREATE TYPE "UseCaseStatus" AS ENUM ('IDEA', 'ASSESSING', 'APPROVED', 'BUILDING', 'LIVE', 'RETIRED');

-- CreateEnum
CREATE TYPE "Approach" AS ENUM ('RAG', 'FINE_TUNING', 'HYBRID', 'PROMPTING', 'AGENT', 'PIPELINE', 'FEEDBACK_LEARNING');

-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "frameworkWeights" JSONB NOT NULL DEFAULT '{}',
    "weightsVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "invitedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UseCase" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "externalId" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "businessUnit" TEXT NOT NULL DEFAULT '',
    "ownerId" TEXT NOT NULL,
    "status" "UseCaseStatus" NOT NULL DEFAULT 'IDEA',
    "startDate" DATE,
    "horizonYears" INTEGER NOT NULL DEFAULT 5,
    "chosenApproach" "Approach",
    "decisionNotes" TEXT NOT NULL DEFAULT '',
    "assessment" JSONB NOT NULL DEFAULT '{}',
    "overrides" JSONB NOT NULL DEFAULT '{}',
    "manualEstimate" JSONB,
    "version" INTEGER NOT NULL DEFAULT 1,
    "recommendedApproach" "Approach",
    "agreementVotes" INTEGER NOT NULL DEFAULT 0,
    "agreementVoters" INTEGER NOT NULL DEFAULT 0,
    "disagreement" BOOLEAN NOT NULL DEFAULT false,
    "riskFlags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "score" JSONB,
    "scoredAt" TIMESTAMP(3),
    "projectionSummary" JSONB,
    "assumptionVersionId" TEXT,
    "createdById" TEXT NOT NULL,
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UseCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostLine" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "useCaseId" TEXT NOT NULL,
    "approach" "Approach" NOT NULL,
    "yearIndex" INTEGER NOT NULL,
    "calendarYear" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "lowCents" BIGINT,
    "baseCents" BIGINT,
    "highCents" BIGINT,
    "manual" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "CostLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostYear" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "useCaseId" TEXT NOT NULL,
    "approach" "Approach" NOT NULL,
    "yearIndex" INTEGER NOT NULL,
    "calendarYear" INTEGER NOT NULL,
    "lowCents" BIGINT NOT NULL,
    "baseCents" BIGINT NOT NULL,
    "highCents" BIGINT NOT NULL,
    "complete" BOOLEAN NOT NULL DEFAULT true,
    "manual" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "CostYear_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssumptionVersion" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "values" JSONB NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssumptionVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportMapping" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "columnMap" JSONB NOT NULL,
    "valueMap" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportMapping_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- Emails are unique whatever their case (not expressible in schema.prisma).
CREATE UNIQUE INDEX "User_email_lower_key" ON "User"(lower("email"));

-- CreateIndex
CREATE INDEX "Membership_organizationId_role_idx" ON "Membership"("organizationId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_userId_organizationId_key" ON "Membership"("userId", "organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_organizationId_createdAt_idx" ON "Invitation"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_at_idx" ON "AuditEvent"("organizationId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_entity_entityId_at_idx" ON "AuditEvent"("organizationId", "entity", "entityId", "at");

-- CreateIndex
CREATE INDEX "LoginAttempt_key_at_idx" ON "LoginAttempt"("key", "at");

-- CreateIndex
CREATE INDEX "UseCase_organizationId_deletedAt_updatedAt_idx" ON "UseCase"("organizationId", "deletedAt", "updatedAt");

-- CreateIndex
CREATE INDEX "UseCase_organizationId_businessUnit_idx" ON "UseCase"("organizationId", "businessUnit");

-- CreateIndex
CREATE INDEX "UseCase_organizationId_status_idx" ON "UseCase"("organizationId", "status");

-- CreateIndex
CREATE INDEX "UseCase_organizationId_ownerId_idx" ON "UseCase"("organizationId", "ownerId");

-- CreateIndex
CREATE INDEX "UseCase_organizationId_chosenApproach_idx" ON "UseCase"("organizationId", "chosenApproach");

-- CreateIndex
CREATE INDEX "UseCase_organizationId_recommendedApproach_idx" ON "UseCase"("organizationId", "recommendedApproach");

-- CreateIndex
CREATE UNIQUE INDEX "UseCase_organizationId_externalId_key" ON "UseCase"("organizationId", "externalId");

-- Risk-flag filters (not expressible in schema.prisma).
CREATE INDEX "UseCase_riskFlags_gin_idx" ON "UseCase" USING GIN ("riskFlags");

-- CreateIndex
CREATE INDEX "CostLine_useCaseId_idx" ON "CostLine"("useCaseId");

-- CreateIndex
CREATE INDEX "CostLine_organizationId_useCaseId_approach_yearIndex_idx" ON "CostLine"("organizationId", "useCaseId", "approach", "yearIndex");

-- CreateIndex
CREATE INDEX "CostYear_organizationId_approach_calendarYear_idx" ON "CostYear"("organizationId", "approach", "calendarYear");

-- CreateIndex
CREATE UNIQUE INDEX "CostYear_useCaseId_approach_yearIndex_key" ON "CostYear"("useCaseId", "approach", "yearIndex");

-- CreateIndex
CREATE UNIQUE INDEX "AssumptionVersion_organizationId_version_key" ON "AssumptionVersion"("organizationId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ImportMapping_organizationId_name_key" ON "ImportMapping"("organizationId", "name");

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UseCase" ADD CONSTRAINT "UseCase_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostLine" ADD CONSTRAINT "CostLine_useCaseId_fkey" FOREIGN KEY ("useCaseId") REFERENCES "UseCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostYear" ADD CONSTRAINT "CostYear_useCaseId_fkey" FOREIGN KEY ("useCaseId") REFERENCES "UseCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssumptionVersion" ADD CONSTRAINT "AssumptionVersion_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportMapping" ADD CONSTRAINT "ImportMapping_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
