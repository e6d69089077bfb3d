import { APPROACH_LABELS, APPROACHES, type Approach } from "../assessment";

/**
 * The frameworks' picks in one line, grouped by approach, the most picked first (then in the
 * approaches' order), those with no pick last: "Fine-tuning: Three questions, Start with RAG,
 * When to use; Hybrid: Ordered decision tree; no pick: Behaviour versus knowledge". Beside "3 of 5
 * voting lean to Fine-tuning, two differ" it shows the whole split; listing only the frameworks
 * whose pick differed from the recommendation shown listed four under "two differ" wherever the
 * recommendation was a default start held in place of the frameworks' lean.
 */
export function picksByApproach(picks: readonly { framework: string; approach: Approach | null }[], recommended: Approach | null = null): string {
  const groups = new Map<Approach, string[]>();
  const none: string[] = [];
  for (const p of picks) {
    if (p.approach === null) none.push(p.framework);
    else groups.set(p.approach, [...(groups.get(p.approach) ?? []), p.framework]);
  }
  // The most picked first; in a tie, the recommendation (the tie was broken its way), then the approaches' order.
  const order = [...groups.keys()].sort((x, y) => groups.get(y)!.length - groups.get(x)!.length || Number(y === recommended) - Number(x === recommended) || APPROACHES.indexOf(x) - APPROACHES.indexOf(y));
  const parts = order.map((ap) => `${APPROACH_LABELS[ap]}: ${groups.get(ap)!.join(", ")}`);
  if (none.length) parts.push(`no pick: ${none.join(", ")}`);
  return parts.join("; ");
}
