/**
 * What each approach would cost, and whether it can serve the use case at all, in the few words a
 * decision's choices can carry: "$365k over the lifecycle (base), the cheapest that serves",
 * "$2.13M over the lifecycle (base); does not meet the 14-day lag". So whoever proposes or records
 * a decision sees the price and the feasibility of each option where they choose it, not only on
 * the cost panel (PRODUCT.md, "Costs v2": shown plainly). Pure, from a stored projection summary.
 */
import { APPROACHES, type Approach } from "../assessment";
import { compactDollars, explainCosts, type ExplainInput } from "./explain";
import { cannotServe } from "./project";

export function decisionOptionNotes(summary: Pick<ExplainInput, "approaches" | "maxLagDays"> | null): Partial<Record<Approach, string>> {
  if (!summary) return {};
  const lag = summary.maxLagDays ?? null;
  const { cheapest } = explainCosts({ approaches: summary.approaches, maxLagDays: lag, savings: [] });
  const out: Partial<Record<Approach, string>> = {};
  for (const approach of APPROACHES) {
    const x = summary.approaches[approach];
    if (!x) {
      out[approach] = "not costed";
      continue;
    }
    const cost = `${compactDollars(x.lifecycle.base)}${x.lifecycle.complete ? "" : "+ (a figure is missing)"} over the lifecycle (base)${x.manual ? ", as estimated" : ""}`;
    const why = cannotServe(x, lag);
    out[approach] = why ? `${cost}; ${why.text}` : approach === cheapest ? `${cost}, the cheapest that serves` : cost;
  }
  return out;
}
