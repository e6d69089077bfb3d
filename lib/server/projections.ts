import "server-only";
import type { Approach } from "@/lib/domain/assessment";
import type { Capability } from "@/lib/domain/frameworks/capabilities";
import type { LabourBasis, Pricing, RetrainingBasis, RetrievalBasis, Simulation } from "@/lib/domain/costing";
import { needsSimulation } from "@/lib/domain/costing/explain";
import { decisionOptionNotes, type OptionNotes } from "@/lib/domain/costing/options";
import { expandScore, type Score, type StoredScore } from "@/lib/domain/frameworks";
import { db } from "./db";
import { deriveFrom, loadDeriveContext, scoreWithSensitivity } from "./use-cases/derive";
import { DERIVE_SELECT, OWNER_ESTIMATE_SELECT, ownerEstimateBasis, readAssessment } from "./use-cases/mapping";

/** One use case's stored score and projection, for its page. Scoped by organization. */
export interface StoredProjection {
  lines: { approach: Approach; yearIndex: number; calendarYear: number; category: string; low: number | null; base: number | null; high: number | null; manual: boolean }[];
  years: { approach: Approach; yearIndex: number; calendarYear: number; low: number; base: number; high: number; complete: boolean; manual: boolean }[];
  summary: ProjectionSummary | null;
}

export interface ProjectionSummary {
  approaches: Record<string, {
    lifecycle: { low: number; base: number; high: number; complete: boolean };
    /** Null (engine 2.18 on) where there is no figure: an owner's estimate, or a model that never sees the knowledge. */
    staleDaysPerYear: { low: number; base: number; high: number } | null;
    timeToValueWeeks: { low: number; base: number; high: number } | null;
    retrainingCyclesPerYear: number;
    /** Absent in projections stored before feasibility was judged (read as unknown). */
    meetsLag?: boolean | null;
    reachesKnowledge?: boolean;
    /** Absent before engine 2.4 (read as meeting it). */
    meetsBar?: boolean;
    /** RAG or the hybrid with nothing to retrieve (engine 2.17 on): no option of its own. */
    emptyIndex?: boolean;
    /** Absent before engine 2.11 (read as lacking nothing; start-up re-projects those). */
    lacksCapability?: Capability | null;
    worstDelayDays?: number | null;
    manual: boolean;
    missing: string[];
  }>;
  /** Scenario-matched (low with low, base with base, high with high); older rows lack `cents`. */
  savings: { approach: Approach; against: Approach; baseCents: number; cents?: { low: number; base: number; high: number }; pct: { low: number; base: number; high: number } | null }[];
  /** The acceptable lag the feasibility was judged against (days), when the use case gives one. */
  maxLagDays?: number | null;
  /** The change frequency and retraining lag the stale days came from (absent in projections stored before it was kept). */
  retraining?: RetrainingBasis | null;
  /** What the curation, upkeep and evaluation lines were worked out from (absent before cost engine 2.13). */
  labour?: LabourBasis | null;
  /** What the retrieval infrastructure line was worked out from (absent before cost engine 2.15). */
  retrieval?: RetrievalBasis | null;
  /** How the model was priced (absent in projections stored before the catalogue). */
  pricing?: Pricing;
  /** The Monte Carlo (absent in projections stored before it existed). */
  simulation?: Simulation | null;
  breakEven: { monthlyCalls: number | null; reason: string };
  missing: string[];
  complete: boolean;
  assumptionVersion: number;
}

const num = (v: bigint | null) => (v === null ? null : Number(v));

/**
 * The stored score as shown: its frameworks' traces put back from the frameworks' data
 * (lib/domain/frameworks/stored.ts), and "what would change it" worked out now (saves and imports
 * leave it out: lib/server/use-cases/derive.ts).
 */
export async function getStoredScore(organizationId: string, useCaseId: string): Promise<(Score & { weightsVersion?: number }) | null> {
  const row = await db.useCase.findFirst({ where: { id: useCaseId, organizationId }, select: { score: true, assessment: true, chosenApproach: true, overrides: true } });
  const json = (row?.score as (StoredScore & { weightsVersion?: number }) | null) ?? null;
  const stored = json ? { ...expandScore(json), weightsVersion: json.weightsVersion } : null;
  if (!row || !stored || stored.sensitivity) return stored;
  return { ...scoreWithSensitivity(stored, row, await loadDeriveContext(db, organizationId)), weightsVersion: stored.weightsVersion };
}

