import "server-only";
import { MANUAL_ESTIMATE_APPROACHES, type Approach } from "@/lib/domain/assessment";
import { overridesSchema, projectCosts, type Projection } from "@/lib/domain/costing";
import { scoreUseCase, type Score } from "@/lib/domain/frameworks";
import { currentAssumptions, type CurrentAssumptions } from "../assumptions";
import { Prisma, type Tx } from "../db";
import { readAssessment, readManualEstimate } from "./mapping";

/**
 * Everything derived from a use case's fields: the scores of the five frameworks, consensus and
 * risk flags (the denormalised columns on UseCase) and the cost projection (CostLine/CostYear).
 * Called inside the same transaction after every create, update, decision and restore, so what
 * is stored and what is derived from it never disagree.
 */
export async function deriveUseCase(tx: Tx, ref: { organizationId: string; useCaseId: string }, shared?: DeriveContext): Promise<void> {
  const ctx = shared ?? (await loadDeriveContext(tx, ref.organizationId));
  const row = await tx.useCase.findFirst({
    where: { id: ref.useCaseId, organizationId: ref.organizationId },
    select: { id: true, assessment: true, chosenApproach: true, horizonYears: true, startDate: true, overrides: true, manualEstimate: true, createdAt: true },
  });
  if (!row) return;
  const derived = deriveFrom(row, ctx);
  await writeDerived(tx, ref.organizationId, row.id, derived, ctx);
}

export interface DeriveContext {
  weights: Record<string, number>;
  weightsVersion: number;
  assumptions: CurrentAssumptions;
}

export async function loadDeriveContext(tx: Tx, organizationId: string): Promise<DeriveContext> {
  const org = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { frameworkWeights: true, weightsVersion: true } });
  return { weights: readWeights(org.frameworkWeights), weightsVersion: org.weightsVersion, assumptions: await currentAssumptions(tx, organizationId) };
}

export function readWeights(json: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (typeof json === "object" && json && !Array.isArray(json)) {
    for (const [k, v] of Object.entries(json)) if (typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 10) out[k] = v;
  }
  return out;
}

interface SourceRow {
  assessment: unknown;
  chosenApproach: Approach | null;
  horizonYears: number;
  startDate: Date | null;
  overrides: unknown;
  manualEstimate: unknown;
  createdAt: Date;
}

export interface Derived {
  score: Score;
  projection: Projection;
}

/** Pure: score and project one use case. */
export function deriveFrom(row: SourceRow, ctx: DeriveContext): Derived {
  const assessment = readAssessment(row.assessment);
  const retrainLag = ctx.assumptions.set.values.retrainLagDays.low ?? 14;
  const score = scoreUseCase(assessment, { chosenApproach: row.chosenApproach, weights: ctx.weights, retrainLagDays: retrainLag });
  const overrides = overridesSchema.safeParse(row.overrides);
  const estimate = readManualEstimate(row.manualEstimate);
  const manualApproach = [row.chosenApproach, score.consensus].find((a): a is Approach => !!a && (MANUAL_ESTIMATE_APPROACHES as readonly string[]).includes(a));
  const projection = projectCosts({
    assessment,
    horizonYears: Math.min(10, Math.max(1, row.horizonYears)),
    startYear: (row.startDate ?? row.createdAt).getUTCFullYear(),
    assumptions: ctx.assumptions.set,
    overrides: overrides.success ? overrides.data : undefined,
    manual: manualApproach && estimate ? { approach: manualApproach, estimate } : null,
  });
  return { score, projection };
}

/** What the portfolio reads per approach (lib/domain/portfolio/types.ts documents the shape). */
function summaryOf(p: Projection) {
  const approaches: Record<string, unknown> = {};
  for (const [ap, x] of Object.entries(p.approaches)) {
    approaches[ap] = {
      lifecycle: x.lifecycle,
      staleDaysPerYear: x.staleDaysPerYear,
      timeToValueWeeks: x.timeToValueWeeks,
      retrainingCyclesPerYear: x.retrainingCyclesPerYear,
      manual: x.manual,
      missing: x.missing,
    };
  }
  return { approaches, savings: p.savings, breakEven: p.breakEven, missing: p.missing, complete: p.complete };
}

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

export async function writeDerived(tx: Tx, organizationId: string, useCaseId: string, d: Derived, ctx: DeriveContext): Promise<void> {
  const { score, projection } = d;
  await tx.useCase.update({
    where: { id: useCaseId },
    data: {
      recommendedApproach: score.consensus,
      agreementVotes: score.agreement.votes,
      agreementVoters: score.agreement.voters,
      disagreement: score.disagreement,
      riskFlags: score.flags.map((f) => f.code),
      score: json({ ...score, weightsVersion: ctx.weightsVersion }),
      scoredAt: new Date(),
      projectionSummary: json({ ...summaryOf(projection), assumptionVersion: ctx.assumptions.version }),
      assumptionVersionId: ctx.assumptions.id,
    },
  });
  await tx.costLine.deleteMany({ where: { useCaseId, organizationId } });
  await tx.costYear.deleteMany({ where: { useCaseId, organizationId } });
  const big = (n: number | null) => (n === null ? null : BigInt(n));
  if (projection.lines.length) {
    await tx.costLine.createMany({
      data: projection.lines.map((l) => ({
        organizationId, useCaseId, approach: l.approach, yearIndex: l.yearIndex, calendarYear: l.calendarYear, category: l.category,
        lowCents: big(l.low), baseCents: big(l.base), highCents: big(l.high), manual: l.manual,
      })),
    });
  }
  const years = Object.values(projection.approaches).flatMap((ap) =>
    ap.yearly.map((y) => ({
      organizationId, useCaseId, approach: ap.approach, yearIndex: y.yearIndex, calendarYear: y.calendarYear,
      lowCents: BigInt(y.low), baseCents: BigInt(y.base), highCents: BigInt(y.high), complete: y.complete, manual: ap.manual,
    })),
  );
  if (years.length) await tx.costYear.createMany({ data: years });
}

/**
 * Re-derives every use case of an organization (after its weights or assumptions change), in
 * batches of its own transactions. Reports progress after each batch.
 */
export async function rederiveOrganization(
  runInTx: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  organizationId: string,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const ids = await runInTx((tx) => tx.useCase.findMany({ where: { organizationId }, select: { id: true }, orderBy: { id: "asc" } }));
  const BATCH = 200;
  for (let i = 0; i < ids.length; i += BATCH) {
    await runInTx(async (tx) => {
      const ctx = await loadDeriveContext(tx, organizationId);
      for (const { id } of ids.slice(i, i + BATCH)) await deriveUseCase(tx, { organizationId, useCaseId: id }, ctx);
    });
    onProgress?.(Math.min(ids.length, i + BATCH), ids.length);
  }
  return ids.length;
}
