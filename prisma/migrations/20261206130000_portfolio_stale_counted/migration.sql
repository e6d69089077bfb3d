-- The portfolio's freshness table averaged each approach's stale days a year over all its use cases,
-- the ones with no projection for it too (an agent with no estimate, a use case not costed as
-- chosen): their missing figure counted as 0 and pulled the average down. The kept counts
-- ("PortfolioUseCaseSum", 20261204200000_portfolio_cost_sums) now also count, per group, the use
-- cases that have the figure ("sc": a stale-days figure as chosen, that is a projection for the
-- approach), so the average is over those and the page says how many it is over. The panels'
-- statement counts the same expression over the live rollup for a filtered view
-- (lib/server/portfolio/panels/use-cases.ts).
--
-- The column, then the function that gives a rollup row's signed counts (its result type changes,
-- so it is dropped and made again: the triggers' PL/pgSQL names it by text and plans it on its next
-- call), then the three trigger functions of 20261205100000_portfolio_sums_static with the column
-- added, word for word otherwise, then every organization's counts rebuilt from its live rollup
-- rows, in this transaction (the trigger functions keep them from here).

ALTER TABLE "PortfolioUseCaseSum" ADD COLUMN "sc" NUMERIC NOT NULL DEFAULT 0;

DROP FUNCTION "PortfolioUseCaseSum_of"("UseCaseRollup", integer);
CREATE FUNCTION "PortfolioUseCaseSum_of"(r "UseCaseRollup", s integer)
RETURNS TABLE ("rec" text, "chosen" text, "ev" text, "av" text, "fv" jsonb, "wv" integer, "n" numeric, "dis" numeric, "flagged" numeric, "risky" numeric, "i0" numeric, "i1" numeric, "i2" numeric, "i3" numeric, "i4" numeric, "f0" numeric, "f1" numeric, "f2" numeric, "f3" numeric, "f4" numeric, "sl" numeric, "sb" numeric, "sh" numeric, "sn" numeric, "tl" numeric, "tb" numeric, "th" numeric, "tn" numeric, "sc" numeric)
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
         s * (r."ttvBase" IS NOT NULL)::int,
         s * (r."staleBase" IS NOT NULL)::int
   WHERE r."deletedAt" IS NULL
$$;

DO $do$
DECLARE
  cost_sums CONSTANT text := $q$
    INSERT INTO "PortfolioCostSum" ("organizationId", "calendarYear", "ch", "rec", "businessUnit", "chl", "chb", "chh", "chn", "chu", "recl", "recb", "rech", "recn", "recu", "ragl", "ragb", "ragh", "ragn", "ragu", "ftl", "ftb", "fth", "ftn", "ftu", "hyl", "hyb", "hyh", "hyn", "hyu", "cy", "ci")
    SELECT (x.r)."organizationId", e."calendarYear", e.ch, e.rec, e."businessUnit", coalesce(sum(e."chl"), 0), coalesce(sum(e."chb"), 0), coalesce(sum(e."chh"), 0), coalesce(sum(e."chn"), 0), coalesce(sum(e."chu"), 0), coalesce(sum(e."recl"), 0), coalesce(sum(e."recb"), 0), coalesce(sum(e."rech"), 0), coalesce(sum(e."recn"), 0), coalesce(sum(e."recu"), 0), coalesce(sum(e."ragl"), 0), coalesce(sum(e."ragb"), 0), coalesce(sum(e."ragh"), 0), coalesce(sum(e."ragn"), 0), coalesce(sum(e."ragu"), 0), coalesce(sum(e."ftl"), 0), coalesce(sum(e."ftb"), 0), coalesce(sum(e."fth"), 0), coalesce(sum(e."ftn"), 0), coalesce(sum(e."ftu"), 0), coalesce(sum(e."hyl"), 0), coalesce(sum(e."hyb"), 0), coalesce(sum(e."hyh"), 0), coalesce(sum(e."hyn"), 0), coalesce(sum(e."hyu"), 0), coalesce(sum(e."cy"), 0), coalesce(sum(e."ci"), 0)
      FROM (%s) x
      CROSS JOIN LATERAL "PortfolioCostSum_expand"(x.r, x.s) e
     WHERE EXISTS (SELECT 1 FROM "Organization" o WHERE o."id" = (x.r)."organizationId")
     GROUP BY 1, 2, 3, 4, 5
    HAVING (sum(e."chl") <> 0 OR sum(e."chb") <> 0 OR sum(e."chh") <> 0 OR sum(e."chn") <> 0 OR sum(e."chu") <> 0 OR sum(e."recl") <> 0 OR sum(e."recb") <> 0 OR sum(e."rech") <> 0 OR sum(e."recn") <> 0 OR sum(e."recu") <> 0 OR sum(e."ragl") <> 0 OR sum(e."ragb") <> 0 OR sum(e."ragh") <> 0 OR sum(e."ragn") <> 0 OR sum(e."ragu") <> 0 OR sum(e."ftl") <> 0 OR sum(e."ftb") <> 0 OR sum(e."fth") <> 0 OR sum(e."ftn") <> 0 OR sum(e."ftu") <> 0 OR sum(e."hyl") <> 0 OR sum(e."hyb") <> 0 OR sum(e."hyh") <> 0 OR sum(e."hyn") <> 0 OR sum(e."hyu") <> 0 OR sum(e."cy") <> 0 OR sum(e."ci") <> 0)
