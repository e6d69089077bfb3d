/**
 * Near-duplicate titles: "Support chatbot (EMEA)" and "support-chatbot emea" are the same idea,
 * "Support chat bot" very likely is too. Used to warn, not to block, when a use case is logged
 * or renamed (docs/decisions/duplicate-titles-warn.md).
 *
 * Pure: no Next.js, Prisma or I/O.
 */

/** Two titles are "close" at or above this similarity (0 to 1). */
export const SIMILARITY_THRESHOLD = 0.8;

/** Lower-case, accents and punctuation stripped, runs of spaces collapsed. */
export function normalizeTitle(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * The trigrams of a normalised string, the way PostgreSQL's pg_trgm makes them: each word is
 * padded with two spaces in front and one behind, then cut into overlapping three-letter pieces.
 */
export function trigrams(normalized: string): Set<string> {
  const out = new Set<string>();
  for (const word of normalized.split(" ")) {
    if (!word) continue;
    const padded = `  ${word} `;
    // UTF-16 code units: a letter outside the BMP makes two odd trigrams, the same on both sides.
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

/**
 * The same trigrams as numbers (three UTF-16 code units packed into one exact integer), which
 * is several times faster to build and compare than strings; used for bulk matching.
 */
export function trigramKeys(normalized: string): Set<number> {
  const out = new Set<number>();
  forEachTrigramKey(normalized, (k) => out.add(k));
  return out;
}

function forEachTrigramKey(normalized: string, visit: (key: number) => void): void {
  const SPACE = 32;
  let c1 = SPACE;
  let c2 = SPACE;
  let inWord = false;
  for (let i = 0; i <= normalized.length; i++) {
    const c = i < normalized.length ? normalized.charCodeAt(i) : SPACE;
    if (c === SPACE) {
      if (inWord) visit(c1 * 4294967296 + c2 * 65536 + SPACE);
      inWord = false;
      c1 = SPACE;
      c2 = SPACE;
      continue;
    }
    inWord = true;
    visit(c1 * 4294967296 + c2 * 65536 + c);
    c1 = c2;
    c2 = c;
  }
}

/** How many of the string's trigram windows (with repeats) are among `keys`: an upper bound of the shared trigrams. */
function sharedWindows(normalized: string, keys: ReadonlySet<number>): number {
  let n = 0;
  forEachTrigramKey(normalized, (k) => {
    if (keys.has(k)) n++;
  });
  return n;
}

/** Shared trigrams over all trigrams (pg_trgm's `similarity`), 0 to 1. */
export function trigramSimilarity<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const t of small) if (large.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Edit distance (insertions, deletions, substitutions), over UTF-16 code units. With `max`, gives
 * up early and returns `max + 1` as soon as the distance is known to exceed it.
 */
export function levenshtein(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let curr = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = curr[j - 1]! + 1;
      const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, curr] = [curr, prev];
  }
  const d = prev[b.length]!;
  return d > max ? max + 1 : d;
}

/** 1 minus the edit distance over the longer length, 0 to 1. */
export function levenshteinSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 0;
  return 1 - levenshtein(a, b) / longest;
}

/**
 * How alike two titles are, 0 to 1: 1 when they normalise to the same text, else the higher of
 * trigram similarity (catches reordered words) and edit-distance similarity (catches typos and
 * plurals). Titles that normalise to nothing match nothing.
 */
export function titleSimilarity(a: string, b: string): number {
  const na = normalizeTitle(a);
  const nb = normalizeTitle(b);
  if (!na || !nb) return 0;
  if (na === nb) return 1;
  return Math.max(trigramSimilarity(trigramKeys(na), trigramKeys(nb)), levenshteinSimilarity(na, nb));
}

function letterCounts(s: string): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    m.set(c, (m.get(c) ?? 0) + 1);
  }
  return m;
}

/**
 * A lower bound of the edit distance, cheap to compute: the letters one string has more of than
 * the other (each edit fixes at most one surplus on each side).
 */
export function letterBagDistance(aCounts: ReadonlyMap<number, number>, b: string): number {
  const bCounts = letterCounts(b);
  let surplusA = 0;
  let surplusB = 0;
  for (const [c, n] of aCounts) {
    const m = bCounts.get(c) ?? 0;
    if (n > m) surplusA += n - m;
  }
  for (const [c, m] of bCounts) {
    const n = aCounts.get(c) ?? 0;
    if (m > n) surplusB += m - n;
  }
  return Math.max(surplusA, surplusB);
}

export interface SimilarMatch<T> {
  item: T;
  similarity: number;
}

/**
 * The candidates whose titles are close to `title`, most similar first. Built for a few
 * thousand candidates per call: each title is normalised once, and the edit distance is only
 * computed, with an early exit, where the lengths leave it possible to reach the threshold.
 */
export function findSimilarTitles<T extends { title: string }>(
  title: string,
  candidates: readonly T[],
  options: { threshold?: number; limit?: number } = {},
): SimilarMatch<T>[] {
  const threshold = options.threshold ?? SIMILARITY_THRESHOLD;
  const limit = options.limit ?? 5;
  const query = normalizeTitle(title);
  if (!query) return [];
  const queryTrigrams = trigramKeys(query);
  const queryLength = query.length;
  const queryLetters = letterCounts(query);
  const matches: SimilarMatch<T>[] = [];
  for (const item of candidates) {
    const other = normalizeTitle(item.title);
    if (!other) continue;
    if (other === query) {
      matches.push({ item, similarity: 1 });
      continue;
    }
    // Shared trigrams can be at most the shared windows, and the union at least the query's
    // trigrams: when even that bound falls short, the exact similarity is not worth computing.
    let similarity = 0;
    if (sharedWindows(other, queryTrigrams) >= threshold * queryTrigrams.size) similarity = trigramSimilarity(queryTrigrams, trigramKeys(other));
    if (similarity < threshold) {
      const longest = Math.max(queryLength, other.length);
      const maxDistance = Math.floor(longest * (1 - threshold) + 1e-9);
      if (Math.abs(queryLength - other.length) <= maxDistance && letterBagDistance(queryLetters, other) <= maxDistance) {
        const d = levenshtein(query, other, maxDistance);
        if (d <= maxDistance) similarity = Math.max(similarity, 1 - d / longest);
      }
    }
    if (similarity >= threshold) matches.push({ item, similarity });
  }
  matches.sort((x, y) => y.similarity - x.similarity || x.item.title.localeCompare(y.item.title));
  return matches.slice(0, limit);
}
