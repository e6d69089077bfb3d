/** Training a model and keeping it current: compute, curation, retraining, hosting. */
import type { Assessment } from "../../assessment";
import { retrainingCyclesPerYear } from "../retraining";
import { answer, figure, HOURS_PER_YEAR, type Ctx } from "./context";

/**
 * Training compute, year 1. An API-hosted fine-tune is billed per training token: examples (at
 * least 5,000) × tokens per example × epochs × the price per token (public). Otherwise:
 * - a full fine-tune costs 000's $5k–50k for a 7B model ("initial fine-tuning costs range from
 *   $5,000 to $50,000 in compute alone");
 * - LoRA scales with the examples from 002's own figure, $50–200 of GPU compute for 5,000 curated
 *   examples (at least 5,000, 002's reference set), and never costs more than 000's full
 *   fine-tune less LoRA's 60–80% saving (000), the ceiling for a large dataset. 000's figure
 *   alone priced 002's 5,000 examples at $1,000–20,000, twenty to a hundred times 002's.
 */
export function trainingCompute(ctx: Ctx): number {
  if (ctx.year !== 1) return 0;
  const examples = Math.max(5000, ctx.a.labeledExamples ?? 0);
  if (ctx.set.ftDeployment === "API_HOSTED") {
    return (examples * figure(ctx, "trainingTokensPerExample") * figure(ctx, "trainingEpochs") * figure(ctx, "trainingPricePerMTokens")) / 1_000_000;
  }
  const full = figure(ctx, "ftFullComputeUsd");
  if (ctx.set.fineTuneMethod === "FULL") return full;
  const ceiling = full * (1 - figure(ctx, "loraComputeSavingPct") / 100);
  const scaled = figure(ctx, "lora5kExamplesComputeUsd") * (examples / 5000);
  return Math.min(scaled, ceiling);
}

/**
 * Labeled examples still to curate: those fine-tuning needs (002: "typically in the hundreds to low
 * thousands of high-quality instruction-response pairs, curated and validated by domain experts")
 * less those the use case has. The assessment asks for examples already curated, labeled and
 * validated by domain experts, so those are not curated again; an unanswered count is taken as none
 * in hand. Until engine 2.13 the examples in hand were what was curated (at least 5,000), so 25,000
 * ready examples cost $166,667 of curation and none cost $33,333: having data counted against
 * fine-tuning.
 */
export function examplesToCurate(ctx: Ctx): number {
  return Math.max(0, figure(ctx, "ftExamplesNeeded") - (ctx.a.labeledExamples ?? 0));
}

/**
 * Data curation, year 1: expert review per example still to curate at the engineer rate, and at
 * least 002's own measure, 10–50 times the training compute in labour, taken against 002's compute
 * figure for the same number of examples ($50–200 of LoRA compute for 5,000 curated examples). The
 * multiple is not applied to 000's $5k–50k full fine-tune (a larger dataset's compute): that would
 * price 5,000 examples at up to $1M of labour. Formatting and loading the examples already in hand
 * is not charged here: no source prices it apart, and it is part of the build (003's weeks of
 * engineering), which every fine-tune pays.
 */
export function dataCuration(ctx: Ctx): number {
  if (ctx.year !== 1) return 0;
  const examples = examplesToCurate(ctx);
  const perExample = examples * (figure(ctx, "curationMinutesPerExample") / 60) * figure(ctx, "engineerRate");
  const multiple = figure(ctx, "lora5kExamplesComputeUsd") * (examples / 5000) * figure(ctx, "dataCurationMultiple");
  return Math.max(perExample, multiple);
}

/** Retraining: cycles a year × $10k–30k per significant change (000). */
export function retraining(ctx: Ctx): number {
  const known = answer(ctx, "changeFrequency", ctx.a.changeFrequency === undefined ? null : 0);
  return known + ctx.cycles * figure(ctx, "retrainCostUsd");
}

/**
 * Hosting the deployed fine-tuned model, billed by the hour whether used or not (public source);
 * self-hosted, one GPU kept on all year for availability. Its hours serve the calls too: only the
 * GPU hours the calls need beyond it are inference (./inference.ts).
 */
export function ftHosting(ctx: Ctx): number {
  if (ctx.set.ftDeployment === "SELF_HOSTED") return figure(ctx, "gpuHourlyUsd") * HOURS_PER_YEAR;
  return figure(ctx, "ftHostingHourlyUsd") * HOURS_PER_YEAR;
}

/**
 * Cycles a year per approach. Fine-tuning retrains on every knowledge change, batched within the
 * acceptable lag. Hybrid keeps facts in retrieval, so it retrains only for behaviour: at most once
 * a year, and never when the knowledge is static. Where the assessment says there is no budget for
 * retraining (000's prerequisite: "You have budget for ongoing retraining cycles"), none is priced:
 * the model is counted as trained once and left as it is, so its staleness, and whether it meets
 * the lag, follow from that. Engine 2.15 priced the cycles the organization said it could not
 * pay for, and offered fine-tuning as "the cheapest approach that meets the 30-day lag".
 */
export function cyclesFor(approach: string, a: Assessment, lagDays: number): number {
  if (a.retrainingBudget === false) return 0;
  if (approach === "FINE_TUNING") return retrainingCyclesPerYear(a.changeFrequency, a.maxLagDays, lagDays);
  if (approach === "HYBRID") return Math.min(1, retrainingCyclesPerYear(a.changeFrequency, a.maxLagDays, lagDays));
  return 0;
}
