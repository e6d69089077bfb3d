/**
 * What each approach would cost, and whether it can serve the use case at all, in the few words a
 * decision's choices can carry: "$365,012 over the lifecycle (base), the cheapest that serves",
 * "$2,130,400 over the lifecycle (base); does not meet the 14-day lag". So whoever proposes or records
 * a decision sees the price and the feasibility of each option where they choose it, not only on
 * the cost panel (PRODUCT.md, "Costs v2": shown plainly). Pure, from a stored projection summary.
 */
import { APPROACHES, APPROACH_LABELS, type Approach } from "../assessment";
import { dollars } from "../money";
import { servingByCost, type ExplainInput } from "./explain";
import { cannotServe } from "./feasibility";
import { PROJECTED } from "./project";

export interface OptionNote {
  text: string;
  /** The approach cannot serve the use case (cannotServe): the page marks it as a warning. */
  cannotServe: boolean;
}

export type OptionNotes = Partial<Record<Approach, OptionNote>>;

/** A projected approach's note while the use case is not assessed: no projection is stored yet. */
export const NOT_ASSESSED_NOTE = "not costed yet: the use case is not assessed (answer the deciding questions first)";

export function decisionOptionNotes(summary: Pick<ExplainInput, "approaches" | "maxLagDays"> | null): OptionNotes {
  if (!summary) return {};
  const lag = summary.maxLagDays ?? null;
  const cheapest = servingByCost(summary)[0] ?? null;
  const out: OptionNotes = {};
  for (const approach of APPROACHES) {
    const x = summary.approaches[approach];
    if (!x) {
      // The model projects these for every assessed use case: absent, the use case is not assessed
      // (no projection is stored), which a manual estimate would not change.
      const projected = (PROJECTED as readonly Approach[]).includes(approach);
      out[approach] = { text: projected ? NOT_ASSESSED_NOTE : "not costed (the cost model prices it only from a manual estimate)", cannotServe: false };
      continue;
    }
    const cost = `${dollars(x.lifecycle.base)}${x.lifecycle.complete ? "" : "+ (a figure is missing)"} over the lifecycle (base)${x.manual ? ", as estimated" : ""}`;
    const why = cannotServe(x, lag);
    if (why) out[approach] = { text: `${cost}; ${why.text}`, cannotServe: true };
    else if (approach === cheapest) out[approach] = { text: `${cost}, the cheapest that serves`, cannotServe: false };
    else {
      // What it costs over the cheapest that serves, where both totals are whole.
      const over = cheapest && x.lifecycle.complete ? x.lifecycle.base - summary.approaches[cheapest]!.lifecycle.base : 0;
      out[approach] = { text: over > 0 ? `${cost}, ${dollars(over)} more than ${APPROACH_LABELS[cheapest!]}` : cost, cannotServe: false };
    }
  }
  return out;
}

/**
 * An approach that cannot serve the use case, as one sentence for whoever is asked to approve it
 * (a notification, and the mail that shares its words): "Fine-tuning cannot serve this use case:
 * it does not meet the 14-day lag." The reason is cannotServe's, the words the Decision tab shows
 * in red under the approach; null where the approach can serve or is not costed.
 */
export function cannotServeSentence(approach: Approach, summary: Pick<ExplainInput, "approaches" | "maxLagDays"> | null): string | null {
  const x = summary?.approaches[approach];
  const why = x ? cannotServe(x, summary?.maxLagDays ?? null) : null;
  return why ? `${APPROACH_LABELS[approach]} cannot serve this use case: it ${why.text}.` : null;
}
