/** Evaluating and describing conditions. Three-valued: true, false, or undefined when an answer is missing. */
import { ANSWER_LABELS, type AnswerKey, type Assessment } from "../assessment";
import type { AnswerValue, Condition } from "./types";

export function evaluate(c: Condition, a: Assessment, missing?: Set<AnswerKey>): boolean | undefined {
  return compileCondition(c)(a, missing);
}

/** Every answer a condition reads. */
export function answersOf(c: Condition, out: Set<AnswerKey> = new Set()): Set<AnswerKey> {
  if ("all" in c) c.all.forEach((x) => answersOf(x, out));
  else if ("any" in c) c.any.forEach((x) => answersOf(x, out));
  else if ("not" in c) answersOf(c.not, out);
  else if ("answer" in c) out.add(c.answer);
  return out;
}

export function formatValue(v: AnswerValue): string {
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "number") return v.toLocaleString("en-US");
  return v;
}

/** A condition as plain words, for the Frameworks page. */
export function describe(c: Condition): string {
  if ("always" in c) return "always";
  if ("all" in c) return c.all.map(describe).join(" and ");
  if ("any" in c) return `(${c.any.map(describe).join(" or ")})`;
  if ("not" in c) return `not (${describe(c.not)})`;
  const label = ANSWER_LABELS[c.answer];
  if ("in" in c) return c.in.length === 1 ? `${label} is ${formatValue(c.in[0]!)}` : `${label} is one of ${c.in.map(formatValue).join(", ")}`;
  return "gte" in c ? `${label} is at least ${formatValue(c.gte)}` : `${label} is under ${formatValue(c.lt)}`;
}

/** A condition compiled into a function once, so the evaluator does not walk the tree on every run. */
export type CompiledCondition = (a: Assessment, missing?: Set<AnswerKey>) => boolean | undefined;

const COMPILED = new WeakMap<Condition, CompiledCondition>();

/** The same three-valued result as `evaluate`, and the same missing answers recorded. */
export function compileCondition(c: Condition): CompiledCondition {
  const hit = COMPILED.get(c);
  if (hit) return hit;
  let f: CompiledCondition;
  if ("always" in c) f = () => true;
  else if ("all" in c) {
    const parts = c.all.map(compileCondition);
    f = (a, missing) => {
      let unknown = false;
      for (const p of parts) {
        const v = p(a, missing);
        if (v === false) return false;
        if (v === undefined) unknown = true;
      }
      return unknown ? undefined : true;
    };
  } else if ("any" in c) {
    const parts = c.any.map(compileCondition);
    f = (a, missing) => {
      let unknown = false;
      for (const p of parts) {
        const v = p(a, missing);
        if (v === true) return true;
        if (v === undefined) unknown = true;
      }
      return unknown ? undefined : false;
    };
  } else if ("not" in c) {
    const inner = compileCondition(c.not);
    f = (a, missing) => {
      const v = inner(a, missing);
      return v === undefined ? undefined : !v;
    };
  } else {
    const key = c.answer;
    const test: (v: AnswerValue) => boolean | undefined =
      "in" in c
        ? ((set) => (v: AnswerValue) => set.has(v))(new Set<AnswerValue>(c.in))
        : "gte" in c
          ? ((n) => (v: AnswerValue) => (typeof v === "number" ? v >= n : undefined))(c.gte)
          : ((n) => (v: AnswerValue) => (typeof v === "number" ? v < n : undefined))(c.lt);
    f = (a, missing) => {
      const v = a[key] as AnswerValue | undefined | null;
      if (v === undefined || v === null) {
        missing?.add(key);
        return undefined;
      }
      return test(v);
    };
  }
  COMPILED.set(c, f);
  return f;
}
