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

/**
 * Fine-tuned inference, by deployment: a fine-tuned smaller model at a fraction of the base
 * price (002, 003; the default); an API-hosted fine-tune of the base model at 1.5–2 times its
 * price (public price tables); a self-hosted open model at the GPU hours its calls take, divided
 * by the utilisation, at the GPU's hourly price.
 */
export function ftInference(ctx: Ctx): number {
  const deployment = ctx.set.ftDeployment ?? "SMALL_MODEL";
  if (deployment === "API_HOSTED") return baseInference(ctx) * figure(ctx, "hostedFtPriceFactor");
  if (deployment === "SELF_HOSTED") {
    const calls = answer(ctx, "monthlyCalls", ctx.callsThisYear);
    return ((calls * figure(ctx, "gpuSecondsPerCall")) / 3600 / (figure(ctx, "gpuUtilisationPct") / 100)) * figure(ctx, "gpuHourlyUsd");
  }
  return baseInference(ctx) * figure(ctx, "ftInferencePriceFactor");
}

/** Hybrid inference: the fine-tuned model's price plus the retrieval overhead. */
export function hybridInference(ctx: Ctx): number {
  return withRetrieval(ctx, ftInference(ctx));
}
