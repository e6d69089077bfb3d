/**
 * Retrieval infrastructure by corpus size (PRODUCT.md, "Costs v2": drivers that scale): where the
 * corpus's embeddings live, the embedding of the corpus, and its re-indexing as it changes.
 */
import { CHANGES_PER_YEAR } from "../../assessment";
import { figure, type Ctx } from "./context";

/**
 * Full re-embeddings a year: one per knowledge change, batched to at most one a day. Re-embedding
 * the whole corpus is the upper bound (only changed documents need it); at embedding prices it is
 * small either way.
 */
export function reindexesPerYear(ctx: Ctx): number {
  const f = ctx.a.changeFrequency;
  return f ? Math.min(365, CHANGES_PER_YEAR[f]) : 0;
}

/**
 * A corpus up to the pgvector limit lives in the database the product already runs (its extra
 * capacity); a larger one, or one of unknown size, in a managed vector database at 000's $500 to
 * $3,000 a month. Embedding: the corpus once in year 1, then again at each re-indexing, at the
 * embedding price (public prices).
 */
export function retrievalInfra(ctx: Ctx): number {
  const docs = ctx.a.corpusDocuments;
  if (docs === undefined) return figure(ctx, "vectorDbMonthlyUsd") * 12;
  const store = docs <= figure(ctx, "pgvectorMaxDocuments") ? figure(ctx, "pgvectorMonthlyUsd") : figure(ctx, "vectorDbMonthlyUsd");
  const embeddings = (ctx.year === 1 ? 1 : 0) + reindexesPerYear(ctx);
  const embedUsd = (docs * figure(ctx, "tokensPerDocument") * figure(ctx, "embeddingPricePerMTokens")) / 1_000_000;
  return store * 12 + embeddings * embedUsd;
}
