import "server-only";
import { MANUAL_ESTIMATE_APPROACHES, type Approach } from "@/lib/domain/assessment";
import { COST_ENGINE_VERSION, DEFAULT_RETRAIN_LAG_DAYS, effectiveAssumptions, overridesSchema, projectCosts, lifecycleYears, seedFor, simulateCosts, upgradeLegacyFigures, type Overrides, type Projection, type Simulation } from "@/lib/domain/costing";
import { scoreUseCase, storedScore, type Evidence, type Score } from "@/lib/domain/frameworks";
import { withOverrides } from "@/lib/domain/costing/assumptions";
import { timeToValueFigures, type TimeToValueFigures } from "@/lib/domain/costing/time-to-value";
import { watchWarnings } from "../actuals/warnings";
import { refreshWaitingBudget, WAITING, WAITING_SELECT } from "../decisions/budget";
import { assumptionsFrom, type CurrentAssumptions } from "../assumptions";
import { Prisma, type Tx } from "../db";
import { DERIVE_SELECT, readAssessment, readManualEstimate } from "./mapping";
import { useCaseStartYear } from "./start-year";
import { lineSets, yearSets } from "@/lib/domain/costing/line-sets";

/**
 * Everything derived from a use case's fields: the scores of the five frameworks, consensus and
 * risk flags (the denormalised columns on UseCase) and the cost projection (CostLine/CostYear).
 * Called inside the same transaction after every create, update, decision and restore, so what
 * is stored and what is derived from it never disagree.
 */
export async function deriveUseCase(tx: Tx, ref: { organizationId: string; useCaseId: string }, shared?: DeriveContext, source?: SourceRow): Promise<void> {
  const ctx = shared ?? (await loadDeriveContext(tx, ref.organizationId));
  // The caller may hand over the row it has just written (RETURNING), saving a read.
  const row = source ?? (await tx.useCase.findFirst({ where: { id: ref.useCaseId, organizationId: ref.organizationId }, select: DERIVE_SELECT }));
  if (!row) return;
  const derived = deriveFrom(row, ctx);
  // Also rebuilds the use case's rollup row (see writeDerived).
  await writeDerived(tx, ref.organizationId, ref.useCaseId, derived, ctx);
}

export interface DeriveContext {
  weights: Record<string, number>;
  weightsVersion: number;
  assumptions: CurrentAssumptions;
}

/** The organization's weights and current assumptions, in one round trip. */
export async function loadDeriveContext(tx: Pick<Tx, "$queryRawUnsafe">, organizationId: string): Promise<DeriveContext> {
  const [row] = await tx.$queryRawUnsafe<{ weights: unknown; weightsVersion: number; id: string | null; version: number | null; values: unknown }[]>(
    `SELECT o."frameworkWeights" AS weights, o."weightsVersion" AS "weightsVersion", av.id, av.version, av.values
       FROM "Organization" o
       LEFT JOIN LATERAL (SELECT a.id, a.version, a.values FROM "AssumptionVersion" a WHERE a."organizationId" = o.id ORDER BY a.version DESC LIMIT 1) av ON true
      WHERE o.id = $1`,
    organizationId,
  );
  if (!row) throw new Error(`No organization ${organizationId}`);
  const assumptions = assumptionsFrom(row.id === null || row.version === null ? null : { id: row.id, version: row.version, values: row.values });
  return { weights: readWeights(row.weights), weightsVersion: row.weightsVersion, assumptions };
}

export function readWeights(json: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (typeof json === "object" && json && !Array.isArray(json)) {
    for (const [k, v] of Object.entries(json)) if (typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 10) out[k] = v;
  }
  return out;
}

export interface SourceRow {
  assessment: unknown;
  chosenApproach: Approach | null;
  horizonYears: number;
  startDate: Date | null;
  overrides: unknown;
  manualEstimate: unknown;
  createdAt: Date;
  /** When it was retired (status RETIRED); null: not retired. Its projection stops at the end of that year. */
  retiredAt: Date | null;
}

