/**
 * Whether an approach can serve a use case at all, and what the break-even says where one of the
 * two it compares cannot (PRODUCT.md, "Costs v2": feasibility). Five reasons, in the order they are
 * named: a capability the use case needs (frameworks/capabilities.ts), an index with nothing to
 * retrieve (RAG and the hybrid, frameworks/evidence.ts retrievesNothing), its own knowledge, the bar
 * a prompted model was found short of, and the acceptable lag. Pure: no Next.js, Prisma or I/O.
 */
import type { Approach } from "../assessment";
import { CAPABILITY_RULES, type Capability } from "../frameworks/capabilities";
import type { ApproachProjection, Projection } from "./project";

const DAYS_A_YEAR = 365;

/** "1-day", "30-day": the acceptable lag as the sentences say it. */
export const lagText = (days: number) => `${days.toLocaleString("en-US")}-day`;

/**
 * A break-even volume where the use case has not said what lag it accepts, and the fine-tuned
 * model it prices is out of date some days of the year: the volume holds only if answers that far
 * behind are acceptable, which nobody has said. Without the caveat the page offered "Above 5.93
 * million calls a month, fine-tuning costs less than RAG" beside 365 stale days a year.
 */
export function withUnknownLag(be: Projection["breakEven"], ft: ApproachProjection | undefined, maxLagDays: number | undefined): Projection["breakEven"] {
  if (be.monthlyCalls === null || maxLagDays !== undefined || !ft || ft.manual || !(ft.staleDaysPerYear.base > 0)) return be;
  const cycles = ft.retrainingCyclesPerYear;
  const retrains = cycles > 0 ? `retrains ${cycles === 1 ? "once" : `${cycles} times`} a year` : "is never retrained";
  const behind = ft.worstDelayDays === null ? "never brought up to date" : `up to ${ft.worstDelayDays === 1 ? "1 day" : `${ft.worstDelayDays} days`} behind a change`;
  const stale = Math.round(ft.staleDaysPerYear.base);
  // Stale every day of the year (base): the model is never current, so a volume at which it costs
  // less is no offer (PRODUCT.md, "Costs v2": an approach that cannot keep up is never the better
  // side of a break-even). Engine 2.13 said "Above 5.16 million calls a month, fine-tuning costs
  // less than RAG" beside "(365 stale days a year, base)".
  if (stale >= DAYS_A_YEAR) {
    return {
      monthlyCalls: null,
      reason: `None: fine-tuning would never be current. As counted, it ${retrains} and its answers are ${behind}, so it is stale all ${DAYS_A_YEAR} days of the year (base), and no volume is offered at which it would cost less than RAG. The use case has not said what lag it accepts.`,
    };
  }
  return {
    ...be,
    reason: `${be.reason} That counts fine-tuning as it ${retrains}, its answers ${behind} (${stale} stale ${stale === 1 ? "day" : "days"} a year, base); the use case has not said what lag it accepts, so whether fine-tuning can serve it at all is not known yet.`,
  };
}

/**
 * Why the break-even between fine-tuning and RAG is none whatever the volume: one of the two
 * cannot serve the use case (it lacks a capability the use case needs, or fine-tuning misses the
 * lag); null where the volume decides.
 */
export function breakEvenNone(approaches: Partial<Record<Approach, ApproachProjection>>, maxLagDays: number | undefined): Projection["breakEven"] | null {
  const ft = approaches.FINE_TUNING, rag = approaches.RAG;
  const ftLacks = ft?.lacksCapability ?? null, ragLacks = rag?.lacksCapability ?? null;
  if (ftLacks && ragLacks && ftLacks === ragLacks) {
    return { monthlyCalls: null, reason: `None: neither fine-tuning nor RAG ${CAPABILITY_RULES[ftLacks].cannot.replace(/^cannot/, "can")} at any volume, so neither is an option to break even with.` };
  }
  if (ftLacks && ragLacks) {
    // Each lacks something else: said of each (a review read "neither fine-tuning nor RAG can cite the
    // sources" where RAG cites and only lacks the style).
    return { monthlyCalls: null, reason: `None: fine-tuning ${CAPABILITY_RULES[ftLacks].cannot} and RAG ${CAPABILITY_RULES[ragLacks].cannot}, at any volume, so neither is an option to break even with.` };
  }
  const lacking = ftLacks ?? ragLacks;
  if (lacking) {
    return { monthlyCalls: null, reason: `None: ${ftLacks ? "fine-tuning" : "RAG"} ${CAPABILITY_RULES[lacking].cannot} at any volume, so it is not an option to break even with.` };
  }
  if (ft?.meetsLag === false) return { monthlyCalls: null, reason: `None: fine-tuning does not meet the ${lagText(maxLagDays!)} lag at any volume, so it is not an option to break even with.` };
  return null;
}

/**
 * Why an approach cannot serve the use case, in the cost table's words (the value table says the
 * same), or null where it can: it lacks a capability the use case needs (calling tools, learning
 * from its users), it has nothing to retrieve, it never sees the use case's knowledge, a prompted base model was tried and fell
 * short, or it misses the acceptable lag.
 */
export function cannotServe(
  x: ServeFacts,
  maxLagDays: number | null | undefined,
): CannotServe | null {
  return whyCannotServe(x, maxLagDays)[0] ?? null;
}

type ServeFacts = { lacksCapability?: Capability | null; emptyIndex?: boolean; reachesKnowledge?: boolean; meetsBar?: boolean; meetsLag?: boolean | null };
export type CannotServe = { kind: "lacks-capability" | "empty-index" | "lacks-knowledge" | "below-bar" | "fails-lag"; text: string };

/**
 * Every reason the approach cannot serve the use case, in cannotServe's order (the first is the one
 * the rest of the app names): the cost table lists them all, so an approach that lacks the tools
 * the use case needs and also misses its lag says both.
 */
export function whyCannotServe(x: ServeFacts, maxLagDays: number | null | undefined): CannotServe[] {
  const out: CannotServe[] = [];
  const lacking = x.lacksCapability ? CAPABILITY_RULES[x.lacksCapability] : undefined;
  if (lacking) out.push({ kind: "lacks-capability", text: lacking.cannot });
  if (x.emptyIndex) out.push({ kind: "empty-index", text: "has nothing to retrieve (an empty index)" });
  if (x.reachesKnowledge === false) out.push({ kind: "lacks-knowledge", text: "does not reach the use case's knowledge" });
  if (x.meetsBar === false) out.push({ kind: "below-bar", text: "falls short of the bar (tried)" });
  if (x.meetsLag === false) out.push({ kind: "fails-lag", text: `does not meet the ${maxLagDays === null || maxLagDays === undefined ? "acceptable" : lagText(maxLagDays)} lag` });
  return out;
}

/**
 * Can the approach serve the use case at all: it has the capabilities the use case needs, it meets
 * the acceptable lag (or the lag is not known), it reaches the use case's own knowledge, and it is not known to fall short of the bar
 * (cannotServe says which it misses). Only a feasible approach is ever the cheaper side of a
 * saving, the break-even or the Monte Carlo's pair (PRODUCT.md, "Costs v2": feasibility).
 */
export function isFeasible(x: ServeFacts): boolean {
  return cannotServe(x, null) === null;
}
