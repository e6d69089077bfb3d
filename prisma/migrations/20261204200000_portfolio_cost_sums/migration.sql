-- Issue 22, item 1: the portfolio's money kept current in every write's transaction, so that a
-- load after a save no longer recomputes it from every use case. docs/decisions/portfolio-cost-sums.md
-- has the design and why the sums stay exact; in short:
--
-- * "PortfolioCostSum" holds, per organization, signed contributions to the dashboard's cost cells
--   (lib/server/portfolio/panels/costs.ts): per calendar year x as-chosen approach x recommended
--   approach (x business unit, for the budget panel), the low, base and high sums and the two
--   counts of each of the rollup's five arrays.
--   Summed by (year, as chosen, recommended), an organization's rows equal what the dashboard's
--   statement computes over its live rollup rows.
-- * Statement-level triggers on "UseCaseRollup" insert, in the writing statement's transaction,
--   the new rows' contributions and the old rows' contributions negated. Writers only insert here:
--   they never wait on each other, nor on a long import.
-- * A row with "calendarYear" NULL is the organization's marker: its rows hold the sums only when
--   it is there. This migration writes a base and a marker for every organization; a restore,
--   which leaves this table out, starts without, and the app then computes the cells as before
--   and writes a fresh base (lib/server/portfolio/cost-sums.ts).
-- * Rewriting an organization's rows (that base, or a compaction of its rows into their sums) is
--   one statement, under a per-organization advisory lock taken first, so that two rewrites never
--   read the same rows.
-- * The use-case panels' counts ("PortfolioUseCaseSum") and tallies ("PortfolioTally") are kept
--   the same way, by the same trigger, under the same marker; their lists read partial indexes
--   (at the end) instead of sorting every use case.

CREATE TABLE "PortfolioCostSum" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "calendarYear" INTEGER,
    "ch" TEXT,
    "rec" TEXT,
    "businessUnit" TEXT,
    "chl" NUMERIC NOT NULL DEFAULT 0,
    "chb" NUMERIC NOT NULL DEFAULT 0,
    "chh" NUMERIC NOT NULL DEFAULT 0,
    "chn" NUMERIC NOT NULL DEFAULT 0,
    "chu" NUMERIC NOT NULL DEFAULT 0,
    "recl" NUMERIC NOT NULL DEFAULT 0,
    "recb" NUMERIC NOT NULL DEFAULT 0,
    "rech" NUMERIC NOT NULL DEFAULT 0,
    "recn" NUMERIC NOT NULL DEFAULT 0,
    "recu" NUMERIC NOT NULL DEFAULT 0,
    "ragl" NUMERIC NOT NULL DEFAULT 0,
    "ragb" NUMERIC NOT NULL DEFAULT 0,
    "ragh" NUMERIC NOT NULL DEFAULT 0,
    "ragn" NUMERIC NOT NULL DEFAULT 0,
    "ragu" NUMERIC NOT NULL DEFAULT 0,
    "ftl" NUMERIC NOT NULL DEFAULT 0,
    "ftb" NUMERIC NOT NULL DEFAULT 0,
    "fth" NUMERIC NOT NULL DEFAULT 0,
    "ftn" NUMERIC NOT NULL DEFAULT 0,
    "ftu" NUMERIC NOT NULL DEFAULT 0,
    "hyl" NUMERIC NOT NULL DEFAULT 0,
    "hyb" NUMERIC NOT NULL DEFAULT 0,
    "hyh" NUMERIC NOT NULL DEFAULT 0,
    "hyn" NUMERIC NOT NULL DEFAULT 0,
    "hyu" NUMERIC NOT NULL DEFAULT 0,
    "cy" NUMERIC NOT NULL DEFAULT 0,
    "ci" NUMERIC NOT NULL DEFAULT 0,
    CONSTRAINT "PortfolioCostSum_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "PortfolioCostSum_organizationId_idx" ON "PortfolioCostSum"("organizationId");
