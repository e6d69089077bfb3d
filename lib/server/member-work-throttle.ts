import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { formatWait } from "@/lib/domain/dates";
import { db } from "./db";
import { TooManyRequestsError } from "./errors";

/**
 * What one member may ask of the server's cores in a while. The sign-in and anonymous throttles
 * slow down guessing and floods from outside; this one bounds what a signed-in member can make the
 * server do. A preview of new assumptions scores and projects every use case of the organization
 * (3.6 s of a core at 10,000 use cases), an import derives every row of its file, a save of the
 * weights or the assumptions re-scores or re-projects the whole organization, an export reads
 * every cost line: one member firing any of them in a loop, by script or by a stuck key, would
 * take the cores from everyone else.
 *
 * So each such entry point declares its work (`costly` on orgAction and orgRoute): what one run
 * covers, in use cases (the organization's, for work on all of them) or rows (of a file), and how
 * many of those one member may ask for in any WORK_WINDOW_MS. A run that would go over is refused
 * before any work is done, with the time until enough earlier runs leave the window. The budgets
 * are far above what a person at the keyboard asks for; a small organization never meets them,
 * since each run covers few use cases. One run larger than the whole budget (an organization
 * bigger than it) may still run, alone in its window.
 *
 * Counted in PostgreSQL ("MemberWork", under `<entry point>:<organization>:<user>`), so the budget
 * and the one-run-at-a-time rule hold across app servers; the sum and the new run are written
 * under a transaction-scoped advisory lock on the key, so requests sent at once cannot all slip
 * under it. Runs older than the window are deleted when their key is next used, and now and then
 * (one spend in fifty) whatever their key.
 */
export const WORK_WINDOW_MS = 10 * 60 * 1000;

export interface CostlyWork<I> {
  /** What the refusal calls the runs: "Previews of new assumptions". */
  label: string;
  /** "use cases" or "rows". */
  unit: string;
  /** How many units one member may ask for in any WORK_WINDOW_MS. */
  budget: number;
  /** How many units this run covers. */
  units: (organizationId: string, input: I) => number | Promise<number>;
  /** The units are counted before the file is read as CSV (its lines), so the refusal says "about". */
  approximate?: boolean;
  /**
   * Whether a run that finished did the work it was counted for: a run that did not (an import
   * that committed nothing, its file refused) is not counted. A run that throws stays counted.
   */
  spent?: (result: unknown) => boolean;
  /**
   * One run at a time per member, on whichever app server: a second sent while the first works is
   * refused at once. For work done before the answer (a preview, a re-score), not for a streamed
   * export, whose answer starts before its work is done, nor for an import, which waits its turn
   * under the organization's import lock. A run whose server died before it finished holds the
   * member's turn until it leaves the window (WORK_WINDOW_MS).
   */
  oneAtATime?: boolean;
}

/** Use cases of the organization, in the trash or not (a re-projection covers both). */
async function useCasesOf(organizationId: string): Promise<number> {
  return db.useCase.count({ where: { organizationId } });
}

/** Work on every use case of the organization: a preview, a save that re-projects, an export. */
export function organizationWide(label: string, budget: number, opts: { oneAtATime?: boolean } = {}): CostlyWork<unknown> {
  return { label, unit: "use cases", budget, units: (organizationId) => useCasesOf(organizationId), ...opts };
}

/** Work on the rows of a file or of a chunk of one. */
export function rowsWork<I>(
  label: string,
  budget: number,
  rows: (input: I) => number | Promise<number>,
  opts: Pick<CostlyWork<I>, "oneAtATime" | "approximate" | "spent"> = {},
): CostlyWork<I> {
  return { label, unit: "rows", budget, units: (_organizationId, input) => rows(input), ...opts };
}

/**
 * Rows of a CSV file before it is parsed: its lines less the header, so a cell broken over lines
 * counts a little more (hence "about"). Counted from the file's size (200 bytes a row), a file of
 * 40 rows with long descriptions was refused as "127 rows".
 */
export async function rowsOfFile(file: Blob): Promise<number> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let lines = 0;
  for (const b of bytes) if (b === 0x0a) lines++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) lines++;
  return Math.max(1, lines - 1);
}

const n = (x: number) => x.toLocaleString("en-US");
/** "1 use case", "2 use cases": the unit is written in the plural. */
const counted = (x: number, unit: string) => `${n(x)} ${x === 1 ? unit.replace(/s$/, "") : unit}`;