export interface Derived {
  score: Score;
  projection: Projection;
  /** The Monte Carlo over the projection's two cheapest approaches that meet the lag (null: fewer than two; undefined: not run). */
  simulation: Simulation | null | undefined;
}

/**
 * Pure: score and project one use case. The Monte Carlo (~4 ms of CPU) runs only when asked
 * (`simulate: true`): saves and imports leave it out, so a save keeps its latency bar, and the cost
 * panel runs it when it shows the use case, with the same seed and figures, so the sentence is the
 * same every time.
 */
/**
 * Scores already computed in one batch (an import), by their inputs: scoring is pure, so rows
 * with the same answers and decision under the same context get the same score, computed once.
 * A public inventory's rows mostly carry no answers at all; scoring each again was most of an
 * import's time.
 */
export type ScoreMemo = Map<string, Score>;

/** At most this many scores in a memo; it starts again when full. */
export const SCORE_MEMO_LIMIT = 64;

/**
 * The stored score with "what would change it" worked out, as derive would with it: same answers,
 * decision, weights (the score's own) and retraining lag. For the use case's page.
 */
export function scoreWithSensitivity(stored: Score, row: { assessment: unknown; chosenApproach: Approach | null; overrides?: unknown }, ctx: DeriveContext): Score {
  if (stored.sensitivity) return stored;
  const retrainLag = retrainLagFor(ctx, undefined);
  const overrides = overridesSchema.safeParse(upgradeLegacyFigures(row.overrides as Record<string, unknown> | undefined));
  const { sensitivity } = scoreUseCase(readAssessment(row.assessment), {
    chosenApproach: row.chosenApproach, weights: stored.weights ?? ctx.weights, retrainLagDays: retrainLag,
    timeToValueWeeks: timeToValueFor(ctx, overrides.success ? overrides.data : undefined),
  });
  return { ...stored, sensitivity };
}

/**
 * The lag of one retraining cycle the risk flags judge fine-tuning by: the base figure the cost
 * panel judges "meets the lag" by (the use case's own figure, else the organization's), so a
 * panel that says fine-tuning misses the lag always comes with the flag that says why.
 */
function retrainLagFor(ctx: DeriveContext, overrides: Overrides | undefined): number {
  return overrides?.retrainLagDays?.base ?? ctx.assumptions.set.values.retrainLagDays.base ?? DEFAULT_RETRAIN_LAG_DAYS;
}

/**
 * The time to value the deadline flag judges the approach by: the figures the cost panel shows
 * (the use case's own, else the organization's), so a flag that says fine-tuning takes 8 weeks
 * sits beside a cost table that says 8.
 */
function timeToValueFor(ctx: DeriveContext, overrides: Overrides | undefined): TimeToValueFigures {
  return timeToValueFigures(withOverrides(ctx.assumptions.set, overrides).values);
}

