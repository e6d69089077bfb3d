/** People: building and keeping a system running, at the engineer rate (000). */
import { figure, HOURS_PER_WEEK, type Ctx } from "./context";

/** RAG build: production 6–12 weeks of engineering (003) at the engineer rate (000), in year 1. */
export function ragBuild(ctx: Ctx): number {
  if (ctx.year !== 1) return 0;
  return figure(ctx, "ragBuildWeeks") * HOURS_PER_WEEK * figure(ctx, "engineerRate");
}

/** Fine-tuning first deployment: 200–400 engineer hours (000) at the engineer rate (000), in year 1. */
export function ftBuild(ctx: Ctx): number {
  if (ctx.year !== 1) return 0;
  return figure(ctx, "ftFirstDeploymentHours") * figure(ctx, "engineerRate");
}

/** Upkeep: hours a week × 52 at the engineer rate (hours not from the seeds). */
export function maintenance(ctx: Ctx): number {
  return figure(ctx, "maintenanceHoursPerWeek") * 52 * figure(ctx, "engineerRate");
}
