-- Row-level security on every organization-owned table, as defence in depth for the read paths
-- that run hand-written SQL (portfolio dashboard, finance exports). See lib/server/rls.ts.
--
-- How it works
--   * Those read paths run inside a transaction that switches to the NOLOGIN role
--     tradeoff_org_reader (SET LOCAL ROLE) and sets app.organization_id. Acting as that role, a
--     statement sees only the rows of that organization, whatever its WHERE clause says, and may
--     not write at all (the role is granted SELECT only).
--   * Every other role (the application's own login role included) is unaffected: one permissive
--     policy lets everything through, and the restrictive one only bites when current_user is the
--     scoped role. The restriction keys on current_user rather than on a policy's TO list, because
--     the login role is a member of the scoped role: a TO list would apply to it as well.
--   * current_user and the setting are read through scalar subqueries, so PostgreSQL evaluates
--     them once per statement (an InitPlan) rather than once per row.
--   * No FORCE ROW LEVEL SECURITY: the scoped role does not own the tables, so RLS applies to it
--     anyway, while the owner (and pg_dump run by the owner) keeps working exactly as before.
--     Superusers bypass RLS whatever is set; SET ROLE makes the session a non-superuser.
--   * If this server refuses to create or grant the role (no CREATEROLE), the migration still
--     succeeds; the app then finds the role unusable at run time, warns once, and falls back to
--     its organization-scoped queries alone.
--
-- A later migration that adds an organization-owned table must enable RLS on it, add both
-- policies and grant SELECT to tradeoff_org_reader (tests/rls.test.ts fails until it does).

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tradeoff_org_reader') THEN
    BEGIN
      CREATE ROLE tradeoff_org_reader NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
    EXCEPTION
      WHEN insufficient_privilege THEN
        RAISE NOTICE 'tradeoff_org_reader not created (%); row-level scoping stays off until a DBA creates it.', SQLERRM;
      WHEN duplicate_object OR unique_violation THEN
        NULL; -- created meanwhile by a migration of another database on this server
    END;
  END IF;

  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tradeoff_org_reader') THEN
    -- So the application's login role may SET ROLE to it.
    BEGIN
      EXECUTE format('GRANT tradeoff_org_reader TO %I', current_user);
    EXCEPTION WHEN OTHERS THEN
      RAISE NOTICE 'tradeoff_org_reader not granted to % (%); row-level scoping stays off.', current_user, SQLERRM;
    END;
    BEGIN
      GRANT USAGE ON SCHEMA public TO tradeoff_org_reader;
    EXCEPTION WHEN OTHERS THEN
      RAISE NOTICE 'USAGE on schema public not granted to tradeoff_org_reader (%).', SQLERRM;
    END;
    GRANT SELECT ON "Organization", "Membership", "Invitation", "AuditEvent", "UseCase", "CostLine", "CostYear",
      "AssumptionVersion", "ImportMapping" TO tradeoff_org_reader;
    -- Never the password hashes.
    GRANT SELECT ("id", "email", "name", "createdAt", "updatedAt") ON "User" TO tradeoff_org_reader;
  END IF;
END $$;

-- The organization-owned tables: rows of the organization in app.organization_id only.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Membership', 'Invitation', 'AuditEvent', 'UseCase', 'CostLine', 'CostYear', 'AssumptionVersion', 'ImportMapping']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tradeoff_all_rows ON %I AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true)', t);
    EXECUTE format(
      'CREATE POLICY tradeoff_org_scope ON %I AS RESTRICTIVE FOR ALL TO PUBLIC'
      ' USING ((SELECT current_user <> ''tradeoff_org_reader'') OR "organizationId" = (SELECT current_setting(''app.organization_id'', true)))'
      ' WITH CHECK ((SELECT current_user <> ''tradeoff_org_reader'') OR "organizationId" = (SELECT current_setting(''app.organization_id'', true)))',
      t);
  END LOOP;
END $$;

-- The organization itself.
ALTER TABLE "Organization" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tradeoff_all_rows ON "Organization" AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
CREATE POLICY tradeoff_org_scope ON "Organization" AS RESTRICTIVE FOR ALL TO PUBLIC
  USING ((SELECT current_user <> 'tradeoff_org_reader') OR "id" = (SELECT current_setting('app.organization_id', true)))
  WITH CHECK ((SELECT current_user <> 'tradeoff_org_reader') OR "id" = (SELECT current_setting('app.organization_id', true)));

-- People: members of the organization, and the owners of its use cases (an owner may have left).
ALTER TABLE "User" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tradeoff_all_rows ON "User" AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
CREATE POLICY tradeoff_org_scope ON "User" AS RESTRICTIVE FOR ALL TO PUBLIC
  USING (
    (SELECT current_user <> 'tradeoff_org_reader')
    OR EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = "User"."id" AND m."organizationId" = (SELECT current_setting('app.organization_id', true)))
    OR EXISTS (SELECT 1 FROM "UseCase" u WHERE u."ownerId" = "User"."id" AND u."organizationId" = (SELECT current_setting('app.organization_id', true)))
  )
  WITH CHECK ((SELECT current_user <> 'tradeoff_org_reader'));
