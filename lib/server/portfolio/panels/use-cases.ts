import "server-only";
import { APPROACHES, type Approach } from "@/lib/domain/assessment";
import type { Capability } from "@/lib/domain/frameworks/capabilities";
import { FLAG_LABELS, type Evidence } from "@/lib/domain/frameworks";
import { isEmptyFilter, RISK_FLAGS, type PortfolioFilter, type RiskFlagCode } from "@/lib/domain/portfolio/filter";
import type { CoverageGroup, FlaggedUseCase, Freshness, IncompleteCounts, MatrixCell, Range3, ScenarioName, TopUseCase, UseCaseRef, Versions } from "@/lib/domain/portfolio/types";
import { Prisma } from "../../db";
import { scopedQueryRaw } from "../../rls";
import { keptSumsReady, writeBase } from "../cost-sums";
import { awaitingCounted, awaitingFromWorkflow, awaitingKept } from "./awaiting";
import { asChosenApproach, rollupWhere } from "../filter-sql";
import { int } from "../sql-values";

export const NOT_COSTED_LISTED = 50;
export const NOT_ASSESSED_LISTED = 50;
export const INCOMPLETE_LISTED = 10;
export const FLAGGED_LISTED = 10;
export const TOP = 10;
export const LAG_WORST_LISTED = 5;

export interface UseCasePanels {
  useCases: number;
  matrix: MatrixCell[];
  /** Awaiting a decision, as the decision queue counts it (lib/domain/decisions/queue.ts, awaitsDecision). */
  awaitingDecision: number;
  flags: { code: RiskFlagCode; useCases: number }[];
  disagreements: number;
  flaggedTotal: number;
  riskFlagged: number;
  incomplete: IncompleteCounts;
  /** Per scenario, the use cases whose approach in it cannot serve them (misses the lag, never sees their knowledge, or lacks a capability they need). */
  infeasible: Record<ScenarioName, number>;
  /** As chosen: how many use cases lack each figure. */
  missing: { key: string; useCases: number }[];
  /** The use cases by their status in each scenario (not costed, lacking a figure, complete): which pairs of scenarios are like for like. */
  coverage: CoverageGroup[];
  /** As chosen, the use cases with no cost for their approach (the not assessed apart), most recently updated first. */
  notCostedExamples: UseCaseRef[];
  /** Use cases by evidence level; the not assessed are in no money total. */
  evidence: Record<Evidence, number>;
  /** The not assessed, most recently updated first. */
  notAssessedExamples: UseCaseRef[];
  /** As chosen, the use cases that lack a figure, most recently updated first. */
  incompleteExamples: UseCaseRef[];
  flagged: FlaggedUseCase[];
  disagreeing: FlaggedUseCase[];
  top: TopUseCase[];
  freshness: Freshness;
  versions: Versions;
}

/** One row per (recommended, chosen, assumption version, framework versions, weights version). */
interface GroupRow {
  rec: Approach | null;
  chosen: Approach | null;
  ev: Evidence;
  version: number | null;
  fv: Record<string, string> | null;
  wv: number | null;
  n: number;
  dis: number;
  flagged: number;
  risky: number;
  flags: number[];
  /** As chosen, recommended, RAG, fine-tuning, hybrid. */
  incomplete: [number, number, number, number, number];
  /** As chosen, recommended, RAG, fine-tuning, hybrid: cannot serve the use case. */
  infeasible: [number, number, number, number, number];
  stale: [number | null, number | null, number | null];
  /** Stale some days a year (base). */
  staleN: number;
  /** With a stale-days figure at all (a projection for the approach as chosen): what an average is over. */
  staleC: number;
  ttv: [number | null, number | null, number | null];
  ttvN: number;
  ttvMax: number | null;
}

interface ListItem {
  id: string;
  title: string;
  businessUnit: string;
  approach: Approach | null;
  rec: Approach | null;
  chosen: Approach | null;
  riskFlags: string[];
  disagreement: boolean;
  votes: number;
  voters: number;
  reasons: unknown;
  picks: unknown;
  agreementText?: string | null;
}

