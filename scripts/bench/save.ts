/**
 * One save at a time, in process: the registry's edit path (inUseCaseTransaction + writeUseCase:
 * validate, permission and version check, score, project, write the use case, its ~80 cost lines
 * and yearly totals, audit), as the update action runs it, and the decision path
 * (recordUseCaseDecision, which re-derives the same way). Each save edits a different use case,
 * so nothing conflicts; each is timed on its own.
 */
import { performance } from "node:perf_hooks";
import { APPROACHES } from "@/lib/domain/assessment";
import { db } from "@/lib/server/db";
import { EDITABLE_SELECT, rowToFields } from "@/lib/server/use-cases/mapping";
import { inUseCaseTransaction, writeUseCase, type WriteContext } from "@/lib/server/use-cases/write";
import { recordUseCaseDecision } from "@/lib/server/use-cases/decision";
import { rng } from "./generate";

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(xs: readonly number[]): Percentiles {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : 0);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: s.length, p50: r(at(50)), p95: r(at(95)), p99: r(at(99)), max: r(s[s.length - 1] ?? 0) };
}

/** A plausible edit of a stored use case: a different monthly volume (re-scored and re-projected). */
export function editedFields(fields: ReturnType<typeof rowToFields>, r: () => number) {
  return { ...fields, assessment: { ...fields.assessment, monthlyCalls: Math.floor(10 ** (3 + r() * 4)) } };
}

export interface SaveBench {
  edits: Percentiles & { savesPerSecond: number };
  decisions: Percentiles & { savesPerSecond: number };
}

export async function benchSaves(opts: { organizationId: string; ctx: WriteContext; edits: number; decisions: number }): Promise<SaveBench> {
  const r = rng(7);
  const rows = await db.useCase.findMany({
    where: { organizationId: opts.organizationId, deletedAt: null },
    select: EDITABLE_SELECT,
    orderBy: { id: "asc" },
    take: opts.edits + opts.decisions,
  });
  const edits: number[] = [];
  let t0 = performance.now();
  for (const row of rows.slice(0, opts.edits)) {
    const t = performance.now();
    await inUseCaseTransaction((tx) => writeUseCase(tx, opts.ctx, { id: row.id, expectedVersion: row.version, fields: editedFields(rowToFields(row), r) }));
    edits.push(performance.now() - t);
  }
  const editSeconds = (performance.now() - t0) / 1000;

  const decisions: number[] = [];
  t0 = performance.now();
  for (const row of rows.slice(opts.edits)) {
    const chosen = [...APPROACHES.slice(0, 3)][Math.floor(r() * 3)]!;
    const t = performance.now();
    await inUseCaseTransaction((tx) => recordUseCaseDecision(tx, opts.ctx, { id: row.id, expectedVersion: row.version, chosenApproach: chosen, decisionNotes: "Bench decision." }));
    decisions.push(performance.now() - t);
  }
  const decisionSeconds = (performance.now() - t0) / 1000;
  return {
    edits: { ...percentiles(edits), savesPerSecond: Math.round(edits.length / editSeconds) },
    decisions: { ...percentiles(decisions), savesPerSecond: Math.round(decisions.length / decisionSeconds) },
  };
}
