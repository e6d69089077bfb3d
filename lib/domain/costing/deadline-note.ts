/**
 * Where the use case must be in production by a deadline that some costed approaches would miss:
 * which would be ready and which would not, from each approach's time to value (base), beside the
 * comparison. A review met "Fine-tuning and Hybrid, the two cheapest approaches that can serve it"
 * on a use case that must be in production in 6 weeks, where both take 8, with the page's only word
 * of it a flag on the recommendation. The rule is the flag's (frameworks/flags.ts, lateForDeadline):
 * late where the base time to value is beyond the deadline. Pure: no Next.js, Prisma or I/O.
 */
import { APPROACH_LABELS, APPROACHES, type Approach } from "../assessment";
import { plural, weeks } from "../portfolio/format";

type Costed = { manual: boolean; timeToValueWeeks: { base: number } | null } | undefined;

const list = (names: string[]) => (names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

export function deadlineNote(weeksToProduction: number | null | undefined, approaches: Partial<Record<Approach, Costed>>): string | null {
  if (weeksToProduction === null || weeksToProduction === undefined) return null;
  const timed = APPROACHES.flatMap((ap) => {
    const x = approaches[ap];
    return x && !x.manual && x.timeToValueWeeks ? [{ ap, base: x.timeToValueWeeks.base }] : [];
  });
  const late = timed.filter((t) => t.base > weeksToProduction);
  if (late.length === 0) return null;
  const ready = timed.filter((t) => t.base <= weeksToProduction);
  const say = (ts: typeof timed) => list(ts.map((t) => `${APPROACH_LABELS[t.ap]} (${weeks(t.base)})`));
  const lateText = `${say(late)} typically ${late.length === 1 ? "takes" : "take"} longer than that to first serve its users, so ${late.length === 1 ? "it would not" : late.length === 2 ? "neither would" : "none of them would"} be ready in time`;
  const readyText = ready.length ? `; ${say(ready)} would` : "";
  return `The use case must be in production in ${plural(weeksToProduction, "week")}: ${lateText}${readyText}.`;
}
