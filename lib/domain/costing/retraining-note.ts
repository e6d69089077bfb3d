/**
 * The sentence under the use case's cost table that says where its "Stale days a year" and
 * "Retraining cycles a year" come from (./retraining.ts), with the figures the projection used:
 * how often the knowledge changes (the assessment's answer), how often fine-tuning retrains, how
 * long one retraining takes (the use case's own figure, else the organization's assumption), the
 * longest the answers stay behind, and the acceptable lag that is judged against (the use case's
 * answer). Without the figures the table read "365" stale days beside "17" cycles and the note
 * named the lag assumption without its value, so nobody could say why 365. Pure.
 */
import { CHANGES_PER_YEAR, changesHow, type Approach, type ChangeFrequency } from "../assessment";
import { ASSUMPTION_CATALOG } from "./assumption-catalog";
import { plural } from "../portfolio/format";
import type { Money3, RetrainingBasis } from "./project";
import { retrainLagShown } from "./retraining";

export interface RetrainingNoteInput {
  changeFrequency?: ChangeFrequency;
  shown: readonly Approach[];
  /** Fine-tuning's cycles, stale days and longest wait as projected; null when fine-tuning is not projected. */
  fineTuning: { cycles: number; staleDays: Money3; worstDelayDays?: number | null } | null;
  /** The acceptable lag the projection judged against (the use case's answer); null when it gives none. */
  maxLagDays: number | null;
  /** The lag of one retraining the projection used; null for a projection stored before it was kept. */
  lag: Pick<RetrainingBasis, "lagDays" | "lagFrom" | "noBudget"> | null;
}

const LAG_LABEL = `“${ASSUMPTION_CATALOG.retrainLagDays.label}”`;

/** "about every 21 days" for 17 cycles a year. */
function cadence(cycles: number): string {
  if (cycles <= 0) return "never";
  if (cycles === 1) return "once a year";
  const every = 365 / cycles;
  return `${plural(cycles, "time")} a year (${every < 1 ? "more than once a day" : `about every ${plural(Math.round(every), "day")}`})`;
}

/** "21 days (low 14 days, high 28 days; the organization's assumption “Lag of one retraining cycle”)". */
function lagSaid(lag: RetrainingNoteInput["lag"]): string {
  if (!lag) return `the time the assumption ${LAG_LABEL} gives`;
  const d = lag.lagDays;
  const spread = d.low === d.high ? "" : `low ${retrainLagShown(d.low)}, high ${retrainLagShown(d.high)}; `;
  const from =
    lag.lagFrom === "use case"
      ? `this use case's own figure for ${LAG_LABEL}, in place of the organization's`
      : lag.lagFrom === "default"
        ? `the built-in figure, as the organization's assumptions give no ${LAG_LABEL}`
        : `the organization's assumption ${LAG_LABEL}`;
  return `${retrainLagShown(d.base)} (${spread}${from})`;
}

export function retrainingNote(input: RetrainingNoteInput): string | null {
  const ft = input.shown.includes("FINE_TUNING") ? input.fineTuning : null;
  const hybrid = input.shown.includes("HYBRID");
  if (!ft && !hybrid) return null;
  const f = input.changeFrequency;
  if (!f) return null; // the table's cells already say the frequency is unanswered
  const parts: string[] = [];
  if (f === "static") {
    parts.push("The knowledge never changes (the assessment's answer), so nothing is retrained for it and nothing goes stale.");
  } else {
    const changes = `The knowledge changes ${changesHow(f)} (the assessment's answer: about ${plural(CHANGES_PER_YEAR[f], "change")} a year)`;
    if (ft && ft.cycles === 0 && input.lag?.noBudget) {
      const accepted = input.maxLagDays === null ? "" : `, against the ${plural(input.maxLagDays, "day")} this use case accepts`;
      parts.push(
        `${changes}, but the assessment says there is no budget for retraining (000 asks for “budget for ongoing retraining cycles” before fine-tuning), ` +
          `so none is priced: fine-tuning is counted as trained once and answers from what it was trained on, never brought up to date${accepted}: ` +
          `${plural(ft.staleDays.base, "stale day")} a year.`,
      );
    } else if (ft) {
      const behind = ft.worstDelayDays === null || ft.worstDelayDays === undefined ? "" : `, which leaves answers up to ${plural(ft.worstDelayDays, "day")} behind`;
      const accepted = input.maxLagDays === null ? " (the use case gives no acceptable lag)" : ` against the ${plural(input.maxLagDays, "day")} this use case accepts`;
      const s = ft.staleDays;
      const stale = `${plural(s.base, "stale day")} a year${s.low === s.high ? "" : ` (low ${s.low.toLocaleString("en-US")}, high ${s.high.toLocaleString("en-US")})`}`;
      parts.push(`${changes}; fine-tuning retrains ${cadence(ft.cycles)}, each retraining taking ${lagSaid(input.lag)}${behind}${accepted}: ${stale}.`);
      parts.push(
        "It retrains once per change, batched where the acceptable lag allows, and no more often than one retraining's lag lets cycles follow each other; " +
          "its stale days are the days a year it answers from a change not yet trained in, with the lag at its low, base and high.",
      );
      // A reader compared "$3,750" of first training with "$20,000" a retraining and found them at odds.
      if (ft.cycles > 0) {
        parts.push(
          `Each retraining is priced as a whole cycle, the assumption “${ASSUMPTION_CATALOG.retrainCostUsd.label}” (000: “Each iteration adds $10,000 to $30,000”): ` +
            "refreshing the data, training, evaluating and deploying; the first training's line is its compute alone.",
        );
      }
    } else parts.push(`${changes}.`);
    if (hybrid && input.lag?.noBudget) parts.push("A hybrid would retrain once a year for its behaviour; without a budget for it none is priced, and its facts come from retrieval, so it is never stale.");
    else if (hybrid) parts.push("A hybrid retrains at most once a year, for its behaviour; its facts come from retrieval, so it is never stale.");
  }
  return parts.join(" ");
}
