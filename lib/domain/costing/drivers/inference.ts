/** Inference: the calls a year at the model's price. */
import { answer, figure, type Ctx } from "./context";

/**
 * Base model inference: calls × (input tokens × input price + output tokens × output price), the
 * prices per million tokens from the model price catalogue (or set by hand).
 */
export function baseInference(ctx: Ctx): number {
  const calls = answer(ctx, "monthlyCalls", ctx.callsThisYear);
  const input = figure(ctx, "inputTokensPerCall") * figure(ctx, "modelInputPricePerMTokens");
  const output = figure(ctx, "outputTokensPerCall") * figure(ctx, "modelOutputPricePerMTokens");
  return (calls * (input + output)) / 1_000_000;
}

const withRetrieval = (ctx: Ctx, usd: number) => usd * (1 + figure(ctx, "retrievalOverheadPct") / 100);

/** RAG inference: base inference plus 15–30% retrieval overhead (000). */
export function ragInference(ctx: Ctx): number {
  return withRetrieval(ctx, baseInference(ctx));
}

/** Fine-tuned inference: a fine-tuned smaller model at a fraction of the base price (002, 003). */
export function ftInference(ctx: Ctx): number {
  return baseInference(ctx) * figure(ctx, "ftInferencePriceFactor");
}

/** Hybrid inference: the fine-tuned model's price plus the retrieval overhead. */
export function hybridInference(ctx: Ctx): number {
  return withRetrieval(ctx, ftInference(ctx));
}
