/**
 * How a score is stored (the UseCase's `score` column). Each framework's result keeps its
 * verdict, fit and missing answers, but names the rules that fired by id only (`fired`): a rule's
 * words, citation and effects are the framework's own data for that version, so the trace is put
 * back from the frameworks when the score is shown. Stored whole, the traces were 4.5 kB of every
 * score's 5.9 kB, written for each of 10,000 rows of an import (docs/decisions/csv-import.md).
 *
 * A stored score always names the framework versions it came from, and scores from other versions
 * are re-scored at start-up (lib/server/rescore.ts), so the rules are found in the current
 * frameworks. Scores stored before this form keep their full traces and are read as they are.
 */
import { FRAMEWORKS } from "./registry";
import type { Score } from "./score";
import type { Framework, FrameworkResult, TraceEntry } from "./types";

export type StoredFrameworkResult = Omit<FrameworkResult, "trace"> & { fired: string[] };

export type StoredScore = Omit<Score, "frameworks"> & { frameworks: (StoredFrameworkResult | FrameworkResult)[] };

/** The score as stored: each framework's trace reduced to the ids of its rules, in the order they fired. */
export function storedScore(score: Score): StoredScore {
  return { ...score, frameworks: score.frameworks.map(({ trace, ...result }) => ({ ...result, fired: trace.map((t) => t.ruleId) })) };
}

const BY_ID = new Map<string, Framework>(FRAMEWORKS.map((f) => [f.id, f]));

/** One fired rule as the trace shows it, from the framework of the version the score names. */
function traceEntry(result: StoredFrameworkResult, ruleId: string): TraceEntry {
  const framework = BY_ID.get(result.frameworkId);
  const rule = framework?.version === result.version ? framework.rules.find((r) => r.id === ruleId) : undefined;
  if (rule) return { ruleId, text: rule.text, cite: rule.cite, effects: rule.effects };
  // Only a score from frameworks this version of the app does not run (before it is re-scored).
  return {
    ruleId,
    text: `Rule “${ruleId}” of ${result.title} version ${result.version}, which this version of Tradeoff no longer holds: re-score the use case to see its reasons.`,
    cite: { file: result.source, quote: "" },
    effects: {},
  };
}

/** The score as shown: each framework's trace put back from the frameworks' data. */
export function expandScore(stored: StoredScore): Score {
  return {
    ...stored,
    frameworks: stored.frameworks.map((result) => {
      if ("trace" in result && Array.isArray(result.trace)) return result;
      const { fired, ...rest } = result as StoredFrameworkResult;
      return { ...rest, trace: (Array.isArray(fired) ? fired : []).map((id) => traceEntry(result as StoredFrameworkResult, id)) };
    }),
  };
}
