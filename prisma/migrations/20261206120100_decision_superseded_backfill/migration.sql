-- Decisions recorded directly over the workflow's before 20261206120000: a workflow row still
-- standing (approved, budget approved, to review) for an approach the use case no longer has as
-- its decision is superseded, as recordUseCaseDecision now does (lib/server/decisions/supersede.ts),
-- so its budget stops counting as approved spend. Who and when are the use case's latest recorded
-- decision's (its use_case.decision_recorded audit event), else unknown and now. A separate
-- migration: PostgreSQL cannot use an enum value in the transaction that added it. No audit event
-- or notification is written for these: the rows themselves say who recorded the decision.
UPDATE "UseCaseDecision" d
   SET "state" = 'SUPERSEDED',
       "supersededById" = e."actorId",
       "supersededAt" = COALESCE(e."at", CURRENT_TIMESTAMP),
       "supersededByApproach" = u."chosenApproach",
       "version" = d."version" + 1,
       "updatedAt" = CURRENT_TIMESTAMP
  FROM "UseCase" u
  LEFT JOIN LATERAL (
    SELECT a."actorId", a."at" FROM "AuditEvent" a
     WHERE a."organizationId" = u."organizationId" AND a."entity" = 'UseCase' AND a."entityId" = u."id" AND a."action" = 'use_case.decision_recorded'
     ORDER BY a."at" DESC
     LIMIT 1
  ) e ON true
 WHERE u."id" = d."useCaseId" AND u."organizationId" = d."organizationId"
   AND d."state" IN ('APPROVED', 'BUDGET_APPROVED', 'TO_REVIEW')
   AND u."chosenApproach" IS DISTINCT FROM d."approach";