type Ref = { id: string; title: string; businessUnit: string; approach: Approach | null };

type Row =
  | { kind: "group"; d: GroupRow; low: null; base: null; high: null }
  | { kind: "missing"; d: { key: string; n: number }; low: null; base: null; high: null }
  /** Use cases by their status in each scenario ("UseCaseRollup_coverage": one letter per scenario). */
  | { kind: "coverage"; d: { key: string; n: number | string }; low: null; base: null; high: null }
  | { kind: "notCosted"; d: ListItem; low: null; base: null; high: null }
  | { kind: "notAssessed"; d: ListItem; low: null; base: null; high: null }
  | { kind: "incompleteExample"; d: ListItem; low: null; base: null; high: null }
  | { kind: "flag"; d: ListItem; low: null; base: null; high: null }
  | { kind: "disagreement"; d: ListItem; low: null; base: null; high: null }
  | { kind: "top"; d: Ref & { complete: boolean; manual?: boolean }; low: bigint; base: bigint; high: bigint }
  | { kind: "lagWorst"; d: Ref & { lag: number | null; wd: number | null; lacks?: Capability | null }; low: null; base: null; high: null }
  /** Parts of "awaiting a decision" (./awaiting.ts), added up. */
  | { kind: "awaiting"; d: { n: number | string }; low: null; base: null; high: null }
  /** The kept sums' own row (unfiltered view): per-flag counts in RISK_FLAGS order, the longest time to value, whether the sums are there. */
  | { kind: "tally"; d: { flags: number[]; ttvMax: number | null; marker: boolean }; low: null; base: null; high: null };

/**
 * Everything about the use cases themselves, in one statement over one scan of their rollup rows
 * (UseCaseRollup: the columns the filters and the counts need, and what the projection and score
 * say, kept as plain columns so nothing is decompressed here); the UseCase row itself is read
 * only for the listed ones (titles, and the score's reasons and picks for 20 of them).
 *
 * - counts: the total, recommended × chosen, awaiting a decision (./awaiting.ts), each risk flag, disagreements;
 * - the use cases by their status in each scenario (which pairs of scenarios are like for like);
 * - per scenario, the use cases that lack a figure; as chosen, the figures they lack; the most
 *   recently updated of them, and of those with no cost at all;
 * - stale days a year and time to value, as chosen; assumption and framework versions;
 * - the top ten by as-chosen lifecycle, with their lifecycle totals;
 * - the ten flagged use cases with the most flags and the ten disagreeing ones with the least
 *   agreement, with each flag's sentence and what each framework picked.
 * (The statement is exported for the benchmark, which runs the same SQL raw.)
 */
