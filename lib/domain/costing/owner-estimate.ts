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
