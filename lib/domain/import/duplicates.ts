/**
 * Close titles in bulk: for each imported row, the use cases already in the registry, and the
 * other rows of the file, whose titles are close to its own. Close means what it means when a
 * use case is logged by hand (lib/domain/similar-titles.ts: normalised, then the higher of
 * trigram and edit-distance similarity, at least SIMILARITY_THRESHOLD). A warning, never a block.
 *
 * Comparing every row with every title would be 10,000 × 20,000 comparisons, so candidates are
 * found first with a prefix filter over the titles' trigrams (rarest trigrams first: two titles
 * whose trigram sets overlap by at least half must share one of their first few), then judged
 * exactly. What this can miss: a pair close only by edit distance that shares less than half of
 * its trigrams (very short titles with several typos). Each row lists at most `maxMatches`
 * matches, judged among its `maxCandidates` best candidates.
 *
 * The work is bounded: when the titles are so alike that following every shared trigram would
 * take too long (10,000 titles all starting "Generated use case …"), the most common trigrams are
 * left out of the search and the result says it is not complete.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { levenshtein, normalizeTitle, SIMILARITY_THRESHOLD, trigramKeys, trigramSimilarity } from "../similar-titles";

export interface CloseTitleMatch {
  kind: "existing" | "row";
  /** The use case's id, or the row number. */
  ref: string | number;
  title: string;
  similarity: number;
}

interface Item {
  kind: "existing" | "row";
  ref: string | number;
  title: string;
  normalized: string;
  keys: Set<number>;
  /** Token ids, rarest first. */
  ordered: number[];
  prefix: number;
}

/**
 * titleSimilarity (lib/domain/similar-titles.ts) on titles normalised and cut into trigrams once,
 * when it reaches the threshold; 0 otherwise. The edit distance is only computed where trigrams
 * fall short, and gives up as soon as it cannot reach the threshold (as findSimilarTitles does).
 * A pair close by trigrams is reported with its trigram similarity, which may understate
 * titleSimilarity a little (it takes the higher of the two); the verdict is the same.
 */
export function closeSimilarity(a: { normalized: string; keys: Set<number> }, b: { normalized: string; keys: Set<number> }, threshold: number): number {
  if (a.normalized === b.normalized) return 1;
  const t = trigramSimilarity(a.keys, b.keys);
  if (t >= threshold) return t;
  const longest = Math.max(a.normalized.length, b.normalized.length);
  const maxDistance = Math.floor(longest * (1 - threshold) + 1e-9);
  if (Math.abs(a.normalized.length - b.normalized.length) > maxDistance) return 0;
  const d = levenshtein(a.normalized, b.normalized, maxDistance);
  return d <= maxDistance ? Math.max(t, 1 - d / longest) : 0;
}

const CANDIDATE_OVERLAP = 0.5;
/** Posting-list entries followed at most (about half a second of work). */
const WORK_BUDGET = 30_000_000;

export interface CloseTitles {
  /** Row number → its close titles, most similar first. */
  matches: Map<number, CloseTitleMatch[]>;
  /** False when the most common trigrams had to be left out to keep within the work budget. */
  complete: boolean;
}