ALTER TABLE "PortfolioCostSum" ADD CONSTRAINT "PortfolioCostSum_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The use-case panels' counts (lib/server/portfolio/panels/use-cases.ts), kept the same way: per
-- organization and group (recommended, chosen, evidence, assumption version, framework versions,
-- weights version), the use cases, those disagreeing, flagged, with a risk flag, lacking a figure
-- and unable to serve (as chosen, recommended, RAG, fine-tuning, hybrid), and the stale days and
-- time to value summed (numeric: exact in any order) with their counts. Its rows hold the sums
-- when "PortfolioCostSum" has the organization's marker: both are rewritten by the same statements.
CREATE TABLE "PortfolioUseCaseSum" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "rec" TEXT,
    "chosen" TEXT,
    "ev" TEXT,
    "av" TEXT,
    "fv" JSONB,
    "wv" INTEGER,
    "n" NUMERIC NOT NULL DEFAULT 0,
    "dis" NUMERIC NOT NULL DEFAULT 0,
    "flagged" NUMERIC NOT NULL DEFAULT 0,
    "risky" NUMERIC NOT NULL DEFAULT 0,
    "i0" NUMERIC NOT NULL DEFAULT 0,
    "i1" NUMERIC NOT NULL DEFAULT 0,
    "i2" NUMERIC NOT NULL DEFAULT 0,
    "i3" NUMERIC NOT NULL DEFAULT 0,
    "i4" NUMERIC NOT NULL DEFAULT 0,
    "f0" NUMERIC NOT NULL DEFAULT 0,
    "f1" NUMERIC NOT NULL DEFAULT 0,
    "f2" NUMERIC NOT NULL DEFAULT 0,
    "f3" NUMERIC NOT NULL DEFAULT 0,
    "f4" NUMERIC NOT NULL DEFAULT 0,
    "sl" NUMERIC NOT NULL DEFAULT 0,
    "sb" NUMERIC NOT NULL DEFAULT 0,
    "sh" NUMERIC NOT NULL DEFAULT 0,
    "sn" NUMERIC NOT NULL DEFAULT 0,
    "tl" NUMERIC NOT NULL DEFAULT 0,
    "tb" NUMERIC NOT NULL DEFAULT 0,
    "th" NUMERIC NOT NULL DEFAULT 0,
    "tn" NUMERIC NOT NULL DEFAULT 0,
    CONSTRAINT "PortfolioUseCaseSum_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "PortfolioUseCaseSum_organizationId_idx" ON "PortfolioUseCaseSum"("organizationId");
ALTER TABLE "PortfolioUseCaseSum" ADD CONSTRAINT "PortfolioUseCaseSum_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Counts by a key: the use cases carrying each risk flag ('flag'); as chosen, lacking each figure
-- ('missing'); costed and complete as chosen, per business unit ('costed').
CREATE TABLE "PortfolioTally" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "n" NUMERIC NOT NULL DEFAULT 0,
    CONSTRAINT "PortfolioTally_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "PortfolioTally_organizationId_idx" ON "PortfolioTally"("organizationId");
