/**
 * The sentences under the use case's cost table that say what its people lines are made of: data
 * curation (the labeled examples still needed, against those the use case has), upkeep (per
 * approach: an index's, a fine-tuned model's, a prompt's) and evaluation (built only where no set
 * exists). Before engine 2.13 the page said curation was "priced for 5,000; more would cost more",
 * and nothing said why prompting alone paid a retrieval index's upkeep. Pure: from the projection's
 * stored basis (absent from projections stored before 2.13, which say nothing here).
 */
import type { Approach } from "../assessment";
import type { Range } from "./assumption-catalog";
import type { LabourBasis } from "./project";
import { ENOUGH_LABELS, ENOUGH_LABELS_QUOTE } from "../frameworks/data/shared";

const count = (n: number) => Math.round(n).toLocaleString("en-US");
const hours = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });

/** "1,000", or "500–3,000 (base 1,000)"; null where the base is missing. */
function rangeText(r: Range, f: (n: number) => string): string | null {
  if (r.base === null) return null;
  if (r.low === null || r.high === null || (r.low === r.base && r.high === r.base)) return f(r.base);
  return `${f(r.low)}–${f(r.high)} (base ${f(r.base)})`;
}

const less = (r: Range, n: number): Range => ({
  low: r.low === null ? null : Math.max(0, r.low - n),
  base: r.base === null ? null : Math.max(0, r.base - n),
  high: r.high === null ? null : Math.max(0, r.high - n),
});

const NEEDS = `002: “hundreds to low thousands”`;

/**
 * Why curation is charged up to more examples than the recommendation asks for: the frameworks
 * consider fine-tuning from ENOUGH_LABELS (001's "hundreds of examples", at their least), the cost
 * model costs what 002 gives for a meaningful quality improvement. Beside "would be recommended once
 * there are at least 200 curated, labeled examples", or "there is enough curated data" for 300, a
 * charge "to reach the 500–3,000" read as two answers to one question; null where the figure the
 * projection costs is no more than the frameworks' (an organization's own assumption may be).
 */
function whyMoreThanTheFrameworks(b: LabourBasis, needed: string): string | null {
  if (b.examplesNeeded.base === null || b.examplesNeeded.base <= ENOUGH_LABELS) return null;
  const held = b.examplesInHand !== null && b.examplesInHand >= ENOUGH_LABELS ? `, and the use case's ${count(b.examplesInHand)} are enough for that` : "";
  return `The frameworks ask for fewer: ${count(ENOUGH_LABELS)} labeled examples are enough for them to consider fine-tuning, the least of 001's “hundreds of examples” (“${ENOUGH_LABELS_QUOTE}”)${held}; the projection costs curating up to the ${needed} that 002 gives as “the minimum viable fine-tuning dataset for a meaningful quality improvement”.`;
}

function curationSentence(b: LabourBasis): string | null {
  const needed = rangeText(b.examplesNeeded, count);
  if (!needed) return null;
  const also = (sentence: string) => [sentence, whyMoreThanTheFrameworks(b, needed)].filter(Boolean).join(" ");
  if (b.examplesInHand === null || b.examplesInHand === 0) {
    const why = b.examplesInHand === null ? "how many the use case already has is unanswered, so none is taken as in hand" : "the use case has none yet";
    return also(`Data curation is charged for all the ${needed} labeled examples fine-tuning needs (${NEEDS}): ${why}.`);
  }
  const toCurate = less(b.examplesNeeded, b.examplesInHand);
  if (toCurate.base === 0 && (toCurate.high === null || toCurate.high === 0)) {
    return `Data curation: none is charged. The ${count(b.examplesInHand)} labeled examples the use case already has cover the ${needed} fine-tuning needs (${NEEDS}); having more costs no more.`;
  }
  return also(`Data curation is charged for the ${rangeText(toCurate, count)} labeled examples still needed to reach the ${needed} fine-tuning needs (${NEEDS}); the ${count(b.examplesInHand)} the use case already has are not curated again.`);
}

function upkeepSentence(b: LabourBasis, shown: ReadonlySet<Approach>): string | null {
  const parts: string[] = [];
  const index = rangeText(b.indexUpkeepHoursPerWeek, hours);
  const withIndex = [shown.has("RAG") ? "RAG" : null, shown.has("HYBRID") ? "the hybrid" : null].filter(Boolean).join(" and ");
  if (withIndex && index) parts.push(`${withIndex} ${withIndex.includes(" and ") ? "pay for keeping their index" : "pays for keeping its index"}, ${index} hours a week (002: “ongoing index management”)`);
  const model = rangeText(b.ftUpkeepHoursPerWeek, hours);
  const trained = [shown.has("FINE_TUNING") ? "fine-tuning" : null, shown.has("HYBRID") ? "the hybrid" : null].filter(Boolean).join(" and ");
  if (trained && model) parts.push(`${trained} ${trained.includes(" and ") ? "pay" : "pays"} for keeping the fine-tuned model (its versions, each new base model), ${model} hours a week`);
  const prompt = rangeText(b.promptUpkeepHoursPerMonth, hours);
  if (shown.has("PROMPTING") && prompt) {
    parts.push(`prompting alone has no index and pays only for keeping its prompt, ${prompt} hours a month: an assumption, not a figure from the sources, which finance can change on the Assumptions page`);
  }
  if (parts.length === 0) return null;
  const [first, ...rest] = parts;
  return `Upkeep, at the engineer rate: ${first!.charAt(0).toUpperCase()}${first!.slice(1)}${rest.map((p) => `; ${p}`).join("")}.`;
}

function evaluationSentence(b: LabourBasis): string | null {
  const run = rangeText(b.evalRunHoursPerMonth, hours);
  const build = rangeText(b.evalBuildWeeks, hours);
  if (!run || !build) return null;
  const running = `running it, ${run} hours a month, is charged every year`;
  if (b.evaluationSetExists === true) return `Evaluation: the use case already has an evaluation set, so building one is not charged; ${running}.`;
  const why = b.evaluationSetExists === false ? "the use case has none" : "the use case does not say it has one";
  return `Evaluation: building a test set, ${build} engineering weeks, is charged in year 1 because ${why}; ${running}.`;
}

/**
 * The sentences, for the approaches the engine projected and the table shows (not one priced by a
 * manual estimate); null when the projection carries no basis or none of them is shown.
 */
export function labourNote(basis: LabourBasis | null | undefined, shown: readonly Approach[]): string | null {
  if (!basis) return null;
  const set = new Set(shown.filter((a) => a === "RAG" || a === "FINE_TUNING" || a === "HYBRID" || a === "PROMPTING"));
  if (set.size === 0) return null;
  const sentences = [
    set.has("FINE_TUNING") || set.has("HYBRID") ? curationSentence(basis) : null,
    upkeepSentence(basis, set),
    evaluationSentence(basis),
  ].filter((x): x is string => x !== null);
  return sentences.length ? sentences.join(" ") : null;
}
