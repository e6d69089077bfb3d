/**
 * Retrieval infrastructure by corpus size (PRODUCT.md, "Costs v2": drivers that scale): where the
 * corpus's embeddings live, the embedding of the corpus, and its re-indexing as it changes.
 */
import { CHANGES_PER_YEAR } from "../../assessment";
import { figure, type Ctx } from "./context";

/**
 * Re-indexings a year: one per knowledge change, batched to at most one a day. Each re-embeds only
 * the documents the change touches (see retrievalInfra), not the whole corpus.
 */
export function reindexesPerYear(ctx: Ctx): number {
  const f = ctx.a.changeFrequency;
  return f ? Math.min(365, CHANGES_PER_YEAR[f]) : 0;
}

/**
 * A corpus up to the pgvector limit lives in the database the product already runs (its extra
 * capacity); a larger one, or one of unknown size, in a managed vector database at 000's $500 to
 * $3,000 a month. Embedding, at the embedding price (public prices): the whole corpus once in
 * year 1, then at each re-indexing only the share of the corpus the change touches (an estimate,
 * 1–10%; 000: "Updates to your knowledge base happen in real time at zero marginal cost beyond
 * storage"). Re-embedding the whole corpus at every change is not small: 10M documents changing
 * daily cost about $270k a year at the base figures, thirteen times the vector database; setting
 * the share to 100% still prices it that way.
 */
export function retrievalInfra(ctx: Ctx): number {
  const docs = ctx.a.corpusDocuments;
  if (docs === undefined) return figure(ctx, "vectorDbMonthlyUsd") * 12;
  const store = docs <= figure(ctx, "pgvectorMaxDocuments") ? figure(ctx, "pgvectorMonthlyUsd") : figure(ctx, "vectorDbMonthlyUsd");
  const reindexes = reindexesPerYear(ctx);
  // A corpus that never changes needs no share: its re-embedding is none, whatever the figure.
  const reembedded = reindexes === 0 ? 0 : reindexes * (figure(ctx, "reindexSharePct") / 100);
  return store * 12 + reembedded * embedUsd(ctx, docs);
}

/** Embedding the whole corpus once, at the embedding price. */
function embedUsd(ctx: Ctx, docs: number): number {
  return (docs * figure(ctx, "tokensPerDocument") * figure(ctx, "embeddingPricePerMTokens")) / 1_000_000;
}

/**
 * The corpus's first embedding, in year 1 only: a one-off line of its own (engine 2.14; 2.13
 * counted it in the retrieval infrastructure line, so year 1's running cost read above the later
 * years'). A corpus of unknown size has no embedding priced (retrievalInfra prices a managed
 * vector database instead).
 */
export function corpusEmbedding(ctx: Ctx): number {
  const docs = ctx.a.corpusDocuments;
  return ctx.year === 1 && docs !== undefined ? embedUsd(ctx, docs) : 0;
}