ALTER TABLE "PortfolioTally" ADD CONSTRAINT "PortfolioTally_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One live rollup row's counts, signed (the panels' statement counts the same expressions).
CREATE FUNCTION "PortfolioUseCaseSum_of"(r "UseCaseRollup", s integer)
RETURNS TABLE ("rec" text, "chosen" text, "ev" text, "av" text, "fv" jsonb, "wv" integer, "n" numeric, "dis" numeric, "flagged" numeric, "risky" numeric, "i0" numeric, "i1" numeric, "i2" numeric, "i3" numeric, "i4" numeric, "f0" numeric, "f1" numeric, "f2" numeric, "f3" numeric, "f4" numeric, "sl" numeric, "sb" numeric, "sh" numeric, "sn" numeric, "tl" numeric, "tb" numeric, "th" numeric, "tn" numeric)
LANGUAGE sql IMMUTABLE AS $$
  SELECT r."recommendedApproach"::text,
         r."chosenApproach"::text,
         r.evidence::text,
         r."assumptionVersionId",
         r."frameworkVersions"::jsonb,
         r."weightsVersion",
         s * 1,
         s * (r.disagreement)::int,
         s * (r.disagreement OR cardinality(r."riskFlags") > 0)::int,
         s * (cardinality(r."riskFlags") > 0)::int,
         s * (r.incomplete & 1 <> 0)::int,
         s * (r.incomplete & 2 <> 0)::int,
         s * (r.incomplete & 4 <> 0)::int,
         s * (r.incomplete & 8 <> 0)::int,
         s * (r.incomplete & 16 <> 0)::int,
         s * (r.infeasible & 1 <> 0)::int,
         s * (r.infeasible & 2 <> 0)::int,
         s * (r.infeasible & 4 <> 0)::int,
         s * (r.infeasible & 8 <> 0)::int,
         s * (r.infeasible & 16 <> 0)::int,
         s * r."staleLow"::numeric,
         s * r."staleBase"::numeric,
         s * r."staleHigh"::numeric,
         s * (r."staleBase" > 0)::int,
         s * r."ttvLow"::numeric,
         s * r."ttvBase"::numeric,
         s * r."ttvHigh"::numeric,
         s * (r."ttvBase" IS NOT NULL)::int
   WHERE r."deletedAt" IS NULL
$$;

-- One live rollup row's tallies, signed: a row per risk flag it carries; when it lacks a figure as
-- chosen, a row per figure in its list of missing ones; when it is costed and complete as chosen,
-- a row for its business unit (the value panel counts those without a value).
CREATE FUNCTION "PortfolioTally_of"(r "UseCaseRollup", s integer)
RETURNS TABLE (kind text, key text, n integer)
LANGUAGE sql IMMUTABLE AS $$
  SELECT 'flag', f.key, s FROM (SELECT DISTINCT unnest(r."riskFlags") AS key) AS f WHERE r."deletedAt" IS NULL
  UNION ALL
  SELECT 'missing', m.key, s FROM unnest(r.missing) AS m(key) WHERE r."deletedAt" IS NULL AND r.incomplete & 1 <> 0
  UNION ALL
  SELECT 'costed', r."businessUnit", s WHERE r."deletedAt" IS NULL AND r."chosenBaseCents" IS NOT NULL AND r.incomplete & 1 = 0
$$;

