import { MANUAL_ESTIMATE_APPROACHES } from "../assessment";
/**
 * A lifecycle cost that is the owner's manual yearly estimate times the years of the lifecycle,
 * not the cost model's projection (agents, pipelines and feedback learning, which the model does
 * not price). The spec asks that such figures be flagged wherever they are shown: the use case's
 * cost panel says "(manual estimate)", and a list or panel that shows one lifecycle cost per use
 * case marks it with these words.
 */
export const OWNER_ESTIMATE_WORDS = "owner's estimate";

/** What the mark means, for its title (hover and assistive technology). */
export const OWNER_ESTIMATE_TITLE = "The owner's manual yearly estimate times the years of the lifecycle, not the cost model's projection";

/** Whether a projection summary prices this approach by the owner's manual estimate. */
export function isOwnerEstimate(summary: unknown, approach: string | null | undefined): boolean {
  if (!approach || !summary || typeof summary !== "object") return false;
  const approaches = (summary as { approaches?: unknown }).approaches;
  if (!approaches || typeof approaches !== "object") return false;
  const x = (approaches as Record<string, unknown>)[approach];
  return !!x && typeof x === "object" && (x as { manual?: unknown }).manual === true;
}

/**
 * Of an as-chosen lifecycle total, the part that is owners' manual estimates: exactly the
 * approaches the model does not price (agents, pipelines, feedback learning), which only a manual
 * estimate costs, so no stored row need be read again. Null when there is none.
 */
export function ownerEstimatesIn(byApproach: readonly { approach: string; lifecycle: { base: number }; useCases: number }[]): { base: number; useCases: number } | null {
  const manual = byApproach.filter((a) => (MANUAL_ESTIMATE_APPROACHES as readonly string[]).includes(a.approach));
  const base = manual.reduce((s, a) => s + a.lifecycle.base, 0);
  return manual.length && base > 0 ? { base, useCases: manual.reduce((s, a) => s + a.useCases, 0) } : null;
}
