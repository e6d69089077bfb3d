/**
 * The sentence under the use case's cost table that says what its retrieval infrastructure line
 * is made of: where the corpus's embeddings live and at what a month, and its re-indexing. A
 * reviewer met "$0.20 a year" of retrieval infrastructure for a production RAG system (pgvector in
 * the database already running, $0 a month in the low case, and a little re-embedding) with nothing
 * on the page to say why. Pure: from the projection's stored basis (engine 2.15 on; absent before,
 * which says nothing here).
 */
import type { Approach } from "../assessment";
import type { Range } from "./assumption-catalog";
import type { RetrievalBasis } from "./project";

const whole = (n: number) => Math.round(n).toLocaleString("en-US");
const decimal = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });

/** "$50", or "$0–150 (base $50)", "1–10% (base 2%)"; null where the base is missing. */
function rangeText(r: Range, num: (n: number) => string, prefix: string, suffix: string): string | null {
  if (r.base === null) return null;
  const one = (n: number) => `${prefix}${num(n)}${suffix}`;
  if (r.low === null || r.high === null || (r.low === r.base && r.high === r.base)) return one(r.base);
  return `${prefix}${num(r.low)}–${num(r.high)}${suffix} (base ${one(r.base)})`;
}

export function retrievalNote(b: RetrievalBasis | null | undefined, shown: readonly Approach[]): string | null {
  if (!b || !shown.some((a) => a === "RAG" || a === "HYBRID")) return null;
  const monthly = rangeText(b.monthlyUsd, whole, "$", "");
  if (!monthly) return null;
  const where =
    b.store === "pgvector"
      ? `the corpus of ${whole(b.corpusDocuments!)} documents fits pgvector in the database already running (up to ${whole(b.pgvectorMaxDocuments!)} documents), priced at the extra capacity it takes, ${monthly} a month${b.monthlyUsd.low === 0 ? " (the low case takes it as spare capacity already paid for)" : ""}`
      : b.corpusDocuments === null
        ? `the corpus's size is unanswered, so it is priced as a managed vector database, ${monthly} a month (000's $500 to $3,000), with nothing for embedding it`
        : `the corpus of ${whole(b.corpusDocuments)} documents is more than pgvector in the database already running is priced for (${b.pgvectorMaxDocuments === null ? "no limit set" : `up to ${whole(b.pgvectorMaxDocuments)} documents`}), so it is priced as a managed vector database, ${monthly} a month (000's $500 to $3,000)`;
  const share = rangeText(b.reindexSharePct, decimal, "", "%");
  const reindex =
    b.corpusDocuments === null
      ? ""
      : b.reindexesPerYear === 0 || !share
        ? "; no re-indexing is priced, as the knowledge is not said to change"
        : b.asTheyArrive
          ? // Real-time knowledge: a review read "365 re-indexings a year" beside RAG meeting a 0-day lag.
            `, plus re-embedding the changed documents as they arrive, priced as ${share} of the corpus a day (000: "Updates to your knowledge base happen in real time at zero marginal cost beyond storage")`
          : `, plus re-embedding ${share} of the corpus at each of its ${whole(b.reindexesPerYear)} re-indexing${b.reindexesPerYear === 1 ? "" : "s"} a year`;
  const first = b.corpusDocuments === null ? "" : " The corpus's first embedding is a year-1 line of its own.";
  return `Retrieval infrastructure (RAG and the hybrid): ${where}${reindex}.${first}`;
}