export function useCasePanelsSql(organizationId: string, filter: PortfolioFilter, kept = false): Prisma.Sql {
  const perFlag = Prisma.join(RISK_FLAGS.map((code) => Prisma.sql`count(*) FILTER (WHERE ${code} = ANY(uc.flags))`));
  // Kept: the lists read the rollup through their indexes (the CTE inlined into each), the counts come from the kept sums.
  return Prisma.sql`
    WITH uc AS ${kept ? Prisma.sql`NOT MATERIALIZED` : Prisma.sql`MATERIALIZED`} (
      SELECT r."useCaseId" AS id, r."recommendedApproach" AS rec, r."chosenApproach" AS chosen, ${asChosenApproach("r")} AS ch, r.evidence::text AS ev, r.evidence AS evidence, r.status AS st,
             r."riskFlags" AS flags, r.disagreement AS dis, r.agreement, r."updatedAt" AS at, r."assumptionVersionId" AS av,
             r.incomplete & 1 <> 0 AS ich, r.incomplete & 2 <> 0 AS irec, r.incomplete & 4 <> 0 AS irag, r.incomplete & 8 <> 0 AS ift, r.incomplete & 16 <> 0 AS ihy,
             r."staleLow" AS sl, r."staleBase" AS sb, r."staleHigh" AS sh, r."ttvLow" AS tl, r."ttvBase" AS tb, r."ttvHigh" AS th,
             r."chosenLowCents" AS ll, r."chosenBaseCents" AS lb, r."chosenHighCents" AS lh, r.missing AS miss,
             r."frameworkVersions" AS fv, r."weightsVersion" AS wv,
             r.infeasible & 1 <> 0 AS fch, r.infeasible & 2 <> 0 AS frec, r.infeasible & 4 <> 0 AS frag, r.infeasible & 8 <> 0 AS fft, r.infeasible & 16 <> 0 AS fhy,
             r."maxLagDays" AS lag, r."worstDelayDays" AS wd,
             "UseCaseRollup_coverage"(r) AS cov
        FROM "UseCaseRollup" r WHERE ${rollupWhere(organizationId, filter, "r")}
    ), picked AS (
      -- The most flagged first, then the most spend as chosen at stake (UseCaseRollup_list_flagged_idx).
      (SELECT 'flag' AS kind, uc.id, -cardinality(uc.flags)::float8 AS rank, uc.lb AS spend, uc.at FROM uc WHERE cardinality(uc.flags) > 0
        ORDER BY cardinality(uc.flags) DESC, uc.lb DESC NULLS LAST, uc.at DESC, uc.id LIMIT ${FLAGGED_LISTED})
      UNION ALL
      (SELECT 'disagreement', uc.id, uc.agreement, NULL, uc.at FROM uc WHERE uc.dis
        ORDER BY uc.agreement, uc.at DESC, uc.id LIMIT ${FLAGGED_LISTED})
      UNION ALL
      (SELECT 'notCosted', uc.id, 0, NULL, uc.at FROM uc WHERE uc.lb IS NULL AND uc.evidence <> 'none' ORDER BY uc.at DESC, uc.id LIMIT ${NOT_COSTED_LISTED})
      UNION ALL
      (SELECT 'notAssessed', uc.id, 0, NULL, uc.at FROM uc WHERE uc.evidence = 'none' ORDER BY uc.at DESC, uc.id LIMIT ${NOT_ASSESSED_LISTED})
      UNION ALL
      (SELECT 'incompleteExample', uc.id, 0, NULL, uc.at FROM uc WHERE uc.ich ORDER BY uc.at DESC, uc.id LIMIT ${INCOMPLETE_LISTED})
    )
    ${kept ? keptCounts(organizationId) : counted(perFlag)}
    UNION ALL
    ${awaitingFromWorkflow(organizationId)}
    UNION ALL
    SELECT 'top', jsonb_build_object('id', u.id, 'title', u.title, 'businessUnit', u."businessUnit", 'approach', t.ch, 'complete', NOT t.ich,
                                     -- Priced by the owner's manual estimate, not the model (one probe of the set's unique index).
                                     'manual', EXISTS (SELECT 1 FROM "CostYearSet" s WHERE s."useCaseId" = u.id AND s.approach = t.ch AND s.manual)), t.ll, t.lb, t.lh
      FROM (SELECT uc.id, uc.ch, uc.ich, uc.ll, uc.lb, uc.lh FROM uc WHERE uc.lb IS NOT NULL ORDER BY uc.lb DESC, uc.id LIMIT ${TOP}) t
      JOIN "UseCase" u ON u.id = t.id AND u."organizationId" = ${organizationId}
    UNION ALL
    SELECT 'lagWorst', jsonb_build_object('id', u.id, 'title', u.title, 'businessUnit', u."businessUnit", 'approach', t.ch, 'lag', t.lag, 'wd', t.wd,
                                          'lacks', u."projectionSummary"->'approaches'->(t.ch::text)->'lacksCapability'), NULL, NULL, NULL
      FROM (SELECT uc.id, uc.ch, uc.lag, uc.wd FROM uc WHERE uc.fch ORDER BY uc.wd DESC NULLS FIRST, uc.id LIMIT ${LAG_WORST_LISTED}) t
      JOIN "UseCase" u ON u.id = t.id AND u."organizationId" = ${organizationId}
    UNION ALL
    (SELECT t.kind, jsonb_build_object('id', u.id, 'title', u.title, 'businessUnit', u."businessUnit", 'approach', ${asChosenApproach()}, 'rec', u."recommendedApproach", 'chosen', u."chosenApproach",
              'riskFlags', to_jsonb(u."riskFlags"), 'disagreement', u.disagreement, 'votes', u."agreementVotes", 'voters', u."agreementVoters",
              'reasons', CASE WHEN t.kind = 'flag' THEN u.score->'flags' END,
              'agreementText', CASE WHEN t.kind = 'disagreement' THEN u.score->>'agreementText' END,
              'picks', CASE WHEN t.kind = 'disagreement' THEN
                (SELECT jsonb_agg(jsonb_build_array(e.value->>'title', e.value->>'recommendation') ORDER BY e.ord)
                   FROM jsonb_array_elements(CASE WHEN jsonb_typeof(u.score->'frameworks') = 'array' THEN u.score->'frameworks' ELSE '[]'::jsonb END) WITH ORDINALITY AS e(value, ord)
                  WHERE coalesce(e.value->>'abstained', 'false') <> 'true' AND e.value->>'recommendation' IS NOT NULL
                    -- A framework the organization turned off (weight 0) does not vote, so it is no dissenter (weightOf).
                    AND CASE WHEN jsonb_typeof(u.score->'weights'->(e.value->>'frameworkId')) = 'number'
                             THEN (u.score->'weights'->>(e.value->>'frameworkId'))::float8 > 0 ELSE true END) END),
            NULL, NULL, NULL
       FROM picked t JOIN "UseCase" u ON u.id = t.id AND u."organizationId" = ${organizationId}
      ORDER BY t.kind, t.rank, t.spend DESC NULLS LAST, t.at DESC, t.id)`;
}

