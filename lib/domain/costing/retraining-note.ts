/**
 * The sentence under the use case's cost table that says where its "Stale days a year" and
 * "Retraining cycles a year" come from (./retraining.ts): how often the knowledge changes (the
 * assessment's answer), the retraining cycles that follow from it, and the lag of one cycle (an
 * assumption). Without it the table read "365" stale days beside "17" cycles with nothing to say
 * why. Pure.
 */
import { CHANGES_PER_YEAR, changesHow, type Approach, type ChangeFrequency } from "../assessment";
import { ASSUMPTION_CATALOG } from "./assumption-catalog";
import { plural } from "../portfolio/format";

export function retrainingNote(input: { changeFrequency?: ChangeFrequency; shown: readonly Approach[]; fineTuningCycles: number | null }): string | null {
  const ft = input.shown.includes("FINE_TUNING") && input.fineTuningCycles !== null;
  const hybrid = input.shown.includes("HYBRID");
  if (!ft && !hybrid) return null;
  const f = input.changeFrequency;
  if (!f) return null; // the table's cells already say the frequency is unanswered
  const lag = `“${ASSUMPTION_CATALOG.retrainLagDays.label}”`;
  const parts: string[] = [];
  if (f === "static") {
    parts.push("The knowledge never changes (the assessment's answer), so nothing is retrained for it and nothing goes stale.");
  } else {
    parts.push(`The knowledge changes ${changesHow(f)} (the assessment's answer: about ${plural(CHANGES_PER_YEAR[f], "change")} a year).`);
    if (ft) {
      parts.push(
        `Fine-tuning retrains ${input.fineTuningCycles === 1 ? "once" : plural(input.fineTuningCycles!, "time")} a year: once per change, batched where the acceptable lag allows, and no more often than one retraining's lag (the assumption ${lag}) lets cycles follow each other. ` +
          "Its stale days are the days a year it answers from a change not yet trained in, with that lag at its low, base and high.",
      );
    }
    if (hybrid) parts.push("A hybrid retrains at most once a year, for its behaviour; its facts come from retrieval, so it is never stale.");
  }
  return parts.join(" ");
}
