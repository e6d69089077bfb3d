import "server-only";
import type { WarningFlag } from "@/lib/domain/actuals";
import { warningText } from "@/lib/domain/decisions/queue";
import type { Tx } from "../db";
import { membersWithRoles, notify } from "../notifications";
import { actualsPeriod, loadVariances, varianceSummariesIn, type ActualsPeriod, type UseCaseVariance } from "./read";

/**
 * Early warning (issue 21, item 4): the use cases whose actual spend this year has left the
 * projected low–high range, or whose run rate will pass their approved budget before the year
 * ends. The executives' queue (lib/server/decisions/queue.ts) lists them; a write that raises a
 * flag not raised before tells the executives and admins (watchWarnings, below). Furthest outside
 * first, then the budget warnings.
 */
export interface FlaggedUseCase {
  useCaseId: string;
  title: string;
  businessUnit: string;
  flags: WarningFlag[];
  sentence: string;
  actualCents: number;
  year: number;
  /** The month (1–12) the run rate passes the approved budget; null when not known or not passing. */
  passingMonth: number | null;
  /** Actual spend is past the approved budget already. */
  pastBudget: boolean;
  /** Outside its range: above it or below (absent in warnings worked out before it was kept). */
  outside?: "above" | "below" | null;
}

export async function listFlaggedUseCases(organizationId: string): Promise<FlaggedUseCase[]> {
  const { period, useCases } = await loadVariances(organizationId);
  return flaggedOf(period, useCases);
}

function flaggedOf(period: ActualsPeriod | null, useCases: readonly UseCaseVariance[]): FlaggedUseCase[] {
  if (!period) return [];
  return useCases
    .filter((u) => u.variance.flags.length > 0)
    .map((u) => ({
      useCaseId: u.id,
      title: u.title,
      businessUnit: u.businessUnit,
      flags: u.variance.flags,
      sentence: u.variance.sentence,
      actualCents: u.variance.actual,
      year: period.year,
      passingMonth: u.variance.runRate.passingMonth,
      pastBudget: u.variance.runRate.budget !== null && u.variance.actual > u.variance.runRate.budget,
      outside: u.variance.position === "above" || u.variance.position === "below" ? u.variance.position : null,
    }))
    .sort((a, b) => b.flags.length - a.flags.length || a.title.localeCompare(b.title));
}

/** A flagged use case's warnings as the queue and the notifications say them, one phrase per flag. */
export function warningPhrases(f: Pick<FlaggedUseCase, "flags" | "passingMonth" | "pastBudget" | "outside">, flags: readonly WarningFlag[] = f.flags): string[] {
  return flags.map((flag) => (flag === "over-budget" && f.pastBudget ? "has passed its approved budget" : warningText(flag, f.passingMonth, f.outside ?? null)));
}

const key = (f: { useCaseId: string; year: number }, flag: WarningFlag) => `${f.year}:${f.useCaseId}:${flag}`;

/** The flags of `after` that `before` did not have (per use case and year). */
export function newlyRaised(before: readonly FlaggedUseCase[], after: readonly FlaggedUseCase[]): { useCase: FlaggedUseCase; flags: WarningFlag[] }[] {
  const had = new Set(before.flatMap((f) => f.flags.map((flag) => key(f, flag))));
  return after.map((f) => ({ useCase: f, flags: f.flags.filter((flag) => !had.has(key(f, flag))) })).filter((x) => x.flags.length > 0);
}

/**
 * Early warnings raised by a write (issue 21): every write that can raise a flag opens a watch in
 * its transaction before it changes anything, naming the use cases it can move ("all" for the
 * writes that move the organization's spend or many use cases: an actuals import, its undo, a
 * rule, a use-case import and its undo), and closes it after its last change, still inside the
 * transaction: the executives and admins are told of each flag raised now that was not up before
 * (lib/server/notifications.ts: in the app at once, by mail once the transaction commits; a write
 * rolled back tells no one). A flag already up, or one that clears, tells no one; a flag that
 * clears and is raised again by a later write is new again.
 *
 * Writes nest (an import's undo re-saves use cases through the one write path): a watch opened
 * while another is open on the same transaction joins the outer one (its use cases are read now,
 * before they change) and the outer one alone tells, once.
 *
 * What a flag depends on, hence who opens a watch: the use case's spend this year (actuals
 * imports, undos, rules, re-attribution when use cases are created, given an external id,
 * trashed, restored or deleted), the year so far (the latest closed month imported), the approach as
 * chosen (a decision, or the recommendation, which answers and weights move) and its metered
 * projection for the year (answers, overrides, manual estimates, assumptions, weights, re-scoring),
 * and the use case's approved budget: the decision workflow's yearly budget once finance approves
 * it (approveBudget; a review or a new proposal only takes it away, which raises nothing). The
 * business units' budgets (lib/server/value) are not part of any flag.
 */
