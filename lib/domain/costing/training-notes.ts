/**
 * The cost panel's sentences where its figures price a trained model (fine-tuning, a hybrid) the
 * recommendation does not train because the answers do not justify one yet: beside a comparison
 * that names a trained approach the cheapest, and where nothing is recommended at all.
 * Pure: no Next.js, Prisma or I/O.
 */
import { APPROACH_LABELS, type Approach } from "../assessment";
import { trainsAModel } from "../frameworks/evidence";
import { cannotServe } from "./feasibility";
import type { ExplainInput } from "./explain";

/**
 * Where the cost panel names a trained approach the cheapest (fine-tuning or the hybrid) and the
 * recommendation is another, because the answers do not justify training a model yet
 * (frameworks/evidence.ts, untrainedBecause): said beside the comparison, so "RAG, the
 * recommendation, costs $968,749 more than Hybrid" never stands with nothing on the page to say
 * why the cheaper one is not recommended (a reviewer's finding). `because`: the judgement's words
 * for what is missing; `curation`: the cheapest's figures include curating the labeled examples
 * it still needs. Null where it does not apply.
 */
export function heldTrainingNote(cheapest: Approach | null, recommended: Approach | null, because: string, curation: boolean, unbudgeted = false): string | null {
  if (!cheapest || !recommended || cheapest === recommended || !trainsAModel(cheapest) || because === "") return null;
  const priced = curation ? " (curating the labeled examples it still needs included)" : "";
  return `${APPROACH_LABELS[cheapest]} trains a model, and ${because}, so the recommendation trains none for now. These figures price ${APPROACH_LABELS[cheapest]}${priced} ${unbudgeted ? UNBUDGETED : "for when that changes"}.`;
}

/**
 * Where there is no budget for retraining and the knowledge changes, the figures price the trained
 * approaches trained once and never retrained (./drivers/training.ts, cyclesFor), not as they
 * would run once the budget is there: "for when that changes" said the opposite of the table's
 * "Retraining cycles a year: 0" beside it.
 */
const UNBUDGETED = "as it would run without a budget for retraining, trained once and never retrained; with one, the retraining its knowledge needs would be added";


/**
 * Where nothing is recommended because what can serve the use case trains a model the answers do
 * not yet justify (frameworks/hold.ts: no retraining budget, too few labeled examples, a prompted
 * model already at the bar), the cost panel says so beside its comparison: "Hybrid and
 * Fine-tuning, the two cheapest approaches that can serve it, cost about the same" read as an offer
 * under "there is no recommendation until a model can be trained". `lacking`: the judgement's own
 * words for what is missing (lackingPrerequisitesText). Null where it does not apply: something
 * is recommended, nothing is held for training, or an approach that trains no model can serve.
 */
export function untrainedNote(
  s: Pick<ExplainInput, "approaches" | "maxLagDays">,
  recommended: Approach | null,
  lacking: string,
  unbudgeted = false,
): string | null {
  if (recommended !== null || lacking === "") return null;
  const serving = (Object.entries(s.approaches) as [Approach, ExplainInput["approaches"][Approach]][]).filter(([, x]) => x && !x.manual && !cannotServe(x, s.maxLagDays ?? null))
    .sort(([, x], [, y]) => x!.lifecycle.base - y!.lifecycle.base)
    .map(([ap]) => ap);
  if (serving.length === 0 || serving.some((ap) => ap !== "FINE_TUNING" && ap !== "HYBRID")) return null;
  const names = serving.map((ap) => APPROACH_LABELS[ap]);
  const which = names.length === 1 ? `${names[0]}, the one approach that can serve it, trains` : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}, the approaches that can serve it, train`;
  return `Nothing is recommended yet: ${which} a model, and ${lacking} (see the recommendation above). These figures price ${names.length === 1 ? "it" : "each"} ${unbudgeted ? UNBUDGETED : "for when that changes"}.`;
}
