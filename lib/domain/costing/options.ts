/**
 * What each approach would cost, and whether it can serve the use case at all, in the few words a
 * decision's choices can carry: "$365,012 over the lifecycle (base), the cheapest that serves",
 * "$2,130,400 over the lifecycle (base); does not meet the 14-day lag". So whoever proposes or records
 * a decision sees the price and the feasibility of each option where they choose it, not only on
 * the cost panel (PRODUCT.md, "Costs v2": shown plainly). Pure, from a stored projection summary.
 */
import { APPROACHES, APPROACH_LABELS, MANUAL_ESTIMATE_APPROACHES, type Approach, type Assessment } from "../assessment";
import { CAPABILITY_RULES, lacksCapability } from "../frameworks/capabilities";
import { untriedPrompting } from "./untried-prompting";
import { dollars } from "../money";
import { notRobust, servingByCost, type ExplainInput } from "./explain";
import { cannotServe } from "./feasibility";
import { PROJECTED } from "./project";
import { OWNER_ESTIMATE_WORDS } from "./owner-estimate";
import { budgetText } from "../decisions/workflow";

export interface OptionNote {
  text: string;
  /** The approach cannot serve the use case (cannotServe): the page marks it as a warning. */
  cannotServe: boolean;
}

export type OptionNotes = Partial<Record<Approach, OptionNote>>;

/** A projected approach's note while the use case is not assessed: no projection is stored yet. */
export const NOT_ASSESSED_NOTE = "not costed yet: the use case is not assessed (answer the deciding questions first)";

/**
 * The use case's manual yearly estimate (cents, low/base/high) and the years its projection covers
 * (lifecycleYears). The estimate is the owner's figure for the approach they would take, not tied
 * to one approach: derivation (lib/server/use-cases/derive.ts) prices by it whichever of the
 * approaches the model does not price is chosen, else recommended, and the budget of a proposal
 * of one is the estimate's base (lib/server/decisions/budget.ts).
 */
export interface OwnerEstimateBasis {
  yearly: { low: number; base: number; high: number };
  years: number;
}

/** What one approach costs over the lifecycle (base, cents), as stored, or as it will be once chosen. */
export interface ApproachFigure {
  base: number;
  /** No figure is missing from it. */
  complete: boolean;
  /** The owner's manual estimate times the years, not the model's projection. */
  manual: boolean;
  /** Where it is the owner's estimate: the yearly base and the years it is multiplied by. */
  estimate: { yearly: number; years: number } | null;
  /** Not in the stored projection: the estimate prices it only once it is chosen (derive.ts). */
  onceChosen: boolean;
}

const isManualApproach = (a: Approach) => (MANUAL_ESTIMATE_APPROACHES as readonly Approach[]).includes(a);

/**
 * One approach's lifecycle cost: the stored projection's, else, for an approach the model does not
 * price, the owner's estimate times the years, which is what derivation will store once it is
 * chosen (never for a use case not assessed, which no estimate costs). Null: not costed.
 */
export function approachFigure(summary: Pick<ExplainInput, "approaches"> | null, approach: Approach, owner: OwnerEstimateBasis | null): ApproachFigure | null {
  if (!summary) return null;
  const x = summary.approaches[approach];
  if (x) {
    const asEstimated = x.manual && owner && owner.yearly.base * owner.years === x.lifecycle.base;
    return { base: x.lifecycle.base, complete: x.lifecycle.complete, manual: x.manual, estimate: asEstimated ? { yearly: owner.yearly.base, years: owner.years } : null, onceChosen: false };
  }
  // Not assessed (or retired before its first year): nothing is projected, the estimate included.
  if (!owner || owner.years < 1 || !isManualApproach(approach) || Object.keys(summary.approaches).length === 0) return null;
  return { base: owner.yearly.base * owner.years, complete: true, manual: true, estimate: { yearly: owner.yearly.base, years: owner.years }, onceChosen: true };
}

const yearsText = (n: number) => `${n} ${n === 1 ? "year" : "years"}`;

/**
 * One approach's lifecycle cost on a line of its own, named, for whoever approves it from "Needs a
 * decision": "Agent with tools: lifecycle $300,000 (owner's estimate, $60,000 a year × 5 years)",
 * "RAG: lifecycle $365,448", "Structured pipeline: not costed".
 */
export function approachSpendText(approach: Approach, figure: ApproachFigure | null, as?: "recommended" | "chosen"): string {
  const name = `${APPROACH_LABELS[approach]}${as ? `, as ${as}` : ""}`;
  if (!figure) return `${name}: not costed`;
  const total = `lifecycle ${dollars(figure.base)}${figure.complete ? "" : "+ (a figure is missing)"}`;
  const how = figure.estimate ? ` (${OWNER_ESTIMATE_WORDS}, ${dollars(figure.estimate.yearly)} a year × ${yearsText(figure.estimate.years)})` : figure.manual ? ` (${OWNER_ESTIMATE_WORDS})` : "";
  return `${name}: ${total}${how}`;
}

