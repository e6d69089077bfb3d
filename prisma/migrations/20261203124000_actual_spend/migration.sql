-- Issue 21: actual spend. Imports (one per file), the months each covers (superseded by a later
-- import of the same feed), the rows aggregated per month and attribution key, finance's
-- attribution rules, and the attributed spend rebuilt from them (docs/decisions/actual-spend.md).

CREATE TABLE "ActualImport" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "feed" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "refusedRows" INTEGER NOT NULL DEFAULT 0,
    "totalCents" BIGINT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMP(3),
    "undoneById" TEXT,
    CONSTRAINT "ActualImport_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ActualImport_format_check" CHECK ("format" IN ('FOCUS', 'LITELLM', 'CSV'))
);
CREATE INDEX "ActualImport_organizationId_createdAt_idx" ON "ActualImport"("organizationId", "createdAt");
ALTER TABLE "ActualImport" ADD CONSTRAINT "ActualImport_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "ActualImportMonth" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "totalCents" BIGINT NOT NULL,
    "supersededById" TEXT,
    CONSTRAINT "ActualImportMonth_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ActualImportMonth_first_day" CHECK (extract(day FROM "month") = 1)
);
CREATE UNIQUE INDEX "ActualImportMonth_importId_month_key" ON "ActualImportMonth"("importId", "month");
CREATE INDEX "ActualImportMonth_organizationId_month_idx" ON "ActualImportMonth"("organizationId", "month");
ALTER TABLE "ActualImportMonth" ADD CONSTRAINT "ActualImportMonth_importId_fkey" FOREIGN KEY ("importId") REFERENCES "ActualImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "ActualLine" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "category" TEXT NOT NULL,
    "tag" TEXT,
    "resource" TEXT NOT NULL DEFAULT '',
    "sku" TEXT NOT NULL DEFAULT '',
    "account" TEXT NOT NULL DEFAULT '',
    "unit" TEXT NOT NULL DEFAULT '',
    "quantity" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "costCents" BIGINT NOT NULL,
    "rows" INTEGER NOT NULL,
    CONSTRAINT "ActualLine_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ActualLine_category_check" CHECK ("category" IN ('INFERENCE', 'HOSTING', 'RETRIEVAL', 'OTHER'))
);
CREATE INDEX "ActualLine_importId_month_idx" ON "ActualLine"("importId", "month");
ALTER TABLE "ActualLine" ADD CONSTRAINT "ActualLine_importId_fkey" FOREIGN KEY ("importId") REFERENCES "ActualImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "ActualRule" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "useCaseId" TEXT NOT NULL,
    "shareBp" INTEGER NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "ActualRule_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ActualRule_field_check" CHECK ("field" IN ('resource', 'sku', 'account')),
    CONSTRAINT "ActualRule_share_check" CHECK ("shareBp" BETWEEN 1 AND 10000)
);
CREATE UNIQUE INDEX "ActualRule_organizationId_field_value_useCaseId_key" ON "ActualRule"("organizationId", "field", "value", "useCaseId");
ALTER TABLE "ActualRule" ADD CONSTRAINT "ActualRule_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ActualRule" ADD CONSTRAINT "ActualRule_useCaseId_fkey" FOREIGN KEY ("useCaseId") REFERENCES "UseCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "ActualSpend" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "useCaseId" TEXT,
    "month" DATE NOT NULL,
    "category" TEXT NOT NULL,
    "reason" TEXT,
    "cents" BIGINT NOT NULL,
    CONSTRAINT "ActualSpend_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ActualSpend_reason_check" CHECK (("useCaseId" IS NULL) = ("reason" IS NOT NULL))
);
CREATE INDEX "ActualSpend_organizationId_useCaseId_month_idx" ON "ActualSpend"("organizationId", "useCaseId", "month");
CREATE INDEX "ActualSpend_organizationId_month_idx" ON "ActualSpend"("organizationId", "month");
ALTER TABLE "ActualSpend" ADD CONSTRAINT "ActualSpend_useCaseId_fkey" FOREIGN KEY ("useCaseId") REFERENCES "UseCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security, as for every organization-owned table (20261123120000_row_level_security).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tradeoff_org_reader') THEN
    GRANT SELECT ON "ActualImport", "ActualImportMonth", "ActualLine", "ActualRule", "ActualSpend" TO tradeoff_org_reader;
  END IF;
END $$;

ALTER TABLE "ActualImport" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ActualImportMonth" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ActualLine" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ActualRule" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ActualSpend" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tradeoff_all_rows ON "ActualImport" AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
CREATE POLICY tradeoff_all_rows ON "ActualImportMonth" AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
CREATE POLICY tradeoff_all_rows ON "ActualLine" AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
CREATE POLICY tradeoff_all_rows ON "ActualRule" AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
CREATE POLICY tradeoff_all_rows ON "ActualSpend" AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
CREATE POLICY tradeoff_org_scope ON "ActualImport" AS RESTRICTIVE FOR ALL TO PUBLIC
  USING ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)))
  WITH CHECK ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)));
CREATE POLICY tradeoff_org_scope ON "ActualImportMonth" AS RESTRICTIVE FOR ALL TO PUBLIC
  USING ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)))
  WITH CHECK ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)));
CREATE POLICY tradeoff_org_scope ON "ActualLine" AS RESTRICTIVE FOR ALL TO PUBLIC
  USING ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)))
  WITH CHECK ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)));
CREATE POLICY tradeoff_org_scope ON "ActualRule" AS RESTRICTIVE FOR ALL TO PUBLIC
  USING ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)))
  WITH CHECK ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)));
CREATE POLICY tradeoff_org_scope ON "ActualSpend" AS RESTRICTIVE FOR ALL TO PUBLIC
  USING ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)))
  WITH CHECK ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)));
