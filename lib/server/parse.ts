import { z } from "zod";
import { UNSTORABLE_TEXT_MESSAGE, unstorableTextPaths } from "@/lib/domain/text";
import { ValidationError } from "./errors";

/** Longest message or field name sent back: a refusal never echoes a megabyte of input. */
const MAX_ECHO = 200;
const shorten = (s: string) => (s.length > MAX_ECHO ? `${s.slice(0, MAX_ECHO)}…` : s);

const keyOf = (path: readonly PropertyKey[]) => (path.length ? path.map((p) => shorten(String(p))).join(".") : "_form");

/**
 * Field errors by path: { "values.engineerRate": ["At most 2,000"] }. Built with Object.fromEntries,
 * so a field called "__proto__" is an ordinary key, never the object's prototype. A message is
 * listed once per field, however many checks found it (the schema's own text refinements and the
 * whole-input scan below both catch a NUL in a title).
 */
function collect(entries: Iterable<[string, string]>): Record<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, message] of entries) {
    const list = out.get(key) ?? [];
    if (!list.includes(message)) list.push(message);
    out.set(key, list);
  }
  return Object.fromEntries(out);
}

/** zod issues as field errors: { "values.engineerRate": ["At most 2,000"] }. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  return collect(error.issues.map((issue): [string, string] => [keyOf(issue.path), shorten(issue.message)]));
}

/**
 * Parses an entry point's input. Text the database cannot store (a NUL, a lone surrogate), in a
 * value or a key anywhere in the input, is refused here by field along with the schema's own
 * complaints, so it never reaches a query.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  // When the input is not even of the right shape, that is the one thing to say.
  const wrongShape = !parsed.success && parsed.error.issues.some((i) => i.path.length === 0 && i.code !== "unrecognized_keys");
  const unstorable = wrongShape ? [] : unstorableTextPaths(input);
  if (parsed.success && unstorable.length === 0) return parsed.data;
  const issues: [string, string][] = unstorable.map((path) => [keyOf(path), UNSTORABLE_TEXT_MESSAGE]);
  if (!parsed.success) issues.push(...parsed.error.issues.map((issue): [string, string] => [keyOf(issue.path), shorten(issue.message)]));
  throw new ValidationError("Please correct the highlighted fields.", collect(issues));
}

/**
 * The version a form was opened at (optimistic concurrency). Versions are PostgreSQL `integer`
 * columns: a number past their range is refused here as a field error, never sent to the
 * database, where comparing with it fails the statement.
 */
export function versionSchema(min: 0 | 1) {
  return z.number().int().min(min).max(2_147_483_647);
}