-- One rollup row's contributions, signed, as the dashboard's statement expands it: a row per year
-- of its longest array (year = startYear + i - 1; [low, base, high] at 3i-2 .. 3i); n counts the
-- years with a base figure, u the use case once, in its first year, when the array is not empty.
-- cy counts the use case in each year its as-chosen array covers, ci when it is also incomplete
-- as chosen (the budget panel's projected spend by business unit and year reads them).
-- A deleted use case contributes nothing (nor one without a start year: it has no amounts).
CREATE FUNCTION "PortfolioCostSum_expand"(r "UseCaseRollup", s integer)
RETURNS TABLE ("calendarYear" integer, ch text, rec text, "businessUnit" text, "chl" numeric, "chb" numeric, "chh" numeric, "chn" numeric, "chu" numeric, "recl" numeric, "recb" numeric, "rech" numeric, "recn" numeric, "recu" numeric, "ragl" numeric, "ragb" numeric, "ragh" numeric, "ragn" numeric, "ragu" numeric, "ftl" numeric, "ftb" numeric, "fth" numeric, "ftn" numeric, "ftu" numeric, "hyl" numeric, "hyb" numeric, "hyh" numeric, "hyn" numeric, "hyu" numeric, "cy" numeric, "ci" numeric)
LANGUAGE sql IMMUTABLE AS $$
  SELECT r."startYear" + g.i - 1, COALESCE(r."chosenApproach", r."recommendedApproach")::text, r."recommendedApproach"::text, r."businessUnit",
         s * r."chosenCents"[3 * g.i - 2], s * r."chosenCents"[3 * g.i - 1], s * r."chosenCents"[3 * g.i],
         s * (r."chosenCents"[3 * g.i - 1] IS NOT NULL)::int, s * (g.i = 1 AND cardinality(r."chosenCents") > 0)::int,
         s * r."recommendedCents"[3 * g.i - 2], s * r."recommendedCents"[3 * g.i - 1], s * r."recommendedCents"[3 * g.i],
         s * (r."recommendedCents"[3 * g.i - 1] IS NOT NULL)::int, s * (g.i = 1 AND cardinality(r."recommendedCents") > 0)::int,
         s * r."ragCents"[3 * g.i - 2], s * r."ragCents"[3 * g.i - 1], s * r."ragCents"[3 * g.i],
         s * (r."ragCents"[3 * g.i - 1] IS NOT NULL)::int, s * (g.i = 1 AND cardinality(r."ragCents") > 0)::int,
         s * r."fineTuningCents"[3 * g.i - 2], s * r."fineTuningCents"[3 * g.i - 1], s * r."fineTuningCents"[3 * g.i],
         s * (r."fineTuningCents"[3 * g.i - 1] IS NOT NULL)::int, s * (g.i = 1 AND cardinality(r."fineTuningCents") > 0)::int,
         s * r."hybridCents"[3 * g.i - 2], s * r."hybridCents"[3 * g.i - 1], s * r."hybridCents"[3 * g.i],
         s * (r."hybridCents"[3 * g.i - 1] IS NOT NULL)::int, s * (g.i = 1 AND cardinality(r."hybridCents") > 0)::int,
         s * (3 * g.i <= cardinality((CASE COALESCE(r."chosenApproach", r."recommendedApproach") WHEN 'RAG' THEN r."ragCents" WHEN 'FINE_TUNING' THEN r."fineTuningCents" WHEN 'HYBRID' THEN r."hybridCents" ELSE r."chosenCents" END)))::int,
         s * (3 * g.i <= cardinality((CASE COALESCE(r."chosenApproach", r."recommendedApproach") WHEN 'RAG' THEN r."ragCents" WHEN 'FINE_TUNING' THEN r."fineTuningCents" WHEN 'HYBRID' THEN r."hybridCents" ELSE r."chosenCents" END)) AND r.incomplete & 1 <> 0)::int
    FROM generate_series(1, greatest(cardinality(r."chosenCents"), cardinality(r."recommendedCents"), cardinality(r."ragCents"), cardinality(r."fineTuningCents"), cardinality(r."hybridCents")) / 3) AS g(i)
   WHERE r."deletedAt" IS NULL AND r."startYear" IS NOT NULL
$$;

-- The trigger: the statement's new rows added and old rows taken away, grouped; a group whose
-- contributions cancel (an update that changed no money) is not written, nor the rows an
-- organization's deletion takes away (its sums go with it). The transition tables
-- depend on the event, so the statement is put together for it (where their rows are plain
-- records, hence the casts).
CREATE FUNCTION "PortfolioCostSum_changed"() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  source text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT ROW(n.*)::"UseCaseRollup" AS r, 1 AS s FROM new_rows n'
    WHEN 'DELETE' THEN 'SELECT ROW(o.*)::"UseCaseRollup" AS r, -1 AS s FROM old_rows o'
    ELSE 'SELECT ROW(n.*)::"UseCaseRollup" AS r, 1 AS s FROM new_rows n UNION ALL SELECT ROW(o.*)::"UseCaseRollup", -1 FROM old_rows o'
  END;
BEGIN
  EXECUTE format($q$
    INSERT INTO "PortfolioCostSum" ("organizationId", "calendarYear", "ch", "rec", "businessUnit", "chl", "chb", "chh", "chn", "chu", "recl", "recb", "rech", "recn", "recu", "ragl", "ragb", "ragh", "ragn", "ragu", "ftl", "ftb", "fth", "ftn", "ftu", "hyl", "hyb", "hyh", "hyn", "hyu", "cy", "ci")
    SELECT (x.r)."organizationId", e."calendarYear", e.ch, e.rec, e."businessUnit", coalesce(sum(e."chl"), 0), coalesce(sum(e."chb"), 0), coalesce(sum(e."chh"), 0), coalesce(sum(e."chn"), 0), coalesce(sum(e."chu"), 0), coalesce(sum(e."recl"), 0), coalesce(sum(e."recb"), 0), coalesce(sum(e."rech"), 0), coalesce(sum(e."recn"), 0), coalesce(sum(e."recu"), 0), coalesce(sum(e."ragl"), 0), coalesce(sum(e."ragb"), 0), coalesce(sum(e."ragh"), 0), coalesce(sum(e."ragn"), 0), coalesce(sum(e."ragu"), 0), coalesce(sum(e."ftl"), 0), coalesce(sum(e."ftb"), 0), coalesce(sum(e."fth"), 0), coalesce(sum(e."ftn"), 0), coalesce(sum(e."ftu"), 0), coalesce(sum(e."hyl"), 0), coalesce(sum(e."hyb"), 0), coalesce(sum(e."hyh"), 0), coalesce(sum(e."hyn"), 0), coalesce(sum(e."hyu"), 0), coalesce(sum(e."cy"), 0), coalesce(sum(e."ci"), 0)
      FROM (%s) x
      CROSS JOIN LATERAL "PortfolioCostSum_expand"(x.r, x.s) e
     WHERE EXISTS (SELECT 1 FROM "Organization" o WHERE o."id" = (x.r)."organizationId")
     GROUP BY 1, 2, 3, 4, 5
    HAVING (sum(e."chl") <> 0 OR sum(e."chb") <> 0 OR sum(e."chh") <> 0 OR sum(e."chn") <> 0 OR sum(e."chu") <> 0 OR sum(e."recl") <> 0 OR sum(e."recb") <> 0 OR sum(e."rech") <> 0 OR sum(e."recn") <> 0 OR sum(e."recu") <> 0 OR sum(e."ragl") <> 0 OR sum(e."ragb") <> 0 OR sum(e."ragh") <> 0 OR sum(e."ragn") <> 0 OR sum(e."ragu") <> 0 OR sum(e."ftl") <> 0 OR sum(e."ftb") <> 0 OR sum(e."fth") <> 0 OR sum(e."ftn") <> 0 OR sum(e."ftu") <> 0 OR sum(e."hyl") <> 0 OR sum(e."hyb") <> 0 OR sum(e."hyh") <> 0 OR sum(e."hyn") <> 0 OR sum(e."hyu") <> 0 OR sum(e."cy") <> 0 OR sum(e."ci") <> 0)$q$, source);
  EXECUTE format($q$
    INSERT INTO "PortfolioUseCaseSum" ("organizationId", "rec", "chosen", "ev", "av", "fv", "wv", "n", "dis", "flagged", "risky", "i0", "i1", "i2", "i3", "i4", "f0", "f1", "f2", "f3", "f4", "sl", "sb", "sh", "sn", "tl", "tb", "th", "tn")
    SELECT (x.r)."organizationId", e."rec", e."chosen", e."ev", e."av", e."fv", e."wv", coalesce(sum(e."n"), 0), coalesce(sum(e."dis"), 0), coalesce(sum(e."flagged"), 0), coalesce(sum(e."risky"), 0), coalesce(sum(e."i0"), 0), coalesce(sum(e."i1"), 0), coalesce(sum(e."i2"), 0), coalesce(sum(e."i3"), 0), coalesce(sum(e."i4"), 0), coalesce(sum(e."f0"), 0), coalesce(sum(e."f1"), 0), coalesce(sum(e."f2"), 0), coalesce(sum(e."f3"), 0), coalesce(sum(e."f4"), 0), coalesce(sum(e."sl"), 0), coalesce(sum(e."sb"), 0), coalesce(sum(e."sh"), 0), coalesce(sum(e."sn"), 0), coalesce(sum(e."tl"), 0), coalesce(sum(e."tb"), 0), coalesce(sum(e."th"), 0), coalesce(sum(e."tn"), 0)
      FROM (%s) x
      CROSS JOIN LATERAL "PortfolioUseCaseSum_of"(x.r, x.s) e
     WHERE EXISTS (SELECT 1 FROM "Organization" o WHERE o."id" = (x.r)."organizationId")
     GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(e."n") <> 0 OR sum(e."dis") <> 0 OR sum(e."flagged") <> 0 OR sum(e."risky") <> 0 OR sum(e."i0") <> 0 OR sum(e."i1") <> 0 OR sum(e."i2") <> 0 OR sum(e."i3") <> 0 OR sum(e."i4") <> 0 OR sum(e."f0") <> 0 OR sum(e."f1") <> 0 OR sum(e."f2") <> 0 OR sum(e."f3") <> 0 OR sum(e."f4") <> 0 OR sum(e."sl") <> 0 OR sum(e."sb") <> 0 OR sum(e."sh") <> 0 OR sum(e."sn") <> 0 OR sum(e."tl") <> 0 OR sum(e."tb") <> 0 OR sum(e."th") <> 0 OR sum(e."tn") <> 0$q$, source);
  EXECUTE format($q$
    INSERT INTO "PortfolioTally" ("organizationId", kind, key, n)
    SELECT (x.r)."organizationId", e.kind, e.key, sum(e.n)
      FROM (%s) x
      CROSS JOIN LATERAL "PortfolioTally_of"(x.r, x.s) e
     WHERE EXISTS (SELECT 1 FROM "Organization" o WHERE o."id" = (x.r)."organizationId")
     GROUP BY 1, 2, 3
    HAVING sum(e.n) <> 0$q$, source);
  RETURN NULL;
END $fn$;

CREATE TRIGGER portfolio_cost_sum_ins AFTER INSERT ON "UseCaseRollup" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "PortfolioCostSum_changed"();
CREATE TRIGGER portfolio_cost_sum_upd AFTER UPDATE ON "UseCaseRollup" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "PortfolioCostSum_changed"();
CREATE TRIGGER portfolio_cost_sum_del AFTER DELETE ON "UseCaseRollup" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "PortfolioCostSum_changed"();

-- TRUNCATE names no rows: every organization's sums go, markers too, and are rebuilt when read.
CREATE FUNCTION "PortfolioCostSum_truncated"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM "PortfolioCostSum";
  DELETE FROM "PortfolioUseCaseSum";
  DELETE FROM "PortfolioTally";
  RETURN NULL;
END $fn$;
CREATE TRIGGER portfolio_cost_sum_trunc AFTER TRUNCATE ON "UseCaseRollup" FOR EACH STATEMENT EXECUTE FUNCTION "PortfolioCostSum_truncated"();

-- Every organization's base, and its marker.
INSERT INTO "PortfolioCostSum" ("organizationId", "calendarYear", "ch", "rec", "businessUnit", "chl", "chb", "chh", "chn", "chu", "recl", "recb", "rech", "recn", "recu", "ragl", "ragb", "ragh", "ragn", "ragu", "ftl", "ftb", "fth", "ftn", "ftu", "hyl", "hyb", "hyh", "hyn", "hyu", "cy", "ci")
SELECT r."organizationId", e."calendarYear", e.ch, e.rec, e."businessUnit", coalesce(sum(e."chl"), 0), coalesce(sum(e."chb"), 0), coalesce(sum(e."chh"), 0), coalesce(sum(e."chn"), 0), coalesce(sum(e."chu"), 0), coalesce(sum(e."recl"), 0), coalesce(sum(e."recb"), 0), coalesce(sum(e."rech"), 0), coalesce(sum(e."recn"), 0), coalesce(sum(e."recu"), 0), coalesce(sum(e."ragl"), 0), coalesce(sum(e."ragb"), 0), coalesce(sum(e."ragh"), 0), coalesce(sum(e."ragn"), 0), coalesce(sum(e."ragu"), 0), coalesce(sum(e."ftl"), 0), coalesce(sum(e."ftb"), 0), coalesce(sum(e."fth"), 0), coalesce(sum(e."ftn"), 0), coalesce(sum(e."ftu"), 0), coalesce(sum(e."hyl"), 0), coalesce(sum(e."hyb"), 0), coalesce(sum(e."hyh"), 0), coalesce(sum(e."hyn"), 0), coalesce(sum(e."hyu"), 0), coalesce(sum(e."cy"), 0), coalesce(sum(e."ci"), 0)
  FROM "UseCaseRollup" r
  CROSS JOIN LATERAL "PortfolioCostSum_expand"(r, 1) e
 GROUP BY 1, 2, 3, 4, 5
HAVING sum(e."chl") <> 0 OR sum(e."chb") <> 0 OR sum(e."chh") <> 0 OR sum(e."chn") <> 0 OR sum(e."chu") <> 0 OR sum(e."recl") <> 0 OR sum(e."recb") <> 0 OR sum(e."rech") <> 0 OR sum(e."recn") <> 0 OR sum(e."recu") <> 0 OR sum(e."ragl") <> 0 OR sum(e."ragb") <> 0 OR sum(e."ragh") <> 0 OR sum(e."ragn") <> 0 OR sum(e."ragu") <> 0 OR sum(e."ftl") <> 0 OR sum(e."ftb") <> 0 OR sum(e."fth") <> 0 OR sum(e."ftn") <> 0 OR sum(e."ftu") <> 0 OR sum(e."hyl") <> 0 OR sum(e."hyb") <> 0 OR sum(e."hyh") <> 0 OR sum(e."hyn") <> 0 OR sum(e."hyu") <> 0 OR sum(e."cy") <> 0 OR sum(e."ci") <> 0;
INSERT INTO "PortfolioUseCaseSum" ("organizationId", "rec", "chosen", "ev", "av", "fv", "wv", "n", "dis", "flagged", "risky", "i0", "i1", "i2", "i3", "i4", "f0", "f1", "f2", "f3", "f4", "sl", "sb", "sh", "sn", "tl", "tb", "th", "tn")
SELECT r."organizationId", e."rec", e."chosen", e."ev", e."av", e."fv", e."wv", coalesce(sum(e."n"), 0), coalesce(sum(e."dis"), 0), coalesce(sum(e."flagged"), 0), coalesce(sum(e."risky"), 0), coalesce(sum(e."i0"), 0), coalesce(sum(e."i1"), 0), coalesce(sum(e."i2"), 0), coalesce(sum(e."i3"), 0), coalesce(sum(e."i4"), 0), coalesce(sum(e."f0"), 0), coalesce(sum(e."f1"), 0), coalesce(sum(e."f2"), 0), coalesce(sum(e."f3"), 0), coalesce(sum(e."f4"), 0), coalesce(sum(e."sl"), 0), coalesce(sum(e."sb"), 0), coalesce(sum(e."sh"), 0), coalesce(sum(e."sn"), 0), coalesce(sum(e."tl"), 0), coalesce(sum(e."tb"), 0), coalesce(sum(e."th"), 0), coalesce(sum(e."tn"), 0)
  FROM "UseCaseRollup" r
  CROSS JOIN LATERAL "PortfolioUseCaseSum_of"(r, 1) e
 GROUP BY 1, 2, 3, 4, 5, 6, 7
HAVING sum(e."n") <> 0 OR sum(e."dis") <> 0 OR sum(e."flagged") <> 0 OR sum(e."risky") <> 0 OR sum(e."i0") <> 0 OR sum(e."i1") <> 0 OR sum(e."i2") <> 0 OR sum(e."i3") <> 0 OR sum(e."i4") <> 0 OR sum(e."f0") <> 0 OR sum(e."f1") <> 0 OR sum(e."f2") <> 0 OR sum(e."f3") <> 0 OR sum(e."f4") <> 0 OR sum(e."sl") <> 0 OR sum(e."sb") <> 0 OR sum(e."sh") <> 0 OR sum(e."sn") <> 0 OR sum(e."tl") <> 0 OR sum(e."tb") <> 0 OR sum(e."th") <> 0 OR sum(e."tn") <> 0;
INSERT INTO "PortfolioTally" ("organizationId", kind, key, n)
SELECT r."organizationId", e.kind, e.key, sum(e.n)
  FROM "UseCaseRollup" r
  CROSS JOIN LATERAL "PortfolioTally_of"(r, 1) e
 GROUP BY 1, 2, 3;
INSERT INTO "PortfolioCostSum" ("organizationId") SELECT o."id" FROM "Organization" o;

-- Row-level security, as for every organization-owned table: read as the organization-scoped role.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tradeoff_org_reader') THEN
    GRANT SELECT ON "PortfolioCostSum", "PortfolioUseCaseSum", "PortfolioTally" TO tradeoff_org_reader;
  END IF;
END $$;
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['PortfolioCostSum', 'PortfolioUseCaseSum', 'PortfolioTally']
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

-- The use-case panels' lists, for the unfiltered view: each ordered as the panels' statement orders
-- it, over the live rows that qualify, so the first rows are read straight from an index instead of
-- sorting every use case (the top ten, the most flagged, the least agreed, the most recently updated
-- not costed, not assessed or incomplete, the longest waits), and the longest time to value.
CREATE INDEX "UseCaseRollup_list_flagged_idx" ON "UseCaseRollup"("organizationId", cardinality("riskFlags") DESC, "updatedAt" DESC, "useCaseId")
  WHERE "deletedAt" IS NULL AND cardinality("riskFlags") > 0;
CREATE INDEX "UseCaseRollup_list_disagreeing_idx" ON "UseCaseRollup"("organizationId", "agreement", "updatedAt" DESC, "useCaseId")
  WHERE "deletedAt" IS NULL AND "disagreement";
CREATE INDEX "UseCaseRollup_list_not_costed_idx" ON "UseCaseRollup"("organizationId", "updatedAt" DESC, "useCaseId")
  WHERE "deletedAt" IS NULL AND "chosenBaseCents" IS NULL AND "evidence" <> 'none';
CREATE INDEX "UseCaseRollup_list_not_assessed_idx" ON "UseCaseRollup"("organizationId", "updatedAt" DESC, "useCaseId")
  WHERE "deletedAt" IS NULL AND "evidence" = 'none';
CREATE INDEX "UseCaseRollup_list_incomplete_idx" ON "UseCaseRollup"("organizationId", "updatedAt" DESC, "useCaseId")
  WHERE "deletedAt" IS NULL AND ("incomplete" & 1) <> 0;
CREATE INDEX "UseCaseRollup_list_top_idx" ON "UseCaseRollup"("organizationId", "chosenBaseCents" DESC, "useCaseId")
  WHERE "deletedAt" IS NULL AND "chosenBaseCents" IS NOT NULL;
CREATE INDEX "UseCaseRollup_list_lag_idx" ON "UseCaseRollup"("organizationId", "worstDelayDays" DESC NULLS FIRST, "useCaseId")
  WHERE "deletedAt" IS NULL AND ("infeasible" & 1) <> 0;
CREATE INDEX "UseCaseRollup_list_ttv_idx" ON "UseCaseRollup"("organizationId", "ttvHigh")
  WHERE "deletedAt" IS NULL AND "ttvHigh" IS NOT NULL;

-- The value panel's use cases with a value, without reading the others.
CREATE INDEX "UseCase_valued_idx" ON "UseCase"("organizationId") WHERE "deletedAt" IS NULL AND "benefit" IS NOT NULL;