/** What a member is told when this run would go over their budget for now. */
export function workWaitMessage(work: Pick<CostlyWork<never>, "label" | "unit" | "budget" | "approximate">, used: number, units: number, seconds: number): string {
  return (
    `${work.label} over ${n(used)} ${work.unit} in the last ${WORK_WINDOW_MS / 60_000} minutes: one member may ask for ${n(work.budget)} in any ` +
    `${WORK_WINDOW_MS / 60_000} minutes, so that no one person can slow the app down for everyone else. ` +
    `This one (${work.approximate ? "about " : ""}${counted(units, work.unit)}) can run in ${formatWait(seconds)}.`
  );
}

/**
 * Seconds until a run of `units` fits the budget beside `recent` runs (newest first, inside the
 * window), 0 when it fits now: the oldest runs leave the window first. Pure, for the tests.
 */
export function waitForBudget(recent: readonly { at: Date; units: number }[], units: number, budget: number, now: Date): number {
  let used = recent.reduce((s, r) => s + r.units, 0);
  if (used === 0 || used + units <= budget) return 0;
  for (let i = recent.length - 1; i >= 0; i--) {
    used -= recent[i]!.units;
    if (used === 0 || used + units <= budget) return Math.max(1, Math.ceil((recent[i]!.at.getTime() + WORK_WINDOW_MS - now.getTime()) / 1000));
  }
  return 0;
}

/** What a member is told when their previous run of the same work has not finished. */
export const STILL_RUNNING_MESSAGE = "Your previous request of this kind is still being worked out. Wait for it to finish, then try again.";

/**
 * Counts one run of `work` by this member and returns its row's id, or throws
 * TooManyRequestsError (counting nothing) when it would take them over the budget, or, for
 * `oneAtATime` work, while their previous run of it is under way (its row not yet done: runCostly
 * marks it when the run settles). Runs older than the window are deleted as it goes.
 */
export async function spendWork<I>(entryPoint: string, work: CostlyWork<I>, member: { organizationId: string; userId: string }, input: I, now = new Date()): Promise<string> {
  const units = Math.max(1, Math.ceil(await work.units(member.organizationId, input)));
  const key = `${entryPoint}:${member.organizationId}:${member.userId}`;
  const since = new Date(now.getTime() - WORK_WINDOW_MS);
  const outcome = await db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))::text`;
      await tx.memberWork.deleteMany({ where: { key, at: { lt: since } } });
      const recent = await tx.memberWork.findMany({ where: { key }, orderBy: { at: "desc" }, select: { at: true, units: true, doneAt: true } });
      if (work.oneAtATime && recent.some((r) => r.doneAt === null)) return { running: true as const };
      const wait = waitForBudget(recent, units, work.budget, now);
      if (wait > 0) return { wait, used: recent.reduce((s, r) => s + r.units, 0) };
      return (await tx.memberWork.create({ data: { key, units, at: now, doneAt: work.oneAtATime ? null : now }, select: { id: true } })).id;
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted },
  );
  if (Math.random() < 0.02) await db.memberWork.deleteMany({ where: { at: { lt: since } } });
  if (typeof outcome === "string") return outcome;
  if ("running" in outcome) throw new TooManyRequestsError(STILL_RUNNING_MESSAGE, 5);
  throw new TooManyRequestsError(workWaitMessage(work, outcome.used, units, outcome.wait), outcome.wait);
}

/**
 * Runs `fn` as one run of `work` by this member: counted against their budget (spendWork), and,
 * for `oneAtATime` work, refused while their previous run of it is under way. The run's row is
 * marked done when `fn` settles, and deleted when it did not do the work it was counted for.
 */
export async function runCostly<I, T>(entryPoint: string, work: CostlyWork<I>, member: { organizationId: string; userId: string }, input: I, fn: () => Promise<T>): Promise<T> {
  const id = await spendWork(entryPoint, work, member, input);
  let counted = true;
  try {
    const result = await fn();
    // Not counted where it did not do the work (an import that committed nothing).
    if (work.spent && !work.spent(result)) {
      await db.memberWork.deleteMany({ where: { id } });
      counted = false;
    }
    return result;
  } finally {
    if (counted && work.oneAtATime) await db.memberWork.updateMany({ where: { id }, data: { doneAt: new Date() } });
  }
}
