/** The one evaluator: runs any framework's rules over an assessment. */
import { answerApplies, applicableAnswers, APPROACHES, type AnswerKey, type Approach, type Assessment } from "../assessment";
import { answersOf, compileCondition } from "./conditions";
import type { Framework, FrameworkResult, Rule, TraceEntry } from "./types";

/**
 * The fixed order that breaks every tie, simplest and cheapest to undo first: the seeds'
 * "validate a prompted base model first" (002) and "start with RAG" (003, 004).
 */
export const TIE_ORDER: readonly Approach[] = ["PROMPTING", "RAG", "HYBRID", "FINE_TUNING", "PIPELINE", "AGENT", "FEEDBACK_LEARNING"];

const ZERO_FIT = Object.freeze(Object.fromEntries(APPROACHES.map((a) => [a, 0])) as Record<Approach, number>);
/** A fresh all-zero fit (a spread of a frozen template: this runs hundreds of times per score). */
const zeroFit = (): Record<Approach, number> => ({ ...ZERO_FIT });
/** Each rule's effects as pairs, worked out once per rule rather than on every run. */
const EFFECTS = new WeakMap<Rule, [Approach, number][]>();
function effectsOf(rule: Rule): [Approach, number][] {
  let e = EFFECTS.get(rule);
  if (!e) EFFECTS.set(rule, (e = Object.entries(rule.effects) as [Approach, number][]));
  return e;
}

/** The answers a framework's rules read (its own questions), worked out once per framework. */
const QUESTIONS = new WeakMap<Framework, readonly AnswerKey[]>();
function questionsOf(fw: Framework): readonly AnswerKey[] {
  let q = QUESTIONS.get(fw);
  if (!q) {
    const keys = new Set<AnswerKey>();
    for (const rule of fw.rules) answersOf(rule.when, keys);
    QUESTIONS.set(fw, (q = [...keys]));
  }
  return q;
}

const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n)));

/**
 * `lean`: for re-scoring inside "what would change it", where only the recommendation, the fits
 * and whether a rule fired matter: the missing answers are not collected.
 */
export function runFramework(fw: Framework, given: Assessment, lean = false): FrameworkResult {
  // An answer that does not apply is not read (the lag, where the knowledge never changes).
  const a = applicableAnswers(given);
  const base = { frameworkId: fw.id, title: fw.title, source: fw.source, version: fw.version };
  const missing = lean ? undefined : new Set<AnswerKey>();
  for (const ab of fw.abstain) {
    if (compileCondition(ab.when)(a, missing) === true) {
      return { ...base, abstained: true, abstainReason: ab.reason, abstainShort: ab.short, recommendation: null, fit: zeroFit(), missing: [], trace: [] };
    }
  }
  const points = zeroFit();
  const trace: TraceEntry[] = [];
  // Whether a rule that reads an answer and speaks for some approach fired: only such a rule says
  // something of this case for an approach. One that only speaks against ("too little curated data
  // to fine-tune") leaves the framework where its unconditional rule put it: no vote.
  let read = false;
  for (const rule of fw.rules) {
    if (compileCondition(rule.when)(a, missing) !== true) continue;
    for (const [ap, d] of effectsOf(rule)) points[ap] += d;
    trace.push({ ruleId: rule.id, text: rule.text, cite: rule.cite, effects: rule.effects });
    if (!("always" in rule.when) && effectsOf(rule).some(([, d]) => d > 0)) read = true;
    if (rule.stop) break;
  }
  const answered = questionsOf(fw).some((k) => a[k] !== undefined && a[k] !== null);
  const fit = zeroFit();
  for (const ap of fw.scope) fit[ap] = clamp(points[ap]);
  // Recommend only on evidence: with no rule fired, or every fit at zero, the framework has no
  // answer; nor when all that fired is an unconditional rule ("Start with RAG, almost always"):
  // such a "vote" reads nothing of the case (judgement 2.12). It outvoted a framework that read a
  // given answer, and it put RAG where nothing is retrieved; the seeds' default start, which the
  // recommendation falls back to when no framework votes, asks first whether there is knowledge
  // to retrieve.
  let recommendation: Approach | null = null;
  if (read) {
    for (const ap of TIE_ORDER) {
      if (!fw.scope.includes(ap)) continue;
      if (fit[ap] > 0 && (recommendation === null || fit[ap] > fit[recommendation])) recommendation = ap;
    }
  }
  // A question that does not apply is never asked for, even where a rule would read it.
  const asked = missing ? [...missing].filter((k) => answerApplies(a, k)).sort() : [];
  return { ...base, abstained: false, recommendation, fit, missing: asked, trace, ...(answered ? {} : { unanswered: true }) };
}
