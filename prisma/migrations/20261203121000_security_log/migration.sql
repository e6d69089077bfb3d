-- The security log (issue 19, item 6): failed and throttled sign-ins and refused authorization,
-- coalesced per organization, action, person, address, target and ten-minute window
-- (lib/server/security-log.ts). Under row-level security like every organization-owned table.
CREATE TABLE "SecurityEvent" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT,
    "action" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "userId" TEXT,
    "email" TEXT,
    "ip" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "firstAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dedupeKey" TEXT NOT NULL,

    CONSTRAINT "SecurityEvent_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "SecurityEvent_dedupeKey_key" ON "SecurityEvent"("dedupeKey");
CREATE INDEX "SecurityEvent_organizationId_firstAt_id_idx" ON "SecurityEvent"("organizationId", "firstAt", "id");
CREATE INDEX "SecurityEvent_organizationId_userId_firstAt_id_idx" ON "SecurityEvent"("organizationId", "userId", "firstAt", "id");
CREATE INDEX "SecurityEvent_lastAt_idx" ON "SecurityEvent"("lastAt");

ALTER TABLE "SecurityEvent" ADD CONSTRAINT "SecurityEvent_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The audit page's keyset pages (time, then id), unfiltered and by person.
CREATE INDEX "AuditEvent_organizationId_at_id_idx" ON "AuditEvent"("organizationId", "at", "id");
CREATE INDEX "AuditEvent_organizationId_actorId_at_id_idx" ON "AuditEvent"("organizationId", "actorId", "at", "id");

-- Row-level security: the same two policies as every organization-owned table (rows without an
-- organization are never visible to the scoped role), and read access for the scoped role.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tradeoff_org_reader') THEN
    GRANT SELECT ON "SecurityEvent" TO tradeoff_org_reader;
  END IF;
END $$;

ALTER TABLE "SecurityEvent" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tradeoff_all_rows ON "SecurityEvent" AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
CREATE POLICY tradeoff_org_scope ON "SecurityEvent" AS RESTRICTIVE FOR ALL TO PUBLIC
  USING ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)))
  WITH CHECK ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)));