/**
 * What a proposal asks the approver to approve, on its line of "Needs a decision": the one-off
 * build apart from the yearly run rate, as its budget is stored, then the lifecycle: "Hybrid:
 * $290,000 to build in 2027, and $198,000 a year to run from 2027 (lifecycle $1,300,000 over 5
 * years)". A first
 * year said as one yearly figure ($488,000) read as a run rate the later years never cost. The
 * figures add up: the build is every one-off line (one-off.ts), so build + years × run rate is
 * the lifecycle, each figure rounded to the dollar (so up to half a dollar per figure apart);
 * where the run rate grows (or shrinks), `lastYearCents` gives the last year's and it is said
 * "from $X to $Y a year". Engine 2.13 counted a one-off evaluation set in the run rate: "$72,000
 * to build in 2026, then $90,681 a year (lifecycle $312,042 over 3 years)", though 2027 and 2028
 * cost $74,681. An owner's estimate (it has no build part), an approach not costed, or a budget
 * with no figure (its first year lacks one) is said as approachSpendText says it.
 */
export function proposalSpendText(
  approach: Approach,
  figure: ApproachFigure | null,
  budget: { yearlyBudgetCents: number | null; buildCents: number },
  buildYear: number,
  years: number,
  lastYearCents: number | null = null,
): string {
  if (!figure || figure.manual || budget.yearlyBudgetCents === null) return approachSpendText(approach, figure);
  const lifecycle = `lifecycle ${dollars(figure.base)}${figure.complete ? "" : "+"} over ${yearsText(years)}${figure.complete ? "" : ", a figure is missing"}`;
  return `${APPROACH_LABELS[approach]}: ${budgetText(budget, buildYear, years > 1 ? lastYearCents : null)} (${lifecycle})`;
}

/** An approach the model does not price, with no manual estimate on the use case. */
export const NO_ESTIMATE_NOTE = "not costed (the cost model prices it only from a manual estimate, and the use case has none)";

/**
 * The stored summary these notes read: each approach's cost and feasibility, and, where stored,
 * the savings between them and the simulation, which say whether the cheapest in the base case is
 * reliably so (notRobust in ./explain.ts).
 */
export type OptionsSummary = Pick<ExplainInput, "approaches" | "maxLagDays"> & Partial<Pick<ExplainInput, "savings" | "simulation">>;

/**
 * `assessment`: the use case's answers, for an approach the model does not price (an agent, a
 * pipeline, feedback learning), which the stored summary says nothing of unless it is in play: a
 * capability the use case needs and it lacks is said, as for the approaches it prices (a review
 * read a pipeline offered at the agent's estimate, "once chosen", for a use case that must call tools).
 */
export function decisionOptionNotes(summary: OptionsSummary | null, owner: OwnerEstimateBasis | null = null, assessment: Assessment | null = null): OptionNotes {
  if (!summary) return {};
  const lag = summary.maxLagDays ?? null;
  const [cheapest = null, runnerUp = null] = servingByCost(summary);
  // The cheapest in the base case but not reliably (a low or high scenario, or the simulation, says
  // otherwise): it and the next are "about the same", and neither is named the cheapest.
  const tied = cheapest && runnerUp && notRobust(summary, cheapest, runnerUp) ? runnerUp : null;
  const assessed = Object.keys(summary.approaches).length > 0;
  const out: OptionNotes = {};
  for (const approach of APPROACHES) {
    const x = summary.approaches[approach];
    if (!x) {
      // The model projects these for every assessed use case: absent, the use case is not assessed
      // (no projection is stored), which a manual estimate would not change either.
      const projected = (PROJECTED as readonly Approach[]).includes(approach);
      const figure = approachFigure(summary, approach, owner);
      let text = NO_ESTIMATE_NOTE;
      if (projected || (owner && !assessed)) text = NOT_ASSESSED_NOTE;
      // Derivation prices by the estimate only the approach chosen, else recommended: this one once it is chosen.
      else if (figure?.estimate) text = `${dollars(figure.base)} over the lifecycle (base) once chosen: the ${OWNER_ESTIMATE_WORDS}, ${dollars(figure.estimate.yearly)} a year × ${yearsText(figure.estimate.years)}`;
      const lacking = assessed && assessment ? lacksCapability(approach, assessment) : null;
      out[approach] = lacking ? { text: `${text}; ${CAPABILITY_RULES[lacking].cannot}`, cannotServe: true } : { text, cannotServe: false };
      continue;
    }
    const cost = `${dollars(x.lifecycle.base)}${x.lifecycle.complete ? "" : "+ (a figure is missing)"} over the lifecycle (base)${x.manual ? ", as estimated" : ""}`;
    const why = cannotServe(x, lag);
    if (why) out[approach] = { text: `${cost}; ${why.text}`, cannotServe: true };
    else if (approach === cheapest) out[approach] = { text: `${tied ? `${cost}, about the same as ${APPROACH_LABELS[tied]}` : `${cost}, the cheapest that serves`}${untriedPrompting(approach, assessment)}`, cannotServe: false };
    else {
      // What it costs over the cheapest that serves, where both totals are whole; no premium where
      // it is dearer in the base case only (not in every scenario, or not in most trials).
      const over = cheapest && x.lifecycle.complete ? x.lifecycle.base - summary.approaches[cheapest]!.lifecycle.base : 0;
      const text = over <= 0 ? cost : notRobust(summary, cheapest!, approach) ? `${cost}, about the same as ${APPROACH_LABELS[cheapest!]}` : `${cost}, ${dollars(over)} more than ${APPROACH_LABELS[cheapest!]}`;
      out[approach] = { text, cannotServe: false };
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
