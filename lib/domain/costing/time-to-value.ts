/**
 * Which assumption gives each approach its time to value, and the sentence that says so beside the
 * figures (the use case's cost table, the portfolio's freshness table). The seeds give two: RAG's
 * (days to a week) and fine-tuning's (about eight weeks), both in "Right for your business?".
 * None gives one for prompting alone: it is given RAG's, the most it should take, since it builds
 * no index to fill. A hybrid is given fine-tuning's: it is in production when its fine-tune is.
 * An approach priced from its owner's estimate (agent, pipeline, feedback learning) has none. Pure.
 */
import { APPROACH_LABELS, type Approach } from "../assessment";
import { sourceTitle } from "../sources";
import { ASSUMPTION_CATALOG, type AssumptionKey, type Range } from "./assumption-catalog";
import { DEFAULT_ASSUMPTIONS } from "./assumptions";

export type TimeToValueKey = "ragTimeToValueWeeks" | "ftTimeToValueWeeks";
/** The two time-to-value figures, low / base / high weeks, as the cost panel projects them. */
export type TimeToValueFigures = Record<TimeToValueKey, Range>;

/** The figures of an assumption set (the organization's, with a use case's overrides laid over it), or the defaults. */
export function timeToValueFigures(values?: Partial<Record<AssumptionKey, Range>>): TimeToValueFigures {
  return {
    ragTimeToValueWeeks: values?.ragTimeToValueWeeks ?? DEFAULT_ASSUMPTIONS.values.ragTimeToValueWeeks,
    ftTimeToValueWeeks: values?.ftTimeToValueWeeks ?? DEFAULT_ASSUMPTIONS.values.ftTimeToValueWeeks,
  };
}

/** The assumption that is the approach's time to value; null for an approach priced from an estimate. */
export function timeToValueKey(approach: Approach): TimeToValueKey | null {
  if (approach === "FINE_TUNING" || approach === "HYBRID") return "ftTimeToValueWeeks";
  if (approach === "RAG" || approach === "PROMPTING") return "ragTimeToValueWeeks";
  return null;
}

const label = (k: AssumptionKey) => `“${ASSUMPTION_CATALOG[k].label}”`;
const source = (k: AssumptionKey) => `the article “${sourceTitle((ASSUMPTION_CATALOG[k].source as { file: string }).file)}”`;

/**
 * Where the time to value of each approach shown comes from, in sentences; null when none of them
 * has one. Prompting and hybrid say plainly that they borrow another approach's figure, and why.
 */
export function timeToValueNote(shown: readonly Approach[]): string | null {
  const has = (a: Approach) => shown.includes(a);
  const parts: string[] = [];
  if (has("RAG") || has("PROMPTING")) {
    const rag = `the assumption ${label("ragTimeToValueWeeks")}, by default RAG's days to a week from ${source("ragTimeToValueWeeks")}`;
    parts.push(
      has("PROMPTING")
        ? `${has("RAG") ? "RAG's and prompting's" : "Prompting's"} time to value is ${rag}. No source gives a figure for prompting alone, so it is given RAG's: the most it should take, since it builds no index to fill.`
        : `RAG's time to value is ${rag}.`,
    );
  }
  if (has("FINE_TUNING") || has("HYBRID")) {
    const ft = `the assumption ${label("ftTimeToValueWeeks")}, by default the eight weeks of ${source("ftTimeToValueWeeks")}`;
    parts.push(
      has("HYBRID")
        ? `${has("FINE_TUNING") ? "Fine-tuning's and the hybrid's" : "The hybrid's"} time to value is ${ft}; the hybrid is given fine-tuning's because it is in production only when its fine-tune is.`
        : `Fine-tuning's time to value is ${ft}.`,
    );
  }
  const estimated = shown.filter((a) => timeToValueKey(a) === null);
  if (estimated.length) parts.push(`${estimated.map((a) => APPROACH_LABELS[a]).join(", ")}: no time to value, priced from an estimate that gives none.`);
  return parts.length ? parts.join(" ") : null;
}
