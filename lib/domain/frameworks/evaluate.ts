/** The one evaluator: runs any framework's rules over an assessment. */
import { APPROACHES, type AnswerKey, type Approach, type Assessment } from "../assessment";
import { evaluate } from "./conditions";
import type { Framework, FrameworkResult, TraceEntry } from "./types";

/**
 * The fixed order that breaks every tie, simplest and cheapest to undo first: the seeds'
 * "validate a prompted base model first" (002) and "start with RAG" (003, 004).
 */
export const TIE_ORDER: readonly Approach[] = ["PROMPTING", "RAG", "HYBRID", "FINE_TUNING", "PIPELINE", "AGENT", "FEEDBACK_LEARNING"];

const zeroFit = (): Record<Approach, number> => Object.fromEntries(APPROACHES.map((a) => [a, 0])) as Record<Approach, number>;
const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n)));

export function runFramework(fw: Framework, a: Assessment): FrameworkResult {
  const base = { frameworkId: fw.id, title: fw.title, source: fw.source, version: fw.version };
  const missing = new Set<AnswerKey>();
  for (const ab of fw.abstain) {
    if (evaluate(ab.when, a, missing) === true) {
      return { ...base, abstained: true, abstainReason: ab.reason, abstainShort: ab.short, recommendation: null, fit: zeroFit(), missing: [], trace: [] };
    }
  }
  const points = zeroFit();
  const trace: TraceEntry[] = [];
  for (const rule of fw.rules) {
    if (evaluate(rule.when, a, missing) !== true) continue;
    for (const [ap, d] of Object.entries(rule.effects) as [Approach, number][]) points[ap] += d;
    trace.push({ ruleId: rule.id, text: rule.text, cite: rule.cite, effects: rule.effects });
    if (rule.stop) break;
  }
  const fit = zeroFit();
  for (const ap of APPROACHES) fit[ap] = fw.scope.includes(ap) ? clamp(points[ap]) : 0;
  // Recommend only on evidence: with no rule fired, or every fit at zero, the framework has no answer.
  let recommendation: Approach | null = null;
  if (trace.length > 0) {
    for (const ap of TIE_ORDER) {
      if (!fw.scope.includes(ap)) continue;
      if (fit[ap] > 0 && (recommendation === null || fit[ap] > fit[recommendation])) recommendation = ap;
    }
  }
  return { ...base, abstained: false, recommendation, fit, missing: [...missing].sort(), trace };
}
