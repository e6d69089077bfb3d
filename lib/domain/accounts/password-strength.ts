import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

/**
 * How strong a new password must be: at least MIN_PASSWORD_LENGTH characters, and not easy to
 * guess by the zxcvbn estimator (@zxcvbn-ts, with its common-password, English word, name and
 * keyboard-pattern lists), which also counts the person's own email, name and organization and
 * the app's name as words an attacker would try first. Score 0–4; 3 and up is accepted
 * ("safely unguessable: moderate protection from offline slow-hash attacks").
 */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
export const MIN_SCORE = 3;

/**
 * What the estimator reads of a password, and how many l33t substitutions it tries. zxcvbn's
 * work grows steeply with length: with its defaults a 200-character random password took 2.4 s of
 * one core, on the request's own thread, for anyone who asks to sign up (issue 16). The first 32
 * characters decide: a password whose beginning is hard to guess is hard to guess, and one whose
 * beginning is easy is refused, as it should be. With these limits no password takes more than a
 * few tens of milliseconds (measured 2026-12-03 on a quiet machine: at most 37 ms, for 200 random
 * characters; 48 characters allowed 66 ms, and under load 150–200 ms).
 */
export const ESTIMATE_CHARACTERS = 32;
const L33T_SUBSTITUTIONS = 10;

// On globalThis: Next.js bundles this module into several chunks, and the dictionaries (built once,
// about a third of a second) must be shared by all of them, the start-up warm-up's copy included.
const shared = globalThis as unknown as { tradeoffPasswordEstimator?: ZxcvbnFactory };
function zxcvbn(): ZxcvbnFactory {
  shared.tradeoffPasswordEstimator ??= new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
    maxLength: ESTIMATE_CHARACTERS,
    l33tMaxSubstitutions: L33T_SUBSTITUTIONS,
  });
  return shared.tradeoffPasswordEstimator;
}

/**
 * Builds the estimator's dictionaries now (about a third of a second of one core) rather than in
 * the first sign-up, where every request in flight would wait for it. Called at server start.
 */
export function warmPasswordEstimator(): void {
  zxcvbn().check("warm-up", []);
}

/** Words of the person's context an attacker would try: parts of the email, the name, the organization. */
export function contextWords(context: { email?: string; name?: string; organizationName?: string }): string[] {
  const words = new Set<string>(["tradeoff"]);
  const add = (text: string | undefined) => {
    if (!text) return;
    const lower = text.toLowerCase();
    words.add(lower);
    words.add(lower.replace(/[^\p{L}\p{N}]+/gu, ""));
    for (const part of lower.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  };
  add(context.email);
  add(context.email?.split("@")[0]);
  add(context.name);
  add(context.organizationName);
  return [...words];
}

export type StrengthVerdict = { ok: true; score: number } | { ok: false; score: number; message: string };

/** Whether `password` may be used; when not, a message that says how to do better. */
export function checkPasswordStrength(password: string, context: { email?: string; name?: string; organizationName?: string } = {}): StrengthVerdict {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { ok: false, score: 0, message: `Use at least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a long password that is easy to remember.` };
  }
  if (password.length > MAX_PASSWORD_LENGTH) return { ok: false, score: 0, message: `Use at most ${MAX_PASSWORD_LENGTH} characters.` };
  const result = zxcvbn().check(password, contextWords(context));
  if (result.score >= MIN_SCORE) return { ok: true, score: result.score };
  const parts = ["This password is too easy to guess."];
  if (result.feedback.warning) parts.push(sentence(result.feedback.warning));
  const suggestions = result.feedback.suggestions.map(sentence).filter((s) => s.length > 1);
  parts.push(...(suggestions.length ? suggestions : ["Add another word or two that are not related to each other."]));
  return { ok: false, score: result.score, message: parts.join(" ") };
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
