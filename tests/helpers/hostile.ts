/**
 * Arbitraries for hostile input: what a crafted request to a server action can carry. React's
 * reply decoding gives an action strings, numbers (NaN, ±Infinity, -0 included), booleans, null,
 * undefined, bigints, Dates, arrays, plain objects (own "__proto__" keys included, as JSON.parse
 * makes them), Maps, Sets, Blobs and typed arrays; so do these.
 */
import fc from "fast-check";

const MB = 1_000_000;

/** Made once: a megabyte of text of a few kinds (generating them per run would only cost time). */
const HUGE = ["x".repeat(MB), "é".repeat(MB / 2), "👩‍💻".repeat(MB / 5), `${"<script>".repeat(MB / 8)}`, ` ${"a".repeat(MB)} `];

const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__", "then"] as const;

/** Strings that have broken real systems, each on purpose. */
export const NASTY_STRINGS: readonly string[] = [
  "",
  " ",
  "\t\r\n",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "x\uDFFFy",
  "\uDBFF",
  "\uDC00\uD800",
  "\u202Eevil\u202C",
  "مرحبا بالعالم",
  "שלום \u200Fעולם",
  "\u200B\u200C\u200D\u2060\uFEFF",
  "👩‍👩‍👧‍👦🏳️‍🌈",
  "Z̷̛̖a̵̘͝l̶̰̈g̸̱̈́ő̴̜",
  "\u0085\u2028\u2029",
  "'; DROP TABLE \"UseCase\"; --",
  "' OR '1'='1",
  "1; SELECT pg_sleep(5)--",
  "$1 $$ \\x00 %s %n {0}",
  "\\",
  "<script>window.__xss=1</script>",
  "<img src=x onerror=window.__xss=1>",
  "\"><svg onload=window.__xss=1>",
  "javascript:alert(1)",
  "{{constructor.constructor('return 1')()}}",
  "${7*7}",
  "=HYPERLINK(\"http://x\")",
  ...PROTOTYPE_KEYS,
  '{"__proto__":{"polluted":1}}',
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
  "０１２３",
  "İıß",
  "a".repeat(201),
  "a".repeat(5001),
  ...HUGE,
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const nastyChar = fc.oneof(
  fc.constantFrom("\u0000", "\u0001", "\u001f", "\u007f", "\u202e", "\u200b", "\ufeff", "<", ">", "'", '"', "\\", "&", ";", "%", "\n", "é", "😀"),
  loneSurrogate,
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 4 },
  { arbitrary: fc.string({ unit: nastyChar, maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 300 }), weight: 1 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 60 }), weight: 1 },
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER + 2, -1, 2 ** 31, 2 ** 63, 1e308, 0.1 + 0.2, 1.5, 4.25),
  fc.double(),
  fc.integer(),
);

export const hostileKey: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), hostileString);

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 4 },
  { arbitrary: hostileNumber, weight: 3 },
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.bigInt(),
  fc.constantFrom(new Date(NaN), new Date(0), new Date(8.64e15)),
  fc.constant(new Blob(["a,b\r\n1,2\r\n"], { type: "text/csv" })),
  fc.constant(new Uint8Array([0, 255, 0xfe, 0xff])),
);

/** An object with its own entries, "__proto__" included as an own key (what JSON.parse makes). */
function objectFrom(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { arbitrary: scalar, weight: 6 },
    { arbitrary: fc.array(tie("value"), { maxLength: 4 }), weight: 1 },
    { arbitrary: fc.array(fc.tuple(hostileKey, tie("value")), { maxLength: 4 }).map(objectFrom), weight: 2 },
    { arbitrary: fc.array(fc.tuple(hostileKey, tie("value")), { maxLength: 3 }).map((e) => new Map(e)), weight: 1 },
    { arbitrary: fc.array(tie("value"), { maxLength: 3 }).map((e) => new Set(e)), weight: 1 },
  ),
})).value;

/** A path into a value: object keys and array indexes. */
export type Path = (string | number)[];

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Every path to a value inside `v` (the root included), walking plain objects and arrays. */
function pathsOf(v: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...pathsOf(x, [...prefix, i])));
  else if (isPlainObject(v)) for (const k of Object.keys(v)) out.push(...pathsOf(v[k], [...prefix, k]));
  return out;
}

/** The paths of plain objects inside `v` (where a key can be added). */
function objectPathsOf(v: unknown): Path[] {
  return pathsOf(v).filter((p) => isPlainObject(get(v, p)));
}

function get(v: unknown, path: Path): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], v);
}

/** One change to a valid input: a value replaced, a key added, or a key removed. */
export type Mutation = { kind: "replace"; at: number; value: unknown } | { kind: "add"; at: number; key: string; value: unknown } | { kind: "remove"; at: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), value: hostileValue }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant("add" as const), at: fc.nat(), key: hostileKey, value: hostileValue }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("remove" as const), at: fc.nat() }), weight: 1 },
);

/**
 * How many random mutations an input gets: `max` for an input with four places a mutation can
 * strike (its paths, the root included) or more, and proportionally fewer below that. Every
 * mutation of an empty input is the root replaced or a key added, so thirty of them try the
 * same two things over and over (and an accepted one can be costly: re-scoring every use case).
 */
export function mutationRuns(input: unknown, max: number): number {
  return Math.max(1, Math.min(max, Math.round((max * pathsOf(input).length) / 4)));
}

/** The `at` of a "replace" mutation for each number inside `input` (where applyMutation will put its value). */
export function numberReplacements(input: unknown): number[] {
  return pathsOf(input).flatMap((p, i) => (typeof get(input, p) === "number" ? [i] : []));
}

/** Applies a mutation to `input` in place (or returns the replacement for the root). */
export function applyMutation(input: unknown, m: Mutation): unknown {
  if (m.kind === "add") {
    const paths = objectPathsOf(input);
    if (!paths.length) return input;
    const target = get(input, paths[m.at % paths.length]!) as Record<string, unknown>;
    Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    return input;
  }
  const paths = pathsOf(input).filter((p) => m.kind === "replace" || p.length > 0);
  if (!paths.length) return input;
  const path = paths[m.at % paths.length]!;
  if (path.length === 0) return (m as { value: unknown }).value;
  const parent = get(input, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  if (m.kind === "remove") {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else {
    Object.defineProperty(parent, key, { value: m.value, enumerable: true, writable: true, configurable: true });
  }
  return input;
}

/** A short description of a value for failure messages (never a megabyte of it). */
export function describe(v: unknown): string {
  try {
    const s = JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : typeof x === "string" && x.length > 60 ? `${x.slice(0, 60)}…(${x.length})` : x));
    return s === undefined ? String(v) : s.length > 400 ? `${s.slice(0, 400)}…` : s;
  } catch {
    return String(v);
  }
}
