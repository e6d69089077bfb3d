/**
 * PostgreSQL's COPY text format (the default of `COPY … FROM STDIN`), pure: one line per row,
 * columns separated by a tab, `\N` for null, and a backslash, tab, newline or carriage return in
 * a value written as `\\`, `\t`, `\n`, `\r`. The import's bulk writer streams its rows to
 * PostgreSQL in this format (lib/server/import/copy.ts), which reads them far faster than
 * statements over JSON.
 *
 * How each kind of value is written:
 * - text as it is (escaped); numbers and bigints as decimals (cents stay exact: bigint or the
 *   digits of a string); booleans as t / f; a Date as its ISO instant;
 * - a `jsonb` column's value as its JSON text (bigints inside written as strings, as the
 *   JSON-recordset statements did);
 * - an array column's value as an array literal: numbers, bigints and booleans as they are, and
 *   every element quoted if any is text.
 */

export type CopyKind = "text" | "json" | "textArray";

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;

/** One value of the text format, escaped. */
export function copyEscape(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPED, (c) => ESCAPES[c]!) : text;
}

const jsonReplacer = (_key: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);

/** An element of an array literal: double-quoted, its quotes and backslashes escaped. */
const arrayElement = (v: unknown) => (v === null || v === undefined ? "NULL" : `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`);

/**
 * An array of numbers, bigints, booleans and nulls (an import's years and cents, ~2 million
 * elements for 10,000 use cases) as an array literal, unquoted: such elements hold no character
 * an array literal or COPY reads specially. Null when an element is anything else.
 */
function plainArray(value: readonly unknown[]): string | null {
  let out = "{";
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (i > 0) out += ",";
    if (v === null || v === undefined) out += "NULL";
    else if (typeof v === "bigint") out += v.toString();
    else if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new TypeError(`Not a finite number: ${v}`);
      out += String(v);
    } else if (typeof v === "boolean") out += v ? "t" : "f";
    else return null;
  }
  return out + "}";
}

/**
 * A value's JSON text, as a COPY field. Serialised without a replacer first (V8's fast path; a
 * replacer function nearly doubles the time over the ~90 MB of an import of 10,000 use cases) and
 * again with it only when a bigint is inside. JSON text holds no raw tab, newline or carriage
 * return (JSON.stringify writes them as \t, \n, \r), so only its backslashes need escaping.
 */
function jsonField(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    text = JSON.stringify(value, jsonReplacer);
  }
  return text.includes("\\") ? text.replaceAll("\\", "\\\\") : text;
}

/** One field: `\N` for null or undefined. */
export function copyField(value: unknown, kind: CopyKind = "text"): string {
  if (value === null || value === undefined) return "\\N";
  if (kind === "json") return jsonField(value);
  if (kind === "textArray") {
    if (!Array.isArray(value)) throw new TypeError("A text[] column takes an array.");
    return plainArray(value) ?? copyEscape(`{${value.map(arrayElement).join(",")}}`);
  }
  switch (typeof value) {
    case "string":
      return copyEscape(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`Not a finite number: ${value}`);
      return String(value);
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "t" : "f";
    default:
      if (value instanceof Date) return value.toISOString();
      throw new TypeError(`No COPY text for a value of type ${typeof value}; name the column's kind.`);
  }
}

/**
 * One row as a line of COPY text: its values tab-separated, each written as its kind says (text
 * when none), ending with a newline. Made in one join rather than appended field by field: the
 * import keeps ~25,000 lines a batch until they are written, and a line made by appending is a
 * rope of a few dozen small strings, which the garbage collector copied again and again (a quarter
 * of an import's CPU; docs/decisions/csv-import.md, "Less CPU per row").
 */
export function copyLine(values: readonly unknown[], kinds: readonly (CopyKind | undefined)[] = []): string {
  const last = values.length - 1;
  const fields = new Array<string>(values.length);
  for (let i = 0; i < last; i++) fields[i] = copyField(values[i], kinds[i]);
  fields[last] = copyField(values[last], kinds[last]) + "\n";
  return fields.join("\t");
}