export async function getStoredProjection(organizationId: string, useCaseId: string): Promise<StoredProjection> {
  const [row, lines, years] = await Promise.all([
    db.useCase.findFirst({ where: { id: useCaseId, organizationId }, select: { projectionSummary: true } }),
    db.costLine.findMany({ where: { organizationId, useCaseId }, orderBy: [{ approach: "asc" }, { yearIndex: "asc" }, { category: "asc" }] }),
    db.costYear.findMany({ where: { organizationId, useCaseId }, orderBy: [{ approach: "asc" }, { yearIndex: "asc" }] }),
  ]);
  return {
    summary: (row?.projectionSummary as ProjectionSummary | null) ?? null,
    lines: lines.map((l) => ({ approach: l.approach, yearIndex: l.yearIndex, calendarYear: l.calendarYear, category: l.category, low: num(l.lowCents), base: num(l.baseCents), high: num(l.highCents), manual: l.manual })),
    years: years.map((y) => ({ approach: y.approach, yearIndex: y.yearIndex, calendarYear: y.calendarYear, low: Number(y.lowCents), base: Number(y.baseCents), high: Number(y.highCents), complete: y.complete, manual: y.manual })),
  };
}

/**
 * Each approach's price and feasibility for a decision's choices (lib/domain/costing/options.ts):
 * an approach the model does not price, from the use case's manual estimate where it has one.
 */
export async function getDecisionOptionNotes(organizationId: string, useCaseId: string): Promise<OptionNotes> {
  const row = await db.useCase.findFirst({ where: { id: useCaseId, organizationId }, select: { projectionSummary: true, assessment: true, ...OWNER_ESTIMATE_SELECT } });
  const summary = await withSimulation(organizationId, useCaseId, (row?.projectionSummary as ProjectionSummary | null) ?? null);
  return decisionOptionNotes(summary, row ? ownerEstimateBasis(row) : null, row ? readAssessment(row.assessment) : null);
}

/**
 * The Monte Carlo for a use case whose stored projection lacks one, with the same seed and figures
 * as a save would use, so every page that runs it says the same. Scoped by organization.
 */
export async function simulationFor(organizationId: string, useCaseId: string): Promise<Simulation | null> {
  const row = await db.useCase.findFirst({ where: { id: useCaseId, organizationId, deletedAt: null }, select: DERIVE_SELECT });
  if (!row) return null;
  const ctx = await db.$transaction((tx) => loadDeriveContext(tx, organizationId));
  return deriveFrom(row, ctx, { simulate: true }).simulation ?? null;
}

/** The stored summary, with the simulation run where the words for its two cheapest wait on it (needsSimulation). */
export async function withSimulation<T extends ProjectionSummary | null>(organizationId: string, useCaseId: string, summary: T): Promise<T> {
  return ((await withSimulations(organizationId, [{ id: useCaseId, summary }])).get(useCaseId) ?? summary) as T;
}

/**
 * withSimulation for a page of use cases (the decision queue): the ones whose words wait on the
 * Monte Carlo are read in one query, under one derive context, not one of each per use case.
 * Scoped by organization.
 */
export async function withSimulations(organizationId: string, rows: readonly { id: string; summary: ProjectionSummary | null }[]): Promise<Map<string, ProjectionSummary | null>> {
  const out = new Map(rows.map((r) => [r.id, r.summary] as const));
  const waiting = rows.filter((r) => r.summary && needsSimulation(r.summary));
  if (waiting.length === 0) return out;
  const [sources, ctx] = await Promise.all([
    db.useCase.findMany({ where: { id: { in: waiting.map((r) => r.id) }, organizationId, deletedAt: null }, select: { id: true, ...DERIVE_SELECT } }),
    db.$transaction((tx) => loadDeriveContext(tx, organizationId)),
  ]);
  const byId = new Map(sources.map((s) => [s.id, s] as const));
  for (const r of waiting) {
    const source = byId.get(r.id);
    out.set(r.id, { ...r.summary!, simulation: source ? (deriveFrom(source, ctx, { simulate: true }).simulation ?? null) : null });
  }
  return out;
}
