import "server-only";
import { setImmediate as yieldToOthers } from "node:timers/promises";
import { asChosenBaseCents, asChosenIncomplete, reprojectionImpact, type ReprojectionImpact, type RepricedUseCase } from "@/lib/domain/costing/reprojection-impact";
import { assertOpenedOn, proposedAssumptions, type SaveAssumptionsInput } from "./assumption-versions";
import { db } from "./db";
import type { MemberContext } from "./guard";
import { deriveFrom, loadDeriveContext, type DeriveContext, type ScoreMemo } from "./use-cases/derive";
import { DERIVE_SELECT } from "./use-cases/mapping";

/** Use cases read (and projected) at a time; the event loop runs between them. */
const PAGE = 250;
/** Rows projected between two turns of the event loop, so other requests are served meanwhile. */
const SLICE = 25;

export interface AssumptionsPreview {
  /** The version a save would create, and the one the figures are compared against. */
  version: number;
  basedOn: number;
  /** What saving would move, measured as a save measures it (lib/server/reprojection-impact.ts). */
  impact: ReprojectionImpact;
}

/**
 * What saving the form's figures would do, before anything is saved: every live use case is
 * scored and projected in memory under the proposed set (as a save's re-projection would, with the
 * same set: the preview builds it with the save's own checks), and its lifecycle cost as chosen and
 * its recommendation are compared with what the portfolio stores now. Nothing is written and no
 * row is held, so saves go on meanwhile; a use case saved during the preview is compared as it was read.
 */
export async function previewAssumptions(ctx: MemberContext, input: Omit<SaveAssumptionsInput, "note">, opts: { page?: number } = {}): Promise<AssumptionsPreview> {
  const page = opts.page ?? PAGE;
  const organizationId = ctx.organization.id;
  const current = await loadDeriveContext(db, organizationId);
  assertOpenedOn(current.assumptions.version, input.expectedVersion);
  const { next } = proposedAssumptions(current.assumptions.set, input);
  const proposed: DeriveContext = { ...current, assumptions: { id: null, version: current.assumptions.version + 1, set: next } };
  const memo: ScoreMemo = new Map();
  const cases: RepricedUseCase[] = [];
  let after: string | undefined;
  for (;;) {
    const rows = await db.useCase.findMany({
      where: { organizationId, deletedAt: null, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: page,
      select: { id: true, title: true, recommendedApproach: true, rollup: { select: { chosenBaseCents: true, incomplete: true } }, ...DERIVE_SELECT },
    });
    for (let i = 0; i < rows.length; i++) {
      const { id, title, recommendedApproach, rollup, ...source } = rows[i]!;
      const { score, projection } = deriveFrom(source, proposed, { memo });
      const stored = rollup?.chosenBaseCents;
      cases.push({
        id,
        title,
        before: stored === null || stored === undefined ? null : Number(stored),
        after: asChosenBaseCents(projection, source.chosenApproach ?? score.consensus),
        incomplete: { before: ((rollup?.incomplete ?? 0) & 1) === 1, after: asChosenIncomplete(projection, source.chosenApproach ?? score.consensus) },
        recommended: { before: recommendedApproach, after: score.consensus },
      });
      if (i % SLICE === SLICE - 1) await yieldToOthers();
    }
    if (rows.length < page) break;
    after = rows[rows.length - 1]!.id;
  }
  return { version: proposed.assumptions.version, basedOn: current.assumptions.version, impact: reprojectionImpact(cases) };
}