export function deriveFrom(row: SourceRow, ctx: DeriveContext, opts: { simulate?: boolean; memo?: ScoreMemo } = {}): Derived {
  const assessment = readAssessment(row.assessment);
  const overrides = overridesSchema.safeParse(upgradeLegacyFigures(row.overrides as Record<string, unknown> | undefined));
  const retrainLag = retrainLagFor(ctx, overrides.success ? overrides.data : undefined);
  const timeToValueWeeks = timeToValueFor(ctx, overrides.success ? overrides.data : undefined);
  const key = opts.memo ? `${row.chosenApproach ?? ""}|${retrainLag}|${JSON.stringify(timeToValueWeeks)}|${JSON.stringify(assessment)}` : "";
  let score = opts.memo?.get(key);
  if (!score) {
    // "What would change it" re-scores the use case a few hundred times, ~80% of scoring: it is
    // worked out when the use case's page shows it (scoreWithSensitivity), not on every save and
    // import row (issue 22).
    score = scoreUseCase(assessment, { chosenApproach: row.chosenApproach, weights: ctx.weights, retrainLagDays: retrainLag, timeToValueWeeks, skipSensitivity: true });
    if (opts.memo) {
      // Bounded: where every row's answers differ, a memo of all 10,000 scores only kept them
      // alive, and the garbage collector's copying of them cost more than scoring (issue 22).
      if (opts.memo.size >= SCORE_MEMO_LIMIT) opts.memo.clear();
      opts.memo.set(key, score);
    }
  }
  const estimate = readManualEstimate(row.manualEstimate);
  const manualApproach = [row.chosenApproach, score.consensus].find((a): a is Approach => !!a && (MANUAL_ESTIMATE_APPROACHES as readonly string[]).includes(a));
  const startYear = useCaseStartYear(row);
  // Retired: no spend projected after the year it was retired in (lib/domain/costing/retired.ts).
  const years = lifecycleYears({ horizonYears: row.horizonYears, startYear, retiredYear: row.retiredAt?.getUTCFullYear() ?? null });
  const input = {
    assessment,
    horizonYears: years,
    startYear,
    assumptions: ctx.assumptions.set,
    overrides: overrides.success ? overrides.data : undefined,
    manual: manualApproach && estimate ? { approach: manualApproach, estimate } : null,
    // The use case's own model (one of its cost figures), else the organization's default.
    model: overrides.success ? (overrides.data.model ?? null) : null,
  };
  // Not assessed: no recommendation, and no cost in any total, list or export (never $0, never a guess).
  if (score.evidence === "none") return { score, projection: notAssessedProjection(effectiveAssumptions(input).pricing, assessment.maxLagDays ?? null), simulation: null };
  if (years === 0) return { score, projection: retiredBeforeStartProjection(effectiveAssumptions(input).pricing, assessment.maxLagDays ?? null), simulation: null };
  const projection = projectCosts(input);
  // Seeded by the use case's creation time, so re-deriving the same figures repeats the same trials;
  // the seed is stored with the result.
  const simulation = opts.simulate !== true ? undefined : simulateCosts(input, projection, { seed: seedFor(row.createdAt.toISOString()) });
  return { score, projection, simulation };
}

/** The projection of a use case with no deciding answer: nothing is costed. */
export function notAssessedProjection(pricing: Projection["pricing"], maxLagDays: number | null): Projection {
  return {
    lines: [],
    approaches: {},
    savings: [],
    breakEven: { monthlyCalls: null, reason: "Not assessed: answer the deciding questions first." },
    pricing,
    maxLagDays,
    retraining: null,
    labour: null,
    retrieval: null,
    missing: [],
    complete: false,
  };
}

/** The projection of a use case retired before its first year: nothing is projected. */
function retiredBeforeStartProjection(pricing: Projection["pricing"], maxLagDays: number | null): Projection {
  return { ...notAssessedProjection(pricing, maxLagDays), breakEven: { monthlyCalls: null, reason: "None: it was retired before its first year, so nothing is projected." } };
}

/** What the portfolio reads per approach (lib/domain/portfolio/types.ts documents the shape). */
function summaryOf(p: Projection, simulation: Simulation | null | undefined) {
  const approaches: Record<string, unknown> = {};
  for (const [ap, x] of Object.entries(p.approaches)) {
    approaches[ap] = {
      lifecycle: x.lifecycle,
      // No figure where there is none to give (cost engine 2.18): an owner's estimate says nothing of
      // staleness, and a model that never sees the knowledge is not "0 days stale". The rollup then
      // leaves it out of the portfolio's averages, as the cost panel shows "—".
      staleDaysPerYear: x.manual || !x.reachesKnowledge ? null : x.staleDaysPerYear,
      timeToValueWeeks: x.timeToValueWeeks,
      retrainingCyclesPerYear: x.retrainingCyclesPerYear,
      meetsLag: x.meetsLag,
      reachesKnowledge: x.reachesKnowledge,
      meetsBar: x.meetsBar,
      ...(x.emptyIndex ? { emptyIndex: true } : {}),
      lacksCapability: x.lacksCapability,
      worstDelayDays: x.worstDelayDays,
      manual: x.manual,
      missing: x.missing,
    };
  }
  return { approaches, savings: p.savings, breakEven: p.breakEven, pricing: p.pricing, maxLagDays: p.maxLagDays, retraining: p.retraining, labour: p.labour, retrieval: p.retrieval, simulation, missing: p.missing, complete: p.complete, engineVersion: COST_ENGINE_VERSION };
}