export function findCloseTitles(
  rows: readonly { row: number; title: string; selfId?: string | null }[],
  existing: readonly { id: string; title: string }[],
  options: { compareRows?: boolean; threshold?: number; maxMatches?: number; maxCandidates?: number; workBudget?: number } = {},
): CloseTitles {
  const threshold = options.threshold ?? SIMILARITY_THRESHOLD;
  const maxMatches = options.maxMatches ?? 3;
  const maxCandidates = options.maxCandidates ?? 64;
  const compareRows = options.compareRows ?? true;

  const items: Item[] = [];
  const make = (kind: Item["kind"], ref: string | number, title: string) => {
    const normalized = normalizeTitle(title);
    if (!normalized) return -1;
    items.push({ kind, ref, title, normalized, keys: trigramKeys(normalized), ordered: [], prefix: 0 });
    return items.length - 1;
  };
  for (const e of existing) make("existing", e.id, e.title);
  const rowItems = rows.map((r) => ({ index: make("row", r.row, r.title), selfId: r.selfId ?? null, row: r.row }));

  // Token ids and document frequencies.
  const tokenId = new Map<number, number>();
  const df: number[] = [];
  for (const it of items) {
    for (const k of it.keys) {
      let id = tokenId.get(k);
      if (id === undefined) {
        id = df.length;
        tokenId.set(k, id);
        df.push(0);
      }
      df[id]!++;
    }
  }
  const postings: number[][] = Array.from({ length: df.length }, () => []);
  items.forEach((it, i) => {
    it.ordered = [...it.keys].map((k) => tokenId.get(k)!).sort((a, b) => df[a]! - df[b]! || a - b);
    it.prefix = it.ordered.length - Math.ceil(CANDIDATE_OVERLAP * it.ordered.length) + 1;
    if (it.kind === "row" && !compareRows) return;
    for (let p = 0; p < it.prefix; p++) postings[it.ordered[p]!]!.push(i);
  });

  // The work this would take; over budget, leave out the longest posting lists.
  const budget = options.workBudget ?? WORK_BUDGET;
  const work = (cap: number) => {
    let w = 0;
    for (const { index } of rowItems) {
      if (index < 0) continue;
      const me = items[index]!;
      for (let p = 0; p < me.prefix; p++) {
        const n = postings[me.ordered[p]!]!.length;
        if (n <= cap) w += n;
      }
    }
    return w;
  };
  let cap = Infinity;
  if (work(cap) > budget) {
    cap = Math.max(1, ...postings.map((p) => p.length));
    while (cap > 1 && work(cap) > budget) cap = Math.floor(cap / 2);
  }

  const counts = new Int32Array(items.length);
  const out = new Map<number, CloseTitleMatch[]>();
  for (const { index, selfId, row } of rowItems) {
    if (index < 0) continue;
    const me = items[index]!;
    const touched: number[] = [];
    for (let p = 0; p < me.prefix; p++) {
      const list = postings[me.ordered[p]!]!;
      if (list.length > cap) continue;
      for (const j of list) {
        if (j === index) continue;
        if (counts[j] === 0) touched.push(j);
        counts[j]!++;
      }
    }
    touched.sort((a, b) => counts[b]! - counts[a]! || a - b);
    // Best candidates first (most shared rare trigrams); stop at maxMatches.
    const matches: CloseTitleMatch[] = [];
    for (let c = 0; c < touched.length && c < maxCandidates && matches.length < maxMatches; c++) {
      const other = items[touched[c]!]!;
      if (other.kind === "existing" && other.ref === selfId) continue;
      const s = closeSimilarity(me, other, threshold);
      if (s >= threshold) matches.push({ kind: other.kind, ref: other.ref, title: other.title, similarity: Math.round(s * 100) / 100 });
    }
    for (const j of touched) counts[j] = 0;
    if (matches.length) {
      matches.sort((a, b) => b.similarity - a.similarity || (a.kind === b.kind ? 0 : a.kind === "existing" ? -1 : 1));
      out.set(row, matches.slice(0, maxMatches));
    }
  }
  return { matches: out, complete: cap === Infinity };
}

export const INCOMPLETE_CLOSE_TITLES =
  "The titles are very much alike, so close titles were looked for among their less common parts only: some may not be pointed out.";

/** "Close to “Support chatbot” (already in the registry) and row 12 “Support chat bot”." */
export function describeCloseTitles(matches: readonly CloseTitleMatch[]): string {
  const parts = matches.map((m) => (m.kind === "existing" ? `“${m.title}” (already in the registry)` : `row ${m.ref} “${m.title}”`));
  return `The title is close to ${parts.join(" and ")}. Check that this is not the same use case.`;
}
