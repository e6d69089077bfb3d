/**
 * Conditions: evaluated in three-valued logic (an answer not given is "unknown"), printed as plain
 * text for the Frameworks page, and inspected for the answers and numeric thresholds they use.
 */
import { ANSWER_LABELS, type AnswerKey, type Assessment } from "../assessment";
import { formatAnswerValue } from "./answers";
import type { AnswerValue, Condition, Leaf } from "./types";

export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;
export type Truth = typeof FALSE | typeof TRUE | typeof UNKNOWN;

/** A condition compiled once into a closure; called many times without allocating. */
export type CompiledCondition = (a: Assessment) => Truth;

function isLeaf(c: Condition): c is Leaf {
  return "answer" in c;
}

function compileLeaf(c: Leaf): CompiledCondition {
  const key = c.answer;
  if ("in" in c) {
    const set: readonly AnswerValue[] = c.in;
    return (a) => {
      const v = a[key];
      if (v === undefined || v === null) return UNKNOWN;
      return set.includes(v) ? TRUE : FALSE;
    };
  }
  if ("eq" in c) {
    const want: AnswerValue = c.eq;
    return (a) => {
      const v = a[key];
      if (v === undefined || v === null) return UNKNOWN;
      return v === want ? TRUE : FALSE;
    };
  }
  // Numeric comparisons: a non-number counts as not given.
  const cmp =
    "gte" in c ? ((t: number) => (x: number) => x >= t)(c.gte)
    : "gt" in c ? ((t: number) => (x: number) => x > t)(c.gt)
    : "lte" in c ? ((t: number) => (x: number) => x <= t)(c.lte)
    : ((t: number) => (x: number) => x < t)(c.lt);
  return (a) => {
    const v = a[key];
    if (typeof v !== "number") return UNKNOWN;
    return cmp(v) ? TRUE : FALSE;
  };
}

/** Compiles a condition into a function returning TRUE, FALSE or UNKNOWN. */
export function compileCondition(c: Condition): CompiledCondition {
  if (isLeaf(c)) return compileLeaf(c);
  if ("always" in c) return () => TRUE;
  if ("not" in c) {
    const inner = compileCondition(c.not);
    return (a) => {
      const t = inner(a);
      return t === UNKNOWN ? UNKNOWN : t === TRUE ? FALSE : TRUE;
    };
  }
  if ("all" in c) {
    const parts = c.all.map(compileCondition);
    return (a) => {
      let unknown = false;
      for (let i = 0; i < parts.length; i++) {
        const t = parts[i]!(a);
        if (t === FALSE) return FALSE;
        if (t === UNKNOWN) unknown = true;
      }
      return unknown ? UNKNOWN : TRUE;
    };
  }
  const parts = c.any.map(compileCondition);
  return (a) => {
    let unknown = false;
    for (let i = 0; i < parts.length; i++) {
      const t = parts[i]!(a);
      if (t === TRUE) return TRUE;
      if (t === UNKNOWN) unknown = true;
    }
    return unknown ? UNKNOWN : FALSE;
  };
}

/** Evaluates a condition once (compiles it; for repeated use, compile it yourself). */
export function evaluateCondition(c: Condition, a: Assessment): Truth {
  return compileCondition(c)(a);
}

/** The answers a condition names, in order of first appearance. */
export function conditionAnswers(c: Condition): AnswerKey[] {
  const out: AnswerKey[] = [];
  const walk = (x: Condition) => {
    if (isLeaf(x)) {
      if (!out.includes(x.answer)) out.push(x.answer);
    } else if ("all" in x) x.all.forEach(walk);
    else if ("any" in x) x.any.forEach(walk);
    else if ("not" in x) walk(x.not);
  };
  walk(c);
  return out;
}

/**
 * Numeric boundaries a condition draws, per answer: a boundary b means the comparison may give a
 * different result at b than at b - 1 (`gte 100` and `lt 100` give 100; `gt 7` and `lte 7` give 8).
 */
export function conditionBoundaries(c: Condition, into: Map<AnswerKey, Set<number>> = new Map()): Map<AnswerKey, Set<number>> {
  const add = (k: AnswerKey, b: number) => {
    let s = into.get(k);
    if (!s) into.set(k, (s = new Set()));
    s.add(b);
  };
  const walk = (x: Condition) => {
    if (isLeaf(x)) {
      if ("gte" in x) add(x.answer, x.gte);
      else if ("lt" in x) add(x.answer, x.lt);
      else if ("gt" in x) add(x.answer, x.gt + 1);
      else if ("lte" in x) add(x.answer, x.lte + 1);
    } else if ("all" in x) x.all.forEach(walk);
    else if ("any" in x) x.any.forEach(walk);
    else if ("not" in x) walk(x.not);
  };
  walk(c);
  return into;
}

function joinOr(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function renderLeaf(c: Leaf): string {
  const label = ANSWER_LABELS[c.answer];
  if ("in" in c) return `${label}: ${joinOr((c.in as readonly AnswerValue[]).map(formatAnswerValue))}`;
  if ("eq" in c) return `${label}: ${formatAnswerValue(c.eq)}`;
  if ("gte" in c) return `${label}: at least ${formatAnswerValue(c.gte)}`;
  if ("gt" in c) return `${label}: more than ${formatAnswerValue(c.gt)}`;
  if ("lte" in c) return `${label}: at most ${formatAnswerValue(c.lte)}`;
  return `${label}: less than ${formatAnswerValue(c.lt)}`;
}

/**
 * A condition in plain text, e.g. "How often the underlying knowledge changes: real time, daily or
 * weekly and (Core need: specialized reasoning or Answers must cite sources: yes)".
 */
export function renderCondition(c: Condition): string {
  const nested = (x: Condition) => {
    const s = renderCondition(x);
    return isLeaf(x) || "always" in x || "not" in x ? s : `(${s})`;
  };
  if (isLeaf(c)) return renderLeaf(c);
  if ("always" in c) return "always";
  if ("not" in c) return `not (${renderCondition(c.not)})`;
  if ("all" in c) return c.all.length === 0 ? "always" : c.all.map(nested).join(" and ");
  return c.any.length === 0 ? "never" : c.any.map(nested).join(" or ");
}
