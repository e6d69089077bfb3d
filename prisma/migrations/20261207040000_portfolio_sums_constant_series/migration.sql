-- The kept sums' expansions of a rollup row into its years, planned at a few rows a row, not a
-- thousand (issue 22). "PortfolioCostSum_expand" ran generate_series up to the row's longest array,
-- and "UseCaseRollup_notCostedYears" (through "PortfolioTally_of") from its first year to its last:
-- a series whose bounds are columns is estimated at a thousand rows a call, so over an
-- organization's rollup rows (the base lib/server/portfolio/cost-sums.ts writes when its sums are
-- missing: after a restore, on an organization's first read) PostgreSQL expected ten million rows
-- and JIT-compiled the base's two reads: at the bench's 10,000 use cases 1.5–3.2 s and 0.9–1.7 s,
-- 1–2.3 s of each compiling, where they run in 0.4–0.8 s and 0.2–0.4 s (docs/benchmarks.md,
-- 2026-12-07). The statement triggers call the same functions over a write's rows; over 10,000 at
-- once their statements were not JIT-compiled before this either (measured on a rolled-back delete).
--
-- Now each counts over a series of constant length, 10 years (no use case is projected over more:
-- MAX_HORIZON_YEARS in lib/domain/use-case.ts, and "UseCase_lifeYears" holds "lifeYears" to it),
-- cut at the row's own. The same rows come out (compared row for row on the bench's 10,000), so
-- the kept sums and tallies are unchanged and need no rebuild. OFFSET 0 keeps the series beside
-- each row once the function is inlined: pulled up, the planner may read the rows ten times from a
-- copy instead (lib/server/portfolio/panels/costs.ts does the same for the filtered statement).

CREATE OR REPLACE FUNCTION "PortfolioCostSum_expand"(r "UseCaseRollup", s integer)
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
    FROM (SELECT k.i FROM generate_series(1, 10) AS k(i)
           WHERE k.i <= greatest(cardinality(r."chosenCents"), cardinality(r."recommendedCents"), cardinality(r."ragCents"), cardinality(r."fineTuningCents"), cardinality(r."hybridCents")) / 3
          OFFSET 0) AS g(i)
   WHERE r."deletedAt" IS NULL AND r."startYear" IS NOT NULL
$$;

CREATE OR REPLACE FUNCTION "UseCaseRollup_notCostedYears"(r "UseCaseRollup")
RETURNS SETOF integer
LANGUAGE sql IMMUTABLE AS $$
  SELECT r."lifeStartYear" + t.k FROM (SELECT k FROM generate_series(0, 9) AS k WHERE k < r."lifeYears" OFFSET 0) AS t(k)
   WHERE r."deletedAt" IS NULL
     AND ((r."chosenBaseCents" IS NULL AND r.evidence <> 'none') OR r.evidence = 'none')
     AND cardinality(CASE COALESCE(r."chosenApproach", r."recommendedApproach") WHEN 'RAG' THEN r."ragCents" WHEN 'FINE_TUNING' THEN r."fineTuningCents"
                          WHEN 'HYBRID' THEN r."hybridCents" ELSE r."chosenCents" END) = 0
$$;
