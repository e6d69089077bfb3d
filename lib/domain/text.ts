/**
 * Text the database can store. PostgreSQL refuses the NUL character in text and JSON columns,
 * and half of a UTF-16 surrogate pair (a "lone surrogate", e.g. an emoji cut in two) is not
 * valid Unicode: the driver would turn it into U+FFFD, silently changing what was typed.
 * Such text is refused with a message rather than failing deep in a query.
 *
 * Pure: no Next.js, Prisma or I/O.
 */

/** A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE = "Contains a character that cannot be stored (a NUL character or half of an emoji); remove it.";

export function isStorableText(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/** `s` without the characters that cannot be stored: for search terms, where dropping them is harmless. */
export function withoutUnstorable(s: string): string {
  return s.replace(new RegExp(UNSTORABLE.source, "g"), "");
}

/**
 * The paths of every string in `value` (values and object keys, in plain objects and arrays)
 * that cannot be stored; a key's path ends with the key itself.
 */
export function unstorableTextPaths(value: unknown, maxDepth = 32): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[], depth: number) => {
    if (typeof v === "string") {
      if (!isStorableText(v)) out.push(path);
      return;
    }
    if (depth >= maxDepth || typeof v !== "object" || v === null) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, [...path, i], depth + 1));
      return;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return;
    for (const k of Object.keys(v)) {
      if (!isStorableText(k)) out.push([...path, k]);
      else walk((v as Record<string, unknown>)[k], [...path, k], depth + 1);
    }
  };
  walk(value, [], 0);
  return out;
}
