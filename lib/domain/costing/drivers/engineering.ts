/**
 * People: building, evaluating and keeping a system running, at the engineer rate (000). Both
 * builds are measured the same way, in engineering weeks at the production stage (003).
 */
import { figure, HOURS_PER_WEEK, type Ctx } from "./context";

const weeksOfWork = (ctx: Ctx, weeks: number) => weeks * HOURS_PER_WEEK * figure(ctx, "engineerRate");

/** RAG build: production 6–12 weeks of engineering (003) at the engineer rate (000), in year 1. */
export function ragBuild(ctx: Ctx): number {
  if (ctx.year !== 1) return 0;
  return weeksOfWork(ctx, figure(ctx, "ragBuildWeeks"));
}

/**
 * Fine-tuning build: 003's 6–12-week MVP plus the 4–8 weeks that take RAG from MVP to
 * production, so 10–20 weeks, at the engineer rate (000), in year 1. (000's 200–400 hours for a
 * first deployment are kept for reference: 5–10 weeks, an MVP's measure.)
 */
export function ftBuild(ctx: Ctx): number {
  if (ctx.year !== 1) return 0;
  return weeksOfWork(ctx, figure(ctx, "ftBuildWeeks"));
}

/**
 * Keeping a retrieval index running, for the approaches that have one (RAG, the hybrid): hours a
 * week × 52 at the engineer rate (hours an estimate; 002: "ongoing index management", which it
 * names among RAG's costs). Prompting alone and fine-tuning alone have no index, so none is charged
 * to them (until engine 2.13 it was charged to every approach: $124,800 over three years beside $49
 * of a prompting use case's inference).
 */
export function indexUpkeep(ctx: Ctx): number {
  return figure(ctx, "maintenanceHoursPerWeek") * 52 * figure(ctx, "engineerRate");
}

/**
 * Prompting alone's upkeep: revisiting the prompt as the model or the task changes, hours a month ×
 * 12 at the engineer rate. No source gives a figure: it is an assumption, set low, that finance can
 * change (assumption-catalog.ts says so on the Assumptions page).
 */
export function promptUpkeep(ctx: Ctx): number {
  return figure(ctx, "promptUpkeepHoursPerMonth") * 12 * figure(ctx, "engineerRate");
}

/**
 * A fine-tuned model's upkeep: model versions and each new base model release (002), "ongoing ML
 * engineering" (003). Fine-tuning alone has no index: this is all its upkeep; a hybrid pays both.
 */
export function ftUpkeep(ctx: Ctx): number {
  return figure(ctx, "ftUpkeepHoursPerWeek") * 52 * figure(ctx, "engineerRate");
}

/**
 * Evaluation, for every approach (002: "The commonly underestimated cost in both approaches is
 * evaluation: building test sets ... and then running those evaluations continuously"): the set
 * is built in year 1 unless the use case answers that one already exists (a set that "can be rerun
 * as the system evolves", as the assessment asks it): evaluationSet, a one-off line of its own
 * (engine 2.14; 2.13 counted it in the evaluation line, so "then $90,681 a year" beside the
 * build counted it every year); and run every month either way: evaluation.
 */
export function evaluationSet(ctx: Ctx): number {
  return ctx.year === 1 && ctx.a.evaluationSetExists !== true ? weeksOfWork(ctx, figure(ctx, "evalBuildWeeks")) : 0;
}

/** Running the evaluation set, every month of every year (evaluationSet builds it). */
export function evaluation(ctx: Ctx): number {
  return figure(ctx, "evalRunHoursPerMonth") * 12 * figure(ctx, "engineerRate");
}