/** What derivation stores for one use case: its score columns, its cost lines and its yearly totals. */
export interface DerivedRows {
  useCase: {
    recommendedApproach: Approach | null;
    evidence: Evidence;
    agreementVotes: number;
    agreementVoters: number;
    disagreement: boolean;
    riskFlags: string[];
    score: Prisma.InputJsonValue;
    scoredAt: Date;
    projectionSummary: Prisma.InputJsonValue;
    assumptionVersionId: string | null;
  };
  costLines: {
    organizationId: string; useCaseId: string; approach: Approach; yearIndex: number; calendarYear: number; category: string;
    lowCents: bigint | null; baseCents: bigint | null; highCents: bigint | null; manual: boolean;
  }[];
  costYears: {
    organizationId: string; useCaseId: string; approach: Approach; yearIndex: number; calendarYear: number;
    lowCents: bigint; baseCents: bigint; highCents: bigint; complete: boolean; manual: boolean;
  }[];
}

/**
 * A value as stored JSON. Both writers serialise it themselves (JSON.stringify for the single save,
 * COPY text for the import), which drops what JSON cannot hold exactly as a clone through JSON
 * would, so it is not cloned (cloning the score and summary was ~0.7 s of an import of 10,000
 * rows). Derived values are never changed after they are made.
 */
const json = (v: object) => v as Prisma.InputJsonValue;

/** The score as stored: its frameworks' traces as rule ids (lib/domain/frameworks/stored.ts), with the weights' version. */
function scoreJson(score: Score, weightsVersion: number): Prisma.InputJsonValue {
  return json({ ...storedScore(score), weightsVersion });
}

/** Pure: the rows a derivation stores. The single save and the bulk import both write exactly these. */
export function derivedRows(organizationId: string, useCaseId: string, d: Derived, ctx: DeriveContext, now = new Date()): DerivedRows {
  const { score, projection } = d;
  const big = (n: number | null) => (n === null ? null : BigInt(n));
  return {
    useCase: {
      recommendedApproach: score.consensus,
      evidence: score.evidence,
      // The backing of the recommendation shown (the default start may have none of the votes).
      agreementVotes: score.backing.votes,
      agreementVoters: score.backing.voters,
      disagreement: score.disagreement,
      riskFlags: score.flags.map((f) => f.code),
      score: scoreJson(score, ctx.weightsVersion),
      scoredAt: now,
      // The versions are repeated here (small) so the rollup never has to decompress the score.
      projectionSummary: json({ ...summaryOf(projection, d.simulation), assumptionVersion: ctx.assumptions.version, frameworkVersions: score.frameworkVersions, weightsVersion: ctx.weightsVersion }),
      assumptionVersionId: ctx.assumptions.id,
    },
    costLines: projection.lines.map((l) => ({
      organizationId, useCaseId, approach: l.approach, yearIndex: l.yearIndex, calendarYear: l.calendarYear, category: l.category,
      lowCents: big(l.low), baseCents: big(l.base), highCents: big(l.high), manual: l.manual,
    })),
    costYears: Object.values(projection.approaches).flatMap((ap) =>
      ap.yearly.map((y) => ({
        organizationId, useCaseId, approach: ap.approach, yearIndex: y.yearIndex, calendarYear: y.calendarYear,
        lowCents: BigInt(y.low), baseCents: BigInt(y.base), highCents: BigInt(y.high), complete: y.complete, manual: ap.manual,
      })),
    ),
  };
}

/** Rows as a JSON array for jsonb_to_recordset (BigInt as text, which PostgreSQL reads into bigint; dates as ISO). */
export const recordset = (rows: readonly object[]) => JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

