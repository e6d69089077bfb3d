/** Retrieval infrastructure: where the corpus's embeddings live and are kept current. */
import { figure, type Ctx } from "./context";

/** Vector database, $500–3,000 a month (000), every year. */
export function retrievalInfra(ctx: Ctx): number {
  return figure(ctx, "vectorDbMonthlyUsd") * 12;
}