$q$;
  use_case_sums CONSTANT text := $q$
    INSERT INTO "PortfolioUseCaseSum" ("organizationId", "rec", "chosen", "ev", "av", "fv", "wv", "n", "dis", "flagged", "risky", "i0", "i1", "i2", "i3", "i4", "f0", "f1", "f2", "f3", "f4", "sl", "sb", "sh", "sn", "tl", "tb", "th", "tn", "sc")
    SELECT (x.r)."organizationId", e."rec", e."chosen", e."ev", e."av", e."fv", e."wv", coalesce(sum(e."n"), 0), coalesce(sum(e."dis"), 0), coalesce(sum(e."flagged"), 0), coalesce(sum(e."risky"), 0), coalesce(sum(e."i0"), 0), coalesce(sum(e."i1"), 0), coalesce(sum(e."i2"), 0), coalesce(sum(e."i3"), 0), coalesce(sum(e."i4"), 0), coalesce(sum(e."f0"), 0), coalesce(sum(e."f1"), 0), coalesce(sum(e."f2"), 0), coalesce(sum(e."f3"), 0), coalesce(sum(e."f4"), 0), coalesce(sum(e."sl"), 0), coalesce(sum(e."sb"), 0), coalesce(sum(e."sh"), 0), coalesce(sum(e."sn"), 0), coalesce(sum(e."tl"), 0), coalesce(sum(e."tb"), 0), coalesce(sum(e."th"), 0), coalesce(sum(e."tn"), 0), coalesce(sum(e."sc"), 0)
      FROM (%s) x
      CROSS JOIN LATERAL "PortfolioUseCaseSum_of"(x.r, x.s) e
     WHERE EXISTS (SELECT 1 FROM "Organization" o WHERE o."id" = (x.r)."organizationId")
     GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(e."n") <> 0 OR sum(e."dis") <> 0 OR sum(e."flagged") <> 0 OR sum(e."risky") <> 0 OR sum(e."i0") <> 0 OR sum(e."i1") <> 0 OR sum(e."i2") <> 0 OR sum(e."i3") <> 0 OR sum(e."i4") <> 0 OR sum(e."f0") <> 0 OR sum(e."f1") <> 0 OR sum(e."f2") <> 0 OR sum(e."f3") <> 0 OR sum(e."f4") <> 0 OR sum(e."sl") <> 0 OR sum(e."sb") <> 0 OR sum(e."sh") <> 0 OR sum(e."sn") <> 0 OR sum(e."tl") <> 0 OR sum(e."tb") <> 0 OR sum(e."th") <> 0 OR sum(e."tn") <> 0 OR sum(e."sc") <> 0
