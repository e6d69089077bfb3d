import "server-only";
import { COST_ENGINE_VERSION } from "@/lib/domain/costing";
import { reviewDecisions } from "./decisions/review";
import { frameworkVersions, JUDGEMENT_VERSION } from "@/lib/domain/frameworks";
import { audit } from "./audit";
import { db, type Tx } from "./db";
import { rederiveOrganization } from "./use-cases/derive";

/**
 * Re-scoring after the frameworks change (a new version of their rules, or of the judgement on
 * top of them). Each stored score names the framework versions it came from, so an old score stays
 * explainable until it is re-scored; re-scoring is one audited step per organization, run by an
 * admin from the Frameworks page, and automatically at start-up (scripts/start.ts) for every use
 * case whose score is older than the code.
 */

export const RESCORE_AUDIT_ACTION = "use_cases.rescored";

/** The current versions as the JSON the scores store, for comparison in SQL. */
const currentVersions = () => JSON.stringify(frameworkVersions());

/**
 * What makes a use case outdated, as SQL, given the parameters that hold the current framework
 * versions (JSON) and the cost engine's version: a score from other framework versions or another
 * version of the judgement (or none), or a projection from another version of the cost engine.
 * The judgement's version is a constant of the code ("2.1"), written into the SQL as a literal.
 */
const outdated = (versions: string, engine: string) =>
  `(score IS NULL OR score->'frameworkVersions' IS DISTINCT FROM ${versions}::jsonb
    OR score->>'judgementVersion' IS DISTINCT FROM '${JUDGEMENT_VERSION}'
    OR ("projectionSummary" IS NOT NULL AND "projectionSummary"->>'engineVersion' IS DISTINCT FROM ${engine}))`;

/**
 * Use cases of the organization whose score came from other framework versions or another version
 * of the judgement (or that were never scored), or whose stored projection came from another
 * version of the cost engine.
 */
export async function outdatedUseCases(tx: Tx, organizationId: string, all = false): Promise<{ id: string; versions: unknown }[]> {
  return tx.$queryRawUnsafe<{ id: string; versions: unknown }[]>(
    `SELECT id, score->'frameworkVersions' AS versions FROM "UseCase"
      WHERE "organizationId" = $1 AND ($2 OR ${outdated("$3", "$4")})
      ORDER BY id`,
    organizationId, all, currentVersions(), COST_ENGINE_VERSION,
  );
}

export interface RescoreResult {
  organizationId: string;
  useCases: number;
  /** The framework versions the re-scored use cases had, and how many had each. */
  from: { versions: unknown; useCases: number }[];
}

/**
 * Re-scores (and re-projects) an organization's outdated use cases — or all of them — in batches
 * of their own transactions, then records one audit event with the count and the versions before
 * and after. `actorId` is null when the system does it at start-up.
 */
export async function rescoreOrganization(organizationId: string, opts: { actorId: string | null; all?: boolean; reason: string }): Promise<RescoreResult> {
  const rows = await db.$transaction((tx) => outdatedUseCases(tx, organizationId, opts.all ?? false));
  const from = new Map<string, { versions: unknown; useCases: number }>();
  for (const r of rows) {
    const key = JSON.stringify(r.versions ?? null);
    from.set(key, { versions: r.versions ?? null, useCases: (from.get(key)?.useCases ?? 0) + 1 });
  }
  // The same batched re-derivation as a weights or assumptions change, over these use cases only.
  await rederiveOrganization((fn) => db.$transaction(fn, { timeout: 60_000 }), organizationId, undefined, rows.map((r) => r.id), opts.actorId);
  // A recommendation the new rules changed puts its approved decision back to review (issue 20).
  if (rows.length > 0) await db.$transaction((tx) => reviewDecisions(tx, organizationId, opts.actorId, rows.map((r) => r.id)), { timeout: 60_000 });
  const result = { organizationId, useCases: rows.length, from: [...from.values()] };
  if (rows.length > 0 || opts.all) {
    await db.$transaction((tx) =>
      audit(tx, {
        organizationId,
        actorId: opts.actorId,
        action: RESCORE_AUDIT_ACTION,
        entity: "Organization",
        entityId: organizationId,
        before: { frameworkVersions: result.from },
        after: { frameworkVersions: frameworkVersions(), judgementVersion: JUDGEMENT_VERSION, costEngineVersion: COST_ENGINE_VERSION, useCases: rows.length, reason: opts.reason },
      }),
    );
  }
  return result;
}

/**
 * The organizations with outdated use cases: scores from other framework versions or judgement (or
 * none), or projections from another version of the cost engine. All three, so that a new cost
 * engine (new feasibility rules, say) or judgement (new flags) reaches every stored figure and
 * word at start-up, not only at the next save.
 */
export async function organizationsWithOutdatedUseCases(): Promise<string[]> {
  const orgs = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT DISTINCT "organizationId" AS id FROM "UseCase" WHERE ${outdated("$1", "$2")}`,
    currentVersions(), COST_ENGINE_VERSION,
  );
  return orgs.map((o) => o.id);
}

/** Every organization's outdated use cases, re-scored (start-up). Returns the organizations that had any. */
export async function rescoreOutdatedEverywhere(): Promise<RescoreResult[]> {
  const out: RescoreResult[] = [];
  for (const id of await organizationsWithOutdatedUseCases()) {
    out.push(await rescoreOrganization(id, { actorId: null, reason: "The frameworks, the judgement or the cost engine changed version; re-scored at start-up." }));
  }
  return out;
}

/** How many of the organization's use cases are outdated (a score from other framework versions or judgement, a projection from another cost engine). */
export async function outdatedScoreCount(organizationId: string): Promise<number> {
  const [row] = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "UseCase" WHERE "organizationId" = $1 AND ${outdated("$2", "$3")}`,
    organizationId, currentVersions(), COST_ENGINE_VERSION,
  );
  return row?.n ?? 0;
}