/**
 * Stores a derivation, and the use case's portfolio rollup row, in one round trip whatever the
 * number of cost rows: the function "UseCase_storeDerived" (migrations
 * 20261123160000_store_derived, 20261205020000_cost_sets and
 * 20261205220000_cost_line_set_per_approach), in PL/pgSQL so each connection plans its statement
 * once rather than on every save (planning it took longer than running it). It is sent the
 * projection as stored: the cost lines and yearly totals grouped into one set each per approach
 * (lib/domain/costing/line-sets.ts, as the import stores them). In one statement it sets the
 * derived columns and brings the sets to the new projection in place, matched on their approach:
 * a set whose figures changed is updated, one the projection no longer has is deleted, a new one
 * is inserted, and an unchanged one is left alone (a manual estimate's change leaves the other
 * approaches' sets alone), and the updates touch no indexed column, so PostgreSQL can make them in
 * place when the page has room. Then it rebuilds the rollup row ("UseCaseRollup_refresh").
 * tests/derive.test.ts holds the stored rows to a fresh projection after edits that add, drop and
 * change rows; tests/portfolio.test.ts holds the rollup to a fresh rebuild after every kind of write.
 */
export async function writeDerived(tx: Tx, organizationId: string, useCaseId: string, d: Derived, ctx: DeriveContext): Promise<void> {
  const rows = derivedRows(organizationId, useCaseId, d, ctx);
  const u = rows.useCase;
  // $executeRaw: the function returns void, which Prisma's raw queries cannot read back.
  await tx.$executeRawUnsafe(
    `SELECT "UseCase_storeDerived"($1, $2, $3, $4, $5, $6, $7::text[], $8::jsonb, $9::timestamp(3), $10::jsonb, $11, $12::jsonb, $13::jsonb)`,
    useCaseId, organizationId, u.recommendedApproach, u.agreementVotes, u.agreementVoters, u.disagreement, u.riskFlags,
    JSON.stringify(u.score), u.scoredAt.toISOString(), JSON.stringify(u.projectionSummary), u.assumptionVersionId,
    recordset(lineSets(rows.costLines)), recordset(yearSets(rows.costYears)),
  );
}

/**
 * Re-derives every use case of an organization (after its weights or assumptions change), in
 * batches of its own transactions. Reports progress after each batch.
 */
export async function rederiveOrganization(
  runInTx: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  organizationId: string,
  onProgress?: (done: number, total: number) => void,
  only?: readonly string[],
  /** Who changed what is re-derived (null: the system), not told of the early warnings it raises. */
  actorId: string | null = null,
): Promise<number> {
  const ids = only ? only.map((id) => ({ id })) : await runInTx((tx) => tx.useCase.findMany({ where: { organizationId }, select: { id: true }, orderBy: { id: "asc" } }));
  const BATCH = 200;
  for (let i = 0; i < ids.length; i += BATCH) {
    await runInTx(async (tx) => {
      const ctx = await loadDeriveContext(tx, organizationId);
      const batch = ids.slice(i, i + BATCH).map((r) => r.id);
      // A new projection (or approach as chosen) can raise an early warning on actual spend: told once, in the batch's transaction.
      const warnings = await watchWarnings(tx, organizationId, batch);
      // The batch's rows in one read, not one per use case.
      const rows = await tx.useCase.findMany({ where: { organizationId, id: { in: batch } }, select: { id: true, ...DERIVE_SELECT } });
      for (const { id, ...row } of rows) await deriveUseCase(tx, { organizationId, useCaseId: id }, ctx, row);
      // A decision still waiting keeps the budget the projection gives now, after a re-projection
      // (new assumptions, a new engine) as after an edit (lib/server/decisions/budget.ts): engine
      // 2.14's one-off evaluation set left a waiting "$72,000 to build, then $90,681 a year" stored
      // beside a projection whose years run at $74,681.
      // Read once for the batch, not again per decision.
      const waiting = await tx.useCaseDecision.findMany({ where: { organizationId, useCaseId: { in: batch }, state: { in: [...WAITING] } }, select: { useCaseId: true, ...WAITING_SELECT } });
      for (const { useCaseId, ...d } of waiting) await refreshWaitingBudget(tx, { organizationId, useCaseId }, d, actorId);
      await warnings.close(actorId);
    });
    onProgress?.(Math.min(ids.length, i + BATCH), ids.length);
  }
  return ids.length;
}