$q$;
  tallies CONSTANT text := $q$
    INSERT INTO "PortfolioTally" ("organizationId", kind, key, n)
    SELECT (x.r)."organizationId", e.kind, e.key, sum(e.n)
      FROM (%s) x
      CROSS JOIN LATERAL "PortfolioTally_of"(x.r, x.s) e
     WHERE EXISTS (SELECT 1 FROM "Organization" o WHERE o."id" = (x.r)."organizationId")
     GROUP BY 1, 2, 3
    HAVING sum(e.n) <> 0
$q$;
  ev record;
BEGIN
  FOR ev IN SELECT * FROM (VALUES
      ('PortfolioSums_inserted', 'new_rows', 'SELECT ROW(n.*)::"UseCaseRollup" AS r, 1 AS s FROM new_rows n'),
      ('PortfolioSums_updated', 'new_rows', 'SELECT ROW(n.*)::"UseCaseRollup" AS r, 1 AS s FROM new_rows n UNION ALL SELECT ROW(o.*)::"UseCaseRollup", -1 FROM old_rows o'),
      ('PortfolioSums_deleted', 'old_rows', 'SELECT ROW(o.*)::"UseCaseRollup" AS r, -1 AS s FROM old_rows o')
    ) AS v(name, rows, source)
  LOOP
    EXECUTE format(
      'CREATE OR REPLACE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql AS %L',
      ev.name,
      format(E'BEGIN\n  IF NOT EXISTS (SELECT FROM %s) THEN RETURN NULL; END IF;\n%s;\n%s;\n%s;\n  RETURN NULL;\nEND',
             ev.rows, format(cost_sums, ev.source), format(use_case_sums, ev.source), format(tallies, ev.source)));
  END LOOP;
END $do$;

DELETE FROM "PortfolioUseCaseSum";
INSERT INTO "PortfolioUseCaseSum" ("organizationId", "rec", "chosen", "ev", "av", "fv", "wv", "n", "dis", "flagged", "risky", "i0", "i1", "i2", "i3", "i4", "f0", "f1", "f2", "f3", "f4", "sl", "sb", "sh", "sn", "tl", "tb", "th", "tn", "sc")
SELECT r."organizationId", e."rec", e."chosen", e."ev", e."av", e."fv", e."wv", coalesce(sum(e."n"), 0), coalesce(sum(e."dis"), 0), coalesce(sum(e."flagged"), 0), coalesce(sum(e."risky"), 0), coalesce(sum(e."i0"), 0), coalesce(sum(e."i1"), 0), coalesce(sum(e."i2"), 0), coalesce(sum(e."i3"), 0), coalesce(sum(e."i4"), 0), coalesce(sum(e."f0"), 0), coalesce(sum(e."f1"), 0), coalesce(sum(e."f2"), 0), coalesce(sum(e."f3"), 0), coalesce(sum(e."f4"), 0), coalesce(sum(e."sl"), 0), coalesce(sum(e."sb"), 0), coalesce(sum(e."sh"), 0), coalesce(sum(e."sn"), 0), coalesce(sum(e."tl"), 0), coalesce(sum(e."tb"), 0), coalesce(sum(e."th"), 0), coalesce(sum(e."tn"), 0), coalesce(sum(e."sc"), 0)
  FROM "UseCaseRollup" r
  CROSS JOIN LATERAL "PortfolioUseCaseSum_of"(r, 1) e
 GROUP BY 1, 2, 3, 4, 5, 6, 7
HAVING sum(e."n") <> 0 OR sum(e."dis") <> 0 OR sum(e."flagged") <> 0 OR sum(e."risky") <> 0 OR sum(e."i0") <> 0 OR sum(e."i1") <> 0 OR sum(e."i2") <> 0 OR sum(e."i3") <> 0 OR sum(e."i4") <> 0 OR sum(e."f0") <> 0 OR sum(e."f1") <> 0 OR sum(e."f2") <> 0 OR sum(e."f3") <> 0 OR sum(e."f4") <> 0 OR sum(e."sl") <> 0 OR sum(e."sb") <> 0 OR sum(e."sh") <> 0 OR sum(e."sn") <> 0 OR sum(e."tl") <> 0 OR sum(e."tb") <> 0 OR sum(e."th") <> 0 OR sum(e."tn") <> 0 OR sum(e."sc") <> 0;
