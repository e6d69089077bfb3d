-- Row-level security for the portfolio rollup (a table added after the RLS migration): the same
-- two policies as every organization-owned table, and read access for the scoped role.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tradeoff_org_reader') THEN
    GRANT SELECT ON "UseCaseRollup" TO tradeoff_org_reader;
  END IF;
END $$;

ALTER TABLE "UseCaseRollup" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tradeoff_all_rows ON "UseCaseRollup" AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
CREATE POLICY tradeoff_org_scope ON "UseCaseRollup" AS RESTRICTIVE FOR ALL TO PUBLIC
  USING ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)))
  WITH CHECK ((SELECT current_user <> 'tradeoff_org_reader') OR "organizationId" = (SELECT current_setting('app.organization_id', true)));