/** The counts over the use cases in view (the statement's CTE `uc`): the groups and the missing figures. */
function counted(perFlag: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT 'group' AS kind, jsonb_build_object(
             'rec', g.rec, 'chosen', g.chosen, 'ev', g.ev, 'version', av.version, 'fv', g.fv, 'wv', g.wv, 'n', g.n, 'dis', g.dis, 'flagged', g.flagged, 'risky', g.risky,
             'flags', g.flags, 'incomplete', g.incomplete, 'infeasible', g.infeasible, 'stale', g.stale, 'staleN', g."staleN", 'staleC', g."staleC", 'ttv', g.ttv, 'ttvN', g."ttvN", 'ttvMax', g."ttvMax") AS d,
           NULL::bigint AS low, NULL::bigint AS base, NULL::bigint AS high
      FROM (SELECT uc.rec, uc.chosen, uc.ev, uc.av, uc.fv, uc.wv, count(*) AS n,
                   count(*) FILTER (WHERE uc.dis) AS dis, count(*) FILTER (WHERE uc.dis OR cardinality(uc.flags) > 0) AS flagged,
                   count(*) FILTER (WHERE cardinality(uc.flags) > 0) AS risky,
                   jsonb_build_array(${perFlag}) AS flags,
                   jsonb_build_array(count(*) FILTER (WHERE uc.ich), count(*) FILTER (WHERE uc.irec), count(*) FILTER (WHERE uc.irag),
                                     count(*) FILTER (WHERE uc.ift), count(*) FILTER (WHERE uc.ihy)) AS incomplete,
                   jsonb_build_array(count(*) FILTER (WHERE uc.fch), count(*) FILTER (WHERE uc.frec), count(*) FILTER (WHERE uc.frag),
                                     count(*) FILTER (WHERE uc.fft), count(*) FILTER (WHERE uc.fhy)) AS infeasible,
                   -- Summed as numeric: exact, so the same rows give the same figure whatever order the plan reads them in
                   -- (a float sum depends on the order, and the cache is compared with a fresh computation).
                   jsonb_build_array(sum(uc.sl::numeric), sum(uc.sb::numeric), sum(uc.sh::numeric)) AS stale, count(*) FILTER (WHERE uc.sb > 0) AS "staleN", count(uc.sb) AS "staleC",
                   jsonb_build_array(sum(uc.tl::numeric), sum(uc.tb::numeric), sum(uc.th::numeric)) AS ttv, count(uc.tb) AS "ttvN", max(uc.th) AS "ttvMax"
              FROM uc GROUP BY uc.rec, uc.chosen, uc.ev, uc.av, uc.fv, uc.wv) g
      LEFT JOIN "AssumptionVersion" av ON av.id = g.av
    UNION ALL
    SELECT 'missing', jsonb_build_object('key', m.key, 'n', count(*)), NULL, NULL, NULL
      FROM uc CROSS JOIN LATERAL unnest(uc.miss) AS m(key)
     WHERE uc.ich
     GROUP BY m.key
    UNION ALL
    SELECT 'coverage', jsonb_build_object('key', uc.cov, 'n', count(*)), NULL, NULL, NULL
      FROM uc
     GROUP BY uc.cov
    UNION ALL
    ${awaitingCounted}`;
}

/**
 * The same counts from the sums kept by every write (../cost-sums.ts), for the unfiltered view: the
 * groups with use cases in them, the missing figures' and the coverage words' tallies, and one row with the per-flag
 * tallies, the longest time to value (through its index) and whether the sums are there.
 */
function keptCounts(organizationId: string): Prisma.Sql {
  const sum = (c: string) => Prisma.raw(`sum(k."${c}")`);
  const flagCount = Prisma.join(
    RISK_FLAGS.map((code) => Prisma.sql`coalesce((SELECT sum(t.n) FROM "PortfolioTally" t WHERE t."organizationId" = ${organizationId} AND t.kind = 'flag' AND t.key = ${code}), 0)`),
  );
  return Prisma.sql`
    SELECT 'group' AS kind, jsonb_build_object(
             'rec', g.rec, 'chosen', g.chosen, 'ev', g.ev, 'version', av.version, 'fv', g.fv, 'wv', g.wv, 'n', g.n, 'dis', g.dis, 'flagged', g.flagged, 'risky', g.risky,
             'flags', '[]'::jsonb, 'incomplete', jsonb_build_array(g.i0, g.i1, g.i2, g.i3, g.i4), 'infeasible', jsonb_build_array(g.f0, g.f1, g.f2, g.f3, g.f4),
             'stale', jsonb_build_array(g.sl, g.sb, g.sh), 'staleN', g.sn, 'staleC', g.sc, 'ttv', jsonb_build_array(g.tl, g.tb, g.th), 'ttvN', g.tn, 'ttvMax', NULL) AS d,
           NULL::bigint AS low, NULL::bigint AS base, NULL::bigint AS high
      FROM (SELECT k.rec, k.chosen, k.ev, k.av, k.fv, k.wv, ${sum("n")} AS n, ${sum("dis")} AS dis, ${sum("flagged")} AS flagged, ${sum("risky")} AS risky,
                   ${sum("i0")} AS i0, ${sum("i1")} AS i1, ${sum("i2")} AS i2, ${sum("i3")} AS i3, ${sum("i4")} AS i4,
                   ${sum("f0")} AS f0, ${sum("f1")} AS f1, ${sum("f2")} AS f2, ${sum("f3")} AS f3, ${sum("f4")} AS f4,
                   ${sum("sl")} AS sl, ${sum("sb")} AS sb, ${sum("sh")} AS sh, ${sum("sn")} AS sn, ${sum("sc")} AS sc, ${sum("tl")} AS tl, ${sum("tb")} AS tb, ${sum("th")} AS th, ${sum("tn")} AS tn
              FROM "PortfolioUseCaseSum" k WHERE k."organizationId" = ${organizationId}
             GROUP BY k.rec, k.chosen, k.ev, k.av, k.fv, k.wv
            HAVING sum(k.n) > 0) g
      LEFT JOIN "AssumptionVersion" av ON av.id = g.av
    UNION ALL
    -- The missing figures' tallies and the coverage words' (kind is the row's kind).
    SELECT t.kind, jsonb_build_object('key', t.key, 'n', sum(t.n)), NULL, NULL, NULL
      FROM "PortfolioTally" t
     WHERE t."organizationId" = ${organizationId} AND t.kind IN ('missing', 'coverage')
     GROUP BY t.kind, t.key
    HAVING sum(t.n) > 0
    UNION ALL
    ${awaitingKept(organizationId)}
    UNION ALL
    SELECT 'tally', jsonb_build_object(
             'flags', jsonb_build_array(${flagCount}),
             'ttvMax', (SELECT max(r."ttvHigh") FROM "UseCaseRollup" r WHERE r."organizationId" = ${organizationId} AND r."deletedAt" IS NULL AND r."ttvHigh" IS NOT NULL),
             'marker', ${keptSumsReady(organizationId)}),
           NULL, NULL, NULL`;
}

/**
 * The panels for the use cases in view. Unfiltered, the counts come from the sums kept by every
 * write and the lists from their indexes, so the cost does not grow with the portfolio; without the
 * sums (a restored database), they are written first, and where they cannot be read yet (a
 * replica that has not replayed them) the panels are computed as for a filter.
 */
export async function useCasePanels(organizationId: string, filter: PortfolioFilter): Promise<UseCasePanels> {
  if (!isEmptyFilter(filter)) return useCasePanelsFromRollup(organizationId, filter);
  let rows = await scopedQueryRaw<Row[]>(organizationId, useCasePanelsSql(organizationId, filter, true));
  if (!rows.some((r) => r.kind === "tally" && r.d.marker)) {
    await writeBase(organizationId);
    rows = await scopedQueryRaw<Row[]>(organizationId, useCasePanelsSql(organizationId, filter, true));
    if (!rows.some((r) => r.kind === "tally" && r.d.marker)) return useCasePanelsFromRollup(organizationId, filter);
  }
  return panelsOf(rows);
}

/** The panels computed from the rollup rows in one scan, whatever the filter (the tests compare the two ways). */
export async function useCasePanelsFromRollup(organizationId: string, filter: PortfolioFilter): Promise<UseCasePanels> {
  return panelsOf(await scopedQueryRaw<Row[]>(organizationId, useCasePanelsSql(organizationId, filter)));
}

function panelsOf(rows: Row[]): UseCasePanels {

  const of = <K extends Row["kind"]>(kind: K) => rows.filter((r): r is Extract<Row, { kind: K }> => r.kind === kind);
  // The groups in one fixed order (the statement returns them in the plan's order), so that the
  // matrix's order and the floating-point sums below are the same on every computation.
  const groups = of("group")
    .map((r) => ({ key: JSON.stringify([r.d.rec, r.d.chosen, r.d.ev, r.d.version, r.d.fv, r.d.wv]), d: r.d }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((g) => g.d);
  const total = (pick: (g: GroupRow) => number) => groups.reduce((s, g) => s + pick(g), 0);
  const ref = (d: Ref): UseCaseRef => ({ id: d.id, title: d.title, businessUnit: d.businessUnit, approach: d.approach });
  const tally = of("tally")[0]?.d;

  const matrix = new Map<string, MatrixCell>();
  const asChosenByApproach: Partial<Record<Approach, number>> = {};
  for (const g of groups) {
    const key = `${g.rec}|${g.chosen}`;
    const m = matrix.get(key) ?? { recommended: g.rec, chosen: g.chosen, count: 0, notAssessed: 0 };
    matrix.set(key, { ...m, count: m.count + g.n, notAssessed: m.notAssessed + (g.ev === "none" ? g.n : 0) });
    const ch = g.chosen ?? g.rec;
    if (ch && g.incomplete[0]) asChosenByApproach[ch] = (asChosenByApproach[ch] ?? 0) + g.incomplete[0];
  }
  const incompleteAt = (i: number) => total((g) => g.incomplete[i] ?? 0);
  const infeasibleAt = (i: number) => total((g) => g.infeasible?.[i] ?? 0);
  return {
    useCases: total((g) => g.n),
    matrix: [...matrix.values()],
    awaitingDecision: of("awaiting").reduce((s, r) => s + Number(r.d.n), 0),
    flags: RISK_FLAGS.map((code, i) => ({ code, useCases: total((g) => g.flags[i] ?? 0) + int(tally?.flags[i]) })),
    disagreements: total((g) => g.dis),
    flaggedTotal: total((g) => g.flagged),
    riskFlagged: total((g) => g.risky),
    incomplete: {
      byScenario: { chosen: incompleteAt(0), recommended: incompleteAt(1), RAG: incompleteAt(2), FINE_TUNING: incompleteAt(3), HYBRID: incompleteAt(4) },
      asChosenByApproach,
    },
    infeasible: { chosen: infeasibleAt(0), recommended: infeasibleAt(1), RAG: infeasibleAt(2), FINE_TUNING: infeasibleAt(3), HYBRID: infeasibleAt(4) },
    coverage: of("coverage")
      .map((r) => ({ statuses: r.d.key, useCases: Number(r.d.n) }))
      .sort((a, b) => (a.statuses < b.statuses ? -1 : a.statuses > b.statuses ? 1 : 0)),
    missing: of("missing")
      .map((r) => ({ key: r.d.key, useCases: r.d.n }))
      .sort((a, b) => b.useCases - a.useCases || a.key.localeCompare(b.key)),
    notCostedExamples: of("notCosted").map((r) => ref(r.d)),
    evidence: {
      none: total((g) => (g.ev === "none" ? g.n : 0)),
      provisional: total((g) => (g.ev === "provisional" ? g.n : 0)),
      assessed: total((g) => (g.ev === "assessed" ? g.n : 0)),
    },
    notAssessedExamples: of("notAssessed").map((r) => ref(r.d)),
    incompleteExamples: of("incompleteExample").map((r) => ref(r.d)),
    flagged: of("flag").map((r) => toItem(r.d)),
    disagreeing: of("disagreement").map((r) => toItem(r.d)),
    top: of("top")
      .map((r) => ({ ...ref(r.d), approach: r.d.approach!, complete: r.d.complete !== false, manual: r.d.manual === true, low: int(r.low), base: int(r.base), high: int(r.high) }))
      .sort((a, b) => b.base - a.base || (a.id < b.id ? -1 : 1)),
    freshness: {
      ...freshnessOf(groups, tally?.ttvMax ?? null),
      exceedingLag: infeasibleAt(0),
      worstLag: of("lagWorst")
        .map((r) => ({ useCase: ref(r.d), maxLagDays: r.d.lag, worstDelayDays: r.d.wd, ...(r.d.lacks ? { lacksCapability: r.d.lacks } : {}) }))
        // Never caught up (no delay figure) first, then the longest wait.
        .sort((a, b) => (b.worstDelayDays ?? Infinity) - (a.worstDelayDays ?? Infinity) || (a.useCase.id < b.useCase.id ? -1 : 1)),
    },
    versions: versionsOf(groups),
  };
}

function toItem(d: ListItem): FlaggedUseCase {
  return {
    id: d.id,
    title: d.title,
    businessUnit: d.businessUnit,
    recommended: d.rec,
    chosen: d.chosen,
    riskFlags: d.riskFlags.map((code) => ({ code, reason: reasonFor(d.reasons, code) })),
    disagreement: d.disagreement,
    agreement: { votes: d.votes, voters: d.voters },
    agreementText: typeof d.agreementText === "string" ? d.agreementText : null,
    picks: Array.isArray(d.picks) ? d.picks.map((p: [string, Approach | null]) => ({ framework: String(p[0]), approach: p[1] ?? null })) : [],
  };
}

/** The score's sentence for a flag, else the flag's plain-English label, else its code. */
function reasonFor(reasons: unknown, code: string): string {
  if (Array.isArray(reasons)) {
    const hit = reasons.find((f): f is { code: string; reason: string } => !!f && typeof f === "object" && (f as { code?: unknown }).code === code && typeof (f as { reason?: unknown }).reason === "string");
    if (hit) return hit.reason;
  }
  return (FLAG_LABELS as Record<string, string>)[code] ?? code;
}

const r3 = (v: [number | null, number | null, number | null]): Range3 => ({ low: v[0] ?? 0, base: v[1] ?? 0, high: v[2] ?? 0 });
const plus = (a: Range3, b: Range3): Range3 => ({ low: a.low + b.low, base: a.base + b.base, high: a.high + b.high });
const avg = (t: Range3, n: number): Range3 | null => (n === 0 ? null : { low: t.low / n, base: t.base / n, high: t.high / n });
const ZERO: Range3 = { low: 0, base: 0, high: 0 };

function freshnessOf(groups: GroupRow[], ttvMax: number | null): Omit<Freshness, "exceedingLag" | "worstLag"> {
  type Per = { useCases: number; stale: Range3; staleN: number; ttv: Range3; ttvN: number };
  const per = new Map<Approach, Per>();
  let stale = ZERO;
  let ttv = ZERO;
  let ttvN = 0;
  let withStale = 0;
  let longest: number | null = ttvMax;
  for (const g of groups) {
    stale = plus(stale, r3(g.stale));
    ttv = plus(ttv, r3(g.ttv));
    ttvN += g.ttvN;
    withStale += g.staleN;
    if (g.ttvMax !== null) longest = Math.max(longest ?? 0, g.ttvMax);
    const ch = g.chosen ?? g.rec;
    if (!ch) continue;
    const p = per.get(ch) ?? { useCases: 0, stale: ZERO, staleN: 0, ttv: ZERO, ttvN: 0 };
    per.set(ch, { useCases: p.useCases + g.n, stale: plus(p.stale, r3(g.stale)), staleN: p.staleN + g.staleC, ttv: plus(p.ttv, r3(g.ttv)), ttvN: p.ttvN + g.ttvN });
  }
  return {
    staleDaysPerYear: stale,
    useCasesWithStaleness: withStale,
    timeToValueWeeks: avg(ttv, ttvN),
    longestTimeToValueWeeks: longest,
    timeToValueUseCases: ttvN,
    byApproach: APPROACHES.filter((a) => per.has(a)).map((approach) => {
      const p = per.get(approach)!;
      // Per use case (a sum over several would read as more stale days than a year has), and over
      // the use cases that have the figure: one with no projection for its approach is unknown, not 0.
      return {
        approach,
        useCases: p.useCases,
        staleDaysPerYear: avg(p.stale, p.staleN),
        staleUseCases: p.staleN,
        timeToValueWeeks: avg(p.ttv, p.ttvN),
        timeToValueUseCases: p.ttvN,
      };
    }),
  };
}

function versionsOf(groups: GroupRow[]): Versions {
  const assumption = new Map<number | null, number>();
  const framework = new Map<string, Versions["frameworkVersions"][number]>();
  let unscored = 0;
  for (const g of groups) {
    assumption.set(g.version, (assumption.get(g.version) ?? 0) + g.n);
    if (!g.fv || typeof g.fv !== "object" || Array.isArray(g.fv)) {
      unscored += g.n;
      continue;
    }
    const versions = Object.fromEntries(Object.entries(g.fv).sort(([a], [b]) => a.localeCompare(b)));
    const key = JSON.stringify([versions, g.wv]);
    const prev = framework.get(key);
    framework.set(key, { versions, weightsVersion: g.wv, useCases: (prev?.useCases ?? 0) + g.n });
  }
  return {
    assumptionVersions: [...assumption].map(([version, useCases]) => ({ version, useCases })).sort((a, b) => (a.version ?? -1) - (b.version ?? -1)),
    frameworkVersions: [...framework.values()].sort((a, b) => b.useCases - a.useCases),
    unscored,
  };
}
