-- Issue 22, item 1: a portfolio dashboard whose cost does not grow with the portfolio. An exact,
-- per-organization invalidated cache of the unfiltered portfolio page, kept in PostgreSQL so that
-- it holds across several app servers. docs/decisions/portfolio-cache.md has the design and why
-- it is exact; in short:
--
-- * "PortfolioChange": one row per (organization, writing transaction) for every transaction that
--   changed a table the cached loaders read. Written by the statement-level triggers below, in the
--   writing transaction itself, so a change record commits (or rolls back) with its write. No row
--   is ever updated by a write: concurrent writers never wait on each other here.
-- * "PortfolioCache": a computed result with the snapshot taken before its reads. It is valid
--   while every change record of its organization is visible in that snapshot.
-- * "PortfolioCacheHorizon": change records with xid < prunedBelow have been deleted; a result
--   whose snapshot's xmin is below it is no longer provably valid and is never served.
-- Transaction ids are stored as bigint (xid8 as a number: epoch and xid, never wraps).

CREATE TABLE "PortfolioChange" (
    "organizationId" TEXT NOT NULL,
    "xid" BIGINT NOT NULL,
    CONSTRAINT "PortfolioChange_pkey" PRIMARY KEY ("organizationId", "xid")
);

CREATE TABLE "PortfolioCache" (
    "organizationId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "snapshot" TEXT NOT NULL,
    "snapshotXmin" BIGINT NOT NULL,
    "snapshotXmax" BIGINT NOT NULL,
    "result" JSONB NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PortfolioCache_pkey" PRIMARY KEY ("organizationId", "key")
);
ALTER TABLE "PortfolioCache" ADD CONSTRAINT "PortfolioCache_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "PortfolioCacheHorizon" (
    "organizationId" TEXT NOT NULL,
    "prunedBelow" BIGINT NOT NULL,
    CONSTRAINT "PortfolioCacheHorizon_pkey" PRIMARY KEY ("organizationId")
);
ALTER TABLE "PortfolioCacheHorizon" ADD CONSTRAINT "PortfolioCacheHorizon_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The triggers: one row per organization touched by the statement, with this transaction's id
-- (pg_current_xact_id is the top-level transaction's, also inside a savepoint).
CREATE OR REPLACE FUNCTION "PortfolioChange_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PortfolioChange" ("organizationId", "xid")
  SELECT DISTINCT n."organizationId", pg_current_xact_id()::text::bigint FROM new_rows n WHERE n."organizationId" IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "PortfolioChange_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PortfolioChange" ("organizationId", "xid")
  SELECT o.org, pg_current_xact_id()::text::bigint
    FROM (SELECT n."organizationId" AS org FROM new_rows n UNION SELECT d."organizationId" FROM old_rows d) o WHERE o.org IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "PortfolioChange_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PortfolioChange" ("organizationId", "xid")
  SELECT DISTINCT d."organizationId", pg_current_xact_id()::text::bigint FROM old_rows d WHERE d."organizationId" IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- TRUNCATE names no rows: every organization counts as changed.
CREATE OR REPLACE FUNCTION "PortfolioChange_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PortfolioChange" ("organizationId", "xid")
  SELECT o."id", pg_current_xact_id()::text::bigint FROM "Organization" o
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- The organization row itself (its hourly value rate is on the page); one row at a time.
CREATE OR REPLACE FUNCTION "PortfolioChange_organization"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PortfolioChange" ("organizationId", "xid")
  VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD."id" ELSE NEW."id" END, pg_current_xact_id()::text::bigint)
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- Every table a cached loader reads (lib/server/portfolio/overview.ts lists them; a test checks
-- that the list and these triggers agree).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['UseCase', 'UseCaseRollup', 'AssumptionVersion', 'BusinessUnitBudget', 'UseCaseDecision', 'ActualSpend', 'ActualSpendYear', 'CostLine']
  LOOP
    EXECUTE format('CREATE TRIGGER portfolio_change_ins AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "PortfolioChange_inserted"()', t);
    EXECUTE format('CREATE TRIGGER portfolio_change_upd AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "PortfolioChange_updated"()', t);
    EXECUTE format('CREATE TRIGGER portfolio_change_del AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "PortfolioChange_deleted"()', t);
    EXECUTE format('CREATE TRIGGER portfolio_change_trunc AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "PortfolioChange_truncated"()', t);
  END LOOP;
END $$;
CREATE TRIGGER portfolio_change_org AFTER INSERT OR UPDATE OR DELETE ON "Organization" FOR EACH ROW EXECUTE FUNCTION "PortfolioChange_organization"();

-- Row-level security, as for every organization-owned table (20261123120000_row_level_security):
-- the cache is read as the organization-scoped role.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tradeoff_org_reader') THEN
    GRANT SELECT ON "PortfolioChange", "PortfolioCache", "PortfolioCacheHorizon" TO tradeoff_org_reader;
  END IF;
END $$;
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['PortfolioChange', 'PortfolioCache', 'PortfolioCacheHorizon']
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
