/** Inference: the calls a year at the model's price. */
import type { AssumptionSet } from "../assumptions";
import { answer, figure, HOURS_PER_YEAR, type Ctx, type Fig } from "./context";

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
 * by the utilisation, at the GPU's hourly price, beyond the hours of the GPU kept on all year.
 */
export function ftInference(ctx: Ctx): number {
  const deployment = ctx.set.ftDeployment ?? "SMALL_MODEL";
  if (deployment === "API_HOSTED") return baseInference(ctx) * figure(ctx, "hostedFtPriceFactor");
  if (deployment === "SELF_HOSTED") {
    const calls = answer(ctx, "monthlyCalls", ctx.callsThisYear);
    const paidHours = calls * paidGpuHoursPerCall(figure(ctx, "gpuSecondsPerCall"), figure(ctx, "gpuUtilisationPct"));
    // The GPU kept on all year (hosting, ./training.ts) serves the calls first; only the hours
    // beyond it are paid again here. Adding both billed a year of GPU time twice ($8,333 a year
    // too much at a million calls a month, at the base figures).
    return Math.max(0, paidHours - HOURS_PER_YEAR) * figure(ctx, "gpuHourlyUsd");
  }
  return baseInference(ctx) * figure(ctx, "ftInferencePriceFactor");
}

/** Paid GPU hours a call takes on a self-hosted model: its GPU seconds over the utilisation. */
const paidGpuHoursPerCall = (seconds: number, utilisationPct: number) => seconds / 3600 / (utilisationPct / 100);

/** Hybrid inference: the fine-tuned model's price plus the retrieval overhead. */
export function hybridInference(ctx: Ctx): number {
  return withRetrieval(ctx, ftInference(ctx));
}

/**
 * Where a cost stops being linear in volume: the monthly calls (the first year's, as the answer
 * gives them), one per year of the horizon, at which a self-hosted model's calls outgrow the GPU
 * kept on all year. Below, its inference costs nothing beyond hosting; above, it grows with the
 * calls. Empty for the other deployments, whose every cost is fixed plus a price per call. The
 * break-even (../project.ts) and the Monte Carlo (../simulate.ts) read it.
 */
export function volumeKinks(set: AssumptionSet, fig: Fig, yearlyGrowthPct: number | undefined, horizonYears: number): number[] {
  if (set.ftDeployment !== "SELF_HOSTED") return [];
  const seconds = fig("gpuSecondsPerCall"), utilisation = fig("gpuUtilisationPct");
  if (!seconds || !utilisation) return [];
  const callsAYearAtCapacity = HOURS_PER_YEAR / paidGpuHoursPerCall(seconds, utilisation);
  const growth = 1 + (yearlyGrowthPct ?? 0) / 100;
  const out: number[] = [];
  for (let year = 1; year <= horizonYears; year++) out.push(callsAYearAtCapacity / 12 / growth ** (year - 1));
  return out;
}
