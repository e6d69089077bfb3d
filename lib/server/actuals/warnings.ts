import "server-only";
import type { WarningFlag } from "@/lib/domain/actuals";
import { warningText } from "@/lib/domain/decisions/queue";
import { db } from "../db";
import { membersWithRoles, notify } from "../notifications";
import { loadVariances } from "./read";

/**
 * Early warning (issue 21, item 4): the use cases whose actual spend this year has left the
 * projected low–high range, or whose run rate will pass their approved budget before the year
 * ends. The executives' queue (lib/server/decisions/queue.ts) lists them; an actuals import that
 * raises a flag not raised before tells the executives (notifyNewWarnings). Furthest outside
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
}

export async function listFlaggedUseCases(organizationId: string): Promise<FlaggedUseCase[]> {
  const { period, useCases } = await loadVariances(organizationId);
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
    }))
    .sort((a, b) => b.flags.length - a.flags.length || a.title.localeCompare(b.title));
}

/** A flagged use case's warnings as the queue and the notifications say them, one phrase per flag. */
export function warningPhrases(f: Pick<FlaggedUseCase, "flags" | "passingMonth" | "pastBudget">, flags: readonly WarningFlag[] = f.flags): string[] {
  return flags.map((flag) => (flag === "over-budget" && f.pastBudget ? "has passed its approved budget" : warningText(flag, f.passingMonth)));
}

const key = (f: { useCaseId: string; year: number }, flag: WarningFlag) => `${f.year}:${f.useCaseId}:${flag}`;

/** The flags of `after` that `before` did not have (per use case and year). */
export function newlyRaised(before: readonly FlaggedUseCase[], after: readonly FlaggedUseCase[]): { useCase: FlaggedUseCase; flags: WarningFlag[] }[] {
  const had = new Set(before.flatMap((f) => f.flags.map((flag) => key(f, flag))));
  return after.map((f) => ({ useCase: f, flags: f.flags.filter((flag) => !had.has(key(f, flag))) })).filter((x) => x.flags.length > 0);
}

/**
 * After an actuals import has committed: the executives and admins are told (in the app and by
 * mail) of each flag that is raised now and was not before the import, one notification per use
 * case naming its new flags. A re-import that changes nothing raises nothing new, so tells no one.
 * `before` is listFlaggedUseCases as it was before the import. Best effort: the import stands if
 * this fails (logged). Returns how many use cases were newly flagged.
 */
export async function notifyNewWarnings(ref: { organizationId: string; actorId: string | null }, before: readonly FlaggedUseCase[]): Promise<number> {
  try {
    const raised = newlyRaised(before, await listFlaggedUseCases(ref.organizationId));
    if (raised.length === 0) return 0;
    await db.$transaction(async (tx) => {
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
    });
    return raised.length;
  } catch (err) {
    console.error(`[actuals] could not tell the executives of new early warnings: ${(err as Error).message}`);
    return 0;
  }
}