export interface WarningWatch {
  /**
   * Adds use cases to watch (read now: call before changing them). `created`: use cases this
   * write has just created, which had no flag before it (nothing is read).
   */
  include(useCaseIds: readonly string[] | "all", options?: { created?: boolean }): Promise<void>;
  /** After the last change: tells of the newly raised flags; returns how many use cases were newly flagged. */
  close(actorId: string | null): Promise<number>;
}

interface OpenWatch {
  organizationId: string;
  period: ActualsPeriod | null;
  all: boolean;
  ids: Set<string>;
  before: Map<string, FlaggedUseCase>;
}

// One registry per process (Turbopack may bundle this module into several chunks).
const registry = ((globalThis as unknown as { tradeoffWarningWatches?: WeakMap<object, OpenWatch> }).tradeoffWarningWatches ??= new WeakMap<object, OpenWatch>());

async function flaggedIn(tx: Tx, organizationId: string, period: ActualsPeriod | null, ids: readonly string[] | null): Promise<FlaggedUseCase[]> {
  if (!period) return [];
  return flaggedOf(period, await varianceSummariesIn(tx, organizationId, period, ids));
}

async function includeIn(tx: Tx, w: OpenWatch, scope: readonly string[] | "all", options: { created?: boolean } = {}): Promise<void> {
  if (w.all) return;
  if (options.created && scope !== "all") {
    for (const id of scope) w.ids.add(id);
    return;
  }
  if (scope === "all") {
    // Use cases already watched keep the state read before they changed.
    for (const f of await flaggedIn(tx, w.organizationId, w.period, null)) if (!w.ids.has(f.useCaseId)) w.before.set(f.useCaseId, f);
    w.all = true;
    return;
  }
  const fresh = [...new Set(scope)].filter((id) => !w.ids.has(id));
  if (!fresh.length) return;
  for (const id of fresh) w.ids.add(id);
  for (const f of await flaggedIn(tx, w.organizationId, w.period, fresh)) w.before.set(f.useCaseId, f);
}

export async function watchWarnings(tx: Tx, organizationId: string, scope: readonly string[] | "all"): Promise<WarningWatch> {
  const outer = registry.get(tx);
  if (outer && outer.organizationId === organizationId) {
    await includeIn(tx, outer, scope);
    return { include: (more, options) => includeIn(tx, outer, more, options), close: async () => 0 };
  }
  const w: OpenWatch = { organizationId, period: await actualsPeriod(organizationId, tx), all: false, ids: new Set(), before: new Map() };
  await includeIn(tx, w, scope);
  registry.set(tx, w);
  return {
    include: (more, options) => includeIn(tx, w, more, options),
    async close(actorId) {
      registry.delete(tx);
      // No spend before a use case's own write: it has none after either (it only moves spend that
      // exists between use cases), so most saves in an organization without actuals cost one read.
      if (!w.period && !w.all) return 0;
      const period = await actualsPeriod(organizationId, tx);
      if (!w.period && !period) return 0;
      const after = await flaggedIn(tx, organizationId, period, w.all ? null : [...w.ids]);
      return notifyRaised(tx, { organizationId, actorId }, newlyRaised([...w.before.values()], after));
    },
  };
}

async function notifyRaised(tx: Tx, ref: { organizationId: string; actorId: string | null }, raised: ReturnType<typeof newlyRaised>): Promise<number> {
  if (raised.length === 0) return 0;
  const executives = await membersWithRoles(tx, ref.organizationId, ["EXECUTIVE", "ADMIN"]);
  for (const { useCase, flags } of raised) {
    await notify(tx, {
      organizationId: ref.organizationId,
      userIds: executives,
      actorId: ref.actorId,
      kind: "early_warning",
      useCaseId: useCase.useCaseId,
      message: `Early warning on “${useCase.title}”: ${warningPhrases(useCase, flags).join("; ")}. ${useCase.sentence}`,
    });
  }
  return raised.length;
}
