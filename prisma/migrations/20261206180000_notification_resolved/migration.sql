-- A notification that asked someone to act (approval_requested, budget_requested) stops asking once
-- the decision has moved past that step, whoever moved it (lib/server/notifications.ts,
-- resolveRequests): the step that answers it sets when and what happened, as the recipient reads it,
-- and marks it read. The row stays: it is history.

ALTER TABLE "Notification" ADD COLUMN "resolvedAt" TIMESTAMP(3);
ALTER TABLE "Notification" ADD COLUMN "resolution" TEXT;

-- Requests written before this column: still live only if the decision stands where the request
-- asked (proposed, for an approval; approved, for a budget) and it is the latest such request to
-- that person about that use case. The others are resolved with where the decision stands now, at
-- the time of the use case's last decision step (else now).
WITH latest AS (
  SELECT DISTINCT ON ("organizationId", "userId", "useCaseId", kind) id
    FROM "Notification"
   WHERE kind IN ('approval_requested', 'budget_requested') AND "useCaseId" IS NOT NULL
   ORDER BY "organizationId", "userId", "useCaseId", kind, "createdAt" DESC, id DESC
),
stale AS (
  SELECT n.id, d.state,
         (SELECT max(a."at") FROM "AuditEvent" a
           WHERE a."organizationId" = n."organizationId" AND a.entity = 'UseCase' AND a."entityId" = n."useCaseId"
             AND a.action LIKE 'decision.%') AS stepped
    FROM "Notification" n
    LEFT JOIN "UseCaseDecision" d ON d."useCaseId" = n."useCaseId" AND d."organizationId" = n."organizationId"
   WHERE n.kind IN ('approval_requested', 'budget_requested') AND n."resolvedAt" IS NULL AND n."useCaseId" IS NOT NULL
     AND NOT (n.id IN (SELECT id FROM latest) AND d.state::text = CASE n.kind WHEN 'approval_requested' THEN 'PROPOSED' ELSE 'APPROVED' END)
)
UPDATE "Notification" n
   SET "resolvedAt" = COALESCE(s.stepped, now()),
       "readAt" = COALESCE(n."readAt", s.stepped, now()),
       resolution = CASE s.state::text
         WHEN 'PROPOSED' THEN 'a newer proposal replaced it'
         WHEN 'SENT_BACK' THEN 'the decision was sent back'
         WHEN 'APPROVED' THEN 'the decision was approved'
         WHEN 'BUDGET_APPROVED' THEN 'the budget was approved'
         WHEN 'TO_REVIEW' THEN 'the decision went back to review'
         WHEN 'SUPERSEDED' THEN 'a decision recorded directly superseded it'
         ELSE 'the decision has moved on'
       END
  FROM stale s
 WHERE n.id = s.id;
